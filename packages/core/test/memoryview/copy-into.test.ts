/**
 * `m.copyInto(target, order)`: an addition to CPython (its nearest are
 * `readinto` and the C-API's `PyBuffer_ToContiguous`). The bytes written are
 * exactly `m.tobytes(order)`'s, whose every layout is checked against
 * CPython in tobytes-hex-tolist.test.ts and the differential suite; here,
 * that equality over every layout (PIL, negative strides, 0-d, wasm32), the
 * target's tail left alone, the errors, which write nothing, and a target
 * over the view's own memory.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, getBufferSymbol, memoryview, NDArray, NDArrayFlags, releaseBuffer, slice, type MemoryView } from "../../src/index.ts";
import { ND, py, RELEASED, thrown } from "./helpers.ts";

const ORDERS = ["C", "F", "A"] as const;

/** Asserts that copyInto writes toBytes(order) at the start of a longer target, keeps the rest, and returns nbytes. */
function copiesLikeToBytes(m: MemoryView): void {
  for (const order of ORDERS) {
    const expected = m.toBytes(order);
    const target = new Uint8Array(expected.length + 3).fill(0xee);
    expect(m.copyInto(target, order)).toBe(m.nbytes);
    expect([...target]).toEqual([...expected, 0xee, 0xee, 0xee]);
  }
}

describe("copyInto writes what toBytes returns", () => {
  it.each(Object.entries(ND))("ndarray layout %s, in every order", (_, make) => {
    copiesLikeToBytes(memoryview(make()));
  });

  it("Fortran and C views of 2-D and 3-D items, sliced and reversed", () => {
    const f = memoryview(new NDArray(Array.from({ length: 24 }, (_, i) => i * 1000), { shape: [2, 3, 4], format: "i", flags: NDArrayFlags.FORTRAN }));
    copiesLikeToBytes(f);
    copiesLikeToBytes(f.get(slice(null, null, -1)) as MemoryView);
    const c = memoryview(new Float64Array(12).map((_, i) => i + 0.5)).cast("B").cast("d", [3, 4]);
    copiesLikeToBytes(c);
    copiesLikeToBytes(c.get([slice(null, null, 2), slice(null, null, -3)]) as never);
  });

  it("random 1-D slices of any item size, native sizes from lp64 or wasm32", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 96 }),
        fc.constantFrom("B", "h", "i", "q", "d", "l", "P"),
        fc.constantFrom("lp64", "wasm32") as fc.Arbitrary<"lp64" | "wasm32">,
        fc.integer({ min: -12, max: 12 }),
        fc.integer({ min: -12, max: 12 }),
        fc.integer({ min: -4, max: 4 }).filter((step) => step !== 0),
        (data, format, abi, start, stop, step) => {
          const m = memoryview(data, { abi });
          const itemsize = memoryview(new Uint8Array(8), { abi }).cast(format).itemsize;
          const items = m.get(slice(0, data.length - (data.length % itemsize))) as MemoryView;
          copiesLikeToBytes(items.cast(format).get(slice(start, stop, step)) as MemoryView);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes any writable bytes-like target: ArrayBuffer, DataView, another memoryview, a writable ndarray", () => {
    const m = memoryview(Uint8Array.of(1, 2, 3, 4)).get(slice(null, null, -1)) as MemoryView;
    const buffer = new ArrayBuffer(4);
    expect(m.copyInto(buffer)).toBe(4);
    expect([...new Uint8Array(buffer)]).toEqual([4, 3, 2, 1]);
    const backing = new Uint8Array(6);
    m.copyInto(new DataView(backing.buffer, 1, 4));
    expect([...backing]).toEqual([0, 4, 3, 2, 1, 0]);
    const into = new Uint16Array(2);
    m.copyInto(memoryview(into));
    expect([...new Uint8Array(into.buffer)]).toEqual([4, 3, 2, 1]);
    const nd = new NDArray([0, 0, 0, 0, 0], { shape: [5], flags: NDArrayFlags.WRITABLE });
    m.copyInto(nd);
    expect(nd.toList()).toEqual([4, 3, 2, 1, 0]);
  });

  it("an empty view writes nothing and returns 0, into an empty target too", () => {
    const empty = memoryview(new Uint8Array(4)).get(slice(2, 2)) as MemoryView;
    const target = Uint8Array.of(9);
    expect(empty.copyInto(target)).toBe(0);
    expect([...target]).toEqual([9]);
    expect(empty.copyInto(new Uint8Array(0))).toBe(0);
  });
});

describe("a target over the view's own memory gets the bytes as they were before the copy", () => {
  it("contiguous, shifted either way", () => {
    const data = Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    (memoryview(data).get(slice(0, 6)) as MemoryView).copyInto(data.subarray(2));
    expect([...data]).toEqual([0, 1, 0, 1, 2, 3, 4, 5]);
    const back = Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    (memoryview(back).get(slice(2, null)) as MemoryView).copyInto(back);
    expect([...back]).toEqual([2, 3, 4, 5, 6, 7, 6, 7]);
  });

  it("reversed and strided views written over their own items", () => {
    const data = Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    (memoryview(data).get(slice(null, null, -1)) as MemoryView).copyInto(data);
    expect([...data]).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    const words = Int32Array.of(10, 11, 12, 13, 14, 15);
    (memoryview(words).get(slice(null, null, 2)) as MemoryView).copyInto(new Uint8Array(words.buffer, 4));
    expect([...words]).toEqual([10, 10, 12, 14, 14, 15]);
  });

  it("a Fortran-order copy of a 2-D view into its own memory", () => {
    const data = Uint8Array.of(0, 1, 2, 3, 4, 5);
    const m = memoryview(data).cast("B", [2, 3]);
    const expected = [...m.toBytes("F")];
    expect(m.copyInto(data, "F")).toBe(6);
    expect([...data]).toEqual(expected);
  });

  it("a PIL view copied over its own memory, pointers included, reads every item first", () => {
    const nd = ND.pil3x4();
    const m = memoryview(nd);
    const expected = [...m.toBytes("F")];
    const record = getBuffer(nd, BufferFlags.FULL_RO);
    const whole = new Uint8Array(record.memory); // the row pointers, then the items
    releaseBuffer(record);
    expect(m.copyInto(whole, "F")).toBe(12);
    expect([...whole.subarray(0, 12)]).toEqual(expected);
  });
});

describe("errors write nothing", () => {
  const m = memoryview(Uint8Array.of(1, 2, 3, 4));

  it("a target that is not read-write bytes-like is TypeError, as readinto's 'w*' argument says", () => {
    expect(thrown(() => m.copyInto(memoryview(new Uint8Array(4)).toReadonly()))).toEqual(
      py("TypeError", "copyInto() argument 1 must be read-write bytes-like object, not memoryview"),
    );
    expect(thrown(() => m.copyInto("abcd"))).toEqual(py("TypeError", "copyInto() argument 1 must be read-write bytes-like object, not str"));
    expect(thrown(() => m.copyInto(null))).toEqual(py("TypeError", "copyInto() argument 1 must be read-write bytes-like object, not None"));
    expect(thrown(() => m.copyInto(new NDArray([0, 0, 0, 0], { shape: [4] })))).toEqual(
      py("TypeError", "copyInto() argument 1 must be read-write bytes-like object, not NDArray"),
    );
  });

  it("a target too small is BufferError, with PyObject_CopyData's words, and keeps its bytes", () => {
    const target = Uint8Array.of(9, 9, 9);
    expect(thrown(() => m.copyInto(target))).toEqual(py("BufferError", "destination is too small to receive data from source"));
    expect([...target]).toEqual([9, 9, 9]);
  });

  it("a bad order is tobytes()'s error, after the target is checked", () => {
    const target = new Uint8Array(4);
    expect(thrown(() => m.copyInto(target, "X" as never))).toEqual(py("ValueError", "order must be 'C', 'F' or 'A'"));
    expect(thrown(() => m.copyInto(target, 1 as never))).toEqual(py("TypeError", "copyInto() argument 'order' must be str or None, not int"));
    expect(thrown(() => m.copyInto("x", "X" as never))).toEqual(py("TypeError", "copyInto() argument 1 must be read-write bytes-like object, not str"));
    expect([...target]).toEqual([0, 0, 0, 0]);
    expect(m.copyInto(target, null)).toBe(4);
  });

  it("a detached target is memory that is gone (BufferError), not a type error", () => {
    for (const make of [(b: ArrayBuffer) => b, (b: ArrayBuffer) => new Uint8Array(b), (b: ArrayBuffer) => new DataView(b)]) {
      const memory = new ArrayBuffer(8);
      const target = make(memory);
      structuredClone(memory, { transfer: [memory] });
      expect(thrown(() => m.copyInto(target))).toEqual(py("BufferError", "copyInto: the target's memory is gone (its ArrayBuffer is detached)"));
    }
  });

  it("a released view raises before the target is looked at; a view whose memory is gone is BufferError", () => {
    const released = memoryview(new Uint8Array(4));
    released.release();
    expect(thrown(() => released.copyInto("not a buffer"))).toEqual(RELEASED);
    const memory = new ArrayBuffer(4);
    const gone = memoryview(memory);
    structuredClone(memory, { transfer: [memory] });
    const target = Uint8Array.of(5, 5, 5, 5);
    expect(thrown(() => gone.copyInto(target)).pythonType).toBe("BufferError");
    expect([...target]).toEqual([5, 5, 5, 5]);
  });
});

describe("a plain Uint8Array target (the path without a window) gets what any other target gets", () => {
  /** The target's bytes after `copyInto`, its return value, or its error. */
  function outcome(m: MemoryView, target: ArrayBufferView, order: unknown): unknown {
    try {
      const written = m.copyInto(target, order as "C");
      return [written, [...new Uint8Array(target.buffer, target.byteOffset, target.byteLength)]];
    } catch (error) {
      return [
        thrown(() => {
          throw error;
        }),
        [...new Uint8Array(target.buffer, target.byteOffset, target.byteLength)],
      ];
    }
  }

  it("the same bytes, count and errors as a DataView or an exporting Uint8Array over the same bytes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 48 }),
        fc.integer({ min: 0, max: 48 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom("C", "F", "A", null, "X", 1),
        fc.constantFrom("B", "h", "i", "d"),
        (data, targetLength, offset, order, format) => {
          const itemsize = memoryview(new Uint8Array(8)).cast(format).itemsize;
          const m = (memoryview(data).get(slice(0, data.length - (data.length % itemsize))) as MemoryView).cast(format);
          const fill = (length: number) => new Uint8Array(length + offset).fill(0xee);
          const plain = fill(targetLength).subarray(offset);
          const asDataView = fill(targetLength);
          const exporting = Object.assign(fill(targetLength).subarray(offset), {
            [getBufferSymbol]: (flags: number) => getBuffer(asDataView.slice(offset), flags),
          });
          const expected = outcome(m, new DataView(asDataView.buffer, offset, targetLength), order);
          expect(outcome(m, plain, order)).toEqual(expected);
          // An own exporter method takes the protocol path: its answer (a copy here) is written, the array keeps its bytes.
          const viaProtocol = outcome(m, exporting, order) as [unknown, number[]];
          expect(viaProtocol[1]).toEqual([...fill(targetLength).subarray(offset)]);
          expect(viaProtocol[0]).toEqual((expected as [unknown])[0]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
