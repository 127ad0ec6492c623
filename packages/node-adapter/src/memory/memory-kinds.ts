/**
 * What this package knows about a memory block beyond its type: whether a
 * {@link ResizableBytes} owns it (so it cannot be resized while any export
 * is held), or whether it is the current `buffer` of a non-shared
 * `WebAssembly.Memory` (so `grow()` will detach it). A record carries only
 * the block, so the knowledge is kept by block identity.
 *
 * @module
 */

import type { MemoryBlock } from "@pybuffer/core";

const locked = new WeakSet<MemoryBlock>();
const wasm = new WeakSet<MemoryBlock>();

/** Marks a resizable block whose owner refuses to resize it while exports are held. */
export function markExportLocked(memory: MemoryBlock): void {
  locked.add(memory);
}

/** Whether `memory` is guarded by an export lock. */
export function isExportLocked(memory: MemoryBlock): boolean {
  return locked.has(memory);
}

/** Marks the `buffer` of a non-shared WebAssembly.Memory. */
export function markWasmBuffer(memory: MemoryBlock): void {
  wasm.add(memory);
}

/** Whether `memory` is a non-shared WebAssembly.Memory's buffer seen by this package. */
export function isWasmBuffer(memory: MemoryBlock): boolean {
  return wasm.has(memory);
}
