/**
 * memoryview over different kinds of exporter: test_buffer.py's
 * `test_memoryview_redirect`, `test_memoryview_from_static_exporter`,
 * `test_ndarray_re_export` and `test_memoryview_getbuffer_undefined`, and the
 * JavaScript built-ins (which answer like `array.array` and `bytearray`).
 * Expectations come from CPython 3.13 (`_testbuffer`); `staticarray` is the
 * class below, an exporter that ignores the request flags.
 */
import { describe, expect, it } from "vitest";
import {
  BufferFlags,
  getBufferSymbol,
  memoryview,
  NDArray,
  NDArrayFlags,
  slice,
  type BufferRecord,
  type MemoryView,
} from "../../src/index.ts";
import { py, thrown } from "./helpers.ts";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const FULL_RO = BufferFlags.FULL_RO;
const REDIRECT = NDArrayFlags.REDIRECT;

/** `_testbuffer.staticarray(legacy_mode)`: 12 read-only bytes, the same full record for any request. */
class StaticArray {
  readonly memory = Uint8Array.from(range(12)).buffer;
  readonly legacyMode: boolean;
  constructor(legacyMode = false) {
    this.legacyMode = legacyMode;
  }
  [getBufferSymbol](): BufferRecord {
    return {
      obj: this.legacyMode ? null : this, memory: this.memory, buf: 0, len: 12, itemsize: 1, readonly: true,
      format: "B", ndim: 1, shape: [12], strides: [1], suboffsets: null, internal: null,
    };
  }
}

describe("test_memoryview_redirect", () => {
  it.each([
    ["ndarray 'd'", () => new NDArray(range(12), { shape: [12], format: "d" })],
    ["array('d') (Float64Array)", () => Float64Array.from(range(12))],
  ])("two REDIRECT levels over %s: m.obj is the root; equality and slices hold", (_, make) => {
    const x = make();
    let y: NDArray | undefined = new NDArray(x, { getbuf: FULL_RO, flags: REDIRECT });
    let z: NDArray | undefined = new NDArray(y, { getbuf: FULL_RO, flags: REDIRECT });
    const m = memoryview(z);
    expect([y.obj === x, z.obj === x, m.obj === x]).toEqual([true, true, true]);
    expect([m.equals(x), m.equals(y), m.equals(z)]).toEqual([true, true, true]);
    const part = m.get(slice(1, 3)) as MemoryView;
    expect([part.equals(memoryview(x).get(slice(1, 3))), part.equals(y.get(slice(1, 3))), part.equals(z.get(slice(1, 3)))]).toEqual([
      true, true, true,
    ]);
    // del y, z
    y.release();
    z.release();
    y = z = undefined;
    expect((m.get(slice(1, 3)) as MemoryView).toList()).toEqual([1, 2]);
  });
});

describe("test_memoryview_from_static_exporter", () => {
  it("view.obj == x: directly, through re-exporters, and through REDIRECT", () => {
    const x = new StaticArray();
    const direct = memoryview(x);
    expect([direct.obj === x, direct.format, direct.readonly, direct.shape, direct.strides, direct.toList()]).toEqual([
      true, "B", true, [12], [1], range(12),
    ]);
    for (let i = 0; i < 12; i++) expect(direct.get(i)).toBe(i);

    const y = new NDArray(x, { getbuf: FULL_RO });
    const z = new NDArray(y, { getbuf: FULL_RO });
    const m = memoryview(z);
    expect([y.obj === x, m.obj === z, m.toList()]).toEqual([true, true, range(12)]);

    const ry = new NDArray(new StaticArray(), { getbuf: FULL_RO, flags: REDIRECT });
    const rz = new NDArray(ry, { getbuf: FULL_RO, flags: REDIRECT });
    expect([ry.obj === rz.obj, memoryview(rz).obj === ry.obj, ry.obj instanceof StaticArray]).toEqual([true, true, true]);
  });

  it("view.obj == NULL (legacy mode): obj is None, and it breaks the REDIRECT chain", () => {
    const direct = memoryview(new StaticArray(true));
    expect([direct.obj, direct.toList()]).toEqual([null, range(12)]);

    const y = new NDArray(new StaticArray(true), { getbuf: FULL_RO });
    const z = new NDArray(y, { getbuf: FULL_RO });
    expect([y.obj, memoryview(z).obj === z]).toEqual([null, true]);

    // y.obj is None, z.obj is y, m.obj is y
    const ry = new NDArray(new StaticArray(true), { getbuf: FULL_RO, flags: REDIRECT });
    const rz = new NDArray(ry, { getbuf: FULL_RO, flags: REDIRECT });
    const m = memoryview(rz);
    expect([ry.obj, rz.obj === ry, m.obj === ry, m.toList()]).toEqual([null, true, true, range(12)]);
  });

  it("a request the record does not honour is refused (CPython trusts it; this library validates)", () => {
    // CPython: ndarray(staticarray(), getbuf=PyBUF_SIMPLE).shape == (12,): the format and shape it was
    // not asked for are kept. Here the record is checked against the request (DESIGN: never trust an exporter).
    expect(thrown(() => new NDArray(new StaticArray(), { getbuf: BufferFlags.SIMPLE }))).toEqual(
      py("BufferError", "StaticArray exported an invalid buffer: format is set but FORMAT was not requested"),
    );
  });
});

describe("re-exporters and failing exporters", () => {
  it("test_ndarray_re_export: a re-export of a PIL array keeps suboffsets (0, -1), never contiguous", () => {
    const nd = new NDArray(range(12).map((i) => i + 1), { shape: [3, 4], flags: NDArrayFlags.PIL });
    const ex = new NDArray(nd);
    expect([ex.flags & NDArrayFlags.PIL, ex.obj === nd, ex.suboffsets, ex.cContiguous, ex.fContiguous, ex.contiguous]).toEqual([
      NDArrayFlags.PIL, true, [0, -1], false, false, false,
    ]);
    const m = memoryview(ex);
    expect([m.obj === ex, m.suboffsets, m.contiguous, m.toList()]).toEqual([true, [0, -1], false, [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]]);
  });

  it("test_memoryview_getbuffer_undefined: GETBUF_FAIL|GETBUF_UNDEFINED is BufferError", () => {
    const nd = new NDArray([1, 2, 3], { shape: [3], flags: NDArrayFlags.GETBUF_FAIL | NDArrayFlags.GETBUF_UNDEFINED });
    expect(thrown(() => memoryview(nd))).toEqual(py("BufferError", "ND_GETBUF_FAIL: forced test exception"));
  });
});

describe("JavaScript built-ins as exporters", () => {
  it.each([
    ["Int8Array", new Int8Array(2), "b", 1], ["Uint8Array", new Uint8Array(2), "B", 1],
    ["Uint8ClampedArray", new Uint8ClampedArray(2), "B", 1], ["Int16Array", new Int16Array(2), "h", 2],
    ["Uint16Array", new Uint16Array(2), "H", 2], ["Int32Array", new Int32Array(2), "i", 4],
    ["Uint32Array", new Uint32Array(2), "I", 4], ["Float32Array", new Float32Array(2), "f", 4],
    ["Float64Array", new Float64Array(2), "d", 8], ["BigInt64Array", new BigInt64Array(2), "q", 8],
    ["BigUint64Array", new BigUint64Array(2), "Q", 8],
  ] as const)("%s answers like array.array: format '%s', itemsize %i, writable", (_, array, format, itemsize) => {
    const m = memoryview(array);
    expect([m.format, m.itemsize, m.shape, m.readonly, m.obj === array]).toEqual([format, itemsize, [2], false, true]);
  });

  it("ArrayBuffer, SharedArrayBuffer and DataView answer like bytearray: 'B', writable, the DataView's window", () => {
    const memory = Uint8Array.from(range(8)).buffer;
    expect(memoryview(memory).toList()).toEqual(range(8));
    expect(memoryview(new SharedArrayBuffer(3)).format).toBe("B");
    const window = memoryview(new DataView(memory, 2, 3));
    expect([window.format, window.readonly, window.toList()]).toEqual(["B", false, [2, 3, 4]]);
  });

  it("a TypedArray's subarray is its window", () => {
    const data = Int32Array.from(range(6));
    expect(memoryview(data.subarray(2, 4)).toList()).toEqual([2, 3]);
  });
});
