/**
 * The facts behind the conformance baseline: CPython's ctypes answers every
 * request with the same record, whatever its flags
 * (PyCData_NewGetBuffer in Modules/_ctypes/_ctypes.c fills format and shape
 * always, and strides never). `_testbuffer.ndarray(obj, getbuf=flags)` shows
 * the record CPython's `PyObject_GetBuffer` returns for those flags;
 * bytearray, which honours them, is the control.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { PyodideAPI } from "pyodide";
import { interpreter, pythonValue } from "../helpers/pyodide.ts";

let pyodide: PyodideAPI;
beforeAll(async () => {
  pyodide = await interpreter();
});

const SNIPPET = (obj: string, flags: string): string => `
from _testbuffer import ndarray, PyBUF_SIMPLE, PyBUF_STRIDES
nd = ndarray(${obj}, getbuf=${flags})
[nd.format, list(nd.shape), list(nd.strides)]
`;

describe("ctypes disregards the request flags", () => {
  it("sets format and shape for a SIMPLE request, where bytearray sets neither", () => {
    expect(pythonValue(pyodide, SNIPPET("(ctypes.c_long * 3)(1, 2, 3)", "PyBUF_SIMPLE"))).toEqual(["<l", [3], []]);
    expect(pythonValue(pyodide, SNIPPET("bytearray(12)", "PyBUF_SIMPLE"))).toEqual(["", [], []]);
  });

  it("leaves strides NULL for a STRIDES request, where bytearray fills them", () => {
    expect(pythonValue(pyodide, SNIPPET("(ctypes.c_long * 3)(1, 2, 3)", "PyBUF_STRIDES"))).toEqual(["<l", [3], []]);
    expect(pythonValue(pyodide, SNIPPET("bytearray(12)", "PyBUF_STRIDES"))).toEqual(["", [12], [1]]);
  });
});
