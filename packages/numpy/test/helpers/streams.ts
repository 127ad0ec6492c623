/**
 * Sources and sinks for the streaming tests: a paused Readable giving bytes
 * in chunks of a chosen size (optionally failing after some), a web byte
 * stream, a Writable that keeps what it is given, and temporary paths.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll } from "vitest";

/** A Readable of `bytes` in chunks of `chunk` bytes; with `failAfter`, it errors (EIO) once that many bytes were pushed. */
export function readableOf(bytes: Uint8Array, chunk: number, failAfter?: number): Readable {
  let offset = 0;
  return new Readable({
    highWaterMark: chunk,
    read() {
      if (failAfter !== undefined && offset >= failAfter) {
        this.destroy(Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" }));
        return;
      }
      const end = Math.min(bytes.length, offset + chunk, failAfter ?? Infinity);
      if (offset >= bytes.length) this.push(null);
      else this.push(Buffer.from(bytes.subarray(offset, end)));
      offset = end;
    },
  });
}

/** A web byte stream (BYOB-readable) of `bytes`, in chunks of at most `chunk` bytes. */
export function byteStreamOf(bytes: Uint8Array, chunk: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    type: "bytes",
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        controller.byobRequest?.respond(0);
        return;
      }
      const end = Math.min(bytes.length, offset + chunk);
      controller.enqueue(bytes.slice(offset, end));
      offset = end;
    },
  });
}

/** A Writable that keeps every chunk; `bytes()` joins them. */
export function collector(): Writable & { bytes(): Uint8Array } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return Object.assign(sink, { bytes: () => new Uint8Array(Buffer.concat(chunks)) });
}

/** A fresh temporary folder for this test file, removed after it; gives paths in it. */
export function tempPaths(prefix: string): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `pybuffer-numpy-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => join(dir, name);
}
