/**
 * `toContiguous` (PyBuffer_ToContiguous, Objects/abstract.c) of a 1-D run in
 * reverse (`m[::-1]`) takes a shortcut: one bulk copy, then an in-place
 * reverse of whole items. It must give the same bytes as the item walk
 * (CPython: `memoryview(a)[::-1].tobytes() == bytes(reversed items)`),
 * bit for bit, for every item size, and leave other layouts to the walk.
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
