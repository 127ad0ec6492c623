/**
 * fast-check arbitraries for memoryview scripts (the language of
 * memoryview_oracle.py): random `_testbuffer.ndarray` exporters built
 * identically on both sides (every native format, standard-size and
 * multi-member formats, ndim 0-5 with zero extents, C/Fortran/strided
 * layouts with zero and negative strides, offsets, PIL, read-only or
 * writable), views derived from them, and the keys, values and arguments the
 * operations take, valid and invalid.
 *
 * Sizes are wasm32's (Pyodide): `l L n N P` are 4 bytes.
 */
import fc from "fast-check";
import { calcsize } from "../../src/index.ts";
import type { BuildSpec } from "../ndarray/helpers.ts";
import { CTYPES_FORMAT, type Arg, type Exporter, type MemoryViewCase, type Op, type Step } from "./engine-memoryview.ts";
import { toHex, toTagged, type Tagged } from "./tagged.ts";

// ---- tagged values ---------------------------------------------------------

export const num = (n: number): Tagged => toTagged(n + 0); // + 0: JSON cannot carry -0 as an int
export const big = (n: bigint): Tagged => ({ bigint: String(n) });
export const str = (s: string): Tagged => ({ str: s });
export const bool = (b: boolean): Tagged => ({ bool: b });
export const none: Tagged = { null: true };
export const bytesOf = (...values: number[]): Tagged => ({ bytes: toHex(Uint8Array.from(values)) });

// ---- formats -----------------------------------------------------------------

/** Native codes and their wasm32 sizes. */
export const WASM32_SIZES: Readonly<Record<string, number>> = {
  "?": 1, c: 1, b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, n: 4, N: 4, e: 2, f: 4, d: 8, P: 4,
};
export const NATIVE_CODES = Object.keys(WASM32_SIZES);
const SIGNED = new Set(["b", "h", "i", "l", "q", "n"]);
const FLOATS = new Set(["e", "f", "d"]);
/** Codes with a standard size (usable after '<', '>', '=', '!'). */
export const STANDARD_CODES = NATIVE_CODES.filter((c) => !"nNP".includes(c));

export interface FormatInfo {
  readonly format: string;
  readonly itemsize: number;
  /** The code of each value an item holds (one for a scalar item). */
  readonly codes: readonly string[];
}

const info = (format: string, codes: readonly string[]): FormatInfo => ({
  format,
  codes,
  itemsize: calcsize(format, { abi: "wasm32" }),
});

export const nativeFormatArb: fc.Arbitrary<FormatInfo> = fc
  .tuple(fc.constantFrom(...NATIVE_CODES), fc.integer({ min: 0, max: 6 }))
  .map(([code, at]) => info(at === 0 ? `@${code}` : code, [code]));

/** One code with a byte-order prefix: item access is our extension (CPython: NotImplementedError). */
export const standardFormatArb: fc.Arbitrary<FormatInfo> = fc
  .tuple(fc.constantFrom("<", ">", "=", "!"), fc.constantFrom(...STANDARD_CODES))
  .map(([prefix, code]) => info(prefix + code, [code]));

/** Formats of several members or with padding: struct parses them, item access does not. */
export const multiFormatArb: fc.Arbitrary<FormatInfo> = fc.constantFrom(
  info("hh", ["h", "h"]),
  info("2B", ["B", "B"]),
  info("<hi", ["h", "i"]),
  info(">Bh", ["B", "h"]),
  info("Bx", ["B"]),
  info("=2h", ["h", "h"]),
  info("?B", ["?", "B"]),
  info("dq", ["d", "q"]),
);

// ---- item values -------------------------------------------------------------

function intRange(code: string, size: number): [bigint, bigint] {
  const bits = BigInt(size * 8);
  return SIGNED.has(code) ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}

/** An integer of `size` bytes as the engine returns it: bigint for 8 bytes, number below. */
const intTag = (value: bigint, size: number): Tagged => (size === 8 ? big(value) : num(Number(value)));

/** A valid value for one member of `code` (`size` bytes), tagged; NaN only when asked (its bits are not comparable). */
export function itemValueArb(code: string, size: number, nan = false): fc.Arbitrary<Tagged> {
  switch (code) {
    case "?":
      return fc.boolean().map(bool);
    case "c":
      return fc.integer({ min: 0, max: 255 }).map((b) => bytesOf(b));
    case "e":
      return fc.oneof(
        fc.tuple(fc.integer({ min: -2048, max: 2048 }), fc.integer({ min: 0, max: 10 })).map(([m, e]) => num(m / 2 ** e)),
        fc.constantFrom(65504, -65504, Infinity, -Infinity, -0, ...(nan ? [NaN] : [])).map(num),
      );
    case "f":
      return fc.oneof(fc.float({ noNaN: !nan }), fc.integer({ min: -9, max: 9 })).map(num);
    case "d":
      return fc.oneof(fc.double({ noNaN: !nan }), fc.integer({ min: -9, max: 9 })).map(num);
  }
  const [min, max] = intRange(code, size);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.bigInt({ min: min > -20n ? min : -20n, max: 20n < max ? 20n : max }) },
      { weight: 2, arbitrary: fc.bigInt({ min, max }) },
      { weight: 1, arbitrary: fc.constantFrom(min, max, 0n) },
    )
    .map((v) => intTag(v, size));
}

/** A whole item of `format`: a scalar for one member, a list for several. */
export function itemArb(format: FormatInfo, nan = false): fc.Arbitrary<Tagged | Tagged[]> {
  const prefix = "<>=!".includes(format.format[0]!) ? format.format[0]! : "@";
  const sizeOf = (code: string): number => calcsize(prefix === "@" ? code : prefix + code, { abi: "wasm32" });
  if (format.codes.length === 1) return itemValueArb(format.codes[0]!, sizeOf(format.codes[0]!), nan);
  return fc.tuple(...format.codes.map((code) => itemValueArb(code, sizeOf(code), nan)));
}

/**
 * Values to store into an item of `code` (`size` bytes): valid ones, and
 * every kind of wrong one: out of range, huge, wrong type, NaN and infinities,
 * bytes of the wrong length, conversion hooks (an object with valueOf).
 */
export function setValueArb(code: string, size: number): fc.Arbitrary<Arg> {
  const wrong: Arg[] = [
    str("x"),
    none,
    bytesOf(),
    bytesOf(97),
    bytesOf(97, 98),
    bool(true),
    bool(false),
    num(1.5),
    num(NaN),
    num(Infinity),
    num(-Infinity),
    num(1e300),
    big(1n << 64n),
    big(-(1n << 64n)),
    big(10n ** 400n),
    { hook: num(7) },
    { hook: num(-1) },
    { hook: num(2.5) },
    { list: [num(1)] },
    { bytearray: "61" },
  ];
  if (code === "e") wrong.push(num(65504), num(65520), num(-65520), num(65519.99));
  if (code === "f") wrong.push(num(3.4028235677973366e38), num(1e39));
  if (code === "c") {
    // Bytes of the wrong length are 'c''s own ValueError.
    return fc.oneof(
      { weight: 3, arbitrary: itemValueArb(code, size) },
      { weight: 1, arbitrary: fc.constantFrom(bytesOf(), bytesOf(1, 2), bytesOf(1, 2, 3)) },
      { weight: 2, arbitrary: fc.constantFrom(...wrong) },
    );
  }
  if (FLOATS.has(code) || code === "?") {
    return fc.oneof({ weight: 3, arbitrary: itemValueArb(code, size, true) }, { weight: 2, arbitrary: fc.constantFrom(...wrong) });
  }
  const [min, max] = intRange(code, size);
  const edges = [min - 1n, max + 1n, min, max].map((v) => (size === 8 || v > 2n ** 53n || v < -(2n ** 53n) ? big(v) : num(Number(v))));
  return fc.oneof(
    { weight: 3, arbitrary: itemValueArb(code, size) },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
    { weight: 2, arbitrary: fc.constantFrom(...wrong) },
  );
}

// ---- structures --------------------------------------------------------------

export type Layout = "C" | "F" | "strided";

export interface ExporterInfo {
  readonly exporter: Exporter;
  readonly format: FormatInfo;
  readonly shape: readonly number[];
  readonly layout: Layout;
  readonly flags: number;
  /** The items in memory order, as built (a list per item for multi-member formats). */
  readonly items: readonly (Tagged | Tagged[])[];
  readonly strides: readonly number[] | null;
  readonly offset: number;
}

export const ND_WRITABLE = 0x2;
export const ND_FORTRAN = 0x4;
export const ND_PIL = 0x10;

export interface StructureOptions {
  /** Highest ndim; default 5. */
  readonly maxNdim?: number;
  /** Lowest ndim; default 0. */
  readonly minNdim?: number;
  /** true: always writable; false: never; default: either. */
  readonly writable?: boolean;
  /** Allow PIL (suboffsets); default true. */
  readonly pil?: boolean;
  /** Allow NaN items; default false. */
  readonly nan?: boolean;
  /** The layouts to draw from; default all (strided ones may have zero strides and items that alias). */
  readonly layouts?: readonly Layout[];
}

interface Structure {
  readonly shape: number[];
  readonly layout: Layout;
  readonly flags: number;
  readonly strides: number[] | null;
  /** Byte offset of item [0, ..., 0]. */
  readonly offset: number;
  readonly nitems: number;
}

const product = (shape: readonly number[]): number => shape.reduce((p, n) => p * n, 1);

/** ndim 0-5 (mostly 1-3), extents 0-4 (zero now and then), at most ~64 items. */
function shapeArb(minNdim: number, maxNdim: number): fc.Arbitrary<number[]> {
  const extent = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 12, arbitrary: fc.integer({ min: 1, max: 4 }) });
  return fc
    .integer({ min: 0, max: 9 })
    .map((n) => Math.max(minNdim, Math.min(maxNdim, [0, 1, 1, 1, 2, 2, 3, 3, 4, 5][n]!)))
    .chain((ndim) => fc.array(extent, { minLength: ndim, maxLength: ndim }))
    .map((shape) => (product(shape) > 64 ? shape.map((e) => Math.min(e, 2)) : shape));
}

function structureArb(itemsize: number, options: StructureOptions): fc.Arbitrary<Structure> {
  const { maxNdim = 5, minNdim = 0, writable, pil = true, layouts = ["C", "C", "F", "strided", "strided"] } = options;
  return fc
    .record({
      shape: shapeArb(minNdim, maxNdim),
      layout: fc.constantFrom<Layout>(...layouts),
      steps: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 8, arbitrary: fc.constantFrom(-3, -2, -1, 1, 2, 3) }), {
        minLength: 5,
        maxLength: 5,
      }),
      pil: pil ? fc.integer({ min: 0, max: 3 }).map((n) => n === 0) : fc.constant(false),
      writable: writable === undefined ? fc.integer({ min: 0, max: 3 }).map((n) => n !== 0) : fc.constant(writable),
      before: fc.integer({ min: 0, max: 2 }),
      after: fc.integer({ min: 0, max: 2 }),
    })
    .map(({ shape, layout, steps, pil: usePil, writable: isWritable, before, after }): Structure => {
      const ndim = shape.length;
      let flags = isWritable ? ND_WRITABLE : 0;
      if (ndim > 0 && usePil) flags |= ND_PIL;
      if (ndim === 0) return { shape, layout: "C", flags, strides: null, offset: 0, nitems: 1 };
      if (layout === "strided") {
        const itemSteps = steps.slice(0, ndim);
        let low = 0;
        let high = 0;
        if (!shape.includes(0)) {
          itemSteps.forEach((step, i) => {
            const span = step * (shape[i]! - 1);
            if (span < 0) low += span;
            else high += span;
          });
        }
        const offsetItems = before - low;
        return {
          shape,
          layout,
          flags,
          strides: itemSteps.map((s) => s * itemsize + 0),
          offset: offsetItems * itemsize,
          nitems: offsetItems + high + 1 + after,
        };
      }
      if (layout === "F") flags |= ND_FORTRAN;
      return { shape, layout, flags, strides: null, offset: before * itemsize, nitems: Math.max(before + product(shape) + after, before + 1) };
    });
}

export function buildSpecOf(format: FormatInfo, s: Structure, items: readonly (Tagged | Tagged[])[]): BuildSpec {
  const spec: BuildSpec = { items: s.shape.length === 0 ? items[0] : items, shape: s.shape, offset: s.offset, format: format.format, flags: s.flags };
  return s.strides === null ? spec : { ...spec, strides: s.strides };
}

/** A random ndarray exporter of `format`. */
export function exporterArb(formatArb: fc.Arbitrary<FormatInfo>, options: StructureOptions = {}): fc.Arbitrary<ExporterInfo> {
  return formatArb.chain((format) =>
    structureArb(format.itemsize, options).chain((s) =>
      fc.array(itemArb(format, options.nan ?? false), { minLength: s.nitems, maxLength: s.nitems }).map(
        (items): ExporterInfo => ({
          exporter: { ndarray: buildSpecOf(format, s, items) },
          format,
          shape: s.shape,
          layout: s.layout,
          flags: s.flags,
          items,
          strides: s.strides,
          offset: s.offset,
        }),
      ),
    ),
  );
}

/** Any format: mostly native, sometimes standard-size or multi-member. */
export const anyFormatArb: fc.Arbitrary<FormatInfo> = fc.oneof(
  { weight: 8, arbitrary: nativeFormatArb },
  { weight: 1, arbitrary: standardFormatArb },
  { weight: 1, arbitrary: multiFormatArb },
);

/** A ctypes array (or a single structure) of `Structure{c_int x}`: format 'T{<l:x:}', which struct cannot parse. */
export const ctypesExporterArb: fc.Arbitrary<ExporterInfo> = fc
  .tuple(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 4 }), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 }))
  .map(([count, bytes]) => {
    const n = count ?? 1;
    return {
      exporter: { ctypes: { count, hex: toHex(Uint8Array.from(bytes.slice(0, 4 * n))) } },
      format: { format: CTYPES_FORMAT, itemsize: 4, codes: [] },
      shape: count === null ? [] : [count],
      layout: "C",
      flags: ND_WRITABLE,
      items: [],
      strides: null,
      offset: 0,
    };
  });

// ---- keys ----------------------------------------------------------------------

/** Integers a key may hold: in range, just out, and far out (past Py_ssize_t), as number, bigint or boolean. */
export const intKeyArb: fc.Arbitrary<Tagged> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -6, max: 6 }).map(num) },
  { weight: 1, arbitrary: fc.boolean().map(bool) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n, 2n ** 64n, 10n ** 30n, -(10n ** 30n), 3n, -1n).map(big),
  },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53)).map(num) },
);

/** Keys that are not keys: floats, None, strings, bytes. */
export const badScalarKeyArb: fc.Arbitrary<Tagged> = fc.constantFrom(num(1.5), num(-0.5), num(NaN), num(Infinity), none, str("a"), str(""), bytesOf(0));

export const sliceBoundArb: fc.Arbitrary<Tagged | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 8, arbitrary: fc.integer({ min: -6, max: 6 }).map(num) },
  { weight: 1, arbitrary: fc.constantFrom(big(2n ** 63n), big(-(2n ** 70n)), big(10n ** 30n), bool(true)) },
  { weight: 1, arbitrary: fc.constantFrom(num(1.5), str("1")) },
);

const sliceStepArb: fc.Arbitrary<Tagged | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 8, arbitrary: fc.constantFrom(-3, -2, -1, 1, 2, 3).map(num) },
  { weight: 1, arbitrary: fc.constant(num(0)) },
  { weight: 1, arbitrary: fc.constantFrom(big(2n ** 63n), big(-(2n ** 63n) - 1n), num(1.5)) },
);

export const sliceKeyArb: fc.Arbitrary<Arg> = fc
  .tuple(sliceBoundArb, sliceBoundArb, sliceStepArb)
  .map(([a, b, c]): Arg => ({ slice: [a, b, c] }));

/** A tuple of integers (mostly 0 to 3 small ones, up to 6 of any size), now and then with a bad element. */
export const intTupleKeyArb: fc.Arbitrary<Arg> = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.array(fc.integer({ min: -4, max: 4 }).map(num), { maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(intKeyArb, { maxLength: 6 }) }),
    fc.option(badScalarKeyArb, { freq: 6 }),
    fc.nat(),
  )
  .map(([ints, bad, at]): Arg => {
    const elements: Arg[] = [...ints];
    if (bad !== null) elements.splice(at % (elements.length + 1), 0, bad);
    return { tuple: elements };
  });

/** Any key CPython's memoryview takes or refuses, except tuples holding a slice (our N-d extension). */
export const keyArb: fc.Arbitrary<Arg> = fc.oneof(
  { weight: 6, arbitrary: intKeyArb },
  { weight: 4, arbitrary: intTupleKeyArb },
  { weight: 3, arbitrary: sliceKeyArb },
  { weight: 1, arbitrary: fc.constant<Arg>({ ellipsis: true }) },
  { weight: 1, arbitrary: fc.constant<Arg>({ tuple: [] }) },
  { weight: 1, arbitrary: badScalarKeyArb },
  { weight: 1, arbitrary: fc.constant<Arg>({ tuple: [{ ellipsis: true }] }) },
);

/** Whether a key is a tuple holding a slice: our N-d extension, which CPython refuses. */
export function isExtensionKey(key: Arg): boolean {
  return typeof key === "object" && key !== null && "tuple" in key && key.tuple.some((k) => typeof k === "object" && k !== null && "slice" in k);
}

// ---- scripts -------------------------------------------------------------------

/** Builds a case step by step, keeping count of the registers. */
export class Script {
  readonly exporters: Exporter[] = [];
  readonly steps: Step[] = [];
  #registers = 0;

  constructor(exporters: readonly Exporter[] = []) {
    for (const e of exporters) this.exporter(e);
  }

  /** Adds an exporter; returns its register. */
  exporter(e: Exporter): number {
    if (this.steps.length > 0) throw new Error("exporters come before steps");
    this.exporters.push(e);
    return this.#registers++;
  }

  /** Adds a step; returns nothing. */
  run(op: Op, on: number, ...args: Arg[]): void {
    this.steps.push(args.length === 0 ? { op, on } : { op, on, args });
  }

  /** Adds a step whose result takes the next register; returns that register. */
  keep(op: Op, on: number, ...args: Arg[]): number {
    this.steps.push(args.length === 0 ? { op, on, keep: true } : { op, on, args, keep: true });
    return this.#registers++;
  }

  get case(): MemoryViewCase {
    return { exporters: [...this.exporters], steps: [...this.steps] };
  }
}

/** A way to derive a view from a view: the ops that make one. */
export type Derivation =
  | { readonly kind: "slice"; readonly key: Arg }
  | { readonly kind: "toreadonly" }
  | { readonly kind: "memoryview" }
  | { readonly kind: "cast"; readonly format: string; readonly shape?: readonly number[] };

export const derivationArb: fc.Arbitrary<Derivation> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.integer({ min: -5, max: 5 }), fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }), fc.constantFrom(1, 1, 2, -1, -2)).map(([a, b, c]): Derivation => ({ kind: "slice", key: { slice: [num(a), b === null ? null : num(b), num(c)] } })) },
  { weight: 1, arbitrary: fc.constant<Derivation>({ kind: "toreadonly" }) },
  { weight: 1, arbitrary: fc.constant<Derivation>({ kind: "memoryview" }) },
  { weight: 2, arbitrary: fc.constantFrom(...NATIVE_CODES, "B", "B", "c").map((format): Derivation => ({ kind: "cast", format })) },
);

/** Applies a derivation as a kept step; returns the new register. */
export function derive(script: Script, on: number, d: Derivation): number {
  switch (d.kind) {
    case "slice":
      return script.keep("get", on, d.key);
    case "toreadonly":
      return script.keep("toreadonly", on);
    case "memoryview":
      return script.keep("memoryview", on);
    case "cast":
      return d.shape === undefined ? script.keep("cast", on, str(d.format)) : script.keep("cast", on, str(d.format), { list: d.shape.map(num) });
  }
}

/** `memoryview(exporter)`, then up to `max` derivations; returns the register of the last view. */
export function viewOf(script: Script, exporter: number, path: readonly Derivation[]): number {
  let view = script.keep("memoryview", exporter);
  for (const d of path) view = derive(script, view, d);
  return view;
}

export const pathArb = (maxLength: number): fc.Arbitrary<Derivation[]> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant<Derivation[]>([]) }, { weight: 3, arbitrary: fc.array(derivationArb, { minLength: 1, maxLength }) });

// ---- shapes for cast -------------------------------------------------------------

/** Splits `n` into `parts` factors (each > 0), chosen by `picks`. */
export function factorize(n: number, parts: number, picks: readonly number[]): number[] {
  const out: number[] = [];
  let rest = n;
  for (let i = 0; i < parts - 1; i++) {
    const divisors = [];
    for (let d = 1; d <= rest; d++) if (rest % d === 0) divisors.push(d);
    const d = divisors[(picks[i] ?? 0) % divisors.length]!;
    out.push(d);
    rest /= d;
  }
  out.push(rest);
  return out;
}

/** The number of bytes of a whole exporter's view. */
export function nbytesOf(e: ExporterInfo): number {
  return product(e.shape) * e.format.itemsize;
}

/** Python's slice length of `slice(start, stop, step).indices(n)`, for tracking shapes in generators. */
export function sliceLength(n: number, start: number | null, stop: number | null, step: number): number {
  const clamp = (i: number, low: number, high: number): number => (i < 0 ? Math.max(i + n, low) : Math.min(i, high));
  const first = start === null ? (step < 0 ? n - 1 : 0) : clamp(start, step < 0 ? -1 : 0, step < 0 ? n - 1 : n);
  const last = stop === null ? (step < 0 ? -1 : n) : clamp(stop, step < 0 ? -1 : 0, step < 0 ? n - 1 : n);
  if (step < 0) return first > last ? Math.floor((first - last - 1) / -step) + 1 : 0;
  return first < last ? Math.floor((last - first - 1) / step) + 1 : 0;
}

/** Byte-swaps an integer item of `code` (`size` bytes): the value the same bytes hold in the other byte order. */
export function byteswapped(value: Tagged, code: string, size: number): Tagged {
  if (!("number" in value) && !("bigint" in value)) return value;
  const raw = BigInt.asUintN(size * 8, BigInt("number" in value ? Number(value.number) : value.bigint));
  let swapped = 0n;
  for (let i = 0; i < size; i++) swapped = (swapped << 8n) | ((raw >> BigInt(8 * i)) & 0xffn);
  return intTag(SIGNED.has(code) ? BigInt.asIntN(size * 8, swapped) : swapped, size);
}
