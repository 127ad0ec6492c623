// @ts-check
/**
 * Adapters for core's reference exporter, `NDArray`, in its flag variants:
 * C, Fortran, strided, negative strides, broadcast (zero) strides, 0-d, PIL,
 * each both writable and read-only; plus a redirecting re-exporter (records
 * name the root) and a plain re-exporter (a consumer that exports again).
 *
 * @module
 */

import { NDArray, NDArrayFlags, Struct } from "@pybuffer/core";
import { presetCapabilities } from "@pybuffer/conformance";

/** @typedef {import("@pybuffer/conformance").ConformanceAdapter<NDArray>} NDArrayAdapter */
/** @typedef {import("@pybuffer/conformance").Capabilities} Capabilities */
/** @typedef {import("@pybuffer/conformance").ExporterDescription} ExporterDescription */

/** Formats NDArray exports verbatim: native codes, standard-size modes, multi-value and padded formats. */
export const NDARRAY_FORMATS = Object.freeze([
  "B", "b", "c", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "e", "f", "d", "P",
  "@i", "<h", ">i", "=q", "!d", "<d", ">f", "2h", "bi", "<Hq", "3s", "x?",
]);

/**
 * Builds an original NDArray from a description: the description's memory
 * as items, its shape, strides and offset; WRITABLE unless read-only; PIL
 * when indirect; FORTRAN (instead of explicit strides) when the strides are
 * exactly Fortran strides.
 *
 * @param {ExporterDescription} d
 * @returns {NDArray}
 */
export function ndarrayFrom(d) {
  let flags = d.readonly ? 0 : NDArrayFlags.WRITABLE;
  if (d.indirect) flags |= NDArrayFlags.PIL;
  if (d.ndim === 0) {
    return new NDArray(d.items[d.offset / d.itemsize], { shape: [], format: d.format, flags });
  }
  let items = [...d.items];
  let offset = d.offset;
  if (d.shape.includes(0)) {
    // No item is reachable; NDArray still wants one item of memory in bounds.
    if (items.length === 0) {
      const zero = new Struct(d.format, { abi: d.abi }).unpack(new Uint8Array(d.itemsize));
      items = [zero.length === 1 ? /** @type {import("@pybuffer/core").StructValue} */ (zero[0]) : zero];
    }
    offset = 0;
  }
  if (!d.indirect && sameNumbers(d.strides, fortranStrides(d.shape, d.itemsize)) && !sameNumbers(d.strides, cStrides(d.shape, d.itemsize))) {
    return new NDArray(items, { shape: d.shape, offset, format: d.format, flags: flags | NDArrayFlags.FORTRAN, abi: d.abi });
  }
  return new NDArray(items, { shape: d.shape, strides: d.strides, offset, format: d.format, flags, abi: d.abi });
}

/** @param {readonly number[]} shape @param {number} itemsize */
function fortranStrides(shape, itemsize) {
  const out = [];
  let s = itemsize;
  for (const e of shape) {
    out.push(s);
    s *= e;
  }
  return out;
}

/** @param {readonly number[]} shape @param {number} itemsize */
function cStrides(shape, itemsize) {
  const out = new Array(shape.length);
  let s = itemsize;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= /** @type {number} */ (shape[i]);
  }
  return out;
}

/** @param {readonly number[]} a @param {readonly number[]} b */
function sameNumbers(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * `push` changes an NDArray's structure; `_testbuffer.ndarray` refuses it
 * while buffers are exported ("cannot change structure: N exported buffers").
 *
 * @param {NDArray} nd
 */
function push(nd) {
  nd.push([1], { shape: [1], format: "B" });
}

/**
 * @param {Partial<Capabilities>} overrides
 * @returns {Capabilities}
 */
function capabilities(overrides) {
  return presetCapabilities("ndarray", { formats: NDARRAY_FORMATS, minNdim: 1, layouts: ["C"], resizable: true, ...overrides });
}

/**
 * @param {string} name
 * @param {Partial<Capabilities>} overrides
 * @returns {NDArrayAdapter}
 */
function original(name, overrides) {
  return { name, capabilities: capabilities(overrides), create: ndarrayFrom, resize: push };
}

/** @type {NDArrayAdapter[]} */
export const ndarrayAdapters = [
  original("ndarray-c", { layouts: ["C"] }),
  original("ndarray-fortran", { layouts: ["F"] }),
  original("ndarray-strided", { layouts: ["strided"] }),
  original("ndarray-negative-strides", { layouts: ["negative"] }),
  original("ndarray-zero-strides", { layouts: ["zero"] }),
  original("ndarray-0d", { minNdim: 0, maxNdim: 0 }),
  original("ndarray-pil", { layouts: ["C", "F", "strided", "negative"], suboffsets: true }),
  {
    // ND_REDIRECT: a re-exporter that forwards every request to its exporter,
    // so records name the root NDArray as obj.
    name: "ndarray-redirect",
    capabilities: capabilities({ layouts: ["C", "F", "strided", "negative"], suboffsets: true, resizable: false, redirect: true }),
    create: (d) => new NDArray(ndarrayFrom(d), { getbuf: d.readonly ? 0x11c : 0x11d, flags: NDArrayFlags.REDIRECT }),
    root: (nd) => /** @type {object} */ (nd.obj),
  },
  {
    // A consumer that exports again (re-export scheme): records name the re-exporter.
    name: "ndarray-reexport",
    capabilities: capabilities({ minNdim: 0, layouts: ["C", "F", "strided", "negative", "zero"], suboffsets: true, resizable: false }),
    create: (d) => new NDArray(ndarrayFrom(d), { getbuf: d.readonly ? 0x11c : 0x11d }),
  },
];
