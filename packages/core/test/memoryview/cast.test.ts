/**
 * `m.cast(format, shape)` (memoryobject.c: memory_cast): test_buffer.py's
 * `test_memoryview_cast_invalid` (every error, in CPython's check order),
 * `test_memoryview_cast`, `_cast_zero_shape`, `_cast_zero_strides` and
 * `_cast_1D_ND`, and test_memoryview.py's `test_issue22668`,
 * `test_half_float` and `test_ctypes_cast`. Expectations come from CPython
 * 3.13 (LP64); the Python spelling is in the comments.
 */
import { describe, expect, it } from "vitest";
import { memoryview, NDArray, slice, type MemoryView } from "../../src/index.ts";
import { b, ND, py, RELEASED, thrown } from "./helpers.ts";

const NOT_C = py("TypeError", "memoryview: casts are restricted to C-contiguous views");
const ZEROS = py("TypeError", "memoryview: cannot cast view with zeros in shape or strides");
const ONE_D = py("TypeError", "memoryview: cast must be 1D -> ND or ND -> 1D");
const DESTINATION = py(
  "ValueError",
  "memoryview: destination format must be a native single character format prefixed with an optional '@'",
);
const NON_BYTE = py("TypeError", "memoryview: cannot cast between two non-byte formats");
const PRODUCT = py("TypeError", "memoryview: product(shape) * itemsize != buffer size");
const TOO_MANY_DIMS = py("ValueError", "memoryview: number of dimensions must not exceed 64");

/** memoryview(bytearray(range(12))) */
const twelve = () => memoryview(Uint8Array.from({ length: 12 }, (_, i) => i));

describe("test_memoryview_cast_invalid", () => {
  it("1. a released view is ValueError", () => {
    const m = twelve();
    m.release();
    expect(thrown(() => m.cast("B"))).toEqual(RELEASED);
  });

  it("the format must be a str: bytes and int are TypeError", () => {
    expect(thrown(() => twelve().cast(b("B") as never))).toEqual(py("TypeError", "cast() argument 'format' must be str, not bytes"));
    expect(thrown(() => twelve().cast(1 as never))).toEqual(py("TypeError", "cast() argument 'format' must be str, not int"));
  });

  it("2. only C-contiguous views: Fortran, PIL, zero strides, negative strides, an empty strided slice", () => {
    expect(thrown(() => memoryview(ND.f3x4()).cast("B"))).toEqual(NOT_C);
    expect(thrown(() => memoryview(ND.pil3x4()).cast("B"))).toEqual(NOT_C);
    expect(thrown(() => memoryview(ND.zeroStrides()).cast("B"))).toEqual(NOT_C);
    expect(thrown(() => (twelve().get(slice(null, null, -1)) as MemoryView).cast("B"))).toEqual(NOT_C);
    expect(thrown(() => (twelve().get(slice(4, 2, 2)) as MemoryView).cast("B"))).toEqual(NOT_C);
    expect(thrown(() => (twelve().get(slice(null, null, 2)) as MemoryView).cast("B"))).toEqual(NOT_C);
  });

  it("2. a negative stride on an extent-1 dimension is still C-contiguous: m[0:1][::-1].cast('B')", () => {
    const one = (twelve().get(slice(0, 1)) as MemoryView).get(slice(null, null, -1)) as MemoryView;
    expect(one.cast("B").toList()).toEqual([0]);
  });

  it("3. zeros in shape: an N-d empty view, or an empty 1-D view with a shape", () => {
    expect(thrown(() => memoryview(ND.empty0x3()).cast("B"))).toEqual(ZEROS);
    expect(thrown(() => (twelve().get(slice(4, 4)) as MemoryView).cast("B", [0]))).toEqual(ZEROS);
    // the zeros check comes before the 64-dimension check: m[4:4].cast('B', [0]*65)
    expect(thrown(() => (twelve().get(slice(4, 4)) as MemoryView).cast("B", new Array(65).fill(0)))).toEqual(ZEROS);
  });

  it("4. the shape must be a list or tuple (12, None, 'ab'), of at most 64 entries", () => {
    const notList = py("TypeError", "shape must be a list or a tuple");
    for (const shape of [12, null, "ab"]) expect(thrown(() => twelve().cast("B", shape as never))).toEqual(notList);
    expect(thrown(() => twelve().cast("B", new Array(65).fill(1)))).toEqual(TOO_MANY_DIMS);
    // [1]*64 + [12] has 65 entries: the count is checked before the product
    expect(thrown(() => twelve().cast("B", [...new Array(64).fill(1), 12]))).toEqual(TOO_MANY_DIMS);
  });

  it("5. N-d to N-d is refused (also N-d to 0-d and 0-d to 0-d)", () => {
    expect(thrown(() => twelve().cast("B", [3, 4]).cast("B", [4, 3]))).toEqual(ONE_D);
    expect(thrown(() => twelve().cast("B", [3, 4]).cast("B", []))).toEqual(ONE_D);
    expect(thrown(() => memoryview(ND.scalar()).cast("i", []))).toEqual(ONE_D);
    expect(thrown(() => memoryview(new NDArray(7, { shape: [], format: "B" })).cast("B", [1, 1]))).toEqual(ONE_D);
  });

  it("6. the destination must be a native single character, '@' allowed", () => {
    for (const format of ["=B", "<i", "BB", "s", "x", "2B", "", "@"]) {
      expect(thrown(() => twelve().cast(format))).toEqual(DESTINATION);
    }
    expect(twelve().cast("@i").format).toBe("@i");
  });

  it("6. a non-ASCII destination is UnicodeEncodeError", () => {
    expect(thrown(() => twelve().cast("\u00e9"))).toEqual(
      py("UnicodeEncodeError", "'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"),
    );
  });

  it("7. one side must be a byte format: 'i' -> 'h' and 'i' -> '?' fail, 'i' -> 'B' -> 'h' works", () => {
    expect(thrown(() => twelve().cast("i").cast("h"))).toEqual(NON_BYTE);
    expect(thrown(() => twelve().cast("i").cast("?"))).toEqual(NON_BYTE);
    expect(twelve().cast("i").cast("B").cast("h").shape).toEqual([6]);
    expect(thrown(() => memoryview(ND.scalar()).cast("i", [1]))).toEqual(NON_BYTE);
  });

  it("8. the length must be a multiple of the new itemsize", () => {
    expect(thrown(() => twelve().cast("d"))).toEqual(py("TypeError", "memoryview: length is not a multiple of itemsize"));
  });

  it("9. shape elements: integers (bool counts), in Py_ssize_t, > 0, with a product that fits", () => {
    expect(thrown(() => twelve().cast("B", [1.5, 12]))).toEqual(py("TypeError", "memoryview.cast(): elements of shape must be integers"));
    expect(twelve().cast("B", [true as never, 12]).shape).toEqual([1, 12]);
    const overflow = py("OverflowError", "Python int too large to convert to C ssize_t");
    expect(thrown(() => twelve().cast("B", [2n ** 63n, 1]))).toEqual(overflow);
    expect(thrown(() => twelve().cast("B", [-(2n ** 63n) - 1n, 1]))).toEqual(overflow);
    const positive = py("ValueError", "memoryview.cast(): elements of shape must be integers > 0");
    expect(thrown(() => twelve().cast("B", [0, 12]))).toEqual(positive);
    expect(thrown(() => twelve().cast("B", [-1, 12]))).toEqual(positive);
    expect(thrown(() => twelve().cast("B", [2n ** 62n, 4]))).toEqual(py("ValueError", "memoryview.cast(): product(shape) > SSIZE_MAX"));
  });

  it("10. product(shape) * itemsize must be the length", () => {
    expect(thrown(() => twelve().cast("B", [5, 2]))).toEqual(PRODUCT);
    expect(thrown(() => twelve().cast("i", [2]))).toEqual(PRODUCT);
    expect(thrown(() => twelve().cast("i", []))).toEqual(PRODUCT);
  });
});

describe("test_memoryview_cast: results", () => {
  it("the format is kept verbatim, readonly and obj are inherited", () => {
    const source = new NDArray([1, 2], { shape: [2] });
    const m = memoryview(source).cast("@B");
    expect([m.format, m.readonly, m.obj === source]).toEqual(["@B", true, true]);
  });

  it("1-D to N-D and back; a tuple shape works", () => {
    expect(twelve().cast("B", [3, 4]).toList()).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]);
    expect(twelve().cast("B", [3, 4]).cast("B", [12]).shape).toEqual([12]);
    expect(twelve().cast("B", [3, 4]).cast("B").shape).toEqual([12]);
  });

  it("0-d to 1-d: the bytes of the item; a 'B' scalar to [1]", () => {
    expect(memoryview(ND.scalar()).cast("B").toList()).toEqual([7, 0, 0, 0]);
    expect(memoryview(new NDArray(7, { shape: [], format: "B" })).cast("B", [1]).toList()).toEqual([7]);
    expect(memoryview(new NDArray(7, { shape: [], format: "B" })).cast("c", [1]).toList()).toEqual([b("\x07")]);
  });

  it("1-d to 0-d: shape [] gives a scalar", () => {
    const m = memoryview(b("\x07\x00\x00\x00")).cast("i", []);
    expect([m.ndim, m.shape, m.toList()]).toEqual([0, [], 7]);
  });

  it("a cast starts from the current view: 'B' -> 'c' -> 'B'; [2,4] -> 'c' is 1-D", () => {
    const m = memoryview(Uint8Array.from({ length: 8 }, (_, i) => i));
    expect(m.cast("c").cast("B").toList()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(m.cast("B", [2, 4]).cast("c").shape).toEqual([8]);
  });

  it("any source format casts to bytes: 'II' -> 'B', '<d' -> 'c'", () => {
    expect(memoryview(new NDArray([[1, 2]], { shape: [1], format: "II" })).cast("B").toList()).toEqual([1, 0, 0, 0, 2, 0, 0, 0]);
    expect(memoryview(new NDArray([1.5], { shape: [1], format: "<d" })).cast("c").toList()).toEqual(
      [0, 0, 0, 0, 0, 0, 0xf8, 0x3f].map((byte) => Uint8Array.of(byte)),
    );
  });

  it("'?' from bytes reads a _Bool per byte", () => {
    expect(twelve().cast("?").toList()).toEqual([false, ...new Array(11).fill(true)]);
  });

  it("writes go through to the exporter: bytearray(4) cast to 'i', m[0] = -2", () => {
    const memory = new Uint8Array(4);
    memoryview(memory).cast("i").set(0, -2);
    expect([...memory]).toEqual([0xfe, 0xff, 0xff, 0xff]);
  });
});

describe("test_memoryview_cast_zero_shape / _zero_strides", () => {
  it("an empty 1-D view casts to every format, giving shape (0,)", () => {
    for (const format of [..."cbB?hHiIlLqQnNfdeP"]) {
      const m = (twelve().get(slice(4, 4)) as MemoryView).cast(format);
      expect([m.shape, m.toList()]).toEqual([[0], []]);
    }
  });

  it("a zero stride with extent > 1 is not C-contiguous", () => {
    expect(thrown(() => memoryview(ND.zeroStrides()).cast("c"))).toEqual(NOT_C);
  });
});

describe("test_memoryview_cast_1D_ND: 16 bytes through every native format", () => {
  // data = bytes([0x00,0x01,0x80,0xff, 0x10,0x20,0x30,0x40, 0x3f,0xf8,0,0, 0,0,0xf0,0xbf])
  // memoryview(data).cast(fmt, [2, n//2]).tolist(), and .cast('B') gives the bytes back
  const data = Uint8Array.of(0x00, 0x01, 0x80, 0xff, 0x10, 0x20, 0x30, 0x40, 0x3f, 0xf8, 0, 0, 0, 0, 0xf0, 0xbf);
  const c = (byte: number) => Uint8Array.of(byte);
  const EXPECTED: Record<string, { shape: number[]; list: unknown }> = {
    b: { shape: [2, 8], list: [[0, 1, -128, -1, 16, 32, 48, 64], [63, -8, 0, 0, 0, 0, -16, -65]] },
    B: { shape: [2, 8], list: [[0, 1, 128, 255, 16, 32, 48, 64], [63, 248, 0, 0, 0, 0, 240, 191]] },
    c: { shape: [2, 8], list: [[0, 1, 0x80, 0xff, 0x10, 0x20, 0x30, 0x40].map(c), [0x3f, 0xf8, 0, 0, 0, 0, 0xf0, 0xbf].map(c)] },
    h: { shape: [2, 4], list: [[256, -128, 8208, 16432], [-1985, 0, 0, -16400]] },
    H: { shape: [2, 4], list: [[256, 65408, 8208, 16432], [63551, 0, 0, 49136]] },
    i: { shape: [2, 2], list: [[-8388352, 1076895760], [63551, -1074790400]] },
    I: { shape: [2, 2], list: [[4286578944, 1076895760], [63551, 3220176896]] },
    l: { shape: [2, 1], list: [[4625232074687643904n], [-4616189618054694849n]] },
    L: { shape: [2, 1], list: [[4625232074687643904n], [13830554455654856767n]] },
    q: { shape: [2, 1], list: [[4625232074687643904n], [-4616189618054694849n]] },
    Q: { shape: [2, 1], list: [[4625232074687643904n], [13830554455654856767n]] },
    n: { shape: [2, 1], list: [[4625232074687643904n], [-4616189618054694849n]] },
    N: { shape: [2, 1], list: [[4625232074687643904n], [13830554455654856767n]] },
    f: { shape: [2, 2], list: [[NaN, 2.7519569396972656], [8.905391870630645e-41, -1.875]] },
    d: { shape: [2, 1], list: [[16.12525936961265], [-1.0000000000141112]] },
    e: { shape: [2, 4], list: [[1.52587890625e-5, NaN, 0.0079345703125, 2.09375], [-34784, 0, 0, -1.984375]] },
    P: { shape: [2, 1], list: [[4625232074687643904n], [13830554455654856767n]] },
  };

  it.each(Object.keys(EXPECTED))("'%s': 1-D -> N-D, then N-D -> 1-D bytes", (format) => {
    const { shape, list } = EXPECTED[format]!;
    const nd = memoryview(data).cast(format, shape);
    expect([nd.shape, nd.toList()]).toEqual([shape, list]);
    expect(nd.cast("B").toList()).toEqual([...data]);
    expect(nd.cast("B", [16]).shape).toEqual([16]);
  });
});

describe("test_issue22668: every view keeps its own format and shape", () => {
  it("slices and memoryview(b) survive recasting their parent", () => {
    // a = array('H', [256]*4); x = memoryview(a); m = x.cast('B'); b = m.cast('H'); c = b[0:2]; d = memoryview(b)
    const m = memoryview(new Uint16Array([256, 256, 256, 256])).cast("B");
    let derived: MemoryView | undefined = m.cast("H");
    const c = derived.get(slice(0, 2)) as MemoryView;
    const d = memoryview(derived);
    derived.release();
    derived = undefined;
    expect([c.get(0), d.get(0), c.format, d.format]).toEqual([256, 256, "H", "H"]);
    m.cast("I");
    expect([c.get(0), d.get(0), c.format, d.format, c.shape, d.shape]).toEqual([256, 256, "H", "H", [2], [4]]);
  });
});

describe("test_half_float", () => {
  it("'e' and 'f' casts of 0.0, -1.5, 1.5 list the same", () => {
    // struct.pack('eee', 0.0, -1.5, 1.5) and struct.pack('fff', 0.0, -1.5, 1.5)
    const half = memoryview(Uint8Array.of(0, 0, 0x00, 0xbe, 0x00, 0x3e)).cast("e");
    const float = memoryview(new Float32Array([0, -1.5, 1.5])).cast("B").cast("f");
    expect(half.nbytes * 2).toBe(float.nbytes);
    expect(half.toList()).toEqual([0, -1.5, 1.5]);
    expect(half.toList()).toEqual(float.toList());
  });
});

describe("test_ctypes_cast (issue 15944)", () => {
  it.each(["B", "b", "c"])("a double written through a '%s' cast in two slices becomes 0.6", (format) => {
    // p6 = bytes(c_double(0.6)); m = memoryview(d).cast(fmt); m[:2] = memoryview(p6).cast(fmt)[:2]; m[2:] = ...[2:]
    const p6 = Uint8Array.of(51, 51, 51, 51, 51, 51, 227, 63);
    const d = new Float64Array(1);
    const m = memoryview(d).cast(format);
    m.set(slice(null, 2), memoryview(p6).cast(format).get(slice(null, 2)));
    m.set(slice(2, null), memoryview(p6).cast(format).get(slice(2, null)));
    expect(d[0]).toBe(0.6);
  });
});
