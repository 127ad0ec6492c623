/**
 * The buffer object beyond what the fixtures reach: its stored state, JS
 * argument types, memory-backed buffers over JS memory, the new-protocol
 * export (and its pin), and the JavaScript conventions (iteration,
 * `toString`, `util.inspect`).
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, isPythonError, memoryview, releaseBuffer, slice } from "@pybuffer/core";
import {
  asReadBuffer,
  buffer,
  bufferFromMemory,
  fromObject,
  bufferFromReadWriteMemory,
  fromReadWriteObject,
  getSegmentCountSymbol,
  LegacyBuffer,
  newBuffer,
  objectId,
} from "../../src/index.ts";
import { PyByteArray } from "../support/python2-types.ts";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function errorOf(run: () => unknown): Error & { pythonType?: string } {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("construction and stored state", () => {
  it("keeps (base, offset, size, readonly) as given, and collapses a buffer of a buffer", () => {
    const data = text("abcdef");
    const inner = buffer(data, 1, 3);
    expect([inner.base, inner.offset, inner.size, inner.readonly]).toEqual([data, 1, 3, true]);
    const outer = buffer(inner, 1, 100);
    expect([outer.base, outer.offset, outer.size]).toEqual([data, 2, 2]);
    expect(outer.toBytes()).toEqual(text("cd"));
    expect(new LegacyBuffer(data, 2).toBytes()).toEqual(text("cdef"));
  });

  it("offsets and sizes past 2**53 stay exact (as bigint)", () => {
    const b = buffer(text("abc"), 2n ** 63n - 1n);
    expect(b.offset).toBe(2n ** 63n - 1n);
    expect(b.length).toBe(0);
    expect(b.repr()).toContain("offset 9223372036854775807");
    expect(() => buffer(b, 1)).toThrow("offset must be zero or positive"); // C's overflow
    expect(buffer(text("abc"), 1n, true).toBytes()).toEqual(text("b"));
  });

  it("JavaScript callers get Python's argument errors", () => {
    const make = buffer as (...args: unknown[]) => LegacyBuffer;
    expect(() => make()).toThrow("buffer() takes at least 1 argument (0 given)");
    expect(() => make(bytes(), 0, -1, 5)).toThrow("buffer() takes at most 3 arguments (4 given)");
    expect(() => make(bytes(), 0.5)).toThrow("integer argument expected, got float");
    expect(() => make(bytes(), "1")).toThrow("an integer is required");
    expect(() => make(bytes(), null)).toThrow("an integer is required");
    expect(make(bytes(1, 2), undefined, 1).toBytes()).toEqual(bytes(1));
    expect(() => make(bytes(), 2 ** 64)).toThrow("Python int too large to convert to C long");
    expect(() => make(42)).toThrow("buffer object expected");
    expect(() => make({})).toThrow("buffer object expected");
  });

  it("fromObject and fromReadWriteObject default to the whole base", () => {
    const data = bytes(1, 2, 3);
    expect(fromObject(data).toBytes()).toEqual(data);
    expect(fromReadWriteObject(data).readonly).toBe(false);
    expect(fromReadWriteObject(buffer(data, 1)).base).toBe(data); // writable view of a read-only buffer's base
  });
});

describe("repr and identity", () => {
  it("shows objectId for addresses, in CPython's format", () => {
    const data = bytes(1, 2);
    const b = buffer(data, 1);
    const hex = (value: object): string => `0x${objectId(value).toString(16)}`;
    expect(b.repr()).toBe(`<read-only buffer for ${hex(data)}, size -1, offset 1 at ${hex(b)}>`);
    expect(String(b)).toBe(b.repr());
    expect(inspect(b)).toBe(b.repr());
    expect(objectId(b)).toBe(objectId(b));
    expect(objectId(b)).not.toBe(objectId(data));
    const memory = new ArrayBuffer(8);
    const m = bufferFromReadWriteMemory(memory, 4, 2);
    expect(m.repr()).toBe(`<read-write buffer ptr 0x${(objectId(memory) + 4).toString(16)}, size 2 at ${hex(m)}>`);
  });
});

describe("memory-backed buffers", () => {
  it("read and write their memory, with no base", () => {
    const memory = bytes(1, 2, 3, 4).buffer;
    const ro = bufferFromMemory(memory, 1, 2);
    expect([ro.base, ro.offset, ro.size, ro.readonly]).toEqual([null, 0, 2, true]);
    expect(ro.toBytes()).toEqual(bytes(2, 3));
    expect(() => ro.set(0, bytes(9))).toThrow("buffer is read-only");
    const rw = bufferFromReadWriteMemory(memory, 0, 4);
    rw.set(slice(2, 4), bytes(7, 8));
    expect(new Uint8Array(memory)).toEqual(bytes(1, 2, 7, 8));
  });

  it("refuses size -1 (2.7 made a broken object) and windows outside the block", () => {
    expect(() => bufferFromMemory(new ArrayBuffer(4), 0, -1)).toThrow("size must be zero or positive");
    expect(() => bufferFromMemory(new ArrayBuffer(4), 2, 3)).toThrow("3 bytes at offset 2 are outside the memory block of 4 bytes");
    expect(() => bufferFromMemory(new ArrayBuffer(4), -1, 1)).toThrow("offset must be zero or positive");
    expect(() => bufferFromMemory(bytes(1) as never, 0, 1)).toThrow("memory must be an ArrayBuffer or SharedArrayBuffer");
  });

  it("is never clamped: memory that shrinks below it, or is detached, is a BufferError", () => {
    const memory = new ArrayBuffer(8, { maxByteLength: 8 });
    const b = bufferFromMemory(memory, 2, 4);
    memory.resize(5);
    const shrunk = errorOf(() => b.length);
    expect(shrunk.pythonType).toBe("BufferError");
    expect(shrunk.message).toBe("the buffer's memory is gone: 4 bytes at offset 2 are outside its memory, now 5 bytes");
    memory.resize(8);
    expect(b.length).toBe(4);
    const detachable = new ArrayBuffer(2);
    const d = bufferFromMemory(detachable, 0, 2);
    structuredClone(detachable, { transfer: [detachable] });
    expect(errorOf(() => d.toBytes()).message).toBe("the buffer's memory is gone: its ArrayBuffer was detached");
    expect(d.repr()).toMatch(/^<read-only buffer ptr 0x[0-9a-f]+, size 2 at 0x[0-9a-f]+>$/); // repr never fails
  });

  it("newBuffer is zeroed and writable; a buffer over it is not collapsed", () => {
    const nb = newBuffer(3);
    expect(nb.toBytes()).toEqual(bytes(0, 0, 0));
    expect(nb.readonly).toBe(false);
    nb.set(1, bytes(5));
    const view = buffer(nb, 1);
    expect(view.base).toBe(nb);
    expect(view.toBytes()).toEqual(bytes(5, 0));
    expect(() => newBuffer(-1)).toThrow("size must be zero or positive");
    expect(errorOf(() => newBuffer(2n ** 63n - 1n)).pythonType).toBe("MemoryError");
    expect(errorOf(() => newBuffer(2 ** 52)).pythonType).toBe("MemoryError");
  });
});

describe("the new protocol (memoryview(buffer(x)))", () => {
  it("exports the window as read-only unsigned bytes, the buffer being the exporter", () => {
    const b = buffer(new Int16Array([1, 2]), 1);
    const record = getBuffer(b, BufferFlags.FULL_RO);
    expect([record.obj, record.format, record.shape, record.strides, record.readonly]).toEqual([b, "B", [3], [1], true]);
    releaseBuffer(record);
    expect(errorOf(() => getBuffer(b, BufferFlags.WRITABLE)).message).toBe("Object is not writable.");
    const m = memoryview(b);
    expect(m.toList()).toEqual([0, 2, 0]);
    expect(() => m.set(0, 1)).toThrow("cannot modify read-only memory");
  });

  it("a read-write buffer exports writable memory: writes reach the base", () => {
    const data = bytes(1, 2, 3);
    const m = memoryview(fromReadWriteObject(data, 1));
    m.set(0, 9);
    expect(data).toEqual(bytes(1, 9, 3));
  });

  it("holds the base's export while the view lives, so the base cannot be resized under it", () => {
    const base = new PyByteArray(text("abc"));
    const m = memoryview(buffer(base));
    expect(base.exports).toBe(1);
    expect(errorOf(() => base.extend(text("d"))).message).toBe("Existing exports of data: object cannot be re-sized");
    expect(m.toBytes()).toEqual(text("abc"));
    m.release();
    expect(base.exports).toBe(0);
    base.extend(text("d"));
    expect(buffer(base).toBytes()).toEqual(text("abcd"));
  });

  it("an old-protocol-only base cannot be held: the view keeps the memory it was given", () => {
    const store = { bytes: text("abc") };
    const oldOnly = {
      [getSegmentCountSymbol]: () => ({ count: 1, length: store.bytes.length }),
      [Symbol.for("pybuffer.legacy.getreadbuffer")]: () => store.bytes,
    };
    const m = memoryview(buffer(oldOnly));
    store.bytes = text("xyzw"); // the exporter moved its data
    expect(m.toBytes()).toEqual(text("abc")); // the old block: stale but never out of bounds
    expect(buffer(oldOnly).toBytes()).toEqual(text("xyzw")); // a buffer re-resolves
  });

  it("a failing window fails the export", () => {
    expect(() => memoryview(fromReadWriteObject("abc"))).toThrow("cannot use unicode as modifiable buffer");
  });
});

describe("integer keys as JavaScript numbers, far past Py_ssize_t (2.7.18's answers)", () => {
  // b = buffer('abcdef'): b[10**20], b[2**53], b[-10**20:10**20], b[-2**60:3], b[2**53:], b[-1:-10**30]
  it("index and clamp as bigints would", () => {
    const b = buffer(text("abcdef"));
    const decoded = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
    expect(() => b.get(1e20)).toThrow("cannot fit 'long' into an index-sized integer");
    expect(() => b.get(2 ** 53)).toThrow("buffer index out of range");
    expect([slice(-1e20, 1e20), slice(-(2 ** 60), 3), slice(2 ** 53, null), slice(-1, -1e30)].map((key) => decoded(b.get(key)))).toEqual([
      "abcdef",
      "abc",
      "",
      "",
    ]);
  });
});

describe("sequence behaviour", () => {
  it("iteration resolves the window before each step", () => {
    const base = new PyByteArray(text("abcdef"));
    const iterator = buffer(base)[Symbol.iterator]();
    expect(iterator.next().value).toEqual(text("a"));
    base.deleteSlice(1, null);
    expect(iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("concat returns the other operand itself when the window is empty", () => {
    const other = { [getSegmentCountSymbol]: () => ({ count: 1, length: 0 }), [Symbol.for("pybuffer.legacy.getreadbuffer")]: () => bytes() };
    expect(buffer(bytes()).concat(other)).toBe(other);
    expect(buffer(bytes(1)).concat("x")).toEqual(bytes(1, 0x78, 0));
    expect(() => buffer(bytes(1)).concat(5)).toThrow("bad argument type for built-in operation");
  });

  it("repeat checks sizes as CPython does", () => {
    const b = buffer(bytes(1, 2));
    expect(b.repeat(true)).toEqual(bytes(1, 2));
    expect(b.repeat(3n)).toEqual(bytes(1, 2, 1, 2, 1, 2));
    expect(errorOf(() => b.repeat(2n ** 62n - 1n)).message).toBe("string is too large");
    expect(errorOf(() => b.repeat(2n ** 62n)).message).toBe("result too large");
    expect(errorOf(() => b.repeat(2 ** 40)).pythonType).toBe("MemoryError");
    expect(() => b.repeat("2" as never)).toThrow("can't multiply sequence by non-int of type 'unicode'");
    expect(buffer(bytes()).repeat(5)).toEqual(bytes());
  });

  it("equals compares bytes with any bytes-like object, text through the char view", () => {
    const b = buffer(text("ab"));
    expect(b.equals(text("ab"))).toBe(true);
    expect(b.equals(new Uint16Array([0x6261]))).toBe(true);
    expect(b.equals(memoryview(text("ab")))).toBe(true);
    expect(b.equals("ab")).toBe(true);
    expect(b.equals(text("abc"))).toBe(false);
    expect(b.equals(42)).toBe(false);
    expect(b.equals(null)).toBe(false);
    const broken = fromReadWriteObject("x");
    expect(broken.equals(text("x"))).toBe(false); // a window that fails is simply unequal to bytes
    expect(() => broken.equals(buffer(text("x")))).toThrow("cannot use unicode as modifiable buffer");
  });

  it("compare is for buffers only", () => {
    expect(buffer(text("a")).compare(buffer(text("ab")))).toBe(-1);
    expect(buffer(text("b")).compare(buffer(text("ab")))).toBe(1);
    expect(() => buffer(text("a")).compare(text("a") as never)).toThrow("buffer.__cmp__(x,y) requires y to be a 'buffer', not a 'Uint8Array'");
    expect(() => buffer(text("a")).compare("a" as never)).toThrow("buffer.__cmp__(x,y) requires y to be a 'buffer', not a 'unicode'");
  });

  it("includes compares one-byte items with one-character ASCII text or one-byte bytes-like objects", () => {
    const b = buffer(text("abc"));
    expect([b.includes("b"), b.includes(bytes(98)), b.includes(new Int8Array([99])), b.includes("bc"), b.includes(98)]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(b.includes(buffer(text("b")))).toBe(false); // a str item never equals a buffer
    expect(buffer(bytes(0xe9)).includes("\u00e9")).toBe(false);
  });

  it("hash is Python 2's str hash, cached, and refused for read-write buffers", () => {
    const data = text("abc");
    const b = buffer(data);
    expect(b.hash()).toBe(1453079729188098211n);
    data[0] = 0x7a;
    expect(b.hash()).toBe(1453079729188098211n);
    expect(buffer(data).hash()).not.toBe(1453079729188098211n);
    expect(buffer(bytes()).hash()).toBe(0n);
    expect(() => fromReadWriteObject(data).hash()).toThrow("writable buffers are not hashable");
  });

  it("delete always fails, with CPython's message for the buffer's kind", () => {
    expect(() => buffer(bytes(1)).delete(0)).toThrow("buffer is read-only");
    expect(() => fromReadWriteObject(bytes(1)).delete(0)).toThrow("bad argument type for built-in operation");
    expect(() => fromReadWriteObject(bytes(1)).delete(slice(0, 1))).toThrow("bad argument type for built-in operation");
  });

  it("overlapping writes behave like memmove, also for extended slices", () => {
    const data = text("abcdef");
    fromReadWriteObject(data).set(slice(null, null, -1), buffer(data));
    expect(new TextDecoder().decode(data)).toBe("fedcba");
    const more = text("abcdef");
    fromReadWriteObject(more).set(slice(2, 5), buffer(more, 0, 3));
    expect(new TextDecoder().decode(more)).toBe("ababcf");
  });

  it("errors carry the Python exception name", () => {
    expect(isPythonError(errorOf(() => buffer(bytes(1)).get(5)), "IndexError")).toBe(true);
    expect(errorOf(() => buffer(bytes(1)).get(5))).toBeInstanceOf(RangeError);
    expect(errorOf(() => buffer(bytes(1)).get("x" as never))).toBeInstanceOf(TypeError);
    expect(asReadBuffer(buffer(bytes(1, 2), 1))).toEqual(bytes(2));
  });
});
