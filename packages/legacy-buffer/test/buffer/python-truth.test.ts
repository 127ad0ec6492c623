/**
 * A legacy buffer is a Python truth value by its length (Python 2.7:
 * `struct.pack('?', buffer(''))` is '\x00', `buffer('a')` gives '\x01'),
 * wherever core takes one: `struct`'s `'?'` and items of a `'?'` view.
 */
import { describe, expect, it } from "vitest";
import { memoryview, pack, pythonLengthSymbol } from "@pybuffer/core";
import { buffer } from "../../src/index.ts";

describe("a legacy buffer as a Python truth value", () => {
  it("is false when its window is empty, true otherwise", () => {
    const base = new Uint8Array([0, 0, 0]);
    expect([...pack("???", buffer(base, 3), buffer(base, 2), buffer(base, 0, 0))]).toEqual([0, 1, 0]);
    expect(buffer(base, 1)[pythonLengthSymbol]()).toBe(2);
  });

  it("sets an item of a '?' view", () => {
    const flags = memoryview(new Uint8Array([1, 0])).cast("?");
    flags.set(0, buffer(new Uint8Array(0)));
    flags.set(1, buffer(new Uint8Array([0])));
    expect(flags.toList()).toEqual([false, true]);
  });
});
