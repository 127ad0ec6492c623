/**
 * The memory-block helpers as the package exports them: each checks that
 * it was given a real ArrayBuffer or SharedArrayBuffer (a brand check,
 * which runs no code of the argument's), then runs the protocol's own
 * helper, which the package's consumers call on blocks they already know.
 *
 * @module
 */

import { PyTypeError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import type { MemoryBlock } from "../protocol/buffer-record.ts";
import { isDetached as isBlockDetached, isMemoryBlock } from "../protocol/builtin-exporters.ts";
import { currentBlock as liveBlock } from "../protocol/live-memory.ts";

function assertMemoryBlock(value: unknown, caller: string): asserts value is MemoryBlock {
  if (!isMemoryBlock(value)) throw new PyTypeError(`${caller}() argument must be ArrayBuffer or SharedArrayBuffer, not '${pythonTypeName(value)}'`);
}

/**
 * Whether a block's memory is gone: a detached ArrayBuffer. Node 20 has no
 * `detached` getter, so a zero-length buffer is probed with a DataView,
 * which throws on a detached one.
 *
 * @example
 * ```ts
 * import { isDetached } from "@pybuffer/core";
 * const memory = new ArrayBuffer(8);
 * structuredClone(memory, { transfer: [memory] });
 * isDetached(memory); // true
 * ```
 * @throws PyTypeError for anything but an ArrayBuffer or SharedArrayBuffer.
 *
 * @since 0.1.0
 */
export function isDetached(memory: MemoryBlock): boolean {
  assertMemoryBlock(memory, "isDetached");
  return isBlockDetached(memory);
}

/**
 * The block to access now in place of `block`: itself, or, when growth
 * detached it, its WebAssembly.Memory's current buffer (see
 * {@link growableBlock}). Cheap for a live block (a detached one has length
 * 0). For consumers that read a record's memory themselves.
 *
 * @example
 * ```ts
 * import { currentBlock, growableBlock } from "@pybuffer/core";
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const block = growableBlock(memory);
 * memory.grow(1);
 * currentBlock(block) === memory.buffer; // true
 * ```
 * @throws PyTypeError for anything but an ArrayBuffer or SharedArrayBuffer.
 *
 * @since 0.1.0
 */
export function currentBlock(block: MemoryBlock): MemoryBlock {
  assertMemoryBlock(block, "currentBlock");
  return liveBlock(block);
}
