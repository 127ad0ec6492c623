/**
 * A dtype as a PEP 3118 format, the way NumPy's buffer export writes it
 * (`_buffer_format_string` in numpy/_core/src/multiarray/buffer.c): native
 * `@` codes for aligned native-order items, standard `<`/`>`/`=` otherwise,
 * `x` for gaps between fields, `:name:` after each field.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { ValueError } from "@pybuffer/core";
import { descrToDType, type Descr, type DType, type ScalarDType } from "./dtype.ts";

/**
 * Options of {@link dtypeToFormat}.
 *
 * @example
 * ```ts
 * import { dtypeToFormat, type DtypeToFormatOptions } from "@pybuffer/numpy";
 * const options: DtypeToFormatOptions = { shape: [1] };
 * dtypeToFormat([["a", "<i4"], ["b", "<i2"]], options); // "T{i:a:h:b:}" (one item: no stride to misalign)
 * dtypeToFormat([["a", "<i4"], ["b", "<i2"]]); // "T{=i:a:@h:b:}" (a stride of 6 misaligns 'a')
 * ```
 *
 * @since 0.1.0
 */
export interface DtypeToFormatOptions {
  /**
   * The array's shape (C-contiguous, aligned data assumed): NumPy checks a
   * field's native alignment against the strides of dimensions longer than 1
   * (an empty array's strides are all 0). Default: an array of several items.
   *
   * @since 0.1.0
   */
  readonly shape?: readonly number[];
}

/** How this package's own exports differ from NumPy's buffer export. Not exported from the package. */
export interface FormatWriterOptions extends DtypeToFormatOptions {
  /** Datetimes as 8-byte integers (NumPy refuses to export them). */
  readonly datetimeAsInt64?: boolean;
  /**
   * A format that parses back to exactly this layout: standard sizes (no
   * '@' alignment rules, which can move fields when NumPy reads its own
   * export of a packed struct) and every struct's trailing padding written out.
   */
  readonly exact?: boolean;
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const DTYPE_TO_FORMAT_OPTIONS: OptionChecks<DtypeToFormatOptions> = { shape: optionChecks.any as OptionCheck<never> };

/**
 * `memoryview(np.empty(shape, dtype)).format`: NumPy's PEP 3118 format for a dtype.
 *
 * @throws ValueError "cannot include dtype 'M' in a buffer" for datetime64/timedelta64 (as NumPy).
 * @throws ValueError "descr is not a valid dtype descriptor: ..." for a malformed descr.
 * @example
 * ```ts
 * import { dtypeToFormat } from "@pybuffer/numpy";
 * dtypeToFormat([["a", "<i4"], ["b", "<f8", [2]], ["c", "|S3"]]); // "T{=i:a:(2)d:b:3s:c:}"
 * dtypeToFormat(">u2"); // ">H"
 * ```
 *
 * @since 0.1.0
 */
export function dtypeToFormat(descr: Descr, options: DtypeToFormatOptions = {}): string {
  options = readOptions(options, "dtypeToFormat", DTYPE_TO_FORMAT_OPTIONS);
  return formatOfDType(descrToDType(descr), options);
}

/** The format of a resolved dtype. Not exported from the package. */
export function formatOfDType(dtype: DType, options: FormatWriterOptions = {}): string {
  // NumPy gives an empty array all-zero strides, which every alignment divides.
  const { shape } = options;
  const strides = shape === undefined || (shape.some((n) => n > 1) && !shape.includes(0));
  const state = {
    out: "", offset: 0, active: "@", strides, rowSize: dtype.itemsize,
    datetime: options.datetimeAsInt64 ?? false, exact: options.exact ?? false,
  };
  write(dtype, state, true);
  return state.out;
}

interface WriterState {
  out: string;
  offset: number;
  active: string;
  readonly strides: boolean;
  readonly rowSize: number;
  readonly datetime: boolean;
  readonly exact: boolean;
}

function write(dtype: DType, state: WriterState, isArrayDescr: boolean): void {
  if (dtype.kind === "subarray") {
    state.out += `(${dtype.shape.join(",")})`;
    const start = state.offset;
    write(dtype.base, state, false);
    state.offset = start + (state.offset - start) * dtype.shape.reduce((p, n) => p * n, 1);
    return;
  }
  if (dtype.kind === "struct") {
    const base = state.offset;
    state.out += "T{";
    for (const field of dtype.fields) {
      const at = base + field.offset;
      if (state.offset > at) {
        throw new ValueError("dtypes with overlapping or out-of-order fields are not representable as buffers. Consider reordering the fields.");
      }
      state.out += "x".repeat(at - state.offset);
      state.offset = at;
      write(field.dtype, state, false);
      if (field.name.includes(":")) throw new ValueError("':' is not an allowed character in buffer field names");
      state.out += `:${field.name}:`;
    }
    if (state.exact) {
      state.out += "x".repeat(Math.max(0, base + dtype.itemsize - state.offset));
      state.offset = Math.max(state.offset, base + dtype.itemsize);
    }
    state.out += "}";
    return;
  }
  writeScalar(dtype, state, isArrayDescr);
}

/** `_is_natively_aligned_at`, for aligned data in a C-contiguous array. */
function nativelyAligned(scalar: ScalarDType, state: WriterState, isArrayDescr: boolean): boolean {
  if (isArrayDescr) return true; // PyArray_ISALIGNED of a freshly made array
  const alignment = scalar.alignment;
  if (state.offset % alignment !== 0 || scalar.itemsize % alignment !== 0) return false;
  return !state.strides || state.rowSize % alignment === 0;
}

function writeScalar(scalar: ScalarDType, state: WriterState, isArrayDescr: boolean): void {
  const aligned = !state.exact && nativelyAligned(scalar, state, isArrayDescr);
  state.offset += scalar.itemsize;
  // NumPy stores '=' for the host's order ('<' here) and '|' where order does not apply.
  const order = scalar.byteorder === "<" ? "=" : scalar.byteorder;
  let standard = true;
  if (order === "=" && aligned) {
    standard = false;
    if (state.active !== "@") state.out += (state.active = "@");
  } else if (order === ">" || order === "=") {
    if (state.active !== order) state.out += (state.active = order);
  } else if (state.exact && state.active === "@") {
    state.out += state.active = "=";
  }
  state.out += scalarCode(scalar, standard, state.datetime);
}

function scalarCode(scalar: ScalarDType, standard: boolean, datetimeAsInt64: boolean): string {
  switch (scalar.char) {
    case "b":
      return "?";
    case "i":
    case "u": {
      const codes = scalar.char === "i" ? "bhiq" : "BHIQ";
      const code = codes[Math.log2(scalar.itemsize)]!;
      // An 8-byte integer is C `long` on LP64: native 'l', standard 'q'.
      return scalar.itemsize === 8 && !standard ? (scalar.char === "i" ? "l" : "L") : code;
    }
    case "f":
      return scalar.itemsize === 2 ? "e" : scalar.itemsize === 4 ? "f" : "d";
    case "c":
      return scalar.itemsize === 8 ? "Zf" : "Zd";
    case "S":
      return `${scalar.itemsize}s`;
    case "U":
      return `${scalar.itemsize / 4}w`;
    case "V":
      return `${scalar.itemsize}x`;
    case "M":
    case "m":
      if (datetimeAsInt64) return standard ? "q" : "l";
      throw new ValueError(`cannot include dtype '${scalar.char}' in a buffer`);
  }
}
