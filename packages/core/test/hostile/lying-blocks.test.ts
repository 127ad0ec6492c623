/**
 * A memory block whose `byteLength` lies (a property of its own, or of a
 * swapped prototype) could make a bounds check pass for bytes the block
 * does not have. Core reads a block's real size through the built-in
 * getter, and refuses such a block with a BufferError wherever a record or
 * an exporter is made over it, instead of failing later with a bare
 * RangeError.
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, checkedBase, fillInfo, getBuffer, getBufferSymbol, memoryview } from "../../src/index.ts";
import { checkedElementBase } from "../../src/internal.ts";

/** An 8-byte block that says it has 4096 bytes, in each way a program can make it say so. */
const LIARS: ReadonlyArray<readonly [string, () => ArrayBuffer | SharedArrayBuffer]> = [
  ["an ArrayBuffer with its own byteLength", () => Object.defineProperty(new ArrayBuffer(8), "byteLength", { value: 4096 })],
  ["an ArrayBuffer with a byteLength getter that throws", () => Object.defineProperty(new ArrayBuffer(8), "byteLength", { get: () => { throw new Error("no"); } })],
  ["an ArrayBuffer whose prototype was swapped", () => Object.setPrototypeOf(new ArrayBuffer(8), { byteLength: 4096 }) as ArrayBuffer],
  ["a SharedArrayBuffer with its own byteLength", () => Object.defineProperty(new SharedArrayBuffer(8), "byteLength", { value: 4096 })],
];

/** Refused as lying, or (a getter that throws) as unreadable: a BufferError either way, never a bare error. */
const BUFFER_ERROR = expect.objectContaining({ pythonType: "BufferError", message: expect.stringMatching(/byteLength is not its size of 8 bytes|reading it raised Error: no/) });

describe.each(LIARS)("%s", (_, liar) => {
  it("is refused in an exporter's record, before any byte is read", () => {
    const memory = liar();
    const exporter = { [getBufferSymbol]: (flags: number) => ({ ...fillInfo(exporter, new ArrayBuffer(8), 0, 8, false, flags), memory, len: 4096, shape: flags & BufferFlags.ND ? [4096] : null }) };
    expect(() => memoryview(exporter)).toThrow(BUFFER_ERROR);
    expect(() => getBuffer(exporter, BufferFlags.SIMPLE)).toThrow(BUFFER_ERROR);
  });

  it("is refused by checkedBase", () => {
    const base = { ...fillInfo(null, new ArrayBuffer(8), 0, 8, false, BufferFlags.FULL), memory: liar() };
    expect(() => checkedBase(base)).toThrow(BUFFER_ERROR);
  });

  it("is refused as a built-in exporter, and under a TypedArray", () => {
    const memory = liar();
    expect(() => memoryview(memory)).toThrow(BUFFER_ERROR);
    expect(() => memoryview(new Uint8Array(memory))).toThrow(BUFFER_ERROR);
  });

  it("is refused as an element array's memory", () => {
    const geometry = { memory: liar(), byteOffset: 0, length: 8, format: "B", itemsize: 1, shape: [8], strides: [1], offset: 0, readonly: false };
    expect(() => checkedElementBase({}, geometry, "lib")).toThrow(BUFFER_ERROR);
  });
});
