/**
 * The header dict exactly as NumPy writes it (`_write_array_header` in
 * numpy/lib/_format_impl.py: the keys sorted, `repr` of each value, a
 * trailing `, ` before the `}`, then spaces and a newline), recognized
 * in one pass without building a literal. It is a shortcut only: it
 * accepts nothing the strict literal parser would refuse, reads the same
 * values, and hands anything else (structured descrs, Python 2's `3L`,
 * other spacing, anything invalid) to that parser, which gives NumPy's
 * errors.
 *
 * @module
 */

/** The fields of a canonical header, as the strict path would read them. */
export interface CanonicalHeader {
  /** A type string (`"<f8"`): a structured descr is never canonical here. */
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: number[];
}

/**
 * `{'descr': '<type string>', 'fortran_order': True|False, 'shape': (<extents>), }`
 * then blanks. The type string is printable ASCII without quote or
 * backslash, so it reads as written, and a matching text is all ASCII
 * (which a reader may decode with any ASCII-compatible decoder); the
 * extents are checked below.
 */
const CANONICAL = /^\{'descr': '([\x20-\x26\x28-\x5b\x5d-\x7e]*)', 'fortran_order': (True|False), 'shape': \(([0-9, ]*)\), \}[ \n]*$/;

/** At most 15 digits: every such extent is a safe integer. */
const MAX_DIGITS = 15;

/** NumPy's limit on dimensions (NPY_MAXDIMS); more goes to the strict path, which refuses it. */
const MAX_DIMS = 64;

/** The header's fields when `text` is a canonical header, else null (parse it strictly). */
export function canonicalHeader(text: string): CanonicalHeader | null {
  const match = CANONICAL.exec(text);
  if (match === null) return null;
  const shape = extentsOf(match[3]!);
  return shape === null ? null : { descr: match[1]!, fortranOrder: match[2] === "True", shape };
}

/**
 * The extents of a tuple's inside as `repr` writes it: `""` (0-d), `"n,"`
 * (one extent), or `"a, b"` with no trailing comma; each extent without
 * sign, leading zero or underscore. `"n"` alone is an int, not a tuple
 * (the strict path refuses it as a shape). Read character by character:
 * the pattern has let through only digits, commas and spaces.
 */
function extentsOf(inside: string): number[] | null {
  const shape: number[] = [];
  const length = inside.length;
  let i = 0;
  while (i < length) {
    const start = i;
    let extent = 0;
    for (let code = inside.charCodeAt(i); code >= 0x30 && code <= 0x39; code = inside.charCodeAt(++i)) extent = extent * 10 + (code - 0x30);
    const digits = i - start;
    if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && inside.charCodeAt(start) === 0x30)) return null;
    shape.push(extent);
    if (shape.length > MAX_DIMS) return null;
    if (i === length) return shape.length > 1 ? shape : null;
    if (inside.charCodeAt(i++) !== 0x2c) return null; // ","
    if (i === length) return shape.length === 1 ? shape : null;
    if (inside.charCodeAt(i++) !== 0x20) return null; // " "
  }
  return length === 0 ? shape : null;
}
