/**
 * Slicing dimension 0 takes a shortcut for plain keys (bounds None or
 * integers no clamp touches) that builds none of `unpackSlice`'s and
 * `adjustSliceIndices`'s arrays. It must give exactly the layout, or the
 * error, of the full computation for every key, plain or not.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slice, type Slice } from "../../src/index.ts";
import { sliceFirstDimension, sliceFirstDimensionExactly, type ViewLayout } from "../../src/memoryview/view-layout.ts";

const layoutArb = fc
  .record({
    shape: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 }),
    itemsize: fc.constantFrom(1, 2, 4, 8),
    signs: fc.array(fc.constantFrom(1, -1), { minLength: 3, maxLength: 3 }),
    gap: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ shape, itemsize, signs, gap }): ViewLayout => {
    const strides = new Array<number>(shape.length);
    let stride = itemsize * gap;
    for (let dim = shape.length - 1; dim >= 0; dim--) {
      strides[dim] = signs[dim]! * stride;
      stride *= Math.max(shape[dim]!, 1);
    }
    let len = itemsize;
    for (const extent of shape) len *= extent;
    return {
      memory: new ArrayBuffer(stride + 64),
      buf: stride,
      len,
      itemsize,
      readonly: false,
      format: "B",
      ndim: shape.length,
      shape,
      strides,
      suboffsets: null,
      exactStrides: null,
    };
  });

const boundArb = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer({ min: -12, max: 12 }),
  fc.constantFrom(2 ** 31 - 1, -(2 ** 31), 2 ** 31, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e300, -1e300),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.boolean(),
);

function outcome(call: () => ViewLayout): unknown {
  try {
    return call();
  } catch (error) {
    return { error: (error as { pythonType?: string }).pythonType, message: (error as Error).message };
  }
}

describe("slicing dimension 0", () => {
  it("gives, for every key, exactly the layout or the error of the full computation", () => {
    fc.assert(
      fc.property(layoutArb, boundArb, boundArb, boundArb, fc.constantFrom(undefined, Number.MAX_SAFE_INTEGER, 2 ** 31 - 1), (layout, start, stop, step, ssizeMax) => {
        const key = slice(start as never, stop as never, step as never) as Slice;
        expect(outcome(() => sliceFirstDimension(layout, key, ssizeMax))).toEqual(outcome(() => sliceFirstDimensionExactly(layout, key, ssizeMax)));
      }),
      { numRuns: 3000 },
    );
  });

  it("takes the shortcut's answer for plain keys: a step of -1 over an empty dimension, and over a full one", () => {
    const [layout] = fc.sample(layoutArb, { numRuns: 1, seed: 7 });
    for (const key of [slice(null, null, -1), slice(1, -1, 2), slice(-100, 100)]) {
      expect(sliceFirstDimension(layout!, key)).toEqual(sliceFirstDimensionExactly(layout!, key));
    }
  });
});
