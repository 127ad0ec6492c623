// @ts-check
/**
 * What the interop adapters share: the manifest they declare (each narrows
 * it), and the description's bytes placed so that a TypedArray of its
 * itemsize can address every item (the suite may put item [0, ..., 0] at
 * any byte offset; a TypedArray starts at a multiple of its element size).
 *
 * @module
 */

import { presetCapabilities } from "@pybuffer/conformance";

/** @typedef {import("@pybuffer/conformance").ExporterDescription} ExporterDescription */
/** @typedef {import("@pybuffer/conformance").Capabilities} Capabilities */

/**
 * The manifest of an `ElementExporter` over a library's arrays: every layout
 * the library can stride, writable or read-only (`toExporter`'s option), no
 * export counting (the exporters lock nothing).
 *
 * @param {readonly string[]} formats
 * @param {Partial<Capabilities>} [overrides]
 * @returns {Capabilities}
 */
export function elementCapabilities(formats, overrides = {}) {
  return presetCapabilities("ndarray", { formats, ...overrides });
}

/**
 * A fresh ArrayBuffer holding `d.bytes`, shifted so that item [0, ..., 0]
 * is element `offset` of the buffer, which holds `length` whole elements.
 *
 * @param {ExporterDescription} d
 * @returns {{ memory: ArrayBuffer, offset: number, length: number }}
 */
export function alignedElements(d) {
  const pad = (d.itemsize - (d.offset % d.itemsize)) % d.itemsize;
  const length = Math.ceil((pad + d.bytes.length) / d.itemsize);
  const memory = new ArrayBuffer(length * d.itemsize);
  new Uint8Array(memory).set(d.bytes, pad);
  return { memory, offset: (d.offset + pad) / d.itemsize, length };
}

/** @param {readonly number[]} strides @param {number} itemsize */
export function elementStrides(strides, itemsize) {
  return strides.map((stride) => stride / itemsize);
}
