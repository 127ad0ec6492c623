/**
 * Views of NumPy-style record buffers: validation checks the itemsize against
 * the extended format, and `{ extendedFormats: true }` reads items as objects
 * (CPython's NotImplementedError stays the default).
 */
import { describe, expect, it } from "vitest";
import {
  BufferError,
  getBuffer,
  getBufferSymbol,
  memoryview,
  MemoryView,
  NotImplementedError,
  slice,
  type BufferRecord,
} from "../../src/index.ts";

/** An exporter of `bytes` as items of `format`, `itemsize` bytes each, in the given shape (C order). */
function recordExporter(bytes: Uint8Array, format: string, itemsize: number, shape: number[]) {
  return {
    [getBufferSymbol](): BufferRecord {
      const strides = shape.map((_, d) => shape.slice(d + 1).reduce((p, n) => p * n, itemsize));
      return {
        obj: this, memory: bytes.buffer, buf: bytes.byteOffset, len: shape.reduce((p, n) => p * n, itemsize),
        itemsize, readonly: true, format, ndim: shape.length, shape: shape.length === 0 ? null : shape,
        strides: shape.length === 0 ? null : strides, suboffsets: null, internal: null,
      };
    },
  };
}

// np.array([(1, [1.5, -2.0], b'ab'), (-7, [0.0, 3.25], b'xyz')], dtype=[('a','<i4'),('b','<f8',(2,)),('c','S3')])
const FORMAT = "T{<i:a:(2)d:b:3s:c:}";
function twoRecords(): Uint8Array {
  const bytes = new Uint8Array(2 * 23);
  const view = new DataView(bytes.buffer);
  [[1, 1.5, -2, "ab"], [-7, 0, 3.25, "xyz"]].forEach(([a, b0, b1, c], i) => {
    const at = i * 23;
    view.setInt32(at, a as number, true);
    view.setFloat64(at + 4, b0 as number, true);
    view.setFloat64(at + 12, b1 as number, true);
    bytes.set(new TextEncoder().encode(c as string), at + 20);
  });
  return bytes;
}

describe("memoryview over extended-format records", () => {
  it("reads items as objects keyed by field name, with sub-arrays and bytes", () => {
    const m = memoryview(recordExporter(twoRecords(), FORMAT, 23, [2]), { extendedFormats: true });
    expect(m.format).toBe(FORMAT);
    expect(m.get(0)).toEqual({ a: 1, b: [1.5, -2], c: new TextEncoder().encode("ab") });
    expect(m.toList()).toEqual([
      { a: 1, b: [1.5, -2], c: new TextEncoder().encode("ab") },
      { a: -7, b: [0, 3.25], c: new TextEncoder().encode("xyz") },
    ]);
    expect((m.get(slice(null, null, -1)) as MemoryView).get(0)).toEqual({ a: -7, b: [0, 3.25], c: new TextEncoder().encode("xyz") });
    expect([...m].map((r) => (r as { a: number }).a)).toEqual([1, -7]);
  });

  it("gives every bytes field its own memory, small or large: no neighbour is visible through .buffer", () => {
    // Two records of a 4-byte and a 100-byte field (V8 keeps TypedArrays up to 64 bytes inline).
    const format = "T{4s:small:100s:large:}";
    const bytes = new Uint8Array(2 * 104).map((_, i) => (i % 251) + 1);
    const m = memoryview(recordExporter(bytes, format, 104, [2]), { extendedFormats: true });
    const values = (m.toList() as { small: Uint8Array; large: Uint8Array }[]).flatMap((r) => [r.small, r.large]);
    for (const value of values) {
      expect([value.byteOffset, value.buffer.byteLength]).toEqual([0, value.length]);
    }
    // Writing through one value's buffer changes no other value and not the exporter's memory.
    const before = values.map((v) => [...v]);
    new Uint8Array(values[0]!.buffer).fill(0);
    expect(values.slice(1).map((v) => [...v])).toEqual(before.slice(1));
    expect(bytes[0]).toBe(1);
  });

  it("keeps CPython's NotImplementedError by default", () => {
    const m = memoryview(recordExporter(twoRecords(), FORMAT, 23, [2]));
    expect(() => m.get(0)).toThrow(NotImplementedError);
    expect(() => m.toList()).toThrow(`memoryview: unsupported format ${FORMAT}`);
  });

  it("refuses to write records, leaving the bytes untouched", () => {
    const bytes = twoRecords();
    const before = bytes.slice();
    const exporter = recordExporter(bytes, FORMAT, 23, [2]);
    const writable = { [getBufferSymbol]: (flags: number) => ({ ...exporter[getBufferSymbol](), readonly: false, obj: writable, flags }) };
    const m = memoryview(writable, { extendedFormats: true });
    expect(() => m.set(0, { a: 2, b: [0, 0], c: new Uint8Array() })).toThrow(NotImplementedError);
    expect(bytes).toEqual(before);
  });

  it("reads 0-d records, text and complex numbers", () => {
    const bytes = new Uint8Array(4 * 2 + 16);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 0x1f600, true); // U+1F600, then a NUL that NumPy strips
    view.setFloat64(8, 1, false);
    view.setFloat64(16, -1, false);
    const m = memoryview(recordExporter(bytes, "T{2w:t:>Zd:z:}", 24, []), { extendedFormats: true });
    expect(m.get([])).toEqual({ t: "\u{1f600}", z: { real: 1, imag: -1 } });
  });

  it("refuses a record whose itemsize is smaller than its fields span", () => {
    expect(() => getBuffer(recordExporter(new Uint8Array(44), FORMAT, 22, [2]), 0x11c)).toThrow(BufferError);
    expect(() => getBuffer(recordExporter(new Uint8Array(44), FORMAT, 22, [2]), 0x11c)).toThrow(/itemsize 22 < 23/);
  });

  it("accepts trailing padding NumPy's format does not spell out", () => {
    const m = memoryview(recordExporter(new Uint8Array(48), FORMAT, 24, [2]), { extendedFormats: true });
    expect(m.itemsize).toBe(24);
    expect((m.get(1) as { a: number }).a).toBe(0);
  });

  it("never reads 'O' object pointers", () => {
    const m = memoryview(recordExporter(new Uint8Array(16), "T{O:o:d:x:}", 16, [1]), { extendedFormats: true });
    expect(() => m.get(0)).toThrow(NotImplementedError);
  });
});
