/**
 * The fast paths of slicing and concatenation against the general path:
 * a built-in base (whose slots run no code, so `b[i:j]` reads its window
 * once) against the same bytes behind old-protocol slots (read twice, as
 * CPython's SLICE opcode does); small results made with plain Uint8Array
 * operations against large ones made by core; a built-in `other` found
 * without looking each slot up against one with slots of its own. Results
 * own their memory, and memory that goes away midway is a BufferError.
 */
import { slice } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buffer, getReadBufferSymbol, getSegmentCountSymbol, type OldBufferExporter } from "../../src/index.ts";
import { sliceIndices, windowOf } from "../support/reference.ts";

/** The same bytes behind the old protocol's slots, counting the read slot's calls. */
class CountingExporter implements OldBufferExporter {
  reads = 0;
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  [getSegmentCountSymbol]() {
    return { count: 1, length: this.bytes.length };
  }
  [getReadBufferSymbol]() {
    this.reads++;
    return this.bytes;
  }
}

/** Byte equality as one boolean (toEqual walks 70 KB arrays element by element, and prints them on failure). */
function sameBytes(actual: unknown, expected: Uint8Array): boolean {
  return actual instanceof Uint8Array && Buffer.compare(actual, expected) === 0;
}

/** Patterned bytes of each length, made once. */
const patterns = new Map<string, Uint8Array>();
function pattern(length: number, seed: number): Uint8Array {
  const key = `${length}/${seed}`;
  let bytes = patterns.get(key);
  if (bytes === undefined) {
    bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = (i * seed + 7) % 256;
    patterns.set(key, bytes);
  }
  return bytes;
}

/** Whether `bytes` is a whole ArrayBuffer of its own, not a window on `base`'s memory. */
function ownsItsMemory(bytes: Uint8Array, base: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length && bytes.buffer !== base.buffer;
}

const bound = fc.option(fc.integer({ min: -40, max: 40 }), { nil: null });
/** Sizes on both sides of the 64 KiB where results stop being made here. */
const LENGTHS = [0, 1, 7, 1000, 65535 - 2, 65536, 65536 + 3, 70000];

describe("slicing: one window read for a built-in base, two for slots that run code", () => {
  it("gives the same bytes as the general path and the reference, for any window and simple slice (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LENGTHS),
        fc.integer({ min: 0, max: 20 }),
        fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 70010 })),
        bound,
        bound,
        (length, offset, size, start, stop) => {
          const bytes = pattern(length, 31);
          const expected = windowOf(bytes, offset, size);
          const indices = sliceIndices(expected.length, start, stop, null);
          const picked = expected.subarray(indices[0] ?? 0, (indices[0] ?? 0) + indices.length); // a simple slice is one run
          const fast = buffer(bytes, offset, size).get(slice(start, stop));
          const general = buffer(new CountingExporter(bytes), offset, size).get(slice(start, stop));
          expect(sameBytes(fast, picked)).toBe(true);
          expect(sameBytes(general, picked)).toBe(true);
          if (fast.length > 0) expect(ownsItsMemory(fast, bytes)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("still reads an exporter's window twice for b[i:j] with a negative bound, once otherwise", () => {
    const exporter = new CountingExporter(Uint8Array.of(1, 2, 3, 4));
    const b = buffer(exporter);
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3));
    expect(exporter.reads).toBe(2);
    expect(b.get(slice(1, 3))).toEqual(Uint8Array.of(2, 3));
    expect(exporter.reads).toBe(3);
  });

  it("gives a string base's UTF-16LE window, read once, as the reference does", () => {
    const units = Uint8Array.from([..."abcdef"].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(buffer("abcdef", 2).get(slice(1, -1))).toEqual(windowOf(units, 2, -1).slice(1, -1));
  });
});

describe("concatenation: small results made here, large ones by core, built-ins found without slot look-ups", () => {
  it("gives the same bytes as the general path, on both sides of 64 KiB (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...LENGTHS), fc.constantFrom(...LENGTHS), fc.integer({ min: 0, max: 5 }), (length, otherLength, offset) => {
        const bytes = pattern(length, 13);
        const other = pattern(otherLength, 17);
        const head = windowOf(bytes, offset, -1);
        const expected = new Uint8Array(head.length + other.length);
        expected.set(head);
        expected.set(other, head.length);
        const fast = buffer(bytes, offset).concat(other);
        const general = buffer(new CountingExporter(bytes), offset).concat(new CountingExporter(other));
        if (head.length === 0) {
          expect(fast).toBe(other);
          return;
        }
        expect(sameBytes(fast, expected)).toBe(true);
        expect(sameBytes(general, expected)).toBe(true);
        expect(ownsItsMemory(fast as Uint8Array, bytes)).toBe(true);
        expect((fast as Uint8Array).buffer).not.toBe(other.buffer);
      }),
      { numRuns: 100 },
    );
  });

  it("takes any Uint8Array the fast way (a Buffer, a subclass, a window with an offset), with the general path's bytes (property)", () => {
    class Bytes extends Uint8Array {}
    const kinds = {
      "Uint8Array": (bytes: Uint8Array) => bytes.slice(),
      Buffer: (bytes: Uint8Array) => Buffer.from(bytes),
      subclass: (bytes: Uint8Array) => Bytes.from(bytes),
      "window at an offset": (bytes: Uint8Array) => {
        const wider = new Uint8Array(bytes.length + 6).fill(0xff);
        wider.set(bytes, 3);
        return wider.subarray(3, 3 + bytes.length);
      },
    };
    fc.assert(
      fc.property(fc.constantFrom(...LENGTHS), fc.constantFrom(...LENGTHS.filter((n) => n > 0)), fc.constantFrom(...Object.keys(kinds)), (length, otherLength, kind) => {
        const bytes = pattern(length, 13);
        const other = kinds[kind as keyof typeof kinds](pattern(otherLength, 17));
        const fast = buffer(bytes).concat(other);
        const general = buffer(new CountingExporter(bytes)).concat(new CountingExporter(pattern(otherLength, 17)));
        if (length === 0) {
          expect(fast).toBe(other);
          return;
        }
        expect(sameBytes(fast, general as Uint8Array), kind).toBe(true);
        expect((fast as Uint8Array).length).toBe(length + otherLength);
        expect(ownsItsMemory(fast as Uint8Array, bytes)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("reads a built-in that has a read slot of its own through that slot", () => {
    const other = Object.assign(Uint8Array.of(9, 9), {
      [getSegmentCountSymbol]: () => ({ count: 1, length: 3 }),
      [getReadBufferSymbol]: () => Uint8Array.of(7, 8, 9),
    });
    expect(buffer(Uint8Array.of(1)).concat(other)).toEqual(Uint8Array.of(1, 7, 8, 9));
  });

  it("is a BufferError when the other object's read slot takes the buffer's memory away", () => {
    for (const how of ["detach", "shrink"] as const) {
      const memory = new ArrayBuffer(8, { maxByteLength: 8 });
      const b = buffer(new Uint8Array(memory, 2, 4));
      const other: OldBufferExporter = {
        [getSegmentCountSymbol]: () => ({ count: 1, length: 1 }),
        [getReadBufferSymbol]: () => {
          if (how === "detach") structuredClone(memory, { transfer: [memory] });
          else memory.resize(3);
          return Uint8Array.of(5);
        },
      };
      let error: unknown;
      try {
        b.concat(other);
      } catch (caught) {
        error = caught;
      }
      expect((error as { pythonType?: string }).pythonType, how).toBe("BufferError");
      expect((error as Error).message, how).toMatch(/^the buffer's memory is gone/);
    }
  });
});
