/** Random scijs ndarray views: a dtype, a shape, random data, and a chain of the library's own view methods. */
import fc from "fast-check";
import ndarray, { type NdArray } from "ndarray";

// Typed as a Float64Array constructor: the tests only read it through scijs get() and raw bytes.
const HOST_FLOAT16 = (globalThis as { Float16Array?: unknown }).Float16Array as Float64ArrayConstructor | undefined;

/** The dtypes the property tests draw from: scijs's typed ones, float16 where the host has Float16Array (Node.js 24+). */
export const SCIJS_DTYPES = [
  { name: "int8", Data: Int8Array, format: "b" },
  { name: "uint8", Data: Uint8Array, format: "B" },
  { name: "uint8_clamped", Data: Uint8ClampedArray, format: "B" },
  { name: "int16", Data: Int16Array, format: "h" },
  { name: "uint16", Data: Uint16Array, format: "H" },
  { name: "int32", Data: Int32Array, format: "i" },
  { name: "uint32", Data: Uint32Array, format: "I" },
  { name: "float32", Data: Float32Array, format: "f" },
  { name: "float64", Data: Float64Array, format: "d" },
  { name: "bigint64", Data: BigInt64Array, format: "q" },
  { name: "biguint64", Data: BigUint64Array, format: "Q" },
  ...(HOST_FLOAT16 === undefined ? [] : [{ name: "float16", Data: HOST_FLOAT16, format: "e" }]),
] as const;

type Op =
  | { readonly op: "step"; readonly steps: number[] }
  | { readonly op: "transpose"; readonly keys: number[] }
  | { readonly op: "hi"; readonly fractions: number[] }
  | { readonly op: "lo"; readonly fractions: number[] }
  | { readonly op: "pick"; readonly choices: (number | null)[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("step" as const), steps: fc.array(fc.constantFrom(-3, -2, -1, 1, 2, 3), { minLength: 4, maxLength: 4 }) }),
  fc.record({ op: fc.constant("transpose" as const), keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }) }),
  fc.record({ op: fc.constant("hi" as const), fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }) }),
  fc.record({ op: fc.constant("lo" as const), fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }) }),
  fc.record({
    op: fc.constant("pick" as const),
    choices: fc.array(fc.option(fc.double({ min: 0, max: 0.999, noNaN: true }), { freq: 2 }), { minLength: 4, maxLength: 4 }),
  }),
);

/** Applies one view method of the library to `view`, with arguments scaled to its shape. */
function apply(view: NdArray<any>, o: Op): NdArray<any> {
  const d = view.shape.length;
  // scijs's methods on a 0-d view return a broken view (pick() leaves offset undefined): the chain stops there.
  if (d === 0) return view;
  switch (o.op) {
    case "step":
      return view.step(...o.steps.slice(0, d));
    case "transpose": {
      const order = [...Array(d).keys()].sort((a, b) => o.keys[a]! - o.keys[b]! || a - b);
      return view.transpose(...order);
    }
    case "hi":
      return view.hi(...view.shape.map((n, i) => Math.round(n * o.fractions[i]!)));
    case "lo":
      return view.lo(...view.shape.map((n, i) => Math.floor(n * o.fractions[i]!)));
    case "pick": {
      // scijs picks on a dimension only when the index is a non-negative number; an empty dimension cannot be picked.
      const args = view.shape.map((n, i) => (o.choices[i] === null || n === 0 ? null : Math.floor(n * o.choices[i]!)));
      return view.pick(...(args as number[]));
    }
  }
}

export interface ScijsCase {
  readonly dtype: (typeof SCIJS_DTYPES)[number];
  readonly base: NdArray<any>;
  readonly view: NdArray<any>;
  readonly chain: readonly Op[];
}

/** A random dtype, a C-order base of 1 to 4 dimensions over random bytes, and a view chain of 0 to 4 methods. */
export const scijsCase: fc.Arbitrary<ScijsCase> = fc
  .record({
    dtype: fc.constantFrom(...SCIJS_DTYPES),
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 }),
    seed: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    chain: fc.array(op, { maxLength: 4 }),
  })
  .map(({ dtype, shape, seed, chain }) => {
    const size = shape.reduce((n, m) => n * m, 1);
    const bytes = new Uint8Array(size * dtype.Data.BYTES_PER_ELEMENT);
    for (let i = 0; i < bytes.length; i++) bytes[i] = seed[i % seed.length]! ^ (i * 37);
    const base = ndarray(new dtype.Data(bytes.buffer) as any, shape);
    let view = base;
    for (const o of chain) view = apply(view, o);
    return { dtype, base, view, chain };
  });
