/**
 * The layout that compileFormat gives a Struct: adjacent items of one code
 * and size with nothing between them are one run, as CPython's `prepare_s`
 * (Modules/_struct.c) keeps one `formatcode` per code with its count. The
 * values these runs pack and unpack are compared with CPython in
 * test/struct/differential-pyodide.test.ts.
 */
import { describe, expect, it } from "vitest";
import { abiProfile } from "../../src/format/abi.ts";
import { compileFormat, scanFormatSize } from "../../src/format/compile-format.ts";
import { formatCode } from "../../src/format/format-codes.ts";

const lp64 = abiProfile("lp64");

/** The runs as [code, offset, itemSize, repeat]. */
function runsOf(format: string): [string, number, number, number][] {
  return compileFormat(format, lp64).runs.map((run) => [run.code.char, run.offset, run.itemSize, run.repeat]);
}

describe("compileFormat merges adjacent items into runs", () => {
  it("a long format of one code is one run, whatever its length", () => {
    const layout = compileFormat("=" + "s".repeat(100_000), lp64);
    expect(layout.runs).toHaveLength(1);
    expect(runsOf("=" + "s".repeat(5))).toEqual([["s", 0, 1, 5]]);
    expect(layout.size).toBe(100_000);
    expect(layout.valueCount).toBe(100_000);
  });

  it("items of one code merge with or without counts; fields of 's' and 'p' only when their sizes agree", () => {
    expect(runsOf("<hh3h")).toEqual([["h", 0, 2, 5]]);
    expect(runsOf("<3s3s")).toEqual([["s", 0, 3, 2]]);
    expect(runsOf("<ss3s")).toEqual([["s", 0, 1, 2], ["s", 2, 3, 1]]);
    expect(runsOf("<0s0s")).toEqual([["s", 0, 0, 2]]);
    expect(runsOf("<pp")).toEqual([["p", 0, 1, 2]]);
    expect(runsOf("<sp")).toEqual([["s", 0, 1, 1], ["p", 1, 1, 1]]);
  });

  it("padding, spaces and alignment keep runs apart where bytes lie between them", () => {
    expect(runsOf("<bxb")).toEqual([["b", 0, 1, 1], ["b", 2, 1, 1]]);
    expect(runsOf("<b0xb")).toEqual([["b", 0, 1, 2]]);
    expect(runsOf("<b b")).toEqual([["b", 0, 1, 2]]);
    expect(runsOf("@bibi")).toEqual([["b", 0, 1, 1], ["i", 4, 4, 1], ["b", 8, 1, 1], ["i", 12, 4, 1]]);
    expect(runsOf("@iiFF")).toEqual([["i", 0, 4, 2], ["F", 8, 8, 2]]);
    expect(runsOf("@bq")).toEqual([["b", 0, 1, 1], ["q", 8, 8, 1]]);
  });

  it("a format past 2**53 bytes is laid out exactly (the bigint scan) with the same merging", () => {
    const layout = compileFormat("<4503599627370496s4503599627370496s", lp64);
    expect(layout.exactSize).toBe(2n ** 53n);
    expect(layout.runs.map((run) => [run.code.char, run.itemSize, run.repeat])).toEqual([["s", 2 ** 52, 2]]);
  });
});

describe("scanFormatSize of one character", () => {
  it("gives a format code's size as the full scan of the same code does, under every ABI profile", () => {
    let codes = 0;
    for (const name of ["lp64", "llp64", "wasm32"] as const) {
      const abi = abiProfile(name);
      for (let c = 0; c < 0x180; c++) {
        const char = String.fromCharCode(c);
        if (formatCode(char) === undefined) continue;
        codes++;
        // With the native prefix the format is two characters long: the full scan.
        expect([char, scanFormatSize(char, abi)]).toEqual([char, scanFormatSize(`@${char}`, abi)]);
      }
      expect([scanFormatSize("d", abi), scanFormatSize("x", abi), scanFormatSize("D", abi), scanFormatSize("P", abi)]).toEqual([8, 1, 16, abi.pointer]);
    }
    expect(codes).toBe(3 * 23);
  });

  it("leaves every other character to the full scan: prefixes and spaces are empty, the rest errors", () => {
    const abi = abiProfile("lp64");
    expect(["@", "=", "<", ">", "!", " "].map((format) => scanFormatSize(format, abi))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(() => scanFormatSize("5", abi)).toThrow("repeat count given without format specifier");
    expect(() => scanFormatSize("y", abi)).toThrow("bad char in struct format");
    expect(() => scanFormatSize("\0", abi)).toThrow();
    expect(() => scanFormatSize("é", abi)).toThrow(expect.objectContaining({ pythonType: "UnicodeEncodeError" }));
  });
});
