// @ts-check
/**
 * Every `@pybuffer/interop` bridge as conformance adapters over the
 * libraries' own objects. The root `npm run conformance` runs them with the
 * repository's other adapters; `test/conformance.test.ts` runs them in vitest.
 *
 * @module
 */

import apacheArrow from "./apache-arrow.adapter.js";
import scijsNdarray from "./ndarray.adapter.js";
import stdlibNdarray from "./stdlib-ndarray.adapter.js";

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>[]} */
const adapters = [scijsNdarray, stdlibNdarray, apacheArrow];

export default adapters;
