/**
 * memoryview's attributes (Doc/library/stdtypes.rst, memoryview): test_memoryview.py's
 * `test_attributes_readonly`/`_writable` over its source × indirection matrix,
 * the attributes of every `_testbuffer.ndarray` layout, `obj` identity through
 * derived views and redirecting exporters, and the ValueError every attribute
 * raises once the view is released. Expectations come from CPython 3.13
 * (`_testbuffer`, LP64); the Python spelling is in the comments.
 */
import { describe, expect, it } from "vitest";
import {
  BufferFlags,
  memoryViewFromMemory,
  getBuffer,
  memoryview,
  MemoryView,
  NDArray,
  NDArrayFlags,
  releaseBuffer,
  slice,
} from "../../src/index.ts";
import { MATRIX, ND, RELEASED, thrown } from "./helpers.ts";

/** The attributes CPython reports, in one object for one `toEqual`. */
function attributes(m: MemoryView) {
  return {
    nbytes: m.nbytes,
    readonly: m.readonly,
    itemsize: m.itemsize,
    format: m.format,
    ndim: m.ndim,
    shape: m.shape,
    strides: m.strides,
    suboffsets: m.suboffsets,
    c: m.cContiguous,
    f: m.fContiguous,
    contiguous: m.contiguous,
  };
}

describe.each(MATRIX)("test_attributes_* ($name)", ({ source, indirection }) => {
  const check = (m: MemoryView, readonly: boolean): void => {
    // m.format, m.itemsize, m.ndim, m.shape, len(m), m.strides, m.suboffsets, m.readonly
    expect(attributes(m)).toEqual({
      nbytes: 6 * source.itemsize,
      readonly,
      itemsize: source.itemsize,
      format: source.format,
      ndim: 1,
      shape: [6],
      strides: [source.itemsize],
      suboffsets: [],
      c: true,
      f: true,
      contiguous: true,
    });
    expect(m.length).toBe(6);
  };

  if (source.ro !== undefined) {
    const ro = source.ro;
    it("test_attributes_readonly", () => check(indirection.view(ro(indirection.source)), true));
  }
  it("test_attributes_writable", () => check(indirection.view(source.rw(indirection.source)), false));
});

describe("attributes of ndarray layouts", () => {
  it("C-contiguous 3x4: strides (4, 1), C but not F", () => {
    expect(attributes(memoryview(ND.c3x4()))).toEqual({
      nbytes: 12, readonly: true, itemsize: 1, format: "B", ndim: 2, shape: [3, 4], strides: [4, 1], suboffsets: [],
      c: true, f: false, contiguous: true,
    });
  });

  it("Fortran 3x4: strides (1, 3), F but not C", () => {
    expect(attributes(memoryview(ND.f3x4()))).toEqual({
      nbytes: 12, readonly: true, itemsize: 1, format: "B", ndim: 2, shape: [3, 4], strides: [1, 3], suboffsets: [],
      c: false, f: true, contiguous: true,
    });
  });

  it("PIL 3x4: pointer stride 8, suboffsets (0, -1), never contiguous", () => {
    expect(attributes(memoryview(ND.pil3x4()))).toEqual({
      nbytes: 12, readonly: true, itemsize: 1, format: "B", ndim: 2, shape: [3, 4], strides: [8, 1], suboffsets: [0, -1],
      c: false, f: false, contiguous: false,
    });
  });

  it("strided 1-D (stride 2): neither contiguity, nbytes counts items not span", () => {
    expect(attributes(memoryview(ND.strided()))).toEqual({
      nbytes: 6, readonly: true, itemsize: 1, format: "B", ndim: 1, shape: [6], strides: [2], suboffsets: [],
      c: false, f: false, contiguous: false,
    });
  });

  it("negative strides (-4, -1) from offset 11: neither contiguity", () => {
    expect(attributes(memoryview(ND.negative()))).toEqual({
      nbytes: 12, readonly: true, itemsize: 1, format: "B", ndim: 2, shape: [3, 4], strides: [-4, -1], suboffsets: [],
      c: false, f: false, contiguous: false,
    });
  });

  it("zero stride with extent 3: neither contiguity", () => {
    expect(attributes(memoryview(ND.zeroStrides()))).toEqual({
      nbytes: 3, readonly: true, itemsize: 1, format: "B", ndim: 1, shape: [3], strides: [0], suboffsets: [],
      c: false, f: false, contiguous: false,
    });
  });

  it("0-d 'i': shape, strides and suboffsets (), nbytes == itemsize, both contiguities", () => {
    expect(attributes(memoryview(ND.scalar()))).toEqual({
      nbytes: 4, readonly: true, itemsize: 4, format: "i", ndim: 0, shape: [], strides: [], suboffsets: [],
      c: true, f: true, contiguous: true,
    });
  });

  it("writable 1-D 'i': readonly False, stride 4", () => {
    expect(attributes(memoryview(ND.int1d()))).toEqual({
      nbytes: 12, readonly: false, itemsize: 4, format: "i", ndim: 1, shape: [3], strides: [4], suboffsets: [],
      c: true, f: true, contiguous: true,
    });
  });

  it("[1, 12, 1]: extent-1 dimensions make it C and F (issue #22445)", () => {
    expect(attributes(memoryview(ND.oneTwelveOne()))).toEqual({
      nbytes: 12, readonly: true, itemsize: 1, format: "B", ndim: 3, shape: [1, 12, 1], strides: [12, 1, 1], suboffsets: [],
      c: true, f: true, contiguous: true,
    });
  });

  it("[0, 3]: empty N-d is C and F, nbytes 0", () => {
    const m = memoryview(ND.empty0x3());
    expect(attributes(m)).toEqual({
      nbytes: 0, readonly: true, itemsize: 1, format: "B", ndim: 2, shape: [0, 3], strides: [3, 1], suboffsets: [],
      c: true, f: true, contiguous: true,
    });
    expect(m.length).toBe(0);
  });

  it("formats are kept verbatim: '<i' and '@B'", () => {
    expect(memoryview(ND.littleInt()).format).toBe("<i");
    expect(memoryview(ND.littleInt()).itemsize).toBe(4);
    expect(memoryview(ND.atB()).format).toBe("@B");
  });

  it("Fortran 2x3x2 'h': strides (2, 4, 12)", () => {
    expect(attributes(memoryview(ND.f2x3x2h()))).toEqual({
      nbytes: 24, readonly: true, itemsize: 2, format: "h", ndim: 3, shape: [2, 3, 2], strides: [2, 4, 12], suboffsets: [],
      c: false, f: true, contiguous: true,
    });
  });

  it("length is the extent of dimension 0, not nbytes", () => {
    const m = memoryview(ND.f2x3x2h());
    expect([m.length, m.nbytes]).toEqual([2, 24]);
  });

  it("shape, strides and suboffsets are copies (Python's tuples cannot be changed either)", () => {
    const m = memoryview(ND.pil3x4());
    m.shape[0] = 99;
    m.strides[0] = 99;
    m.suboffsets[0] = 99;
    expect([m.shape, m.strides, m.suboffsets]).toEqual([[3, 4], [8, 1], [0, -1]]);
  });
});

describe("obj", () => {
  it("is the original exporter for slices, casts, toReadonly and memoryview(m)", () => {
    // m[1:].obj is nd, m.cast('c').obj is nd, memoryview(m).obj is nd, m.toreadonly().obj is nd
    const nd = new NDArray(Array.from({ length: 12 }, (_, i) => i), { shape: [12] });
    const m = memoryview(nd);
    expect(m.obj).toBe(nd);
    expect((m.get(slice(1, null)) as MemoryView).obj).toBe(nd);
    expect(m.cast("c").obj).toBe(nd);
    expect(memoryview(m).obj).toBe(nd);
    expect(m.toReadonly().obj).toBe(nd);
  });

  it("is the view itself for a buffer taken from the view (m.__buffer__(0).obj is m)", () => {
    const m = memoryview(new Uint8Array(4));
    const record = getBuffer(m, BufferFlags.SIMPLE);
    expect(record.obj).toBe(m);
    releaseBuffer(record);
  });

  it("is the root for a redirecting exporter, and the re-exporter otherwise", () => {
    // x = ndarray(nd, flags=ND_REDIRECT); memoryview(x).obj is nd; memoryview(ndarray(nd)).obj is the re-exporter
    const nd = new NDArray([1, 2, 3], { shape: [3] });
    const redirect = new NDArray(nd, { flags: NDArrayFlags.REDIRECT });
    const reexport = new NDArray(nd);
    expect(memoryview(redirect).obj).toBe(nd);
    expect(memoryview(reexport).obj).toBe(reexport);
  });

  it("is null (None) for memoryViewFromMemory", () => {
    expect(memoryViewFromMemory(new ArrayBuffer(4), 0, 4, BufferFlags.READ).obj).toBeNull();
  });
});

describe("attributes of a released view", () => {
  const released = (): MemoryView => {
    const m = memoryview(ND.c3x4());
    m.release();
    return m;
  };
  const names = [
    "obj", "nbytes", "readonly", "itemsize", "format", "ndim", "shape", "strides", "suboffsets",
    "cContiguous", "fContiguous", "contiguous", "length",
  ] as const;

  it.each(names)("%s raises ValueError (CPython: every attribute and len())", (name) => {
    const m = released();
    expect(thrown(() => m[name])).toEqual(RELEASED);
  });

  it("released and abi (ours) still answer", () => {
    const m = released();
    expect([m.released, m.abi]).toEqual([true, "lp64"]);
  });
});

describe("abi", () => {
  it("sizes native formats: 'l' is 8 bytes under lp64 and 4 under wasm32 (Pyodide's CPython 3.14)", () => {
    // Pyodide: memoryview(bytearray(8)).cast('l').itemsize == 4, .shape == (2,)
    const wasm = memoryview(new Uint8Array(8), { abi: "wasm32" }).cast("l");
    expect([wasm.abi, wasm.itemsize, wasm.shape]).toEqual(["wasm32", 4, [2]]);
    const lp64 = memoryview(new Uint8Array(8)).cast("l");
    expect([lp64.abi, lp64.itemsize, lp64.shape]).toEqual(["lp64", 8, [1]]);
  });
});
