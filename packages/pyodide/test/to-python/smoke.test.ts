import { describe, expect, it } from "vitest";
import { memoryview } from "@pybuffer/core";
import { allocate, fromPython, toPython } from "../../src/index.ts";
import { interpreter, python, pythonValue } from "../helpers/pyodide.ts";

describe("smoke to", () => {
  it("works", async () => {
    const py = await interpreter();
    const data = new Float64Array([1.5, 2.5]);
    py.globals.set("data", toPython(py, data));
    expect(pythonValue(py, "m = memoryview(data); r = (m.format, m.tolist(), m.readonly); m[0] = 7; m.release(); r")).toEqual(["d", [1.5, 2.5], false]);
    expect(data[0]).toBe(7);
    const e = fromPython(py, python(py, "b = bytearray(b'abcdef'); b"));
    py.globals.set("z", toPython(py, e, { copy: "never" }));
    expect(pythonValue(py, "m = memoryview(z); m[0] = 65; r = bytes(m); m.release(); (r, bytes(b))")).toEqual([new TextEncoder().encode("Abcdef"), new TextEncoder().encode("Abcdef")]);
    const a = allocate(py, "d", [2, 3]);
    memoryview(a.exporter).toTypedArray().set([1, 2, 3, 4, 5, 6]);
    py.globals.set("al", a.object);
    expect(pythonValue(py, "al.tolist()")).toEqual([[1, 2, 3], [4, 5, 6]]);
    py.globals.set("n", toPython(py, new Uint8Array(3), { copy: "never" }));
    expect(pythonValue(py, "try:\n  memoryview(n)\nexcept BufferError as e:\n  r = str(e)\nr")).toContain("never");
  });
});
