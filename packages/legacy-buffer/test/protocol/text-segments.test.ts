/**
 * A JavaScript string as Python 2's `unicode`: UTF-16LE code units for
 * reading (as a narrow, UCS2 build of Python 2), its ASCII encoding for the
 * char view, and a write slot that always refuses.
 */
import { describe, expect, it } from "vitest";
import { isPythonError, slice } from "@pybuffer/core";
import {
  asCharBuffer,
  asReadBuffer,
  asWriteBuffer,
  buffer,
  charBufferArgument,
  checkReadBuffer,
  fromReadWriteObject,
  objectId,
  readBufferArgument,
} from "../../src/index.ts";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe("the read view is UTF-16LE code units", () => {
  it("one code unit per BMP character, two for an astral one", () => {
    expect(asReadBuffer("ab")).toEqual(bytes(0x61, 0, 0x62, 0));
    expect(asReadBuffer("\u20ac")).toEqual(bytes(0xac, 0x20));
    expect(asReadBuffer("\u{1f600}")).toEqual(bytes(0x3d, 0xd8, 0x00, 0xde));
    expect(asReadBuffer("")).toEqual(bytes());
    expect(checkReadBuffer("x")).toBe(true);
  });

  it("a buffer over a string counts bytes, so an odd offset splits a code unit", () => {
    const b = buffer("abc", 1);
    expect(b.length).toBe(5);
    expect(b.toBytes()).toEqual(bytes(0, 0x62, 0, 0x63, 0));
    expect(b.get(slice(null, null, 2))).toEqual(bytes(0, 0, 0));
    expect(b.base).toBe("abc");
  });

  it("equal strings share an id, as one object would", () => {
    expect(objectId("same")).toBe(objectId(["sa", "me"].join("")));
    expect(objectId("same")).not.toBe(objectId("other"));
  });
});

describe("the char view is ASCII (Python 2's default encoding)", () => {
  it("ASCII text encodes byte for byte, with the buffer's offset applied to the text", () => {
    expect(asCharBuffer("123")).toEqual(bytes(0x31, 0x32, 0x33));
    expect(asCharBuffer(buffer("123", 1))).toEqual(bytes(0x32, 0x33));
    expect(charBufferArgument("ok")).toEqual(bytes(0x6f, 0x6b));
    expect(readBufferArgument("ok")).toEqual(bytes(0x6f, 0x6b));
  });

  it.each([
    ["é", "'ascii' codec can't encode character u'\\xe9' in position 0: ordinal not in range(128)"],
    ["a\u20acb", "'ascii' codec can't encode character u'\\u20ac' in position 1: ordinal not in range(128)"],
    ["aéé", "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)"],
    // A narrow build sees an astral character as two code units, as JavaScript does.
    ["\u{1f600}", "'ascii' codec can't encode characters in position 0-1: ordinal not in range(128)"],
    ["x\ud83d", "'ascii' codec can't encode character u'\\ud83d' in position 1: ordinal not in range(128)"],
  ])("%j raises UnicodeEncodeError", (text, message) => {
    let caught: unknown;
    try {
      asCharBuffer(text);
    } catch (error) {
      caught = error;
    }
    expect(isPythonError(caught, "UnicodeEncodeError")).toBe(true);
    expect((caught as Error).message).toBe(message);
  });

  it("comparison with a string goes through the char view", () => {
    const ascii = buffer(new TextEncoder().encode("abc"));
    expect(ascii.equals("abc")).toBe(true);
    expect(ascii.equals("abd")).toBe(false);
    expect(buffer(bytes(0xe9)).equals("\u00e9")).toBe(false); // a byte outside ASCII never decodes
    expect(() => buffer("\u00e9").equals("x")).toThrow("'ascii' codec can't encode character u'\\xe9'");
    expect(buffer(new Int8Array([97])).equals("a")).toBe(true);
  });
});

describe("the write slot always refuses", () => {
  it("like Python 2's unicode", () => {
    expect(() => asWriteBuffer("x")).toThrow("cannot use unicode as modifiable buffer");
    const rw = fromReadWriteObject("abc");
    expect(rw.repr()).toContain("<read-write buffer for");
    expect(() => rw.length).toThrow("cannot use unicode as modifiable buffer");
    expect(() => rw.toBytes()).toThrow("cannot use unicode as modifiable buffer");
  });

  it("a string is a valid value to assign: its code units", () => {
    const target = new Uint8Array(4);
    fromReadWriteObject(target).set(slice(0, 4), "hi");
    expect(target).toEqual(bytes(0x68, 0, 0x69, 0));
    expect(() => fromReadWriteObject(target).set(0, "h")).toThrow("right operand must be a single byte");
  });
});
