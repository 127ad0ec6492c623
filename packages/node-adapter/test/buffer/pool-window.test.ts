/**
 * The pool-window rule: a pooled Buffer shares Node's slab with unrelated
 * data, so every operation of this package on it sees and touches exactly
 * its own bytes, and none detaches the slab (which on Node 20 and 22 breaks
 * every later pooled allocation in the process).
 */
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { BufferError, BufferFlags, getBuffer, isPythonError, memoryview, releaseBuffer, slice, type MemoryView } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bufferOf,
  isPooledBuffer,
  readInto,
  readIntoSync,
  ResizableBytes,
  shareView,
  toBuffer,
  write,
  writeSync,
} from "../../src/index.ts";
import { patternBytes, tempDirectory } from "../helpers/temp.ts";

const path = tempDirectory("pool");

interface Pooled {
  readonly left: Buffer;
  readonly middle: Buffer;
  readonly right: Buffer;
  readonly slab: ArrayBuffer;
  /**
   * Copies of the slab bytes around `middle`: the neighbours and any alignment
   * padding between them (later pooled allocations may use the rest of the slab).
   */
  readonly outside: () => Uint8Array;
}

/** Three adjacent Buffers carved from one pool slab; `middle` is the one under test. */
function pooledTriple(middleLength = 24): Pooled {
  for (let attempt = 0; attempt < 4; attempt++) {
    const left = Buffer.from("l".repeat(16));
    const middle = Buffer.from("m".repeat(middleLength));
    const right = Buffer.from("r".repeat(16));
    if (left.buffer !== middle.buffer || middle.buffer !== right.buffer) continue; // the pool rolled over: try again
    left.fill(0xaa);
    middle.set(patternBytes(middle.length, 3));
    right.fill(0xbb);
    const slab = middle.buffer as ArrayBuffer;
    const outside = (): Uint8Array => {
      const all = new Uint8Array(slab);
      const before = all.slice(left.byteOffset, middle.byteOffset);
      const after = all.slice(middle.byteOffset + middle.length, right.byteOffset + right.length);
      const result = new Uint8Array(before.length + after.length);
      result.set(before);
      result.set(after, before.length);
      return result;
    };
    return { left, middle, right, slab, outside };
  }
  throw new Error("could not allocate three Buffers from one pool slab");
}

/** The slab outside `middle` is byte for byte what it was, and the pool still works. */
function expectUntouched(pooled: Pooled, before: Uint8Array): void {
  expect(pooled.slab.byteLength).toBeGreaterThan(0);
  expect(pooled.outside()).toEqual(before);
  expect(pooled.left.every((b) => b === 0xaa)).toBe(true);
  expect(pooled.right.every((b) => b === 0xbb)).toBe(true);
  // A later pooled allocation still works (a detached slab makes this throw).
  expect(Buffer.from("after").toString()).toBe("after");
  expect(Buffer.allocUnsafe(8).length).toBe(8);
}

describe("a pooled Buffer", () => {
  it("is recognised as a window of a larger ArrayBuffer", () => {
    const { middle } = pooledTriple();
    expect(isPooledBuffer(middle)).toBe(true);
    expect(isPooledBuffer(Buffer.alloc(16))).toBe(false);
  });

  it("exports exactly its window", () => {
    const pooled = pooledTriple();
    const before = pooled.outside();
    const record = getBuffer(pooled.middle, BufferFlags.FULL);
    expect([record.memory, record.buf, record.len, record.shape]).toEqual([pooled.slab, pooled.middle.byteOffset, 24, [24]]);
    releaseBuffer(record);
    const view = memoryview(pooled.middle);
    expect(view.toBytes()).toEqual(new Uint8Array(pooled.middle));
    view.set(23, 1);
    view.set(0, 2);
    expect(() => view.set(24, 3)).toThrow(RangeError);
    expect((view.cast("B", [4, 6]).get([slice(null), slice(0, 1)]) as MemoryView).nbytes).toBe(4);
    view.release();
    expect([pooled.middle[0], pooled.middle[23]]).toEqual([2, 1]);
    expectUntouched(pooled, before);
  });

  it("converts to a Buffer over exactly its window, and copies exactly its bytes", () => {
    const pooled = pooledTriple();
    const before = pooled.outside();
    const shared = toBuffer(pooled.middle);
    expect([shared.buffer, shared.byteOffset, shared.length]).toEqual([pooled.slab, pooled.middle.byteOffset, 24]);
    shared.fill(9);
    expect(pooled.middle.every((b) => b === 9)).toBe(true);
    const copy = bufferOf(pooled.middle, { copy: "always" });
    expect(copy.buffer).toEqual(pooled.middle);
    expect(copy.buffer.buffer).not.toBe(pooled.slab);
    expect(copy.buffer.buffer.byteLength).toBe(24);
    expect(new ResizableBytes(pooled.middle).toBytes()).toEqual(new Uint8Array(pooled.middle));
    expectUntouched(pooled, before);
  });

  it("writes exactly its bytes to a file, a descriptor and a stream", async () => {
    const pooled = pooledTriple();
    const before = pooled.outside();
    const expected = new Uint8Array(pooled.middle);
    writeSync(path("sync.bin"), pooled.middle);
    expect(new Uint8Array(readFileSync(path("sync.bin")))).toEqual(expected);
    await write(path("async.bin"), memoryview(pooled.middle).get(slice(null, null, 2)));
    expect(new Uint8Array(readFileSync(path("async.bin")))).toEqual(expected.filter((_, i) => i % 2 === 0));
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk), done()) });
    await write(sink, pooled.middle, { chunkSize: 5 });
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(expected);
    // The stream got copies: nothing it keeps points into the slab.
    expect(chunks.every((chunk) => chunk.buffer !== pooled.slab)).toBe(true);
    expectUntouched(pooled, before);
  });

  it("reads into exactly its window from a longer file, a Readable and a byte ReadableStream", async () => {
    const pooled = pooledTriple();
    const before = pooled.outside();
    const data = patternBytes(100, 11);
    writeFileSync(path("long.bin"), data);
    expect(readIntoSync(path("long.bin"), pooled.middle)).toBe(24);
    expect(new Uint8Array(pooled.middle)).toEqual(data.subarray(0, 24));
    const fd = openSync(path("long.bin"), "r");
    try {
      expect(await readInto(fd, memoryview(pooled.middle).get(slice(null, null, -1)), { position: 50 })).toBe(24);
      expect(new Uint8Array(pooled.middle)).toEqual(data.slice(50, 74).reverse());
    } finally {
      closeSync(fd);
    }
    expect(await readInto(Readable.from([Buffer.from(data)]), pooled.middle)).toBe(24);
    expect(new Uint8Array(pooled.middle)).toEqual(data.subarray(0, 24));
    const byteStream = new ReadableStream({
      type: "bytes",
      start(controller) {
        controller.enqueue(data.slice(30, 90)); // its own ArrayBuffer, never a pooled one
        controller.close();
      },
    });
    expect(await readInto(byteStream, pooled.middle)).toBe(24);
    expect(new Uint8Array(pooled.middle)).toEqual(data.subarray(30, 54));
    expectUntouched(pooled, before);
  });

  it("is refused or copied (its window only) for another thread, never transferred", () => {
    const pooled = pooledTriple();
    const before = pooled.outside();
    let refusal: unknown;
    try {
      shareView(pooled.middle);
    } catch (error) {
      refusal = error;
    }
    expect(isPythonError(refusal, "BufferError")).toBe(true);
    expect((refusal as BufferError).message).toContain("its memory is an ArrayBuffer");
    const copy = shareView(pooled.middle, { nonShared: "copy" });
    expect([copy.copied, copy.buf, copy.len, copy.memory.byteLength]).toEqual([true, 0, 24, 24]);
    expect(new Uint8Array(copy.memory)).toEqual(new Uint8Array(pooled.middle));
    expectUntouched(pooled, before);
  });

  it("keeps its neighbours for any strided window written or read (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: -3, max: 3 }).filter((step) => step !== 0),
        fc.integer({ min: 1, max: 7 }),
        async (length, step, chunkSize) => {
          const pooled = pooledTriple(length);
          const before = pooled.outside();
          const view = memoryview(pooled.middle).get(slice(null, null, step)) as MemoryView;
          const expected = view.toBytes();
          const file = path(`property-${length}-${step}.bin`);
          expect(await write(file, view, { chunkSize })).toBe(expected.length);
          expect(new Uint8Array(readFileSync(file))).toEqual(expected);
          pooled.middle.fill(0);
          expect(readIntoSync(file, view, { chunkSize })).toBe(expected.length);
          expect(view.toBytes()).toEqual(expected);
          view.release();
          expectUntouched(pooled, before);
        },
      ),
      { numRuns: 60 },
    );
  });
});
