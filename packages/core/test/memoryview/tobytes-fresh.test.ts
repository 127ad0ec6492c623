/**
 * `toBytes()` results are `bytes`: each owns a whole ArrayBuffer of its own
 * (never a window on the view's memory, nor on a pool whose neighbours
 * `.buffer` would show), on both sides of the 64 KiB from which the bytes
 * are not zero-filled first, and every byte is the view's. Memory that is
 * gone is an error before anything is allocated.
 */
import { describe, expect, it } from "vitest";
import { memoryview, slice, type MemoryView } from "../../src/index.ts";

/** Bytes with no zero among them, so a byte left unwritten in a fresh (zeroed) result would show. */
function pattern(length: number, Block: ArrayBufferConstructor | SharedArrayBufferConstructor): Uint8Array {
  const bytes = new Uint8Array(new Block(length));
  for (let i = 0; i < length; i++) bytes[i] = ((i * 13 + 5) % 255) + 1;
  return bytes;
}

/** The views whose bytes toBytes returns as they lie (one copy) and by a gather. */
const LAYOUTS: readonly (readonly [string, (bytes: Uint8Array) => MemoryView, (bytes: Uint8Array) => Uint8Array])[] = [
  ["contiguous 'B'", (bytes) => memoryview(bytes), (bytes) => bytes.slice()],
  ["contiguous slice [3:-3]", (bytes) => memoryview(bytes).get(slice(3, -3)) as MemoryView, (bytes) => bytes.slice(3, -3)],
  ["strided [::2]", (bytes) => memoryview(bytes).get(slice(null, null, 2)) as MemoryView, (bytes) => bytes.filter((_, i) => i % 2 === 0)],
];

describe.each([
  ["ArrayBuffer", ArrayBuffer],
  ["SharedArrayBuffer", SharedArrayBuffer],
] as const)("toBytes over a %s", (_, Block) => {
  for (const [name, view, expected] of LAYOUTS) {
    it(`${name}: a result that owns its memory and holds every byte of the view`, () => {
      for (const length of [8, 1000, 8000, 64 * 1024 + 6, 300_000]) {
        const bytes = pattern(length, Block);
        const result = view(bytes).toBytes();
        const want = expected(bytes);
        expect(Buffer.compare(result, want), `${length}`).toBe(0);
        expect(result.includes(0)).toBe(false);
        expect(result.buffer).toBeInstanceOf(ArrayBuffer);
        expect(result.buffer).not.toBe(bytes.buffer);
        expect([result.byteOffset, result.buffer.byteLength], `${length}`).toEqual([0, result.length]);
      }
    });
  }
});

describe("toBytes over memory that is gone", () => {
  it("is a BufferError, for a view whose bytes would be copied as they lie and for one gathered", () => {
    for (const [name, view] of LAYOUTS) {
      for (const length of [1000, 70_000]) {
        const memory = new ArrayBuffer(length);
        const m = view(new Uint8Array(memory));
        m.toBytes(); // the whole-block view is cached by now
        structuredClone(memory, { transfer: [memory] });
        let error: unknown;
        try {
          m.toBytes();
        } catch (caught) {
          error = caught;
        }
        expect((error as { pythonType?: string }).pythonType, `${name} ${length}`).toBe("BufferError");
      }
    }
  });
});
