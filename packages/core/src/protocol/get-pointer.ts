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

/** `PyBuffer_GetPointer` on a sound record; the public, checked entry is in arguments/c-api-helpers.ts. */
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
