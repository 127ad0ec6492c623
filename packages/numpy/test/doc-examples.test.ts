/**
 * Every `@example` in numpy's TSDoc runs, and the values its comments state
 * hold (see scripts/doc-examples.ts).
 */
import * as core from "@pybuffer/core";
import * as numpy from "../src/index.ts";
import * as numpyNode from "../src/node/index.ts";
import { describeDocExamples } from "../../../scripts/doc-examples.ts";

describeDocExamples(new URL("../src", import.meta.url), { "@pybuffer/core": core, "@pybuffer/numpy": numpy, "@pybuffer/numpy/node": numpyNode }, 14);
