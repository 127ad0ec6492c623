/**
 * fast-check arbitraries for `_testbuffer.ndarray` cases (the language of
 * ndarray_oracle.py): random native formats and items, random structures in
 * the manner of test_buffer's `rand_structure` (valid, deliberately invalid,
 * or raw), random flags, N-d slices and indices, and request subsets.
 *
 * Sizes are wasm32's (Pyodide): `l L n N P` are 4 bytes.
 */
import fc from "fast-check";
import type { BuildSpec, Key, NDArrayCase, SliceSpec } from "../ndarray/helpers.ts";
import { toTagged } from "./tagged.ts";

/** The request flags of test_ndarray_getbuf: 15 requests x 4 extras. */
export const BASE_REQUESTS = [0x118, 0x18, 0x8, 0x0, 0x38, 0x58, 0x98, 0x11d, 0x11c, 0x1d, 0x1c, 0x19, 0x18, 0x9, 0x8] as const;
export const REQUEST_EXTRAS = [0, 0x1, 0x4, 0x5] as const;
export const ALL_REQUESTS: readonly number[] = BASE_REQUESTS.flatMap((r) => REQUEST_EXTRAS.map((e) => r | e));

/** `ND_WRITABLE`, `ND_FORTRAN`, `ND_PIL`. */
const CREATION_FLAGS = [0x2, 0x4, 0x10] as const;

/** Native codes and their wasm32 sizes. */
const WASM32_SIZES: Readonly<Record<string, number>> = {
  "?": 1, c: 1, b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, n: 4, N: 4, e: 2, f: 4, d: 8, P: 4,
};
export const NATIVE_CODES = Object.keys(WASM32_SIZES);

const SIGNED = new Set(["b", "h", "i", "l", "q", "n"]);

/** A JS value for one item of `code`, in the engine's value types. */
function itemArb(code: string): fc.Arbitrary<unknown> {
  const size = WASM32_SIZES[code]!;
  switch (code) {
    case "?":
      return fc.boolean();
    case "c":
      return fc.integer({ min: 0, max: 255 }).map((b) => Uint8Array.of(b));
    case "e":
      // Exactly representable halves, the largest finite one, and the specials (no NaN: its bits are not comparable).
      return fc.oneof(
        fc.tuple(fc.integer({ min: -2048, max: 2048 }), fc.integer({ min: 0, max: 10 })).map(([m, e]) => m / 2 ** e),
        fc.constantFrom(65504, -65504, Infinity, -Infinity, -0),
      );
    case "f":
      return fc.float({ noNaN: true });
    case "d":
      return fc.double({ noNaN: true });
  }
  const bits = BigInt(size * 8);
  const [min, max] = SIGNED.has(code) ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
  const value = fc.oneof(fc.bigInt({ min, max }), fc.constantFrom(min, max, 0n));
  return size === 8 ? value : value.map(Number);
}

export interface FormatSpec {
  readonly format: string;
  readonly code: string;
  readonly itemsize: number;
}

export const formatArb: fc.Arbitrary<FormatSpec> = fc
  .tuple(fc.constantFrom(...NATIVE_CODES), fc.boolean())
  .map(([code, at]) => ({ format: at ? `@${code}` : code, code, itemsize: WASM32_SIZES[code]! }));

interface Structure {
  readonly nitems: number;
  readonly shape: number[];
  /** In bytes; `null` for none (C, or Fortran with ND_FORTRAN). */
  readonly strides: number[] | null;
  readonly offset: number;
}

/** rand_structure(valid=True), ndim 0-3 and extents 0-4, with a tight memory block plus some slack. */
function validStructureArb(itemsize: number): fc.Arbitrary<Structure> {
  return fc.integer({ min: 0, max: 3 }).chain((ndim) => {
    if (ndim === 0) return fc.constant<Structure>({ nitems: 1, shape: [], strides: null, offset: 0 });
    const minShape = fc.integer({ min: 0, max: 99 }).map((n) => (n >= 95 ? 0 : n >= 90 ? 1 : 2));
    return fc
      .record({
        shape: minShape.chain((low) => fc.array(fc.integer({ min: low, max: 4 }), { minLength: ndim, maxLength: ndim })),
        zeroStride: fc.integer({ min: 0, max: 99 }).map((n) => n >= 95 && n % 2 === 1),
        units: fc.array(fc.integer({ min: 0, max: 1 << 16 }), { minLength: ndim, maxLength: ndim }),
        signs: fc.array(fc.boolean(), { minLength: ndim, maxLength: ndim }),
        cStrides: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        slack: fc.integer({ min: 0, max: 2 }),
      })
      .map(({ shape, zeroStride, units, signs, cStrides, slack }) => {
        // Strides as rand_structure draws them, in items, scaled to bytes.
        const strides = new Array<number>(ndim).fill(0);
        let maxStride = 5;
        const draw = (i: number, lowest: number): number => {
          const span = maxStride - lowest + 1;
          return lowest + (units[i]! % span);
        };
        // `+ 0` turns a -0 into 0 (JSON cannot carry -0 to Python).
        strides[ndim - 1] = (signs[ndim - 1] ? -1 : 1) * draw(ndim - 1, zeroStride ? 0 : 1) * itemsize + 0;
        for (let i = ndim - 2; i >= 0; i--) {
          maxStride *= shape[i + 1]! || 1;
          strides[i] = (signs[i] ? -1 : 1) * draw(i, zeroStride ? 0 : 1) * itemsize + 0;
        }
        let low = 0;
        let high = 0;
        if (!shape.includes(0)) {
          shape.forEach((extent, j) => {
            const span = strides[j]! * (extent - 1);
            if (span < 0) low += span;
            else high += span;
          });
        }
        const offset = Math.abs(low);
        const nitems = (offset + high) / itemsize + 1 + slack;
        return cStrides ? { nitems: shape.reduce((p, e) => p * e, 1) || 1, shape, strides: null, offset: 0 } : { nitems, shape, strides, offset };
      });
  });
}

/** A valid structure pushed one item out of bounds, the way rand_structure(valid=False) does, or shrunk by an item. */
function invalidStructureArb(itemsize: number): fc.Arbitrary<Structure> {
  return fc.tuple(validStructureArb(itemsize), fc.integer({ min: 0, max: 2 })).map(([s, how]) => {
    const memlen = s.nitems * itemsize;
    if (how === 0) return { ...s, offset: s.offset - itemsize };
    if (how === 1) return { ...s, offset: memlen };
    return { ...s, nitems: Math.max(1, s.nitems - 1) };
  });
}

/** Anything goes: random byte strides and offsets, most of them invalid. */
function rawStructureArb(itemsize: number): fc.Arbitrary<Structure> {
  return fc.integer({ min: 0, max: 3 }).chain((ndim) =>
    fc.record({
      nitems: fc.integer({ min: 1, max: 12 }),
      shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: ndim, maxLength: ndim }),
      strides: fc.option(fc.array(fc.integer({ min: -3 * itemsize, max: 3 * itemsize }), { minLength: ndim, maxLength: ndim }), { nil: null }),
      offset: fc.integer({ min: -itemsize, max: 8 * itemsize }),
    }),
  );
}

function structureArb(itemsize: number): fc.Arbitrary<Structure> {
  return fc.oneof(
    { weight: 6, arbitrary: validStructureArb(itemsize) },
    { weight: 1, arbitrary: invalidStructureArb(itemsize) },
    { weight: 1, arbitrary: rawStructureArb(itemsize) },
  );
}

/** Flags: any subset of WRITABLE, FORTRAN, PIL (FORTRAN with strides and PIL with ndim 0 are errors to compare). */
export const creationFlagsArb = fc.subarray([...CREATION_FLAGS]).map((fs) => fs.reduce((a, f) => a | f, 0));

const boundArb = fc.option(fc.integer({ min: -6, max: 6 }), { nil: null, freq: 3 });
const stepArb = fc.oneof(
  { weight: 12, arbitrary: fc.option(fc.constantFrom(-3, -2, -1, 1, 2, 3), { nil: null, freq: 3 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);
export const sliceArb: fc.Arbitrary<SliceSpec> = fc.tuple(boundArb, boundArb, stepArb);

/**
 * A key for an array of `ndim` dimensions: mostly N-d slices (`[]` is
 * `x[()]`), sometimes an index. Never more slices than dimensions: CPython's
 * `_testbuffer` does not check that and writes past its shape arrays
 * (undefined behaviour; NDArray raises IndexError, see ndarray.test.ts).
 */
function keyArb(ndim: number): fc.Arbitrary<Key> {
  if (ndim === 0) {
    return fc.oneof(
      fc.constant<Key>({ empty: true }),
      fc.constant<Key>({ ellipsis: true }),
      fc.integer({ min: -1, max: 1 }).map((index): Key => ({ index })),
    );
  }
  return fc.oneof(
    { weight: 3, arbitrary: sliceArb.map((s): Key => ({ slice: s })) },
    { weight: 4, arbitrary: fc.array(sliceArb, { minLength: 0, maxLength: ndim }).map((slices): Key => ({ slices })) },
    { weight: 2, arbitrary: fc.integer({ min: -5, max: 5 }).map((index): Key => ({ index })) },
  );
}

/** The case's array: format, items and structure, as the `build` of a case. */
export const buildArb: fc.Arbitrary<BuildSpec> = formatArb.chain(({ format, code, itemsize }) =>
  fc.tuple(structureArb(itemsize), creationFlagsArb).chain(([s, flags]) =>
    fc.array(itemArb(code), { minLength: s.nitems, maxLength: s.nitems }).map((items): BuildSpec => {
      const tagged = items.map(toTagged);
      const build: BuildSpec = { items: s.shape.length === 0 ? tagged[0] : tagged, shape: s.shape, offset: s.offset, format, flags };
      return s.strides === null ? build : { ...build, strides: s.strides };
    }),
  ),
);

/** The ndim after `key`, or null when it gives an item (or an error). */
function ndimAfter(ndim: number, key: Key): number | null {
  if ("slice" in key || "slices" in key) return ndim;
  if ("index" in key) return ndim > 1 ? ndim - 1 : null;
  return "ellipsis" in key ? ndim : null;
}

/** One or two keys, the second drawn for the dimensions the first leaves. */
function keysArb(ndim: number): fc.Arbitrary<Key[]> {
  return fc.tuple(fc.boolean(), keyArb(ndim)).chain(([two, first]) => {
    const next = ndimAfter(ndim, first);
    return !two || next === null ? fc.constant([first]) : keyArb(next).map((second) => [first, second]);
  });
}

const requestsArb = fc.subarray([...ALL_REQUESTS], { minLength: 1, maxLength: 10 });

/** An array as built, and a handful of requests. */
export const constructionCaseArb: fc.Arbitrary<NDArrayCase> = fc
  .tuple(buildArb, requestsArb)
  .map(([build, requests]): NDArrayCase => ({ build, requests }));

/** An array, one or two keys applied in turn, and a handful of requests. */
export const keyedCaseArb: fc.Arbitrary<NDArrayCase> = buildArb.chain((build) =>
  fc
    .tuple(keysArb((build.shape as number[]).length), requestsArb)
    .map(([keys, requests]): NDArrayCase => ({ build, keys, requests })),
);
