/**
 * Slices whose step times the item size passes 2**31 or 2**53: CPython
 * computes the stride in `Py_ssize_t` (`init_slice` in
 * Objects/memoryobject.c), wrapping in two's complement, so the stride shows
 * exactly wherever a double holds it; and an empty view reads nothing,
 * whatever its strides and wherever its start lies. Checked on CPython 3.13
 * (LP64) and 3.14 (Pyodide, wasm32):
 *
 *     memoryview(bytearray(3)).cast('?')[:0:-2**62].strides      # (-4611686018427387904,)
 *     memoryview(bytearray(8)).cast('P')[0:0:2**62+1].strides    # (8,), and .cast('B') works
 *     memoryview(array('i'))[:0:-2**62].strides                  # (0,) on LP64, (4,) on wasm32
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, memoryview, releaseBuffer, slice, type MemoryView, type MemoryViewOptions } from "../../src/index.ts";
import { py, thrown } from "./helpers.ts";

const sliced = (source: MemoryView, step: number | bigint, stop: number | null = 0): MemoryView =>
  source.get(slice(null, stop, step)) as MemoryView;
const int32s = (options?: MemoryViewOptions) => memoryview(new Int32Array(0), options);

describe("LP64: strides past 2**53", () => {
  it("keeps a step of -2**62 exact instead of clamping it", () => {
    const view = sliced(memoryview(new Uint8Array(3)).cast("?"), -(2 ** 62));
    expect(view.shape).toEqual([1]);
    expect(view.strides).toEqual([-(2 ** 62)]);
    expect(BigInt(view.strides[0]!)).toBe(-4611686018427387904n);
  });

  it("wraps a bigint step as C does, so the empty view is contiguous and casts", () => {
    const view = sliced(memoryview(new Uint8Array(8)).cast("P"), 2n ** 62n + 1n);
    expect(view.strides).toEqual([8]);
    expect(view.cContiguous).toBe(true);
    expect(view.cast("B").toList()).toEqual([]);
  });

  it("wraps a product of exactly 2**64 to a zero stride", () => {
    expect(sliced(int32s(), -(2 ** 62)).strides).toEqual([0]);
    expect(sliced(int32s(), 2 ** 31).strides).toEqual([2 ** 33]);
  });

  it("exports such a view, and assigns from it, without failing its own validation", () => {
    const source = sliced(memoryview(new Uint8Array([0, 0, 1])).cast("?"), -(2 ** 62));
    const record = getBuffer(source, BufferFlags.FULL_RO);
    expect(record.strides).toEqual([-(2 ** 62)]);
    releaseBuffer(record);
    const target = memoryview(new Uint8Array(1)).cast("?");
    target.set(slice(null), source);
    expect(target.toList()).toEqual([true]);
    expect(memoryview(source).toList()).toEqual([true]);
  });
});

describe("LP64: views made from views with strides past 2**53 (found by the LP64 fixtures)", () => {
  it("re-slicing multiplies the exact stride, not its rounded double", () => {
    // memoryview(array('i'))[::-2305843009213693953]: stride 4 * step wraps to 2**63 - 4, which shows as 2**63;
    // [::2**31] of that is (2**63 - 4) * 2**31 mod 2**64 = -2**33 (the double 2**63 would give 0).
    const first = sliced(int32s(), -2305843009213693953n, null);
    expect(first.strides).toEqual([2 ** 63]);
    expect(sliced(first, 2 ** 31, null).strides).toEqual([-(2 ** 33)]);
  });

  it("an empty view whose start a huge stride moved past 2**53 still exports and assigns", () => {
    // v = memoryview(bytearray(3))[3::2**62]; r = v[::-1]; v[:] = r  # fine in CPython
    const empty = memoryview(new Uint8Array(3)).get(slice(3, null, 2 ** 62)) as MemoryView;
    const reversed = empty.get(slice(null, null, -1)) as MemoryView;
    expect([empty.strides, reversed.strides, reversed.toList()]).toEqual([[2 ** 62], [-(2 ** 62)], []]);
    empty.set(slice(null), reversed);
    expect(memoryview(reversed).toBytes()).toEqual(new Uint8Array(0));
  });
});

describe("wasm32: strides past 2**31", () => {
  it("wraps the stride and reads nothing from the empty view", () => {
    const view = sliced(int32s({ abi: "wasm32" }), -(2 ** 31));
    expect(view.strides).toEqual([4]);
    expect(view.toList()).toEqual([]);
    expect(view.cast("B").toList()).toEqual([]);
    expect(memoryview(view).toList()).toEqual([]);
  });

  it("clamps a huge step to -PY_SSIZE_T_MAX before wrapping", () => {
    expect(sliced(int32s({ abi: "wasm32" }), -(2n ** 62n)).strides).toEqual([4]);
    expect(sliced(int32s({ abi: "wasm32" }), 2n ** 62n + 1n).strides).toEqual([-4]);
  });
});

describe("an empty view reads nothing, whatever its strides", () => {
  for (const abi of ["lp64", "wasm32"] as const) {
    for (const step of [-1, -(2 ** 31), 2 ** 31, -(2 ** 62), 2n ** 62n + 1n]) {
      it(`${abi}, step ${step}: every reader answers for zero items`, () => {
        const view = () => sliced(int32s({ abi }), step);
        expect(view().toList()).toEqual([]);
        expect([...view()]).toEqual([]);
        expect(view().toBytes()).toEqual(new Uint8Array(0));
        expect(view().hex()).toBe("");
        expect(view().count(0)).toBe(0);
        expect(view().equals(new Int32Array(0))).toBe(true);
        view().set(slice(null), new Int32Array(0));
        view().set(slice(null), view());
        expect(memoryview(view()).toList()).toEqual([]);
      });
    }
  }

  it("a step of 2**31 over an empty view is not contiguous on LP64, as CPython says", () => {
    expect(thrown(() => sliced(int32s(), 2 ** 31).cast("B"))).toEqual(py("TypeError", "memoryview: casts are restricted to C-contiguous views"));
  });
});
