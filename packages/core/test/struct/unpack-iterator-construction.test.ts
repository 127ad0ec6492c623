/**
 * `StructUnpackIterator` is made by `iterUnpack` only, as CPython's
 * `_struct.unpack_iterator` (checked with CPython 3.13:
 * `type(struct.iter_unpack('b', b'ab'))(b'a')` raises
 * `TypeError: cannot create '_struct.unpack_iterator' instances`), and the
 * struct reader memoryview's equality uses is not a member of `Struct`.
 */
import { describe, expect, it } from "vitest";
import { iterUnpack, Struct, StructUnpackIterator } from "../../src/index.ts";
import { py, thrown } from "../memoryview/helpers.ts";

describe("StructUnpackIterator construction", () => {
  it("refuses callers other than iterUnpack, whatever they pass", () => {
    const New = StructUnpackIterator as unknown as new (...args: unknown[]) => unknown;
    const window = { memory: new ArrayBuffer(2), offset: 0, length: 2, release: () => {} };
    const message = py("TypeError", "cannot create '_struct.unpack_iterator' instances");
    expect(thrown(() => new New(window, 1, () => []))).toEqual(message);
    expect(thrown(() => new New(Symbol("StructUnpackIterator"), window, 1, () => []))).toEqual(message);
  });

  it("is what iterUnpack and Struct.iterUnpack return", () => {
    const it = iterUnpack("<h", new Uint8Array([1, 0, 2, 0]));
    expect(it).toBeInstanceOf(StructUnpackIterator);
    expect([...it]).toEqual([[1], [2]]);
    expect(new Struct("b").iterUnpack(new Uint8Array([5]))).toBeInstanceOf(StructUnpackIterator);
  });
});

describe("Struct's members", () => {
  it("has no unpackAt (reading without argument checks stays inside core)", () => {
    expect("unpackAt" in new Struct("<i")).toBe(false);
  });

  it("counts the values pack takes and unpack gives", () => {
    for (const format of ["", "x", "<2hxq", "4s", "3p", "?d2D", "0i", "T"]) {
      let struct: Struct;
      try {
        struct = new Struct(format);
      } catch {
        continue; // formats CPython refuses have no count
      }
      const values = struct.unpack(new Uint8Array(struct.size));
      expect([format, struct.valueCount]).toEqual([format, values.length]);
    }
  });
});
