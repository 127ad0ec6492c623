// The same suite inside the project's own vitest run (vitest is a peer dependency).
import { describeConformance } from "@pybuffer/conformance/vitest";
import adapter from "./conformance.adapter.js";

describeConformance(adapter, { baseline: new URL("./conformance.baseline.json", import.meta.url).pathname });
