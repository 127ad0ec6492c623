// @ts-check
/**
 * The conformance adapter for Matrix: how to build one from a description,
 * and what Matrix can do (its capability manifest). Run it with
 *
 *     npx pybuffer-conformance run ./conformance.adapter.js --baseline conformance.baseline.json
 *
 * @module
 */

import { Matrix } from "./matrix.js";

/** @type {import("@pybuffer/conformance").ConformanceAdapter<Matrix>} */
const adapter = {
  name: "example-matrix",
  version: "1.0.0",
  homepage: "https://example.com/matrix",
  capabilities: {
    // Doubles only, always two-dimensional.
    formats: ["d"],
    minNdim: 2,
    maxNdim: 2,
    // Row and column strides can be anything but zero, so all of these are views.
    layouts: ["C", "F", "strided", "negative"],
    suboffsets: false,
    readonly: true,
    writable: true,
    // Like memoryview: SIMPLE|FORMAT is refused.
    formatWithoutShape: "refuse",
    countsExports: true,
    resizable: true,
    redirect: false,
  },
  create(d) {
    // The description's memory, strides and offset map one to one onto Matrix's (in elements).
    const data = new Float64Array(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength / 8);
    return new Matrix(/** @type {number} */ (d.shape[0]), /** @type {number} */ (d.shape[1]), {
      data,
      rowStride: /** @type {number} */ (d.strides[0]) / 8,
      colStride: /** @type {number} */ (d.strides[1]) / 8,
      offset: d.offset / 8,
      readonly: d.readonly,
    });
  },
  exportCount: (matrix) => matrix.exports,
  resize: (matrix) => matrix.resize(2, 2),
};

export default adapter;
