/**
 * Every `@example` in conformance's TSDoc runs, and the values its comments
 * state hold (see scripts/doc-examples.ts).
 */
import * as core from "@pybuffer/core";
import * as conformance from "../src/index.ts";
import * as conformanceVitest from "../src/vitest/index.ts";
import { describeDocExamples } from "../../../scripts/doc-examples.ts";

describeDocExamples(
  new URL("../src", import.meta.url),
  { "@pybuffer/core": core, "@pybuffer/conformance": conformance, "@pybuffer/conformance/vitest": conformanceVitest },
  8,
  {
    // Excerpts of a user's own adapter module and test file: they name the
    // user's types and files (Matrix, Acme, ./conformance.adapter.js). The
    // same calls run for real in test/ against examples/matrix and adapters/.
    "src/adapter/types.ts:123": "an instance of the user's own Image type",
    "src/adapter/types.ts:220": "an instance adapter for the user's own Image type",
    "src/adapter/unsupported.ts:25": "the create property of the user's own adapter, declining a description",
    "src/index.ts:53": "an adapter module for the user's own Acme type",
    "src/engine/replay.ts:41": "replays a failure of the user's ./conformance.adapter.js",
    "src/engine/run.ts:253": "runs the user's ./conformance.adapter.js",
    "src/vitest/index.ts:47": "a user's conformance.test.ts: describe() at the top level of a test file",
  },
);
