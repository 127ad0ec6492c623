/**
 * `Struct`'s `toString` is Python's `repr` (`s_repr` in Modules/_struct.c
 * quotes the format with `%R`). The expected texts are CPython 3.13's:
 * `repr(struct.Struct(f))` for each format.
 */
import { describe, expect, it } from "vitest";
import { Struct } from "../../src/index.ts";

describe("Struct repr", () => {
  it.each([
    ["<i", "Struct('<i')"],
    ["\t\n\r", "Struct('\\t\\n\\r')"],
    // Vertical tab and form feed are whitespace in a format, and repr escapes them.
    ["\x0b", "Struct('\\x0b')"],
    ["\x0c", "Struct('\\x0c')"],
    ["i\x0bh", "Struct('i\\x0bh')"],
  ])("repr of Struct(%j) is CPython's", (format, expected) => {
    expect(new Struct(format).toString()).toBe(expected);
  });
});
