/**
 * The check before every access to a held buffer: JavaScript cannot stop a
 * resizable ArrayBuffer from shrinking or an ArrayBuffer from being
 * detached, so a consumer re-checks that the record's items are still inside
 * its memory, and fails clearly instead of reading zeros.
 *
 * One kind of detachment is not a loss: `WebAssembly.Memory#grow()` detaches
 * the memory's `ArrayBuffer` but keeps every address (WebAssembly JS API,
 * "grow the memory buffer"). A block taken from such a memory is remembered
 * here with its memory, so a consumer that finds it detached goes on over the
 * memory's current buffer at the same byte offsets.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { BufferError, PyTypeError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { BufferRecord, MemoryBlock } from "./buffer-record.ts";
import { isDetached, isMemoryBlock } from "./builtin-exporters.ts";
import { boundsProblem } from "./validate-record.ts";

/**
 * A `WebAssembly.Memory`, as far as core uses one (declared here so that no
 * WebAssembly type library is needed).
 *
 * @example
 * ```ts
 * import type { WasmMemory } from "@pybuffer/core";
 * const memory: WasmMemory = new WebAssembly.Memory({ initial: 1 });
 * ```
 *
 * @since 0.1.0
 */
export interface WasmMemory {
  /**
   * The current block; `grow()` replaces it and detaches the old one (unless shared).
   *
   * @since 0.1.0
   */
  readonly buffer: MemoryBlock;
  /** @since 0.1.0 */
  grow(delta: number): number;
}

/** Each block seen from a WebAssembly.Memory, with its memory. */
const owners = new WeakMap<MemoryBlock, WasmMemory>();

/** The getter that brand-checks a WebAssembly.Memory without running user code (undefined without WebAssembly). */
const memoryBufferGetter = (() => {
  const wasm = (globalThis as { WebAssembly?: { Memory?: { prototype: object } } }).WebAssembly;
  return wasm?.Memory === undefined ? undefined : Object.getOwnPropertyDescriptor(wasm.Memory.prototype, "buffer")?.get;
})();

/**
 * Whether `value` is a real WebAssembly.Memory (a brand check, not a duck test).
 *
 * @since 0.1.0
 */
export function isWasmMemory(value: unknown): value is WasmMemory {
  if (memoryBufferGetter === undefined || typeof value !== "object" || value === null) return false;
  try {
    memoryBufferGetter.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The current buffer of a WebAssembly.Memory, as a block whose holders follow
 * the memory's growth: put it in a record's `memory`, and core's consumers
 * (MemoryView, the copies, `getPointer`) read the grown memory's buffer at
 * the same offsets once `grow()` has detached this one.
 *
 * @example
 * ```ts
 * import { growableBlock, fillInfo, memoryview, getBufferSymbol } from "@pybuffer/core";
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const exporter = { [getBufferSymbol]: (flags: number) => fillInfo(exporter, growableBlock(memory), 0, 8, false, flags) };
 * const m = memoryview(exporter);
 * memory.grow(1);  // detaches the buffer m was made over
 * m.get(0);        // 0: m reads the grown memory
 * ```
 * @throws PyTypeError for anything but a real WebAssembly.Memory.
 *
 * @since 0.1.0
 */
export function growableBlock(memory: WasmMemory): MemoryBlock {
  if (!isWasmMemory(memory)) {
    throw new PyTypeError(`growableBlock() argument must be a WebAssembly.Memory, not '${pythonTypeName(memory)}'`);
  }
  return followedBlock(memory);
}

/**
 * {@link growableBlock} for a memory a sibling package made itself: an
 * object whose `buffer` is always the current buffer of a wasm module's
 * memory, where the module exports no `WebAssembly.Memory` (Emscripten's
 * `HEAP8` view in Pyodide 0.26 to 0.29, which `updateMemoryViews` replaces
 * after every growth). Not for users' objects: those take the brand check.
 *
 * @throws PyTypeError when its `buffer` is not an ArrayBuffer or SharedArrayBuffer.
 */
export function growableBlockOf(memory: WasmMemory): MemoryBlock {
  if (!isWasmMemory(memory) && !isMemoryBlock((memory as { readonly buffer: unknown }).buffer)) {
    throw new PyTypeError("growableBlockOf(): the memory's buffer is not an ArrayBuffer");
  }
  return followedBlock(memory);
}

/** The memory's current buffer, remembered so that holders of it follow the memory through growth. */
function followedBlock(memory: WasmMemory): MemoryBlock {
  const block = memory.buffer;
  if (!owners.has(block)) owners.set(block, memory);
  return block;
}

/** The block to access now in place of a real `block`; the public, checked entry is in arguments/memory-helpers.ts. */
export function currentBlock(block: MemoryBlock): MemoryBlock {
  if (blockByteLength(block) !== 0) return block;
  const memory = owners.get(block);
  return memory === undefined ? block : followedBlock(memory);
}

/**
 * The `memory` of a record an exporter returned, as a consumer keeps it: a
 * WebAssembly.Memory becomes its current buffer (remembered, see
 * {@link growableBlock}), a block detached by growth the memory's current
 * one; anything else is left for validation to judge.
 */
export function exportedBlock(memory: unknown): unknown {
  if (isMemoryBlock(memory)) return currentBlock(memory);
  return isWasmMemory(memory) ? followedBlock(memory) : memory;
}

/**
 * Throws BufferError when the memory under `view` was detached or shrunk
 * below the items the record describes. A record over a WebAssembly.Memory
 * that grew is moved, in place, to the memory's current buffer first (the
 * record is the consumer's own copy, see `getBuffer`).
 */
export function assertLiveMemory(view: BufferRecord, abi: AbiProfile): void {
  const memory = currentBlock(view.memory);
  // A frozen record cannot follow; it then fails below as detached.
  if (memory !== view.memory) Reflect.set(view, "memory", memory);
  if (isDetached(view.memory)) throw new BufferError("the buffer's memory is gone: its ArrayBuffer was detached");
  const problem = boundsProblem(view, abi);
  if (problem !== null) throw new BufferError(`the buffer's memory is gone (it was resized): ${problem}`);
}
