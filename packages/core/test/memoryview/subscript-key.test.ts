/**
 * Every key path converts integers with the view's own `Py_ssize_t`: under
 * wasm32 (Pyodide's CPython), 2**40 is "cannot fit 'int' into an
 * index-sized integer" whether it is a key, in a tuple of integers, or
 * (our N-d extension) beside a slice.
 */
import { describe, expect, it } from "vitest";
import { memoryview, slice } from "../../src/index.ts";
import { py, thrown } from "./helpers.ts";

const CANNOT_FIT = py("IndexError", "cannot fit 'int' into an index-sized integer");
const wasmMatrix = () => memoryview(new Uint8Array(6), { abi: "wasm32" }).cast("B", [2, 3]);

describe("integer keys past the ABI's Py_ssize_t", () => {
  it("a key, and a tuple of integers, on wasm32", () => {
    expect(thrown(() => memoryview(new Uint8Array(2), { abi: "wasm32" }).get(2 ** 40))).toEqual(CANNOT_FIT);
    expect(thrown(() => wasmMatrix().get([0, 2 ** 40]))).toEqual(CANNOT_FIT);
  });

  it("an integer beside a slice (the N-d extension) on wasm32, read and assigned", () => {
    expect(thrown(() => wasmMatrix().get([slice(null), 2 ** 40]))).toEqual(CANNOT_FIT);
    expect(thrown(() => wasmMatrix().set([slice(null), 2 ** 40], new Uint8Array(2)))).toEqual(CANNOT_FIT);
  });

  it("on lp64 the same integer is only out of bounds", () => {
    const matrix = memoryview(new Uint8Array(6)).cast("B", [2, 3]);
    expect(thrown(() => matrix.get([slice(null), 2 ** 40]))).toEqual(py("IndexError", "index out of bounds on dimension 2"));
  });
});
