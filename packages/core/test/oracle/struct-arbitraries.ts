/**
 * fast-check arbitraries for struct formats and the values they pack, aimed
 * at the places where an implementation goes wrong: range limits ±1, float
 * rounding and overflow edges, byte-string truncation and padding, native
 * alignment, malformed formats. Sizes are wasm32's (the Pyodide oracle's);
 * in standard modes they are every platform's.
 */
import fc from "fast-check";

export type Prefix = "" | "@" | "=" | "<" | ">" | "!";

export interface FormatItem {
  /** `null`: no repeat count written. */
  readonly count: number | null;
  readonly code: string;
}

export interface FormatSpec {
  readonly prefix: Prefix;
  readonly items: readonly FormatItem[];
  /** The format string, whitespace included. */
  readonly text: string;
}

const STANDARD_CODES = [..."xcbB?hHiIlLqQefdFDsp"];
const NATIVE_CODES = [...STANDARD_CODES, "n", "N", "P"];

export function isNative(prefix: Prefix): boolean {
  return prefix === "" || prefix === "@";
}

/** Item sizes under wasm32 native and all standard modes (they agree). */
const INT_SIZES: Readonly<Record<string, number>> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, n: 4, N: 4, P: 4 };

const prefixArb: fc.Arbitrary<Prefix> = fc.oneof(
  // Native mode twice as often: it is where alignment and ABI sizes live.
  { weight: 2, arbitrary: fc.constantFrom<Prefix>("", "@") },
  { weight: 2, arbitrary: fc.constantFrom<Prefix>("=", "<", ">", "!") },
);

/** Byte strings and padding also meet counts past 255, where `p` stops growing its length byte. */
function countArb(code: string): fc.Arbitrary<number | null> {
  const large = "spx".includes(code) ? fc.constantFrom(17, 40, 300) : fc.constantFrom(17, 40);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }) },
    { weight: 1, arbitrary: large },
  );
}

const separatorArb = fc.oneof({ weight: 5, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom(" ", "\t", "\n ", "  ") });

function itemArb(prefix: Prefix): fc.Arbitrary<{ item: FormatItem; separator: string }> {
  return fc
    .constantFrom(...(isNative(prefix) ? NATIVE_CODES : STANDARD_CODES))
    .chain((code) => fc.record({ item: fc.record({ count: countArb(code), code: fc.constant(code) }), separator: separatorArb }));
}

/** A valid format: optional prefix, 1–6 items, sometimes whitespace between them and at the end. */
export const formatSpecArb: fc.Arbitrary<FormatSpec> = prefixArb.chain((prefix) =>
  fc.tuple(fc.array(itemArb(prefix), { minLength: 1, maxLength: 6 }), separatorArb).map(([parts, trailing]) => ({
    prefix,
    items: parts.map((p) => p.item),
    text: prefix + parts.map((p) => p.separator + (p.item.count ?? "") + p.item.code).join("") + trailing,
  })),
);

/** Formats CPython must reject, or that sit right at a limit. */
const BAD_FORMATS = [
  "Z", "T{i}", "@#", "5", "3 i", "i 3", "i\0", "\0", "é", "€i", "i<i", " <i", "<>i", "x{", "(i)", "i:name:", "-1i", "+i", "3.5i",
  "1000000000000000000000i", "100000000000000000i", "2147483647i", "2147483647x", "2147483648x", "536870912q",
  "4294967296s", "9223372036854775807x", "9223372036854775808x", "99999999999999999999999999999x",
];
const BAD_PIECES = ["Z", "T{i}", "#", "\0", "é", "€", "5", "3 ", "<", "!", "@", "=", ">", "{", "}", "1000000000000000000000", "100000000000000000", "%"];

/** Hand-picked invalid formats, and valid ones with a bad piece inserted somewhere (the result is usually invalid). */
export const badFormatArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...BAD_FORMATS),
  fc.tuple(formatSpecArb, fc.nat(), fc.constantFrom(...BAD_PIECES)).map(([spec, at, piece]) => {
    const i = at % (spec.text.length + 1);
    return spec.text.slice(0, i) + piece + spec.text.slice(i);
  }),
);

/** Values of the wrong type for a numeric code. */
const wrongTypeArb: fc.Arbitrary<unknown> = fc.constantFrom("1", "", new Uint8Array([1]), null);

/** A JS integer: a bigint, or a number when a double holds it exactly (both must be accepted, 2 ** 63 included). */
function jsInteger(value: fc.Arbitrary<bigint>): fc.Arbitrary<number | bigint> {
  return fc.tuple(value, fc.boolean()).map(([v, asNumber]) => (asNumber && BigInt(Number(v)) === v ? Number(v) : v));
}

function intArb(code: string, valid: boolean): fc.Arbitrary<unknown> {
  const bits = BigInt(8 * (INT_SIZES[code] ?? 8));
  const signed = code === code.toLowerCase();
  const min = signed ? -(1n << (bits - 1n)) : 0n;
  const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  const inRange = jsInteger(fc.oneof(fc.constantFrom(...[min, min + 1n, -1n, 0n, 1n, max - 1n, max].filter((v) => v >= min)), fc.bigInt(min, max)));
  if (valid) return fc.oneof({ weight: 9, arbitrary: inRange }, { weight: 1, arbitrary: fc.boolean() });
  const outOfRange = jsInteger(
    fc.oneof(fc.constantFrom(min - 1n, max + 1n, -(1n << 70n), 1n << 70n), fc.bigInt(max + 1n, 4n * max + 10n), fc.bigInt(4n * min - 10n - max, min - 1n)),
  );
  const notIntegral = fc.oneof(
    fc.constantFrom(0.5, -1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    fc.double().filter((x) => !Number.isInteger(x)),
  );
  return fc.oneof(
    { weight: 5, arbitrary: inRange },
    { weight: 3, arbitrary: outOfRange },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: notIntegral },
    { weight: 1, arbitrary: fc.oneof(wrongTypeArb, fc.constant({ real: 1, imag: 0 })) },
  );
}

/** Doubles at the rounding and overflow edges of half (`e`), single (`f`) and double precision. */
const FLOAT_EDGES = [
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 0.1, 1 / 3, -2.5,
  Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, -Number.MAX_VALUE,
  65504, 65505, 65519, 65519.99, 65520, -65520, 6.103515625e-5, 6.097555160522461e-5, 5.960464477539063e-8, 2.9802322387695312e-8, 2.980232238769532e-8, 1e-8,
  3.4028234663852886e38, 3.4028235e38, 3.402823567797336e38, 3.4028235677973366e38, 3.5e38, -3.5e38,
  1.401298464324817e-45, 7.006492321624085e-46, 7.006492321624087e-46, 1.1754943508222875e-38, 1e-50, 1e300, -1e300,
];

/** Numbers for a float code (or a complex part); `valid` keeps the random ones inside the code's range. */
function floatNumberArb(code: string, valid: boolean): fc.Arbitrary<number> {
  const inRange =
    code === "e" ? fc.double({ min: -65504, max: 65504 }) : code === "f" || code === "F" ? fc.float().map(Number) : fc.double();
  const wide = valid ? inRange : fc.oneof(inRange, fc.double());
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...FLOAT_EDGES) }, { weight: 2, arbitrary: wide }, { weight: 1, arbitrary: fc.integer() });
}

function floatArb(code: string, valid: boolean): fc.Arbitrary<unknown> {
  const bigints = fc.oneof(fc.bigInt(-(1n << 20n), 1n << 20n), fc.constantFrom(1n << 64n, (1n << 1024n) - 1n, 1n << 1024n, -(10n ** 400n)));
  const others = valid ? fc.oneof(bigints, fc.boolean()) : fc.oneof(bigints, fc.boolean(), wrongTypeArb, fc.constant({ real: 1, imag: 2 }));
  return fc.oneof({ weight: 6, arbitrary: floatNumberArb(code, valid) }, { weight: 1, arbitrary: others });
}

function complexArb(code: string, valid: boolean): fc.Arbitrary<unknown> {
  const part = floatNumberArb(code, valid);
  const complex = fc.record({ real: part, imag: part });
  const plain = fc.oneof(part, fc.bigInt(-(1n << 70n), 1n << 70n), fc.boolean());
  return valid ? fc.oneof({ weight: 4, arbitrary: complex }, { weight: 1, arbitrary: plain }) : fc.oneof(complex, plain, wrongTypeArb);
}

/**
 * `?` takes anything; truthiness must be Python's (NaN and a non-empty byte
 * string are true). No `{real, imag}` here: outside `F`/`D` a plain object is
 * not a complex number, so its truth has no CPython counterpart.
 */
const boolArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom(0, -0, Number.NaN, 0.5, 0n, 5n, "", "x", null),
  fc.uint8Array({ maxLength: 2 }),
);

function bytesArb(code: string, count: number | null, valid: boolean): fc.Arbitrary<unknown> {
  if (code === "c") {
    const one = fc.uint8Array({ minLength: 1, maxLength: 1 });
    return valid ? one : fc.oneof(one, fc.uint8Array({ maxLength: 3 }), fc.constantFrom("a", 97, null));
  }
  // s and p take any length: too long is truncated, too short padded with NULs.
  const n = count ?? 1;
  const bytes = fc.oneof(fc.uint8Array({ maxLength: n + 3 }), fc.uint8Array({ minLength: Math.max(0, n - 1), maxLength: n + 1 }));
  return valid ? bytes : fc.oneof({ weight: 4, arbitrary: bytes }, { weight: 1, arbitrary: fc.constantFrom("abc", 1, null) });
}

/** A value for one code; `valid` makes it very likely to pack. */
export function valueArb(code: string, count: number | null, valid: boolean): fc.Arbitrary<unknown> {
  if (code in INT_SIZES) return intArb(code, valid);
  if ("efd".includes(code)) return floatArb(code, valid);
  if ("FD".includes(code)) return complexArb(code, valid);
  if (code === "?") return boolArb;
  return bytesArb(code, count, valid);
}

/** The code and the count of each value a format takes, in order (`s`/`p` take one value, `x` none). */
export function valueSlots(spec: FormatSpec): FormatItem[] {
  return spec.items.flatMap((item): FormatItem[] => {
    if (item.code === "x") return [];
    if ("sp".includes(item.code)) return [item];
    return Array.from({ length: item.count ?? 1 }, () => ({ code: item.code, count: null }));
  });
}

/**
 * Values for a format: all likely to pack (`valid`), or with out-of-range and
 * wrong-type values mixed in, and now and then one value too many or too few.
 */
export function valuesArb(spec: FormatSpec, valid: boolean): fc.Arbitrary<unknown[]> {
  const values = fc.tuple(...valueSlots(spec).map((slot) => valueArb(slot.code, slot.count, valid)));
  if (valid) return values;
  return fc.tuple(values, fc.constantFrom("same", "same", "same", "same", "more", "fewer")).map(([vs, arity]) =>
    arity === "more" ? [...vs, 1] : arity === "fewer" ? vs.slice(0, -1) : vs,
  );
}

/** A format with values for it, most cases all-valid so that round trips happen often. */
export const packCaseArb: fc.Arbitrary<{ spec: FormatSpec; values: unknown[] }> = fc
  .tuple(formatSpecArb, fc.boolean())
  .chain(([spec, valid]) => valuesArb(spec, valid).map((values) => ({ spec, values })));

/** Source bytes for buffers: random, or runs that decode to NaNs, infinities, -0 and extreme integers. */
export const bytePoolArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constantFrom(0x00, 0xff, 0x7f, 0x80, 0x7c, 0xfc).map((b) => new Uint8Array([b])) },
  { weight: 1, arbitrary: fc.constantFrom([0x00, 0x00, 0xc0, 0x7f], [0x00, 0x80], [0x7f, 0xf0, 0, 0, 0, 0, 0, 1]).map((a) => new Uint8Array(a)) },
);

/** `length` bytes cycled from the pool. */
export function bytesFromPool(pool: Uint8Array, length: number): Uint8Array {
  return Uint8Array.from({ length: Math.max(0, length) }, (_, i) => pool[i % pool.length] ?? 0);
}
