/**
 * The chunk plan: the pieces of any buffer, in order, are exactly its
 * C-order bytes, and none is larger than the chunk size (or one item, when
 * an item is larger). Internal module, tested directly.
 */
import { BufferFlags, getBuffer, isContiguous, releaseBuffer, toContiguous } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkBytes, chunksOf, scratchLength } from "../../src/io/chunk-plan.ts";

/** A scratch buffer for the chunks of `record`: as large as the largest chunk. */
const scratchFor = (record: Parameters<typeof scratchLength>[0], chunkSize: number): Uint8Array => new Uint8Array(scratchLength(record, chunkSize));
import { layoutCase, makeLayout } from "../helpers/layouts.ts";

describe("chunksOf", () => {
  it("cuts any layout into bounded pieces whose concatenation is the C-order copy (property)", () => {
    fc.assert(
      fc.property(layoutCase, fc.integer({ min: 1, max: 40 }), (layout, chunkSize) => {
        const record = getBuffer(makeLayout(layout), BufferFlags.FULL_RO);
        try {
          const expected = toContiguous(record);
          const scratch = scratchFor(record, chunkSize);
          const pieces: number[] = [];
          for (const chunk of chunksOf(record, chunkSize, undefined)) {
            expect(chunk.record.len).toBeLessThanOrEqual(Math.max(chunkSize, record.itemsize));
            expect(chunk.record.len).toBeGreaterThan(0);
            pieces.push(...chunkBytes(chunk, true, undefined, () => scratch));
          }
          expect(new Uint8Array(pieces)).toEqual(expected);
        } finally {
          releaseBuffer(record);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("gives contiguous memory as plain byte runs, and a strided 2-D view as blocks of rows", () => {
    const flat = getBuffer(new Uint8Array(10), BufferFlags.FULL_RO);
    expect([...chunksOf(flat, 4, undefined)].map((c) => [c.record.buf, c.record.len, c.contiguous])).toEqual([
      [0, 4, true],
      [4, 4, true],
      [8, 2, true],
    ]);
    const rows = { ...flat, shape: [5, 2], strides: [2, 1], ndim: 2, itemsize: 1 };
    const columns = { ...rows, shape: [5, 1], len: 5, buf: 1 };
    expect([...chunksOf(columns, 2, undefined)].map((c) => [c.record.buf, c.record.shape, c.contiguous])).toEqual([
      [1, [2, 1], false],
      [5, [2, 1], false],
      [9, [1, 1], true],
    ]);
    releaseBuffer(flat);
  });

  it("gives a buffer of any layout that fits in one chunk as the record itself, with the bytes of many small chunks (property)", () => {
    fc.assert(
      fc.property(layoutCase, (layout) => {
        const record = getBuffer(makeLayout(layout), BufferFlags.FULL_RO);
        try {
          const whole = [...chunksOf(record, record.len, undefined)];
          const scratch = scratchFor(record, record.len);
          if (record.len > 0) {
            expect(whole).toEqual([{ record, contiguous: isContiguous(record, "C") }]);
            expect(whole[0]!.record).toBe(record);
          }
          const small = scratchFor(record, 1);
          const pieces: number[] = [];
          for (const chunk of chunksOf(record, 1, undefined)) pieces.push(...chunkBytes(chunk, false, undefined, () => small));
          const joined = whole.flatMap((chunk) => [...chunkBytes(chunk, false, undefined, () => scratch)]);
          expect(new Uint8Array(joined)).toEqual(new Uint8Array(pieces));
        } finally {
          releaseBuffer(record);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives nothing for an empty buffer", () => {
    const empty = getBuffer(new Uint8Array(0), BufferFlags.FULL_RO);
    expect([...chunksOf(empty, 4, undefined)]).toEqual([]);
  });
});
