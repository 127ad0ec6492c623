/**
 * The shortcuts `equals` takes for two views of one native format over
 * C-contiguous memory (a word, byte or float loop instead of an item walk)
 * must answer exactly as memory_richcompare's `unpack_cmp` does
 * (Objects/memoryobject.c): floats by value (NaN unequal, even to itself;
 * -0.0 equal to 0.0), everything else by its stored bytes ('?' 0x02 != 0x01),
 * aligned or not. Expected values were checked against CPython 3.13:
 * `memoryview(array('d', [1.0, nan])) == itself` is False,
 * `memoryview(array('d', [-0.0])) == memoryview(array('d', [0.0]))` is True,
 * and so on for the cases below.
 */
import { describe, expect, it } from "vitest";
import { memoryview, slice, type MemoryView } from "../../src/index.ts";

const hasFloat16 = typeof (globalThis as { Float16Array?: unknown }).Float16Array === "function";

/** A 'd' view of `values` starting `offset` bytes into its memory (misaligned when offset % 8 != 0). */
function doublesAt(values: readonly number[], offset: number) {
  const bytes = new Uint8Array(offset + 8 * values.length);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat64(offset + 8 * i, value, true));
  return (memoryview(bytes).get(slice(offset, null)) as MemoryView).cast("d");
}

describe("equals, same float format, contiguous", () => {
  it.each([0, 8, 3])("'d' at byte offset %i: NaN is unequal even to itself, -0.0 equals 0.0", (offset) => {
    const withNaN = doublesAt([1, Number.NaN], offset);
    expect(withNaN.equals(withNaN)).toBe(false);
    expect(withNaN.equals(doublesAt([1, Number.NaN], offset))).toBe(false);
    expect(doublesAt([-0, 2], offset).equals(doublesAt([0, 2], offset))).toBe(true);
    expect(doublesAt([1, 2], offset).equals(doublesAt([1, 2.5], offset))).toBe(false);
    // A NaN whose bits equal the other side's is still unequal: a byte compare would say equal.
    expect(doublesAt([Number.NaN], offset).equals(new Float64Array([Number.NaN]))).toBe(false);
  });

  it("'f': NaN unequal, -0.0 equal to 0.0", () => {
    expect(memoryview(new Float32Array([Number.NaN])).equals(new Float32Array([Number.NaN]))).toBe(false);
    expect(memoryview(new Float32Array([-0, 3])).equals(new Float32Array([0, 3]))).toBe(true);
  });

  it(`'e' (${hasFloat16 ? "Float16Array" : "no Float16Array: the codec path"}): -0.0 equal to 0.0, NaN unequal to itself`, () => {
    const negativeZero = memoryview(new Uint8Array([0, 0x80])).cast("e");
    expect(negativeZero.equals(memoryview(new Uint8Array(2)).cast("e"))).toBe(true);
    const nan = memoryview(new Uint8Array([0, 0x7e])).cast("e");
    expect(nan.equals(nan)).toBe(false);
  });
});

describe("equals, same integer format, contiguous: the stored bytes", () => {
  it("word-aligned runs: a difference in the first or the last byte is seen", () => {
    const a = new Uint8Array(4000).map((_, i) => i);
    expect(memoryview(a).cast("i").equals(memoryview(a.slice()).cast("i"))).toBe(true);
    for (const at of [0, 3999]) {
      const b = a.slice();
      b[at]! ^= 1;
      expect(memoryview(a).cast("i").equals(memoryview(b).cast("i"))).toBe(false);
    }
  });

  it("runs not aligned to 4 bytes (odd start, odd length): compared byte by byte", () => {
    const a = new Uint8Array(1003).map((_, i) => i * 7);
    const b = a.slice();
    const odd = (x: Uint8Array) => memoryview(x).get(slice(1, 1002)) as MemoryView;
    expect(odd(a).equals(odd(b))).toBe(true);
    b[1001]! ^= 0x80;
    expect(odd(a).equals(odd(b))).toBe(false);
  });

  it("'?' compares the stored byte: 0x02 != 0x01 though both read as true", () => {
    const two = memoryview(new Uint8Array([2])).cast("?");
    const one = memoryview(new Uint8Array([1])).cast("?");
    expect([two.toList(), one.toList(), two.equals(one)]).toEqual([[true], [true], false]);
  });

  it("'l' on lp64 (8 bytes) equals 'l' on wasm32 (4 bytes) holding the same values", () => {
    const lp64 = memoryview(new BigInt64Array([1n, -2n]), { abi: "lp64" }).cast("B").cast("l");
    const wasm32 = memoryview(new Int32Array([1, -2]), { abi: "wasm32" }).cast("B").cast("l");
    expect([lp64.itemsize, wasm32.itemsize, lp64.equals(wasm32), wasm32.equals(lp64)]).toEqual([8, 4, true, true]);
  });

  it("0-d views compare their one item", () => {
    const zeroD = (x: number) => memoryview(new Int32Array([x])).cast("B").cast("i", []);
    expect([zeroD(5).equals(zeroD(5)), zeroD(5).equals(zeroD(6))]).toEqual([true, false]);
  });
});
