/**
 * `@pybuffer/core`: CPython's `struct` module, the PEP 3118 buffer protocol
 * and `memoryview`, for JavaScript and TypeScript.
 *
 * @module
 */

// The declarations use `Disposable` and `Symbol.dispose` (ECMAScript explicit
// resource management). Referencing the lib here makes the published .d.ts
// stand alone for consumers whose own "lib" lacks it; preserve="true" keeps
// the directive in declaration output (TypeScript 5.5+ drops it otherwise).
/// <reference lib="esnext.disposable" preserve="true" />

export {
  BufferError,
  IndexError,
  isPythonError,
  MemoryError,
  NotImplementedError,
  OverflowError,
  PyTypeError,
  RuntimeError,
  StructError,
  SystemError,
  UnicodeEncodeError,
  ValueError,
  type PythonError,
  type OSErrorType,
  type PythonErrorType,
} from "./errors/python-errors.ts";

export { abiProfile, DEFAULT_ABI, isAbiName, type AbiName, type AbiProfile } from "./format/abi.ts";
export { calcsize, iterUnpack, pack, packInto, unpack, unpackFrom, type FormatArgument } from "./struct/functions.ts";
export { Struct, type StructOptions } from "./struct/struct.ts";
export { StructUnpackIterator } from "./struct/unpack-iterator.ts";
export type { Complex, StructValue } from "./format/values.ts";

export { BufferFlags, MAX_NDIM } from "./protocol/flags.ts";
export { getBufferSymbol, releaseBufferSymbol } from "./protocol/symbols.ts";
export type { BufferExporter, BufferRecord, MemoryBlock } from "./protocol/buffer-record.ts";
export { checkBuffer, getBuffer, releaseBuffer, type GetBufferOptions } from "./protocol/get-buffer.ts";
export type { BufferLayout, ContiguityOrder } from "./protocol/contiguity.ts";
export { serveRequest, type ExporterContiguity, type RequestMessages } from "./protocol/serve-request.ts";
export { checkedBase } from "./arguments/checked-base.ts";
export { copyData } from "./protocol/contiguous-copy.ts";
export { fillContiguousStrides, fillInfo, fromContiguous, getPointer, isContiguous, toContiguous } from "./arguments/c-api-helpers.ts";
export { growableBlock, isWasmMemory, type WasmMemory } from "./protocol/live-memory.ts";
export { currentBlock, isDetached } from "./arguments/memory-helpers.ts";
export { sizeFromFormat } from "./protocol/size-from-format.ts";
export { adjustSliceIndices, Ellipsis, Slice, slice, unpackSlice, type SliceBound } from "./indexing/slice.ts";
export { NDArray, type NDArrayOptions, type NDArrayPushOptions } from "./ndarray/ndarray.ts";
export { NDArrayFlags, ND_MAX_NDIM } from "./ndarray/ndarray-flags.ts";
export { MemoryView, memoryview, type MemoryViewKey, type MemoryViewOptions } from "./memoryview/memoryview.ts";
export { memoryViewFromBuffer, memoryViewFromMemory, getContiguous } from "./memoryview/c-api.ts";
export {
  BufferArgument,
  bytesArgument,
  optionalTextOrBytesArgument,
  textOrBytesArgument,
  writableBytesArgument,
} from "./arguments/buffer-argument.ts";
export type { ArgumentPosition } from "./arguments/bytes-argument.ts";
export { isArrayBuffer, isMemoryBlock, isSharedArrayBuffer } from "./protocol/builtin-exporters.ts";
export { pythonTypeNameSymbol } from "./internal/python-type-name.ts";
export { pythonLengthSymbol } from "./internal/python-length.ts";
export { parseExtendedFormat, type ExtendedFormatOptions } from "./pep3118/parse-extended-format.ts";
export { recordReader, type RecordReader } from "./pep3118/record-reader.ts";
export { minimumItemsize, type ExtendedType, type ScalarKind, type ScalarType, type StructField, type StructType, type SubarrayType } from "./pep3118/extended-type.ts";
