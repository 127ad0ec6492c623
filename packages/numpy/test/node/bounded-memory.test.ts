/**
 * "Without holding the whole file twice": a 64 MiB strided float64 view is
 * written with saveNpyFile and read back with loadNpyFile, from a path and
 * from a Readable, while ArrayBuffer and heap memory are sampled after every
 * chunk (from a stream, memory held: chunks already copied are garbage). Writing takes a few chunks of extra memory, never the view's size;
 * reading takes the array's own memory (allocated once) and a few chunks,
 * never twice the array. The data read back is compared item by item.
 */
import { createReadStream, statSync } from "node:fs";
import { setImmediate as nextTask } from "node:timers/promises";
import { memoryview, slice, type MemoryView } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { loadNpyFile, saveNpyFile } from "../../src/node/index.ts";
import { tempPaths } from "../helpers/streams.ts";

const MiB = 1 << 20;
const ITEMS = 8 * MiB; // of the view: 64 MiB of float64
const VIEW_BYTES = ITEMS * 8;
/** Extra memory allowed beyond what must be held: a few 1 MiB chunks and the runtime's noise. */
const SLACK = 16 * MiB;
const path = tempPaths("memory");
const file = path("large.npy");

interface Peak {
  arrayBuffers: number;
  heapUsed: number;
}

/**
 * Samples memory growth over a baseline taken after collections. With
 * `collect`, each sample collects first, so it measures memory held, not
 * garbage waiting for the collector (a Readable gives a fresh Buffer per
 * chunk, which is garbage once copied, but V8 frees it only when it runs).
 */
async function meter(collect = false): Promise<{ sample: () => void; peak: Peak }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("gc() is not exposed: run the tests with --expose-gc (see vitest.config.ts)");
  for (let i = 0; i < 3; i++) {
    gc();
    await nextTask();
  }
  const base = process.memoryUsage();
  const peak: Peak = { arrayBuffers: 0, heapUsed: 0 };
  const sample = (): void => {
    if (collect) gc();
    const now = process.memoryUsage();
    peak.arrayBuffers = Math.max(peak.arrayBuffers, now.arrayBuffers - base.arrayBuffers);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed - base.heapUsed);
  };
  return { sample, peak };
}

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

/** Every other item of 0..2*ITEMS-1, backwards: item j of the view is 2*ITEMS - 1 - 2*j. */
function reversedEveryOther(): MemoryView {
  const base = new Float64Array(2 * ITEMS);
  for (let i = 0; i < base.length; i++) base[i] = i;
  return memoryview(base).get(slice(null, null, -2)) as MemoryView;
}

/** Index of the first item that differs from the view's, or -1. */
function firstMismatch(data: Uint8Array): number {
  const items = new Float64Array(data.buffer, data.byteOffset, ITEMS);
  for (let j = 0; j < ITEMS; j++) if (items[j] !== 2 * ITEMS - 1 - 2 * j) return j;
  return -1;
}

describe("streaming .npy of a 64 MiB strided view", () => {
  it("is written to a path with extra memory of a few chunks, not the view", async () => {
    const view = reversedEveryOther();
    expect([view.nbytes, view.contiguous]).toEqual([VIEW_BYTES, false]);
    const { sample, peak } = await meter();
    const size = await saveNpyFile(file, view, { onProgress: sample });
    console.info(`saveNpyFile of ${mib(VIEW_BYTES)}: extra arrayBuffers ${mib(peak.arrayBuffers)}, heap ${mib(peak.heapUsed)}`);
    expect([size, statSync(file).size]).toEqual([128 + VIEW_BYTES, 128 + VIEW_BYTES]);
    expect(peak.arrayBuffers).toBeLessThan(SLACK);
    expect(peak.heapUsed).toBeLessThan(SLACK);
  });

  it("is read from the path into one allocation: the array and a few chunks, not twice", async () => {
    const { sample, peak } = await meter();
    const a = await loadNpyFile(file, { onProgress: sample });
    console.info(`loadNpyFile of ${mib(VIEW_BYTES)} from a path: extra arrayBuffers ${mib(peak.arrayBuffers)}, heap ${mib(peak.heapUsed)}`);
    expect(peak.arrayBuffers).toBeGreaterThanOrEqual(VIEW_BYTES); // the array itself is measured
    expect(peak.arrayBuffers).toBeLessThan(VIEW_BYTES + SLACK);
    expect(peak.heapUsed).toBeLessThan(SLACK);
    expect([a.dtype, a.shape, a.data.buffer.byteLength, firstMismatch(a.data)]).toEqual(["<f8", [ITEMS], VIEW_BYTES, -1]);
  });

  it("is read from a Readable into one allocation: the array and a few chunks, not twice", async () => {
    const { sample, peak } = await meter(true);
    const a = await loadNpyFile(createReadStream(file, { highWaterMark: MiB }), { onProgress: sample });
    console.info(`loadNpyFile of ${mib(VIEW_BYTES)} from a stream: extra arrayBuffers ${mib(peak.arrayBuffers)}, heap ${mib(peak.heapUsed)}`);
    expect(peak.arrayBuffers).toBeGreaterThanOrEqual(VIEW_BYTES);
    expect(peak.arrayBuffers).toBeLessThan(VIEW_BYTES + SLACK);
    expect(peak.heapUsed).toBeLessThan(SLACK);
    expect(firstMismatch(a.data)).toBe(-1);
  });
});
