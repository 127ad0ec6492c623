/**
 * `copyOfBytes`, `copyOfBlockRange` and `concatBytes`: fresh, unshared, fully written results,
 * below and above the size where Node's unzeroed allocator takes over, and on
 * a host without `Buffer` (a fresh import with the global removed).
 */
import { afterEach, describe, expect, it, vi } from "vitest";

type Helpers = typeof import("../../src/internal/fresh-bytes.ts");

async function helpersOnHost(withBuffer: boolean): Promise<Helpers> {
  vi.resetModules();
  if (!withBuffer) vi.stubGlobal("Buffer", undefined);
  const module = await import("../../src/internal/fresh-bytes.ts");
  vi.unstubAllGlobals();
  return module;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** Bytes with no zero among them, so a missed write would show as a 0. */
const pattern = (length: number, seed = 1): Uint8Array => Uint8Array.from({ length }, (_, i) => ((i * 7 + seed) % 255) + 1);

describe.each([
  ["with Node's Buffer", true],
  ["without Buffer", false],
])("fresh bytes %s", (_, withBuffer) => {
  for (const length of [0, 1, 4096, 64 * 1024 - 1, 64 * 1024, 300_001]) {
    it(`copyOfBytes copies ${length} bytes into a plain Uint8Array of its own`, async () => {
      const { copyOfBytes } = await helpersOnHost(withBuffer);
      const source = pattern(length + 3).subarray(3);
      const copy = copyOfBytes(source);
      expect(copy).toEqual(source);
      expect(Object.getPrototypeOf(copy)).toBe(Uint8Array.prototype);
      expect([copy.byteOffset, copy.buffer.byteLength]).toEqual([0, length]);
      if (length > 0) {
        expect(copy.buffer).not.toBe(source.buffer);
        copy[0] = 0;
        expect(source[0]).not.toBe(0);
      }
    });
  }

  for (const length of [0, 1, 4096, 64 * 1024 - 1, 64 * 1024, 300_001]) {
    it(`copyOfBlockRange copies ${length} bytes of an ArrayBuffer and a SharedArrayBuffer into an ArrayBuffer of its own`, async () => {
      const { copyOfBlockRange } = await helpersOnHost(withBuffer);
      for (const Block of [ArrayBuffer, SharedArrayBuffer]) {
        const memory = new Block(length + 5);
        new Uint8Array(memory).set(pattern(length + 5));
        const copy = copyOfBlockRange(memory, 3, length);
        expect(copy).toEqual(pattern(length + 5).subarray(3, 3 + length));
        expect(copy.includes(0)).toBe(false);
        expect(Object.getPrototypeOf(copy)).toBe(Uint8Array.prototype);
        expect(copy.buffer).toBeInstanceOf(ArrayBuffer);
        expect([copy.byteOffset, copy.buffer.byteLength]).toEqual([0, length]);
      }
    });
  }

  it("copyOfBlockRange refuses memory that is gone, a range outside the block, bad bounds and non-blocks", async () => {
    const { copyOfBlockRange } = await helpersOnHost(withBuffer);
    const pythonType = (action: () => unknown): string | undefined => {
      try {
        action();
        return "returned";
      } catch (error) {
        return (error as { pythonType?: string }).pythonType;
      }
    };
    const detached = new ArrayBuffer(8);
    copyOfBlockRange(detached, 0, 8); // its whole view is cached, then the memory goes
    structuredClone(detached, { transfer: [detached] });
    expect(pythonType(() => copyOfBlockRange(detached, 0, 8))).toBe("BufferError");
    const resizable = new ArrayBuffer(100_000, { maxByteLength: 100_000 });
    expect(copyOfBlockRange(resizable, 10, 70_000).length).toBe(70_000);
    resizable.resize(50_000);
    expect(pythonType(() => copyOfBlockRange(resizable, 10, 70_000))).toBe("BufferError");
    expect(copyOfBlockRange(resizable, 10, 49_990).length).toBe(49_990); // the cached view follows the resize
    expect(pythonType(() => copyOfBlockRange(new ArrayBuffer(4), 2, 3))).toBe("BufferError");
    for (const [offset, length] of [[-1, 1], [0, -1], [0.5, 1], [0, Number.NaN]]) {
      expect(pythonType(() => copyOfBlockRange(new ArrayBuffer(4), offset!, length!))).toBe("ValueError");
    }
    for (const notBlock of [[1, 2, 3], new Uint8Array(3), { length: 3 }, null]) {
      expect(pythonType(() => copyOfBlockRange(notBlock as unknown as ArrayBuffer, 0, 1))).toBe("TypeError");
    }
  });

  it("concatBytes joins parts of any sizes, empty ones included", async () => {
    const { concatBytes } = await helpersOnHost(withBuffer);
    const parts = [pattern(70_000, 1), new Uint8Array(0), pattern(5, 2), pattern(1, 3)];
    const joined = concatBytes(parts);
    expect(joined.length).toBe(70_006);
    expect(joined.subarray(0, 70_000)).toEqual(parts[0]);
    expect(joined.subarray(70_000)).toEqual(Uint8Array.of(...parts[2]!, ...parts[3]!));
    expect(joined.includes(0)).toBe(false);
    expect(concatBytes([])).toEqual(new Uint8Array(0));
  });

  it("copyOfBytes and concatBytes size their result by a part's real length, never its own `length`", async () => {
    const { concatBytes, copyOfBytes } = await helpersOnHost(withBuffer);
    for (const lie of [0, 3, 100_000, -1, "x"]) {
      for (const size of [5, 70_000]) {
        const part = pattern(size, 4);
        Object.defineProperty(part, "length", { value: lie });
        const expected = pattern(size, 4);
        // An unzeroed result sized by the lie would show old memory, or fail with a bare RangeError.
        expect(copyOfBytes(part), `copy of ${size}, length ${String(lie)}`).toEqual(expected);
        const joined = concatBytes([part, Uint8Array.of(9)]);
        expect([joined.length, joined[size]]).toEqual([size + 1, 9]);
        expect(joined.subarray(0, size)).toEqual(expected);
      }
    }
  });
});
