/**
 * Which formats a memoryview can read and write item by item, and how a JS
 * value becomes an item: CPython's `adjust_fmt`, `unpack_single` and
 * `pack_single` (Objects/memoryobject.c), on top of the struct engine's codecs.
 *
 * @module
 */

import { NotImplementedError, PyTypeError, ValueError, isPythonError } from "../errors/python-errors.ts";
import { lookCause, readPropertySafely } from "../internal/safe-look.ts";
import { isUint8Array } from "../internal/typed-array-tag.ts";
import type { AbiProfile } from "../format/abi.ts";
import { formatCode } from "../format/format-codes.ts";
import { itemCodec, type ItemCodec } from "../format/item-codec.ts";
import type { ItemFormat } from "./item-format-type.ts";
import { recordItemFormat } from "./record-item-format.ts";

export type { ItemFormat } from "./item-format-type.ts";

/** The single-character codes memoryview supports for item access, casts and comparison (3.14). */
const ITEM_CODES: ReadonlySet<string> = new Set("cbB?hHiIlLqQnNfdeP");

/** A format without its one optional leading `'@'` (how memoryview compares formats for assignment). */
export function withoutNativePrefix(format: string): string {
  return format[0] === "@" ? format.slice(1) : format;
}

/**
 * `get_native_fmtchar`: the code of a native single-character format with an
 * optional `'@'`, or null (casts and comparisons accept only these).
 */
export function nativeFormatChar(format: string): string | null {
  const body = withoutNativePrefix(format);
  return ITEM_CODES.has(body) ? body : null;
}

/**
 * The item format of a view, or the NotImplementedError CPython raises for it.
 * A native single character with an optional `'@'` is CPython's rule;
 * a standard-size single character with a byte-order prefix (`'<i'`, `'>d'`)
 * is this library's extension, and so, when `extended` is set, is any
 * format of PEP 3118's extended grammar (NumPy's records), read-only.
 */
export function itemFormat(format: string, itemsize: number, abi: AbiProfile, extended = false): ItemFormat | NotImplementedError {
  const item = cpythonItemFormat(format, itemsize, abi);
  // The extension reads what CPython refuses, when the view asked for it.
  return item instanceof NotImplementedError && extended ? (recordItemFormat(format, itemsize, abi) ?? item) : item;
}

function cpythonItemFormat(format: string, itemsize: number, abi: AbiProfile): ItemFormat | NotImplementedError {
  const prefix = format[0];
  const body = prefix === "@" ? format.slice(1) : format;
  const standard = body.length === 2 && "<>=!".includes(body[0]!);
  if (body.length !== 1 && !standard) return new NotImplementedError(`memoryview: unsupported format ${format}`);
  const char = standard ? body[1]! : body;
  const code = formatCode(char);
  if (!ITEM_CODES.has(char) || code === undefined || (standard && code.standardSize === 0)) {
    return new NotImplementedError(`memoryview: format ${body} not supported`);
  }
  const size = standard ? code.standardSize : code.nativeSize(abi);
  // A format-NULL record keeps its itemsize (4 for 'B', say): CPython reads
  // one 'B' per item. An item smaller than its code would read past it.
  if (size > itemsize) return new NotImplementedError(`memoryview: unsupported format ${format}`);
  const littleEndian = !(standard && (body[0] === ">" || body[0] === "!"));
  // Item packing is a C cast for every format ('f' overflows to inf), so the
  // extension's standard formats use the native codec rules, in their byte order.
  const codec = itemCodec(code, size, littleEndian, true);
  return { char, codec, convert: converter(char, codec) };
}

function converter(char: string, codec: ItemCodec): (value: unknown) => unknown {
  // pack_single's fix_error_int: a TypeError while converting is this TypeError (a look that threw is its cause).
  const invalidType = (value?: unknown): PyTypeError => new PyTypeError(`memoryview: invalid type for format '${char}'`, lookCause(value));
  const invalidValue = (): ValueError => new ValueError(`memoryview: invalid value for format '${char}'`);
  if (char === "c") {
    return (value) => {
      if (!isUint8Array(value)) throw invalidType(value);
      if (value.length !== 1) throw invalidValue();
      return value[0]!;
    };
  }
  if (char === "?") return (value) => codec.coerce(value);
  const isFloat = char === "f" || char === "d" || char === "e";
  // 'P' goes through PyLong_AsVoidPtr, which takes an int and calls no __index__.
  const hooked = char !== "P";
  return (value) => {
    const number = hooked ? conversionHook(value) : value;
    try {
      return codec.coerce(number);
    } catch (error) {
      // struct says "required argument is not an integer/float" for a wrong type
      // (and, for floats, for an int too large for a double: a ValueError here).
      if (isPythonError(error, "struct.error") && error.message.startsWith("required argument")) {
        throw isFloat && typeof number === "bigint" ? invalidValue() : invalidType(value);
      }
      throw invalidValue();
    }
  };
}

/**
 * `valueOf()` stands for `__index__`/`__float__`: an object converts through
 * it once. An object whose `valueOf` cannot be read (a revoked Proxy) has none.
 */
function conversionHook(value: unknown): unknown {
  if (typeof value !== "object" || value === null || isUint8Array(value)) return value;
  const valueOf = readPropertySafely(value, "valueOf");
  if (typeof valueOf !== "function") return value;
  const converted: unknown = valueOf.call(value);
  return typeof converted === "number" || typeof converted === "bigint" || typeof converted === "boolean" ? converted : value;
}
