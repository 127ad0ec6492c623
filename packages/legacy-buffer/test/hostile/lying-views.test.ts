/**
 * Views that lie about their window: own `buffer`, `byteOffset`,
 * `byteLength` or `length` properties, or a subclass's getters, on a
 * TypedArray or DataView (and memory blocks that lie about their
 * `byteLength`) given to a legacy buffer (as its base, as the other
 * side of `concat`, as an argument, as a slot's answer, as a chunk of
 * `SegmentedBytes`). The package reads a caller's view through the built-in
 * getters only, so it sees the view's real window: no byte outside it is
 * read or written, and a view whose memory is gone (detached, or cut off by
 * a resize) is a Python error, never a bare JavaScript one.
 */
import { BufferFlags, getBuffer, memoryview, releaseBuffer, slice } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import {
  buffer,
  bufferArgument,
  bufferFromMemory,
  fromReadWriteObject,
  getReadBufferSymbol,
  getSegmentCountSymbol,
  readBufferArgument,
  SegmentedBytes,
  writeBufferArgument,
} from "../../src/index.ts";

/** A block of 32 bytes 0..31; the views below show its bytes 16..23 only. */
function block(): ArrayBuffer {
  return new Uint8Array(32).map((_, i) => i).buffer;
}

const WINDOW = Uint8Array.of(16, 17, 18, 19, 20, 21, 22, 23);

/** Bytes 0..15 and 24..31 of the block: what no operation may touch. */
function outside(memory: ArrayBuffer): number[] {
  const all = [...new Uint8Array(memory)];
  return [...all.slice(0, 16), ...all.slice(24)];
}

const UNTOUCHED = outside(block());

/** What each lie answers: the whole block, a wrong offset, a huge or negative number, another block. */
const LIES: readonly unknown[] = [0, 32, 1e9, -5, new ArrayBuffer(64)];

class LyingUint8Array extends Uint8Array {
  override get byteOffset(): number {
    return 0;
  }
  override get byteLength(): number {
    return 32;
  }
  override get length(): number {
    return 32;
  }
}

class LyingDataView extends DataView<ArrayBuffer> {
  override get byteOffset(): number {
    return 0;
  }
  override get byteLength(): number {
    return 32;
  }
}

/** `view` with every window property of its own answering `lie`. */
function withOwnLies<T extends ArrayBufferView>(view: T, lie: unknown): T {
  for (const key of ["buffer", "byteOffset", "byteLength", "length"]) Object.defineProperty(view, key, { get: () => lie });
  return view;
}

/** Every lying view over bytes 16..23 of a fresh block, with its name. */
function lyingViews(): [name: string, view: ArrayBufferView, memory: ArrayBuffer][] {
  const views: [string, ArrayBufferView, ArrayBuffer][] = [];
  const add = (name: string, make: (memory: ArrayBuffer) => ArrayBufferView) => {
    const memory = block();
    views.push([name, make(memory), memory]);
  };
  add("a Uint8Array subclass with getters of its own", (memory) => new LyingUint8Array(memory, 16, 8));
  add("a DataView subclass with getters of its own", (memory) => new LyingDataView(memory, 16, 8));
  for (const lie of LIES) {
    const shown = lie instanceof ArrayBuffer ? "another block" : String(lie);
    add(`a Uint8Array whose own properties answer ${shown}`, (memory) => withOwnLies(new Uint8Array(memory, 16, 8), lie));
    add(`a Uint16Array whose own properties answer ${shown}`, (memory) => withOwnLies(new Uint16Array(memory, 16, 4), lie));
    add(`a DataView whose own properties answer ${shown}`, (memory) => withOwnLies(new DataView(memory, 16, 8), lie));
  }
  return views;
}

/** An old-protocol exporter whose one segment is `view` (its slot's answer). */
function oldExporter(view: ArrayBufferView): object {
  return {
    [getSegmentCountSymbol]: () => ({ count: 1, length: 8 }),
    [getReadBufferSymbol]: () => view,
  };
}

/** The pythonType of what `action` throws, or "returned". */
function outcome(action: () => unknown): string {
  try {
    action();
    return "returned";
  } catch (error) {
    return String((error as { pythonType?: unknown }).pythonType ?? `bare ${String(error)}`);
  }
}

describe("a caller's view is read through the built-in getters only", () => {
  for (const [name, view, memory] of lyingViews()) {
    it(`${name}: reads see bytes 16..23 only`, () => {
      const b = buffer(view);
      expect(b.length).toBe(8);
      expect(b.toBytes()).toEqual(WINDOW);
      expect(b.get(slice(1, -1))).toEqual(WINDOW.subarray(1, -1));
      expect(b.get(slice(null, null, -1))).toEqual(WINDOW.slice().reverse());
      expect([b.get(0), b.get(-1)]).toEqual([Uint8Array.of(16), Uint8Array.of(23)]);
      expect([...b]).toHaveLength(8);
      expect(b.concat(Uint8Array.of(99))).toEqual(Uint8Array.of(...WINDOW, 99));
      expect(b.equals(WINDOW)).toBe(true);
      expect(memoryview(b).toList()).toEqual([...WINDOW]);
      const record = getBuffer(b, BufferFlags.SIMPLE);
      expect([record.buf, record.len]).toEqual([16, 8]);
      releaseBuffer(record);
      expect(buffer(oldExporter(view)).toBytes()).toEqual(WINDOW);
      // SegmentedBytes keeps a Uint8Array chunk as given (other chunks are copied as lists of numbers).
      if (view instanceof Uint8Array) expect(buffer(new SegmentedBytes([view])).toBytes()).toEqual(WINDOW);
      expect(readBufferArgument(view)).toEqual(WINDOW);
      using held = bufferArgument(view);
      expect([held.length, [...held.bytes]]).toEqual([8, [...WINDOW]]);
      expect(outside(memory)).toEqual(UNTOUCHED);
    });

    it(`${name}: writes land in bytes 16..23 only`, () => {
      const b = fromReadWriteObject(view);
      b.set(slice(0, 8), new Uint8Array(8).fill(0xee));
      b.set(-1, Uint8Array.of(0xdd));
      writeBufferArgument(view)[0] = 0xcc;
      expect([...new Uint8Array(memory, 16, 8)]).toEqual([0xcc, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xdd]);
      expect(outside(memory)).toEqual(UNTOUCHED);
    });
  }

  it("the other side of concat: its real bytes, however long it says it is", () => {
    for (const size of [4, 70_000]) {
      const head = buffer(new Uint8Array(size).fill(1));
      for (const lie of [0, 3, 1e5, -1, "x"]) {
        const other = Uint8Array.of(2, 3, 4, 5, 6);
        Object.defineProperty(other, "length", { value: lie });
        const result = head.concat(other) as Uint8Array;
        expect(result.length, `${size} + a length of ${String(lie)}`).toBe(size + 5);
        expect([...result.subarray(size - 1)]).toEqual([1, 2, 3, 4, 5, 6]);
      }
    }
  });

  it("a chunk of SegmentedBytes: its real length in the count and in toBytes", () => {
    const chunk = Uint8Array.of(1, 2, 3);
    Object.defineProperty(chunk, "length", { value: 100_000 });
    const chunks = new SegmentedBytes([chunk, Uint8Array.of(4)]);
    expect(chunks[getSegmentCountSymbol]()).toEqual({ count: 2, length: 4 });
    expect(chunks.toBytes()).toEqual(Uint8Array.of(1, 2, 3, 4));
    // Another TypedArray is copied element by element, as any list of numbers: its own `length` is not the count.
    const words = Uint16Array.of(5, 6);
    Object.defineProperty(words, "length", { value: 1e9 });
    expect(new SegmentedBytes([words]).toBytes()).toEqual(Uint8Array.of(5, 6));
  });
});

describe("a caller's view whose memory is gone is a BufferError", () => {
  /** Views over bytes 16..23 of a resizable block, and how each loses its memory. */
  function goneViews(): [name: string, view: ArrayBufferView][] {
    const views: [string, ArrayBufferView][] = [];
    for (const how of ["detached", "resized away"] as const) {
      for (const kind of ["Uint8Array", "lying Uint8Array", "DataView", "lying DataView"] as const) {
        const memory = new ArrayBuffer(32, { maxByteLength: 32 });
        const view =
          kind === "Uint8Array"
            ? new Uint8Array(memory, 16, 8)
            : kind === "lying Uint8Array"
              ? withOwnLies(new Uint8Array(memory, 16, 8), 8)
              : kind === "DataView"
                ? new DataView(memory, 16, 8)
                : withOwnLies(new DataView(memory, 16, 8), 8);
        if (how === "detached") structuredClone(memory, { transfer: [memory] });
        else memory.resize(20);
        views.push([`a ${kind}, ${how}`, view]);
      }
    }
    return views;
  }

  for (const [name, view] of goneViews()) {
    it(name, () => {
      expect(outcome(() => buffer(view).toBytes())).toBe("BufferError");
      expect(outcome(() => buffer(view).get(slice(1, -1)))).toBe("BufferError");
      expect(outcome(() => fromReadWriteObject(view).set(0, Uint8Array.of(1)))).toBe("BufferError");
      expect(outcome(() => buffer(oldExporter(view)).toBytes())).toBe("BufferError");
      expect(outcome(() => buffer(Uint8Array.of(1)).concat(view))).toBe("BufferError");
      expect(outcome(() => readBufferArgument(view))).toBe("BufferError");
    });
  }
});

describe("a memory block's own byteLength is not consulted", () => {
  /** A block of 8 bytes 1..8 that says it has `lie` bytes. */
  function lyingBlock(shared: boolean, lie: unknown): ArrayBuffer | SharedArrayBuffer {
    const memory = shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8);
    new Uint8Array(memory).set([1, 2, 3, 4, 5, 6, 7, 8]);
    Object.defineProperty(memory, "byteLength", { get: () => lie });
    return memory;
  }

  for (const shared of [false, true]) {
    for (const lie of [0, 4, 100, -1, "x"]) {
      it(`${shared ? "a SharedArrayBuffer" : "an ArrayBuffer"} saying ${String(lie)}: its real 8 bytes, and errors of the right kind past them`, () => {
        const b = buffer(lyingBlock(shared, lie));
        expect([b.length, [...b.toBytes()]]).toEqual([8, [1, 2, 3, 4, 5, 6, 7, 8]]);
        expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3, 4, 5, 6, 7));
        expect(bufferFromMemory(lyingBlock(shared, lie), 2, 6).toBytes()).toEqual(Uint8Array.of(3, 4, 5, 6, 7, 8));
        expect(outcome(() => bufferFromMemory(lyingBlock(shared, lie), 0, 50))).toBe("ValueError");
        const segment = (length: number) => ({
          [getSegmentCountSymbol]: () => ({ count: 1, length }),
          [getReadBufferSymbol]: () => ({ memory: lyingBlock(shared, lie), offset: 0, length }),
        });
        expect(buffer(segment(8)).toBytes()).toEqual(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
        expect(outcome(() => buffer(segment(50)).toBytes())).toBe("BufferError");
        expect(buffer(new Uint8Array(lyingBlock(shared, lie), 4)).toBytes()).toEqual(Uint8Array.of(5, 6, 7, 8));
      });
    }
  }

  it("a resizable block that says it is not: its growth still shows (its window is not kept)", () => {
    const memory = new ArrayBuffer(6, { maxByteLength: 8 });
    new Uint8Array(memory).set([1, 2, 3, 4, 5, 6]);
    Object.defineProperty(memory, "resizable", { value: false });
    const b = buffer(new Uint8Array(memory));
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3, 4, 5));
    memory.resize(8);
    expect(b.get(slice(1, -1))).toEqual(Uint8Array.of(2, 3, 4, 5, 6, 0));
    expect(b.concat(Uint8Array.of(9))).toEqual(Uint8Array.of(1, 2, 3, 4, 5, 6, 0, 0, 9));
  });
});
