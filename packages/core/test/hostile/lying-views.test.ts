/**
 * Views that lie about their window: own `buffer`, `byteOffset`,
 * `byteLength`, `length` or `BYTES_PER_ELEMENT` properties on a TypedArray or
 * DataView. Core reads a view's memory through the built-in getters only,
 * so every consumer sees the view's real window, and nothing reads outside
 * it or fails with a bare JavaScript error.
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, iterUnpack, memoryview, releaseBuffer, Struct, unpack } from "../../src/index.ts";

/** `view` with every window property of its own answering `lie` (and an item size of 1). */
function lying<T extends ArrayBufferView>(view: T, lie: unknown): T {
  for (const key of ["buffer", "byteOffset", "byteLength", "length"]) {
    Object.defineProperty(view, key, { get: () => lie });
  }
  Object.defineProperty(view, "BYTES_PER_ELEMENT", { value: 1 });
  return view;
}

/** Bytes 0..15 in a block of 32, the view on the middle 16..31 being what it really shows. */
function block(): Uint8Array {
  return new Uint8Array(32).map((_, i) => i);
}

describe("a view's own window properties are not consulted", () => {
  for (const lie of [0, 8, 1e9, -5, new ArrayBuffer(64)]) {
    it(`a TypedArray whose properties answer ${lie instanceof ArrayBuffer ? "another ArrayBuffer" : String(lie)}`, () => {
      const view = lying(new Uint16Array(block().buffer, 16, 8), lie);
      const m = memoryview(view);
      expect([m.format, m.itemsize, m.nbytes]).toEqual(["H", 2, 16]);
      expect(m.cast("B").toList()).toEqual(Array.from({ length: 16 }, (_, i) => 16 + i));
      const record = getBuffer(view, BufferFlags.FULL_RO);
      expect([record.buf, record.len, record.itemsize, record.shape]).toEqual([16, 16, 2, [8]]);
      releaseBuffer(record);
      expect(new Struct("<8H").unpack(view)).toEqual(new Struct("<8H").unpack(new Uint16Array(block().buffer, 16, 8)));
      expect(new Struct("<H").unpackFrom(view, 14)).toEqual([0x1f1e]);
      expect([...iterUnpack("<4H", view)]).toHaveLength(2);
    });

    it(`a DataView whose properties answer ${lie instanceof ArrayBuffer ? "another ArrayBuffer" : String(lie)}`, () => {
      const view = lying(new DataView(block().buffer, 16, 16), lie);
      expect(memoryview(view).toList()).toEqual(Array.from({ length: 16 }, (_, i) => 16 + i));
      expect(unpack("<16B", view)).toEqual(Array.from({ length: 16 }, (_, i) => 16 + i));
      expect(new Struct("<B").unpackFrom(view, 15)).toEqual([31]);
    });
  }
});
