/**
 * `m == other` (memoryobject.c: memory_richcompare) as `m.equals(other)`: test_memoryview.py's
 * `test_compare` over its matrix, and test_buffer.py's
 * `test_memoryview_compare_*` family (special cases, ndim 0 and 1, zero
 * shapes and strides, multidim C/Fortran/mixed/suboffsets, not_equal) and
 * `test_memoryview_check_released`'s comparisons, ported case by case. They
 * are CPython 3.13's own assertions (LP64: 'l' and 'L' are 8 bytes), re-run
 * there. `ndarray == m` reflects to `m.__eq__`, so it is `m.equals(nd)` here;
 * the ordering operators have no JS spelling.
 */
import { describe, expect, it } from "vitest";
import { memoryview, NDArray, NDArrayFlags, slice, type MemoryView } from "../../src/index.ts";
import { b, CtypesPoint, MATRIX, MATRIX_SOURCES } from "./helpers.ts";

const range = (start: number, stop: number): number[] => Array.from({ length: stop - start }, (_, i) => start + i);
const repeat = <T,>(item: T, n: number): T[] => Array.from({ length: n }, () => item);
const nd = (items: unknown, options: ConstructorParameters<typeof NDArray>[1]) => new NDArray(items, options);
const every2 = slice(null, null, 2);

/** `v == x` both ways when `x` is a view too (`x == v` reflects to `v.__eq__` for an ndarray). */
function equal(v: MemoryView, x: unknown): boolean {
  const forward = v.equals(x);
  if (x !== null && typeof x === "object" && "equals" in x) expect((x as MemoryView).equals(v)).toBe(forward);
  return forward;
}

/** test_buffer's `transpose(src, shape)`: a flat C-order list reordered to Fortran order. */
function transpose<T>(src: readonly T[], shape: readonly number[]): T[] {
  const dest = new Array<T>(src.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < src.length; c++) {
    let f = 0;
    for (let dim = shape.length - 1; dim >= 0; dim--) f = f * shape[dim]! + index[dim]!;
    dest[f] = src[c]!;
    for (let dim = shape.length - 1; dim >= 0; dim--) {
      if (++index[dim]! < shape[dim]!) break;
      index[dim] = 0;
    }
  }
  return dest;
}

/** The 4 checks most cases end with: each view equals its own ndarray, and how the two views compare. */
function pair(nd1: NDArray, nd2: NDArray, expected: boolean): void {
  const v = memoryview(nd1);
  const w = memoryview(nd2);
  expect([equal(v, nd1), equal(w, nd2)]).toEqual([true, true]);
  expect([equal(v, nd2), equal(w, nd1), equal(v, w)]).toEqual([expected, expected, expected]);
}

describe.each(MATRIX)("test_compare ($name)", ({ source, indirection }) => {
  const types = [source.ro, source.rw].filter((tp) => tp !== undefined);

  it("equals every exporter type with the same items, and nothing else", () => {
    for (const tp of types) {
      const m = indirection.view(tp(indirection.source));
      for (const tpComp of types) {
        expect(equal(m, tpComp("abcdef"))).toBe(true);
        expect(equal(m, tpComp("abcde"))).toBe(false);
        expect(equal(m, tpComp("abcde1"))).toBe(false);
      }
      expect(equal(m, m)).toBe(true);
      expect(equal(m, m.get(slice(null)))).toBe(true);
      expect(equal(m.get(slice(0, 6)) as MemoryView, m.get(slice(null)))).toBe(true);
      expect(equal(m.get(slice(0, 5)) as MemoryView, m)).toBe(false);
      // Comparison with objects which don't support the buffer API
      expect(equal(m, "abcdef")).toBe(false);
    }
  });
});

describe("test_compare across sources", () => {
  it("'B' bytes and 'i' array views of the same numbers compare equal through struct", () => {
    // memoryview(b"abcdef") == memoryview(array('i', b"abcdef")): 'B' vs 'i', same values
    const [bytesSource, arraySource] = MATRIX_SOURCES;
    expect(equal(memoryview(bytesSource!.rw("abcdef")), memoryview(arraySource!.rw("abcdef")))).toBe(true);
  });
});

describe("test_memoryview_compare_special_cases", () => {
  const a = () => new BigUint64Array([1n, 2n, 3n]); // array.array('L', [1, 2, 3])

  it("a released view equals only itself", () => {
    const source = a();
    const v = memoryview(source);
    v.release();
    expect([v.equals(v), v.equals(source)]).toEqual([true, false]);
    const live = memoryview(source);
    const w = memoryview(source);
    w.release();
    expect([live.equals(w), w.equals(live)]).toEqual([false, false]);
  });

  it("a non-exporter is unequal: v != [1, 2, 3]", () => {
    expect(memoryview(a()).equals([1, 2, 3])).toBe(false);
    expect(memoryview(a()).equals([1n, 2n, 3n])).toBe(false);
  });

  it("a NaN inside a struct item 'l x d x' makes a view unequal to its own exporter", () => {
    // nd = ndarray([(0, 0)], shape=[1], format='l x d x', flags=ND_WRITABLE); nd[0] = (-1, nan)
    const x = nd([[0, 0]], { shape: [1], format: "l x d x", flags: NDArrayFlags.WRITABLE });
    x.set(0, [-1, NaN]);
    expect(memoryview(x).equals(x)).toBe(false);
  });

  it("a ctypes format struct cannot parse ('T{>q:x:>q:y:}') is unequal even to itself", () => {
    // BEPoint(ctypes.BigEndianStructure) with two c_long: memoryview(point), a 0-d 16-byte item
    const point = new CtypesPoint();
    const a1 = memoryview(point);
    const a2 = memoryview(point);
    expect([a1.equals(a2), a1.equals(point), a1.equals(a1)]).toEqual([false, false, false]);
    expect(a1.format).toBe("T{>q:x:>q:y:}");
  });
});

describe("test_memoryview_compare_ndim_zero", () => {
  it("'@L' vs 'L' scalars, then one changed", () => {
    const nd1 = nd(1729, { shape: [], format: "@L" });
    const nd2 = nd(1729, { shape: [], format: "L", flags: NDArrayFlags.WRITABLE });
    const v = memoryview(nd1);
    const w = memoryview(nd2);
    expect([equal(v, w), equal(v, nd2), equal(w, nd1)]).toEqual([true, true, true]);
    w.set([], 1728);
    expect([equal(v, w), equal(v, nd2), equal(w, nd1)]).toEqual([false, false, false]);
  });

  it("PIL 1-D against a copy, then one item changed", () => {
    const x = nd(range(0, 12), { shape: [12], flags: NDArrayFlags.WRITABLE | NDArrayFlags.PIL });
    const m = memoryview(nd(range(0, 12), { shape: [12], flags: NDArrayFlags.WRITABLE | NDArrayFlags.PIL }));
    expect(equal(m, x)).toBe(true);
    m.set(9, 100);
    expect(equal(m, x)).toBe(false);
  });

  it("struct module: 'Lf5s' vs 'hf5s' scalars, equal and not", () => {
    const item = [1729, 1.2, b("12345")];
    pair(nd(item, { shape: [], format: "Lf5s" }), nd(item, { shape: [], format: "hf5s", flags: NDArrayFlags.WRITABLE }), true);
    pair(
      nd(item, { shape: [], format: "Lf5s" }),
      nd([-1729, 1.2, b("12345")], { shape: [], format: "hf5s", flags: NDArrayFlags.WRITABLE }),
      false,
    );
  });
});

describe("test_memoryview_compare_ndim_one", () => {
  const five = [-529, 576, -625, 676, -729];
  const fiveOther = [-529, 576, -625, 676, 729];
  const three = [-529, -625, -729];

  it("contiguous, native and struct module ('<i' vs '>h')", () => {
    pair(nd(five, { shape: [5], format: "@h" }), nd(fiveOther, { shape: [5], format: "@h" }), false);
    pair(nd(five, { shape: [5], format: "<i" }), nd(fiveOther, { shape: [5], format: ">h" }), false);
  });

  it.each([
    ["native", "@h", "@h", 0],
    ["struct module", "!h", "<l", 0],
    ["suboffsets", "@h", "@h", NDArrayFlags.PIL],
    ["suboffsets, struct module", "h  0c", ">  h", NDArrayFlags.PIL],
  ] as const)("non-contiguous, %s", (_, format1, format2, flags) => {
    const nd1 = nd(three, { shape: [3], format: format1 });
    const nd2 = nd(five, { shape: [5], format: format2, flags });
    const v = memoryview(nd1);
    const w = memoryview(nd2);
    expect(equal(v, nd2.get(every2))).toBe(true);
    expect(equal(w.get(every2) as MemoryView, nd1)).toBe(true);
    expect(equal(v, w.get(every2))).toBe(true);
    expect(equal(v.get(slice(null, null, -1)) as MemoryView, w.get(slice(null, null, -2)))).toBe(true);
  });
});

describe("test_memoryview_compare_zero_shape / _zero_strides", () => {
  it("empty views are equal whatever their items, native and struct ('= h0c' vs '@   i')", () => {
    pair(nd([900, 961], { shape: [0], format: "@h" }), nd([-900, -961], { shape: [0], format: "@h" }), true);
    pair(nd([900, 961], { shape: [0], format: "= h0c" }), nd([-900, -961], { shape: [0], format: "@   i" }), true);
  });

  it("a zero stride repeats one item: native and struct ('@ Li' vs '!L  h')", () => {
    pair(nd([900, 900, 900, 900], { shape: [4], format: "@L" }), nd([900], { shape: [4], strides: [0], format: "L" }), true);
    pair(
      nd(repeat([900, 900], 4), { shape: [4], format: "@ Li" }),
      nd([[900, 900]], { shape: [4], strides: [0], format: "!L  h" }),
      true,
    );
  });
});

describe("test_memoryview_compare_multidim_c", () => {
  it("different values, native and struct module", () => {
    pair(nd(range(-15, 15), { shape: [3, 2, 5], format: "@h" }), nd(range(0, 30), { shape: [3, 2, 5], format: "@h" }), false);
    pair(
      nd(repeat([0, 1, 2], 30), { shape: [3, 2, 5], format: "=f q xxL" }),
      nd(repeat([-1.2, 1, 2], 30), { shape: [3, 2, 5], format: "< f 2Q" }),
      false,
    );
  });

  it("different shape, native and struct module", () => {
    pair(nd(range(0, 30), { shape: [2, 3, 5], format: "L" }), nd(range(0, 30), { shape: [3, 2, 5], format: "L" }), false);
    pair(
      nd(repeat([0, 1, 2], 21), { shape: [3, 7], format: "! b B xL" }),
      nd(repeat([0, 1, 2], 21), { shape: [7, 3], format: "= Qx l xxL" }),
      false,
    );
  });

  it("different format 'L' vs 'l', same values: equal", () => {
    pair(nd(range(0, 30), { shape: [2, 3, 5], format: "L" }), nd(range(0, 30), { shape: [2, 3, 5], format: "l" }), true);
  });
});

describe("test_memoryview_compare_multidim_fortran", () => {
  const F = NDArrayFlags.FORTRAN;

  it("different values, native and struct module ('=Qq' vs '=qQ')", () => {
    pair(nd(range(-15, 15), { shape: [5, 2, 3], format: "@h", flags: F }), nd(range(0, 30), { shape: [5, 2, 3], format: "@h", flags: F }), false);
    pair(
      nd(repeat([2n ** 64n - 1n, -1n], 6), { shape: [2, 3], format: "=Qq", flags: F }),
      nd(repeat([-1n, 2n ** 64n - 1n], 6), { shape: [2, 3], format: "=qQ", flags: F }),
      false,
    );
  });

  it("different shape, native and struct module ('0ll' vs 'l')", () => {
    pair(nd(range(-15, 15), { shape: [2, 3, 5], format: "l", flags: F }), nd(range(-15, 15), { shape: [3, 2, 5], format: "l", flags: F }), false);
    pair(nd(range(-15, 15), { shape: [2, 3, 5], format: "0ll", flags: F }), nd(range(-15, 15), { shape: [3, 2, 5], format: "l", flags: F }), false);
  });

  it("different format '@h' vs '@b', same values: equal", () => {
    pair(nd(range(0, 30), { shape: [5, 2, 3], format: "@h", flags: F }), nd(range(0, 30), { shape: [5, 2, 3], format: "@b", flags: F }), true);
  });
});

describe("test_memoryview_compare_multidim_mixed", () => {
  it("C against Fortran with the transposed items: equal, native and struct module", () => {
    const lst1 = range(-15, 15);
    const v = memoryview(nd(lst1, { shape: [3, 2, 5], format: "@l" }));
    const w = memoryview(nd(transpose(lst1, [3, 2, 5]), { shape: [3, 2, 5], format: "l", flags: NDArrayFlags.FORTRAN }));
    expect(equal(v, w)).toBe(true);

    const items: unknown[] = repeat([-3.3, -22, b("x")], 30);
    items[5] = [-2.2, -22, b("x")];
    const vs = memoryview(nd(items, { shape: [3, 2, 5], format: "d b c" }));
    const ws = memoryview(nd(transpose(items, [3, 2, 5]), { shape: [3, 2, 5], format: "d h c", flags: NDArrayFlags.FORTRAN }));
    expect(equal(vs, ws)).toBe(true);
  });

  it("non-contiguous N-d slices: different values, then same values through struct ('=ii' vs '>ii')", () => {
    // ex1[3:1:-1, ::-2] vs ex2[1:3:1, ::-2]
    const ex1 = nd(range(0, 40), { shape: [5, 8], format: "@I" });
    const ex2 = nd(range(0, 40), { shape: [5, 8], format: "I" });
    pair(ex1.get([slice(3, 1, -1), slice(null, null, -2)]) as NDArray, ex2.get([slice(1, 3, 1), slice(null, null, -2)]) as NDArray, false);

    const items = repeat([2 ** 31 - 1, -(2 ** 31)], 22);
    const s1 = nd(items, { shape: [11, 2], format: "=ii" }).get([slice(3, 1, -1), slice(null, null, -2)]) as NDArray;
    const s2 = nd(items, { shape: [11, 2], format: ">ii" }).get([slice(1, 3, 1), slice(null, null, -2)]) as NDArray;
    pair(s1, s2, true);
  });

  it("different shape, native and struct module; different format 'b3s' vs 'i3s'", () => {
    const ex2 = nd(repeat([2 ** 31 - 1, -(2 ** 31)], 22), { shape: [11, 2], format: ">ii" });
    const key = [slice(1, 3), slice(null, null, -2)];
    for (const format of ["b", "B"]) {
      pair(nd(range(0, 30), { shape: [2, 3, 5], format }).get(key) as NDArray, ex2.get(key) as NDArray, false);
    }
    pair(nd(repeat([2, b("123")], 30), { shape: [5, 3, 2], format: "b3s" }).get(key) as NDArray, ex2.get(key) as NDArray, false);
  });
});

describe("test_memoryview_compare_multidim_zero_shape / _zero_strides", () => {
  it("[0, 3, 2] vs [5, 0, 2]: the shapes differ before the first zero", () => {
    pair(nd(range(0, 30), { shape: [0, 3, 2], format: "i" }), nd(range(0, 30), { shape: [5, 0, 2], format: "@i" }), false);
  });

  it("[0, 2] vs [0, 5]: the shapes agree up to the first zero", () => {
    const v = memoryview(nd(range(0, 12), { shape: [0, 2], format: "i" }));
    const w = memoryview(nd(range(0, 12), { shape: [0, 5], format: "d" }));
    expect(equal(v, w)).toBe(true);
  });

  it("zero strides in 3 dimensions, native and struct module ('=lQ' vs '<lQ')", () => {
    const v = memoryview(nd(repeat(900, 80), { shape: [4, 5, 4], format: "@L" }));
    const w = memoryview(nd([900], { shape: [4, 5, 4], strides: [0, 0, 0], format: "L" }));
    expect(equal(v, w)).toBe(true);
    expect(v.toList()).toEqual(w.toList());
    pair(nd(repeat([1, 2], 10), { shape: [2, 5], format: "=lQ" }), nd([[1, 2]], { shape: [2, 5], strides: [0, 0], format: "<lQ" }), true);
  });
});

describe("test_memoryview_compare_multidim_suboffsets", () => {
  const PIL = NDArrayFlags.PIL;
  const W = NDArrayFlags.WRITABLE;
  const key = [slice(1, 3), slice(null, null, -2)];

  it("PIL against plain N-d slices: different values", () => {
    const nd1 = nd(range(0, 40), { shape: [5, 8], format: "@I" }).get([slice(3, 1, -1), slice(null, null, -2)]) as NDArray;
    const nd2 = nd(range(0, 40), { shape: [5, 8], format: "I", flags: PIL }).get([slice(1, 3, 1), slice(null, null, -2)]) as NDArray;
    pair(nd1, nd2, false);
  });

  it("PIL, struct module: '=Qq' vs '>Qq' with the same changed item: equal", () => {
    const ex1 = nd(repeat([2n ** 64n - 1n, -1n], 40), { shape: [5, 8], format: "=Qq", flags: W });
    (ex1.get(2) as NDArray).set(7, [1n, -2n]);
    const ex2 = nd(repeat([2n ** 64n - 1n, -1n], 40), { shape: [5, 8], format: ">Qq", flags: PIL | W });
    (ex2.get(2) as NDArray).set(7, [1n, -2n]);
    pair(ex1.get([slice(3, 1, -1), slice(null, null, -2)]) as NDArray, ex2.get([slice(1, 3, 1), slice(null, null, -2)]) as NDArray, true);
  });

  it("PIL, different shape: native and struct module ('Bb')", () => {
    const ex2 = nd(repeat([2n ** 64n - 1n, -1n], 40), { shape: [5, 8], format: ">Qq", flags: PIL | W });
    pair(nd(range(0, 30), { shape: [2, 3, 5], format: "b", flags: PIL }).get(key) as NDArray, ex2.get(key) as NDArray, false);
    const k2 = [slice(1, 2), slice(null, null, -2)];
    pair(
      nd(repeat([255, -1], 40), { shape: [2, 3, 5], format: "Bb", flags: PIL | W }).get(k2) as NDArray,
      nd(repeat([255, -1], 40), { shape: [3, 2, 5], format: "Bb" }).get(k2) as NDArray,
      false,
    );
  });

  it("PIL, different format 'i' vs '@I': equal", () => {
    pair(nd(range(0, 30), { shape: [5, 3, 2], format: "i", flags: PIL }).get(key) as NDArray, nd(range(0, 30), { shape: [5, 3, 2], format: "@I", flags: PIL }).get(key) as NDArray, true);
  });

  it("PIL, struct module '5s0sP': one item changed", () => {
    const ex1 = nd(repeat([b("hello"), b(""), 1], 27), { shape: [3, 3, 3], format: "5s0sP", flags: PIL | W });
    ((ex1.get(1) as NDArray).get(2) as NDArray).set(2, [b("sushi"), b(""), 1]);
    const ex2 = nd(repeat([b("hello"), b(""), 1], 27), { shape: [3, 3, 3], format: "5s0sP", flags: PIL | W });
    pair(ex1.get(key) as NDArray, ex2.get(key) as NDArray, false);
  });

  it("mixed C/Fortran with suboffsets: native and struct module ('< 10p 9p d' vs '> 10p 9p d')", () => {
    const lst1 = range(-15, 15);
    const v = memoryview(nd(lst1, { shape: [3, 2, 5], format: "@l", flags: PIL }));
    const w = memoryview(nd(transpose(lst1, [3, 2, 5]), { shape: [3, 2, 5], format: "l", flags: NDArrayFlags.FORTRAN | PIL }));
    expect(equal(v, w)).toBe(true);

    const items: unknown[] = repeat([b("sashimi"), b("sliced"), 20.05], 30);
    items[11] = [b("ramen"), b("spicy"), 9.45];
    const vs = memoryview(nd(items, { shape: [3, 2, 5], format: "< 10p 9p d", flags: PIL }));
    const ws = memoryview(nd(transpose(items, [3, 2, 5]), { shape: [3, 2, 5], format: "> 10p 9p d", flags: NDArrayFlags.FORTRAN | PIL }));
    expect(equal(vs, ws)).toBe(true);
  });
});

describe("test_memoryview_compare_not_equal", () => {
  it.each(["=", "<", ">", "!"])("one deep item differs, byte order '%s' ('Q' and 'QLH')", (order) => {
    const W_F = NDArrayFlags.WRITABLE | NDArrayFlags.FORTRAN;
    const changeDeep = (y: NDArray, value: unknown) =>
      ((((y.get(2) as NDArray).get(3) as NDArray).get(1) as NDArray).get(1) as NDArray).set(1, value);
    const shape = [3, 5, 2, 2, 2];

    const x = nd(repeat(2n ** 63n, 120), { shape, format: `${order}Q` });
    const y = nd(repeat(2n ** 63n, 120), { shape, format: `${order}Q`, flags: W_F });
    changeDeep(y, 1);
    const [a, c] = [memoryview(x), memoryview(y)];
    expect([equal(a, x), equal(c, y), equal(a, c), equal(a, y), equal(c, x)]).toEqual([true, true, false, false, false]);

    const xs = nd(repeat([2n ** 63n, 2 ** 31, 2 ** 15], 120), { shape, format: `${order}QLH` });
    const ys = nd(repeat([2n ** 63n, 2 ** 31, 2 ** 15], 120), { shape, format: `${order}QLH`, flags: W_F });
    changeDeep(ys, [1, 1, 1]);
    const [as, cs] = [memoryview(xs), memoryview(ys)];
    expect([equal(as, xs), equal(cs, ys), equal(as, cs), equal(as, ys), equal(cs, xs)]).toEqual([true, true, false, false, false]);
  });
});

describe("test_memoryview_check_released: comparisons", () => {
  it("equal views become unequal once one is released; a released view equals itself", () => {
    // a = b = array('d', [1.1, 2.2, 3.3])
    const a = new Float64Array([1.1, 2.2, 3.3]);
    const m1 = memoryview(a);
    const m2 = memoryview(new Float64Array([1.1, 2.2, 3.3]));
    expect(m1.equals(m2)).toBe(true);
    m1.release();
    expect([m1.equals(m2), m1.equals(a), m1.equals(m1)]).toEqual([false, false, true]);
  });
});
