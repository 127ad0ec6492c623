/**
 * `isContiguous` is `PyBuffer_IsContiguous` and `fillContiguousStrides` is
 * `PyBuffer_FillContiguousStrides` (Objects/abstract.c). The fixed cases below
 * were checked against CPython 3.13 by calling both C functions through
 * ctypes on hand-built `Py_buffer`s; the property compares random structures
 * with `_testbuffer.is_contiguous` in CPython 3.14 (Pyodide).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BufferFlags,
  fillContiguousStrides,
  getBuffer,
  isContiguous,
  NDArray,
  releaseBuffer,
  type BufferLayout,
} from "../../src/index.ts";
import { buildNDArray, testbufferCaseArb } from "../oracle/testbuffer-arbitraries.ts";
import { loadPythonTestbuffer, type PythonTestbuffer } from "../oracle/pyodide-testbuffer.ts";

/** A layout of `itemsize`-byte items; len follows the shape unless given. */
function layout(
  shape: readonly number[] | null,
  strides: readonly number[] | null,
  options: { itemsize?: number; len?: number; ndim?: number; suboffsets?: readonly number[] } = {},
): BufferLayout {
  const itemsize = options.itemsize ?? 1;
  return {
    len: options.len ?? (shape ?? [1]).reduce((p, n) => p * n, itemsize),
    itemsize,
    ndim: options.ndim ?? shape?.length ?? 1,
    shape,
    strides,
    suboffsets: options.suboffsets ?? null,
  };
}

/** [C, F, A] answers. */
const orders = (view: BufferLayout): boolean[] => ["C", "F", "A"].map((order) => isContiguous(view, order));

describe("isContiguous (PyBuffer_IsContiguous)", () => {
  it("walks the strides from the last dimension for C and from the first for F", () => {
    expect(orders(layout([2, 3], [3, 1]))).toEqual([true, false, true]);
    expect(orders(layout([2, 3], [1, 2]))).toEqual([false, true, true]);
    expect(orders(layout([2, 3], [6, 2], { itemsize: 2 }))).toEqual([true, false, true]);
    expect(orders(layout([2, 3], [6, 1]))).toEqual([false, false, false]);
  });

  it("ignores the stride of an extent of 1", () => {
    // CPython issue #22445: shape [1] with stride -1 is C and F.
    expect(orders(layout([1], [-1]))).toEqual([true, true, true]);
    expect(orders(layout([1, 12, 1], [99, 1, -7]))).toEqual([true, true, true]);
    expect(orders(layout([1], [0]))).toEqual([true, true, true]);
  });

  it("calls any zero-length buffer contiguous, whatever its strides", () => {
    expect(orders(layout([0, 3], [7, -5]))).toEqual([true, true, true]);
    // The shortcut looks at len, not at the shape.
    expect(orders(layout([3], [2], { len: 0 }))).toEqual([true, true, true]);
  });

  it("calls a stride of 0 over more than one item neither C nor F", () => {
    expect(orders(layout([3], [0]))).toEqual([false, false, false]);
    expect(orders(layout([2, 3], [0, 1]))).toEqual([false, false, false]);
  });

  it("calls a PIL buffer neither, even an empty one or one whose suboffsets are all negative", () => {
    expect(orders(layout([2, 3], [8, 1], { suboffsets: [0, -1] }))).toEqual([false, false, false]);
    expect(orders(layout([0, 3], [8, 1], { suboffsets: [0, -1] }))).toEqual([false, false, false]);
    expect(orders(layout([2, 3], [3, 1], { suboffsets: [-1, -1] }))).toEqual([false, false, false]);
  });

  it("takes null strides as C strides: F only when at most one extent exceeds 1", () => {
    expect(orders(layout([2, 3], null))).toEqual([true, false, true]);
    expect(orders(layout([1, 3], null))).toEqual([true, true, true]);
    expect(orders(layout([3, 1, 1], null))).toEqual([true, true, true]);
    expect(orders(layout([3], null))).toEqual([true, true, true]);
    // A SIMPLE record: no shape either.
    expect(orders(layout(null, null, { len: 6 }))).toEqual([true, true, true]);
  });

  it("calls a 0-d buffer C and F", () => {
    expect(orders(layout(null, null, { ndim: 0, itemsize: 8 }))).toEqual([true, true, true]);
  });

  it("answers false, never throws, for an order other than 'C', 'F' or 'A'", () => {
    const view = layout([3], [1]);
    for (const order of ["c", "f", "a", "x", "", "CF", "\0"]) expect(isContiguous(view, order)).toBe(false);
  });

  it("agrees with the records the built-in exporters hand out", () => {
    const view = getBuffer(new Int16Array(6), BufferFlags.FULL_RO);
    expect(orders(view)).toEqual([true, true, true]);
    releaseBuffer(view);
  });
});

describe("fillContiguousStrides (PyBuffer_FillContiguousStrides)", () => {
  it("gives Fortran strides for 'F' and C strides for any other character, 'A' included", () => {
    expect(fillContiguousStrides([2, 3, 4], 2, "C")).toEqual([24, 8, 2]);
    expect(fillContiguousStrides([2, 3, 4], 2, "F")).toEqual([2, 4, 12]);
    expect(fillContiguousStrides([2, 3, 4], 2, "A")).toEqual([24, 8, 2]);
    expect(fillContiguousStrides([2, 3, 4], 2, "x")).toEqual([24, 8, 2]);
  });

  it("multiplies through zero extents", () => {
    expect(fillContiguousStrides([2, 0, 4], 8, "C")).toEqual([0, 32, 8]);
    expect(fillContiguousStrides([2, 0, 4], 8, "F")).toEqual([8, 16, 0]);
  });

  it("gives no strides for no dimensions", () => {
    expect(fillContiguousStrides([], 4, "C")).toEqual([]);
    expect(fillContiguousStrides([], 4, "F")).toEqual([]);
  });

  it("makes layouts isContiguous accepts in that order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 5 }), fc.integer({ min: 1, max: 16 }), (shape, itemsize) => {
        for (const order of ["C", "F"] as const) {
          expect(isContiguous(layout(shape, fillContiguousStrides(shape, itemsize, order), { itemsize }), order)).toBe(true);
        }
      }),
    );
  });
});

describe("isContiguous against CPython 3.14 (_testbuffer.is_contiguous in Pyodide)", () => {
  let python: PythonTestbuffer;
  let compared = 0;
  const outcomes = new Set<string>();

  beforeAll(async () => {
    python = await loadPythonTestbuffer();
  });

  afterAll(() => {
    // The count is part of the record: a property that silently ran nothing would show here.
    console.log(`contiguity differential: ${compared} ndarrays compared with CPython ${python?.version.split(" ")[0] ?? "(not loaded)"} (Pyodide)`);
  });

  it("agrees on random C, Fortran, strided (zero and negative strides) and PIL ndarrays, and on their strides-less re-exports", () => {
    fc.assert(
      fc.property(testbufferCaseArb, (c) => {
        const [expected] = python.runAll([c]);
        if (expected === undefined || !("ok" in expected)) throw new Error(`harness: CPython refused ${JSON.stringify(c)}: ${JSON.stringify(expected)}`);
        const nd = buildNDArray(c);
        const view = getBuffer(nd, BufferFlags.FULL_RO, { abi: "wasm32" });
        try {
          expect({ C: isContiguous(view, "C"), F: isContiguous(view, "F"), A: isContiguous(view, "A") }).toEqual(expected.ok.contiguous);
          outcomes.add(`${expected.ok.contiguous.C}/${expected.ok.contiguous.F}`);
        } finally {
          releaseBuffer(view);
        }
        if (expected.ok.ndContiguous !== null) {
          // ndarray(nd, getbuf=PyBUF_ND): a base with strides NULL, tested as it is.
          const reexport = new NDArray(nd, { getbuf: BufferFlags.ND, abi: "wasm32" });
          try {
            expect(reexport.strides).toEqual([]);
            expect({ C: reexport.cContiguous, F: reexport.fContiguous, A: reexport.contiguous }).toEqual(expected.ok.ndContiguous);
          } finally {
            reexport.release();
          }
        }
        compared++;
      }),
      { numRuns: 1000 },
    );
    expect(compared).toBeGreaterThanOrEqual(1000);
    // The generator reaches every combination: C only, F only, both, neither.
    expect([...outcomes].sort()).toEqual(["false/false", "false/true", "true/false", "true/true"]);
  });
});
