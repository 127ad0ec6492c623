/**
 * Whether an ArrayBufferView's window of memory is gone. A TypedArray over
 * a detached buffer, or a fixed-length one whose window a resize cut off,
 * reports length 0 instead of failing (its `slice` throws); a DataView's
 * `byteLength` getter throws for both.
 *
 * @module
 */

import { typedArrayName } from "./typed-array-tag.ts";

/** True when `view`'s memory was detached, or resized so its window is cut off. */
export function isViewWindowGone(view: ArrayBufferView): boolean {
  let byteLength: number;
  try {
    byteLength = view.byteLength;
  } catch {
    return true;
  }
  if (byteLength !== 0) return false;
  try {
    if (typedArrayName(view) !== undefined) (view as Uint8Array).slice(0, 0);
  } catch {
    return true;
  }
  return false;
}
