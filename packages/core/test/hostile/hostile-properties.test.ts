/**
 * Properties for each class of hostile input (issue 12): records with
 * adversarial lengths, getters and Proxies; PIL pointer graphs (cycles,
 * shared tables, deep chains) checked against a brute-force walk; huge
 * broadcast views; and every method of a view or NDArray whose memory is
 * detached, shrunk or released. Each answer is a value or a Python error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, getBufferSymbol, memoryview, NDArray, releaseBuffer, releaseBufferSymbol, slice, type MemoryView } from "../../src/index.ts";
import { bareError } from "./hostile-values.ts";

/** An exporter answering `record` (its `obj` set to itself), counting releases. */
function exporter(record: Record<string, unknown>): { e: object; released: () => number } {
  let released = 0;
  const e = {
    [getBufferSymbol]: () => ({ ...record, obj: e }),
    [releaseBufferSymbol]: () => void released++,
  };
  return { e, released: () => released };
}

const hostileArray = fc.oneof(
  fc.constant(null),
  fc.array(fc.integer({ min: -3, max: 20 }), { maxLength: 4 }),
  fc.constantFrom(2 ** 32 - 1, 2 ** 31, 65, 1e6).map((length) => {
    const values = [1];
    values.length = length;
    return values;
  }),
  fc.constantFrom(2 ** 32 - 1, 3).map((length) => new Proxy([1, 1, 1], { get: (t, k, r) => (k === "length" ? length : (Reflect.get(t, k, r) as unknown)) })),
  fc.constant("shape"),
);

/** A record field's value, possibly behind a getter that throws. */
function withGetters(record: Record<string, unknown>, throwing: readonly string[]): object {
  const target = { ...record };
  for (const key of throwing) {
    Object.defineProperty(target, key, {
      get: () => {
        throw new RangeError(`${key} getter`);
      },
    });
  }
  return target;
}

describe("records with adversarial lengths, getters and Proxies", () => {
  it("are accepted when sound, refused with BufferError otherwise, and released exactly once on refusal", () => {
    fc.assert(
      fc.property(
        fc.record({
          ndim: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constantFrom(64, 65, 2 ** 32 - 1, 1.5)),
          shape: hostileArray,
          strides: hostileArray,
          suboffsets: hostileArray,
          len: fc.integer({ min: 0, max: 20 }),
        }),
        fc.subarray(["memory", "shape", "strides", "ndim", "format", "len"]),
        fc.boolean(),
        (fields, throwing, asProxy) => {
          const base = {
            obj: null, memory: new ArrayBuffer(16), buf: 0, itemsize: 1, readonly: true, format: "B", internal: null, ...fields,
          };
          const { e, released } = exporter({});
          (e as Record<symbol, unknown>)[getBufferSymbol] = () => {
            const record = withGetters({ ...base, obj: e }, throwing);
            return asProxy ? new Proxy(record, {}) : record;
          };
          let view;
          try {
            view = getBuffer(e, BufferFlags.FULL_RO);
          } catch (error) {
            expect((error as { pythonType?: unknown }).pythonType).toBe("BufferError");
            expect(released()).toBe(1);
            return;
          }
          expect(throwing).toEqual([]);
          releaseBuffer(view);
          expect(released()).toBe(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/**
 * A random pointer graph: `tables` tables of `width` 8-byte cells, each
 * cell holding the offset of a random table (or, rarely, a wild offset),
 * then 16 data bytes. Shape `[width] * ndim`, strides `[8] * ndim`,
 * suboffsets `[0] * ndim`: every path follows `ndim` pointers.
 */
const graphArb = fc
  .record({ tables: fc.integer({ min: 1, max: 5 }), width: fc.integer({ min: 1, max: 3 }), ndim: fc.integer({ min: 1, max: 12 }) })
  .chain(({ tables, width, ndim }) =>
    fc.record({
      tables: fc.constant(tables),
      width: fc.constant(width),
      ndim: fc.constant(ndim),
      targets: fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: tables }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1000, 2 ** 40) }), {
        minLength: tables * width,
        maxLength: tables * width,
      }),
    }),
  );

function graphMemory(g: { tables: number; width: number; targets: readonly number[] }): ArrayBuffer {
  const memory = new ArrayBuffer(g.tables * g.width * 8 + 16);
  const view = new DataView(memory);
  g.targets.forEach((target, cell) => {
    // Table `tables` is the data block: its offset is past the last table.
    const offset = target < 0 ? 2 ** 53 : target <= g.tables ? target * g.width * 8 : target;
    view.setBigUint64(cell * 8, BigInt(offset), true);
  });
  return memory;
}

/** Whether every path stays inside the block: the exponential walk, for small graphs only. */
function bruteForce(memory: ArrayBuffer, width: number, ndim: number): boolean {
  const view = new DataView(memory);
  const walk = (table: number, dim: number): boolean => {
    if (dim === ndim) return table >= 0 && table + 1 <= memory.byteLength;
    if (table < 0 || table + (width - 1) * 8 + 8 > memory.byteLength) return false;
    for (let i = 0; i < width; i++) {
      const target = Number(view.getBigUint64(table + i * 8, true));
      if (!walk(target, dim + 1)) return false;
    }
    return true;
  };
  return walk(0, 0);
}

describe("PIL pointer graphs: cycles, shared tables, deep chains", () => {
  it("validation agrees with the brute-force walk", () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        fc.pre(g.width ** g.ndim <= 4096);
        const memory = graphMemory(g);
        const { e } = exporter({
          memory, buf: 0, len: g.width ** g.ndim, itemsize: 1, readonly: true, format: "B", ndim: g.ndim,
          shape: Array(g.ndim).fill(g.width), strides: Array(g.ndim).fill(8), suboffsets: Array(g.ndim).fill(0), internal: null,
        });
        let accepted = true;
        try {
          releaseBuffer(getBuffer(e, BufferFlags.FULL_RO));
        } catch (error) {
          expect((error as { pythonType?: unknown }).pythonType).toBe("BufferError");
          accepted = false;
        }
        expect(accepted).toBe(bruteForce(memory, g.width, g.ndim));
      }),
      { numRuns: 400 },
    );
  });

  it("deep graphs of 2**52 paths validate (the walk is bounded by the tables, not the paths)", () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const ndim = 52;
        const memory = graphMemory({ ...g, width: 2, targets: Array.from({ length: g.tables * 2 }, (_, i) => g.targets[i % g.targets.length]!) });
        const { e } = exporter({
          memory, buf: 0, len: 2 ** ndim, itemsize: 1, readonly: true, format: "B", ndim,
          shape: Array(ndim).fill(2), strides: Array(ndim).fill(8), suboffsets: Array(ndim).fill(0), internal: null,
        });
        expect(bareError(() => releaseBuffer(getBuffer(e, BufferFlags.FULL_RO)))).toBeNull();
      }),
      { numRuns: 100 },
    );
  });
});

describe("huge broadcast views", () => {
  const smallShape = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 });
  // Every one of these is past 2**33 bytes: no engine builds its list, string or bytes.
  const hugeShape = fc.constantFrom([2 ** 53 - 1], [2 ** 26, 2 ** 26], [2 ** 20, 2 ** 20, 2 ** 10], [2 ** 34], [3, 2 ** 32]);

  it("small ones convert; huge ones raise MemoryError before allocating", () => {
    fc.assert(
      fc.property(fc.oneof(smallShape, hugeShape), fc.constantFrom("B", "<i", "d"), (shape, format) => {
        const itemsize = format === "B" ? 1 : format === "<i" ? 4 : 8;
        const len = shape.reduce((a, b) => a * b, itemsize);
        fc.pre(Number.isSafeInteger(len));
        const { e } = exporter({
          memory: new ArrayBuffer(16), buf: 0, len, itemsize, readonly: true, format, ndim: shape.length,
          shape, strides: shape.map(() => 0), suboffsets: null, internal: null,
        });
        const m = memoryview(e);
        for (const convert of [() => m.toList(), () => m.hex(), () => m.toBytes(), () => m.toBytes("F")]) {
          let kind: unknown = "returned";
          try {
            convert();
          } catch (error) {
            kind = (error as { pythonType?: unknown }).pythonType;
          }
          expect(kind).toBe(len > 2 ** 33 ? "MemoryError" : "returned");
        }
        // copyInto allocates nothing: a target too small is refused before a byte is read.
        const target = new Uint8Array(64);
        let copied: unknown;
        try {
          copied = m.copyInto(target);
        } catch (error) {
          copied = (error as { pythonType?: unknown }).pythonType;
        }
        expect(copied).toBe(len <= 64 ? len : "BufferError");
      }),
      { numRuns: 60 },
    );
  });
});

type Gone = "detached" | "shrunk" | "released";

/** Every public method of a MemoryView, with plausible arguments. */
const VIEW_METHODS: readonly (readonly [string, (m: MemoryView) => unknown])[] = [
  ["get", (m) => m.get(0)],
  ["set", (m) => m.set(0, 1)],
  ["get slice", (m) => (m.get(slice(1, null)) as MemoryView).toList()],
  ["set slice", (m) => m.set(slice(0, 2), Uint8Array.of(1, 2))],
  ["toList", (m) => m.toList()],
  ["toBytes", (m) => m.toBytes()],
  ["hex", (m) => m.hex()],
  ["count", (m) => m.count(0)],
  ["index", (m) => m.index(0)],
  ["equals", (m) => m.equals(m)],
  ["toTypedArray", (m) => m.toTypedArray()],
  ["cast", (m) => m.cast("B").get(0)],
  ["toReadonly", (m) => m.toReadonly().get(0)],
  ["iterate", (m) => [...m]],
  ["getBuffer", (m) => releaseBuffer(getBuffer(m, BufferFlags.FULL_RO))],
  ["memoryview(m)", (m) => memoryview(m).toList()],
];

/** A MemoryView over 16 bytes (PIL or not), then its memory made gone. */
function goneView(how: Gone, pil: boolean): MemoryView {
  const memory = new ArrayBuffer(32, { maxByteLength: 32 });
  let m: MemoryView;
  if (pil) {
    const view = new DataView(memory);
    view.setBigUint64(0, 16n, true);
    view.setBigUint64(8, 24n, true);
    // 1-D PIL: two pointers, each to one byte.
    const { e } = exporter({
      memory, buf: 0, len: 2, itemsize: 1, readonly: false, format: "B", ndim: 1,
      shape: [2], strides: [8], suboffsets: [0], internal: null,
    });
    m = memoryview(e);
  } else {
    m = memoryview(new Uint8Array(memory, 16, 16));
  }
  if (how === "detached") structuredClone(memory, { transfer: [memory] });
  if (how === "shrunk") memory.resize(4);
  if (how === "released") m.release();
  return m;
}

describe("every method on memory that is gone", () => {
  it("MemoryView: each method raises a Python error (BufferError, or ValueError once released)", () => {
    fc.assert(
      fc.property(fc.constantFrom<Gone>("detached", "shrunk", "released"), fc.boolean(), fc.constantFrom(...VIEW_METHODS), (how, pil, [name, call]) => {
        // A released view still equals itself: CPython compares released views by identity.
        fc.pre(!(how === "released" && name === "equals"));
        // A PIL view has no TypedArray form and no casts, whatever its memory (ValueError, TypeError).
        fc.pre(!(pil && (name === "toTypedArray" || name === "cast")));
        const m = goneView(how, pil);
        let kind: unknown = "returned";
        try {
          call(m);
        } catch (error) {
          kind = (error as { pythonType?: unknown }).pythonType;
        }
        expect(kind).toBe(how === "released" ? "ValueError" : "BufferError");
      }),
      { numRuns: 300 },
    );
  });

  const ND_METHODS: readonly (readonly [string, (nd: NDArray) => unknown])[] = [
    ["get", (nd) => nd.get(0)],
    ["set", (nd) => nd.set(0, 1)],
    ["toList", (nd) => nd.toList()],
    ["toBytes", (nd) => nd.toBytes()],
    ["getBuffer", (nd) => releaseBuffer(getBuffer(nd, BufferFlags.FULL_RO))],
    ["memoryview", (nd) => memoryview(nd).toList()],
  ];

  it("NDArray over memory detached or shrunk: each method raises BufferError", () => {
    fc.assert(
      fc.property(fc.constantFrom<Gone>("detached", "shrunk"), fc.constantFrom(...ND_METHODS), (how, [, call]) => {
        const memory = new ArrayBuffer(8, { maxByteLength: 8 });
        const nd = new NDArray(new Uint8Array(memory), { getbuf: BufferFlags.FULL });
        if (how === "detached") structuredClone(memory, { transfer: [memory] });
        else memory.resize(2);
        let kind: unknown = "returned";
        try {
          call(nd);
        } catch (error) {
          kind = (error as { pythonType?: unknown }).pythonType;
        }
        expect(kind).toBe("BufferError");
      }),
      { numRuns: 100 },
    );
  });
});
