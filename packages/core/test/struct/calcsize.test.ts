import { describe, expect, it } from "vitest";
import { calcsize, isPythonError, Struct } from "../../src/index.ts";

/** Runs `fn` and returns `[pythonType, message]` of what it throws. */
function thrown(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (error) {
    if (isPythonError(error)) return [error.pythonType, error.message];
    throw error;
  }
  throw new Error("expected an error");
}

describe("calcsize", () => {
  it("aligns native items and pads nothing at the end (CPython 3.13, x86-64)", () => {
    expect(calcsize("@ci")).toBe(8);
    expect(calcsize("ci")).toBe(8);
    expect(calcsize("ic")).toBe(5);
    expect(calcsize("<ci")).toBe(5);
    expect(calcsize("@cq")).toBe(16);
    expect(calcsize("@ce")).toBe(4);
    expect(calcsize("@cD")).toBe(24);
    expect(calcsize("@cF")).toBe(12);
  });

  it("uses the trailing 0-count idiom to align the end", () => {
    expect(calcsize("ic0q")).toBe(8);
    expect(calcsize("<ic0q")).toBe(5);
    expect(calcsize("0s")).toBe(0);
  });

  it("takes native sizes from the ABI profile", () => {
    expect([calcsize("l"), calcsize("n"), calcsize("P")]).toEqual([8, 8, 8]);
    expect([calcsize("l", { abi: "wasm32" }), calcsize("n", { abi: "wasm32" }), calcsize("P", { abi: "wasm32" })]).toEqual([4, 4, 4]);
    expect([calcsize("l", { abi: "llp64" }), calcsize("n", { abi: "llp64" }), calcsize("P", { abi: "llp64" })]).toEqual([4, 8, 8]);
    expect(calcsize("<l", { abi: "lp64" })).toBe(4);
    expect(calcsize({ format: "cq", abi: "ilp32" })).toBe(16);
  });

  it("skips whitespace between items only", () => {
    expect(calcsize(" i \t h\n")).toBe(6);
    expect(thrown(() => calcsize("3 i"))).toEqual(["struct.error", "bad char in struct format"]);
  });

  it("refuses bad formats with CPython's errors", () => {
    expect(thrown(() => calcsize("Z"))).toEqual(["struct.error", "bad char in struct format"]);
    expect(thrown(() => calcsize("i<i"))).toEqual(["struct.error", "bad char in struct format"]);
    expect(thrown(() => calcsize("<n"))).toEqual(["struct.error", "bad char in struct format"]);
    expect(thrown(() => calcsize("!P"))).toEqual(["struct.error", "bad char in struct format"]);
    expect(thrown(() => calcsize("5"))).toEqual(["struct.error", "repeat count given without format specifier"]);
    expect(thrown(() => calcsize("i\0i"))).toEqual(["struct.error", "embedded null character"]);
    expect(thrown(() => calcsize("é"))).toEqual([
      "UnicodeEncodeError",
      "'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)",
    ]);
    expect(thrown(() => calcsize("i€€"))).toEqual([
      "UnicodeEncodeError",
      "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)",
    ]);
  });

  it("refuses sizes past Py_ssize_t without allocating", () => {
    expect(calcsize("1000000000000000000i")).toBe(4e18);
    expect(thrown(() => calcsize("1000000000000000000000i"))).toEqual(["struct.error", "total struct size too long"]);
    expect(thrown(() => calcsize("100000000000000000i", { abi: "wasm32" }))).toEqual(["struct.error", "total struct size too long"]);
  });

  it("names a non-string format the way Struct() does", () => {
    expect(thrown(() => new Struct(5 as unknown as string))).toEqual([
      "TypeError",
      "Struct() argument 1 must be a str or bytes object, not int",
    ]);
  });
});
