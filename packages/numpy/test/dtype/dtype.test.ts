/**
 * dtypeToFormat and formatToDtype on the cases NumPy documents, and what
 * they refuse.
 */
import { describe, expect, it } from "vitest";
import { dtypeToFormat, formatToDtype } from "../../src/index.ts";

describe("formatToDtype (NumPy's _dtype_from_pep3118)", () => {
  it.each([
    ["T{=i:a:(2)d:b:3s:c:}", [["a", "<i4"], ["b", "<f8", [2]], ["c", "|S3"]]],
    ["T{B:x:xxxi:y:}", [["x", "|u1"], ["", "|V3"], ["y", "<i4"]]],
    [">d", ">f8"],
    ["Zf", "<c8"],
    ["3w", "<U3"],
    ["?", "|b1"],
    ["l", "<i8"],
    ["<l", "<i4"],
    ["T{b:a:}", [["a", "|i1"]]],
    ["ii", [["f0", "<i4"], ["f1", "<i4"]]],
  ])("%s", (format, descr) => {
    expect(formatToDtype(format)).toEqual(descr);
  });

  it("refuses what NumPy refuses, with NumPy's errors", () => {
    expect(() => formatToDtype("T{i:a:i:a:}")).toThrow("Duplicate field name 'a' in PEP3118 format");
    expect(() => formatToDtype("&i")).toThrow("Unrepresentable PEP 3118 data type '&' (pointers)");
    expect(() => formatToDtype("Q")).not.toThrow();
    expect(() => formatToDtype("n")).toThrow("Unknown PEP 3118 data type specifier 'n'");
  });
});

describe("dtypeToFormat (NumPy's buffer export)", () => {
  it.each([
    [[["a", "<i4"], ["b", "<f8", [2]], ["c", "|S3"]], "T{=i:a:(2)d:b:3s:c:}"],
    [[["x", "|u1"], ["", "|V3"], ["y", "<i4"]], "T{B:x:xxxi:y:}"],
    ["<i8", "l"],
    [">i8", ">q"],
    ["<U3", "3w"],
    ["|V5", "5x"],
    ["<c16", "Zd"],
  ])("%j", (descr, format) => {
    expect(dtypeToFormat(descr as never)).toBe(format);
  });

  it("checks field alignment against the strides only when a dimension is longer than 1", () => {
    const descr = [["a", "|u1"], ["b", "<i4"]] as const;
    expect(dtypeToFormat(descr)).toBe("T{B:a:=i:b:}");
    expect(dtypeToFormat(descr, { shape: [1] })).toBe("T{B:a:=i:b:}");
    expect(dtypeToFormat([["a", "<i4"], ["b", "<i4"]], { shape: [3] })).toBe("T{i:a:i:b:}");
  });

  it("refuses malformed descrs and object dtypes", () => {
    expect(() => dtypeToFormat("<q9")).toThrow("descr is not a valid dtype descriptor: '<q9'");
    expect(() => dtypeToFormat("|O")).toThrow("Object arrays cannot be loaded when allow_pickle=False");
    expect(() => dtypeToFormat([["a", "<i4"], ["a", "<i4"]])).toThrow("descr is not a valid dtype descriptor");
  });
});
