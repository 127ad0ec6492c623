/**
 * Every `@example` in node-adapter's TSDoc runs, and the values its comments
 * state hold (see scripts/doc-examples.ts).
 */
import * as fs from "node:fs";
import * as stream from "node:stream";
import * as core from "@pybuffer/core";
import * as adapter from "../src/index.ts";
import { describeDocExamples } from "../../../scripts/doc-examples.ts";

describeDocExamples(
  new URL("../src", import.meta.url),
  { "@pybuffer/core": core, "@pybuffer/node-adapter": adapter, "node:fs": fs, "node:stream": stream },
  40,
  {
    // The two halves of a worker-thread exchange: they need a worker script file
    // and a parent port; test/worker/ runs the same exchange for real.
    "src/worker/shared-view.ts#shareView": "the sending half: needs ./worker.js next to the caller",
    "src/worker/shared-view.ts#fromSharedView": "the receiving half: runs inside a worker thread",
  },
);
