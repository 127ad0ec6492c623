/**
 * The scratch buffer that synchronous strided writes borrow from call to
 * call: it is reused, it is lent to one call at a time (a write made from
 * inside another gets its own), it comes back after a failure, and what a
 * previous call left in it never reaches a file.
 */
import * as fs from "node:fs";
import { readFileSync } from "node:fs";
import { memoryview, slice, type MemoryView } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readInto, readIntoSync, write, writeSync, type AsyncFileSystem, type SyncFileSystem } from "../../src/index.ts";
import { borrowScratch, returnScratch } from "../../src/io/spare-scratch.ts";
import { cOrder } from "../helpers/exporter-checks.ts";
import { layoutCase, makeLayout } from "../helpers/layouts.ts";
import { patternBytes, tempDirectory } from "../helpers/temp.ts";

const path = tempDirectory("scratch");
const fileBytes = (file: string): Uint8Array => new Uint8Array(readFileSync(file));

/** Every other item of `count` 'd' items' worth of patterned bytes: a strided view. */
function everyOther(count: number, seed: number): MemoryView {
  return memoryview(new Float64Array(patternBytes(16 * count, seed).buffer)).get(slice(null, null, 2)) as MemoryView;
}

/** node:fs, recording every buffer handed to writeSync. */
function recordingFs(): { fs: SyncFileSystem; buffers: Uint8Array[] } {
  const buffers: Uint8Array[] = [];
  return {
    buffers,
    fs: { ...fs, writeSync: (fd, buffer, offset, length, position) => (buffers.push(buffer), fs.writeSync(fd, buffer, offset, length, position)) },
  };
}

describe("the scratch buffer of synchronous strided writes", () => {
  it("is reused from one call to the next", () => {
    const { fs: recording, buffers } = recordingFs();
    for (let i = 0; i < 3; i++) writeSync(path("reuse.bin"), everyOther(100, i), { fs: recording });
    expect(buffers).toHaveLength(3);
    expect(new Set(buffers.map((b) => b.buffer)).size).toBe(1);
    expect(fileBytes(path("reuse.bin"))).toEqual(cOrder(everyOther(100, 2)));
  });

  it("is lent to one call at a time: a write from inside a write gets a buffer of its own", () => {
    const outer = everyOther(300, 1);
    const inner = everyOther(200, 2);
    const { fs: recording, buffers } = recordingFs();
    let nested = 0;
    const onProgress = (): void => {
      if (nested++ === 0) writeSync(path("inner.bin"), inner, { fs: recording });
    };
    // Chunks of 1,000 bytes: the outer write still has chunks to copy into its scratch after the inner one.
    writeSync(path("outer.bin"), outer, { fs: recording, chunkSize: 1000, onProgress });
    expect(fileBytes(path("outer.bin"))).toEqual(cOrder(outer));
    expect(fileBytes(path("inner.bin"))).toEqual(cOrder(inner));
    const [first, innerBuffer] = buffers;
    expect(innerBuffer!.buffer).not.toBe(first!.buffer);
  });

  it("comes back after a failed write", () => {
    const failing: SyncFileSystem = {
      ...fs,
      writeSync: () => {
        throw Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" });
      },
    };
    expect(() => writeSync(path("failed.bin"), everyOther(50, 3), { fs: failing })).toThrow(/i\/o error/);
    const { fs: recording, buffers } = recordingFs();
    writeSync(path("after.bin"), everyOther(50, 4), { fs: recording });
    writeSync(path("after.bin"), everyOther(50, 5), { fs: recording });
    expect(buffers[0]!.buffer).toBe(buffers[1]!.buffer);
    expect(fileBytes(path("after.bin"))).toEqual(cOrder(everyOther(50, 5)));
  });

  it("never lets what an earlier write left in it reach a file (property)", () => {
    fc.assert(
      fc.property(fc.array(layoutCase, { minLength: 1, maxLength: 4 }), (layouts) => {
        for (const layout of layouts) {
          const view = makeLayout(layout);
          writeSync(path("sequence.bin"), view);
          expect(fileBytes(path("sequence.bin"))).toEqual(cOrder(view));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("is the staging area of strided synchronous reads too, and what a write left in it never reaches a target", () => {
    const staged: Uint8Array[] = [];
    const recording: SyncFileSystem = {
      ...fs,
      readSync: (fd, buffer, offset, length, position) => (staged.push(buffer), fs.readSync(fd, buffer, offset, length, position)),
    };
    writeSync(path("source.bin"), patternBytes(120, 7)); // contiguous: no scratch
    writeSync(path("other.bin"), everyOther(100, 8)); // strided: fills the scratch with other bytes
    for (let i = 0; i < 2; i++) {
      const items = new Float64Array(40).fill(-1);
      const target = memoryview(items).get(slice(null, null, 2)) as MemoryView;
      expect(readIntoSync(path("source.bin"), target, { fs: recording })).toBe(120);
      const bytes = new Uint8Array(items.buffer);
      // 15 items arrived, in every other slot; the 16th to 20th target items keep their -1.
      for (let item = 0; item < 20; item++) {
        const slot = [...bytes.subarray(16 * item, 16 * item + 8)];
        expect(slot).toEqual(item < 15 ? [...patternBytes(120, 7).subarray(8 * item, 8 * item + 8)] : [...new Uint8Array(new Float64Array([-1]).buffer)]);
        expect(items[2 * item + 1]).toBe(-1);
      }
    }
    expect(new Set(staged.map((b) => b.buffer)).size).toBe(1);
  });

  it("is lent to asynchronous writes and reads for their whole run: a call made meanwhile gets a buffer of its own", async () => {
    const asyncBuffers: Uint8Array[] = [];
    let inFlight: (() => void) | undefined;
    const slow: AsyncFileSystem = {
      ...fs,
      write: (fd, buffer, offset, length, position, callback) => {
        asyncBuffers.push(buffer);
        // The first chunk waits until the test lets it go; the others go at once.
        const go = (): void => fs.write(fd, buffer, offset, length, position, callback);
        if (inFlight === undefined && asyncBuffers.length === 1) inFlight = go;
        else go();
      },
      read: (fd, buffer, offset, length, position, callback) => {
        asyncBuffers.push(buffer);
        fs.read(fd, buffer, offset, length, position, callback);
      },
    };
    const { fs: recording, buffers } = recordingFs();
    const outer = everyOther(300, 11);
    const fd = fs.openSync(path("async-outer.bin"), "w");
    const pending = write(fd, outer, { fs: slow, chunkSize: 1000 });
    expect(asyncBuffers).toHaveLength(1); // a descriptor: the first chunk is handed over before write() returns
    // While the asynchronous write holds the kept buffer, a synchronous one copies elsewhere.
    writeSync(path("sync-inner.bin"), everyOther(100, 12), { fs: recording });
    expect(buffers[0]!.buffer === asyncBuffers[0]!.buffer).toBe(false);
    inFlight!();
    expect(await pending).toBe(2400);
    fs.closeSync(fd);
    expect(fileBytes(path("async-outer.bin"))).toEqual(cOrder(outer));
    expect(fileBytes(path("sync-inner.bin"))).toEqual(cOrder(everyOther(100, 12)));
    // Given back: the next synchronous write and an asynchronous read use the same buffer.
    writeSync(path("sync-after.bin"), everyOther(100, 13), { fs: recording });
    expect(buffers[1]!.buffer === asyncBuffers[0]!.buffer).toBe(true);
    const target = new Float64Array(200).fill(-1);
    expect(await readInto(path("async-outer.bin"), memoryview(target).get(slice(null, null, 2)), { fs: slow })).toBe(800);
    expect(asyncBuffers.at(-1)!.buffer === asyncBuffers[0]!.buffer).toBe(true);
    expect(new Uint8Array(new Float64Array(target.filter((_, i) => i % 2 === 0)).buffer)).toEqual(cOrder(outer).subarray(0, 800));
  });

  it("keeps one buffer, the largest of at most 1 MiB, and drops larger ones", () => {
    const small = borrowScratch(16);
    returnScratch(small);
    const large = borrowScratch(4096); // the kept one is too small: a new one, kept instead when returned
    // Identity as booleans: a failed toBe would print megabytes of array.
    expect(large === small).toBe(false);
    returnScratch(large);
    expect(borrowScratch(100) === large).toBe(true);
    expect(borrowScratch(100) === large).toBe(false); // lent out already
    returnScratch(large);
    const huge = borrowScratch((1 << 20) + 1);
    returnScratch(huge);
    expect(borrowScratch((1 << 20) + 1) === huge).toBe(false);
  });
});
