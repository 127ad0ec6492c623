// @ts-check
/**
 * Adapters for core's `MemoryView` as an exporter: a memoryview over an
 * NDArray (every layout, PIL included), and a memoryview made by casting
 * bytes (C-contiguous, native formats). Read-only descriptions get
 * `toReadonly()` of a writable view, so derived views export too. The
 * locked operation is `release()`, which a memoryview refuses while buffers
 * taken from it are held.
 *
 * @module
 */

import { memoryview, MemoryView } from "@pybuffer/core";
import { presetCapabilities } from "@pybuffer/conformance";
import { NDARRAY_FORMATS, ndarrayFrom } from "./ndarray.js";

/** @typedef {import("@pybuffer/conformance").ConformanceAdapter<MemoryView>} MemoryViewAdapter */
/** @typedef {import("@pybuffer/conformance").ExporterDescription} ExporterDescription */

/** Native single-character formats: what `cast` accepts. */
const CAST_FORMATS = ["B", "b", "c", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "e", "f", "d", "P"];

/**
 * @param {MemoryView} m
 * @param {ExporterDescription} d
 */
function finish(m, d) {
  if (!d.readonly) return m;
  const readonly = m.toReadonly();
  m.release(); // the read-only view keeps the managed buffer alive
  return readonly;
}

/** @param {MemoryView} m */
function release(m) {
  m.release();
}

/** @type {MemoryViewAdapter[]} */
export const memoryviewAdapters = [
  {
    name: "memoryview-ndarray",
    capabilities: presetCapabilities("ndarray", { formats: NDARRAY_FORMATS, suboffsets: true, resizable: true }),
    create: (d) => finish(memoryview(ndarrayFrom({ ...d, readonly: false })), d),
    resize: release,
  },
  {
    name: "memoryview-cast",
    capabilities: presetCapabilities("ndarray", { formats: CAST_FORMATS, layouts: ["C"], resizable: true }),
    create(d) {
      const nbytes = d.shape.reduce((p, e) => p * e, d.itemsize);
      if (d.shape.includes(0) && d.ndim !== 1) {
        // cast() refuses zeros in a shape of more than one dimension; build it over an NDArray.
        return finish(memoryview(ndarrayFrom({ ...d, readonly: false })), d);
      }
      const bytes = memoryview(new Uint8Array(d.bytes.buffer, d.offset, nbytes));
      const cast = d.ndim === 1 && nbytes === 0 ? bytes.cast(d.format) : bytes.cast(d.format, d.shape);
      bytes.release();
      return finish(cast, d);
    },
    resize: release,
  },
];
