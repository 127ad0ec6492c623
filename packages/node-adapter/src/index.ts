/**
 * `@pybuffer/node-adapter`: Node.js hosts for the Python buffer protocol.
 * Pool-safe Buffer conversions, export locks and movement detection for
 * growable memory (resizable and growable buffers, WebAssembly.Memory),
 * I/O that writes any exporter to files and streams and reads into any
 * writable one, and views shared across worker threads.
 *
 * @module
 */

// The declarations use `Disposable` and `Symbol.dispose` (ECMAScript explicit
// resource management). Referencing the lib here makes the published .d.ts
// stand alone for consumers whose own "lib" lacks it; preserve="true" keeps
// the directive in declaration output (TypeScript 5.5+ drops it otherwise).
/// <reference lib="esnext.disposable" preserve="true" />

export { features, type PlatformFeatures } from "./platform/features.ts";

export { isPooledBuffer } from "./buffer/pooled-buffer.ts";
export { bufferOf, toBuffer, type BufferConversion, type CopyPolicy, type ToBufferOptions } from "./buffer/to-buffer.ts";

export {
  MemoryRegion,
  type GrowableMemory,
  type MemoryRegionOptions,
  type WebAssemblyMemory,
} from "./memory/memory-region.ts";
export { ResizableBytes, type ResizableBytesOptions } from "./memory/resizable-bytes.ts";

export { ReadError, WriteError, type IOErrorType } from "./io/io-errors.ts";
export type { FileTarget } from "./io/file-target.ts";
export type { AsyncFileSystem, SyncFileSystem } from "./io/file-system.ts";
export { writeSync, type WriteSyncOptions } from "./io/write-sync.ts";
export { write, type WriteOptions, type WriteTarget } from "./io/write.ts";
export { readIntoSync, type ReadIntoSyncOptions } from "./io/read-into-sync.ts";
export { readInto, type ReadIntoOptions, type ReadSource } from "./io/read-into.ts";

export {
  fromSharedView,
  isSharedViewDescriptor,
  shareView,
  type NonSharedPolicy,
  type SharedViewDescriptor,
  type ShareViewOptions,
} from "./worker/shared-view.ts";
