/**
 * Random buffer layouts for properties: NDArray views (the reference
 * exporter) of 0 to 3 dimensions, with item sizes 1, 2 and 4, sliced with
 * any steps (so strides are negative, gapped or zero-extent), optionally
 * PIL-style (suboffsets). Each is writable.
 */
import { NDArray, NDArrayFlags, slice } from "@pybuffer/core";
import fc from "fast-check";

export interface LayoutCase {
  readonly shape: readonly number[];
  readonly format: "B" | "<h" | "<i";
  readonly pil: boolean;
  readonly cuts: readonly { readonly start: number; readonly stop: number; readonly step: number }[];
}

const ITEMSIZE = { B: 1, "<h": 2, "<i": 4 } as const;

export const layoutCase: fc.Arbitrary<LayoutCase> = fc
  .record({
    shape: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 3 }),
    format: fc.constantFrom("B" as const, "<h" as const, "<i" as const),
    pil: fc.boolean(),
  })
  .chain((base) =>
    fc.record({
      shape: fc.constant(base.shape),
      format: fc.constant(base.format),
      pil: fc.constant(base.pil && base.shape.length > 0),
      cuts: fc.tuple(
        ...base.shape.map((extent) =>
          fc.record({
            start: fc.integer({ min: -extent, max: extent }),
            stop: fc.integer({ min: -extent - 1, max: extent + 1 }),
            step: fc.integer({ min: -3, max: 3 }).filter((step) => step !== 0),
          }),
        ),
      ),
    }),
  );

/** A fresh writable NDArray view for `layout`, its items numbered from `seed`. */
export function makeLayout(layout: LayoutCase, seed = 1): NDArray {
  const count = layout.shape.reduce((product, extent) => product * extent, 1);
  const modulus = { B: 256, "<h": 65536, "<i": 2 ** 31 }[layout.format];
  const items = Array.from({ length: count }, (_, i) => (i * 37 + seed) % modulus);
  const flags = NDArrayFlags.WRITABLE | (layout.pil ? NDArrayFlags.PIL : 0);
  const base =
    layout.shape.length === 0
      ? new NDArray(items[0]!, { shape: [], format: layout.format, flags })
      : new NDArray(items, { shape: layout.shape, format: layout.format, flags });
  if (layout.cuts.length === 0) return base;
  return base.get(layout.cuts.map((cut) => slice(cut.start, cut.stop, cut.step))) as NDArray;
}

export function itemsizeOf(layout: LayoutCase): number {
  return ITEMSIZE[layout.format];
}
