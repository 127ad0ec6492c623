/**
 * The bridge from the new protocol: any PEP 3118 exporter has the old slots
 * (one segment, its contiguous bytes), so `buffer()` wraps it and the old
 * functions read it; resizes are seen at once, detached memory is an error.
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, fillInfo, type BufferRecord, getBufferSymbol, isPythonError, memoryview, NDArray, NDArrayFlags, slice } from "@pybuffer/core";
import { asReadBuffer, asWriteBuffer, buffer, checkReadBuffer, fromReadWriteObject } from "../../src/index.ts";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

describe("built-in binary types", () => {
  it("every TypedArray, DataView, ArrayBuffer and SharedArrayBuffer is one segment of raw bytes", () => {
    expect(asReadBuffer(new Uint16Array([0x0102, 0x0304]))).toEqual(bytes(2, 1, 4, 3));
    expect(asReadBuffer(new DataView(new Uint8Array([5, 6, 7]).buffer, 1))).toEqual(bytes(6, 7));
    expect(asReadBuffer(new Uint8Array([8, 9]).buffer)).toEqual(bytes(8, 9));
    const shared = new SharedArrayBuffer(2);
    new Uint8Array(shared)[1] = 3;
    expect(buffer(shared).toBytes()).toEqual(bytes(0, 3));
    expect(buffer(new Float64Array([1])).length).toBe(8);
    expect(checkReadBuffer(new Uint8Array(0))).toBe(true);
  });

  it("the window is a view: reads see later writes, writes reach the array", () => {
    const data = bytes(1, 2, 3, 4);
    const b = buffer(data, 1, 2);
    data[1] = 20;
    expect(b.toBytes()).toEqual(bytes(20, 3));
    fromReadWriteObject(data, 2).set(slice(0, 2), bytes(30, 40));
    expect(data).toEqual(bytes(1, 20, 30, 40));
    asWriteBuffer(data)[0] = 10;
    expect(data[0]).toBe(10);
  });

  it("a resizable ArrayBuffer that shrinks or grows is seen at once", () => {
    const memory = new ArrayBuffer(6, { maxByteLength: 16 });
    new Uint8Array(memory).set([0, 1, 2, 3, 4, 5]);
    const b = buffer(new Uint8Array(memory), 2, 3); // a length-tracking view
    const whole = buffer(memory, 4);
    expect(b.toBytes()).toEqual(bytes(2, 3, 4));
    memory.resize(3);
    expect(b.toBytes()).toEqual(bytes(2));
    expect(whole.length).toBe(0);
    memory.resize(8);
    expect(b.toBytes()).toEqual(bytes(2, 0, 0));
    expect(whole.toBytes()).toEqual(bytes(0, 0, 0, 0));
  });

  it("a fixed-length view cut off by a shrink, or detached memory, is a BufferError, never zeros", () => {
    const memory = new ArrayBuffer(8, { maxByteLength: 8 });
    const cut = new Uint8Array(memory, 4, 4);
    const b = buffer(cut);
    memory.resize(2);
    for (const use of [() => b.length, () => b.toBytes(), () => b.get(0), () => asReadBuffer(cut)]) {
      expect(isPythonError(errorOf(use), "BufferError")).toBe(true);
    }
    const detachable = new ArrayBuffer(4);
    const c = buffer(new Uint8Array(detachable));
    const d = buffer(detachable);
    structuredClone(detachable, { transfer: [detachable] });
    expect(isPythonError(errorOf(() => c.toBytes()), "BufferError")).toBe(true);
    expect(isPythonError(errorOf(() => d.length), "BufferError")).toBe(true);
  });
});

describe("any exporter", () => {
  it("a read-only exporter is readable, and refuses writes with its own BufferError", () => {
    const memory = bytes(1, 2, 3).buffer;
    const exporter = { [getBufferSymbol]: (flags: number) => fillInfo(exporter, memory, 0, 3, true, flags) };
    expect(buffer(exporter, 1).toBytes()).toEqual(bytes(2, 3));
    const error = errorOf(() => asWriteBuffer(exporter));
    expect(isPythonError(error, "BufferError")).toBe(true);
    expect((error as Error).message).toBe("Object is not writable.");
    expect(() => fromReadWriteObject(exporter).toBytes()).toThrow("Object is not writable.");
  });

  it("a memoryview and an NDArray work when contiguous", () => {
    const m = memoryview(new Int16Array([1, -1]));
    expect(buffer(m).toBytes()).toEqual(bytes(1, 0, 255, 255));
    const nd = new NDArray([1, 2, 3, 4], { shape: [4], format: "B", flags: NDArrayFlags.WRITABLE });
    fromReadWriteObject(nd).set(0, bytes(9));
    expect(nd.toList()).toEqual([9, 2, 3, 4]);
  });

  it("a non-contiguous exporter refuses the SIMPLE request, with its own error", () => {
    const strided = new NDArray([1, 2, 3, 4], { shape: [4], format: "B" }).get(slice(null, null, 2));
    expect(checkReadBuffer(strided)).toBe(true); // one segment, as far as the count goes
    expect(isPythonError(errorOf(() => buffer(strided).length), "BufferError")).toBe(true);
    expect(isPythonError(errorOf(() => asReadBuffer(strided)), "BufferError")).toBe(true);
  });

  it("the bridge releases what it gets: an exporter that counts exports ends at zero", () => {
    let exports = 0;
    const memory = new ArrayBuffer(4);
    const exporter: object = {
      [getBufferSymbol](flags: number): BufferRecord {
        exports++;
        return fillInfo(exporter, memory, 0, 4, false, flags);
      },
      [Symbol.for("pybuffer.releasebuffer")]() {
        exports--;
      },
    };
    const b = buffer(exporter);
    void b.length;
    void b.toBytes();
    void asReadBuffer(exporter);
    expect(exports).toBe(0);
    expect(BufferFlags.SIMPLE).toBe(0);
  });
});
