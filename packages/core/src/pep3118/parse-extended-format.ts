/**
 * PEP 3118's extended format grammar, parsed and sized exactly as NumPy does
 * it in `numpy/_core/_internal.py` (`_dtype_from_pep3118` and
 * `__dtype_from_pep3118`): `T{...}` structs, `:name:` fields, `(2,3)`
 * sub-arrays, `x` padding, `@ = < > ^ !` switches (only `@` aligns; the
 * switch lasts past the end of a nested struct, as NumPy's stream keeps it),
 * `Zf`/`Zd`, `?`, `e`, `s`, `w` and `O`. PEP 3118's `p` and `u`, which NumPy
 * does not take, are read as `struct`'s Pascal string and UCS-2 text.
 *
 * A separate entry point from `struct`: `calcsize` and `Struct` never come here.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionChecks } from "../internal/options.ts";
import { IndexError, NotImplementedError, RuntimeError, ValueError } from "../errors/python-errors.ts";
import { pythonStringRepr } from "../internal/python-repr.ts";
import { abiProfile, type AbiName, type AbiProfile } from "../format/abi.ts";
import { formatCode } from "../format/format-codes.ts";
import type { ExtendedType, ScalarKind, ScalarType, StructField, StructType } from "./extended-type.ts";

/**
 * Options of {@link parseExtendedFormat}.
 *
 * @example
 * ```ts
 * import { parseExtendedFormat, type ExtendedFormatOptions } from "@pybuffer/core";
 * const options: ExtendedFormatOptions = { abi: "wasm32" };
 * parseExtendedFormat("l", options).size; // 4
 * ```
 *
 * @since 0.1.0
 */
export interface ExtendedFormatOptions {
  /**
   * Native sizes of `l`, `L` and `O` (default `lp64`).
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

const EXTENDED_FORMAT_OPTIONS: OptionChecks<ExtendedFormatOptions> = { abi: optionChecks.abi };

/** NumPy's dtype sizes are C ints (`PyArray_Descr.elsize`). */
const MAX_ITEMSIZE = 2 ** 31 - 1;
/** Deeper nesting than any real dtype; Python would stop at its recursion limit. */
const MAX_DEPTH = 256;

const BYTE_ORDERS = "@=<>^!";
const UNSUPPORTED: Readonly<Record<string, string>> = { "&": "pointers", t: "bitfields", X: "function pointers" };
const SIZED_CODES = "sxwpu";
const LONG_DOUBLE = new Set(["g", "Zg"]);

class Stream {
  readonly text: string;
  pos = 0;
  /** One byte order for the whole string: a nested struct's switch outlives it, as in NumPy. */
  byteOrder = "@";
  constructor(text: string) {
    this.text = text;
  }
  get more(): boolean {
    return this.pos < this.text.length;
  }
  consume(token: string): boolean {
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }
  /** `consume_until(c)`: the text up to `c`, and `c` itself skipped; ValueError when absent (`str.index`). */
  until(token: string): string {
    const end = this.text.indexOf(token, this.pos);
    if (end < 0) throw new ValueError("substring not found");
    const taken = this.text.slice(this.pos, end);
    this.pos = end + token.length;
    return taken;
  }
  /** `stream.next`: IndexError on an exhausted stream, as `s[0]` raises. */
  next(): string {
    if (!this.more) throw new IndexError("string index out of range");
    return this.text[this.pos]!;
  }
}

/**
 * Parses a PEP 3118 format of NumPy's extended grammar into its item type,
 * with NumPy's sizes, alignment, offsets and automatic `f0, f1, ...` names.
 * A lone scalar at offset 0 comes back as the scalar (`"<i"`, `"3s"`, `"(2)d"`).
 *
 * @throws ValueError "Unknown PEP 3118 data type specifier '...'" (NumPy's message).
 * @throws NotImplementedError for `&`, `t`, `X` and the long-double codes `g`, `Zg`.
 * @throws RuntimeError "Duplicate field name 'a' in PEP3118 format".
 * @throws PyTypeError for options that are not a plain object of known options.
 * @example
 * ```ts
 * import { parseExtendedFormat, type StructType } from "@pybuffer/core";
 * const t = parseExtendedFormat("T{B:x:xxxi:y:}") as StructType;
 * t.size; // 8
 * t.fields.map((f) => [f.name, f.offset]); // [["x", 0], ["y", 4]]
 * ```
 *
 * @since 0.1.0
 */
export function parseExtendedFormat(format: string, options?: ExtendedFormatOptions): ExtendedType {
  const { abi } = readOptions(options, "parseExtendedFormat", EXTENDED_FORMAT_OPTIONS);
  if (typeof format !== "string") throw new ValueError("a PEP 3118 format must be a string");
  const stream = new Stream(format);
  return parseStruct(stream, abiProfile(abi), false, 0).type;
}

interface Parsed {
  readonly type: ExtendedType;
  readonly alignment: number;
}

interface PendingField {
  readonly name: string | null;
  readonly offset: number;
  readonly type: ExtendedType;
}

function parseStruct(stream: Stream, abi: AbiProfile, isSubtype: boolean, depth: number): Parsed {
  if (depth > MAX_DEPTH) throw new ValueError("PEP 3118 format nested too deeply");
  const fields: PendingField[] = [];
  let offset = 0;
  let itemsize = 0;
  let commonAlignment = 1;

  while (stream.more) {
    if (stream.consume("}")) break;

    let shape: number[] | null = null;
    if (stream.consume("(")) shape = stream.until(")").split(",").map(pythonInt);

    if (BYTE_ORDERS.includes(stream.next())) {
      const order = stream.text[stream.pos++]!;
      stream.byteOrder = order === "!" ? ">" : order;
    }
    const native = stream.byteOrder === "@" || stream.byteOrder === "^";

    let digits = "";
    while (stream.more && isDigit(stream.text[stream.pos]!)) digits += stream.text[stream.pos++];
    let repeat = digits === "" ? 1 : Number.parseInt(digits, 10);

    let value: ExtendedType;
    let alignment: number;
    let isPadding = false;
    if (stream.consume("T{")) {
      ({ type: value, alignment } = parseStruct(stream, abi, true, depth + 1));
    } else {
      const scalar = scalarAt(stream, abi, native, repeat);
      // NumPy folds the count into 'S', 'U' and 'V' ('3s' is S3); '3c' stays three S1.
      if (SIZED_CODES.includes(scalar.code)) repeat = 1;
      isPadding = scalar.code === "x";
      value = scalar;
      alignment = scalar.alignment;
    }

    let extraOffset = 0;
    if (stream.byteOrder === "@") {
      // "the presence of a '@' character implicitly implies that the start of the array is *already* aligned"
      offset += modulo(-offset, alignment);
      const intraPadding = modulo(-value.size, alignment);
      if (intraPadding !== 0) {
        if (repeat > 1 || (shape !== null && product(shape) > 1)) value = withTrailingPadding(value, intraPadding);
        else extraOffset += intraPadding;
      }
      commonAlignment = lcm(alignment, commonAlignment);
    }

    if (repeat !== 1) value = subarray(value, [repeat]);
    if (shape !== null) value = subarray(value, shape);

    const name = stream.consume(":") ? stream.until(":") : null;
    if (!(isPadding && name === null)) {
      if (name !== null && fields.some((field) => field.name === name)) {
        throw new RuntimeError(`Duplicate field name '${name}' in PEP3118 format`);
      }
      fields.push({ name, offset, type: value });
    }
    offset += value.size + extraOffset;
    itemsize = checkedSize(offset);
  }

  if (stream.byteOrder === "@") itemsize = checkedSize(itemsize + modulo(-offset, commonAlignment));

  const only = fields[0];
  if (!isSubtype && fields.length === 1 && only!.name === null && only!.offset === 0 && itemsize === only!.type.size) {
    return { type: only!.type, alignment: commonAlignment };
  }
  return { type: { kind: "struct", fields: namedFields(fields), size: itemsize }, alignment: commonAlignment };
}

/** The scalar code at the stream, consumed; `repeat` sizes `s`, `p`, `w`, `u` and `x`. */
function scalarAt(stream: Stream, abi: AbiProfile, native: boolean, repeat: number): ScalarType {
  const first = stream.next();
  const code = first === "Z" ? stream.text.slice(stream.pos, stream.pos + 2) : first;
  const littleEndian = stream.byteOrder !== ">"; // every ABI profile is little-endian
  if (LONG_DOUBLE.has(code) && native) {
    throw new NotImplementedError(`PEP 3118 data type '${code}' (long double) has no JavaScript value`);
  }
  const scalar = scalarOf(code, abi, native, littleEndian, repeat);
  if (scalar !== undefined) {
    stream.pos += code.length;
    return scalar;
  }
  const unsupported = UNSUPPORTED[first];
  if (unsupported !== undefined) {
    throw new NotImplementedError(`Unrepresentable PEP 3118 data type '${first}' (${unsupported})`);
  }
  throw new ValueError(`Unknown PEP 3118 data type specifier ${pythonStringRepr(stream.text.slice(stream.pos))}`);
}

function scalarOf(code: string, abi: AbiProfile, native: boolean, littleEndian: boolean, repeat: number): ScalarType | undefined {
  const make = (scalarKind: ScalarKind, size: number, alignment: number, length = 1, signed = false): ScalarType => ({
    kind: "scalar", code, scalarKind, signed, littleEndian, length, size: checkedSize(size), alignment,
  });
  switch (code) {
    case "s":
      return make("bytes", repeat, 1, repeat);
    case "c":
      return make("bytes", 1, 1, 1);
    case "p":
      return make("pascal", repeat, 1, repeat);
    case "x":
      return make("void", repeat, 1, repeat);
    case "w":
      return make("ucs4", repeat * 4, 4, repeat);
    case "u":
      return make("ucs2", repeat * 2, 2, repeat);
    case "O":
      return make("object", abi.pointer, abi.pointer);
    case "Zf":
      return make("complex", 8, 4);
    case "Zd":
      return make("complex", 16, 8);
  }
  // NumPy's maps hold the struct codes below; 'n', 'N' and 'P' are in neither.
  if (code.length !== 1 || !"?bBhHiIlLqQefd".includes(code)) return undefined;
  const struct = formatCode(code)!;
  const size = native ? struct.nativeSize(abi) : struct.standardSize;
  const kind: ScalarKind = struct.kind === "bool" ? "bool" : struct.kind === "float" ? "float" : "int";
  return make(kind, size, size, 1, struct.signed);
}

/** `_add_trailing_padding`: a struct around `value` (or a copy of its fields) with `padding` more bytes. */
function withTrailingPadding(value: ExtendedType, padding: number): StructType {
  const fields = value.kind === "struct" ? value.fields : [{ name: "f0", offset: 0, type: value }];
  return { kind: "struct", fields, size: checkedSize(value.size + padding) };
}

function subarray(base: ExtendedType, shape: readonly number[]): ExtendedType {
  // NumPy's dtype((base, shape)) refuses an empty sub-array or an unsized 'S0'/'U0'/'V0' as the base.
  if (base.size === 0 && (base.kind === "subarray" || (base.kind === "scalar" && SIZED_CODES.includes(base.code)))) {
    throw new ValueError("invalid itemsize in generic type tuple");
  }
  return { kind: "subarray", base, shape, size: checkedSize(base.size * product(shape)) };
}

/** `_fix_names`: each unnamed field takes the first `f<j>` no field uses. */
function namedFields(fields: readonly PendingField[]): StructField[] {
  const names = fields.map((field) => field.name);
  return fields.map((field, i) => {
    let name = field.name;
    if (name === null) {
      let j = 0;
      while (names.includes(`f${j}`)) j++;
      name = `f${j}`;
      names[i] = name;
    }
    return { name, offset: field.offset, type: field.type };
  });
}

function checkedSize(size: number): number {
  if (!(size <= MAX_ITEMSIZE)) throw new ValueError("dtype size in bytes must fit into a C int.");
  return size;
}

/** Python's `int(text)` for a sub-array extent: decimal digits, optional blanks and `+`, `_` between digits. */
function pythonInt(text: string): number {
  if (!/^\s*\+?\d+(?:_\d+)*\s*$/.test(text)) throw new ValueError(`invalid literal for int() with base 10: ${pythonStringRepr(text)}`);
  return checkedSize(Number.parseInt(text.replace(/[\s+_]/g, ""), 10));
}

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

function modulo(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function product(shape: readonly number[]): number {
  return shape.reduce((p, n) => p * n, 1);
}

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return (a / x) * b;
}
