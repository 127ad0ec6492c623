/**
 * ResizableBytes, the bytearray of this world: construction like
 * `bytearray(...)`, the export lock (refused while any export is held, by a
 * MemoryView, a record, a Buffer; allowed again after the last release or
 * after the holder was garbage-collected), and growth past its reservation.
 */
import { BufferFlags, getBuffer, memoryview, NDArray, NDArrayFlags, releaseBuffer, releaseBufferSymbol, slice, type MemoryView } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { ResizableBytes } from "../../src/index.ts";
import { collectUntil } from "../helpers/gc.ts";

const LOCKED = "Existing exports of data: object cannot be re-sized";

describe("ResizableBytes construction", () => {
  it("takes nothing, a count, integers or any exporter's bytes in C order", () => {
    expect(new ResizableBytes().length).toBe(0);
    expect([...new ResizableBytes(3)]).toEqual([0, 0, 0]);
    expect([...new ResizableBytes(2n)]).toEqual([0, 0]);
    expect([...new ResizableBytes([1, 2, 255])]).toEqual([1, 2, 255]);
    expect([...new ResizableBytes(new Set([7, 8]))]).toEqual([7, 8]);
    const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3] });
    expect([...new ResizableBytes(nd.get([slice(null), slice(null, null, -2)]) as NDArray)]).toEqual([3, 1, 6, 4]);
    expect([...new ResizableBytes(new Uint16Array([0x0201]))]).toEqual([1, 2]);
  });

  it("refuses what bytearray() refuses, with CPython's messages", () => {
    expect(() => new ResizableBytes(-1)).toThrow("negative count");
    expect(() => new ResizableBytes(1.5)).toThrow("cannot convert 'float' object to bytearray");
    expect(() => new ResizableBytes("text" as unknown as number)).toThrow("string argument without an encoding");
    expect(() => new ResizableBytes([256])).toThrow("byte must be in range(0, 256)");
    expect(() => new ResizableBytes(["a"] as unknown as number[])).toThrow("'str' object cannot be interpreted as an integer");
    expect(() => new ResizableBytes({} as unknown as number[])).toThrow("cannot convert 'dict' object to bytearray");
    expect(() => new ResizableBytes(0, { capacity: -1 })).toThrow("capacity must be a non-negative integer");
  });

  it("raises MemoryError for a size no ArrayBuffer can have", () => {
    let error: unknown;
    try {
      new ResizableBytes(2 ** 60);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ pythonType: "MemoryError" });
  });
});

describe("the export lock", () => {
  it("refuses every change of length while a MemoryView is held, and allows same-length changes", () => {
    const bytes = new ResizableBytes([1, 2, 3]);
    const view = memoryview(bytes);
    const slice1 = view.get(slice(1, null)) as MemoryView;
    expect(bytes.exports).toBe(1); // derived views share one export
    for (const resize of [() => bytes.append(4), () => bytes.extend([4]), () => bytes.pop(), () => bytes.resize(1), () => bytes.clear()]) {
      expect(resize).toThrow(LOCKED);
    }
    bytes.resize(3);
    bytes.extend([]);
    bytes.set(0, 9);
    expect(slice1.toList()).toEqual([2, 3]);
    expect(view.get(0)).toBe(9);
    view.release();
    expect(bytes.exports).toBe(1);
    slice1.release();
    expect(bytes.exports).toBe(0);
    bytes.append(4);
    expect([...bytes]).toEqual([9, 2, 3, 4]);
  });

  it("counts every getBuffer record until its release", () => {
    const bytes = new ResizableBytes(4);
    const first = getBuffer(bytes, BufferFlags.SIMPLE);
    const second = getBuffer(bytes, BufferFlags.FULL);
    expect([first.len, second.len, bytes.exports]).toEqual([4, 4, 2]);
    releaseBuffer(first);
    expect(() => bytes.resize(8)).toThrow(LOCKED);
    releaseBuffer(second);
    releaseBuffer(second);
    expect(bytes.exports).toBe(0);
    bytes.resize(8);
    expect(bytes.length).toBe(8);
  });

  it("finds a release by the record's contents, not its identity (a redirecting re-exporter hands back a copy)", () => {
    const bytes = new ResizableBytes([1, 2, 3]);
    const reexporter = new NDArray(bytes, { flags: NDArrayFlags.REDIRECT });
    const record = getBuffer(reexporter, BufferFlags.FULL_RO);
    expect(record.obj).toBe(bytes);
    expect(bytes.exports).toBe(2); // the re-exporter's own buffer, and the redirected one
    releaseBuffer(record);
    reexporter.release();
    expect(bytes.exports).toBe(0);
    // A record this exporter never issued (or one released already) changes nothing.
    const held = getBuffer(bytes, BufferFlags.SIMPLE);
    bytes[releaseBufferSymbol]({ ...held, internal: {} });
    bytes[releaseBufferSymbol]({ ...held, internal: null });
    expect(bytes.exports).toBe(1);
    bytes[releaseBufferSymbol]({ ...held });
    expect(bytes.exports).toBe(0);
    bytes[releaseBufferSymbol]({ ...held });
    expect(bytes.exports).toBe(0);
  });

  it("is lifted when the holder is garbage-collected without a release", async () => {
    const bytes = new ResizableBytes([1, 2]);
    (() => {
      memoryview(bytes).get(slice(0, 1));
      getBuffer(bytes, BufferFlags.FULL_RO);
    })();
    expect(bytes.exports).toBe(2);
    expect(() => bytes.append(3)).toThrow(LOCKED);
    expect(await collectUntil(() => bytes.exports === 0)).toBe(true);
    bytes.append(3);
    expect([...bytes]).toEqual([1, 2, 3]);
  });

  it("keeps a held view valid: the memory it points at can neither shrink nor move", () => {
    const bytes = new ResizableBytes([5, 6], { capacity: 2 });
    const view = memoryview(bytes);
    expect(() => bytes.resize(1000)).toThrow(LOCKED);
    expect(view.toList()).toEqual([5, 6]);
    view.release();
  });
});

describe("resizing", () => {
  it("truncates and zero-fills, and moves past its reservation when nothing is exported", () => {
    const bytes = new ResizableBytes([1, 2, 3], { capacity: 4 });
    expect(bytes.capacity).toBe(64);
    bytes.resize(1);
    bytes.resize(3);
    expect([...bytes]).toEqual([1, 0, 0]);
    bytes.resize(100);
    expect(bytes.length).toBe(100);
    expect(bytes.capacity).toBeGreaterThanOrEqual(100);
    expect(bytes.get(0)).toBe(1);
    expect(bytes.get(99)).toBe(0);
    const view = memoryview(bytes);
    expect(view.nbytes).toBe(100);
    view.release();
  });

  it("has bytearray's item access, pop and iteration", () => {
    const bytes = new ResizableBytes([10, 20, 30]);
    expect([bytes.get(-1), bytes.get(1n), bytes.get(true)]).toEqual([30, 20, 20]);
    expect(() => bytes.get(3)).toThrow("bytearray index out of range");
    expect(() => bytes.get(1.5)).toThrow("bytearray indices must be integers or slices, not float");
    expect(() => bytes.set(0, 256)).toThrow("byte must be in range(0, 256)");
    expect(() => bytes.append(-1)).toThrow("byte must be in range(0, 256)");
    expect(() => bytes.extend("ab" as unknown as number[])).toThrow("expected iterable of integers; got: 'str'");
    expect(() => bytes.extend(5 as unknown as number[])).toThrow("can't extend bytearray with int");
    expect(bytes.pop(0)).toBe(10);
    expect(() => bytes.pop(5)).toThrow("pop index out of range");
    expect(bytes.toBytes()).toEqual(new Uint8Array([20, 30]));
    bytes.clear();
    expect(() => bytes.pop()).toThrow("pop from empty bytearray");
    bytes.extend(new Uint8Array([1, 2]));
    const seen: number[] = [];
    for (const value of bytes) {
      seen.push(value);
      if (seen.length === 1) bytes.append(3); // iteration sees the growth, as in CPython
    }
    expect(seen).toEqual([1, 2, 3]);
  });
});
