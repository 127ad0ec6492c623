/**
 * `m.toTypedArray()`, this library's extension (CPython has no counterpart):
 * a zero-copy TypedArray over the items of a C-contiguous, aligned view in
 * the host's byte order, flat for N-d views; a ValueError naming the reason
 * otherwise. Runs on Node 20 (no Float16Array) and 24 (Float16Array).
 */
import { describe, expect, it } from "vitest";
import { memoryview, NDArray, NDArrayFlags, slice, type MemoryView } from "../../src/index.ts";
import { py, RELEASED, thrown } from "./helpers.ts";

const Float16 = (globalThis as { Float16Array?: new (n: number) => ArrayBufferView }).Float16Array;

describe("toTypedArray", () => {
  it.each([
    ["b", Int8Array, 16], ["B", Uint8Array, 16], ["h", Int16Array, 8], ["H", Uint16Array, 8],
    ["i", Int32Array, 4], ["I", Uint32Array, 4], ["l", BigInt64Array, 2], ["L", BigUint64Array, 2],
    ["q", BigInt64Array, 2], ["Q", BigUint64Array, 2], ["n", BigInt64Array, 2], ["N", BigUint64Array, 2],
    ["P", BigUint64Array, 2], ["f", Float32Array, 4], ["d", Float64Array, 2],
  ] as const)("'%s' is a %o of the 16 bytes", (format, Constructor, length) => {
    const memory = new Uint8Array(16);
    const typed = memoryview(memory).cast(format).toTypedArray();
    expect(typed).toBeInstanceOf(Constructor);
    expect([(typed as Uint8Array).length, typed.buffer, typed.byteOffset]).toEqual([length, memory.buffer, 0]);
  });

  it("'e' is a Float16Array where the runtime has one, ValueError elsewhere", () => {
    const m = memoryview(new Uint8Array(4)).cast("e");
    if (Float16 === undefined) {
      expect(thrown(() => m.toTypedArray())).toEqual(py("ValueError", "toTypedArray: format e needs Float16Array, which this runtime lacks"));
    } else {
      expect(m.toTypedArray()).toBeInstanceOf(Float16);
    }
  });

  it("shares memory both ways: no copy", () => {
    const data = new Float64Array([1, 2, 3]);
    const typed = memoryview(data).toTypedArray() as Float64Array;
    typed[1] = 5;
    data[2] = 7;
    expect([...data, ...typed]).toEqual([1, 5, 7, 1, 5, 7]);
  });

  it("a slice starts at its own item; an extent-1 slice with a negative stride is contiguous", () => {
    const data = new Int32Array([10, 11, 12, 13]);
    const tail = (memoryview(data).get(slice(1, 3)) as MemoryView).toTypedArray() as Int32Array;
    expect([tail.byteOffset, [...tail]]).toEqual([4, [11, 12]]);
    const one = (memoryview(data).get(slice(2, 1, -1)) as MemoryView).toTypedArray() as Int32Array;
    expect([one.byteOffset, [...one]]).toEqual([8, [12]]);
  });

  it("N-d C-contiguous views are flattened; 0-d is one item; empty is empty", () => {
    const nd = memoryview(new Int16Array([1, 2, 3, 4, 5, 6])).cast("B").cast("h", [2, 3]).toTypedArray() as Int16Array;
    expect([...nd]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...(memoryview(new NDArray(7, { shape: [], format: "i", flags: NDArrayFlags.WRITABLE })).toTypedArray() as Int32Array)]).toEqual([7]);
    expect((memoryview(new Int32Array(0)).toTypedArray() as Int32Array).length).toBe(0);
  });

  it("'@B', '<i' and '=i' are native order on a little-endian host; the ABI sizes 'l'", () => {
    expect(memoryview(new NDArray([1, 2], { shape: [2], format: "@B", flags: NDArrayFlags.WRITABLE })).toTypedArray()).toBeInstanceOf(Uint8Array);
    expect([...(memoryview(new NDArray([1, 2], { shape: [2], format: "<i", flags: NDArrayFlags.WRITABLE })).toTypedArray() as Int32Array)]).toEqual([1, 2]);
    expect([...(memoryview(new NDArray([1, 2], { shape: [2], format: "=i", flags: NDArrayFlags.WRITABLE })).toTypedArray() as Int32Array)]).toEqual([1, 2]);
    expect(memoryview(new Uint8Array(16), { abi: "wasm32" }).cast("l").toTypedArray()).toBeInstanceOf(Int32Array);
  });

  it("refuses what a TypedArray cannot stand for, saying why", () => {
    const notC = py("ValueError", "toTypedArray: the view is not C-contiguous");
    expect(thrown(() => memoryview(new NDArray([1, 2, 3, 4], { shape: [2, 2], flags: NDArrayFlags.FORTRAN })).toTypedArray())).toEqual(notC);
    expect(thrown(() => memoryview(new NDArray([1, 2, 3, 4], { shape: [2, 2], flags: NDArrayFlags.PIL })).toTypedArray())).toEqual(notC);
    expect(thrown(() => (memoryview(new Int32Array(4)).get(slice(null, null, 2)) as MemoryView).toTypedArray())).toEqual(notC);
    expect(thrown(() => (memoryview(new Int32Array(4)).get(slice(2, 2, 2)) as MemoryView).toTypedArray())).toEqual(notC);
    // Misaligned: bytes 1..8 seen as two ints
    expect(thrown(() => (memoryview(new Uint8Array(9)).get(slice(1, null)) as MemoryView).cast("i").toTypedArray())).toEqual(
      py("ValueError", "toTypedArray: the data at byte 1 is not aligned to 4 bytes"),
    );
    // Big-endian, multi-member, and the non-numeric '?' and 'c'
    expect(thrown(() => memoryview(new NDArray([1, 2], { shape: [2], format: ">i" })).toTypedArray())).toEqual(
      py("ValueError", "toTypedArray: format >i is not in the host's byte order"),
    );
    expect(thrown(() => memoryview(new NDArray([[1, 2]], { shape: [1], format: "II" })).toTypedArray())).toEqual(
      py("ValueError", "toTypedArray: format II has no TypedArray counterpart"),
    );
    for (const format of ["?", "c"]) {
      const error = thrown(() => memoryview(new Uint8Array(2)).cast(format).toTypedArray());
      expect(error.pythonType).toBe("ValueError");
      expect(error.message.startsWith(`toTypedArray: format ${format} has no TypedArray counterpart`)).toBe(true);
    }
  });

  it("refuses a read-only view, whose TypedArray would let writes through", () => {
    const readonly = memoryview(new Int32Array([1, 2])).toReadonly();
    expect(thrown(() => readonly.toTypedArray())).toEqual(
      py("ValueError", "toTypedArray: the view is read-only, and a TypedArray cannot be (toBytes() gives a copy)"),
    );
  });

  it("a released view is ValueError", () => {
    const m = memoryview(new Uint8Array(2));
    m.release();
    expect(thrown(() => m.toTypedArray())).toEqual(RELEASED);
  });
});
