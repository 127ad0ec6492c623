/**
 * The old argument codes over JavaScript values: what 2.7 accepted and
 * refused, with its messages, for the objects a JS caller passes.
 */
import { describe, expect, it } from "vitest";
import { fillInfo, getBufferSymbol, memoryview, releaseBufferSymbol, type BufferRecord } from "@pybuffer/core";
import {
  buffer,
  bufferArgument,
  charBufferArgument,
  fromReadWriteObject,
  optionalBufferArgument,
  optionalReadBufferArgument,
  readBufferArgument,
  SegmentedBytes,
  writableBufferArgument,
  writeBufferArgument,
} from "../../src/index.ts";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const WHERE = { functionName: "f", position: 2 };

/** An exporter whose exports must be released: 2.7 called these "pinned". */
function pinning(data: Uint8Array): { exports: number } & object {
  const exporter = {
    exports: 0,
    [getBufferSymbol](flags: number): BufferRecord {
      exporter.exports++;
      return fillInfo(exporter, data.buffer, data.byteOffset, data.length, false, flags);
    },
    [releaseBufferSymbol](): void {
      exporter.exports--;
    },
  };
  return exporter;
}

describe("s#, z#, t#, w#: a pointer and a length, no hold", () => {
  it("accept plain bytes-like objects, as views on their memory", () => {
    const data = bytes(1, 2, 3);
    const got = readBufferArgument(data);
    expect(got).toEqual(data);
    expect(got.buffer).toBe(data.buffer);
    expect(charBufferArgument(new Uint16Array([0x4241]))).toEqual(bytes(0x41, 0x42));
    writeBufferArgument(data)[0] = 7;
    expect(data[0]).toBe(7);
    expect(optionalReadBufferArgument(undefined)).toBeNull();
    expect(optionalReadBufferArgument(data)).toEqual(data);
  });

  it("refuse an exporter that must be released, unless it is wrapped in buffer() (2.7's workaround)", () => {
    const pinned = pinning(bytes(5, 6));
    expect(() => readBufferArgument(pinned, WHERE)).toThrow("f() argument 2 must be string or read-only buffer, not dict");
    expect(() => charBufferArgument(pinned, WHERE)).toThrow("f() argument 2 must be string or pinned buffer, not dict");
    expect(() => writeBufferArgument(pinned, WHERE)).toThrow("f() argument 2 must be pinned buffer, not dict");
    expect(readBufferArgument(buffer(pinned))).toEqual(bytes(5, 6));
    expect(pinned.exports).toBe(0);
    expect(() => readBufferArgument(memoryview(bytes(1)))).toThrow("argument must be string or read-only buffer, not memoryview");
  });

  it("refuse what has no slots, naming None as None", () => {
    expect(() => readBufferArgument(null, WHERE)).toThrow("f() argument 2 must be string or read-only buffer, not None");
    expect(() => charBufferArgument(3.5)).toThrow("argument must be string or read-only character buffer, not float");
    expect(() => writeBufferArgument([])).toThrow("argument must be read-write buffer, not list");
    expect(() => writeBufferArgument(buffer(bytes(1)))).toThrow("buffer is read-only");
    expect(writeBufferArgument(fromReadWriteObject(bytes(1, 2), 1))).toEqual(bytes(2));
  });

  it("refuse several segments", () => {
    const segmented = new SegmentedBytes([bytes(1), bytes(2)]);
    expect(() => readBufferArgument(segmented, WHERE)).toThrow(
      "f() argument 2 must be string or single-segment read-only buffer, not SegmentedBytes",
    );
    expect(() => charBufferArgument(segmented)).toThrow("argument must be string or single-segment read-only buffer, not SegmentedBytes");
    expect(() => writeBufferArgument(segmented)).toThrow("argument must be single-segment read-write buffer, not SegmentedBytes");
    expect(readBufferArgument(new SegmentedBytes([bytes(3)]))).toEqual(bytes(3));
  });
});

describe("s*, z*, w*: a held Py_buffer", () => {
  it("hold a new-protocol export until released, and refuse use after release", () => {
    const pinned = pinning(bytes(1, 2));
    const arg = bufferArgument(pinned);
    expect([arg.length, arg.readonly, pinned.exports]).toEqual([2, false, 1]);
    expect(arg.bytes).toEqual(bytes(1, 2));
    arg.release();
    arg.release();
    expect(pinned.exports).toBe(0);
    expect(() => arg.bytes).toThrow("operation forbidden on a released buffer argument");
    {
      using held = writableBufferArgument(pinned);
      held.bytes[0] = 9;
      expect(pinned.exports).toBe(1);
    }
    expect(pinned.exports).toBe(0);
  });

  it("read old-protocol-only objects through their slots, read-only (w* too, as 2.7)", () => {
    const segmented = new SegmentedBytes([bytes(4, 5)]);
    const got = bufferArgument(segmented);
    expect([got.readonly, [...got.bytes]]).toEqual([true, [4, 5]]);
    const writable = writableBufferArgument(segmented);
    expect(writable.readonly).toBe(true);
    writable.bytes[0] = 6;
    expect(segmented.chunks[0]).toEqual(bytes(6, 5));
    expect(() => bufferArgument(new SegmentedBytes([bytes(1), bytes(2)]), WHERE)).toThrow(
      "f() argument 2 must be convertible to a buffer, not SegmentedBytes",
    );
    expect(() => writableBufferArgument(new SegmentedBytes([bytes(1), bytes(2)]))).toThrow(
      "argument must be single-segment read-write buffer, not SegmentedBytes",
    );
  });

  it("take strings as ASCII, None for z*, and refuse what is not a buffer", () => {
    expect([...bufferArgument("hi").bytes]).toEqual([0x68, 0x69]);
    expect(optionalBufferArgument(null)).toBeNull();
    expect(() => bufferArgument(7, WHERE)).toThrow("f() argument 2 must be string or buffer, not int");
    expect(() => writableBufferArgument(buffer(bytes(1)), WHERE)).toThrow("f() argument 2 must be read-write buffer, not buffer");
    expect(() => writableBufferArgument("x")).toThrow("cannot use unicode as modifiable buffer");
  });

  it("report memory that is gone", () => {
    const memory = new ArrayBuffer(4, { maxByteLength: 4 });
    const arg = bufferArgument(new Uint8Array(memory));
    memory.resize(1);
    expect(() => arg.bytes).toThrow("the argument's memory is gone (detached or resized)");
  });
});
