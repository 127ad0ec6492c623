/** Random Arrow columns built with Arrow's own makeData and sliced with its own slice(). */
import fc from "fast-check";
import {
  Field, FixedSizeBinary, FixedSizeList, Float16, Float32, Float64, Int16, Int32, Int64, Int8,
  makeData, Uint16, Uint32, Uint64, Uint8, Vector, type Data,
} from "apache-arrow";

export const ARROW_TYPES = [
  { make: () => new Int8(), Values: Int8Array, format: "b" },
  { make: () => new Uint8(), Values: Uint8Array, format: "B" },
  { make: () => new Int16(), Values: Int16Array, format: "h" },
  { make: () => new Uint16(), Values: Uint16Array, format: "H" },
  { make: () => new Int32(), Values: Int32Array, format: "i" },
  { make: () => new Uint32(), Values: Uint32Array, format: "I" },
  { make: () => new Int64(), Values: BigInt64Array, format: "q" },
  { make: () => new Uint64(), Values: BigUint64Array, format: "Q" },
  { make: () => new Float16(), Values: Uint16Array, format: "e" },
  { make: () => new Float32(), Values: Float32Array, format: "f" },
  { make: () => new Float64(), Values: Float64Array, format: "d" },
] as const;

export interface ArrowCase {
  /** The sliced column, one chunk. */
  readonly vector: Vector;
  readonly format: string;
  readonly itemsize: number;
  /** Values per row: 1 for a flat column, k for FixedSizeList(k) and FixedSizeBinary(k). */
  readonly width: number;
  readonly kind: "flat" | "list" | "binary";
}

/** A column of `rows` rows, its values buffer over-allocated by `slack` items, then Arrow's slice(begin, end). */
export const arrowCase: fc.Arbitrary<ArrowCase> = fc
  .record({
    type: fc.constantFrom(...ARROW_TYPES),
    kind: fc.constantFrom("flat" as const, "list" as const, "binary" as const),
    rows: fc.integer({ min: 0, max: 12 }),
    width: fc.integer({ min: 1, max: 4 }),
    slack: fc.integer({ min: 0, max: 5 }),
    cut: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    salt: fc.integer({ min: 0, max: 255 }),
  })
  .map(({ type, kind, rows, width, slack, cut, salt }) => {
    const values = kind === "flat" ? rows : rows * width;
    const itemsize = type.Values.BYTES_PER_ELEMENT;
    const bytes = new Uint8Array((kind === "binary" ? values : values * itemsize) + slack * itemsize);
    // Float16 bit patterns are kept finite (exponent below all-ones) so NaN payloads never enter the comparison.
    bytes.forEach((_, i) => (bytes[i] = type.format === "e" && i % 2 === 1 ? (i * 7 + salt) & 0x7b : (i * 31 + salt) & 255));
    let data: Data;
    if (kind === "binary") {
      data = makeData({ type: new FixedSizeBinary(width), length: rows, data: bytes });
    } else {
      const leaf = makeData({ type: type.make() as Int32, length: values, data: new type.Values(bytes.buffer) as never }) as Data;
      data = kind === "flat" ? leaf : makeData({ type: new FixedSizeList(width, new Field("item", leaf.type)), length: rows, child: leaf });
    }
    const [a, b] = [Math.floor(cut[0] * rows), Math.floor(cut[1] * rows)];
    const vector = new Vector([data]).slice(Math.min(a, b), Math.max(a, b));
    return {
      vector,
      kind,
      width: kind === "flat" ? 1 : width,
      format: kind === "binary" ? `${width}s` : type.format,
      itemsize: kind === "binary" ? width : itemsize,
    };
  });
