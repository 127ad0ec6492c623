/**
 * The shape of an item format a view reads and writes, shared by CPython's
 * single-character formats (item-format.ts: `adjust_fmt`, `unpack_single`
 * and `pack_single` in Objects/memoryobject.c) and the extended-grammar
 * records (record-item-format.ts), so neither imports the other for it.
 *
 * @module
 */

import type { ItemCodec } from "../format/item-codec.ts";

/** An item format a view can read and write. */
export interface ItemFormat {
  /** The code character (what CPython's messages name). */
  readonly char: string;
  readonly codec: ItemCodec;
  /**
   * Converts a JS value for `codec.write`, with memoryview's errors:
   * TypeError "memoryview: invalid type for format 'X'" and ValueError
   * "memoryview: invalid value for format 'X'". An object's `valueOf()` is
   * its conversion hook (Python's `__index__`/`__float__`), so it may run
   * user code: callers re-check the view afterwards.
   */
  convert(value: unknown): unknown;
}
