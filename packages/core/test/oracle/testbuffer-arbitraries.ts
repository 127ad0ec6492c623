/**
 * Random `_testbuffer.ndarray` structures that CPython accepts, described the
 * same way for both sides: CPython builds them from the case in Pyodide
 * (testbuffer_oracle.py), core builds the equivalent {@link NDArray}.
 *
 * Layouts: C, Fortran (ND_FORTRAN), or explicit strides of -4..4 items
 * (zero and negative included), each optionally PIL (ND_PIL), with slack
 * items before and after so `buf` is not always the block start. ndim 0-3,
 * extents 0-4. Item values are distinct, so an item identifies its address.
 */
import fc from "fast-check";
import { NDArray, NDArrayFlags, type NDArrayOptions } from "../../src/index.ts";

export interface TestbufferCase {
  readonly items: readonly number[];
  readonly shape: readonly number[];
  readonly strides: readonly number[] | null;
  /** Byte offset of item [0, ..., 0] in the items. */
  readonly offset: number;
  readonly format: string;
  readonly flags: number;
  /** Valid index tuples to look up with `get_pointer`. */
  readonly indices: readonly (readonly number[])[];
}

/** Formats with the same size under LP64 and wasm32, and a distinct value for each item number. */
const FORMATS: readonly { readonly format: string; readonly itemsize: number; value(i: number): number }[] = [
  { format: "B", itemsize: 1, value: (i) => (i * 37 + 11) % 256 },
  { format: "h", itemsize: 2, value: (i) => i * 3 - 700 },
  { format: "i", itemsize: 4, value: (i) => i * 100_003 - 5_000_000 },
  { format: "d", itemsize: 8, value: (i) => i + 0.5 },
];

const product = (shape: readonly number[]): number => shape.reduce((p, n) => p * n, 1);

export const testbufferCaseArb: fc.Arbitrary<TestbufferCase> = fc
  .record({
    kind: fc.constantFrom(...FORMATS),
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
    layout: fc.constantFrom("C", "F", "strided"),
    stepItems: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 3, maxLength: 3 }),
    pil: fc.boolean(),
    before: fc.integer({ min: 0, max: 2 }),
    after: fc.integer({ min: 0, max: 2 }),
    picks: fc.array(fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ kind, shape, layout, stepItems, pil, before, after, picks }): TestbufferCase => {
    const ndim = shape.length;
    let flags = 0;
    let strides: number[] | null = null;
    let offsetItems = before;
    let count: number;
    if (ndim > 0 && layout === "strided") {
      const steps = stepItems.slice(0, ndim);
      let low = 0;
      let high = 0;
      steps.forEach((step, i) => {
        const span = step * Math.max(shape[i]! - 1, 0);
        if (span < 0) low += span;
        else high += span;
      });
      offsetItems = before - low;
      count = offsetItems + high + 1 + after;
      strides = steps.map((step) => step * kind.itemsize);
    } else if (ndim > 0) {
      if (layout === "F") flags |= NDArrayFlags.FORTRAN;
      count = Math.max(before + product(shape) + after, before + 1);
    } else {
      offsetItems = 0;
      count = 1;
    }
    if (ndim > 0 && pil) flags |= NDArrayFlags.PIL;
    const items = Array.from({ length: count }, (_, i) => kind.value(i));
    const indices = shape.includes(0) ? [] : picks.map((pick) => shape.map((n, i) => pick[i]! % n));
    return { items, shape, strides, offset: offsetItems * kind.itemsize, format: kind.format, flags, indices };
  });

/** Core's equivalent of the case's ndarray, with wasm32 pointers so PIL memory matches Pyodide's. */
export function buildNDArray(c: TestbufferCase): NDArray {
  const options: NDArrayOptions = {
    shape: c.shape,
    offset: c.offset,
    format: c.format,
    flags: c.flags,
    abi: "wasm32",
    ...(c.strides === null ? {} : { strides: c.strides }),
  };
  return new NDArray(c.shape.length === 0 ? c.items[0] : c.items, options);
}
