/**
 * Reading into any writable exporter: from a descriptor, a path, a Node
 * Readable and a web byte stream; contiguous, strided and PIL-style
 * targets; partial reads, EINTR, EAGAIN, errors midway, short sources,
 * memory that moves during the read. Nothing past the target is taken from
 * a stream, and the counts match the target's bytes exactly.
 */
import { closeSync, openSync, writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { memoryview, NDArray, NDArrayFlags, slice, type MemoryView } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryRegion, readInto, readIntoSync, ReadError, type SyncFileSystem } from "../../src/index.ts";
import { cOrder, failureOf } from "../helpers/exporter-checks.ts";
import { faultyFs, systemError } from "../helpers/faulty-fs.ts";
import { layoutCase, makeLayout } from "../helpers/layouts.ts";
import { patternBytes, tempDirectory } from "../helpers/temp.ts";
import { wasmMemory } from "../helpers/wasm.ts";

const path = tempDirectory("read");

/** The ReadError `action` throws or rejects with. */
const readError = (action: () => unknown): Promise<ReadError> => failureOf(ReadError, action);

/** A byte stream that hands out `data` in pieces of the given sizes (through BYOB requests when there are any). */
function byteStream(data: Uint8Array, pieces: readonly number[], failAt?: number): ReadableStream<Uint8Array> {
  let offset = 0;
  let piece = 0;
  return new ReadableStream({
    type: "bytes",
    pull(controller) {
      if (failAt !== undefined && offset >= failAt) {
        controller.error(systemError("ECONNRESET", "read"));
        return;
      }
      if (offset >= data.length) {
        controller.close();
        controller.byobRequest?.respond(0);
        return;
      }
      const size = Math.min(pieces[piece++ % pieces.length]!, data.length - offset);
      const request = controller.byobRequest;
      if (request?.view) {
        const count = Math.min(size, request.view.byteLength);
        new Uint8Array(request.view.buffer, request.view.byteOffset, count).set(data.subarray(offset, offset + count));
        offset += count;
        request.respond(count);
      } else {
        controller.enqueue(data.slice(offset, offset + size));
        offset += size;
      }
    },
  });
}

/** Every byte left in a Readable. */
async function rest(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

describe("readIntoSync", () => {
  it("fills a contiguous target from a path and a descriptor, at a position", () => {
    const data = patternBytes(100);
    writeFileSync(path("data.bin"), data);
    const target = new Uint8Array(64);
    expect(readIntoSync(path("data.bin"), target)).toBe(64);
    expect(target).toEqual(data.subarray(0, 64));
    const fd = openSync(path("data.bin"), "r");
    try {
      const words = new Uint16Array(4);
      expect(readIntoSync(fd, words, { position: 10 })).toBe(8);
      expect(new Uint8Array(words.buffer)).toEqual(data.subarray(10, 18));
    } finally {
      closeSync(fd);
    }
  });

  it("stops at the end of the file and leaves the rest of the target alone", () => {
    writeFileSync(path("short.bin"), new Uint8Array([1, 2, 3]));
    const target = new Uint8Array(6).fill(9);
    expect(readIntoSync(path("short.bin"), target)).toBe(3);
    expect([...target]).toEqual([1, 2, 3, 9, 9, 9]);
  });

  it("fills strided and PIL-style targets in C order, a partial last item included", () => {
    writeFileSync(path("ten.bin"), patternBytes(10, 5));
    const memory = new Uint8Array(24).fill(0xee);
    // Three items of 4 bytes, every other one, last first: the file fills two and a half.
    const items = memoryview(memory).cast("i").get(slice(null, null, -2));
    expect(readIntoSync(path("ten.bin"), items, { chunkSize: 4 })).toBe(10);
    const expected = new Uint8Array(24).fill(0xee);
    const source = patternBytes(10, 5);
    expected.set(source.subarray(0, 4), 20);
    expected.set(source.subarray(4, 8), 12);
    expected.set(source.subarray(8, 10), 4);
    expect(memory).toEqual(expected);
    const pil = new NDArray(Array(12).fill(0), { shape: [2, 2, 3], flags: NDArrayFlags.PIL | NDArrayFlags.WRITABLE });
    writeFileSync(path("twelve.bin"), patternBytes(12));
    expect(readIntoSync(path("twelve.bin"), pil, { chunkSize: 5 })).toBe(12);
    expect(pil.toBytes()).toEqual(patternBytes(12));
  });

  it("fills any layout exactly (property)", () => {
    fc.assert(
      fc.property(layoutCase, fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 80 }), (layout, chunkSize, fileLength) => {
        const target = makeLayout(layout, 0);
        const before = cOrder(target);
        const data = patternBytes(fileLength, 17);
        writeFileSync(path("property.bin"), data);
        const count = readIntoSync(path("property.bin"), target, { chunkSize });
        expect(count).toBe(Math.min(fileLength, before.length));
        const after = cOrder(target);
        expect(after.subarray(0, count)).toEqual(data.subarray(0, count));
        expect(after.subarray(count)).toEqual(before.subarray(count));
      }),
      { numRuns: 150 },
    );
  });

  it("continues partial reads and retries EINTR", () => {
    const data = patternBytes(200);
    writeFileSync(path("partial.bin"), data);
    const target = new Uint8Array(200);
    expect(readIntoSync(path("partial.bin"), target, { fs: faultyFs({ maxPerCall: 3, failCalls: new Map([[2, "EINTR"]]) }) })).toBe(200);
    expect(target).toEqual(data);
  });

  it("returns what arrived before EAGAIN, and raises BlockingIOError when nothing did", async () => {
    const data = patternBytes(50);
    writeFileSync(path("eagain.bin"), data);
    const target = new Uint8Array(50);
    expect(readIntoSync(path("eagain.bin"), target, { fs: faultyFs({ maxPerCall: 8, failCalls: new Map([[2, "EAGAIN"]]) }) })).toBe(16);
    const error = await readError(() => readIntoSync(path("eagain.bin"), target, { fs: faultyFs({ failCalls: new Map([[0, "EAGAIN"]]) }) }));
    expect([error.pythonType, error.bytesRead]).toEqual(["BlockingIOError", 0]);
  });

  it("reports an error midway with exactly the bytes stored", async () => {
    const data = patternBytes(64, 9);
    writeFileSync(path("eio.bin"), data);
    const memory = new Uint8Array(128);
    const everyOther = memoryview(memory).get(slice(null, null, 2)) as MemoryView;
    const error = await readError(() => readIntoSync(path("eio.bin"), everyOther, { chunkSize: 16, fs: faultyFs({ maxPerCall: 6, failAfterBytes: 27 }) }));
    expect([error.pythonType, error.code, error.bytesRead]).toEqual(["OSError", "EIO", 27]);
    expect(everyOther.toBytes().subarray(0, 27)).toEqual(data.subarray(0, 27));
    expect(everyOther.toBytes().subarray(27).every((b) => b === 0)).toBe(true);
    expect(memory.filter((_, i) => i % 2 === 1).every((b) => b === 0)).toBe(true);
  });

  it("never counts more than the read call asked for", async () => {
    writeFileSync(path("lying.bin"), new Uint8Array(8));
    const lying: SyncFileSystem = { ...faultyFs({}), readSync: (_fd, _buffer, _offset, length) => length + 1 };
    expect((await readError(() => readIntoSync(path("lying.bin"), new Uint8Array(8), { fs: lying }))).bytesRead).toBe(0);
  });

  it("refuses read-only and non-exporter targets like CPython's readinto, and missing files", async () => {
    writeFileSync(path("any.bin"), new Uint8Array(4));
    expect(() => readIntoSync(path("any.bin"), memoryview(new Uint8Array(4)).toReadonly())).toThrow(
      "readinto() argument 1 must be read-write bytes-like object, not memoryview",
    );
    expect(() => readIntoSync(path("any.bin"), 5)).toThrow("readinto() argument 1 must be read-write bytes-like object, not int");
    const missing = await readError(() => readIntoSync(path("missing.bin"), new Uint8Array(4)));
    expect([missing.pythonType, missing.code, missing.bytesRead]).toEqual(["FileNotFoundError", "ENOENT", 0]);
  });
});

describe("readInto (asynchronous)", () => {
  it("reads from a path and a descriptor, retrying EAGAIN", async () => {
    const data = patternBytes(90, 2);
    writeFileSync(path("async.bin"), data);
    const target = new Uint8Array(120).fill(7);
    const fs = faultyFs({ maxPerCall: 11, failCalls: new Map([[1, "EAGAIN"], [3, "EAGAIN"], [4, "EINTR"]]) });
    expect(await readInto(path("async.bin"), memoryview(target).get(slice(null, null, -1)), { fs, chunkSize: 32 })).toBe(90);
    expect(target.slice(30).reverse()).toEqual(data);
    expect(target.subarray(0, 30).every((b) => b === 7)).toBe(true);
    const fd = openSync(path("async.bin"), "r");
    try {
      const four = new Uint8Array(4);
      expect(await readInto(fd, four, { position: 86 })).toBe(4);
      expect(four).toEqual(data.subarray(86));
    } finally {
      closeSync(fd);
    }
  });

  it("reports an error midway with the bytes stored", async () => {
    writeFileSync(path("async-eio.bin"), patternBytes(100));
    const target = new Uint8Array(100);
    const error = await readError(() => readInto(path("async-eio.bin"), target, { fs: faultyFs({ maxPerCall: 10, failAfterBytes: 40 }) }));
    expect([error.code, error.bytesRead]).toEqual(["EIO", 40]);
    expect(target.subarray(0, 40)).toEqual(patternBytes(40));
    expect(target.subarray(40).every((b) => b === 0)).toBe(true);
  });

  it("takes only what fits from a Readable and gives the rest back", async () => {
    const data = patternBytes(100, 4);
    const stream = Readable.from([data.slice(0, 30), data.slice(30, 45), data.slice(45)], { objectMode: false });
    const columns = memoryview(new Uint8Array(40)).cast("B", [4, 10]).get([slice(null), slice(null, null, 2)]) as MemoryView;
    expect(await readInto(stream, columns, { chunkSize: 3 })).toBe(20);
    expect(columns.toBytes()).toEqual(data.subarray(0, 20));
    const second = new Uint8Array(25);
    expect(await readInto(stream, second)).toBe(25);
    expect(second).toEqual(data.subarray(20, 45));
    expect(await rest(stream)).toEqual(data.subarray(45));
  });

  it("stops at the end of a Readable, and reports one that fails midway", async () => {
    const target = new Uint8Array(10);
    expect(await readInto(Readable.from([Buffer.from([1, 2, 3])]), target)).toBe(3);
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent === 2) this.destroy(systemError("ECONNRESET", "read"));
        else this.push(Buffer.from([++sent, sent]));
      },
    });
    const error = await readError(() => readInto(failing, new Uint8Array(10)));
    expect([error.pythonType, error.bytesRead]).toEqual(["ConnectionResetError", 4]);
  });

  it("refuses a flowing or text Readable, without losing its data", async () => {
    const flowing = Readable.from([Buffer.from("ab")]);
    flowing.on("data", () => {});
    await expect(readInto(flowing, new Uint8Array(2))).rejects.toThrow("the stream is flowing");
    const text = new Readable({ read() {} });
    text.setEncoding("utf8");
    text.push(Buffer.from("hé"));
    text.push(null);
    await expect(readInto(text, new Uint8Array(4))).rejects.toThrow("readInto: the stream gave a string (setEncoding was called), not bytes");
    expect(text.read()).toBe("hé");
  });

  it("reads a web byte stream through a private buffer, asking for no more than fits", async () => {
    const data = patternBytes(70, 8);
    const stream = byteStream(data, [13, 5, 40]);
    const target = new Float64Array(4);
    expect(await readInto(stream, target, { chunkSize: 7 })).toBe(32);
    expect(new Uint8Array(target.buffer)).toEqual(data.subarray(0, 32));
    // The target's memory was never handed to the stream (a BYOB read would have detached it).
    expect(target.buffer.byteLength).toBe(32);
    expect(stream.locked).toBe(false);
    const reader = stream.getReader();
    const remaining: number[] = [];
    for (let next = await reader.read(); next.done !== true; next = await reader.read()) remaining.push(...next.value);
    expect(new Uint8Array(remaining)).toEqual(data.subarray(32));
  });

  it("reports a web stream that fails midway, and refuses default and locked streams", async () => {
    const error = await readError(() => readInto(byteStream(patternBytes(50), [10], 20), new Uint8Array(50)));
    expect([error.pythonType, error.bytesRead]).toEqual(["ConnectionResetError", 20]);
    const plain = new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array(4)) });
    await expect(readInto(plain, new Uint8Array(4))).rejects.toThrow("must be a byte stream (type: 'bytes')");
    const locked = byteStream(new Uint8Array(4), [4]);
    locked.getReader();
    await expect(readInto(locked, new Uint8Array(4))).rejects.toThrow("locked to another reader");
  });

  it("follows a target whose WebAssembly.Memory grows during the read, and stops with a BufferError when the memory is gone", async () => {
    const memory = wasmMemory({ initial: 1, maximum: 2 });
    const region = new MemoryRegion(memory, { shape: [64] });
    const data = patternBytes(64);
    const count = await readInto(Readable.from([data.slice(0, 16), data.slice(16)]), region, {
      onProgress: (received) => {
        if (received === 16) memory.grow(1); // detaches the buffer the read holds, keeps every address
      },
    });
    expect(count).toBe(64);
    expect(new Uint8Array(memory.buffer, 0, 64)).toEqual(data);
    const plain = new ArrayBuffer(64);
    const error = await readError(() =>
      readInto(Readable.from([data.slice(0, 16), data.slice(16)]), new Uint8Array(plain), {
        onProgress: (received) => {
          if (received === 16) structuredClone(plain, { transfer: [plain] }); // the memory is gone
        },
      }),
    );
    expect([error.pythonType, error.bytesRead]).toEqual(["BufferError", 16]);
  });

  it("refuses an unknown source", async () => {
    await expect(readInto(Symbol("x") as never, new Uint8Array(1))).rejects.toThrow(
      "readInto: expected a file descriptor, a path, a Readable or a ReadableStream, not 'symbol'",
    );
  });
});
