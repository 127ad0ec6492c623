/**
 * Release pairing (Doc/c-api/buffer.rst: PyBuffer_Release): every successful `getBuffer` is matched by
 * exactly one call of the release method of the record's `obj`, made by
 * `releaseBuffer` (`PyBuffer_Release`), which then sets `obj` to null. A
 * second release does nothing; a temporary record (`obj` null) releases as a
 * no-op; a record that did not come from `getBuffer` is refused.
 */
import { describe, expect, it } from "vitest";
import {
  BufferError,
  BufferFlags,
  copyData,
  fillInfo,
  getBuffer,
  getBufferSymbol,
  isPythonError,
  NDArray,
  NDArrayFlags,
  releaseBuffer,
  releaseBufferSymbol,
  type BufferRecord,
} from "../../src/index.ts";

/** An exporter of `size` bytes that counts its exports and keeps what it was handed back. */
class Counting {
  readonly memory: ArrayBuffer;
  readonly readonly: boolean;
  exports = 0;
  gets = 0;
  readonly issued: BufferRecord[] = [];
  readonly released: BufferRecord[] = [];
  constructor(size = 4, readonly = false) {
    this.memory = new ArrayBuffer(size);
    this.readonly = readonly;
  }
  [getBufferSymbol](flags: number): BufferRecord {
    this.gets++;
    const view = fillInfo(this, this.memory, 0, this.memory.byteLength, this.readonly, flags);
    this.exports++;
    this.issued.push(view);
    return view;
  }
  [releaseBufferSymbol](view: BufferRecord): void {
    this.exports--;
    this.released.push(view);
  }
}

describe("releaseBuffer pairs with getBuffer", () => {
  it("calls the release method once per get, in any order, with the exporter's own record", () => {
    const exporter = new Counting();
    const views = [BufferFlags.SIMPLE, BufferFlags.FULL, BufferFlags.ND].map((flags) => getBuffer(exporter, flags));
    expect(exporter.exports).toBe(3);
    releaseBuffer(views[1]!);
    releaseBuffer(views[0]!);
    expect(exporter.exports).toBe(1);
    releaseBuffer(views[2]!);
    expect(exporter.exports).toBe(0);
    // The exporter gets back the records it made (C hands back the same Py_buffer), not the consumer's copies.
    expect(exporter.released).toEqual([exporter.issued[1], exporter.issued[0], exporter.issued[2]]);
    expect(exporter.released[0]).toBe(exporter.issued[1]);
  });

  it("sets obj to null on release", () => {
    const exporter = new Counting();
    const view = getBuffer(exporter, BufferFlags.SIMPLE);
    expect(view.obj).toBe(exporter);
    releaseBuffer(view);
    expect(view.obj).toBeNull();
  });

  it("does nothing on a second release", () => {
    const exporter = new Counting();
    const view = getBuffer(exporter, BufferFlags.SIMPLE);
    releaseBuffer(view);
    releaseBuffer(view);
    expect(exporter.released).toHaveLength(1);
    expect(exporter.exports).toBe(0);
  });

  it("works for an exporter without a release method", () => {
    const memory = new ArrayBuffer(2);
    const exporter = { [getBufferSymbol]: (flags: number) => fillInfo(exporter, memory, 0, 2, true, flags) };
    const view = getBuffer(exporter, BufferFlags.SIMPLE);
    releaseBuffer(view);
    expect(view.obj).toBeNull();
  });

  it("works for the built-in exporters, whose obj is the object itself", () => {
    const array = new Int32Array(3);
    const view = getBuffer(array, BufferFlags.FULL_RO);
    expect(view.obj).toBe(array);
    releaseBuffer(view);
    releaseBuffer(view);
    expect(view.obj).toBeNull();
  });

  it("calls no release method when the exporter refuses the request", () => {
    // A failing get method cleans up after itself (it must leave obj NULL in C); nothing was exported.
    const exporter = new Counting(4, true);
    let error: unknown;
    try {
      getBuffer(exporter, BufferFlags.WRITABLE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BufferError);
    expect(exporter.gets).toBe(1);
    expect(exporter.released).toHaveLength(0);
  });

  it("keeps an NDArray's structure locked until its last export is released", () => {
    const nd = new NDArray([1, 2, 3], { shape: [3] });
    const first = getBuffer(nd, BufferFlags.FULL_RO);
    const second = getBuffer(nd, BufferFlags.FULL_RO);
    const push = (): void => nd.push([4], { shape: [1] });
    releaseBuffer(first);
    releaseBuffer(first);
    // The double release did not count twice: one export is still live.
    expect(push).toThrow("cannot change structure: 1 exported buffer");
    releaseBuffer(second);
    push();
    expect(nd.shape).toEqual([1]);
  });

  it("leaves both exporters balanced when copyData fails halfway", () => {
    const dest = new Counting(2);
    const source = new Counting(3);
    expect(() => copyData(dest, source)).toThrow("destination is too small to receive data from source");
    expect([dest.gets, dest.exports, source.gets, source.exports]).toEqual([1, 0, 1, 0]);
  });
});

describe("redirecting exporters", () => {
  it("releases on the object the record names, not on the object asked", () => {
    const root = new Counting();
    const redirect = {
      released: 0,
      [getBufferSymbol](flags: number): BufferRecord {
        return fillInfo(root, root.memory, 0, 4, false, flags);
      },
      [releaseBufferSymbol](): void {
        this.released++;
      },
    };
    const view = getBuffer(redirect, BufferFlags.SIMPLE);
    expect(view.obj).toBe(root);
    releaseBuffer(view);
    expect(root.released).toHaveLength(1);
    expect(redirect.released).toBe(0);
  });

  it("gives an ND_REDIRECT NDArray's consumers the root as obj, and releases there", () => {
    const root = new NDArray([1, 2, 3], { shape: [3] });
    const middle = new NDArray(root, { flags: NDArrayFlags.REDIRECT });
    const view = getBuffer(middle, BufferFlags.FULL_RO);
    expect(view.obj).toBe(root);
    // The root is exported twice: to the middle array and through it to this view.
    expect(() => root.push([4], { shape: [1] })).toThrow("cannot change structure: 2 exported buffers");
    releaseBuffer(view);
    expect(() => root.push([4], { shape: [1] })).toThrow("cannot change structure: 1 exported buffer");
    middle.release();
    middle.release();
    root.push([4], { shape: [1] });
    expect(root.shape).toEqual([1]);
  });
});

describe("records that did not come from getBuffer", () => {
  it("refuses a handmade record that names an exporter: ValueError", () => {
    const exporter = new Counting();
    const record = fillInfo(exporter, exporter.memory, 0, 4, false, BufferFlags.SIMPLE);
    let error: unknown;
    try {
      releaseBuffer(record);
    } catch (e) {
      error = e;
    }
    expect(isPythonError(error, "ValueError")).toBe(true);
    expect(exporter.released).toHaveLength(0);
    expect(record.obj).toBe(exporter);
  });

  it("refuses a copy of an issued record: the mark is the record's own, not its fields", () => {
    const exporter = new Counting();
    const view = getBuffer(exporter, BufferFlags.FULL_RO);
    for (const copy of [{ ...view }, Object.assign(Object.create(Object.getPrototypeOf(view) as object) as object, view)]) {
      let error: unknown;
      try {
        releaseBuffer(copy as BufferRecord);
      } catch (e) {
        error = e;
      }
      expect(isPythonError(error, "ValueError")).toBe(true);
    }
    expect(exporter.released).toHaveLength(0);
    releaseBuffer(view);
    expect(exporter.released).toEqual([exporter.issued[0]]);
  });

  it("releases a temporary record (fillInfo with a null exporter) as a no-op", () => {
    const record = fillInfo(null, new ArrayBuffer(4), 0, 4, true, BufferFlags.FULL_RO);
    releaseBuffer(record);
    releaseBuffer(record);
    expect(record.obj).toBeNull();
  });
});
