/**
 * A `Uint8Array` argument whose bytes are about to be read or written
 * (`copyOfBytes`, `toContiguous`'s target, ...): a `Uint8Array` of this or
 * any realm, over memory that is still there. Memory that is gone is an
 * error, never an empty read.
 *
 * @module
 */

import { BufferError, PyTypeError } from "../errors/python-errors.ts";
import { pythonTypeName } from "./python-type-name.ts";
import { isUint8Array } from "./typed-array-tag.ts";
import { isViewWindowGone } from "./view-window.ts";

/**
 * Throws unless `value` is a `Uint8Array` (a `Buffer` too) whose memory is
 * neither detached nor cut off by a resize.
 *
 * @throws PyTypeError "f() argument 'x' must be Uint8Array, not 'X'"; BufferError when its memory is gone.
 */
export function assertLiveBytes(value: unknown, caller: string, argument: string): asserts value is Uint8Array {
  if (!isUint8Array(value)) throw new PyTypeError(`${caller}() argument '${argument}' must be Uint8Array, not '${pythonTypeName(value)}'`);
  if (isViewWindowGone(value)) {
    throw new BufferError(`${caller}() argument '${argument}': the buffer's memory is gone (its ArrayBuffer was detached or resized)`);
  }
}
