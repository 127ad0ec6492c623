/**
 * Every `@example` in legacy-buffer's TSDoc runs, and the values its comments
 * state hold (see scripts/doc-examples.ts).
 */
import * as core from "@pybuffer/core";
import * as legacy from "../src/index.ts";
import { describeDocExamples } from "../../../scripts/doc-examples.ts";

describeDocExamples(new URL("../src", import.meta.url), { "@pybuffer/core": core, "@pybuffer/legacy-buffer": legacy }, 40);
