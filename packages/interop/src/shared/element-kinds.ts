/**
 * The element types the bridged libraries hold, and the `struct` format of
 * each: the one-character codes CPython's `memoryview` uses for native items
 * (`Modules/_struct.c`, native table), including 3.14's `F` and `D` for
 * complex numbers.
 *
 * @module
 */

/** An element type with a fixed size and a PEP 3118 format. */
export type ElementKind =
  | "int8"
  | "uint8"
  | "int16"
  | "uint16"
  | "int32"
  | "uint32"
  | "int64"
  | "uint64"
  | "float16"
  | "float32"
  | "float64"
  | "bool"
  | "complex64"
  | "complex128";

interface KindInfo {
  readonly format: string;
  readonly itemsize: number;
}

const KINDS: Readonly<Record<ElementKind, KindInfo>> = {
  int8: { format: "b", itemsize: 1 },
  uint8: { format: "B", itemsize: 1 },
  int16: { format: "h", itemsize: 2 },
  uint16: { format: "H", itemsize: 2 },
  int32: { format: "i", itemsize: 4 },
  uint32: { format: "I", itemsize: 4 },
  int64: { format: "q", itemsize: 8 },
  uint64: { format: "Q", itemsize: 8 },
  float16: { format: "e", itemsize: 2 },
  float32: { format: "f", itemsize: 4 },
  float64: { format: "d", itemsize: 8 },
  bool: { format: "?", itemsize: 1 },
  complex64: { format: "F", itemsize: 8 },
  complex128: { format: "D", itemsize: 16 },
};

/** Native codes whose size is the platform's (`l`, `n`: signed; `L`, `N`: unsigned), resolved by itemsize. */
const SIGNED_BY_SIZE: Readonly<Record<number, ElementKind>> = { 4: "int32", 8: "int64" };
const UNSIGNED_BY_SIZE: Readonly<Record<number, ElementKind>> = { 4: "uint32", 8: "uint64" };

const BY_FORMAT: ReadonlyMap<string, ElementKind> = new Map(
  (Object.keys(KINDS) as ElementKind[]).map((kind) => [KINDS[kind].format, kind]),
);

/** TypedArrays use the host's byte order (ECMA-262 RawBytesToNumeric). */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The `struct` format of `kind`. */
export function kindFormat(kind: ElementKind): string {
  return KINDS[kind].format;
}

/** Bytes per element of `kind`. */
export function kindItemsize(kind: ElementKind): number {
  return KINDS[kind].itemsize;
}

/**
 * The element type a buffer's items have, or `null` when they are not one
 * plain number in the host's byte order (a struct, a padding byte, `>d` on a
 * little-endian host, `c`, `s`...). Byte-order prefixes that mean the host's
 * order (`@`, `=`, and `<` or `>` matching the host) are accepted.
 */
export function kindOfFormat(format: string | null, itemsize: number): ElementKind | null {
  let body = format ?? "B";
  const prefix = body[0];
  if (prefix === "@" || prefix === "=" || prefix === (HOST_LITTLE_ENDIAN ? "<" : ">") || (!HOST_LITTLE_ENDIAN && prefix === "!")) {
    body = body.slice(1);
  }
  if (body.length !== 1) return null;
  const kind =
    body === "l" || body === "n"
      ? SIGNED_BY_SIZE[itemsize]
      : body === "L" || body === "N"
        ? UNSIGNED_BY_SIZE[itemsize]
        : BY_FORMAT.get(body);
  return kind !== undefined && KINDS[kind].itemsize === itemsize ? kind : null;
}
