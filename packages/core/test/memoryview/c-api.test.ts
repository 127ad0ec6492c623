/**
 * The C API's constructors (Objects/memoryobject.c): `memoryViewFromMemory` (PyMemoryView_FromMemory),
 * `memoryViewFromBuffer` (PyMemoryView_FromBuffer, reached in test_buffer.py through
 * `ndarray.memoryview_from_buffer()`), `getContiguous`
 * (PyMemoryView_GetContiguous, `_testbuffer.get_contiguous`), and the
 * constructor itself. Ports `test_memoryview_get_contiguous`,
 * `test_memoryview_construction` and `test_ndarray_memoryview_from_buffer`;
 * FromMemory was checked through ctypes.pythonapi. CPython 3.13, LP64.
 */
import { describe, expect, it } from "vitest";
import {
  BufferFlags,
  memoryViewFromBuffer,
  memoryViewFromMemory,
  getBuffer,
  getContiguous,
  memoryview,
  MemoryView,
  NDArray,
  NDArrayFlags,
  releaseBuffer,
  slice,
} from "../../src/index.ts";
import { b, py, thrown } from "./helpers.ts";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const ORDERS = ["C", "F", "A"] as const;

/** `ndarray(ex, getbuf=flags).memoryview_from_buffer()`: a view of a record no exporter owns. */
function fromRequest(exporter: object, flags: number): MemoryView {
  const record = getBuffer(exporter, flags);
  try {
    return memoryViewFromBuffer(record);
  } finally {
    releaseBuffer(record);
  }
}

describe("memoryViewFromMemory (PyMemoryView_FromMemory)", () => {
  it("READ: a read-only 1-D 'B' view of the window, obj None", () => {
    // f(addressof(buf) + 2, 4, PyBUF_READ) over b"abcdefgh"
    const memory = new ArrayBuffer(8);
    new Uint8Array(memory).set(b("abcdefgh"));
    const m = memoryViewFromMemory(memory, 2, 4, BufferFlags.READ);
    expect([m.readonly, m.format, m.obj, m.toList(), m.shape, m.strides, m.nbytes, m.itemsize, m.ndim, m.cContiguous]).toEqual([
      true, "B", null, [99, 100, 101, 102], [4], [1], 4, 1, 1, true,
    ]);
    expect(thrown(() => m.set(0, 1))).toEqual(py("TypeError", "cannot modify read-only memory"));
  });

  it("WRITE: writes reach the memory", () => {
    const memory = new ArrayBuffer(8);
    new Uint8Array(memory).set(b("abcdefgh"));
    const m = memoryViewFromMemory(memory, 2, 4, BufferFlags.WRITE);
    m.set(0, 65);
    expect([m.readonly, String.fromCharCode(...new Uint8Array(memory))]).toEqual([false, "abAdefgh"]);
  });

  it("size 0 is an empty view", () => {
    expect(memoryViewFromMemory(new ArrayBuffer(8), 0, 0, BufferFlags.READ).toList()).toEqual([]);
  });

  it("a flag other than READ or WRITE is refused (C asserts; the error is ours)", () => {
    expect(thrown(() => memoryViewFromMemory(new ArrayBuffer(8), 0, 8, BufferFlags.FULL_RO)).pythonType).toBe("ValueError");
  });
});

describe("memoryViewFromBuffer (memoryview_from_buffer)", () => {
  it("test_ndarray_memoryview_from_buffer: C and PIL round trips, obj None", () => {
    for (const flags of [0, NDArrayFlags.PIL]) {
      const nd = new NDArray(range(3), { shape: [3], flags });
      const m = fromRequest(nd, BufferFlags.FULL_RO);
      expect([m.equals(nd), m.obj, m.suboffsets]).toEqual([true, null, flags === 0 ? [] : [0]]);
    }
  });

  it("test_memoryview_construction: a record without strides gets C strides", () => {
    // ndarray(ex, getbuf=PyBUF_CONTIG_RO|PyBUF_FORMAT).memoryview_from_buffer(), ex 2x3x5
    const ex = new NDArray(range(30), { shape: [2, 3, 5] });
    const m = fromRequest(ex, BufferFlags.CONTIG_RO | BufferFlags.FORMAT);
    expect([m.strides, m.shape, m.format, m.obj, m.readonly, m.cContiguous]).toEqual([[15, 5, 1], [2, 3, 5], "B", null, true, true]);
  });

  it("test_memoryview_construction: no format, shape or strides: 1-D 'B' of nbytes", () => {
    const ex = new NDArray(range(30), { shape: [2, 3, 5] });
    const m = fromRequest(ex, BufferFlags.SIMPLE);
    expect([m.strides, m.shape, m.format, m.ndim, m.obj, m.toList()]).toEqual([[1], [30], "B", 1, null, range(30)]);
    // A 0-d exporter seen through SIMPLE is a 1-D view of its one item
    const scalar = fromRequest(new NDArray(9, { shape: [] }), BufferFlags.SIMPLE);
    expect([scalar.shape, scalar.ndim, scalar.toList()]).toEqual([[1], 1, [9]]);
  });

  it("a writable record gives a writable view", () => {
    const nd = new NDArray(range(6), { shape: [6], flags: NDArrayFlags.WRITABLE });
    expect(fromRequest(nd, BufferFlags.FULL).readonly).toBe(false);
  });

  it("a record without memory is ValueError", () => {
    const record = { ...getBuffer(new Uint8Array(2), BufferFlags.SIMPLE), memory: null };
    expect(thrown(() => memoryViewFromBuffer(record as never))).toEqual(py("ValueError", "PyMemoryView_FromBuffer(): info->buf must not be NULL"));
  });

  it("more than 64 dimensions is ValueError", () => {
    // ndarray([1]*128, shape=[1]*128, format='L').memoryview_from_buffer(): the record of a 128-d array
    const nd = new NDArray(new Array(128).fill(1), { shape: new Array(128).fill(1), format: "L" });
    const record = { obj: null, memory: new ArrayBuffer(8), buf: 0, len: 8, itemsize: 8, readonly: true, format: "L",
      ndim: 128, shape: nd.shape, strides: nd.strides, suboffsets: null, internal: null };
    expect(thrown(() => memoryViewFromBuffer(record))).toEqual(py("ValueError", "memoryview: number of dimensions must not exceed 64"));
  });
});

describe("test_memoryview_get_contiguous", () => {
  it("a non-exporter is TypeError", () => {
    expect(thrown(() => getContiguous({}, BufferFlags.READ, "F"))).toEqual(
      py("TypeError", "memoryview: a bytes-like object is required, not 'dict'"),
    );
  });

  it("WRITE of read-only memory, contiguous or not: 'underlying buffer is not writable'", () => {
    const notWritable = py("BufferError", "underlying buffer is not writable");
    expect(thrown(() => getContiguous(memoryview(b("x")).toReadonly(), BufferFlags.WRITE, "C"))).toEqual(notWritable);
    expect(thrown(() => getContiguous(new NDArray([1, 2, 3], { shape: [2], strides: [2] }), BufferFlags.WRITE, "A"))).toEqual(notWritable);
  });

  it("WRITE of writable memory that needs a copy is refused", () => {
    const nonContiguous = py("BufferError", "writable contiguous buffer requested for a non-contiguous object.");
    const c = new NDArray(range(12), { shape: [3, 4], flags: NDArrayFlags.WRITABLE });
    expect(thrown(() => getContiguous(c, BufferFlags.WRITE, "F"))).toEqual(nonContiguous);
    const f = new NDArray(range(12), { shape: [3, 4], flags: NDArrayFlags.WRITABLE | NDArrayFlags.FORTRAN });
    expect(thrown(() => getContiguous(f, BufferFlags.WRITE, "C"))).toEqual(nonContiguous);
    const pil = new NDArray(range(12), { shape: [3, 4], flags: NDArrayFlags.WRITABLE | NDArrayFlags.PIL });
    for (const order of ORDERS) expect(thrown(() => getContiguous(pil, BufferFlags.WRITE, order))).toEqual(nonContiguous);
  });

  it("a bad buffer type or order is ValueError (C asserts; _testbuffer's wording differs from ours)", () => {
    expect(thrown(() => getContiguous(b("x"), 0, "C")).pythonType).toBe("ValueError");
    expect(thrown(() => getContiguous(b("x"), BufferFlags.READ, "X" as never)).pythonType).toBe("ValueError");
  });

  it("scalars: READ from read-only and writable exporters; WRITE writes through", () => {
    for (const flags of [0, NDArrayFlags.WRITABLE]) {
      const nd = new NDArray(9, { shape: [], format: "L", flags });
      for (const order of ORDERS) {
        const m = getContiguous(nd, BufferFlags.READ, order);
        expect([m.equals(nd), m.get([])]).toEqual([true, 9n]);
      }
    }
    const nd = new NDArray(9, { shape: [], format: "L", flags: NDArrayFlags.WRITABLE });
    for (const order of ORDERS) {
      nd.set([], 9);
      const m = getContiguous(nd, BufferFlags.WRITE, order);
      expect([m.equals(nd), m.get([])]).toEqual([true, 9n]);
      m.set([], 10);
      expect([m.get([]), nd.get([])]).toEqual([10n, 10n]);
    }
  });

  it("zeros in shape", () => {
    const empty = new NDArray([1], { shape: [0], format: "L", flags: NDArrayFlags.WRITABLE });
    const wide = new NDArray(range(8), { shape: [2, 0, 7], format: "L", flags: NDArrayFlags.WRITABLE });
    for (const order of ORDERS) {
      const m = getContiguous(empty, BufferFlags.READ, order);
      expect(thrown(() => m.get(0))).toEqual(py("IndexError", "index out of bounds on dimension 1"));
      expect([m.equals(empty), m.toList()]).toEqual([true, []]);
      expect(new NDArray(getContiguous(wide, BufferFlags.READ, order)).toList()).toEqual([[], []]);
    }
  });

  it("one-dimensional contiguous input: WRITE views the original memory", () => {
    for (const [items, format] of [[[1], "h"], [[1, 2, 3], "b"]] as const) {
      const nd = new NDArray(items, { shape: [items.length], format, flags: NDArrayFlags.WRITABLE });
      for (const order of ORDERS) {
        const m = getContiguous(nd, BufferFlags.WRITE, order);
        expect([m.equals(nd), m.toList()]).toEqual([true, nd.toList()]);
      }
    }
  });

  it("one-dimensional non-contiguous input: a read-only copy, C-contiguous, whose obj is the copy's bytes", () => {
    const nd = new NDArray([1, 2, 3], { shape: [2], strides: [2], flags: NDArrayFlags.WRITABLE });
    for (const [source, second] of [[nd, 3], [nd.get(slice(null, null, -1)) as NDArray, 1]] as const) {
      for (const order of ORDERS) {
        const m = getContiguous(source, BufferFlags.READ, order);
        expect([m.equals(source), m.toList(), m.readonly, m.cContiguous, m.strides]).toEqual([true, source.toList(), true, true, [1]]);
        expect(m.obj).toEqual(Uint8Array.from(source.toList() as number[]));
        expect(thrown(() => m.set(1, 20))).toEqual(py("TypeError", "cannot modify read-only memory"));
        expect([m.get(1), source.get(1)]).toEqual([second, second]);
      }
    }
  });

  it("multi-dimensional contiguous input: WRITE shares memory in its own order, READ copies the other", () => {
    const nd = new NDArray(range(12), { shape: [3, 4], flags: NDArrayFlags.WRITABLE });
    for (const order of ["C", "A"] as const) {
      const m = getContiguous(nd, BufferFlags.WRITE, order);
      expect([m.obj === nd, m.toList()]).toEqual([true, nd.toList()]);
    }
    getContiguous(nd, BufferFlags.WRITE, "C").set([0, 0], 99);
    expect((nd.toList() as number[][])[0]).toEqual([99, 1, 2, 3]);
    // The 'F' copy: F strides, read-only, physical bytes in Fortran order
    const f = getContiguous(nd, BufferFlags.READ, "F");
    expect([f.strides, f.fContiguous, f.readonly, f.toList(), [...f.toBytes("A")]]).toEqual([
      [1, 3], true, true, nd.toList(), [99, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11],
    ]);
    const fortran = new NDArray(range(12), { shape: [3, 4], flags: NDArrayFlags.WRITABLE | NDArrayFlags.FORTRAN });
    for (const order of ["F", "A"] as const) {
      const m = getContiguous(fortran, BufferFlags.WRITE, order);
      expect([m.strides, m.toList()]).toEqual([[1, 3], fortran.toList()]);
    }
  });

  it("PIL input is copied in every order: C strides for C and A, F strides for F, no suboffsets", () => {
    const pil = new NDArray(range(12), { shape: [3, 4], flags: NDArrayFlags.WRITABLE | NDArrayFlags.PIL });
    const expected = { C: [[4, 1], true, false, range(12)], F: [[1, 3], false, true, [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]], A: [[4, 1], true, false, range(12)] };
    for (const order of ORDERS) {
      const m = getContiguous(pil, BufferFlags.READ, order);
      expect(m.toList()).toEqual(pil.toList());
      expect([m.strides, m.cContiguous, m.fContiguous, [...m.toBytes("A")]]).toEqual(expected[order]);
      expect(m.suboffsets).toEqual([]);
    }
  });

  it("flags: a copy of a strided 1-D view is C-contiguous", () => {
    const m = getContiguous(new NDArray([1, 2, 3, 4, 5], { shape: [3], strides: [2] }), BufferFlags.READ, "C");
    expect(m.cContiguous).toBe(true);
  });

  it("more than 64 dimensions is ValueError, also for a copy", () => {
    const nd = new NDArray(new Array(128).fill(1), { shape: new Array(128).fill(1), format: "L" });
    const tooMany = py("ValueError", "memoryview: number of dimensions must not exceed 64");
    expect(thrown(() => getContiguous(nd, BufferFlags.READ, "C"))).toEqual(tooMany);
    expect(thrown(() => getContiguous(nd, BufferFlags.READ, "F"))).toEqual(tooMany);
    expect(thrown(() => getContiguous(nd.get(slice(null, null, -1)), BufferFlags.READ, "C"))).toEqual(tooMany);
  });
});

describe("test_memoryview_construction: the constructor", () => {
  it("C, Fortran and PIL exporters of 0, 1 and 3 dimensions, directly and through memoryview(m)", () => {
    const cases: [unknown, number[]][] = [[9, []], [[1, 2, 3], [3]], [range(30), [2, 3, 5]]];
    for (const [items, shape] of cases) {
      for (const flags of [0, NDArrayFlags.FORTRAN, NDArrayFlags.PIL]) {
        if (flags === NDArrayFlags.PIL && shape.length === 0) continue; // ND_PIL needs ndim >= 1
        const ex = new NDArray(items, { shape, flags });
        for (const m of [memoryview(ex), memoryview(memoryview(ex))]) {
          expect([m.obj === ex, m.shape, m.strides, m.suboffsets, m.toList()]).toEqual([true, ex.shape, ex.strides, ex.suboffsets, ex.toList()]);
          expect(m.equals(ex)).toBe(true);
        }
      }
    }
  });

  it("new MemoryView(x) and memoryview(x) are the same", () => {
    const ex = new Uint8Array(3);
    const m = new MemoryView(ex);
    expect([m instanceof MemoryView, memoryview(ex) instanceof MemoryView, m.obj]).toEqual([true, true, ex]);
  });

  it("a non-exporter is TypeError: memoryview({}), memoryview('abc')", () => {
    expect(thrown(() => memoryview({}))).toEqual(py("TypeError", "memoryview: a bytes-like object is required, not 'dict'"));
    expect(thrown(() => memoryview("abc"))).toEqual(py("TypeError", "memoryview: a bytes-like object is required, not 'str'"));
  });

  it("non-compliant re-exporters (SIMPLE, CONTIG_RO|FORMAT) are BufferError", () => {
    const ex = new NDArray([1, 2, 3], { shape: [3] });
    for (const getbuf of [BufferFlags.SIMPLE, BufferFlags.CONTIG_RO | BufferFlags.FORMAT]) {
      expect(thrown(() => memoryview(new NDArray(ex, { getbuf })))).toEqual(
        py("BufferError", "re-exporter does not provide format, shape or strides"),
      );
    }
  });

  it("more than 64 dimensions is ValueError", () => {
    const nd = new NDArray(new Array(128).fill(1), { shape: new Array(128).fill(1), format: "L" });
    expect(thrown(() => memoryview(nd))).toEqual(py("ValueError", "memoryview: number of dimensions must not exceed 64"));
  });
});
