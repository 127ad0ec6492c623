/**
 * `tobytes(order)`, `hex(sep, bytes_per_sep)` and `tolist()` (memoryobject.c:
 * memoryview_tobytes_impl, memoryview_hex_impl, memoryview_tolist_impl): test_memoryview.py's `test_tobytes`, `test_tolist` and
 * `test_memoryview_hex` over its matrix, and test_buffer.py's
 * `test_memoryview_tobytes`, `test_memoryview_tolist`,
 * `test_ndarray_zero_shape` and `_zero_strides`, plus every ndarray layout in
 * every order. Expectations come from CPython 3.13 (`_testbuffer`, LP64) and
 * were re-run on 3.14 (Pyodide) where the ABI does not matter.
 */
import { describe, expect, it } from "vitest";
import { memoryview, NDArray, NDArrayFlags, slice, type MemoryView } from "../../src/index.ts";
import { b, MATRIX, ND, py, thrown } from "./helpers.ts";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe.each(MATRIX)("test_tobytes / test_tolist ($name)", ({ source, indirection }) => {
  const types = [source.ro, source.rw].filter((tp) => tp !== undefined);

  it("test_tobytes: a Uint8Array of each item's bytes", () => {
    for (const tp of types) {
      const bytes = indirection.view(tp(indirection.source)).toBytes();
      expect(bytes).toBeInstanceOf(Uint8Array);
      // b"".join(getitem_type(bytes([c])) for c in b"abcdef"): one byte, or a 4-byte little-endian int
      const item = (char: string) => (source.itemsize === 1 ? [char.charCodeAt(0)] : [char.charCodeAt(0), 0, 0, 0]);
      expect([...bytes]).toEqual([..."abcdef"].flatMap(item));
    }
  });

  it("test_tolist: list(b'abcdef')", () => {
    for (const tp of types) expect(indirection.view(tp(indirection.source)).toList()).toEqual([97, 98, 99, 100, 101, 102]);
  });
});

describe("tobytes(order) and hex() of every layout", () => {
  // [list(m.tobytes(o)) for o in 'CFA'], m.hex()
  const CASES: [string, () => NDArray, number[], number[], number[], string][] = [
    ["C 3x4", ND.c3x4, range(12), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], range(12), "000102030405060708090a0b"],
    ["Fortran 3x4", ND.f3x4, [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11], range(12), range(12), "000306090104070a0205080b"],
    ["PIL 3x4", ND.pil3x4, range(12), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], range(12), "000102030405060708090a0b"],
    [
      "negative strides", ND.negative, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [11, 7, 3, 10, 6, 2, 9, 5, 1, 8, 4, 0],
      [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], "0b0a09080706050403020100",
    ],
    ["strided 1-D", ND.strided, [0, 2, 4, 6, 8, 10], [0, 2, 4, 6, 8, 10], [0, 2, 4, 6, 8, 10], "00020406080a"],
    ["zero strides", ND.zeroStrides, [5, 5, 5], [5, 5, 5], [5, 5, 5], "050505"],
    ["0-d 'i'", ND.scalar, [7, 0, 0, 0], [7, 0, 0, 0], [7, 0, 0, 0], "07000000"],
    [
      "Fortran 2x3 'h'", () => new NDArray(range(6), { shape: [2, 3], format: "h", flags: NDArrayFlags.FORTRAN }),
      [0, 0, 2, 0, 4, 0, 1, 0, 3, 0, 5, 0], [0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0], [0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0],
      "000002000400010003000500",
    ],
    [
      "Fortran 3x4 [::-1] (no longer contiguous: 'A' is C order)", () => ND.f3x4().get(slice(null, null, -1)) as NDArray,
      [2, 5, 8, 11, 1, 4, 7, 10, 0, 3, 6, 9], [2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9], [2, 5, 8, 11, 1, 4, 7, 10, 0, 3, 6, 9],
      "0205080b0104070a00030609",
    ],
  ];

  it.each(CASES)("%s", (_, make, c, f, a, hex) => {
    const m = memoryview(make());
    expect([[...m.toBytes("C")], [...m.toBytes("F")], [...m.toBytes("A")]]).toEqual([c, f, a]);
    // tobytes() and tobytes(None) are 'C'
    expect([...m.toBytes()]).toEqual(c);
    expect([...m.toBytes(null)]).toEqual(c);
    expect(m.hex()).toBe(hex);
  });

  it("an order other than 'C', 'F', 'A' is ValueError; a non-str TypeError", () => {
    const m = memoryview(ND.c3x4());
    for (const order of ["X", "c", ""]) {
      expect(thrown(() => m.toBytes(order as never))).toEqual(py("ValueError", "order must be 'C', 'F' or 'A'"));
    }
    expect(thrown(() => m.toBytes(1 as never))).toEqual(py("TypeError", "tobytes() argument 'order' must be str or None, not int"));
  });
});

describe("test_memoryview_tobytes: multi-member formats", () => {
  const t = [-529, 576, -625, 676, -729];

  it("'@h', '>hQiLl' and a 2x2x3 '=hQiLl': tobytes equals the ndarray's, and m == nd", () => {
    // m.tobytes().hex() on CPython
    const cases: [NDArray, string][] = [
      [new NDArray(t, { shape: [5], format: "@h" }), "effd40028ffda40227fd"],
      [new NDArray([t], { shape: [1], format: ">hQiLl" }), "fdef0000000000000240fffffd8f000002a4fffffd27"],
      [new NDArray(Array.from({ length: 12 }, () => t), { shape: [2, 2, 3], format: "=hQiLl" }), "effd40020000000000008ffdffffa402000027fdffff".repeat(12)],
    ];
    for (const [nd, hex] of cases) {
      const m = memoryview(nd);
      expect(m.toBytes()).toEqual(nd.toBytes());
      expect(hexOf(m.toBytes())).toBe(hex);
      expect(m.equals(nd)).toBe(true);
    }
  });
});

describe("hex(sep, bytes_per_sep)", () => {
  const m = () => memoryview(Uint8Array.of(1, 2, 3, 4, 5));

  it("groups from the right when positive, from the left when negative; 0 or >= len means none", () => {
    expect(m().hex()).toBe("0102030405");
    expect(m().hex(":")).toBe("01:02:03:04:05");
    expect(m().hex(":", 2)).toBe("01:0203:0405");
    expect(m().hex(":", -2)).toBe("0102:0304:05");
    expect(m().hex(":", 4)).toBe("01:02030405");
    for (const n of [0, 5, -5, 2 ** 31 - 1]) expect(m().hex(":", n)).toBe("0102030405");
  });

  it("the separator may be bytes: hex(b'-')", () => {
    expect(m().hex(b("-"))).toBe("01-02-03-04-05");
  });

  it("separator errors: length, ASCII, type", () => {
    for (const sep of ["", "ab"]) expect(thrown(() => m().hex(sep))).toEqual(py("ValueError", "sep must be length 1."));
    for (const sep of ["\u00e9", b("\xff")]) expect(thrown(() => m().hex(sep))).toEqual(py("ValueError", "sep must be ASCII."));
    expect(thrown(() => m().hex(1 as never))).toEqual(py("TypeError", "object of type 'int' has no len()"));
  });

  it("bytes_per_sep: too large for a C int is OverflowError, a fraction TypeError", () => {
    const overflow = py("OverflowError", "Python int too large to convert to C int");
    expect(thrown(() => m().hex(":", 2 ** 31))).toEqual(overflow);
    expect(thrown(() => m().hex(":", -(2 ** 31) - 1))).toEqual(overflow);
    expect(thrown(() => m().hex(":", 1.5))).toEqual(py("TypeError", "'float' object cannot be interpreted as an integer"));
    expect(thrown(() => m().hex(":", Number.NaN))).toEqual(py("TypeError", "'float' object cannot be interpreted as an integer"));
    // The edges a C int holds, as numbers (the int32 fast path), bigints and booleans alike.
    for (const n of [-(2 ** 31), -(2n ** 31n), -0, 0n, false]) expect(m().hex(":", n as number)).toBe("0102030405");
    for (const n of [2, 2n]) expect(m().hex(":", n as number)).toBe("01:0203:0405");
    expect(m().hex(":", true)).toBe("01:02:03:04:05");
  });

  it("an empty view is '' whatever the separator", () => {
    expect(memoryview(new Uint8Array(0)).hex(":", 2)).toBe("");
  });

  it("test_memoryview_hex (issue #9951): a reversed 200 kB view", () => {
    const m1 = memoryview(new Uint8Array(200_000).fill(0x30));
    expect((m1.get(slice(null, null, -1)) as MemoryView).hex()).toBe("30".repeat(200_000));
  });
});

describe("tolist()", () => {
  it("0-d gives the bare item", () => {
    expect(memoryview(ND.scalar()).toList()).toBe(7);
  });

  it("test_ndarray_zero_shape: [0], [0,3,3], [3,0,3], [3,3,0]", () => {
    const list = (shape: number[]) => memoryview(new NDArray(range(9), { shape })).toList();
    expect(list([0])).toEqual([]);
    expect(list([0, 3, 3])).toEqual([]);
    expect(list([3, 0, 3])).toEqual([[], [], []]);
    expect(list([3, 3, 0])).toEqual([[[], [], []], [[], [], []], [[], [], []]]);
  });

  it("test_ndarray_zero_strides: a zero stride repeats one item", () => {
    expect(memoryview(new NDArray([1], { shape: [2, 3], strides: [0, 0] })).toList()).toEqual([[1, 1, 1], [1, 1, 1]]);
  });

  it("test_memoryview_tolist: array('h'), its [::-2] slice, and a 5-d 'L' view", () => {
    const m = memoryview(new Int16Array([1, -2, 3, -4]));
    expect(m.toList()).toEqual([1, -2, 3, -4]);
    expect((m.get(slice(null, null, -2)) as MemoryView).toList()).toEqual([-4, -2]);
    const five = memoryview(new NDArray(range(32), { shape: [2, 2, 2, 2, 2], format: "L" }));
    const n = (i: number) => BigInt(i);
    expect(five.toList()).toEqual([
      [[[[n(0), n(1)], [n(2), n(3)]], [[n(4), n(5)], [n(6), n(7)]]], [[[n(8), n(9)], [n(10), n(11)]], [[n(12), n(13)], [n(14), n(15)]]]],
      [[[[n(16), n(17)], [n(18), n(19)]], [[n(20), n(21)], [n(22), n(23)]]], [[[n(24), n(25)], [n(26), n(27)]], [[n(28), n(29)], [n(30), n(31)]]]],
    ]);
  });

  it("test_memoryview_tolist: 'lh' and 's' are NotImplementedError", () => {
    expect(thrown(() => memoryview(new NDArray([[1, 2]], { shape: [1], format: "lh" })).toList())).toEqual(
      py("NotImplementedError", "memoryview: unsupported format lh"),
    );
    expect(thrown(() => memoryview(new NDArray([b("a")], { shape: [1], format: "s" })).toList())).toEqual(
      py("NotImplementedError", "memoryview: format s not supported"),
    );
  });

  it("64 dimensions of extent 1: tolist nests 64 deep, tobytes/hex/== and a 64-index key work", () => {
    // deep = memoryview(bytes([9])).cast('B', [1]*64)
    const deep = memoryview(Uint8Array.of(9)).cast("B", new Array(64).fill(1));
    let list: unknown = deep.toList();
    for (let depth = 0; depth < 64; depth++) {
      expect(list).toHaveLength(1);
      list = (list as unknown[])[0];
    }
    expect(list).toBe(9);
    expect([[...deep.toBytes()], deep.hex(), deep.equals(deep), deep.get(new Array(64).fill(0))]).toEqual([[9], "09", true, 9]);
  });
});
