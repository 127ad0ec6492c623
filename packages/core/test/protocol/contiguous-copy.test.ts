/**
 * The helpers that copy and address items (Objects/abstract.c): `toContiguous`
 * (`PyBuffer_ToContiguous`), `fromContiguous` (`PyBuffer_FromContiguous`),
 * `copyData` (`PyObject_CopyData`), `getPointer` (`PyBuffer_GetPointer`),
 * `fillInfo` (`PyBuffer_FillInfo`) and `sizeFromFormat`.
 *
 * The fixed expectations were taken from CPython 3.13 (LP64): through
 * `_testbuffer` where it has a wrapper, and through ctypes calls of the C
 * functions where it has none (`PyBuffer_FromContiguous`,
 * `PyObject_CopyData`, `PyBuffer_FillInfo`). The property at the end compares
 * random ndarrays with CPython 3.14 in Pyodide.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BufferFlags,
  copyData,
  fillInfo,
  fromContiguous,
  getBuffer,
  getBufferSymbol,
  getPointer,
  isPythonError,
  NDArray,
  NDArrayFlags,
  releaseBuffer,
  sizeFromFormat,
  slice,
  toContiguous,
  unpackFrom,
  type BufferRecord,
  type MemoryBlock,
  type PythonErrorType,
} from "../../src/index.ts";
import { loadPythonTestbuffer, type PythonTestbuffer } from "../oracle/pyodide-testbuffer.ts";
import { buildNDArray, testbufferCaseArb } from "../oracle/testbuffer-arbitraries.ts";

const { WRITABLE, FORTRAN, PIL } = NDArrayFlags;

/** Runs `fn` and returns `[pythonType, message]` of what it throws. */
function thrown(fn: () => unknown): [PythonErrorType, string] {
  try {
    fn();
  } catch (error) {
    if (isPythonError(error)) return [error.pythonType, error.message];
    throw error;
  }
  throw new Error("expected an error");
}

/** Runs `use` on a FULL_RO (or `flags`) record of `exporter`, then releases it. */
function withBuffer<T>(exporter: unknown, use: (view: BufferRecord) => T, flags: number = BufferFlags.FULL_RO): T {
  const view = getBuffer(exporter, flags);
  try {
    return use(view);
  } finally {
    releaseBuffer(view);
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const bytes = (u: Uint8Array): number[] => [...u];

/** An exporter of `len` bytes at `buf` of `memory`, built with fillInfo (like bytes or bytearray). */
function bytesExporter(memory: MemoryBlock, buf: number, len: number, readonly: boolean): object {
  const exporter = {
    [getBufferSymbol]: (flags: number) => fillInfo(exporter, memory, buf, len, readonly, flags),
  };
  return exporter;
}

describe("toContiguous (PyBuffer_ToContiguous)", () => {
  const c23 = new NDArray(range(6), { shape: [2, 3] });
  const f23 = new NDArray(range(6), { shape: [2, 3], flags: FORTRAN });
  const pil23 = new NDArray(range(6), { shape: [2, 3], flags: PIL });

  const all = (nd: NDArray): number[][] => withBuffer(nd, (view) => (["C", "F", "A"] as const).map((o) => bytes(toContiguous(view, o))));

  it("lays out a C-contiguous array in C or F order; 'A' copies it as it lies", () => {
    expect(all(c23)).toEqual([range(6), [0, 3, 1, 4, 2, 5], range(6)]);
  });

  it("keeps the physical Fortran order of an F-contiguous array for 'A'", () => {
    // The memory holds 0..5 in column-major order: [[0, 2, 4], [1, 3, 5]].
    expect(all(f23)).toEqual([[0, 2, 4, 1, 3, 5], range(6), range(6)]);
  });

  it("follows PIL pointers, in C order for 'A'", () => {
    expect(all(pil23)).toEqual([range(6), [0, 3, 1, 4, 2, 5], range(6)]);
  });

  it("walks negative strides from buf", () => {
    const nd = new NDArray(range(6), { shape: [2, 3], strides: [-3, -1], offset: 5 });
    expect(all(nd)).toEqual([[5, 4, 3, 2, 1, 0], [5, 2, 4, 1, 3, 0], [5, 4, 3, 2, 1, 0]]);
    const pil = new NDArray(range(6), { shape: [2, 3], strides: [-3, -1], offset: 5, flags: PIL });
    expect(all(pil)).toEqual([[5, 4, 3, 2, 1, 0], [5, 2, 4, 1, 3, 0], [5, 4, 3, 2, 1, 0]]);
  });

  it("repeats the item under a stride of 0", () => {
    const nd = new NDArray([5, 6], { shape: [3, 2], strides: [0, 1] });
    expect(all(nd)).toEqual([[5, 6, 5, 6, 5, 6], [5, 5, 5, 6, 6, 6], [5, 6, 5, 6, 5, 6]]);
  });

  it("copies one item of a 0-d array", () => {
    const nd = new NDArray(7, { shape: [], format: "<h" });
    expect(all(nd)).toEqual([[7, 0], [7, 0], [7, 0]]);
  });

  it("copies a shape-less SIMPLE record as its len bytes", () => {
    const memory = new Uint8Array([9, 1, 2, 3, 9]);
    expect(withBuffer(memory.subarray(1, 4), (view) => bytes(toContiguous(view, "F")), BufferFlags.SIMPLE)).toEqual([1, 2, 3]);
  });

  it("writes into a target of exactly len bytes and returns it", () => {
    const target = new Uint8Array(6);
    expect(withBuffer(f23, (view) => toContiguous(view, "C", target))).toBe(target);
    expect(bytes(target)).toEqual([0, 2, 4, 1, 3, 5]);
  });

  it("refuses a target of another length: ValueError 'PyBuffer_ToContiguous: len != view->len'", () => {
    for (const length of [5, 7, 0]) {
      expect(withBuffer(c23, (view) => thrown(() => toContiguous(view, "C", new Uint8Array(length))))).toEqual([
        "ValueError",
        "PyBuffer_ToContiguous: len != view->len",
      ]);
    }
  });

  it("refuses an order other than 'C', 'F' or 'A' with ValueError (C only asserts)", () => {
    expect(withBuffer(c23, (view) => thrown(() => toContiguous(view, "x" as "C"))[0])).toBe("ValueError");
  });

  it("refuses memory detached after the record was taken, instead of reading zeros", () => {
    const memory = new ArrayBuffer(4);
    const view = getBuffer(memory, BufferFlags.FULL_RO);
    structuredClone(memory, { transfer: [memory] });
    expect(thrown(() => toContiguous(view))[0]).toBe("BufferError");
    releaseBuffer(view);
  });
});

describe("fromContiguous (PyBuffer_FromContiguous)", () => {
  /** Writes `source` into the view `select(base)` of a zeroed writable 'B' array and returns the base. */
  function fill(shape: number[], flags: number, source: number[], order: "C" | "F" | "A", select?: (nd: NDArray) => NDArray, format = "B"): unknown {
    const base = new NDArray(new Array<number>(shape.reduce((p, n) => p * n, 1)).fill(0), { shape, flags: flags | WRITABLE, format });
    const target = select === undefined ? base : select(base);
    withBuffer(target, (view) => fromContiguous(view, Uint8Array.from(source), order), BufferFlags.FULL);
    return base.toList();
  }
  const everyOther = (nd: NDArray): NDArray => nd.get([slice(null), slice(null, null, 2)]) as NDArray;

  it("fills a non-contiguous view item by item, in C order for 'C' and 'A', F order for 'F'; a short source fills a prefix", () => {
    expect(fill([2, 6], 0, [1, 2, 3, 4, 5], "C", everyOther)).toEqual([[1, 0, 2, 0, 3, 0], [4, 0, 5, 0, 0, 0]]);
    expect(fill([2, 6], 0, [1, 2, 3, 4, 5], "F", everyOther)).toEqual([[1, 0, 3, 0, 5, 0], [2, 0, 4, 0, 0, 0]]);
    expect(fill([2, 6], 0, [1, 2, 3, 4, 5], "A", everyOther)).toEqual([[1, 0, 2, 0, 3, 0], [4, 0, 5, 0, 0, 0]]);
  });

  it("copies raw bytes into a view contiguous in the order, and stops at len", () => {
    const source = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(fill([2, 3], 0, source, "C")).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(fill([2, 3], 0, source, "F")).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(fill([2, 3], 0, source, "A")).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it("treats an F-contiguous view as contiguous for 'F' and 'A' only", () => {
    expect(fill([2, 3], FORTRAN, [1, 2, 3, 4], "C")).toEqual([[1, 2, 3], [4, 0, 0]]);
    expect(fill([2, 3], FORTRAN, [1, 2, 3, 4], "F")).toEqual([[1, 3, 0], [2, 4, 0]]);
    expect(fill([2, 3], FORTRAN, [1, 2, 3, 4], "A")).toEqual([[1, 3, 0], [2, 4, 0]]);
  });

  it("writes through PIL pointers", () => {
    expect(fill([2, 3], PIL, range(7).slice(1), "C")).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(fill([2, 3], PIL, range(7).slice(1), "F")).toEqual([[1, 3, 5], [2, 4, 6]]);
  });

  it("writes whole items only when the source ends inside one", () => {
    // Five bytes are two 'h' items and a stray byte.
    expect(fill([2, 6], 0, [1, 0, 2, 0, 3], "C", everyOther, "<h")).toEqual([[1, 0, 2, 0, 0, 0], [0, 0, 0, 0, 0, 0]]);
    expect(fill([2, 6], 0, [1, 0, 2, 0, 3], "F", everyOther, "<h")).toEqual([[1, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0]]);
  });

  it("walks negative strides from buf", () => {
    expect(fill([6], 0, [1, 2, 3], "C", (nd) => nd.get(slice(null, null, -1)) as NDArray)).toEqual([0, 0, 0, 3, 2, 1]);
  });

  it("refuses a read-only view (C would write into it anyway)", () => {
    const nd = new NDArray(range(3), { shape: [3] });
    expect(withBuffer(nd, (view) => thrown(() => fromContiguous(view, Uint8Array.of(1)))[0])).toBe("BufferError");
    expect(nd.toList()).toEqual([0, 1, 2]);
  });
});

describe("copyData (PyObject_CopyData)", () => {
  const writable = (items: number[], shape: number[], flags = 0): NDArray => new NDArray(items, { shape, flags: flags | WRITABLE });

  it("refuses a non-exporter on either side: TypeError 'both destination and source must be bytes-like objects'", () => {
    const message = ["TypeError", "both destination and source must be bytes-like objects"];
    expect(thrown(() => copyData(new Uint8Array(3), "abc"))).toEqual(message);
    expect(thrown(() => copyData("abc", new Uint8Array(3)))).toEqual(message);
    expect(thrown(() => copyData({}, {}))).toEqual(message);
  });

  it("refuses a smaller destination: BufferError 'destination is too small to receive data from source'", () => {
    expect(thrown(() => copyData(new Uint8Array(2), new Uint8Array(3)))).toEqual([
      "BufferError",
      "destination is too small to receive data from source",
    ]);
  });

  it("refuses a read-only destination with the exporter's own message", () => {
    // CPython: "ndarray is not writable" for a read-only ndarray, "Object is not writable." for bytes.
    const source = new Uint8Array(3);
    expect(thrown(() => copyData(new NDArray([1, 2, 3], { shape: [3] }), source))).toEqual(["BufferError", "ndarray is not writable"]);
    expect(thrown(() => copyData(bytesExporter(new ArrayBuffer(3), 0, 3, true), source))).toEqual(["BufferError", "Object is not writable."]);
  });

  it("copies src.len raw bytes between equally contiguous buffers, keeping the destination's tail", () => {
    const dest = new TextEncoder().encode("xxxxx");
    copyData(dest, new TextEncoder().encode("abc"));
    expect(new TextDecoder().decode(dest)).toBe("abcxx");

    const fDest = writable(new Array<number>(6).fill(0), [2, 3], FORTRAN);
    copyData(fDest, new NDArray(range(6).map((i) => i + 1), { shape: [2, 3], flags: FORTRAN }));
    expect(fDest.toList()).toEqual([[1, 3, 5], [2, 4, 6]]);
  });

  it("copies item by item at the same index when the layouts differ", () => {
    const items = range(6).map((i) => i + 1);
    const cDest = writable(new Array<number>(6).fill(0), [2, 3]);
    copyData(cDest, new NDArray(items, { shape: [2, 3], flags: FORTRAN }));
    expect(cDest.toList()).toEqual([[1, 3, 5], [2, 4, 6]]);

    const fDest = writable(new Array<number>(6).fill(0), [2, 3], FORTRAN);
    copyData(fDest, new NDArray(items, { shape: [2, 3] }));
    expect(fDest.toList()).toEqual([[1, 2, 3], [4, 5, 6]]);

    const fromPil = writable(new Array<number>(6).fill(0), [2, 3]);
    copyData(fromPil, new NDArray(items, { shape: [2, 3], flags: PIL }));
    expect(fromPil.toList()).toEqual([[1, 2, 3], [4, 5, 6]]);

    const fromNegative = writable([0, 0, 0], [3]);
    copyData(fromNegative, new NDArray(items, { shape: [3], strides: [-2], offset: 5 }));
    expect(fromNegative.toList()).toEqual([6, 4, 2]);
  });

  it("copies overlapping memory as if through a temporary", () => {
    // The raw path: bytes 1..4 <- bytes 0..3 of "abcdef" (CPython's memcpy gave the same here).
    const memory = new TextEncoder().encode("abcdef").buffer as ArrayBuffer;
    copyData(bytesExporter(memory, 1, 4, false), bytesExporter(memory, 0, 4, false));
    expect(new TextDecoder().decode(memory)).toBe("aabcdf");

    // The item path: a reversed view of itself. CPython copies in place and
    // reads items it already overwrote ("fbccbf"); this copy reverses.
    const nd = writable([...new TextEncoder().encode("abcdef")], [6]);
    copyData(nd.get(slice(null, null, -1)), nd);
    expect(new TextDecoder().decode(nd.toBytes())).toBe("fedcba");
  });

  it("refuses to copy item by item between different dimensions (undefined behaviour in C)", () => {
    const dest = writable(new Array<number>(6).fill(0), [2, 3], FORTRAN);
    expect(thrown(() => copyData(dest, new NDArray(range(6), { shape: [6], strides: [1] }).get(slice(null, null, -1))))[0]).toBe("ValueError");
  });
});

describe("getPointer (PyBuffer_GetPointer, bounds-checked)", () => {
  it("adds strides from buf, negative ones included", () => {
    // CPython's pointers relative to buf: [0, 0] -> 0, [1, 2] -> -5, [0, 1] -> -1.
    const nd = new NDArray(range(6), { shape: [2, 3], strides: [-3, -1], offset: 5 });
    withBuffer(nd, (view) => {
      expect(view.buf).toBe(5);
      expect([[0, 0], [1, 2], [0, 1]].map((index) => getPointer(view, index))).toEqual([5, 0, 4]);
    });
  });

  it("follows PIL pointers to the item", () => {
    const nd = new NDArray(range(6).map((i) => 10 + i), { shape: [2, 3], flags: PIL });
    withBuffer(nd, (view) => {
      const at = (index: number[]): number => new Uint8Array(view.memory)[getPointer(view, index)]!;
      expect([at([0, 0]), at([1, 2]), at([1, 0])]).toEqual([10, 15, 13]);
    });
  });

  it("gives buf for a 0-d record", () => {
    withBuffer(new NDArray(3, { shape: [] }), (view) => expect(getPointer(view, [])).toBe(view.buf));
  });

  it("refuses an index out of bounds with IndexError, and takes no negative index", () => {
    // _testbuffer.get_pointer says ValueError "get_pointer(): invalid index 2 at position 0"; C checks nothing.
    const nd = new NDArray(range(6), { shape: [2, 3] });
    withBuffer(nd, (view) => {
      expect(thrown(() => getPointer(view, [2, 0]))).toEqual(["IndexError", "index out of bounds on dimension 1"]);
      expect(thrown(() => getPointer(view, [0, -1]))).toEqual(["IndexError", "index out of bounds on dimension 2"]);
      expect(thrown(() => getPointer(view, [0, 0.5]))[0]).toBe("IndexError");
    });
  });

  it("refuses the wrong number of indices, and a record without strides (C would dereference NULL)", () => {
    const nd = new NDArray(range(6), { shape: [2, 3] });
    withBuffer(nd, (view) => expect(thrown(() => getPointer(view, [0]))[0]).toBe("ValueError"));
    withBuffer(nd, (view) => expect(thrown(() => getPointer(view, [0, 0]))[0]).toBe("ValueError"), BufferFlags.ND);
  });
});

describe("fillInfo (PyBuffer_FillInfo)", () => {
  const memory = new ArrayBuffer(8);

  it("answers every request as CPython does (all 1024 flag values, read-only and writable)", () => {
    // The rule, checked against PyBuffer_FillInfo through ctypes for flags 0..0x3FF: format "B"
    // iff the FORMAT bit; shape iff all ND bits; strides iff all STRIDES bits; ndim and itemsize 1;
    // "Object is not writable." for WRITABLE on read-only; SystemError for READ or WRITE alone.
    const { FORMAT, ND, STRIDES, READ, WRITE } = BufferFlags;
    for (let flags = 0; flags < 0x400; flags++) {
      for (const readonly of [false, true]) {
        const call = (): BufferRecord => fillInfo(null, memory, 2, 6, readonly, flags);
        if (flags === READ || flags === WRITE) {
          expect(thrown(call)).toEqual(["SystemError", "bad argument to internal function"]);
        } else if (flags & BufferFlags.WRITABLE && readonly) {
          expect(thrown(call)).toEqual(["BufferError", "Object is not writable."]);
        } else {
          expect(call()).toEqual({
            obj: null,
            memory,
            buf: 2,
            len: 6,
            itemsize: 1,
            readonly,
            format: flags & FORMAT ? "B" : null,
            ndim: 1,
            shape: (flags & ND) === ND ? [6] : null,
            strides: (flags & STRIDES) === STRIDES ? [1] : null,
            suboffsets: null,
            internal: null,
          });
        }
      }
    }
  });

  it("records the exporter it is given as obj", () => {
    const exporter = {};
    expect(fillInfo(exporter, memory, 0, 8, false, BufferFlags.SIMPLE).obj).toBe(exporter);
  });

  it("gives records getBuffer accepts for every request an exporter passes through", () => {
    const exporter = bytesExporter(memory, 1, 7, false);
    for (let flags = 0; flags < 0x200; flags++) {
      if (flags === BufferFlags.READ) continue;
      expect(withBuffer(exporter, (view) => view.len, flags)).toBe(7);
    }
  });

  it("refuses bytes outside the memory (undefined behaviour in C)", () => {
    for (const [buf, len] of [[0, 9], [8, 1], [-1, 2], [0.5, 1], [0, -1]] as const) {
      expect(thrown(() => fillInfo(null, memory, buf, len, true, BufferFlags.SIMPLE))[0]).toBe("ValueError");
    }
  });
});

describe("sizeFromFormat (PyBuffer_SizeFromFormat)", () => {
  it("is struct.calcsize (values from _testcapi.PyBuffer_SizeFromFormat, CPython 3.13 LP64)", () => {
    const sizes = Object.fromEntries(["", "ii", "3s", "l", "P", "<l", "xi", "ci", "ic", "0q", "e"].map((f) => [f, sizeFromFormat(f)]));
    expect(sizes).toEqual({ "": 0, ii: 8, "3s": 3, l: 8, P: 8, "<l": 4, xi: 8, ci: 8, ic: 5, "0q": 0, e: 2 });
  });

  it("takes native sizes from the ABI profile", () => {
    expect([sizeFromFormat("l", { abi: "wasm32" }), sizeFromFormat("P", { abi: "wasm32" })]).toEqual([4, 4]);
  });

  it("raises struct.error for what struct cannot parse", () => {
    for (const format of ["T{i}", "@#", "Zd"]) {
      expect(thrown(() => sizeFromFormat(format))).toEqual(["struct.error", "bad char in struct format"]);
    }
  });

  it("raises calcsize's TypeError for a format that is not a string, and ValueError for an unknown ABI", () => {
    // CPython 3.13: struct.calcsize(123) -> TypeError, the message of Struct().
    expect(thrown(() => sizeFromFormat(123 as unknown as string))).toEqual(["TypeError", "Struct() argument 1 must be a str or bytes object, not int"]);
    expect(thrown(() => sizeFromFormat("i", { abi: "pdp11" as never }))[0]).toBe("ValueError");
  });
});

describe("toContiguous and getPointer against CPython 3.14 (_testbuffer in Pyodide)", () => {
  let python: PythonTestbuffer;
  let compared = 0;

  beforeAll(async () => {
    python = await loadPythonTestbuffer();
  });

  afterAll(() => {
    // The count is part of the record: a property that silently ran nothing would show here.
    console.log(`contiguous-copy differential: ${compared} ndarrays compared with CPython ${python?.version.split(" ")[0] ?? "(not loaded)"} (Pyodide)`);
  });

  it("agree with py_buffer_to_contiguous and get_pointer on random ndarrays (C, F, strided, zero and negative strides, PIL; ndim 0-3)", () => {
    fc.assert(
      fc.property(testbufferCaseArb, (c) => {
        const [expected] = python.runAll([c]);
        if (expected === undefined || !("ok" in expected)) throw new Error(`harness: CPython refused ${JSON.stringify(c)}: ${JSON.stringify(expected)}`);
        // wasm32 pointers, as Pyodide's ND_PIL writes them.
        const view = getBuffer(buildNDArray(c), BufferFlags.FULL_RO, { abi: "wasm32" });
        try {
          const hex = (order: "C" | "F" | "A"): string => Buffer.from(toContiguous(view, order, undefined, { abi: "wasm32" })).toString("hex");
          expect({ C: hex("C"), F: hex("F"), A: hex("A") }).toEqual(expected.ok.bytes);
          // Item values are distinct, so the item found is the item CPython found.
          const items = c.indices.map((index) => unpackFrom({ format: c.format, abi: "wasm32" }, view.memory, getPointer(view, index, { abi: "wasm32" }))[0]);
          expect(items).toEqual(expected.ok.items);
        } finally {
          releaseBuffer(view);
        }
        compared++;
      }),
      { numRuns: 1000 },
    );
    expect(compared).toBeGreaterThanOrEqual(1000);
  });
});
