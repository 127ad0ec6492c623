/**
 * `toContiguous` (PyBuffer_ToContiguous, Objects/abstract.c) takes two
 * shortcuts that must give the same bytes as the item walk: a 1-D run in
 * reverse (`m[::-1]`) is one bulk copy and an in-place reverse of whole
 * items (CPython: `memoryview(a)[::-1].tobytes() == bytes(reversed items)`),
 * bit for bit, for every item size; and a transpose (`tobytes('F')` of a
 * C-ordered view, or the reverse) walks whichever order has longer rows.
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, memoryview, slice, toContiguous, type MemoryView } from "../../src/index.ts";

/** The bytes of `items` (of `itemsize` bytes each, in `bytes`) in reverse item order: the walk's answer. */
function reversedItems(bytes: Uint8Array, itemsize: number): number[] {
  const out: number[] = [];
  for (let at = bytes.length - itemsize; at >= 0; at -= itemsize) out.push(...bytes.subarray(at, at + itemsize));
  return out;
}

const reversed = (m: MemoryView) => m.get(slice(null, null, -1)) as MemoryView;

describe("toBytes / toContiguous of m[::-1]", () => {
  it.each(["B", "H", "I", "Q", "d"])("'%s' items come out reversed whole, bit for bit", (format) => {
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 255);
    // A signalling NaN's payload must survive: whole 8-byte items move as integers.
    if (format === "d") new DataView(bytes.buffer).setBigUint64(8, 0x7ff4000000000001n, true);
    const m = memoryview(bytes).cast(format);
    expect([...reversed(m).toBytes()]).toEqual(reversedItems(bytes, m.itemsize));
  });

  it("items of 3 bytes, and a reversed slice that starts inside the memory, go through the walk alike", () => {
    const bytes = Uint8Array.from({ length: 30 }, (_, i) => i);
    const threes = memoryview(bytes).cast("B", [10, 3]);
    expect([...threes.toBytes()]).toEqual([...bytes]); // sanity: C order as it lies
    const inner = memoryview(bytes).get(slice(24, 3, -1)) as MemoryView; // bytes 24 down to 4
    expect([...inner.toBytes()]).toEqual(Array.from({ length: 21 }, (_, i) => 24 - i));
    const wideInner = (memoryview(new Uint32Array(bytes.buffer, 0, 7)).get(slice(5, 0, -1)) as MemoryView).toBytes();
    expect([...wideInner]).toEqual(reversedItems(bytes.subarray(4, 24), 4));
  });

  it("into a caller's target at an offset not aligned to the item size", () => {
    const source = Uint32Array.of(0x01020304, 0x05060708, 0x090a0b0c);
    const record = getBuffer(reversed(memoryview(source)), BufferFlags.FULL_RO);
    const target = new Uint8Array(13).subarray(1);
    toContiguous(record, "C", target);
    expect([...target]).toEqual(reversedItems(new Uint8Array(source.buffer), 4));
  });

  it("a view whose memory is gone raises BufferError before anything is copied", () => {
    const memory = new ArrayBuffer(32, { maxByteLength: 32 });
    const m = reversed(memoryview(new Float64Array(memory)));
    memory.resize(8);
    expect(() => m.toBytes()).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });
});

describe("a transpose walks the order with longer rows", () => {
  /** The F-order list of a C-ordered [rows, cols] matrix of `values`. */
  const fortran = (values: readonly number[], rows: number, cols: number): number[] =>
    Array.from({ length: rows * cols }, (_, k) => values[(k % rows) * cols + Math.floor(k / rows)]!);

  it.each([
    [10, 100],
    [100, 10],
    [3, 7],
  ])("toBytes('F') of a C-ordered [%i, %i] 'd' view, and toContiguous('C') of its Fortran-ordered twin", (rows, cols) => {
    const values = Array.from({ length: rows * cols }, (_, i) => i + 0.5);
    const m = memoryview(Float64Array.from(values)).cast("B").cast("d", [rows, cols]);
    expect([...new Float64Array(m.toBytes("F").slice().buffer)]).toEqual(fortran(values, rows, cols));
    // The same items stored in Fortran order, read back in C order: a transpose the other way.
    const stored = Float64Array.from(fortran(values, rows, cols));
    const record = { ...getBuffer(stored, BufferFlags.FULL_RO), ndim: 2, shape: [rows, cols], strides: [8, 8 * rows] };
    expect([...new Float64Array(toContiguous(record, "C").slice().buffer)]).toEqual(values);
  });

  it("a 3-D view with an outer dimension: every index once", () => {
    const values = Array.from({ length: 2 * 3 * 40 }, (_, i) => i);
    const m = memoryview(Int32Array.from(values)).cast("B").cast("i", [2, 3, 40]);
    const f = [...new Int32Array(m.toBytes("F").slice().buffer)];
    const expected: number[] = [];
    for (let k = 0; k < 40; k++) for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) expected.push(values[i * 120 + j * 40 + k]!);
    expect(f).toEqual(expected);
  });
});
