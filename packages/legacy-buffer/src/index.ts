/**
 * `@pybuffer/legacy-buffer`: Python 2's `buffer` object and the old buffer
 * protocol (read, write, segment-count and char-buffer slots), after CPython
 * 2.7.18, bridged both ways to PEP 3118.
 *
 * @module
 */

// The declarations use `Disposable` and `Symbol.dispose` (ECMAScript explicit
// resource management). Referencing the lib here makes the published .d.ts
// stand alone for consumers whose own "lib" lacks it; preserve="true" keeps
// the directive in declaration output (TypeScript 5.5+ drops it otherwise).
/// <reference lib="esnext.disposable" preserve="true" />

export { getCharBufferSymbol, getReadBufferSymbol, getSegmentCountSymbol, getWriteBufferSymbol } from "./protocol/symbols.ts";
export type { OldBufferExporter, Segment, SegmentCount, SegmentLike } from "./protocol/segment.ts";
export { asCharBuffer, asReadBuffer, asWriteBuffer, checkReadBuffer } from "./protocol/abstract.ts";

export { LegacyBuffer, type IntegerArgument, type LegacyBufferKey } from "./buffer/legacy-buffer.ts";
export { buffer, bufferFromMemory, fromObject, bufferFromReadWriteMemory, fromReadWriteObject, newBuffer } from "./buffer/constructors.ts";
export { objectId } from "./buffer/object-id.ts";

export { charBufferArgument, optionalReadBufferArgument, readBufferArgument, writeBufferArgument } from "./arguments/pointer-arguments.ts";
export { bufferArgument, optionalBufferArgument, writableBufferArgument } from "./arguments/held-arguments.ts";

export { SegmentedBytes } from "./exporters/segmented-bytes.ts";
