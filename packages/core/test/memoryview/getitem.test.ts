/**
 * `m[key]` (memoryobject.c: memory_subscript, memory_iter): test_memoryview.py's `test_getitem`, `test_iter`
 * and `test_reversed` over its matrix, and test_buffer.py's
 * `test_ndarray_index_getitem_single`, `_getitem_multidim`, `_index_scalar`,
 * `test_memoryview_index` and `test_memoryview_sequence`. Every expectation
 * was checked on CPython 3.13 (`_testbuffer`, LP64); the Python spelling is in
 * the comments. Python's `x in m` is `m.count(x) > 0` here, `reversed(m)` is
 * `m[::-1]`.
 */
import { describe, expect, it } from "vitest";
import { Ellipsis, memoryview, NDArray, NDArrayFlags, slice, type MemoryView, type MemoryViewKey } from "../../src/index.ts";
import { b, MATRIX, ND, py, thrown } from "./helpers.ts";

const INVALID_KEY = py("TypeError", "memoryview: invalid slice key");
const OUT_OF_BOUNDS_1 = py("IndexError", "index out of bounds on dimension 1");
const OUT_OF_BOUNDS_2 = py("IndexError", "index out of bounds on dimension 2");
const TOO_BIG = py("IndexError", "cannot fit 'int' into an index-sized integer");
const SYS_MAXSIZE = 2n ** 63n - 1n;

describe.each(MATRIX)("test_getitem / test_iter / test_reversed ($name)", ({ source, indirection }) => {
  const types = [source.ro, source.rw].filter((tp) => tp !== undefined);

  it("test_getitem: numbers, negative indices, bounds and key types", () => {
    for (const tp of types) {
      const m = indirection.view(tp(indirection.source));
      // m[0] == ord(b"a"), m[5] == m[-1] == ord(b"f"), m[-6] == ord(b"a")
      expect([m.get(0), m.get(5), m.get(-1), m.get(-6)]).toEqual([97, 102, 102, 97]);
      expect(typeof m.get(0)).toBe("number");
      // m[6], m[-7], m[sys.maxsize], m[-sys.maxsize]: IndexError
      for (const key of [6, -7, SYS_MAXSIZE, -SYS_MAXSIZE]) expect(thrown(() => m.get(key))).toEqual(OUT_OF_BOUNDS_1);
      // m[None], m[0.0], m["a"]: TypeError (0.0 is 0 in JS, so a fraction stands for the float)
      for (const key of [null, 0.5, "a"]) expect(thrown(() => m.get(key as never))).toEqual(INVALID_KEY);
    }
  });

  it("test_iter: list(m) == [m[i] for i in range(len(m))]", () => {
    for (const tp of types) {
      const m = indirection.view(tp(indirection.source));
      expect([...m]).toEqual(Array.from({ length: m.length }, (_, i) => m.get(i)));
      expect([...m]).toEqual([97, 98, 99, 100, 101, 102]);
    }
  });

  it("test_reversed: reversed(m) == m[::-1] == reversed(m.tolist())", () => {
    for (const tp of types) {
      const m = indirection.view(tp(indirection.source));
      const reversed = m.get(slice(null, null, -1)) as MemoryView;
      expect([...reversed]).toEqual([...(m.toList() as number[])].reverse());
      expect([...reversed]).toEqual([102, 101, 100, 99, 98, 97]);
    }
  });
});

describe("test_ndarray_index_getitem_single: every native format, indices -5..4", () => {
  // nd = ndarray(values, shape=[5], format=fmt); m = memoryview(nd): m[i] == values[i] for i in range(-5, 5),
  // with the Python type (8-byte integers are bigint here, 'c' a 1-byte Uint8Array); m[5] and m[-6] IndexError.
  const VALUES: Record<string, readonly unknown[]> = {
    b: [-128, -1, 0, 1, 127],
    B: [0, 1, 127, 128, 255],
    h: [-32768, -1, 0, 1, 32767],
    H: [0, 1, 32767, 32768, 65535],
    i: [-(2 ** 31), -1, 0, 1, 2 ** 31 - 1],
    I: [0, 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1],
    l: [-(2n ** 63n), -1n, 0n, 1n, 2n ** 63n - 1n],
    L: [0n, 1n, 2n ** 63n, 2n ** 64n - 2n, 2n ** 64n - 1n],
    q: [-(2n ** 63n), -1n, 0n, 1n, 2n ** 63n - 1n],
    Q: [0n, 1n, 2n ** 63n, 2n ** 64n - 2n, 2n ** 64n - 1n],
    n: [-(2n ** 63n), -1n, 0n, 1n, 2n ** 63n - 1n],
    N: [0n, 1n, 2n ** 63n, 2n ** 64n - 2n, 2n ** 64n - 1n],
    P: [0n, 1n, 2n ** 63n, 2n ** 64n - 2n, 2n ** 64n - 1n],
    f: [0.5, -1.5, 3.4028234663852886e38, Infinity, -0],
    d: [0.1, -1e308, 5e-324, -Infinity, -0],
    e: [65504, -65504, 0.0999755859375, 1.5, 5.960464477539063e-8],
    "?": [true, false, true, true, false],
    c: [b("a"), b("\x00"), b("\xff"), b("z"), b("0")],
  };

  it.each(Object.keys(VALUES))("'%s'", (format) => {
    const values = VALUES[format]!;
    const m = memoryview(new NDArray(values, { shape: [5], format }));
    for (let i = -5; i < 5; i++) expect(m.get(i)).toStrictEqual(values[(i + 5) % 5]);
    expect(m.toList()).toStrictEqual(values);
    expect(thrown(() => m.get(5))).toEqual(OUT_OF_BOUNDS_1);
    expect(thrown(() => m.get(-6))).toEqual(OUT_OF_BOUNDS_1);
  });
});

describe("keys on a 1-D view (test_memoryview_index)", () => {
  const m = () => memoryview(b("abcdef"));

  it("a boolean is an index: m[True] == m[1]", () => {
    expect([m().get(true), m().get(false)]).toEqual([98, 97]);
  });

  it("a 1-tuple is an index: m[(0,)] == 97", () => {
    expect(m().get([0])).toBe(97);
  });

  it("an int beyond Py_ssize_t is IndexError, not OverflowError (2**63, -2**63-1, 2**64)", () => {
    for (const key of [2n ** 63n, -(2n ** 63n) - 1n, 2n ** 64n]) expect(thrown(() => m().get(key))).toEqual(TOO_BIG);
  });

  it("Ellipsis and tuples with a non-integer are invalid keys", () => {
    // m[...], m[(None,)], m[(0.5,)]
    for (const key of [Ellipsis, [null], [0.5]]) expect(thrown(() => m().get(key as never))).toEqual(INVALID_KEY);
  });

  it("() is a sub-view request: NotImplementedError", () => {
    expect(thrown(() => m().get([]))).toEqual(py("NotImplementedError", "sub-views are not implemented"));
  });

  it("a tuple longer than ndim is TypeError", () => {
    expect(thrown(() => m().get([0, 0]))).toEqual(py("TypeError", "cannot index 1-dimension view with 2-element tuple"));
  });

  it("a zero step is ValueError", () => {
    expect(thrown(() => m().get(slice(null, null, 0)))).toEqual(py("ValueError", "slice step cannot be zero"));
  });

  it("slices clamp like lists and may step backwards", () => {
    // m[::2], m[::-2], m[5:1:-2], m[-100:100]
    const list = (key: MemoryViewKey) => (m().get(key) as MemoryView).toList();
    expect(list(slice(null, null, 2))).toEqual([97, 99, 101]);
    expect(list(slice(null, null, -2))).toEqual([102, 100, 98]);
    expect(list(slice(5, 1, -2))).toEqual([102, 100]);
    expect(list(slice(-100, 100))).toEqual([97, 98, 99, 100, 101, 102]);
  });

  it("an empty strided slice m[4:2:2] has shape (0,), stride 2 and is not C-contiguous", () => {
    const empty = m().get(slice(4, 2, 2)) as MemoryView;
    expect([empty.toList(), empty.shape, empty.strides, empty.cContiguous]).toEqual([[], [0], [2], false]);
  });
});

describe("N-d keys (test_memoryview_index on a 3x4 view)", () => {
  const m = () => memoryview(ND.c3x4());

  it("a full tuple reads one item; negative indices count from the end", () => {
    // m[1,2] == 6, m[-1,-1] == 11, m[2,3] == 11
    expect([m().get([1, 2]), m().get([-1, -1]), m().get([2, 3])]).toEqual([6, 11, 11]);
  });

  it("out of range: IndexError naming the dimension, 1-based", () => {
    expect(thrown(() => m().get([3, 0]))).toEqual(OUT_OF_BOUNDS_1);
    expect(thrown(() => m().get([-4, 0]))).toEqual(OUT_OF_BOUNDS_1);
    expect(thrown(() => m().get([0, 4]))).toEqual(OUT_OF_BOUNDS_2);
    expect(thrown(() => m().get([0, -5]))).toEqual(OUT_OF_BOUNDS_2);
  });

  it("a 3-tuple is TypeError", () => {
    expect(thrown(() => m().get([0, 0, 0]))).toEqual(py("TypeError", "cannot index 2-dimension view with 3-element tuple"));
  });

  it("an int, () or a short tuple is a sub-view: NotImplementedError", () => {
    // m[0], m[1]: "multi-dimensional sub-views are not implemented"; m[()], m[(0,)]: "sub-views are not implemented"
    for (const key of [0, 1]) {
      expect(thrown(() => m().get(key))).toEqual(py("NotImplementedError", "multi-dimensional sub-views are not implemented"));
    }
    for (const key of [[], [0]]) {
      expect(thrown(() => m().get(key))).toEqual(py("NotImplementedError", "sub-views are not implemented"));
    }
  });

  it("[1, 12, 1]: m[0, 5, 0] == 5", () => {
    expect(memoryview(ND.oneTwelveOne()).get([0, 5, 0])).toBe(5);
  });
});

describe("test_ndarray_index_getitem_multidim: C, Fortran, PIL and negative strides", () => {
  const grid = (m: MemoryView) => [0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => m.get([i, j])));

  it("C: row-major items", () => {
    expect(grid(memoryview(ND.c3x4()))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
  });

  it("Fortran: column-major items; m[1:] keeps strides (1, 3) and is neither contiguous", () => {
    const m = memoryview(ND.f3x4());
    expect(grid(m)).toEqual([[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8, 11]]);
    const tail = m.get(slice(1, null)) as MemoryView;
    expect([tail.toList(), tail.strides, tail.cContiguous, tail.fContiguous]).toEqual([
      [[1, 4, 7, 10], [2, 5, 8, 11]], [1, 3], false, false,
    ]);
  });

  it("PIL: items through the pointers; slicing dimension 0 keeps suboffsets (0, -1)", () => {
    const m = memoryview(ND.pil3x4());
    expect(grid(m)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
    const tail = m.get(slice(1, null)) as MemoryView;
    expect([tail.toList(), tail.suboffsets, tail.strides]).toEqual([[[4, 5, 6, 7], [8, 9, 10, 11]], [0, -1], [8, 1]]);
    expect((m.get(slice(null, null, -2)) as MemoryView).toList()).toEqual([[8, 9, 10, 11], [0, 1, 2, 3]]);
  });

  it("negative strides: m[0,0] is the last byte; m[::-1] has strides (4, -1)", () => {
    const m = memoryview(ND.negative());
    expect([m.get([0, 0]), m.get([2, 3])]).toEqual([11, 0]);
    const flipped = m.get(slice(null, null, -1)) as MemoryView;
    expect([flipped.toList(), flipped.strides, flipped.cContiguous]).toEqual([
      [[3, 2, 1, 0], [7, 6, 5, 4], [11, 10, 9, 8]], [4, -1], false,
    ]);
  });
});

describe("test_ndarray_index_scalar: 0-d views", () => {
  const m = () => memoryview(ND.scalar());

  it("m[()] is the item and m[...] is the view itself", () => {
    const view = m();
    expect(view.get([])).toBe(7);
    expect(view.get(Ellipsis)).toBe(view);
  });

  it("every other key is TypeError: 0, :, (0,), None", () => {
    for (const key of [0, slice(null), [0], null]) {
      expect(thrown(() => m().get(key as never))).toEqual(py("TypeError", "invalid indexing of 0-dim memory"));
    }
  });

  it("a 0-d 'iii' view: m[()] is NotImplementedError, m[...] still the view", () => {
    const view = memoryview(new NDArray([1, 2, 3], { shape: [], format: "iii" }));
    expect(thrown(() => view.get([]))).toEqual(py("NotImplementedError", "memoryview: unsupported format iii"));
    expect(view.get(Ellipsis)).toBe(view);
  });
});

describe("formats without item access (memoryobject.c: get_native_fmtchar)", () => {
  it("multi-member 'II': NotImplementedError on m[0] and tolist, but slicing works", () => {
    const m = memoryview(new NDArray([[1, 2]], { shape: [1], format: "II" }));
    const unsupported = py("NotImplementedError", "memoryview: unsupported format II");
    expect(thrown(() => m.get(0))).toEqual(unsupported);
    expect(thrown(() => m.toList())).toEqual(unsupported);
    expect((m.get(slice(0, 1)) as MemoryView).format).toBe("II");
  });

  it("unknown single character 's': 'format s not supported'", () => {
    const m = memoryview(new NDArray([b("a")], { shape: [1], format: "s" }));
    expect(thrown(() => m.get(0))).toEqual(py("NotImplementedError", "memoryview: format s not supported"));
  });
});

describe("extension: standard-size formats with a byte order ('<i', '>h') read items", () => {
  // CPython: memoryview(ndarray([1,2], shape=[2], format='<i'))[0] raises NotImplementedError
  // "memoryview: unsupported format <i"; this library reads the item with struct's rules instead.
  it("'=B' reads like 'B' (CPython: NotImplementedError \"memoryview: unsupported format =B\")", () => {
    expect(memoryview(new NDArray([1, 255], { shape: [2], format: "=B" })).toList()).toEqual([1, 255]);
  });

  it("'<i' reads little-endian, '>h' big-endian", () => {
    expect(memoryview(ND.littleInt()).toList()).toEqual([1, 2]);
    const big = memoryview(new NDArray([258, -2], { shape: [2], format: ">h" }));
    expect([big.get(0), big.get(1)]).toEqual([258, -2]);
    expect(memoryview(big).cast("B").toList()).toEqual([1, 2, 255, 254]);
  });
});

describe("extension: N-d slicing with a tuple holding a slice", () => {
  // CPython: m[1:, ::2] raises NotImplementedError "multi-dimensional slicing is not implemented",
  // and m[:, 0] TypeError "memoryview: invalid slice key". Here they slice like NumPy; the oracle
  // is _testbuffer.ndarray, which slices every dimension: nd[key].tolist(), .shape, .strides, .suboffsets
  const items = Array.from({ length: 24 }, (_, i) => i);
  const PIL = NDArrayFlags.PIL;
  const CASES: [string, NDArray, MemoryViewKey, unknown, number[], number[], number[]][] = [
    ["C 3x4 [1:, ::2]", new NDArray(items.slice(0, 12), { shape: [3, 4] }), [slice(1, null), slice(null, null, 2)], [[4, 6], [8, 10]], [2, 2], [4, 2], []],
    ["C 3x4 [::-1, 3:0:-2]", new NDArray(items.slice(0, 12), { shape: [3, 4] }), [slice(null, null, -1), slice(3, 0, -2)], [[11, 9], [7, 5], [3, 1]], [3, 2], [-4, -2], []],
    ["F 3x4 [1:, ::2]", new NDArray(items.slice(0, 12), { shape: [3, 4], flags: NDArrayFlags.FORTRAN }), [slice(1, null), slice(null, null, 2)], [[1, 7], [2, 8]], [2, 2], [1, 6], []],
    ["PIL 3x4 [1:, ::2]", new NDArray(items.slice(0, 12), { shape: [3, 4], flags: PIL }), [slice(1, null), slice(null, null, 2)], [[4, 6], [8, 10]], [2, 2], [8, 2], [0, -1]],
    ["PIL 3x4 [::-2, 1:3]", new NDArray(items.slice(0, 12), { shape: [3, 4], flags: PIL }), [slice(null, null, -2), slice(1, 3)], [[9, 10], [1, 2]], [2, 2], [-16, 1], [1, -1]],
    ["C 2x3x4 [:, 1:, ::-3]", new NDArray(items, { shape: [2, 3, 4] }), [slice(null), slice(1, null), slice(null, null, -3)], [[[7, 4], [11, 8]], [[19, 16], [23, 20]]], [2, 2, 2], [12, 4, -3], []],
    ["PIL 2x3x4 [::-1, 0:2, 1::2]", new NDArray(items, { shape: [2, 3, 4], flags: PIL }), [slice(null, null, -1), slice(0, 2), slice(1, null, 2)], [[[13, 15], [17, 19]], [[1, 3], [5, 7]]], [2, 2, 2], [-8, 4, 2], [1, -1, -1]],
    ["C 3x4 [2:1, :]", new NDArray(items.slice(0, 12), { shape: [3, 4] }), [slice(2, 1), slice(null)], [], [0, 4], [4, 1], []],
  ];

  it.each(CASES)("%s is what ndarray slicing gives", (_, nd, key, list, shape, strides, suboffsets) => {
    const view = memoryview(nd).get(key) as MemoryView;
    expect([view.toList(), view.shape, view.strides, view.suboffsets]).toEqual([list, shape, strides, suboffsets]);
  });

  it("an integer in the tuple drops its dimension: m[:, 0]", () => {
    const column = memoryview(ND.c3x4()).get([slice(null), 0]) as MemoryView;
    expect([column.toList(), column.shape, column.strides]).toEqual([[0, 4, 8], [3], [4]]);
  });
});

describe("test_memoryview_sequence: `in` and iteration", () => {
  it("'d': 5e700 (inf) and 2 are in [1.0, inf, 2.0]; 3 is not", () => {
    const m = memoryview(new NDArray([1, Infinity, 2], { shape: [3], format: "d" }));
    expect([m.count(Infinity) > 0, m.count(2) > 0, m.count(3) > 0]).toEqual([true, true, false]);
  });

  it("'f': inf is in [1.0, inf]", () => {
    expect(memoryview(new NDArray([1, Infinity], { shape: [2], format: "f" })).count(Infinity)).toBe(1);
  });

  it("iter(0-d) is TypeError, iter(2-d) NotImplementedError", () => {
    expect(thrown(() => [...memoryview(ND.scalar())])).toEqual(py("TypeError", "invalid indexing of 0-dim memory"));
    expect(thrown(() => [...memoryview(ND.c3x4())])).toEqual(
      py("NotImplementedError", "multi-dimensional sub-views are not implemented"),
    );
  });
});
