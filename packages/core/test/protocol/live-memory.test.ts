/**
 * Records over a WebAssembly.Memory follow its growth: `grow()` detaches the
 * memory's ArrayBuffer but keeps every address (WebAssembly JS API, "grow
 * the memory buffer"), so a held view reads the current buffer at the same
 * offsets. Memory that is really gone (released, past the current size, a
 * plain detached ArrayBuffer) stays an error.
 */
import { describe, expect, it } from "vitest";
import {
  BufferFlags,
  fillInfo,
  getBuffer,
  getBufferSymbol,
  getPointer,
  growableBlock,
  isWasmMemory,
  memoryview,
  releaseBuffer,
  slice,
  toContiguous,
  type BufferRecord,
  type WasmMemory,
} from "@pybuffer/core";
import { growableBlockOf } from "@pybuffer/core/internal";

const PAGE = 65536;

/** WebAssembly.Memory (core's type libraries have no WebAssembly types). */
const Memory = (globalThis as unknown as { WebAssembly: { Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory } })
  .WebAssembly.Memory;

/** An exporter of `length` bytes at `offset` in `memory`, giving the memory in one of the two accepted spellings. */
function wasmExporter(memory: WasmMemory, offset: number, length: number, spelling: "block" | "memory" = "block") {
  const exporter = {
    [getBufferSymbol](flags: number): BufferRecord {
      const record = fillInfo(exporter, growableBlock(memory), offset, length, false, flags);
      return spelling === "block" ? record : { ...record, memory: memory as unknown as ArrayBuffer };
    },
  };
  return exporter;
}

describe("a held MemoryView over a WebAssembly.Memory", () => {
  for (const spelling of ["block", "memory"] as const) {
    it(`reads and writes the grown memory at the same offsets (record memory given as ${spelling})`, () => {
      const memory = new Memory({ initial: 1, maximum: 8 });
      new Float64Array(memory.buffer, 64, 4).set([1.5, 2.5, 3.5, 4.5]);
      const m = memoryview(wasmExporter(memory, 64, 32, spelling)).cast("d");
      expect(m.get(1)).toBe(2.5); // fills the hot path's caches over the first buffer
      const before = memory.buffer;
      memory.grow(2);
      expect(before.byteLength).toBe(0); // detached
      expect(m.get(1)).toBe(2.5);
      expect(m.toList()).toEqual([1.5, 2.5, 3.5, 4.5]);
      m.set(2, 9.25);
      expect(new Float64Array(memory.buffer, 64, 4)[2]).toBe(9.25);
      memory.grow(1);
      expect(m.toBytes()).toEqual(new Uint8Array(new Float64Array([1.5, 2.5, 9.25, 4.5]).buffer));
      memory.grow(1);
      expect(m.hex().length).toBe(64);
      memory.grow(1);
      m.set(slice(1, 3), new Float64Array([7, 8]));
      expect([...m]).toEqual([1.5, 7, 8, 4.5]);
      m.release();
    });
  }

  it("follows growth in every derived view, slices and casts alike", () => {
    const memory = new Memory({ initial: 1, maximum: 4 });
    new Int32Array(memory.buffer, 0, 6).set([1, 2, 3, 4, 5, 6]);
    const base = memoryview(wasmExporter(memory, 0, 24)).cast("i", [2, 3]);
    const lastRow = base.get(slice(1, 2)) as ReturnType<typeof memoryview>;
    const copy = memoryview(base);
    memory.grow(1);
    expect(base.toList()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(copy.get([1, 2])).toBe(6);
    expect(lastRow.toList()).toEqual([[4, 5, 6]]);
    expect(base.equals(copy)).toBe(true);
    expect(base.toBytes("F")).toEqual(new Uint8Array(new Int32Array([1, 4, 2, 5, 3, 6]).buffer));
  });

  it("still raises BufferError for a plain ArrayBuffer that was detached", () => {
    const bytes = new ArrayBuffer(16);
    const m = memoryview(bytes);
    structuredClone(bytes, { transfer: [bytes] });
    expect(() => m.get(0)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
    expect(() => m.toList()).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });

  it("refuses a released view even when its memory grew", () => {
    const memory = new Memory({ initial: 1, maximum: 2 });
    const m = memoryview(wasmExporter(memory, 0, 8));
    m.release();
    memory.grow(1);
    expect(() => m.get(0)).toThrow(expect.objectContaining({ pythonType: "ValueError" }));
  });
});

describe("a held record over a WebAssembly.Memory", () => {
  it("is moved to the current buffer by the copy helpers and getPointer", () => {
    const memory = new Memory({ initial: 1, maximum: 4 });
    new Uint8Array(memory.buffer, PAGE - 4, 4).set([1, 2, 3, 4]);
    const record = getBuffer(wasmExporter(memory, PAGE - 4, 4), BufferFlags.FULL_RO);
    memory.grow(1);
    expect(toContiguous(record)).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(record.memory).toBe(memory.buffer);
    memory.grow(1);
    expect(getPointer(record, [3])).toBe(PAGE - 1);
    releaseBuffer(record);
  });

  it("is refused at getBuffer when the items lie past the memory's current size", () => {
    const memory = new Memory({ initial: 1, maximum: 2 });
    const record = fillInfo(null, new ArrayBuffer(8), 0, 8, true, BufferFlags.SIMPLE);
    const exporter = { [getBufferSymbol]: () => ({ ...record, obj: exporter, memory, buf: PAGE - 4 }) };
    expect(() => getBuffer(exporter, BufferFlags.SIMPLE)).toThrow(
      expect.objectContaining({ pythonType: "BufferError", message: expect.stringContaining("outside the memory block") }),
    );
  });

  it("is refused when memory is a detached ArrayBuffer that no WebAssembly.Memory owns", () => {
    const bytes = new ArrayBuffer(8);
    structuredClone(bytes, { transfer: [bytes] });
    const exporter = { [getBufferSymbol]: (flags: number) => ({ ...fillInfo(null, new ArrayBuffer(8), 0, 8, true, flags), obj: exporter, memory: bytes }) };
    expect(() => getBuffer(exporter, BufferFlags.SIMPLE)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });
});

describe("isWasmMemory", () => {
  it("brand-checks instead of duck-typing", () => {
    expect(isWasmMemory(new Memory({ initial: 0 }))).toBe(true);
    expect(isWasmMemory({ buffer: new ArrayBuffer(8), grow: () => 0 })).toBe(false);
    expect(isWasmMemory(new ArrayBuffer(8))).toBe(false);
    expect(isWasmMemory(null)).toBe(false);
  });
});

describe("growableBlockOf (./internal): a sibling package's own memory object", () => {
  it("follows growth through an object whose buffer is always the current one, as Pyodide 0.26-0.29's HEAP8 view", () => {
    const real = new Memory({ initial: 1 });
    // What Pyodide 0.26 to 0.29 offer: no Memory, a view replaced after every growth.
    let heap = new Int8Array(real.buffer);
    const grow = (pages: number): void => {
      real.grow(pages);
      heap = new Int8Array(real.buffer);
    };
    const viewOfHeap = {
      get buffer(): ArrayBuffer {
        return heap.buffer as ArrayBuffer;
      },
      grow(): number {
        throw new RangeError("grows only from inside");
      },
    };
    new Uint8Array(real.buffer)[3] = 7;
    const exporter = { [getBufferSymbol]: (flags: number) => fillInfo(exporter, growableBlockOf(viewOfHeap), 0, 8, false, flags) };
    const m = memoryview(exporter);
    grow(1);
    expect(m.get(3)).toBe(7);
    new Uint8Array(real.buffer)[4] = 9;
    expect(m.get(4)).toBe(9);
  });

  it("refuses an object whose buffer is no memory block; the public growableBlock still takes only a real Memory", () => {
    for (const memory of [{ buffer: 5 }, { buffer: new Uint8Array(4) }]) {
      expect(() => growableBlockOf(memory as never)).toThrow(/growableBlockOf\(\): the memory's buffer is not an ArrayBuffer/);
    }
    const shim = { buffer: new ArrayBuffer(8), grow: () => 0 };
    expect(() => growableBlock(shim as never)).toThrow(/must be a WebAssembly.Memory, not 'dict'/);
    expect(growableBlockOf(shim as never)).toBe(shim.buffer);
  });
});
