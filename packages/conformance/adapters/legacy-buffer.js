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
import { presetCapabilities } from "@pybuffer/conformance";

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>[]} */
export const legacyBufferAdapters = [
  {
    name: "legacy-buffer",
    // CPython 2.7's buffer answers new-protocol requests with PyBuffer_FillInfo: bytes-like (serves FORMAT without ND).
    capabilities: presetCapabilities("bytes-like"),
    create: (d) => {
      const base = new Uint8Array(d.bytes.buffer);
      const size = /** @type {number} */ (d.shape[0]);
      return d.readonly ? buffer(base, d.offset, size) : fromReadWriteObject(base, d.offset, size);
    },
  },
];
