/**
 * Memory that is gone, and results too large to build: every public path
 * raises a Python error (BufferError for gone memory, MemoryError for a
 * result past what the engine can allocate), never a bare JavaScript error,
 * silent zeros or a process abort (issue 12, items 3-6, 8 and 14).
 */
import { describe, expect, it } from "vitest";
import {
  getBufferSymbol,
  MemoryError,
  memoryview,
  NDArray,
  pack,
  slice,
  type MemoryView,
} from "../../src/index.ts";
import { concatBytes } from "../../src/internal.ts";
import { outcome } from "./hostile-values.ts";

function detach(memory: ArrayBuffer): void {
  structuredClone(memory, { transfer: [memory] });
}

/** A view of `ndim` dims over `memory` whose every dimension has stride 0: one byte, repeated. */
function broadcast(shape: readonly number[]): MemoryView {
  const memory = new ArrayBuffer(16);
  const len = shape.reduce((a, b) => a * b, 1);
  return memoryview({
    [getBufferSymbol]: () => ({
      obj: null,
      memory,
      buf: 0,
      len,
      itemsize: 1,
      readonly: true,
      format: "B",
      ndim: shape.length,
      shape,
      strides: shape.map(() => 0),
      suboffsets: null,
      internal: null,
    }),
  });
}

describe("huge broadcast views raise MemoryError before allocating (item 3)", () => {
  for (const shape of [[2 ** 53 - 1], [2 ** 26, 2 ** 26], [2 ** 28]]) {
    it(`shape ${JSON.stringify(shape)}`, () => {
      const m = broadcast(shape);
      expect(m.nbytes).toBe(shape.reduce((a, b) => a * b, 1));
      expect(outcome(() => m.toList())).toBe("MemoryError");
      expect(outcome(() => m.hex())).toBe("MemoryError");
      expect(outcome(() => m.hex(":", 4))).toBe("MemoryError");
      if (m.nbytes > 2 ** 33) {
        // Past any engine's ArrayBuffer (2**28 bytes fits, and is copied).
        expect(outcome(() => m.toBytes())).toBe("MemoryError");
        expect(outcome(() => m.toBytes("F"))).toBe("MemoryError");
      }
    });
  }

  it("a small broadcast view still converts", () => {
    const m = broadcast([3, 2]);
    expect(m.toList()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(m.hex()).toBe("000000000000");
  });

  it("hex of an ordinary 2**28-byte view: MemoryError with the limit (item 8)", () => {
    const m = memoryview(new Uint8Array(2 ** 28));
    expect(() => m.hex()).toThrow(MemoryError);
    expect(() => m.hex()).toThrow(/536870888/);
  });

  it("concatBytes past the largest ArrayBuffer: MemoryError (item 14)", () => {
    const part = new Uint8Array(2 ** 20);
    const parts = Array<Uint8Array>(2 ** 14).fill(part); // 16 GiB in all, never allocated
    expect(outcome(() => concatBytes(parts))).toBe("MemoryError");
  });
});

/** A 2x2 PIL view: two pointers to rows of two bytes. */
function pilView(): { m: MemoryView; memory: ArrayBuffer } {
  const memory = new ArrayBuffer(32);
  const dv = new DataView(memory);
  dv.setBigUint64(0, 16n, true);
  dv.setBigUint64(8, 20n, true);
  new Uint8Array(memory).set([1, 2, 0, 0, 3, 4], 16);
  const m = memoryview({
    [getBufferSymbol]: () => ({
      obj: null,
      memory,
      buf: 0,
      len: 4,
      itemsize: 1,
      readonly: false,
      format: "B",
      ndim: 2,
      shape: [2, 2],
      strides: [8, 1],
      suboffsets: [0, -1],
      internal: null,
    }),
  });
  return { m, memory };
}

describe("a PIL view over detached memory raises BufferError everywhere (item 4)", () => {
  const accesses: [string, (m: MemoryView) => unknown][] = [
    ["tolist", (m) => m.toList()],
    ["tobytes", (m) => m.toBytes()],
    ["hex", (m) => m.hex()],
    ["copyInto", (m) => m.copyInto(new Uint8Array(4))],
    ["m[0, 0]", (m) => m.get([0, 0])],
    ["m[0, 0] = 1", (m) => m.set([0, 0], 1)],
    ["m == m", (m) => m.equals(m)],
    ["m[::-1].tolist()", (m) => (m.get(slice(null, null, -1)) as MemoryView).toList()],
    ["m.toreadonly().tolist()", (m) => m.toReadonly().toList()],
    ["memoryview(m).tolist()", (m) => memoryview(m).toList()],
  ];
  it("reads before the detach", () => {
    expect(pilView().m.toList()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
  for (const [name, access] of accesses) {
    it(name, () => {
      const { m, memory } = pilView();
      detach(memory);
      expect(outcome(() => access(m))).toBe("BufferError");
    });
  }
});

describe("NDArray.get checks its memory (item 5)", () => {
  it("detached", () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const nd = new NDArray(bytes);
    expect(nd.get(1)).toBe(2);
    detach(bytes.buffer);
    expect(outcome(() => nd.get(1))).toBe("BufferError");
    expect(outcome(() => nd.toList())).toBe("BufferError");
  });

  it("shrunk", () => {
    const memory = new ArrayBuffer(8, { maxByteLength: 16 });
    const nd = new NDArray(new Uint8Array(memory, 0, 8));
    expect(nd.get(7)).toBe(0);
    memory.resize(2);
    expect(outcome(() => nd.get(7))).toBe("BufferError");
    expect(outcome(() => nd.get(0))).toBe("BufferError");
  });

  it("0-d, detached", () => {
    const bytes = new Uint8Array([7]);
    const nd = new NDArray(memoryview(bytes).cast("B", []));
    expect(nd.get([])).toBe(7);
    detach(bytes.buffer);
    expect(outcome(() => nd.get([]))).toBe("BufferError");
  });
});

describe("bytes arguments of pack whose memory is gone (item 6)", () => {
  it("'4s' with a detached Uint8Array", () => {
    const u = new Uint8Array(4);
    detach(u.buffer);
    expect(outcome(() => pack("4s", u))).toBe("BufferError");
  });

  it("'4p' with a Uint8Array cut off by a shrink packs no zeros", () => {
    const memory = new ArrayBuffer(8, { maxByteLength: 8 });
    const v = new Uint8Array(memory, 4, 4);
    memory.resize(2);
    expect(outcome(() => pack("4p", v))).toBe("BufferError");
  });

  it("an empty Uint8Array is still fine", () => {
    expect(pack("2s", new Uint8Array(0))).toEqual(new Uint8Array(2));
  });
});
