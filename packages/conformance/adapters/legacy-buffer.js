// @ts-check
/**
 * Adapters for `@pybuffer/legacy-buffer`: Python 2's `buffer` object as a
 * new-protocol (PEP 3118) exporter, over a window of a Uint8Array:
 * `buffer(obj, offset, size)` (read-only) and
 * `fromReadWriteObject(obj, offset, size)` (writable).
 *
 * @module
 */

import { buffer, fromReadWriteObject } from "@pybuffer/legacy-buffer";

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>[]} */
export const legacyBufferAdapters = [
  {
    name: "legacy-buffer",
    capabilities: {
      formats: ["B"],
      minNdim: 1,
      maxNdim: 1,
      layouts: ["C"],
      suboffsets: false,
      readonly: true,
      writable: true,
      // CPython 2.7's buffer answers new-protocol requests with PyBuffer_FillInfo.
      formatWithoutShape: "serve",
      countsExports: false,
      resizable: false,
      redirect: false,
    },
    create: (d) => {
      const base = new Uint8Array(d.bytes.buffer);
      const size = /** @type {number} */ (d.shape[0]);
      return d.readonly ? buffer(base, d.offset, size) : fromReadWriteObject(base, d.offset, size);
    },
  },
];
