/**
 * Writing any exporter: to a descriptor, a path, a Node Writable and a web
 * WritableStream, synchronously and not; contiguous, strided and PIL-style
 * data; partial writes, EINTR, EAGAIN, errors midway, files that cannot be
 * opened, streams that fail, memory that moves during the write. Every
 * count is checked against a real temporary file, byte for byte.
 */
import { existsSync, fstatSync, openSync, closeSync, readFileSync, writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import { memoryview, NDArray, NDArrayFlags, slice, type MemoryView } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryRegion, write, WriteError, writeSync, type SyncFileSystem } from "../../src/index.ts";
import { cOrder, failureOf } from "../helpers/exporter-checks.ts";
import { faultyFs, systemError } from "../helpers/faulty-fs.ts";
import { layoutCase, makeLayout } from "../helpers/layouts.ts";
import { patternBytes, tempDirectory } from "../helpers/temp.ts";
import { wasmMemory } from "../helpers/wasm.ts";

const path = tempDirectory("write");
const fileBytes = (file: string): Uint8Array => new Uint8Array(readFileSync(file));

/** The WriteError `action` throws or rejects with. */
const writeError = (action: () => unknown): Promise<WriteError> => failureOf(WriteError, action);

/** A 2-D view with gaps and a reversed axis: 6 rows of 5 items of 2 bytes, every other column, rows bottom-up. */
function stridedView(): { view: MemoryView; expected: Uint8Array } {
  const data = new Uint8Array(patternBytes(6 * 10 * 2).buffer);
  const view = memoryview(data).cast("h", [6, 10]).get([slice(null, null, -1), slice(null, null, 2)]) as MemoryView;
  return { view, expected: view.toBytes() };
}

describe("writeSync", () => {
  it("writes contiguous data to a path and a descriptor, at a position, appending", () => {
    const data = patternBytes(1000);
    expect(writeSync(path("plain.bin"), data)).toBe(1000);
    expect(fileBytes(path("plain.bin"))).toEqual(data);
    const fd = openSync(path("fd.bin"), "w+");
    try {
      expect(writeSync(fd, data.subarray(0, 10))).toBe(10);
      expect(writeSync(fd, data.subarray(0, 4), { position: 20 })).toBe(4);
      expect(fstatSync(fd).size).toBe(24);
    } finally {
      closeSync(fd);
    }
    expect(fileBytes(path("fd.bin")).subarray(20)).toEqual(data.subarray(0, 4));
    writeSync(path("plain.bin"), data.subarray(0, 3), { flags: "a", flush: true });
    expect(fileBytes(path("plain.bin")).length).toBe(1003);
  });

  it("writes strided, PIL-style and 0-d data in C order, chunk by chunk", () => {
    const { view, expected } = stridedView();
    for (const chunkSize of [1, 3, 7, 64, 1 << 20]) {
      expect(writeSync(path("strided.bin"), view, { chunkSize })).toBe(60);
      expect(fileBytes(path("strided.bin"))).toEqual(expected);
    }
    const pil = new NDArray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { shape: [2, 2, 3], flags: NDArrayFlags.PIL });
    writeSync(path("pil.bin"), pil.get([slice(null, null, -1), slice(null), slice(null, null, 2)]), { chunkSize: 2 });
    expect([...fileBytes(path("pil.bin"))]).toEqual([7, 9, 10, 12, 1, 3, 4, 6]);
    writeSync(path("scalar.bin"), new NDArray(-2, { shape: [], format: "<i" }));
    expect(fileBytes(path("scalar.bin"))).toEqual(new Uint8Array([0xfe, 0xff, 0xff, 0xff]));
  });

  it("writes any layout exactly (property)", () => {
    fc.assert(
      fc.property(layoutCase, fc.integer({ min: 1, max: 50 }), (layout, chunkSize) => {
        const view = makeLayout(layout);
        const expected = cOrder(view);
        expect(writeSync(path("property.bin"), view, { chunkSize })).toBe(expected.length);
        expect(fileBytes(path("property.bin"))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("continues partial writes and retries EINTR", () => {
    const data = patternBytes(500);
    const fs = faultyFs({ maxPerCall: 7, failCalls: new Map([[3, "EINTR"]]) });
    const progress: number[] = [];
    expect(writeSync(path("partial.bin"), data, { fs, onProgress: (done) => progress.push(done) })).toBe(500);
    expect(fileBytes(path("partial.bin"))).toEqual(data);
    expect(progress[0]).toBe(7);
    expect(progress.at(-1)).toBe(500);
    expect(progress.every((n, i) => i === 0 || n > progress[i - 1]!)).toBe(true);
  });

  it("reports EAGAIN as BlockingIOError with the bytes written so far", async () => {
    const data = patternBytes(100);
    const error = await writeError(() =>
      writeSync(path("eagain.bin"), data, { fs: faultyFs({ maxPerCall: 5, failCalls: new Map([[3, "EAGAIN"]]) }) }),
    );
    expect([error.pythonType, error.code, error.bytesWritten, error.bytesTotal]).toEqual(["BlockingIOError", "EAGAIN", 15, 100]);
    expect(error.message).toBe("write to '" + path("eagain.bin") + "' failed after 15 of 100 bytes: EAGAIN: injected fault, write");
    expect(fileBytes(path("eagain.bin"))).toEqual(data.subarray(0, 15));
  });

  it("reports an error midway with exactly the bytes that reached the file", async () => {
    const { view, expected } = stridedView();
    const error = await writeError(() => writeSync(path("eio.bin"), view, { chunkSize: 8, fs: faultyFs({ maxPerCall: 5, failAfterBytes: 37 }) }));
    expect([error.pythonType, error.code, error.bytesWritten]).toEqual(["OSError", "EIO", 37]);
    expect(error.cause).toMatchObject({ code: "EIO" });
    expect(fileBytes(path("eio.bin"))).toEqual(expected.subarray(0, 37));
  });

  it("never counts more than the system call asked for", async () => {
    const lying: SyncFileSystem = { ...faultyFs({}), writeSync: (_fd, _buffer, _offset, length) => length + 1 };
    const error = await writeError(() => writeSync(path("lying.bin"), new Uint8Array(10), { fs: lying }));
    expect([error.bytesWritten, error.message]).toEqual([0, `write to '${path("lying.bin")}' failed after 0 of 10 bytes: the write call returned 11 for a request of 10 bytes`]);
    const stuck: SyncFileSystem = { ...faultyFs({}), writeSync: () => 0 };
    expect((await writeError(() => writeSync(path("stuck.bin"), new Uint8Array(10), { fs: stuck }))).bytesWritten).toBe(0);
  });

  it("reports files that cannot be opened, flushed or closed", async () => {
    const missing = await writeError(() => writeSync(path("no/such/dir.bin"), new Uint8Array(4)));
    expect([missing.pythonType, missing.code, missing.bytesWritten, missing.bytesTotal]).toEqual(["FileNotFoundError", "ENOENT", 0, 4]);
    expect(missing.message).toMatch(/^open '.*no\/such\/dir\.bin' failed after 0 of 4 bytes: ENOENT/);
    const directory = await writeError(() => writeSync(path(""), new Uint8Array(4)));
    expect(directory.pythonType).toBe("IsADirectoryError");
    const fsyncFails = { ...faultyFs({}), fsyncSync: () => { throw systemError("EIO", "fsync"); } };
    const flush = await writeError(() => writeSync(path("fsync.bin"), new Uint8Array(4), { fs: fsyncFails, flush: true }));
    expect([flush.bytesWritten, flush.code]).toEqual([4, "EIO"]);
    const real = faultyFs({});
    const closeFails = { ...real, closeSync: (fd: number) => { real.closeSync(fd); throw systemError("EIO", "close"); } };
    const close = await writeError(() => writeSync(path("close.bin"), new Uint8Array(4), { fs: closeFails }));
    expect([close.bytesWritten, close.message.startsWith("close ")]).toEqual([4, true]);
  });

  it("refuses a non-exporter before opening anything", () => {
    expect(() => writeSync(path("never.bin"), "text")).toThrow("a bytes-like object is required, not 'str'");
    expect(existsSync(path("never.bin"))).toBe(false);
    expect(() => writeSync(path("never.bin"), new Uint8Array(1), { chunkSize: 0 })).toThrow("chunkSize must be a positive integer");
    expect(existsSync(path("never.bin"))).toBe(false);
  });
});

describe("write (asynchronous)", () => {
  it("writes to a path and a descriptor, retrying EAGAIN and EINTR and continuing partial writes", async () => {
    const { view, expected } = stridedView();
    const fs = faultyFs({ maxPerCall: 9, failCalls: new Map([[1, "EAGAIN"], [2, "EAGAIN"], [4, "EINTR"]]) });
    expect(await write(path("async.bin"), view, { fs, chunkSize: 16 })).toBe(60);
    expect(fileBytes(path("async.bin"))).toEqual(expected);
    writeFileSync(path("async-fd.bin"), new Uint8Array(8));
    const fd = openSync(path("async-fd.bin"), "r+");
    try {
      expect(await write(fd, new Uint8Array([1, 2, 3]), { position: 2, fs })).toBe(3);
    } finally {
      closeSync(fd);
    }
    expect([...fileBytes(path("async-fd.bin"))]).toEqual([0, 0, 1, 2, 3, 0, 0, 0]);
  });

  it("reports an error midway with exactly the bytes that reached the file", async () => {
    const data = patternBytes(300);
    const error = await writeError(() => write(path("async-eio.bin"), data, { chunkSize: 64, fs: faultyFs({ maxPerCall: 50, failAfterBytes: 130 }) }));
    expect([error.pythonType, error.code, error.bytesWritten, error.bytesTotal]).toEqual(["OSError", "EIO", 130, 300]);
    expect(fileBytes(path("async-eio.bin"))).toEqual(data.subarray(0, 130));
    const missing = await writeError(() => write(path("no/such/file.bin"), data));
    expect([missing.pythonType, missing.bytesWritten]).toEqual(["FileNotFoundError", 0]);
  });

  it("carries on when a WebAssembly.Memory grows during the write (every address survives), and stops with a BufferError when memory shrinks away, counting only what was written", async () => {
    const memory = wasmMemory({ initial: 1, maximum: 2 });
    new Uint8Array(memory.buffer).set(patternBytes(1000));
    const region = new MemoryRegion(memory, { shape: [1000] });
    const detached: boolean[] = [];
    const written = await write(path("grown.bin"), region, {
      chunkSize: 256,
      onProgress: (done) => {
        if (done !== 256) return;
        const before = memory.buffer;
        memory.grow(1); // detaches the ArrayBuffer the write started from
        detached.push(before.byteLength === 0);
      },
    });
    expect(detached).toEqual([true]);
    expect(written).toBe(1000);
    expect(fileBytes(path("grown.bin"))).toEqual(patternBytes(1000));
    const resizable = new ArrayBuffer(64, { maxByteLength: 64 });
    const shrunk = await writeError(() =>
      write(path("shrunk.bin"), new Uint8Array(resizable), { chunkSize: 16, onProgress: () => resizable.resize(20) }),
    );
    expect([shrunk.pythonType, shrunk.bytesWritten]).toEqual(["BufferError", 16]);
  });

  it("writes to a Node Writable with its backpressure, in copies the stream may keep", async () => {
    const { view, expected } = stridedView();
    const received: Buffer[] = [];
    let queuedMost = 0;
    let drains = 0;
    const sink = new Writable({
      highWaterMark: 8,
      write(chunk: Buffer, _encoding, done) {
        queuedMost = Math.max(queuedMost, this.writableLength);
        received.push(chunk);
        setImmediate(done);
      },
    });
    sink.on("drain", () => drains++);
    expect(await write(sink, view, { chunkSize: 6 })).toBe(60);
    expect(new Uint8Array(Buffer.concat(received))).toEqual(expected);
    // Rows of 10 bytes, cut at 6: whole items, never more than the chunk size.
    expect(received.map((chunk) => chunk.length)).toEqual(Array(6).fill([6, 4]).flat());
    // write() returned false at the high-water mark and the function waited for 'drain'.
    expect(drains).toBeGreaterThan(0);
    expect(queuedMost).toBeLessThanOrEqual(8 + 6);
    expect(sink.writableEnded).toBe(false);
  });

  it("reports a stream error midway with the chunks the stream confirmed", async () => {
    const data = patternBytes(100);
    const received: Buffer[] = [];
    const failing = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (received.length === 3) return done(systemError("EPIPE", "write"));
        received.push(chunk);
        done();
      },
    });
    const error = await writeError(() => write(failing, data, { chunkSize: 10 }));
    expect([error.pythonType, error.code, error.bytesWritten, error.bytesTotal]).toEqual(["BrokenPipeError", "EPIPE", 30, 100]);
    expect(new Uint8Array(Buffer.concat(received))).toEqual(data.subarray(0, 30));
  });

  it("reports a stream destroyed midway", async () => {
    const received: Buffer[] = [];
    const closing = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk);
        if (received.length === 2) this.destroy();
        else done();
      },
    });
    const error = await writeError(() => write(closing, patternBytes(50), { chunkSize: 10 }));
    expect(error.bytesWritten).toBe(10);
    expect(error.message).toContain("failed after 10 of 50 bytes");
  });

  it("writes to a web WritableStream, counting what the sink accepted", async () => {
    const { view, expected } = stridedView();
    const received: Uint8Array[] = [];
    const sink = new WritableStream<Uint8Array>({ write: (chunk) => void received.push(chunk) });
    expect(await write(sink, view, { chunkSize: 25 })).toBe(60);
    expect(new Uint8Array(Buffer.concat(received))).toEqual(expected);
    expect(sink.locked).toBe(false);
    let accepted = 0;
    const failing = new WritableStream<Uint8Array>({
      write(chunk) {
        if (accepted === 20) throw systemError("ECONNRESET", "write");
        accepted += chunk.length;
      },
    });
    const error = await writeError(() => write(failing, view, { chunkSize: 10 }));
    expect([error.pythonType, error.bytesWritten]).toEqual(["ConnectionResetError", 20]);
  });

  it("refuses an unknown destination", async () => {
    await expect(write({} as never, new Uint8Array(1))).rejects.toThrow(
      "write: expected a file descriptor, a path, a Writable or a WritableStream, not 'dict'",
    );
  });
});
