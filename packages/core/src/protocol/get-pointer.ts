/**
 * `PyBuffer_GetPointer`, bounds-checked.
 *
 * @module
 */

import { IndexError, ValueError } from "../errors/python-errors.ts";
import { abiProfile } from "../format/abi.ts";
import type { BufferRecord } from "./buffer-record.ts";
import { fullLayout } from "./full-layout.ts";
import type { GetBufferOptions } from "./get-buffer.ts";
import { assertLiveMemory } from "./live-memory.ts";
import { itemAddress } from "./strided-walk.ts";

/**
 * The byte offset, in `view.memory`, of the item at `indices` (one per
 * dimension), following suboffset pointers. C checks nothing; this checks
 * the index count and each index against the shape.
 *
 * @throws ValueError when the record has no strides (C dereferences them) or `indices` has the wrong length.
 * @throws IndexError "index out of bounds on dimension N" (1-based, as memoryview says it).
 * @example
 * ```ts
 * import { getPointer, getBuffer, BufferFlags } from "@pybuffer/core";
 * const view = getBuffer(new Int32Array(8).subarray(2), BufferFlags.STRIDES);
 * getPointer(view, [1]); // 12
 * ```
 */
export function getPointer(view: BufferRecord, indices: readonly number[], options: GetBufferOptions = {}): number {
  if (view.strides === null && view.ndim > 0) {
    throw new ValueError("getPointer: the record has no strides (request STRIDES)");
  }
  if (indices.length !== view.ndim) {
    throw new ValueError(`getPointer: expected ${view.ndim} indices, got ${indices.length}`);
  }
  const layout = fullLayout(view);
  indices.forEach((index, dim) => {
    if (!Number.isInteger(index) || index < 0 || index >= layout.shape[dim]!) {
      throw new IndexError(`index out of bounds on dimension ${dim + 1}`);
    }
  });
  const abi = abiProfile(view.abi ?? options.abi);
  assertLiveMemory(view, abi);
  return itemAddress(view.memory, layout, indices, abi);
}
