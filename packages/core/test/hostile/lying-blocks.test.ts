/**
 * A memory block whose `byteLength` lies (a property of its own, a getter
 * that throws, a swapped prototype, a subclass's getter) could make a bounds
 * check pass for bytes the block does not have. Core measures every block
 * by the built-in getter of its brand, at export and at every later check,
 * so the lie changes nothing: records reaching past the real size are
 * refused, views see the real bytes, and memory that shrinks under a view
 * is a BufferError, never a bare RangeError.
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, checkedBase, fillInfo, getBuffer, getBufferSymbol, memoryview } from "../../src/index.ts";
import { checkedElementBase } from "../../src/internal.ts";
import { MESSAGES } from "../protocol/serving.ts";

/** A block of 8 bytes (1, 2, ... 8) that claims 4096, in each way a program can make it claim so. */
const LIARS: ReadonlyArray<readonly [string, () => ArrayBuffer | SharedArrayBuffer]> = [
  ["an ArrayBuffer with its own byteLength", () => Object.defineProperty(filled(new ArrayBuffer(8)), "byteLength", { value: 4096 })],
  ["an ArrayBuffer with a byteLength getter that throws", () => Object.defineProperty(filled(new ArrayBuffer(8)), "byteLength", { get: () => { throw new Error("no"); } })],
  ["an ArrayBuffer whose prototype was swapped", () => Object.setPrototypeOf(filled(new ArrayBuffer(8)), { byteLength: 4096 }) as ArrayBuffer],
  ["an ArrayBuffer subclass with its own getter", () => filled(new (class extends ArrayBuffer { override get byteLength() { return 4096; } })(8))],
  ["a SharedArrayBuffer with its own byteLength", () => Object.defineProperty(filled(new SharedArrayBuffer(8)), "byteLength", { value: 4096 })],
];

function filled<T extends ArrayBuffer | SharedArrayBuffer>(memory: T): T {
  new Uint8Array(memory).set([1, 2, 3, 4, 5, 6, 7, 8]);
  return memory;
}

const OUTSIDE = expect.objectContaining({ pythonType: "BufferError", message: expect.stringContaining("outside the memory block of 8 bytes") });

describe.each(LIARS)("%s", (_, liar) => {
  it("is refused in an exporter's record that reaches past its real size, and served within it", () => {
    const memory = liar();
    const over = { [getBufferSymbol]: (flags: number) => fillInfo(over, new ArrayBuffer(4096), 0, 4096, false, flags) };
    const lying = { [getBufferSymbol]: (flags: number) => ({ ...over[getBufferSymbol](flags), obj: lying, memory }) };
    expect(() => memoryview(lying)).toThrow(OUTSIDE);
    expect(() => getBuffer(lying, BufferFlags.SIMPLE)).toThrow(OUTSIDE);
    const honest = { [getBufferSymbol]: (flags: number) => ({ ...fillInfo(honest, new ArrayBuffer(8), 0, 8, false, flags), memory }) };
    expect(memoryview(honest).toList()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("is refused by checkedBase past its real size", () => {
    const base = { ...fillInfo(null, new ArrayBuffer(4096), 0, 4096, false, BufferFlags.FULL), memory: liar() };
    expect(() => checkedBase(base)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });

  it("exports its real bytes as a built-in exporter, and under a TypedArray", () => {
    const memory = liar();
    expect(memoryview(memory).toList()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(memoryview(new Uint8Array(memory)).nbytes).toBe(8);
    expect(getBuffer(memory, BufferFlags.SIMPLE).len).toBe(8);
  });

  it("bounds an element array's data by its real size", () => {
    const geometry = (length: number) => ({ memory: liar(), byteOffset: 0, length, format: "B", itemsize: 1, shape: [length], strides: [1], offset: 0, readonly: false });
    expect(() => checkedElementBase({}, geometry(16), "lib", MESSAGES)).toThrow(
      expect.objectContaining({ pythonType: "BufferError", message: "lib: the data (16 elements at byte 0) reaches past the memory's 8 bytes" }),
    );
    const owner = { [getBufferSymbol]: (flags: number) => elements.serve(flags) };
    const elements = checkedElementBase(owner, geometry(8), "lib", MESSAGES);
    expect(memoryview(owner).toList()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("a block that shrinks under a view and then lies about it", () => {
  it("is memory gone to the view (a BufferError), never a bare RangeError", () => {
    const memory = filled(new ArrayBuffer(8, { maxByteLength: 8 }));
    const m = memoryview(memory);
    memory.resize(4);
    Object.defineProperty(memory, "byteLength", { value: 8 });
    const gone = expect.objectContaining({ pythonType: "BufferError" });
    expect(() => m.toList()).toThrow(gone);
    expect(() => m.get(6)).toThrow(gone);
    expect(() => m.toBytes()).toThrow(gone);
  });
});

describe("a record's class", () => {
  it("offers no way to forge core's marks: a record built with it is checked like any other", () => {
    const recordClass = getBuffer(new Uint8Array(8), BufferFlags.SIMPLE).constructor as new (...fields: unknown[]) => object;
    expect(Object.getOwnPropertyNames(recordClass).sort()).toEqual(["length", "name", "prototype"]);
    const memory = new ArrayBuffer(16);
    const forger = { [getBufferSymbol]: () => Object.freeze(new recordClass(forger, memory, -4096, 64, 8, false, "d", 1, [8], [8], null, null)) };
    expect(() => memoryview(forger)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });
});
