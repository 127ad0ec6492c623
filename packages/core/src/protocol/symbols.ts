/**
 * The registered symbols under which an object exports the buffer protocol.
 * `Symbol.for` makes them the same in every realm and in every copy of
 * `@pybuffer/core` loaded into one process, so an exporter needs no
 * dependency on this package.
 *
 * @module
 */

/**
 * The key of an exporter's get-buffer method, `(flags: number) => BufferRecord`
 * (CPython's `bf_getbuffer`).
 *
 * @example
 * ```ts
 * import { getBufferSymbol, fillInfo, getBuffer, BufferFlags } from "@pybuffer/core";
 * const memory = new ArrayBuffer(4);
 * const exporter = { [getBufferSymbol](flags: number) { return fillInfo(exporter, memory, 0, 4, false, flags); } };
 * getBuffer(exporter, BufferFlags.SIMPLE).len; // 4
 * ```
 *
 * @since 0.1.0
 */
export const getBufferSymbol: unique symbol = Symbol.for("pybuffer.getbuffer");

/**
 * The key of an exporter's optional release method, `(view: BufferRecord) => void`
 * (CPython's `bf_releasebuffer`).
 *
 * @example
 * ```ts
 * import { getBufferSymbol, releaseBufferSymbol, fillInfo } from "@pybuffer/core";
 * let exports = 0;
 * const memory = new ArrayBuffer(8);
 * const exporter = {
 *   [getBufferSymbol](flags: number) { const v = fillInfo(exporter, memory, 0, 8, false, flags); exports++; return v; },
 *   [releaseBufferSymbol]() { exports--; },
 * };
 * ```
 *
 * @since 0.1.0
 */
export const releaseBufferSymbol: unique symbol = Symbol.for("pybuffer.releasebuffer");
