/**
 * The shipped multi-segment exporter: accepted at creation by every
 * constructor, refused on every use, as CPython 2.7 treated Seg2 (Objects/bufferobject.c: get_buf).
 */
import { describe, expect, it } from "vitest";
import { memoryview } from "@pybuffer/core";
import {
  asCharBuffer,
  asReadBuffer,
  asWriteBuffer,
  buffer,
  checkReadBuffer,
  fromReadWriteObject,
  getCharBufferSymbol,
  getReadBufferSymbol,
  getSegmentCountSymbol,
  getWriteBufferSymbol,
  SegmentedBytes,
} from "../../src/index.ts";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe("SegmentedBytes", () => {
  const chunks = (): SegmentedBytes => new SegmentedBytes([bytes(97, 98), [99, 100, 101]]);

  it("exports one segment per chunk, with a total length", () => {
    const s = chunks();
    expect(s[getSegmentCountSymbol]()).toEqual({ count: 2, length: 5 });
    expect(s[getReadBufferSymbol](0)).toEqual(bytes(97, 98));
    expect(s[getWriteBufferSymbol](1)).toEqual(bytes(99, 100, 101));
    expect(s[getCharBufferSymbol](1)).toBe(s.chunks[1]);
    expect(() => s[getReadBufferSymbol](2)).toThrow("accessing non-existent segment");
    expect(() => s[getReadBufferSymbol](-1)).toThrow("accessing non-existent segment");
    expect(s.toBytes()).toEqual(bytes(97, 98, 99, 100, 101));
  });

  it("is wrapped without error and refused on use", () => {
    const b = buffer(chunks(), 1);
    const rw = fromReadWriteObject(chunks());
    expect(b.repr()).toContain("size -1, offset 1");
    for (const use of [() => b.length, () => b.toBytes(), () => [...b], () => b.includes("a"), () => rw.set(0, bytes(1)), () => memoryview(b)]) {
      expect(use).toThrow("single-segment buffer object expected");
    }
    expect(() => b.equals(buffer(bytes()))).toThrow("single-segment buffer object expected");
    expect(b.equals(bytes())).toBe(false);
    for (const read of [asReadBuffer, asCharBuffer, asWriteBuffer]) {
      expect(() => read(chunks())).toThrow("expected a single-segment buffer object");
    }
    expect(checkReadBuffer(chunks())).toBe(false);
  });

  it("with one chunk, is an ordinary single-segment exporter", () => {
    const one = new SegmentedBytes([bytes(1, 2, 3)]);
    const rw = fromReadWriteObject(one, 1);
    rw.set(0, bytes(9));
    expect(one.chunks[0]).toEqual(bytes(1, 9, 3));
    expect(buffer(one).toBytes()).toEqual(bytes(1, 9, 3));
    expect(asCharBuffer(one)).toEqual(bytes(1, 9, 3));
  });
});
