/**
 * Views that lie about their window, given to every function of this
 * package that takes one: as data (`writeSync`, `write`, `toBuffer`,
 * `ResizableBytes`), as a target (`readIntoSync`, `readInto`), as a
 * stream's chunk (a Node Readable's, a duck-typed BYOB reader's) and to
 * `isPooledBuffer`. Own `buffer`, `byteOffset`, `byteLength`, `length` and
 * `BYTES_PER_ELEMENT` properties, a subclass's getters and a species
 * constructor that hands out another buffer must not move a read or a
 * write outside the view's real window; a DataView is read as its window;
 * a view whose memory was detached or resized away is a `BufferError`.
 * Every byte of the block around the window is checked after each call.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { fillInfo, getBufferSymbol } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import {
  isPooledBuffer,
  MemoryRegion,
  readInto,
  ReadError,
  readIntoSync,
  ResizableBytes,
  toBuffer,
  write,
  writeSync,
} from "../../src/index.ts";
import { failureOf } from "../helpers/exporter-checks.ts";
import { tempDirectory } from "../helpers/temp.ts";

const path = tempDirectory("lying-views");
const fileBytes = (file: string): number[] => [...readFileSync(file)];

/** A block of 48 bytes 0..47; the honest window is bytes 16..31. */
const START = 16;
const LENGTH = 16;
const block = (): Uint8Array<ArrayBuffer> => new Uint8Array(48).map((_, i) => i);
const windowBytes = Array.from({ length: LENGTH }, (_, i) => START + i);

/** A buffer no honest read of the window can reach: its bytes are 0xEE. */
const secret: Uint8Array<ArrayBuffer> = new Uint8Array(4096).fill(0xee);

/** Every window property of `view`'s own answering `lie`, an item size of 1, and a species that hands out `secret`. */
function lying<T extends ArrayBufferView>(view: T, lie: unknown): T {
  for (const key of ["buffer", "byteOffset", "byteLength", "length"]) Object.defineProperty(view, key, { get: () => lie });
  Object.defineProperty(view, "BYTES_PER_ELEMENT", { value: 1 });
  // TypedArraySpeciesCreate (subarray, slice, map) asks `constructor[Symbol.species]`.
  const species = function Secret(): Uint8Array {
    return new Uint8Array(secret.buffer);
  };
  Object.defineProperty(view, "constructor", { value: { [Symbol.species]: species } });
  return view;
}

/** A Buffer subclass whose getters and subarray lie. */
class LyingBuffer extends Uint8Array {
  override get length(): number {
    return 1e6;
  }
  override get byteOffset(): number {
    return 0;
  }
  override get byteLength(): number {
    return 1e6;
  }
  override get buffer(): ArrayBuffer {
    return secret.buffer;
  }
  override subarray(): Uint8Array<ArrayBuffer> {
    return secret;
  }
}

const LIES: readonly unknown[] = [0, 8, 1e9, -5, new ArrayBuffer(64)];
const describeLie = (lie: unknown): string => (lie instanceof ArrayBuffer ? "another ArrayBuffer" : String(lie));

/** The views that show bytes 16..31 of `memory` while their own properties say `lie`. */
function lyingViews(memory: Uint8Array<ArrayBuffer>, lie: unknown): { name: string; view: ArrayBufferView }[] {
  return [
    { name: "Uint8Array", view: lying(new Uint8Array(memory.buffer, START, LENGTH), lie) },
    { name: "Uint16Array", view: lying(new Uint16Array(memory.buffer, START, LENGTH / 2), lie) },
    { name: "Float64Array", view: lying(new Float64Array(memory.buffer, START, LENGTH / 8), lie) },
    { name: "DataView", view: lying(new DataView(memory.buffer, START, LENGTH), lie) },
    { name: "a lying subclass", view: new LyingBuffer(memory.buffer, START, LENGTH) },
  ];
}

/** A fixed-length view whose resizable memory shrank below it, and a view whose memory was detached. */
function goneViews(): { name: string; view: Uint8Array | DataView }[] {
  const resizable = new ArrayBuffer(48, { maxByteLength: 64 });
  const cutOff = new Uint8Array(resizable, START, LENGTH);
  const cutOffData = new DataView(resizable, START, LENGTH);
  resizable.resize(8);
  const moved = new ArrayBuffer(48);
  const detached = new Uint8Array(moved, START, LENGTH);
  const detachedData = new DataView(moved, START, LENGTH);
  structuredClone(moved, { transfer: [moved] });
  return [
    { name: "a window a resize cut off", view: cutOff },
    { name: "a DataView whose window a resize cut off", view: cutOffData },
    { name: "a detached Uint8Array", view: detached },
    { name: "a detached DataView", view: detachedData },
  ];
}

/** Expects `memory` to be `block()` with `window` in bytes 16..31: nothing else was touched. */
function expectOnlyWindow(memory: Uint8Array, window: readonly number[]): void {
  expect([...memory.subarray(0, START)]).toEqual([...block().subarray(0, START)]);
  expect([...memory.subarray(START, START + LENGTH)]).toEqual(window);
  expect([...memory.subarray(START + LENGTH)]).toEqual([...block().subarray(START + LENGTH)]);
}

/**
 * A paused Readable that gives `chunks`, one per read, as they are (object
 * mode: a byte-mode Readable copies a pushed Uint8Array's window into a
 * Buffer through the chunk's own properties before this package sees it).
 */
function readableOf(chunks: readonly Uint8Array[]): Readable {
  return new Readable({
    objectMode: true,
    read() {
      for (const chunk of chunks) this.push(chunk);
      this.push(null);
    },
  });
}

/** A stream that passes the duck test of a web byte stream, whose BYOB reader returns `values` in turn. */
function duckByteStream(values: readonly unknown[]): ReadableStream<Uint8Array> {
  let next = 0;
  const reader = {
    read: async () => (next < values.length ? { done: false, value: values[next++] } : { done: true, value: undefined }),
    releaseLock: () => undefined,
  };
  return { locked: false, getReader: () => reader } as unknown as ReadableStream<Uint8Array>;
}

describe("views given as data are written as their real window", () => {
  for (const lie of LIES) {
    for (const { name, view } of lyingViews(block(), lie)) {
      it(`${name} whose properties answer ${describeLie(lie)}`, async () => {
        expect(writeSync(path("sync.bin"), view)).toBe(LENGTH);
        expect(fileBytes(path("sync.bin"))).toEqual(windowBytes);
        expect(await write(path("async.bin"), view)).toBe(LENGTH);
        expect(fileBytes(path("async.bin"))).toEqual(windowBytes);
        expect([...toBuffer(view, { copy: "if-needed" })]).toEqual(windowBytes);
        expect([...new ResizableBytes(view)]).toEqual(windowBytes);
      });
    }
  }

  for (const { name, view } of goneViews()) {
    it(`${name} is a BufferError, and nothing is written`, async () => {
      writeFileSync(path("gone.bin"), new Uint8Array([1, 2, 3]));
      expect(() => writeSync(path("gone.bin"), view, { flags: "a" })).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
      await expect(write(path("gone.bin"), view, { flags: "a" })).rejects.toMatchObject({ pythonType: "BufferError" });
      expect(() => toBuffer(view, { copy: "always" })).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
      expect(fileBytes(path("gone.bin"))).toEqual([1, 2, 3]);
    });
  }
});

describe("views given as a target are filled in their real window only", () => {
  const incoming = Array.from({ length: 64 }, (_, i) => 100 + i);
  writeFileSync(path("incoming.bin"), new Uint8Array(incoming));
  const expected = incoming.slice(0, LENGTH);

  for (const lie of LIES) {
    for (const name of ["Uint8Array", "Uint16Array", "Float64Array", "DataView", "a lying subclass"]) {
      it(`${name} whose properties answer ${describeLie(lie)}`, async () => {
        const syncMemory = block();
        const syncView = lyingViews(syncMemory, lie).find((v) => v.name === name)!.view;
        expect(readIntoSync(path("incoming.bin"), syncView)).toBe(LENGTH);
        expectOnlyWindow(syncMemory, expected);

        const asyncMemory = block();
        const asyncView = lyingViews(asyncMemory, lie).find((v) => v.name === name)!.view;
        expect(await readInto(path("incoming.bin"), asyncView)).toBe(LENGTH);
        expectOnlyWindow(asyncMemory, expected);
      });
    }
  }

  for (const { name, view } of goneViews()) {
    it(`${name} is a BufferError, and nothing is read`, async () => {
      expect(() => readIntoSync(path("incoming.bin"), view)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
      await expect(readInto(path("incoming.bin"), view)).rejects.toMatchObject({ pythonType: "BufferError" });
    });
  }
});

describe("a stream's chunks are read as their real window", () => {
  for (const lie of LIES) {
    it(`a Readable whose chunks' properties answer ${describeLie(lie)}, and whose species hands out another buffer`, async () => {
      const target = block();
      const first = lying(new Uint8Array(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).buffer, 2, 6), lie); // 3..8
      const second = lying(new Uint8Array(new Uint8Array(40).map((_, i) => 200 + i).buffer, 4, 20), lie); // 204..223
      const stream = readableOf([first, second]);
      const view = new Uint8Array(target.buffer, START, LENGTH);
      expect(await readInto(stream, view)).toBe(LENGTH);
      expectOnlyWindow(target, [3, 4, 5, 6, 7, 8, ...Array.from({ length: 10 }, (_, i) => 204 + i)]);
      // The rest of the second chunk, and only it, went back to the stream.
      const rest: number[] = [];
      for await (const chunk of stream) rest.push(...(chunk as Uint8Array));
      expect(rest).toEqual(Array.from({ length: 10 }, (_, i) => 214 + i));
    });
  }

  it("a Readable whose chunk is a lying Uint8Array subclass", async () => {
    const target = block();
    const chunk = new LyingBuffer(new Uint8Array(20).map((_, i) => 50 + i).buffer, 2, 4); // 52..55
    const view = new Uint8Array(target.buffer, START, LENGTH);
    expect(await readInto(readableOf([chunk]), view)).toBe(4);
    expectOnlyWindow(target, [52, 53, 54, 55, ...windowBytes.slice(4)]);
  });

  it("a Readable whose chunk's memory is gone: a ReadError of kind BufferError, with the bytes stored before it", async () => {
    const target = block();
    const [, , gone] = goneViews();
    const stream = readableOf([new Uint8Array([9, 9, 9]), gone!.view as Uint8Array]);
    const error = await failureOf(ReadError, () => readInto(stream, new Uint8Array(target.buffer, START, LENGTH)));
    expect([error.pythonType, error.bytesRead]).toEqual(["BufferError", 3]);
    expectOnlyWindow(target, [9, 9, 9, ...windowBytes.slice(3)]);
  });

  for (const lie of LIES) {
    it(`a duck-typed byte stream whose BYOB reader returns views whose properties answer ${describeLie(lie)}`, async () => {
      const target = block();
      const value = lying(new Uint8Array(new Uint8Array(30).map((_, i) => 150 + i).buffer, 5, 10), lie); // 155..164
      const dataView = lying(new DataView(new Uint8Array(8).fill(77).buffer), lie);
      const view = new Uint8Array(target.buffer, START, LENGTH);
      expect(await readInto(duckByteStream([value]), view)).toBe(10);
      expectOnlyWindow(target, [...Array.from({ length: 10 }, (_, i) => 155 + i), ...windowBytes.slice(10)]);
      const again = block();
      await expect(readInto(duckByteStream([dataView]), new Uint8Array(again.buffer, START, LENGTH))).rejects.toMatchObject({
        pythonType: "TypeError",
      });
      expectOnlyWindow(again, windowBytes);
    });
  }

  it("a duck-typed byte stream whose reader returns a detached view: a ReadError of kind BufferError", async () => {
    const target = block();
    const [, , gone] = goneViews();
    const error = await failureOf(ReadError, () =>
      readInto(duckByteStream([new Uint8Array([1, 2]), gone!.view]), new Uint8Array(target.buffer, START, LENGTH)),
    );
    expect([error.pythonType, error.bytesRead]).toEqual(["BufferError", 2]);
    expectOnlyWindow(target, [1, 2, ...windowBytes.slice(2)]);
  });
});

describe("isPooledBuffer asks the built-in getters", () => {
  for (const lie of LIES) {
    it(`of views whose properties answer ${describeLie(lie)}`, () => {
      for (const { view } of lyingViews(block(), lie)) expect(isPooledBuffer(view)).toBe(true);
      const whole = new Uint8Array(16);
      expect(isPooledBuffer(lying(whole, lie))).toBe(false);
      expect(isPooledBuffer(lying(new DataView(new ArrayBuffer(8)), lie))).toBe(false);
    });
  }

  for (const { name, view } of goneViews()) {
    it(`of ${name}: a BufferError`, () => {
      expect(() => isPooledBuffer(view)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
    });
  }
});

describe("memory that lies about its size", () => {
  it("a MemoryRegion measures an ArrayBuffer with the built-in getter", () => {
    const memory = new ArrayBuffer(16);
    Object.defineProperty(memory, "byteLength", { value: 1 << 20 });
    expect(() => new MemoryRegion(memory, { shape: [32] })).toThrow(expect.objectContaining({ pythonType: "ValueError" }));
    const region = new MemoryRegion(memory);
    expect(toBuffer(region, { copy: "always" }).length).toBe(16);
  });

  it("an exporter's record over such an ArrayBuffer, reaching past its real end, is refused before the I/O functions touch a file", async () => {
    const memory = new ArrayBuffer(16);
    Object.defineProperty(memory, "byteLength", { value: 1 << 20 });
    // A record built by hand reaches core's check (a BufferError); one from fillInfo is refused by fillInfo itself (its ValueError).
    const byHand = { [getBufferSymbol]: (flags: number) => ({ ...fillInfo(byHand, new ArrayBuffer(108), 100, 8, false, flags), memory }) };
    const byFillInfo = { [getBufferSymbol]: (flags: number) => fillInfo(byFillInfo, memory, 100, 8, false, flags) };
    writeFileSync(path("untouched.bin"), new Uint8Array([1, 2, 3]));
    for (const [exporter, pythonType] of [[byHand, "BufferError"], [byFillInfo, "ValueError"]] as const) {
      expect(() => writeSync(path("untouched.bin"), exporter, { flags: "a" })).toThrow(expect.objectContaining({ pythonType }));
      await expect(write(path("untouched.bin"), exporter, { flags: "a" })).rejects.toMatchObject({ pythonType });
    }
    expect(fileBytes(path("untouched.bin"))).toEqual([1, 2, 3]);
    const exporter = byHand;
    expect(() => readIntoSync(path("untouched.bin"), exporter)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
    await expect(readInto(path("untouched.bin"), exporter)).rejects.toMatchObject({ pythonType: "BufferError" });
  });
});
