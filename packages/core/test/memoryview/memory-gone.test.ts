/**
 * Memory that is gone under a live view (DESIGN: "a consumer never trusts an
 * exporter"): an ArrayBuffer detached by a transfer, a resizable ArrayBuffer
 * shrunk below the view's items, a WebAssembly.Memory grown (which detaches
 * its old buffer). CPython has no such state; the rule is ours: every access
 * to the items raises BufferError, never zeros, `undefined` or a dropped
 * write. Metadata (shape, length, cast, slicing) needs no memory and still
 * answers; the views it makes fail the same way. Runs on Node 20 and 24.
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, memoryview, slice, type MemoryView } from "../../src/index.ts";

/** WebAssembly.Memory, typed here: the project's libs (ES2024, no DOM) do not declare WebAssembly. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
const WasmMemory = (globalThis as unknown as {
  WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory };
}).WebAssembly.Memory;

/** Every operation that reads or writes items, on `m` (a 1-D 'B' view of 8 bytes or more). */
const ACCESSES: [string, (m: MemoryView) => unknown][] = [
  ["m[0]", (m) => m.get(0)],
  ["m[-1]", (m) => m.get(-1)],
  ["m[0] = 1", (m) => m.set(0, 1)],
  ["m[0:2] = b'xy'", (m) => m.set(slice(0, 2), Uint8Array.of(120, 121))],
  ["m.tolist()", (m) => m.toList()],
  ["m.tobytes()", (m) => m.toBytes()],
  ["m.tobytes('F')", (m) => m.toBytes("F")],
  ["m.copyInto(bytearray(m.nbytes))", (m) => m.copyInto(new Uint8Array(m.nbytes))],
  ["m.hex()", (m) => m.hex()],
  ["list(m)", (m) => [...m]],
  ["m.count(0)", (m) => m.count(0)],
  ["m.index(0)", (m) => m.index(0)],
  ["m == bytes(8)", (m) => m.equals(new Uint8Array(8))],
  ["bytes(8) == m", (m) => memoryview(new Uint8Array(8)).equals(m)],
  ["m.toTypedArray()", (m) => m.toTypedArray()],
  ["m.cast('i')[0]", (m) => m.cast("i").get(0)],
  ["m.cast('B', [2, n/2])[0, 0]", (m) => m.cast("B", [2, m.nbytes / 2]).get([0, 0])],
  ["m[1:][0]", (m) => (m.get(slice(1, null)) as MemoryView).get(0)],
  ["m[::-1].tolist()", (m) => (m.get(slice(null, null, -1)) as MemoryView).toList()],
  ["m.toreadonly()[0]", (m) => m.toReadonly().get(0)],
  ["memoryview(m)[0]", (m) => memoryview(m).get(0)],
  ["getbuffer(m, SIMPLE)", (m) => getBuffer(m, BufferFlags.SIMPLE)],
  // (the last two items: a slice is checked against its own extent, which these reach)
  ["other[0:2] = m[-2:]", (m) => memoryview(new Uint8Array(2)).set(slice(0, 2), m.get(slice(-2, null)))],
];

/** Asserts every access throws BufferError (and nothing else: no value, no silent write). */
function everyAccessFails(make: () => MemoryView): void {
  for (const [name, access] of ACCESSES) {
    let outcome: unknown;
    try {
      outcome = { returned: access(make()) };
    } catch (error) {
      outcome = { pythonType: (error as { pythonType?: unknown }).pythonType };
    }
    expect({ name, outcome }).toEqual({ name, outcome: { pythonType: "BufferError" } });
  }
}

describe("a detached ArrayBuffer (structuredClone transfer)", () => {
  const detachedView = (): MemoryView => {
    const memory = new ArrayBuffer(8);
    const m = memoryview(memory);
    structuredClone(memory, { transfer: [memory] });
    return m;
  };

  it("item access says the memory is gone", () => {
    expect(() => detachedView().get(0)).toThrow("memoryview: the underlying memory is gone (detached or resized to zero)");
  });

  it("every access is BufferError", () => {
    everyAccessFails(detachedView);
  });

  it("metadata still answers", () => {
    const m = detachedView();
    expect([m.nbytes, m.length, m.shape, m.cast("i").shape, m.released]).toEqual([8, 8, [8], [2], false]);
  });

  it("a new view of it is refused", () => {
    const memory = new ArrayBuffer(8);
    structuredClone(memory, { transfer: [memory] });
    expect(() => memoryview(memory)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });

  it("a 'B' view of a detached TypedArray's buffer fails the same way", () => {
    const bytes = new Uint8Array(8);
    const m = memoryview(bytes).cast("B", [2, 4]);
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    expect(() => m.toList()).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });
});

describe("a resizable ArrayBuffer shrunk below the view", () => {
  const shrunk = (to: number) => {
    const memory = new ArrayBuffer(16, { maxByteLength: 16 });
    new Uint8Array(memory).fill(7);
    const m = memoryview(memory).get(slice(4, 12)) as MemoryView; // items at bytes 4..11
    memory.resize(to);
    return m;
  };

  it("item access names the new size", () => {
    expect(() => shrunk(8).get(0)).toThrow("memoryview: the underlying memory shrank to 8 bytes, below the view's items");
  });

  it("every access is BufferError, even when part of the view is still there", () => {
    everyAccessFails(() => shrunk(8));
    everyAccessFails(() => shrunk(0));
  });

  it("a slice is checked against its own items: m[0:2] (bytes 4-5) still reads after a shrink to 8", () => {
    const m = shrunk(8);
    expect((m.get(slice(0, 2)) as MemoryView).toList()).toEqual([7, 7]);
    expect(() => m.get(2)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });

  it("a shrink that keeps the view's items is harmless", () => {
    const m = shrunk(12);
    expect(m.toList()).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    m.set(7, 1);
    expect(m.get(-1)).toBe(1);
  });

  it("a fixed-length TypedArray exporter on the buffer fails the same way", () => {
    const memory = new ArrayBuffer(16, { maxByteLength: 16 });
    const m = memoryview(new Int32Array(memory, 4, 2));
    memory.resize(8);
    expect(() => m.get(1)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
    expect(() => m.set(0, 5)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
  });
});

describe("a WebAssembly.Memory grown (its old buffer is detached)", () => {
  const grown = () => {
    const wasm = new WasmMemory({ initial: 1, maximum: 2 });
    const m = memoryview(wasm.buffer).get(slice(0, 16)) as MemoryView;
    wasm.grow(1);
    return { wasm, m };
  };

  it("every access is BufferError", () => {
    everyAccessFails(() => grown().m);
  });

  it("a write through the stale view lands nowhere: the grown memory is unchanged", () => {
    const { wasm, m } = grown();
    expect(() => m.set(0, 0xff)).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
    expect(() => m.set(slice(0, 2), Uint8Array.of(1, 2))).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
    expect(new Uint8Array(wasm.buffer).every((byte) => byte === 0)).toBe(true);
  });

  it("a view of the new buffer works", () => {
    const { wasm } = grown();
    const m = memoryview(wasm.buffer);
    m.set(65536, 9);
    expect([m.nbytes, m.get(65536)]).toEqual([131072, 9]);
  });

  it("a shared memory keeps its old buffer valid when grown (nothing is gone)", () => {
    const wasm = new WasmMemory({ initial: 1, maximum: 2, shared: true });
    const m = memoryview(wasm.buffer).get(slice(0, 4)) as MemoryView;
    wasm.grow(1);
    m.set(0, 3);
    expect([m.toList(), new Uint8Array(wasm.buffer)[0]]).toEqual([[3, 0, 0, 0], 3]);
  });
});

describe("after reads have taken the TypedArray fast path", () => {
  // Item reads of aligned host-order views go straight to TypedArray elements,
  // looked up on the first read; memory gone afterwards must still raise.
  const breakers: [string, (memory: ArrayBuffer) => void][] = [
    ["detached", (memory) => void structuredClone(memory, { transfer: [memory] })],
    ["shrunk below the items", (memory) => memory.resize(8)],
    ["shrunk to zero", (memory) => memory.resize(0)],
  ];
  /** 'd' items over bytes 8..31 of a resizable buffer, as 1-D, strided, reversed and 2-D views. */
  const views: [string, (m: MemoryView) => MemoryView, unknown][] = [
    ["1-D", (m) => m, 3],
    ["strided [::2]", (m) => m.get(slice(null, null, 2)) as MemoryView, 3],
    ["reversed [::-1]", (m) => m.get(slice(null, null, -1)) as MemoryView, 3],
    ["2-D cast", (m) => m.cast("B").cast("d", [1, 3]), 3],
  ];

  for (const [breakerName, breakMemory] of breakers) {
    for (const [viewName, derive, expected] of views) {
      it(`${viewName}, then ${breakerName}: m[0] and m[-1] raise BufferError`, () => {
        const memory = new ArrayBuffer(32, { maxByteLength: 32 });
        new Float64Array(memory).fill(3);
        const m = derive(memoryview(new Float64Array(memory, 8, 3)));
        const first = m.ndim === 1 ? (): unknown => m.get(0) : (): unknown => m.get([0, 0]);
        const last = m.ndim === 1 ? (): unknown => m.get(-1) : (): unknown => m.get([0, -1]);
        for (let warm = 0; warm < 50; warm++) expect([first(), last()]).toEqual([expected, expected]);
        breakMemory(memory);
        expect(first).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
        expect(last).toThrow(expect.objectContaining({ pythonType: "BufferError" }));
      });
    }
  }

  it("a shrink that keeps the view's items leaves fast reads working", () => {
    const memory = new ArrayBuffer(32, { maxByteLength: 32 });
    const m = memoryview(new Int32Array(memory, 0, 4));
    m.set(3, 42);
    expect(m.get(3)).toBe(42);
    memory.resize(16);
    expect([m.get(3), m.get(-4)]).toEqual([42, 0]);
    memory.resize(15);
    expect(() => m.get(0)).toThrow("memoryview: the underlying memory shrank to 15 bytes, below the view's items");
  });

  it("a released view raises ValueError on the fast path too", () => {
    const m = memoryview(new Float64Array([1, 2]));
    expect(m.get(1)).toBe(2);
    m.release();
    expect(() => m.get(1)).toThrow("operation forbidden on released memoryview object");
    expect(() => m.get([1])).toThrow("operation forbidden on released memoryview object");
  });
});
