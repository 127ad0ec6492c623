// @ts-check
/**
 * Adapters for the ECMAScript built-ins core exports: every TypedArray (like
 * CPython's array.array), ArrayBuffer (fixed and resizable),
 * SharedArrayBuffer and DataView (like bytearray). Built-ins have no method
 * under `Symbol.for("pybuffer.getbuffer")`: core answers for them, so the
 * raw answers come through core's `getBuffer` (the report says so).
 *
 * @module
 */

import { getBuffer, releaseBuffer } from "@pybuffer/core";
import { presetCapabilities } from "@pybuffer/conformance";

/** @typedef {import("@pybuffer/conformance").ConformanceAdapter<object>} BuiltinAdapter */
/** @typedef {import("@pybuffer/conformance").Capabilities} Capabilities */
/** @typedef {import("@pybuffer/conformance").ExporterDescription} ExporterDescription */

/**
 * One-dimensional, C-contiguous, writable; they serve SIMPLE|FORMAT (lax,
 * like CPython's built-ins); no export counting and no lock.
 *
 * @param {string} format
 * @returns {Capabilities}
 */
function capabilities(format) {
  return presetCapabilities("bytes-like", { formats: [format], readonly: false });
}

/** The description's items as a fresh ArrayBuffer holding exactly them. @param {ExporterDescription} d */
function window(d) {
  const length = /** @type {number} */ (d.shape[0]) * d.itemsize;
  return d.bytes.buffer.slice(d.offset, d.offset + length);
}

/**
 * @param {string} name
 * @param {string} format
 * @param {(d: ExporterDescription) => object} create
 * @returns {BuiltinAdapter}
 */
function builtin(name, format, create) {
  return {
    name,
    capabilities: capabilities(format),
    create,
    getBuffer: (exporter, flags) => getBuffer(exporter, flags),
    releaseBuffer: (_exporter, record) => releaseBuffer(record),
  };
}

/**
 * A TypedArray over the description's whole memory, starting at its offset
 * (so the block is larger than the array when the description has slack).
 *
 * @param {string} name
 * @param {string} format
 * @param {new (buffer: ArrayBuffer, byteOffset: number, length: number) => object} Type
 * @returns {BuiltinAdapter}
 */
function typed(name, format, Type) {
  return builtin(name, format, (d) => new Type(/** @type {ArrayBuffer} */ (d.bytes.buffer), d.offset, /** @type {number} */ (d.shape[0])));
}

/** @type {BuiltinAdapter[]} */
export const builtinAdapters = [
  typed("builtin-Int8Array", "b", Int8Array),
  typed("builtin-Uint8Array", "B", Uint8Array),
  typed("builtin-Uint8ClampedArray", "B", Uint8ClampedArray),
  typed("builtin-Int16Array", "h", Int16Array),
  typed("builtin-Uint16Array", "H", Uint16Array),
  typed("builtin-Int32Array", "i", Int32Array),
  typed("builtin-Uint32Array", "I", Uint32Array),
  typed("builtin-Float32Array", "f", Float32Array),
  typed("builtin-Float64Array", "d", Float64Array),
  typed("builtin-BigInt64Array", "q", BigInt64Array),
  typed("builtin-BigUint64Array", "Q", BigUint64Array),
  builtin("builtin-DataView", "B", (d) => new DataView(d.bytes.buffer, d.offset, /** @type {number} */ (d.shape[0]))),
  builtin("builtin-ArrayBuffer", "B", (d) => window(d)),
  builtin("builtin-ArrayBuffer-resizable", "B", (d) => {
    const bytes = new Uint8Array(window(d));
    const buffer = new ArrayBuffer(bytes.length, { maxByteLength: bytes.length + 16 });
    new Uint8Array(buffer).set(bytes);
    return buffer;
  }),
  builtin("builtin-SharedArrayBuffer", "B", (d) => {
    const bytes = new Uint8Array(window(d));
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    return shared;
  }),
];

// Float16Array is in Node 24 (and behind a flag before); include it where the runtime has it.
const Float16 = /** @type {{ Float16Array?: new (buffer: ArrayBuffer, byteOffset: number, length: number) => object }} */ (globalThis).Float16Array;
if (Float16 !== undefined) builtinAdapters.push(typed("builtin-Float16Array", "e", Float16));
