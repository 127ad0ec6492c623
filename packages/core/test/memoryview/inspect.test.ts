/**
 * How a view presents itself: `String(m)` is Python's repr (test_buffer.py's
 * `test_memoryview_repr`: `<memory at 0x...>`, `<released memory at 0x...>`),
 * and Node's `util.inspect` gives a one-line summary of format, shape and
 * readonly instead of the class's private fields.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { memoryview, NDArray } from "../../src/index.ts";

describe("String(m): Python's repr", () => {
  it("is <memory at 0x...>, distinct per view, and <released memory at 0x...> after release", () => {
    const m = memoryview(new Uint8Array(3));
    const other = memoryview(m);
    expect(String(m)).toMatch(/^<memory at 0x[0-9a-f]+>$/);
    expect(String(other)).not.toBe(String(m));
    const address = String(m).slice("<memory at ".length);
    m.release();
    expect(String(m)).toBe(`<released memory at ${address}`);
  });
});

describe("util.inspect(m)", () => {
  it("summarises format, shape and readonly on one line", () => {
    expect(inspect(memoryview(new Int16Array(4)))).toBe("MemoryView { format: 'h', shape: [4], readonly: false }");
    expect(inspect(memoryview(new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3] })))).toBe(
      "MemoryView { format: 'B', shape: [2, 3], readonly: true }",
    );
    expect(inspect(memoryview(new NDArray(7, { shape: [], format: "<i" })))).toBe("MemoryView { format: '<i', shape: [], readonly: true }");
  });

  it("says when the view is released", () => {
    const m = memoryview(new Uint8Array(1));
    m.release();
    expect(inspect(m)).toBe("MemoryView <released>");
  });

  it("stays one line inside other values", () => {
    const text = inspect({ view: memoryview(new Float64Array(2)) });
    expect(text).toBe("{ view: MemoryView { format: 'd', shape: [2], readonly: false } }");
  });
});
