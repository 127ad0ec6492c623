// @ts-check
/**
 * Every exporter this repository ships, as conformance adapters. The root
 * `npm run conformance` runs the built CLI on this module:
 *
 *     node packages/conformance/dist/cli/main.js run packages/conformance/adapters/index.js
 *
 * All MUST properties must pass for every adapter here with an empty
 * baseline. A failure is a bug in the exporter (or in the suite): fix it,
 * never baseline it.
 *
 * @module
 */

import { builtinAdapters } from "./builtins.js";
import { legacyBufferAdapters } from "./legacy-buffer.js";
import { memoryviewAdapters } from "./memoryview.js";
import { ndarrayAdapters } from "./ndarray.js";
import { nodeAdapterAdapters } from "./node-adapter.js";
import { numpyAdapters } from "./numpy.js";

// A new exporter in this repository gets its adapter in a file of its own
// here, spread into the list below. The CLI imports the packages' built
// dist/, so `npm run conformance` builds everything first (turbo).

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>[]} */
const adapters = [...builtinAdapters, ...ndarrayAdapters, ...memoryviewAdapters, ...legacyBufferAdapters, ...nodeAdapterAdapters, ...numpyAdapters];

export default adapters;
