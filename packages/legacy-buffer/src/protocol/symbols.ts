/**
 * The registered symbols under which an object exports Python 2's old buffer
 * protocol: the four `PyBufferProcs` slots that came before PEP 3118.
 * `Symbol.for` makes them the same in every realm and in every copy of this
 * package, so an exporter needs no dependency on it.
 *
 * @module
 */

/**
 * The key of `bf_getreadbuffer`: `(segment: number) => SegmentLike`, the
 * bytes of segment `segment` for reading. Throw for a segment that does not
 * exist (CPython's types raise SystemError).
 *
 * @example
 * ```ts
 * import { getReadBufferSymbol, getSegmentCountSymbol, asReadBuffer } from "@pybuffer/legacy-buffer";
 * const bytes = new Uint8Array([1, 2, 3]);
 * const exporter = {
 *   [getSegmentCountSymbol]: () => ({ count: 1, length: bytes.length }),
 *   [getReadBufferSymbol]: (segment: number) => bytes,
 * };
 * asReadBuffer(exporter); // Uint8Array [1, 2, 3]
 * ```
 *
 * @since 0.1.0
 */
export const getReadBufferSymbol: unique symbol = Symbol.for("pybuffer.legacy.getreadbuffer");

/**
 * The key of `bf_getwritebuffer`: like {@link getReadBufferSymbol}, for
 * writing. A type that cannot be written may still have it, and throw
 * (Python 2's `str` raised "Cannot use string as modifiable buffer").
 *
 * @example
 * ```ts
 * import { getWriteBufferSymbol, getSegmentCountSymbol, asWriteBuffer } from "@pybuffer/legacy-buffer";
 * const bytes = new Uint8Array(2);
 * const exporter = {
 *   [getSegmentCountSymbol]: () => ({ count: 1, length: 2 }),
 *   [getWriteBufferSymbol]: () => bytes,
 * };
 * asWriteBuffer(exporter).fill(7); // bytes: [7, 7]
 * ```
 *
 * @since 0.1.0
 */
export const getWriteBufferSymbol: unique symbol = Symbol.for("pybuffer.legacy.getwritebuffer");

/**
 * The key of `bf_getsegcount`: `() => SegmentCount`, the number of segments
 * and their total length in bytes. Every consumer here calls it before
 * touching the data, and wants exactly one segment.
 *
 * @example
 * ```ts
 * import { getSegmentCountSymbol, SegmentedBytes } from "@pybuffer/legacy-buffer";
 * new SegmentedBytes([new Uint8Array(2), new Uint8Array(3)])[getSegmentCountSymbol](); // { count: 2, length: 5 }
 * ```
 *
 * @since 0.1.0
 */
export const getSegmentCountSymbol: unique symbol = Symbol.for("pybuffer.legacy.getsegcount");

/**
 * The key of `bf_getcharbuffer`: like {@link getReadBufferSymbol}, for the
 * 8-bit "text" view. It differs from the read view only for text (Python
 * 2's `unicode` gave its ASCII encoding here, its raw code units there).
 *
 * @example
 * ```ts
 * import { getCharBufferSymbol, getSegmentCountSymbol, asCharBuffer } from "@pybuffer/legacy-buffer";
 * const text = new TextEncoder().encode("abc");
 * const exporter = {
 *   [getSegmentCountSymbol]: () => ({ count: 1, length: 3 }),
 *   [getCharBufferSymbol]: () => text,
 * };
 * asCharBuffer(exporter).length; // 3
 * ```
 *
 * @since 0.1.0
 */
export const getCharBufferSymbol: unique symbol = Symbol.for("pybuffer.legacy.getcharbuffer");
