import { describe, expect, it } from "vitest";
import { memoryview } from "@pybuffer/core";
import { fromPython } from "../../src/index.ts";
import { interpreter, python } from "../helpers/pyodide.ts";

describe("smoke", () => {
  it("works", async () => {
    const py = await interpreter();
    const e = fromPython(py, python(py, "array.array('d', [1.5, 2.5])"));
    const m = memoryview(e);
    expect([e.path, m.format, m.toList(), m.abi, e.exports]).toEqual(["c-api", "d", [1.5, 2.5], "wasm32", 1]);
    m.release();
    expect(e.exports).toBe(0);
    const f = fromPython(py, python(py, "array.array('d', [1.5, 2.5])"), { path: "getBuffer" });
    const n = memoryview(f);
    expect([f.path, n.format, n.toList(), f.exports]).toEqual(["getBuffer", "d", [1.5, 2.5], 1]);
  });
});
