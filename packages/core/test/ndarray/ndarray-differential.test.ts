/**
 * `NDArray` against CPython 3.14's `_testbuffer.ndarray` (Pyodide, wasm32):
 * random native formats and items, random structures (valid ones drawn the
 * way test_buffer's `rand_structure` draws them, deliberately invalid ones,
 * raw ones), random WRITABLE/FORTRAN/PIL flags, random N-d slices and
 * indices, and random requests. Attributes (flags included), `toList`,
 * `toBytes`, the answer to every request (`ndarray(x, getbuf=req)`, and the
 * record `getBuffer` gives), and every error, type and message, must agree.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { constructionCaseArb, keyedCaseArb } from "../oracle/ndarray-case-arbitraries.ts";
import { loadPythonNDArray, type PythonNDArray } from "../oracle/pyodide-ndarray.ts";
import { canonicalAnswer, runCase, type CaseResult, type NDArrayCase } from "./helpers.ts";

let python: PythonNDArray;

beforeAll(async () => {
  python = await loadPythonNDArray();
});

function cpython(c: NDArrayCase): CaseResult {
  return canonicalAnswer(python.runAll([c])[0] as CaseResult);
}

function agree(c: NDArrayCase): void {
  expect(runCase(c, "wasm32")).toEqual(cpython(c));
}

describe("NDArray vs CPython 3.14 _testbuffer.ndarray (wasm32)", () => {
  it("runs CPython 3.14 with 4-byte pointers", () => {
    expect(python.version).toMatch(/^3\.14\./);
    // A PIL array's dimension 0 steps over pointers: 4 bytes on wasm32.
    expect(cpython({ build: { items: [1, 2], shape: [2], flags: 0x10 } })).toMatchObject({ ok: { strides: [4], suboffsets: [0] } });
  });

  it("construction: valid and invalid structures, contents and requests agree", () => {
    fc.assert(fc.property(constructionCaseArb, agree), { numRuns: 400 });
  });

  it("N-d slices and indices of random arrays, and requests on them, agree", () => {
    fc.assert(fc.property(keyedCaseArb, agree), { numRuns: 400 });
  });
});
