/**
 * MemoryRegion over a resizable ArrayBuffer, a growable SharedArrayBuffer and
 * a WebAssembly.Memory: every request answered or refused like CPython, and
 * memory that moved, shrank or was detached is an error at the next access
 * (never zeros, never a dropped write), through the region and through any
 * view or I/O holding one of its buffers.
 */
import {
  BufferFlags,
  getBuffer,
  isPythonError,
  memoryview,
  pack,
  releaseBuffer,
  toContiguous,
  type BufferRecord,
} from "@pybuffer/core";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { features, MemoryRegion, readIntoSync, writeSync } from "../../src/index.ts";
import { collectUntil } from "../helpers/gc.ts";
import { tempDirectory } from "../helpers/temp.ts";
import { WASM_PAGE, wasmMemory } from "../helpers/wasm.ts";

const path = tempDirectory("region");

/** The BufferError `action` throws (any other outcome fails the test). */
function bufferError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isPythonError(error, "BufferError")) return error.message;
    throw error;
  }
  throw new Error("expected a BufferError");
}

/** Detaches an ArrayBuffer: `transfer()` where it exists (Node 22+), a transferring structuredClone elsewhere. */
function detach(memory: ArrayBuffer): void {
  if (features.arrayBufferTransfer) memory.transfer();
  else structuredClone(memory, { transfer: [memory] });
  expect(memory.byteLength).toBe(0);
}

const REQUESTS = [
  "SIMPLE", "WRITABLE", "FORMAT", "ND", "STRIDES", "C_CONTIGUOUS", "F_CONTIGUOUS", "ANY_CONTIGUOUS", "INDIRECT",
  "CONTIG", "CONTIG_RO", "STRIDED", "STRIDED_RO", "RECORDS", "RECORDS_RO", "FULL", "FULL_RO",
] as const;

describe("MemoryRegion answers requests like CPython's exporters", () => {
  it("exports format, shape, strides and offset, and every request gives the items or a BufferError", () => {
    const memory = new ArrayBuffer(64, { maxByteLength: 256 });
    new Int16Array(memory).set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const columns = new MemoryRegion(memory, { byteOffset: 2, format: "<h", shape: [3, 2], strides: [8, 4] });
    const record = getBuffer(columns, BufferFlags.FULL_RO);
    expect([record.buf, record.format, record.shape, record.strides, record.len, record.itemsize]).toEqual([2, "<h", [3, 2], [8, 4], 12, 2]);
    releaseBuffer(record);
    const expected = new Uint8Array(new Int16Array([1, 3, 5, 7, 9, 11]).buffer);
    const refused: string[] = [];
    for (const request of REQUESTS) {
      let view: BufferRecord;
      try {
        view = getBuffer(columns, BufferFlags[request]);
      } catch (error) {
        expect(isPythonError(error, "BufferError")).toBe(true);
        refused.push(request);
        continue;
      }
      if (view.strides !== null) expect(toContiguous(view)).toEqual(expected);
      releaseBuffer(view);
    }
    // Not contiguous: every request without strides, and every contiguity request, is refused.
    expect(refused).toEqual(["SIMPLE", "WRITABLE", "FORMAT", "ND", "C_CONTIGUOUS", "F_CONTIGUOUS", "ANY_CONTIGUOUS", "CONTIG", "CONTIG_RO"]);
    expect(columns.exports).toBe(0);
  });

  it("exports read-only regions only for read-only requests", () => {
    const region = new MemoryRegion(new ArrayBuffer(8), { readonly: true });
    expect(bufferError(() => getBuffer(region, BufferFlags.WRITABLE))).toBe("Object is not writable.");
    expect(memoryview(region).readonly).toBe(true);
  });

  it("follows the memory's length when it has no shape", () => {
    const memory = new ArrayBuffer(8, { maxByteLength: 64 });
    const region = new MemoryRegion(memory, { byteOffset: 4, format: "<I" });
    expect(region.shape).toEqual([1]);
    memory.resize(20);
    expect(region.shape).toEqual([4]);
    expect(memoryview(region).length).toBe(4);
  });

  it("supports negative strides, 0-d regions and half floats whatever the runtime has", () => {
    const memory = new ArrayBuffer(16);
    new Uint8Array(memory).set([1, 2, 3, 4]);
    expect(memoryview(new MemoryRegion(memory, { byteOffset: 3, shape: [4], strides: [-1] })).toList()).toEqual([4, 3, 2, 1]);
    new Uint8Array(memory).set(pack("<e", 1.5), 8);
    expect(memoryview(new MemoryRegion(memory, { byteOffset: 8, format: "<e", shape: [] })).toList()).toBe(1.5);
  });

  it("refuses bad arguments", () => {
    const memory = new ArrayBuffer(16);
    expect(() => new MemoryRegion(new Uint8Array(4) as unknown as ArrayBuffer)).toThrow(TypeError);
    expect(() => new MemoryRegion(memory, { strides: [1] })).toThrow("strides need a shape");
    expect(() => new MemoryRegion(memory, { byteOffset: -1 })).toThrow("byteOffset must be a non-negative integer");
    expect(() => new MemoryRegion(memory, { shape: [2], strides: [1, 1] })).toThrow("one integer per dimension");
    expect(() => new MemoryRegion(memory, { format: "<d", shape: [3] })).toThrow("outside the memory of 16 bytes");
    expect(() => new MemoryRegion(memory, { shape: [2], strides: [-1] })).toThrow("outside the memory");
    expect(() => new MemoryRegion(memory, { format: "Z" })).toThrow(/bad char in struct format/);
  });
});

describe("a region over a resizable ArrayBuffer", () => {
  it("is an error at the next access once shrunk below its items, and works again when regrown", () => {
    const memory = new ArrayBuffer(32, { maxByteLength: 64 });
    const region = new MemoryRegion(memory, { byteOffset: 8, format: "<d", shape: [2] });
    const view = memoryview(region);
    view.set(1, 2.5);
    memory.resize(16);
    expect(bufferError(() => view.toList())).toContain("shrank to 16 bytes");
    expect(bufferError(() => view.set(0, 1))).toContain("shrank");
    expect(bufferError(() => region.check())).toBe(
      "the region's memory is gone: it was resized to 16 bytes, below the 24 bytes the items reach",
    );
    expect(bufferError(() => memoryview(region))).toContain("resized to 16 bytes");
    expect(bufferError(() => writeSync(path("never.bin"), region))).toContain("resized");
    memory.resize(24);
    // The refused write did not happen; the regrown bytes are zeros, which the view reads now that they exist.
    expect(view.toList()).toEqual([0, 0]);
    view.release();
  });

  it("is an error once its ArrayBuffer is detached", () => {
    const memory = new ArrayBuffer(16, { maxByteLength: 32 });
    const region = new MemoryRegion(memory, { format: "<i", shape: [4] });
    const view = memoryview(region);
    detach(memory);
    expect(bufferError(() => view.get(0))).toContain("gone");
    expect(bufferError(() => region.check())).toContain("its ArrayBuffer was detached");
    expect(bufferError(() => region.memory)).toContain("detached");
  });
});

describe("a region over a growable SharedArrayBuffer", () => {
  it("follows growth; its buffers stay valid because shared memory never shrinks", () => {
    const memory = new SharedArrayBuffer(8, { maxByteLength: 64 });
    const tracking = new MemoryRegion(memory, { format: "<H" });
    const held = memoryview(tracking);
    expect(held.length).toBe(4);
    memory.grow(32);
    expect(tracking.shape).toEqual([16]);
    held.set(3, 0xbeef);
    expect(new Uint16Array(memory)[3]).toBe(0xbeef);
    expect(memoryview(tracking).length).toBe(16);
    expect(() => new MemoryRegion(memory, { shape: [40] })).toThrow("outside the memory of 32 bytes");
  });
});

describe("a region of a WebAssembly.Memory", () => {
  it("reads and writes the module's memory with wasm32 sizes by default", () => {
    const memory = wasmMemory({ initial: 1, maximum: 4 });
    const region = new MemoryRegion(memory, { byteOffset: 64, format: "l", shape: [3] });
    expect([region.itemsize, region.abi]).toEqual([4, "wasm32"]);
    const view = memoryview(region);
    view.set(2, -7);
    expect(new Int32Array(memory.buffer, 64, 3)[2]).toBe(-7);
    expect(getBuffer(region, BufferFlags.FULL_RO).abi).toBe("wasm32");
  });

  it("keeps views and records taken before grow() working over the grown memory, I/O included", () => {
    const memory = wasmMemory({ initial: 1, maximum: 4 });
    const region = new MemoryRegion(memory, { byteOffset: 128, format: "<i", shape: [3, 2] });
    const before = memoryview(region);
    const record = getBuffer(region, BufferFlags.FULL_RO);
    before.set([1, 1], 42);
    const file = path("wasm.bin");
    writeSync(file, new Uint8Array(new Int32Array([1, 2, 3, 4, 5, 6]).buffer));
    const oldBuffer = memory.buffer;
    memory.grow(1);
    expect(oldBuffer.byteLength).toBe(0);
    expect(before.get([1, 1])).toBe(42);
    expect(before.toList()).toEqual([[0, 0], [0, 42], [0, 0]]);
    before.set([0, 0], 1);
    expect(new Int32Array(memory.buffer, 128, 6)[0]).toBe(1);
    expect(toContiguous(record)).toEqual(new Uint8Array(new Int32Array([1, 0, 0, 42, 0, 0]).buffer));
    // I/O through a held view reads and writes the grown memory.
    memory.grow(1);
    writeSync(path("grown.bin"), before);
    expect(new Int32Array(new Uint8Array(readFileSync(path("grown.bin"))).buffer)).toEqual(new Int32Array([1, 0, 0, 42, 0, 0]));
    readIntoSync(file, before);
    expect(before.toList()).toEqual([[1, 2], [3, 4], [5, 6]]);
    // New exports, and the region itself, use the grown memory.
    expect(region.memory).toBe(memory.buffer);
    expect(region.memory.byteLength).toBe(3 * WASM_PAGE);
    expect(memoryview(region).get([1, 1])).toBe(4);
    releaseBuffer(record);
    before.release();
  });

  it("over shared memory, keeps older buffers valid (the memory does not move)", () => {
    const memory = wasmMemory({ initial: 1, maximum: 4, shared: true });
    const region = new MemoryRegion(memory, { format: "B" });
    const held = memoryview(region);
    memory.grow(1);
    held.set(0, 9);
    expect(new Uint8Array(memory.buffer)[0]).toBe(9);
    expect(region.shape).toEqual([2 * WASM_PAGE]);
  });
});

describe("export counting", () => {
  it("counts exports until released or collected", async () => {
    const region = new MemoryRegion(new ArrayBuffer(8));
    const record = getBuffer(region, BufferFlags.SIMPLE);
    const view = memoryview(region);
    expect(region.exports).toBe(2);
    releaseBuffer(record);
    view.release();
    expect(region.exports).toBe(0);
    (() => {
      memoryview(region);
      getBuffer(region, BufferFlags.FULL_RO);
    })();
    expect(region.exports).toBe(2);
    expect(await collectUntil(() => region.exports === 0)).toBe(true);
  });
});
