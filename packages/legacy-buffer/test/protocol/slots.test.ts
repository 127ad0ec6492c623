/**
 * The old protocol's contracts with exporters that only C could make in
 * 2.7 (Doc/c-api/typeobj.rst, Buffer Object Structures; Objects/bufferobject.c): the probe types WriteOnly, ReadNoSeg, ZeroSeg,
 * SegFail, ReadFail and Seg2, and exporters that break the contract.
 */
import { describe, expect, it } from "vitest";
import { isPythonError, ValueError } from "@pybuffer/core";
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
const single = (length: number) => () => ({ count: 1, length });

class RuntimeError extends Error {}

const writeOnly = (data: Uint8Array) => ({ [getSegmentCountSymbol]: single(data.length), [getWriteBufferSymbol]: () => data });
const readNoSeg = { [getReadBufferSymbol]: () => bytes(1) };
const zeroSeg = { [getSegmentCountSymbol]: () => ({ count: 0, length: 0 }), [getReadBufferSymbol]: () => bytes(1) };
const segFail = {
  [getSegmentCountSymbol]: () => {
    throw new ValueError("segcount failed");
  },
  [getReadBufferSymbol]: () => bytes(1),
};
const readFail = {
  [getSegmentCountSymbol]: single(1),
  [getReadBufferSymbol]: () => {
    throw new RuntimeError("read failed");
  },
};

describe("missing slots", () => {
  it("buffer() needs the read and segment-count slots; fromReadWriteObject the write and segment-count slots", () => {
    expect(() => buffer(writeOnly(bytes(1)))).toThrow("buffer object expected");
    expect(() => buffer(readNoSeg)).toThrow("buffer object expected");
    expect(() => fromReadWriteObject(readNoSeg)).toThrow("buffer object expected");
    expect(fromReadWriteObject(writeOnly(bytes(1, 2))).toBytes()).toEqual(bytes(1, 2));
  });

  it("a read-write buffer reads through the write slot; its own read slot needs the base's", () => {
    const rw = fromReadWriteObject(writeOnly(bytes(7, 8)));
    expect(rw.length).toBe(2);
    expect(() => asReadBuffer(rw)).toThrow("read buffer type not available");
    expect(() => asCharBuffer(rw)).toThrow("char buffer type not available");
    expect(asWriteBuffer(rw)).toEqual(bytes(7, 8));
  });

  it("a read-only buffer collapsed onto a write-only base has no slot to read with ('no buffer type')", () => {
    const ro = buffer(fromReadWriteObject(writeOnly(bytes(1))));
    expect(ro.readonly).toBe(true);
    expect(() => ro.length).toThrow("no buffer type not available");
    expect(() => ro.toBytes()).toThrow("no buffer type not available");
    expect(ro.repr()).toMatch(/^<read-only buffer for 0x[0-9a-f]+, size -1, offset 0 at 0x[0-9a-f]+>$/);
  });

  it("the abstract functions name the slot they miss", () => {
    expect(() => asReadBuffer(writeOnly(bytes(1)))).toThrow("expected a readable buffer object");
    expect(() => asCharBuffer(readFail)).toThrow("expected a string or other character buffer object");
    expect(() => asWriteBuffer(readNoSeg)).toThrow("expected a writeable buffer object");
    expect(() => asReadBuffer(readNoSeg)).toThrow("expected a readable buffer object");
    expect(checkReadBuffer(readNoSeg)).toBe(false);
    expect(checkReadBuffer(writeOnly(bytes(1)))).toBe(false);
  });
});

describe("segment counts other than one", () => {
  for (const [name, exporter] of [
    ["zero segments", zeroSeg],
    ["a failing count", segFail],
    ["two segments", new SegmentedBytes([bytes(97, 98), bytes(99, 100, 101)])],
  ] as const) {
    it(`${name}: accepted at creation, refused on every use`, () => {
      const b = buffer(exporter);
      expect(b.repr()).toContain("size -1, offset 0");
      for (const use of [() => b.length, () => b.toBytes(), () => b.get(0), () => b.repeat(2), () => b.hash(), () => b.concat(bytes(1))]) {
        expect(use).toThrow("single-segment buffer object expected");
      }
      expect(() => buffer(bytes(1)).concat(exporter)).toThrow("single-segment buffer object expected");
      expect(() => buffer(bytes()).concat(exporter)).toThrow("single-segment buffer object expected");
      expect(() => fromReadWriteObject(bytes(1)).set(0, exporter)).toThrow("single-segment buffer object expected");
      expect(() => asReadBuffer(exporter)).toThrow("expected a single-segment buffer object");
      expect(checkReadBuffer(exporter)).toBe(false);
    });
  }

  it("a failing count's own error is replaced, even its type", () => {
    let caught: unknown;
    try {
      void buffer(segFail).length;
    } catch (error) {
      caught = error;
    }
    expect(isPythonError(caught, "TypeError")).toBe(true);
  });
});

describe("errors of the exporter's slots propagate unchanged", () => {
  it("a read slot's error keeps its class", () => {
    expect(() => buffer(readFail).length).toThrow(RuntimeError);
    expect(() => asReadBuffer(readFail)).toThrow(RuntimeError);
    expect(() => buffer(bytes(1)).concat(readFail)).toThrow(RuntimeError);
    expect(checkReadBuffer(readFail)).toBe(true); // only the count is asked
  });
});

describe("an exporter is never trusted", () => {
  const returning = (segment: unknown) => ({ [getSegmentCountSymbol]: single(1), [getReadBufferSymbol]: () => segment });
  it.each([
    ["not a segment", 42, "exported an invalid segment: expected a Segment or an ArrayBufferView"],
    ["memory that is not a block", { memory: [1, 2], offset: 0, length: 1 }, "memory is not an ArrayBuffer or SharedArrayBuffer"],
    ["a negative offset", { memory: new ArrayBuffer(4), offset: -1, length: 1 }, "offset and length must be non-negative integers"],
    ["a fractional length", { memory: new ArrayBuffer(4), offset: 0, length: 1.5 }, "offset and length must be non-negative integers"],
    ["bytes past the block", { memory: new ArrayBuffer(4), offset: 2, length: 3 }, "3 bytes at offset 2 are outside its memory of 4 bytes"],
  ])("%s is a BufferError", (_, segment, message) => {
    const b = buffer(returning(segment));
    expect(() => b.toBytes()).toThrow(message);
    let caught: unknown;
    try {
      asReadBuffer(returning(segment));
    } catch (error) {
      caught = error;
    }
    expect(isPythonError(caught, "BufferError")).toBe(true);
  });

  it("memory that is gone is an error, never zeros", () => {
    const memory = new ArrayBuffer(8);
    const exporter = returning({ memory, offset: 0, length: 0 });
    structuredClone(memory, { transfer: [memory] }); // detaches
    expect(() => buffer(exporter).toBytes()).toThrow("its ArrayBuffer was detached");
  });

  it("a malformed segment count counts as 'not one segment'", () => {
    const odd = { [getSegmentCountSymbol]: () => ({ count: "1", length: 1 }), [getReadBufferSymbol]: () => bytes(1) };
    expect(() => buffer(odd).length).toThrow("single-segment buffer object expected");
    expect(() => asReadBuffer(odd)).toThrow("expected a single-segment buffer object");
  });
});

describe("the char slot is separate from the read slot", () => {
  it("an exporter can give a different text view", () => {
    const exporter = {
      [getSegmentCountSymbol]: single(4),
      [getReadBufferSymbol]: () => bytes(1, 2, 3, 4),
      [getCharBufferSymbol]: () => bytes(65, 66),
    };
    const b = buffer(exporter, 1);
    expect(b.toBytes()).toEqual(bytes(2, 3, 4));
    expect(asCharBuffer(b)).toEqual(bytes(66)); // the offset applies to the char view too
    expect(b.equals("B")).toBe(true);
  });
});
