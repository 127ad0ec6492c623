// @ts-check
/**
 * The description's bytes placed so that a TypedArray of its itemsize can
 * address every item: the conformance suite may put item [0, ..., 0] at
 * any byte offset, a TypedArray starts at a multiple of its element size.
 *
 * @module
 */

/** @typedef {import("@pybuffer/conformance").ExporterDescription} ExporterDescription */

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
