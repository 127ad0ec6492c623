/**
 * Exporter to Buffer: zero-copy when the memory cannot move under the
 * Buffer, a copy with its reason when the caller allows one, a BufferError
 * with the reason when not; a shared Buffer holds its export.
 */
import {
  BufferError,
  getBufferSymbol,
  fillInfo,
  isPythonError,
  memoryview,
  NDArray,
  NDArrayFlags,
  slice,
  type BufferRecord,
} from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { bufferOf, MemoryRegion, ResizableBytes, toBuffer } from "../../src/index.ts";
import { collectUntil } from "../helpers/gc.ts";
import { wasmMemory } from "../helpers/wasm.ts";

function refusal(action: () => unknown): BufferError {
  try {
    action();
  } catch (error) {
    expect(isPythonError(error, "BufferError")).toBe(true);
    return error as BufferError;
  }
  throw new Error("expected a BufferError");
}

describe("toBuffer", () => {
  it("shares the memory of a C-contiguous view of any exporter", () => {
    const samples = new Int16Array([1, -1, 3]);
    const buffer = toBuffer(samples);
    expect([buffer.buffer, buffer.byteOffset, buffer.length]).toEqual([samples.buffer, 0, 6]);
    buffer.writeInt16LE(7, 2);
    expect(samples[1]).toBe(7);
    const middle = toBuffer(memoryview(samples).get(slice(1, 3)));
    expect([middle.byteOffset, middle.length]).toEqual([2, 4]);
  });

  it("shares a SharedArrayBuffer's memory, growable ones included", () => {
    const shared = new SharedArrayBuffer(8, { maxByteLength: 64 });
    const buffer = toBuffer(new Uint8Array(shared, 2, 4));
    buffer[0] = 5;
    shared.grow(32);
    expect([new Uint8Array(shared)[2], buffer.length]).toEqual([5, 4]);
  });

  it("refuses strided, PIL-style and movable memory by default, saying why", () => {
    expect(refusal(() => toBuffer(memoryview(new Uint8Array(4)).get(slice(null, null, 2)))).message).toBe(
      "cannot share this buffer's memory without copying: the buffer is not C-contiguous; a Buffer is one run of bytes",
    );
    expect(refusal(() => toBuffer(new NDArray([1, 2, 3, 4], { shape: [2, 2], flags: NDArrayFlags.PIL }))).message).toContain(
      "suboffsets",
    );
    const resizable = new ArrayBuffer(8, { maxByteLength: 16 });
    expect(refusal(() => toBuffer(new Uint8Array(resizable))).message).toContain("resizable ArrayBuffer that nothing stops from shrinking");
    const memory = wasmMemory({ initial: 1 });
    expect(refusal(() => toBuffer(new MemoryRegion(memory, { shape: [4] }))).message).toContain("WebAssembly.Memory");
    // A view over the region's memory, taken by another consumer, is recognised by the memory itself.
    expect(refusal(() => toBuffer(memoryview(new MemoryRegion(memory, { shape: [4] })))).message).toContain("grow() detaches");
  });

  it("copies when allowed, with the reason, and the copy is independent", () => {
    const data = new Uint8Array([1, 2, 3, 4, 5]);
    const conversion = bufferOf(memoryview(data).get(slice(null, null, -2)), { copy: "if-needed" });
    expect([conversion.copied, conversion.reason]).toEqual([true, "the buffer is not C-contiguous; a Buffer is one run of bytes"]);
    expect([...conversion.buffer]).toEqual([5, 3, 1]);
    conversion.buffer[0] = 0;
    expect(data[4]).toBe(5);
    const always = bufferOf(data, { copy: "always" });
    expect([always.copied, always.reason, [...always.buffer]]).toEqual([true, "a copy was requested (copy: 'always')", [1, 2, 3, 4, 5]]);
    const resizable = bufferOf(new Uint8Array(new ArrayBuffer(3, { maxByteLength: 8 })), { copy: "if-needed" });
    expect([resizable.copied, resizable.buffer.length]).toEqual([true, 3]);
    const shared = bufferOf(data, { copy: "if-needed" });
    expect([shared.copied, shared.reason, shared.buffer.buffer]).toEqual([false, null, data.buffer]);
  });

  it("gives C-order bytes of a multi-dimensional exporter", () => {
    const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "h" });
    expect(new Int16Array(toBuffer(nd).buffer.slice(0))).toEqual(new Int16Array([1, 2, 3, 4, 5, 6]));
    const fortran = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], flags: NDArrayFlags.FORTRAN });
    // Memory in Fortran order: the Buffer is a copy in C order.
    expect(fortran.toList()).toEqual([[1, 3, 5], [2, 4, 6]]);
    const conversion = bufferOf(fortran, { copy: "if-needed" });
    expect([conversion.copied, [...conversion.buffer]]).toEqual([true, [1, 3, 5, 2, 4, 6]]);
  });

  it("refuses an unknown policy and a non-exporter", () => {
    expect(() => toBuffer(new Uint8Array(1), { copy: "sometimes" as "never" })).toThrow(
      "copy must be 'never', 'if-needed' or 'always', not sometimes",
    );
    expect(() => toBuffer("text")).toThrow("a bytes-like object is required, not 'str'");
  });

  it("gives an empty Buffer for an empty view wherever it starts", () => {
    const empty = memoryview(new Uint8Array(4)).get(slice(4, 4));
    expect(toBuffer(empty).length).toBe(0);
  });
});

describe("a shared Buffer holds its export", () => {
  it("locks a ResizableBytes until released", () => {
    const bytes = new ResizableBytes([1, 2, 3]);
    const conversion = bufferOf(bytes);
    expect([conversion.copied, bytes.exports]).toEqual([false, 1]);
    expect(() => bytes.append(4)).toThrow("Existing exports of data: object cannot be re-sized");
    conversion.buffer[0] = 9;
    conversion.release();
    conversion.release();
    expect(bytes.exports).toBe(0);
    bytes.append(4);
    expect([...bytes]).toEqual([9, 2, 3, 4]);
  });

  it("releases with Symbol.dispose", () => {
    const bytes = new ResizableBytes(2);
    const conversion = bufferOf(bytes);
    conversion[Symbol.dispose]();
    expect(bytes.exports).toBe(0);
  });

  it("releases the export when the Buffer is garbage-collected", async () => {
    const bytes = new ResizableBytes(16);
    (() => {
      const buffer = toBuffer(bytes);
      expect(buffer.length).toBe(16);
    })();
    expect(bytes.exports).toBe(1);
    expect(await collectUntil(() => bytes.exports === 0)).toBe(true);
    bytes.resize(32);
    expect(bytes.length).toBe(32);
  });

  it("counts as an export of a MemoryView, which then cannot be released", () => {
    const view = memoryview(new Uint8Array(4));
    const conversion = bufferOf(view);
    expect(() => view.release()).toThrow("memoryview has 1 exported buffer");
    conversion.release();
    view.release();
    expect(view.released).toBe(true);
  });

  it("copies release the export at once", () => {
    let exports = 0;
    const memory = new ArrayBuffer(4);
    const exporter = {
      [getBufferSymbol](flags: number): BufferRecord {
        exports++;
        return fillInfo(exporter, memory, 0, 4, true, flags);
      },
      [Symbol.for("pybuffer.releasebuffer")]() {
        exports--;
      },
    };
    const conversion = bufferOf(exporter, { copy: "always" });
    expect([conversion.copied, exports]).toEqual([true, 0]);
  });
});
