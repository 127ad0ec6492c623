/**
 * Streams that break their contract, and memory a consumer took away
 * (issue 12, items 7, 16 and 17): `write()` always settles, with the count
 * of bytes the stream really confirmed, and every failure carries a
 * `pythonType`.
 */
import { Writable } from "node:stream";
import { BufferFlags, getBuffer, isPythonError, releaseBuffer } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ResizableBytes, write, WriteError } from "../../src/index.ts";

/** What `write` settles to: the count, or the WriteError's kind and confirmed count. */
async function settle(promise: Promise<number>): Promise<{ written: number } | { error: string; bytesWritten: number }> {
  try {
    return { written: await promise };
  } catch (error) {
    expect(error).toBeInstanceOf(WriteError);
    return { error: (error as WriteError).pythonType, bytesWritten: (error as WriteError).bytesWritten };
  }
}

describe("a Writable destroyed without 'close' (item 7)", () => {
  it("while write() waits for 'drain': rejects with the bytes confirmed", async () => {
    let calls = 0;
    const stream = new Writable({
      emitClose: false,
      highWaterMark: 4,
      write(_chunk, _encoding, callback) {
        calls++;
        if (calls === 1) callback();
        else setTimeout(() => stream.destroy(), 5); // never calls back
      },
    });
    const outcome = await settle(write(stream, new Uint8Array(64), { chunkSize: 8 }));
    expect(outcome).toMatchObject({ bytesWritten: 8 });
    expect("error" in outcome).toBe(true);
  });

  it("already destroyed before the write", async () => {
    const stream = new Writable({ emitClose: false, write: (_c, _e, callback) => callback() });
    stream.destroy();
    const outcome = await settle(write(stream, new Uint8Array(16)));
    expect(outcome).toMatchObject({ bytesWritten: 0 });
  });
});

/** A duck-typed stream: `behave` decides, per chunk, what its write does. */
function duckStream(behave: (index: number, callback: (error?: Error | null) => void, emitDrain: () => void) => boolean) {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  let index = 0;
  const emit = (event: string): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener();
  };
  return {
    write(_chunk: Uint8Array, callback: (error?: Error | null) => void): boolean {
      return behave(index++, callback, () => emit("drain"));
    },
    on(event: string, listener: (...args: unknown[]) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return this;
    },
    once(event: string, listener: (...args: unknown[]) => void) {
      return this.on(event, listener);
    },
    removeListener(event: string, listener: (...args: unknown[]) => void) {
      listeners.get(event)?.delete(listener);
      return this;
    },
  };
}

describe("duck-typed streams that break the contract (item 16)", () => {
  it("a callback called twice counts once", async () => {
    const reports: number[] = [];
    const stream = duckStream((_i, callback) => {
      callback();
      callback();
      return true;
    });
    const n = await write(stream as never, new Uint8Array(40), { chunkSize: 8, onProgress: (done) => reports.push(done) });
    expect(n).toBe(40);
    expect(reports).toEqual([8, 16, 24, 32, 40]);
  });

  it("'drain' emitted inside write() does not hang", async () => {
    const stream = duckStream((_i, callback, emitDrain) => {
      callback();
      emitDrain();
      return false;
    });
    expect(await write(stream as never, new Uint8Array(40), { chunkSize: 8 })).toBe(40);
  });

  it("a callback that fails after succeeding counts the success only", async () => {
    const stream = duckStream((i, callback) => {
      callback();
      if (i === 1) callback(new Error("late failure"));
      return true;
    });
    expect(await settle(write(stream as never, new Uint8Array(40), { chunkSize: 8 }))).toEqual({ written: 40 });
  });

  it("any mix of double callbacks, sync and async drains and failures settles, counting each chunk at most once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            calls: fc.integer({ min: 1, max: 3 }),
            fails: fc.boolean(),
            ready: fc.boolean(),
            drain: fc.constantFrom("none", "sync", "async"),
            async: fc.boolean(),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (plan) => {
          const reports: number[] = [];
          let confirmed = 0;
          const stream = duckStream((i, callback, emitDrain) => {
            const step = plan[i % plan.length]!;
            const run = (): void => {
              for (let c = 0; c < step.calls; c++) callback(step.fails ? new Error("no") : null);
            };
            if (!step.fails) confirmed += 8;
            if (step.async) setTimeout(run, 0);
            else run();
            if (step.drain === "sync") emitDrain();
            // A false return is followed by a drain sooner or later, else nothing could settle the write.
            if (step.drain === "async" || (step.drain === "none" && !step.ready)) setTimeout(emitDrain, 1);
            return step.ready;
          });
          const outcome = await settle(write(stream as never, new Uint8Array(8 * plan.length), { chunkSize: 8, onProgress: (d) => reports.push(d) }));
          const counted = "written" in outcome ? outcome.written : outcome.bytesWritten;
          expect(counted).toBeLessThanOrEqual(8 * plan.length);
          expect(reports.every((done, i) => done === 8 * (i + 1))).toBe(true);
          if ("written" in outcome) expect(confirmed).toBeGreaterThanOrEqual(outcome.written);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("ResizableBytes whose memory a consumer detached (item 17)", () => {
  const detachedBytes = (): ResizableBytes => {
    const bytes = new ResizableBytes([1, 2, 3]);
    const view = getBuffer(bytes, BufferFlags.SIMPLE);
    structuredClone(view.memory, { transfer: [view.memory as ArrayBuffer] });
    releaseBuffer(view); // the export lock is off: only the gone memory stops a resize
    expect(bytes.exports).toBe(0);
    return bytes;
  };
  const methods: [string, (b: ResizableBytes) => unknown][] = [
    ["append", (b) => b.append(1)],
    ["extend", (b) => b.extend([1])],
    ["pop", (b) => b.pop()],
    ["clear", (b) => b.clear()],
    ["resize", (b) => b.resize(8)],
    ["get", (b) => b.get(0)],
    ["set", (b) => b.set(0, 1)],
    ["toBytes", (b) => b.toBytes()],
    ["length", (b) => b.length],
    ["iterate", (b) => [...b]],
    ["getBuffer", (b) => getBuffer(b, BufferFlags.SIMPLE)],
  ];
  for (const [name, call] of methods) {
    it(`${name} raises BufferError`, () => {
      const bytes = detachedBytes();
      let error: unknown;
      try {
        call(bytes);
      } catch (e) {
        error = e;
      }
      expect(isPythonError(error, "BufferError")).toBe(true);
    });
  }
});
