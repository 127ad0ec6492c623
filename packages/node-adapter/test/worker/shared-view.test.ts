/**
 * Views across worker threads: a view over a SharedArrayBuffer is sent as a
 * descriptor and rebuilt in a real worker as an equivalent view of the same
 * bytes (writes on either side are seen on the other, so nothing was
 * copied); a view over non-shared memory is refused, or copied when asked.
 */
import { Worker } from "node:worker_threads";
import { BufferError, isPythonError, memoryview, NDArray, NDArrayFlags, slice, type MemoryView } from "@pybuffer/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fromSharedView,
  isSharedViewDescriptor,
  MemoryRegion,
  shareView,
  type SharedViewDescriptor,
} from "../../src/index.ts";
import { buildWorker } from "../helpers/worker-build.ts";
import { tempDirectory } from "../helpers/temp.ts";

interface Report {
  readonly format: string;
  readonly shape: number[];
  readonly strides: number[];
  readonly readonly: boolean;
  readonly list: unknown;
  readonly error?: string;
}

/** The worker rebuilds the view, reports what it sees, then writes `value` at `index`. */
const SCRIPT = `
import { parentPort } from "node:worker_threads";
import { fromSharedView } from "./node-adapter/index.js";
parentPort.on("message", ({ descriptor, index, value }) => {
  try {
    const view = fromSharedView(descriptor);
    const report = { format: view.format, shape: view.shape, strides: view.strides, readonly: view.readonly, list: view.toList() };
    if (index !== undefined) view.set(index, value);
    view.release();
    parentPort.postMessage(report);
  } catch (error) {
    parentPort.postMessage({ error: error.name + ": " + error.message });
  }
});
`;

const directory = tempDirectory("worker");
let worker: Worker;

beforeAll(() => {
  worker = new Worker(buildWorker(directory(""), SCRIPT));
});

afterAll(async () => {
  await worker.terminate();
});

function roundTrip(descriptor: SharedViewDescriptor, index?: number | number[], value?: number): Promise<Report> {
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.postMessage({ descriptor, index, value });
  });
}

describe("a view over shared memory", () => {
  it("is rebuilt in a worker with the same format, shape, strides and offset, over the same bytes", async () => {
    const memory = new SharedArrayBuffer(4 * 6 * 2);
    const cells = new Int16Array(memory);
    cells.set(Array.from({ length: 24 }, (_, i) => i - 5));
    // Rows bottom-up, every other column, from the second: strided, negative, offset.
    const view = memoryview(cells).cast("B").cast("h", [4, 6]).get([slice(null, null, -1), slice(1, null, 2)]) as MemoryView;
    const descriptor = shareView(view);
    expect([descriptor.copied, descriptor.memory, descriptor.buf, descriptor.shape, descriptor.strides]).toEqual([
      false,
      memory,
      38,
      [4, 3],
      [-12, 4],
    ]);
    const items = view.toList();
    const report = await roundTrip(descriptor, [0, 2], 1234);
    expect(report).toEqual({ format: "h", shape: [4, 3], strides: [-12, 4], readonly: false, list: items });
    // The worker's write is in this thread's memory: nothing was copied.
    expect(view.get([0, 2])).toBe(1234);
    expect(cells[23]).toBe(1234);
  });

  it("keeps format, read-only flag and ABI of a region, and 0-d views", async () => {
    const memory = new SharedArrayBuffer(64, { maxByteLength: 128 });
    new Float32Array(memory, 16, 2).set([1.5, -2.25]);
    const region = new MemoryRegion(memory, { byteOffset: 16, format: "<f", shape: [2], readonly: true });
    const report = await roundTrip(shareView(region));
    expect(report).toEqual({ format: "<f", shape: [2], strides: [4], readonly: true, list: [1.5, -2.25] });
    memory.grow(128);
    const scalar = await roundTrip(shareView(new MemoryRegion(memory, { byteOffset: 100, format: "<I", shape: [] })), [] as unknown as number[], 7);
    expect([scalar.shape, scalar.list]).toEqual([[], 0]);
    expect(new DataView(memory).getUint32(100, true)).toBe(7);
  });
});

describe("a view over non-shared memory", () => {
  it("is refused by default, saying why", () => {
    let error: unknown;
    try {
      shareView(new Float64Array(4));
    } catch (caught) {
      error = caught;
    }
    expect(isPythonError(error, "BufferError")).toBe(true);
    expect((error as BufferError).message).toBe(
      "cannot share this view with another thread without copying: its memory is an ArrayBuffer, " +
        "which postMessage would clone (use a SharedArrayBuffer, or pass { nonShared: 'copy' })",
    );
  });

  it("is copied into shared memory when asked: the worker gets the items, the original stays apart", async () => {
    const data = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const view = memoryview(data).get(slice(null, null, -3));
    const descriptor = shareView(view, { nonShared: "copy" });
    expect([descriptor.copied, descriptor.buf, descriptor.strides, descriptor.memory.byteLength]).toEqual([true, 0, [1], 3]);
    const report = await roundTrip(descriptor, 0, 99);
    expect(report.list).toEqual([8, 5, 2]);
    expect(data[7]).toBe(8);
    expect(new Uint8Array(descriptor.memory)[0]).toBe(99);
  });

  it("copies PIL-style data in C order", () => {
    const pil = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], flags: NDArrayFlags.PIL });
    const descriptor = shareView(pil, { nonShared: "copy" });
    expect([descriptor.suboffsets, [...new Uint8Array(descriptor.memory)]]).toEqual([null, [1, 2, 3, 4, 5, 6]]);
  });
});

describe("fromSharedView", () => {
  it("rebuilds PIL-style views over shared memory, in this thread too", () => {
    // Two pointers (wasm32, 4 bytes) at 0 and 4 to rows at 8 and 11.
    const memory = new SharedArrayBuffer(14);
    const bytes = new DataView(memory);
    bytes.setUint32(0, 11, true);
    bytes.setUint32(4, 8, true);
    new Uint8Array(memory).set([1, 2, 3, 4, 5, 6], 8);
    const descriptor: SharedViewDescriptor = {
      type: "pybuffer.shared-view", memory, buf: 0, len: 6, itemsize: 1, readonly: false, format: "B",
      ndim: 2, shape: [2, 3], strides: [4, 1], suboffsets: [0, -1], abi: "wasm32", copied: false,
    };
    const received = structuredClone(descriptor);
    expect(isSharedViewDescriptor(received)).toBe(true);
    expect(fromSharedView(received).toList()).toEqual([[4, 5, 6], [1, 2, 3]]);
    expect(shareView(fromSharedView(received)).suboffsets).toEqual([0, -1]);
  });

  it("refuses what is not a descriptor, and validates the fields", () => {
    expect(() => fromSharedView({ type: "pybuffer.shared-view", memory: new ArrayBuffer(4) })).toThrow("expected a descriptor made by shareView");
    const good = shareView(new Uint8Array(new SharedArrayBuffer(4)));
    expect(() => fromSharedView({ ...good, len: 8, shape: [8] })).toThrow(/invalid buffer record: .*outside the memory block/);
    expect(() => fromSharedView({ ...good, abi: "pdp11" })).toThrow("abi pdp11 is not a known ABI profile");
  });
});
