/**
 * Every `@example` in conformance's TSDoc runs, and the values its comments
 * state hold (see scripts/doc-examples.ts).
 */
import * as core from "@pybuffer/core";
import * as conformance from "../src/node.ts";
import * as conformanceVitest from "../src/vitest/index.ts";
import * as matrixAdapter from "../examples/matrix/conformance.adapter.js";
import * as matrix from "../examples/matrix/matrix.js";
import { describeDocExamples } from "../../../scripts/doc-examples.ts";

describeDocExamples(
  new URL("../src", import.meta.url),
  {
    "@pybuffer/core": core,
    // What Node.js resolves the package to (the `node` condition: with runCli).
    "@pybuffer/conformance": conformance,
    "@pybuffer/conformance/vitest": conformanceVitest,
    // The examples import a user's adapter module and exporter: examples/matrix stands for them.
    "./conformance.adapter.js": matrixAdapter,
    "./matrix.js": matrix,
  },
  8,
  {
    // describe() belongs at the top level of a test file, not inside a test;
    // test/vitest-integration.test.ts runs the same call against examples/matrix.
    "src/vitest/index.ts#describeConformance": "a user's conformance.test.ts: describe() at the top level of a test file",
  },
);
