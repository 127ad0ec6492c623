/**
 * Every `@example` in core's TSDoc runs, and the values its comments state
 * hold (see scripts/doc-examples.ts).
 */
import * as core from "../src/index.ts";
import * as internal from "../src/internal.ts";
import { describeDocExamples } from "../../../scripts/doc-examples.ts";

describeDocExamples(new URL("../src", import.meta.url), { "@pybuffer/core": core, "@pybuffer/core/internal": internal }, 90);
