/**
 * The format characters of CPython's `struct` module (`Modules/_struct.c`,
 * the `native_table`, `lilendian_table` and `bigendian_table`), described
 * once: what kind of value each holds, its standard size, and how its native
 * size and alignment follow from the ABI profile.
 *
 * @module
 */

import type { AbiProfile } from "./abi.ts";

/** How a code's bytes are interpreted. */
export type CodeKind = "pad" | "char" | "bytes" | "pascal" | "bool" | "int" | "float" | "complex";

/** One format character. */
export interface FormatCode {
  readonly char: string;
  readonly kind: CodeKind;
  /** For `int`: whether the C type is signed. */
  readonly signed: boolean;
  /** Size in the standard modes (`= < > !`); `0` where the code is native-only. */
  readonly standardSize: number;
  /** Size (and, CPython's native alignment) in native mode for a profile. */
  nativeSize(abi: AbiProfile): number;
  /** Alignment in native mode; complex types align like their component. */
  nativeAlignment(abi: AbiProfile): number;
}

function code(
  char: string,
  kind: CodeKind,
  signed: boolean,
  standardSize: number,
  nativeSize: (abi: AbiProfile) => number,
  nativeAlignment: (abi: AbiProfile) => number = nativeSize,
): FormatCode {
  return { char, kind, signed, standardSize, nativeSize, nativeAlignment };
}

const fixed = (n: number) => (): number => n;

const CODES: readonly FormatCode[] = [
  code("x", "pad", false, 1, fixed(1)),
  code("c", "char", false, 1, fixed(1)),
  code("s", "bytes", false, 1, fixed(1)),
  code("p", "pascal", false, 1, fixed(1)),
  code("?", "bool", false, 1, fixed(1)),
  code("b", "int", true, 1, fixed(1)),
  code("B", "int", false, 1, fixed(1)),
  code("h", "int", true, 2, fixed(2)),
  code("H", "int", false, 2, fixed(2)),
  code("i", "int", true, 4, fixed(4)),
  code("I", "int", false, 4, fixed(4)),
  // `long` is 4 bytes in the standard modes, whatever the platform.
  code("l", "int", true, 4, (abi) => abi.long),
  code("L", "int", false, 4, (abi) => abi.long),
  code("q", "int", true, 8, fixed(8)),
  code("Q", "int", false, 8, fixed(8)),
  // `ssize_t`, `size_t` and `void *` exist only in native mode.
  code("n", "int", true, 0, (abi) => abi.sizeT),
  code("N", "int", false, 0, (abi) => abi.sizeT),
  code("P", "int", false, 0, (abi) => abi.pointer),
  code("e", "float", true, 2, fixed(2)),
  code("f", "float", true, 4, fixed(4)),
  code("d", "float", true, 8, fixed(8)),
  // `float complex` and `double complex` (3.14): two components, aligned as one.
  code("F", "complex", true, 8, fixed(8), fixed(4)),
  code("D", "complex", true, 16, fixed(16), fixed(8)),
];

/** The codes by character code (every code is ASCII): one array load per format character. */
const BY_CHAR_CODE: readonly (FormatCode | undefined)[] = Array.from({ length: 128 }, (_, c) =>
  CODES.find((code) => code.char.charCodeAt(0) === c),
);

/**
 * The code for a format character, or `undefined` when `struct` does not know it.
 * Native-only codes are returned too; the caller rejects them in standard modes.
 */
export function formatCode(char: string): FormatCode | undefined {
  return char.length === 1 ? BY_CHAR_CODE[char.charCodeAt(0)] : undefined;
}

/** {@link formatCode} by character code (`String#charCodeAt`). */
export function formatCodeAt(charCode: number): FormatCode | undefined {
  return BY_CHAR_CODE[charCode];
}

/** Native sizes and alignments of every code under one ABI profile, by character code. */
export interface NativeTable {
  readonly sizes: Uint8Array;
  readonly alignments: Uint8Array;
}

const nativeTables = new Map<string, NativeTable>();

/**
 * {@link FormatCode.nativeSize} and {@link FormatCode.nativeAlignment} of
 * every code under `abi`, as two arrays indexed by character code (0 where
 * there is no code): a format scan loads a number instead of calling one of
 * two dozen functions, a call V8 cannot inline.
 */
export function nativeTable(abi: AbiProfile): NativeTable {
  let table = nativeTables.get(abi.name);
  if (table === undefined) {
    const sizes = new Uint8Array(128);
    const alignments = new Uint8Array(128);
    for (const code of CODES) {
      sizes[code.char.charCodeAt(0)] = code.nativeSize(abi);
      alignments[code.char.charCodeAt(0)] = code.nativeAlignment(abi);
    }
    table = { sizes, alignments };
    nativeTables.set(abi.name, table);
  }
  return table;
}
