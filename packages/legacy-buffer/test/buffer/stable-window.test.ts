/**
 * The stable window (src/buffer/stable-window.ts): a buffer over raw memory
 * or a plain built-in keeps its window once found, and each use checks it.
 * What the window cache must never change: memory that is gone is still a
 * BufferError after the window was kept, a built-in that gains an export
 * method is read through it, memory that can resize is followed, a built-in
 * with a getter of its own is asked every time, and concatenation with a
 * plain Uint8Array copies its bytes, never converted elements.
 */
import { getBufferSymbol, memoryview, slice } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { buffer, bufferFromMemory, fromReadWriteObject, type LegacyBuffer } from "../../src/index.ts";

/** The Python type of what `action` throws, or "returned". */
function outcome(action: () => unknown): string {
  try {
    action();
    return "returned";
  } catch (error) {
    return (error as { pythonType?: string }).pythonType ?? `bare ${String(error)}`;
  }
}

function detach(memory: ArrayBuffer): void {
  structuredClone(memory, { transfer: [memory] });
}

/** The operations that take the stable window, each used once before the memory goes. */
const USES: readonly (readonly [string, (b: LegacyBuffer) => unknown])[] = [
  ["b[1:-1]", (b) => b.get(slice(1, -1))],
  ["b[:]", (b) => b.get(slice(null, null))],
  ["b + bytes", (b) => b.concat(Uint8Array.of(9))],
];

describe("a kept window", () => {
  for (const [name, use] of USES) {
    it(`${name}: a BufferError once the memory is detached, over a built-in and over raw memory`, () => {
      for (const make of [(m: ArrayBuffer) => buffer(new Uint8Array(m, 2, 4)), (m: ArrayBuffer) => bufferFromMemory(m, 2, 4)]) {
        const memory = new ArrayBuffer(8);
        const b = make(memory);
        expect(outcome(() => use(b))).toBe("returned");
        detach(memory);
        expect(outcome(() => use(b))).toBe("BufferError");
      }
    });
  }

  it("follows a built-in that gains an export method of its own after the window was kept", () => {
    const bytes = Uint8Array.of(1, 2, 3, 4);
    const b = buffer(bytes);
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3));
    expect(b.concat(Uint8Array.of(5))).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    const other = Uint8Array.of(7, 8, 9);
    Object.defineProperty(bytes, getBufferSymbol, { value: (flags: number) => memoryview(other)[getBufferSymbol](flags), configurable: true });
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(8));
    expect(b.concat(Uint8Array.of(5))).toEqual(Uint8Array.of(7, 8, 9, 5));
    delete (bytes as { [getBufferSymbol]?: unknown })[getBufferSymbol];
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3));
  });

  it("is not kept over memory that can resize: a shrink and a growth show at once", () => {
    const memory = new ArrayBuffer(6, { maxByteLength: 8 });
    new Uint8Array(memory).set([1, 2, 3, 4, 5, 6]);
    const b = buffer(new Uint8Array(memory));
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3, 4, 5));
    memory.resize(4);
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3));
    memory.resize(8);
    expect(b.concat(Uint8Array.of(9))).toEqual(Uint8Array.of(1, 2, 3, 4, 0, 0, 0, 0, 9));
  });

  it("over a built-in with a getter of its own reads its real window, never asking the getter", () => {
    const memory = Uint8Array.of(1, 2, 3, 4, 5, 6).buffer;
    const bytes = new Uint8Array(memory);
    let asked = 0;
    Object.defineProperty(bytes, "byteLength", { get: () => ++asked });
    const b = buffer(bytes);
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3, 4, 5));
    expect(b.concat(Uint8Array.of(7))).toEqual(Uint8Array.of(1, 2, 3, 4, 5, 6, 7));
    expect(asked).toBe(0);
  });

  it("a writable buffer's kept window sees writes through it and through the base", () => {
    const bytes = Uint8Array.of(1, 2, 3, 4);
    const b = fromReadWriteObject(bytes);
    expect(b.get(slice(0, -1))).toEqual(Uint8Array.of(1, 2, 3));
    b.set(0, Uint8Array.of(9));
    bytes[2] = 8;
    expect(b.get(slice(0, -1))).toEqual(Uint8Array.of(9, 2, 8));
  });
});

describe("concatenation with a plain Uint8Array", () => {
  it("copies the bytes of another TypedArray given Uint8Array's prototype, not its converted elements", () => {
    const disguised = Object.setPrototypeOf(Int16Array.of(-1, 258), Uint8Array.prototype) as Uint8Array;
    const result = buffer(Uint8Array.of(7)).concat(disguised);
    expect(result).toEqual(Uint8Array.of(7, ...new Uint8Array(Int16Array.of(-1, 258).buffer)));
  });

  it("gives a result that owns its memory, with the other's bytes after the window's", () => {
    for (const length of [1, 1000, 70_000]) {
      const other = new Uint8Array(length).map((_, i) => (i % 250) + 1);
      const result = buffer(Uint8Array.of(5, 6), 1).concat(other) as Uint8Array;
      expect([result.byteOffset, result.buffer.byteLength, result.length]).toEqual([0, length + 1, length + 1]);
      expect(result[0]).toBe(6);
      expect(Buffer.compare(result.subarray(1), other)).toBe(0);
    }
  });

  it("with an empty window is the other object itself, and an empty other gives the window's bytes", () => {
    const other = Uint8Array.of(1);
    expect(buffer(Uint8Array.of(1), 1).concat(other)).toBe(other);
    expect(buffer(Uint8Array.of(1, 2)).concat(new Uint8Array(0))).toEqual(Uint8Array.of(1, 2));
  });

  it("a BufferError when the other's memory is gone", () => {
    const memory = new ArrayBuffer(4);
    const other = new Uint8Array(memory);
    detach(memory);
    expect(outcome(() => buffer(Uint8Array.of(1)).concat(other))).toBe("BufferError");
  });
});
