// @ts-check
/**
 * Adapter for `@pybuffer/numpy`'s exporter: an `NpyArray` loaded from the
 * `.npy` bytes of the description's items, in C order. Its formats are
 * those NumPy can hold; its native sizes are lp64's, as NumPy's on 64-bit Linux.
 *
 * @module
 */

import { presetCapabilities } from "@pybuffer/conformance";
import { getBufferSymbol } from "@pybuffer/core";
import { loadNpy, saveNpy } from "@pybuffer/numpy";

/** @typedef {import("@pybuffer/conformance").ExporterDescription} ExporterDescription */

/** Formats NumPy holds and exports as written (it refuses c, n, N, P and spells q, <h, !d its own way). */
const NUMPY_FORMATS = Object.freeze(["B", "b", "?", "h", "H", "i", "I", "l", "L", "e", "f", "d", ">i", ">f", "3s"]);

/**
 * The description's items as `.npy` bytes, loaded back.
 *
 * @param {ExporterDescription} d
 */
function npyArrayOf(d) {
  const source = {
    [getBufferSymbol]: () => ({
      obj: source,
      memory: d.bytes.buffer,
      buf: d.bytes.byteOffset + d.offset,
      len: d.shape.reduce((p, n) => p * n, d.itemsize),
      itemsize: d.itemsize,
      readonly: true,
      format: d.format,
      ndim: d.shape.length,
      shape: d.shape.length === 0 ? null : d.shape,
      strides: d.shape.length === 0 ? null : d.strides,
      suboffsets: null,
      internal: null,
    }),
  };
  return loadNpy(saveNpy(source), { writable: !d.readonly });
}

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>[]} */
export const numpyAdapters = [
  {
    name: "numpy-NpyArray",
    // saveNpy writes C order whenever a source is C-contiguous (as NumPy does), so a
    // description that is both C- and Fortran-contiguous comes back with C strides:
    // only C layouts are reproduced exactly (Fortran files are tested in packages/numpy).
    capabilities: presetCapabilities("ndarray", { formats: NUMPY_FORMATS, layouts: ["C"] }),
    create: npyArrayOf,
  },
];
