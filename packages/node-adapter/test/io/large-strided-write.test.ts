/**
 * A strided view of hundreds of megabytes is written with bounded extra
 * memory: the functions copy a chunk at a time, never the whole view. The
 * view is 288 MiB (98,304 rows of 3 KiB, taken bottom-up from rows of 4 KiB,
 * so neither contiguous nor in memory order); the extra memory measured
 * while writing (ArrayBuffer memory, heap and resident set, sampled after
 * every chunk) must stay far below the view's size. The files are compared
 * with the view, byte for byte.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { Writable } from "node:stream";
import { memoryview, slice, type MemoryView } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { write, writeSync } from "../../src/index.ts";
import { collectUntil } from "../helpers/gc.ts";
import { tempDirectory } from "../helpers/temp.ts";

const path = tempDirectory("large");
const MiB = 1 << 20;
const ROWS = 98_304;
const ROW_BYTES = 4096;
const TAKEN = 3072;
const VIEW_BYTES = ROWS * TAKEN; // 288 MiB
/** Extra memory allowed while writing to a file: a few chunks and the runtime's own noise, not the view. */
const BOUND = 48 * MiB;
/**
 * A stream may keep the chunks it is given, so each is a fresh copy, and
 * copies already written wait for the garbage collector, which V8 runs when
 * external memory has grown by some tens of MiB: still a fraction of the view.
 */
const STREAM_BOUND = 96 * MiB;

/** A base of 384 MiB filled with a period-251 pattern (by doubling copies, so it is quick). */
function patternedBase(): Uint8Array {
  const base = new Uint8Array(ROWS * ROW_BYTES);
  for (let i = 0; i < 251; i++) base[i] = (i * 7) % 251;
  for (let filled = 251; filled < base.length; filled *= 2) base.copyWithin(filled, 0, Math.min(filled, base.length - filled));
  return base;
}

interface Peak {
  arrayBuffers: number;
  heapUsed: number;
  rss: number;
}

/** Samples memory growth over a baseline taken after a collection. */
async function meter(): Promise<{ sample: () => void; peak: Peak }> {
  await collectUntil(() => false, 3);
  const base = process.memoryUsage();
  const peak: Peak = { arrayBuffers: 0, heapUsed: 0, rss: 0 };
  const sample = (): void => {
    const now = process.memoryUsage();
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers - base.arrayBuffers);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed - base.heapUsed);
    peak.rss = Math.max(peak.rss, now.rss - base.rss);
  };
  return { sample, peak };
}

/** Compares a file with the view's C-order bytes, 1024 rows at a time. */
function expectFileMatches(file: string, view: MemoryView): void {
  expect(statSync(file).size).toBe(VIEW_BYTES);
  const fd = openSync(file, "r");
  try {
    const block = Buffer.allocUnsafeSlow(1024 * TAKEN);
    for (let row = 0; row < ROWS; row += 1024) {
      expect(readSync(fd, block, 0, block.length, row * TAKEN)).toBe(block.length);
      const expected = (view.get(slice(row, row + 1024)) as MemoryView).toBytes();
      if (Buffer.compare(block, expected) !== 0) throw new Error(`rows ${row} to ${row + 1023} differ`);
    }
  } finally {
    closeSync(fd);
  }
}

/** SHA-256 of the view's C-order bytes, 1024 rows at a time. */
function viewDigest(view: MemoryView): string {
  const hash = createHash("sha256");
  for (let row = 0; row < ROWS; row += 1024) hash.update((view.get(slice(row, row + 1024)) as MemoryView).toBytes());
  return hash.digest("hex");
}

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

describe("a 288 MiB strided view", () => {
  const view = memoryview(patternedBase()).cast("B", [ROWS, ROW_BYTES]).get([slice(null, null, -1), slice(0, TAKEN)]) as MemoryView;

  it("is not contiguous and is as large as claimed", () => {
    expect([view.nbytes, view.contiguous, view.strides]).toEqual([VIEW_BYTES, false, [-ROW_BYTES, 1]]);
  });

  it("is written synchronously to a file with bounded extra memory, byte for byte", async () => {
    const { sample, peak } = await meter();
    const file = path("sync.bin");
    expect(writeSync(file, view, { onProgress: sample })).toBe(VIEW_BYTES);
    console.info(`writeSync of ${mib(VIEW_BYTES)}: extra arrayBuffers ${mib(peak.arrayBuffers)}, heap ${mib(peak.heapUsed)}, rss ${mib(peak.rss)}`);
    expect(peak.arrayBuffers).toBeLessThan(BOUND);
    expect(peak.heapUsed).toBeLessThan(BOUND);
    expect(peak.rss).toBeLessThan(BOUND);
    expectFileMatches(file, view);
    rmSync(file);
  });

  it("is written asynchronously to a path with bounded extra memory, byte for byte", async () => {
    const { sample, peak } = await meter();
    const file = path("async.bin");
    expect(await write(file, view, { onProgress: sample })).toBe(VIEW_BYTES);
    console.info(`write of ${mib(VIEW_BYTES)}: extra arrayBuffers ${mib(peak.arrayBuffers)}, heap ${mib(peak.heapUsed)}, rss ${mib(peak.rss)}`);
    expect(peak.arrayBuffers).toBeLessThan(BOUND);
    expect(peak.heapUsed).toBeLessThan(BOUND);
    expect(peak.rss).toBeLessThan(BOUND);
    expectFileMatches(file, view);
    rmSync(file);
  });

  it("is written to a slow Node Writable with bounded extra memory, in order", async () => {
    const { sample, peak } = await meter();
    const hash = createHash("sha256");
    let received = 0;
    const sink = new Writable({
      highWaterMark: 4 * MiB,
      write(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        received += chunk.length;
        setImmediate(done);
      },
    });
    expect(await write(sink, view, { onProgress: sample })).toBe(VIEW_BYTES);
    console.info(`write to a stream of ${mib(VIEW_BYTES)}: extra arrayBuffers ${mib(peak.arrayBuffers)}, heap ${mib(peak.heapUsed)}, rss ${mib(peak.rss)}`);
    expect(received).toBe(VIEW_BYTES);
    expect(peak.arrayBuffers).toBeLessThan(STREAM_BOUND);
    expect(peak.heapUsed).toBeLessThan(STREAM_BOUND);
    expect(peak.rss).toBeLessThan(STREAM_BOUND);
    expect(hash.digest("hex")).toBe(viewDigest(view));
  });
});
