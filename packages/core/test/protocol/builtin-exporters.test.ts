/**
 * ECMAScript's binary types as exporters. A TypedArray answers like CPython's
 * `array.array` and ArrayBuffer, SharedArrayBuffer and DataView like
 * `bytearray` (`PyBuffer_FillInfo`): every request is met, SIMPLE|FORMAT
 * included; format only with FORMAT, shape only with ND, strides only with
 * STRIDES; itemsize and len never change. (The rule was checked against
 * CPython 3.13 for array('h'), array('d') and bytearray over all 60 requests
 * of test_ndarray_getbuf.) Also: cross-realm objects, Node's pooled Buffer,
 * resizable and detached buffers, and the errors of getBuffer itself.
 */
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { BufferFlags, checkBuffer, getBuffer, releaseBuffer, type BufferRecord } from "../../src/index.ts";

const BASE_REQUESTS = [
  ["INDIRECT", BufferFlags.INDIRECT],
  ["STRIDES", BufferFlags.STRIDES],
  ["ND", BufferFlags.ND],
  ["SIMPLE", BufferFlags.SIMPLE],
  ["C_CONTIGUOUS", BufferFlags.C_CONTIGUOUS],
  ["F_CONTIGUOUS", BufferFlags.F_CONTIGUOUS],
  ["ANY_CONTIGUOUS", BufferFlags.ANY_CONTIGUOUS],
  ["FULL", BufferFlags.FULL],
  ["FULL_RO", BufferFlags.FULL_RO],
  ["RECORDS", BufferFlags.RECORDS],
  ["RECORDS_RO", BufferFlags.RECORDS_RO],
  ["STRIDED", BufferFlags.STRIDED],
  ["STRIDED_RO", BufferFlags.STRIDED_RO],
  ["CONTIG", BufferFlags.CONTIG],
  ["CONTIG_RO", BufferFlags.CONTIG_RO],
] as const;
const EXTRAS = [0, BufferFlags.WRITABLE, BufferFlags.FORMAT, BufferFlags.WRITABLE | BufferFlags.FORMAT] as const;
const REQUESTS = BASE_REQUESTS.flatMap(([, request]) => EXTRAS.map((extra) => request | extra));

type Fields = Omit<BufferRecord, "internal">;

function fields(record: BufferRecord): Fields {
  const { internal: _, ...rest } = record;
  return rest;
}

/** What a built-in exporter must answer to `request`. */
function expected(
  obj: object,
  memory: ArrayBuffer | SharedArrayBuffer,
  buf: number,
  len: number,
  itemsize: number,
  format: string,
  request: number,
): Fields {
  const has = (flag: number) => (request & flag) === flag;
  return {
    obj,
    memory,
    buf,
    len,
    itemsize,
    readonly: false,
    format: has(BufferFlags.FORMAT) ? format : null,
    ndim: 1,
    shape: has(BufferFlags.ND) ? [len / itemsize] : null,
    strides: has(BufferFlags.STRIDES) ? [itemsize] : null,
    suboffsets: null,
  };
}

/** Each answer to every request, with the release that must follow. */
function answers(obj: object): Fields[] {
  return REQUESTS.map((request) => {
    const record = getBuffer(obj, request);
    const result = fields(record);
    releaseBuffer(record);
    return result;
  });
}

type TypedArrayConstructor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView & { length: number };

const TYPED_ARRAYS: [string, TypedArrayConstructor, string][] = [
  ["Int8Array", Int8Array, "b"],
  ["Uint8Array", Uint8Array, "B"],
  ["Uint8ClampedArray", Uint8ClampedArray, "B"],
  ["Int16Array", Int16Array, "h"],
  ["Uint16Array", Uint16Array, "H"],
  ["Int32Array", Int32Array, "i"],
  ["Uint32Array", Uint32Array, "I"],
  ["Float32Array", Float32Array, "f"],
  ["Float64Array", Float64Array, "d"],
  ["BigInt64Array", BigInt64Array, "q"],
  ["BigUint64Array", BigUint64Array, "Q"],
];
// Float16Array exists from Node 24 (and in browsers); where it does, it exports 'e'.
const float16 = (globalThis as { Float16Array?: TypedArrayConstructor }).Float16Array;
if (typeof float16 === "function") TYPED_ARRAYS.push(["Float16Array", float16, "e"]);

describe("TypedArrays answer like array.array", () => {
  it.each(TYPED_ARRAYS)("%s, at a byte offset, to all 60 requests", (_, Type, format) => {
    const probe = new Type(new ArrayBuffer(64), 0, 1);
    const itemsize = probe.byteLength;
    // Three items, one item in from the start of a larger block.
    const memory = new ArrayBuffer(itemsize * 5);
    const array = new Type(memory, itemsize, 3);
    expect(answers(array)).toEqual(REQUESTS.map((r) => expected(array, memory, itemsize, itemsize * 3, itemsize, format, r)));
  });

  it("an empty TypedArray has shape [0]", () => {
    const empty = new Int32Array(0);
    const record = getBuffer(empty, BufferFlags.FULL);
    expect([record.len, record.itemsize, record.shape, record.strides]).toEqual([0, 4, [0], [4]]);
    releaseBuffer(record);
  });

  it("one over a SharedArrayBuffer exports that memory", () => {
    const shared = new SharedArrayBuffer(8);
    const array = new Uint16Array(shared, 2, 2);
    const record = getBuffer(array, BufferFlags.RECORDS);
    expect(fields(record)).toEqual({ ...expected(array, shared, 2, 4, 2, "H", BufferFlags.RECORDS) });
    releaseBuffer(record);
  });
});

describe("ArrayBuffer, SharedArrayBuffer and DataView answer like bytearray", () => {
  it("ArrayBuffer", () => {
    const memory = new ArrayBuffer(6);
    expect(answers(memory)).toEqual(REQUESTS.map((r) => expected(memory, memory, 0, 6, 1, "B", r)));
  });

  it("SharedArrayBuffer", () => {
    const shared = new SharedArrayBuffer(6);
    expect(answers(shared)).toEqual(REQUESTS.map((r) => expected(shared, shared, 0, 6, 1, "B", r)));
  });

  it("DataView: exactly its window, as bytes", () => {
    const memory = new ArrayBuffer(16);
    const view = new DataView(memory, 3, 8);
    expect(answers(view)).toEqual(REQUESTS.map((r) => expected(view, memory, 3, 8, 1, "B", r)));
  });
});

describe("objects from another realm", () => {
  it("a TypedArray made by node:vm exports its format and its realm's memory", () => {
    const array = vm.runInNewContext("new Int16Array([1, 2, 3, 4])") as Int16Array;
    expect(array instanceof Int16Array).toBe(false);
    expect(checkBuffer(array)).toBe(true);
    const record = getBuffer(array, BufferFlags.FULL_RO);
    expect(fields(record)).toEqual(expected(array, array.buffer, 0, 8, 2, "h", BufferFlags.FULL_RO));
    expect(record.memory).toBe(array.buffer);
    releaseBuffer(record);
  });

  it("an ArrayBuffer and a DataView made by node:vm export as bytes", () => {
    const memory = vm.runInNewContext("new ArrayBuffer(5)") as ArrayBuffer;
    const view = vm.runInNewContext("new DataView(new ArrayBuffer(8), 2, 4)") as DataView;
    const records = [getBuffer(memory, BufferFlags.CONTIG), getBuffer(view, BufferFlags.CONTIG)];
    expect(records.map(fields)).toEqual([
      expected(memory, memory, 0, 5, 1, "B", BufferFlags.CONTIG),
      expected(view, view.buffer, 2, 4, 1, "B", BufferFlags.CONTIG),
    ]);
    records.forEach(releaseBuffer);
  });
});

describe("Node's Buffer", () => {
  it("a pooled Buffer exports exactly its window, never the whole slab", () => {
    const buffer = Buffer.from("abc");
    // Small Buffers share an 8 KiB pool; this one sits somewhere inside it.
    expect(buffer.buffer.byteLength).toBeGreaterThan(3);
    const record = getBuffer(buffer, BufferFlags.FULL_RO);
    expect(fields(record)).toEqual(expected(buffer, buffer.buffer, buffer.byteOffset, 3, 1, "B", BufferFlags.FULL_RO));
    expect(new Uint8Array(record.memory, record.buf, record.len)).toEqual(Uint8Array.of(0x61, 0x62, 0x63));
    releaseBuffer(record);
  });
});

describe("resizable ArrayBuffers", () => {
  it("a length-tracking view follows every resize", () => {
    const memory = new ArrayBuffer(8, { maxByteLength: 16 });
    const tracking = new Uint16Array(memory, 2);
    const lengths = [12, 16, 2].map((size) => {
      memory.resize(size);
      const record = getBuffer(tracking, BufferFlags.ND);
      const answer = [record.len, record.shape];
      releaseBuffer(record);
      return answer;
    });
    expect(lengths).toEqual([
      [10, [5]],
      [14, [7]],
      [0, [0]],
    ]);
  });

  it("the buffer itself exports its current length", () => {
    const memory = new ArrayBuffer(4, { maxByteLength: 8 });
    memory.resize(7);
    const record = getBuffer(memory, BufferFlags.SIMPLE);
    expect(record.len).toBe(7);
    releaseBuffer(record);
  });

  it("a fixed-length view whose window a resize cut off is a BufferError", () => {
    const memory = new ArrayBuffer(8, { maxByteLength: 16 });
    const fixed = new Uint8Array(memory, 4, 4);
    const view = new DataView(memory, 2, 4);
    memory.resize(6);
    expect(() => getBuffer(fixed, BufferFlags.SIMPLE)).toThrow(
      expect.objectContaining({ pythonType: "BufferError", message: "cannot export Uint8Array: its window is outside its resized ArrayBuffer" }),
    );
    memory.resize(4);
    expect(() => getBuffer(view, BufferFlags.SIMPLE)).toThrow(
      expect.objectContaining({ pythonType: "BufferError", message: "cannot export DataView: its window is outside its resized ArrayBuffer" }),
    );
    // Grown back, the window is whole again.
    memory.resize(8);
    const record = getBuffer(fixed, BufferFlags.SIMPLE);
    expect([record.buf, record.len]).toEqual([4, 4]);
    releaseBuffer(record);
  });
});

describe("detached buffers", () => {
  it("a detached ArrayBuffer, and any view of one, is a BufferError", () => {
    const memory = new ArrayBuffer(8);
    const array = new Float32Array(memory);
    const view = new DataView(memory);
    structuredClone(memory, { transfer: [memory] });
    expect(() => getBuffer(memory, BufferFlags.SIMPLE)).toThrow(
      expect.objectContaining({ pythonType: "BufferError", message: "cannot export a detached ArrayBuffer" }),
    );
    expect(() => getBuffer(array, BufferFlags.FULL_RO)).toThrow(
      expect.objectContaining({ pythonType: "BufferError", message: "cannot export Float32Array: its ArrayBuffer is detached" }),
    );
    expect(() => getBuffer(view, BufferFlags.SIMPLE)).toThrow(
      expect.objectContaining({ pythonType: "BufferError", message: "cannot export DataView: its ArrayBuffer is detached" }),
    );
  });
});

describe("getBuffer's own errors", () => {
  it("a non-exporter: TypeError naming the nearest Python type", () => {
    expect(() => getBuffer({}, 0)).toThrow(
      expect.objectContaining({ pythonType: "TypeError", message: "a bytes-like object is required, not 'dict'" }),
    );
    expect(() => getBuffer("abc", 0)).toThrow(expect.objectContaining({ message: "a bytes-like object is required, not 'str'" }));
    expect(() => getBuffer([1, 2], 0)).toThrow(expect.objectContaining({ message: "a bytes-like object is required, not 'list'" }));
    expect([checkBuffer({}), checkBuffer("abc"), checkBuffer(new ArrayBuffer(0))]).toEqual([false, false, true]);
  });

  it("READ or WRITE alone as a request: SystemError, as in CPython 3.13+", () => {
    const array = new Uint8Array(4);
    for (const flags of [BufferFlags.READ, BufferFlags.WRITE]) {
      expect(() => getBuffer(array, flags)).toThrow(
        expect.objectContaining({ pythonType: "SystemError", message: expect.stringMatching(/bad argument to internal function$/) }),
      );
    }
  });

  it("READ OR-ed with another bit is not rejected: 0x101 is WRITABLE plus an unused bit", () => {
    const array = new Uint8Array(4);
    const record = getBuffer(array, BufferFlags.READ | BufferFlags.WRITABLE);
    expect([record.readonly, record.shape, record.format]).toEqual([false, null, null]);
    releaseBuffer(record);
  });
});
