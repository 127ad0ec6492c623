/** Random strided geometries in element units: shape, strides (any sign, gaps) and the offset that keeps every item inside `length` elements. */
import fc from "fast-check";

export interface Geometry {
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
  /** Elements the data needs. */
  readonly length: number;
}

export function geometry(maxNdim = 4): fc.Arbitrary<Geometry> {
  return fc
    .array(fc.record({ extent: fc.integer({ min: 0, max: 4 }), stride: fc.integer({ min: -6, max: 6 }) }), { maxLength: maxNdim })
    .chain((dims) => fc.record({ dims: fc.constant(dims), slack: fc.integer({ min: 0, max: 3 }) }))
    .map(({ dims, slack }) => {
      const shape = dims.map((d) => d.extent);
      const strides = dims.map((d) => d.stride);
      let low = 0;
      let high = 0;
      for (const { extent, stride } of dims) {
        if (extent === 0) continue;
        const span = (extent - 1) * stride;
        if (span < 0) low += span;
        else high += span;
      }
      return { shape, strides, offset: slack - low, length: slack - low + high + 1 + slack };
    });
}
