/**
 * The sign of a NaN survives packing with every float code, as in CPython
 * 3.13 and 3.14 (`PyFloat_Pack2/4/8`): `struct.pack('<e', -nan)` is `00fe`.
 * `e` also keeps the top ten payload bits, and unpacking `e` puts them back,
 * as CPython 3.14's `PyFloat_Pack2`/`PyFloat_Unpack2` do (3.13 drops them).
 */
import { describe, expect, it } from "vitest";
import { pack, unpack } from "../../src/index.ts";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
/** A double from its big-endian bits: how a test gets a NaN of a chosen sign and payload. */
const doubleOf = (bits: bigint): number => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
};
const NEGATIVE_NAN = doubleOf(0xfff8000000000000n);

describe("NaN signs", () => {
  it("every float code keeps a negative NaN's sign, in both byte orders", () => {
    expect(["<e", "<f", "<d", ">e", ">f", ">d"].map((format) => hex(pack(format, NEGATIVE_NAN)))).toEqual([
      "00fe", "0000c0ff", "000000000000f8ff", "fe00", "ffc00000", "fff8000000000000",
    ]);
  });

  it("and a positive NaN stays positive", () => {
    expect(["<e", "<f", "<d"].map((format) => hex(pack(format, Number.NaN)))).toEqual(["007e", "0000c07f", "000000000000f87f"]);
  });

  it("complex parts keep theirs too", () => {
    expect(hex(pack("<F", { real: NEGATIVE_NAN, imag: Number.NaN }))).toBe("0000c0ff0000c07f");
  });

  it("'e' keeps the top payload bits of a NaN, both ways", () => {
    expect(hex(pack("<e", doubleOf(0xfff8040000000000n)))).toBe("01fe");
    const [value] = unpack("<e", new Uint8Array([0x01, 0xfe])) as [number];
    expect(hex(pack(">d", value))).toBe("fff8040000000000");
  });
});
