/**
 * Offsets at and past both ends of `Py_ssize_t`, as `pack_into` and
 * `unpack_from` print them: exactly, past 2**53 too, when given as bigints.
 * Messages from CPython 3.13 (LP64):
 *
 *     struct.unpack_from('<h', bytes(1), -2**63)
 *     # offset -9223372036854775808 out of range for 1-byte buffer
 *     struct.pack_into('<h', bytearray(1), 2**63-1, 1)
 *     # pack_into requires a buffer of at least 9223372036854775809 bytes for packing 2 bytes at offset 9223372036854775807 (actual buffer size is 1)
 */
import { describe, expect, it } from "vitest";
import { iterUnpack, packInto, Struct, unpackFrom } from "../../src/index.ts";
import { py, thrown } from "../memoryview/helpers.ts";

const structError = (message: string) => py("struct.error", message);
const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;

describe("offsets past 2**53 print exactly", () => {
  it("unpackFrom at -2**63", () => {
    expect(thrown(() => unpackFrom("<h", new Uint8Array(1), MIN))).toEqual(structError("offset -9223372036854775808 out of range for 1-byte buffer"));
  });

  it("packInto at 2**63 - 1: the 'at least' figure is size + offset, exactly", () => {
    expect(thrown(() => packInto("<h", new Uint8Array(1), MAX, 1))).toEqual(
      structError(
        "pack_into requires a buffer of at least 9223372036854775809 bytes for packing 2 bytes at offset 9223372036854775807 (actual buffer size is 1)",
      ),
    );
  });

  it("unpackFrom at 2**60 + 1 through a Struct", () => {
    expect(thrown(() => new Struct("<h").unpackFrom(new Uint8Array(1), 2n ** 60n + 1n))).toEqual(
      structError(
        "unpack_from requires a buffer of at least 1152921504606846979 bytes for unpacking 2 bytes at offset 1152921504606846977 (actual buffer size is 1)",
      ),
    );
  });

  it("packInto at -2**63 and just past the start", () => {
    expect(thrown(() => packInto("<h", new Uint8Array(1), MIN, 1))).toEqual(structError("offset -9223372036854775808 out of range for 1-byte buffer"));
    expect(thrown(() => packInto("<h", new Uint8Array(1), -(2n ** 53n) - 1n, 1))).toEqual(
      structError("offset -9007199254740993 out of range for 1-byte buffer"),
    );
  });

  it("past Py_ssize_t is the converters' error, not a message with a wrong figure", () => {
    expect(thrown(() => packInto("<h", new Uint8Array(1), MAX + 1n, 1))).toEqual(py("IndexError", "cannot fit 'int' into an index-sized integer"));
    expect(thrown(() => unpackFrom("<h", new Uint8Array(1), MIN - 1n))).toEqual(py("OverflowError", "Python int too large to convert to C ssize_t"));
  });
});

describe("offsets at both ends of the buffer", () => {
  const buffer = new Uint8Array([1, 2, 3, 4]);
  it("the last offset that fits, and one past it", () => {
    expect(unpackFrom("<h", buffer, 2)).toEqual([0x0403]);
    expect(unpackFrom("<h", buffer, -2)).toEqual([0x0403]);
    expect(thrown(() => unpackFrom("<h", buffer, 3))).toEqual(
      structError("unpack_from requires a buffer of at least 5 bytes for unpacking 2 bytes at offset 3 (actual buffer size is 4)"),
    );
    expect(thrown(() => unpackFrom("<h", buffer, -1))).toEqual(structError("not enough data to unpack 2 bytes at offset -1"));
    expect(thrown(() => packInto("<h", buffer, -1, 0))).toEqual(structError("no space to pack 2 bytes at offset -1"));
  });

  it("the first byte from the end, and one before the start", () => {
    expect(unpackFrom("<h", buffer, -4)).toEqual([0x0201]);
    expect(thrown(() => unpackFrom("<h", buffer, -5))).toEqual(structError("offset -5 out of range for 4-byte buffer"));
  });

  it("wasm32's Py_ssize_t ends at 2**31", () => {
    const wasm = { format: "<h", abi: "wasm32" } as const;
    expect(thrown(() => unpackFrom(wasm, buffer, -(2 ** 31)))).toEqual(structError("offset -2147483648 out of range for 4-byte buffer"));
    expect(thrown(() => unpackFrom(wasm, buffer, 2n ** 31n))).toEqual(py("OverflowError", "Python int too large to convert to C ssize_t"));
  });

  it("iterUnpack prints the size it needs", () => {
    expect(thrown(() => iterUnpack("<3h", buffer))).toEqual(structError("iterative unpacking requires a buffer of a multiple of 6 bytes"));
  });
});
