/**
 * saveNpyFile and loadNpyFile: NumPy's fixtures load the same from a path,
 * a descriptor, a chunked Readable and a web byte stream as from bytes;
 * every writer layout gives exactly saveNpy's bytes; broken and hostile
 * files fail over the stream path with NumPy's error kinds and messages;
 * a stream that fails midway is an OSError that counts what arrived; and,
 * where NumPy is installed, NumPy loads what the streaming writer wrote.
 */
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { Writable } from "node:stream";
import { getBufferSymbol, isPythonError, memoryview, NDArray, NDArrayFlags, type BufferRecord } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { loadNpy, saveNpy, type NpyArray } from "../../src/index.ts";
import { writeNpyHeader } from "../../src/header/write-npy-header.ts";
import { loadNpyFile, saveNpyFile } from "../../src/node/index.ts";
import { fixture, fixtureBytes, matchesTagged } from "../helpers/fixtures.ts";
import { numpyLoads, numpyPython } from "../helpers/numpy-python.ts";
import { records, SOURCES } from "../helpers/save-sources.ts";
import { byteStreamOf, collector, readableOf, tempPaths } from "../helpers/streams.ts";

const path = tempPaths("file");
const fixturePath = (file: string): string => new URL(`../fixtures/${file}`, import.meta.url).pathname;
const arrays = fixture.arrays.filter((c) => c.file !== null);

/** What must be equal between two loads of one file. */
function summary(a: NpyArray): unknown {
  return { version: a.version, dtype: a.dtype, shape: a.shape, fortranOrder: a.fortranOrder, data: Buffer.from(a.data).toString("hex") };
}

/** The error a promise rejects with (the test fails if it resolves). */
type Rejection = { pythonType: string; message: string; name: string; code?: string; bytesRead?: number; bytesWritten?: number; bytesTotal?: number };
async function rejection(promise: Promise<unknown>): Promise<Rejection> {
  try {
    await promise;
  } catch (error) {
    return error as Rejection;
  }
  throw new Error("expected a rejection");
}

describe("loadNpyFile reads NumPy's files as loadNpy reads their bytes", () => {
  it(`from a path: all ${arrays.length} fixtures, with NumPy's tolist()`, async () => {
    const mismatches: string[] = [];
    for (const c of arrays) {
      const streamed = await loadNpyFile(fixturePath(c.file!));
      const same = JSON.stringify(summary(streamed)) === JSON.stringify(summary(loadNpy(fixtureBytes(c.file!))));
      if (!same || !matchesTagged(streamed.toList(), c.tolist)) mismatches.push(c.file!);
    }
    expect(mismatches).toEqual([]);
  });

  it("from a Readable in odd-sized chunks and from a web byte stream", async () => {
    const mismatches: string[] = [];
    for (const [i, c] of arrays.entries()) {
      const bytes = fixtureBytes(c.file!);
      const expected = JSON.stringify(summary(loadNpy(bytes)));
      const fromNode = await loadNpyFile(readableOf(bytes, 1 + (i % 13)));
      const fromWeb = await loadNpyFile(byteStreamOf(bytes, 3 + (i % 29)));
      if (JSON.stringify(summary(fromNode)) !== expected || JSON.stringify(summary(fromWeb)) !== expected) mismatches.push(c.file!);
    }
    expect(mismatches).toEqual([]);
  });

  it("leaves a descriptor and a stream just after the data, so arrays can follow one another", async () => {
    const first = saveNpy(new Int16Array([1, -2, 3]));
    const second = saveNpy(new Float64Array([0.5]), { version: "2.0" });
    const joined = new Uint8Array([...first, ...second, 0x21]);
    const file = path("joined.bin");
    writeFileSync(file, joined);
    const fd = openSync(file, "r");
    try {
      const a = await loadNpyFile(fd);
      const b = await loadNpyFile(fd);
      expect([a.toList(), b.toList(), b.version]).toEqual([[1, -2, 3], [0.5], "2.0"]);
    } finally {
      closeSync(fd);
    }
    const stream = readableOf(joined, 7);
    expect((await loadNpyFile(stream)).toList()).toEqual([1, -2, 3]);
    expect((await loadNpyFile(stream)).toList()).toEqual([0.5]);
    expect(stream.read(1)).toEqual(Buffer.from([0x21]));
  });

  it("gives writable arrays that own their memory, or read-only ones on request", async () => {
    const file = path("owned.npy");
    writeFileSync(file, saveNpy(new Uint32Array([7, 8])));
    const a = await loadNpyFile(file);
    expect([a.data.byteOffset, a.data.buffer.byteLength]).toEqual([0, 8]);
    memoryview(a).set(0, 9);
    expect(a.toList()).toEqual([9, 8]);
    const b = await loadNpyFile(file, { writable: false });
    expect(() => memoryview(b).set(0, 9)).toThrow("cannot modify read-only memory");
  });
});

describe("saveNpyFile writes exactly saveNpy's bytes", () => {
  for (const source of SOURCES) {
    it(`${source.name}: to a path, a descriptor, a Writable and a WritableStream`, async () => {
      const expected = Buffer.from(saveNpy(source.make())).toString("hex");
      const file = path("source.npy");
      expect(await saveNpyFile(file, source.make(), { chunkSize: 8 })).toBe(expected.length / 2);
      const fdFile = path("source-fd.npy");
      const fd = openSync(fdFile, "w");
      try {
        writeSync(fd, "xy"); // the current position is where the file starts
        await saveNpyFile(fd, source.make());
      } finally {
        closeSync(fd);
      }
      const sink = collector();
      await saveNpyFile(sink, source.make(), { chunkSize: 5 });
      const webChunks: Uint8Array[] = [];
      await saveNpyFile(new WritableStream({ write: (chunk) => void webChunks.push(chunk) }), source.make());
      expect([
        readFileSync(file).toString("hex"),
        readFileSync(fdFile).subarray(2).toString("hex"),
        Buffer.from(sink.bytes()).toString("hex"),
        Buffer.concat(webChunks).toString("hex"),
      ]).toEqual([expected, expected, expected, expected]);
    });
  }

  it("round-trips every fixture through a stream pair (written by saveNpyFile, read by loadNpyFile)", async () => {
    const mismatches: string[] = [];
    for (const c of arrays) {
      const original = loadNpy(fixtureBytes(c.file!));
      const sink = collector();
      await saveNpyFile(sink, original, { version: original.version });
      const back = await loadNpyFile(readableOf(sink.bytes(), 64));
      if (JSON.stringify(summary(back)) !== JSON.stringify(summary(original)) || !matchesTagged(back.toList(), c.tolist)) mismatches.push(c.file!);
    }
    expect(mismatches).toEqual([]);
  });

  it("reports progress in the file's bytes, header included", async () => {
    const seen: [number, number][] = [];
    const total = await saveNpyFile(collector(), new Float64Array(10), { chunkSize: 16, onProgress: (done, all) => seen.push([done, all]) });
    expect(total).toBe(128 + 80);
    expect(seen).toContainEqual([128, total]); // the header, then the items
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);
  });

  it("asks the exporter once: the items written are those the header was planned from", async () => {
    let requests = 0;
    const exporter = {
      [getBufferSymbol](): BufferRecord {
        requests += 1;
        // A hostile exporter that would answer a second request with another layout.
        const bytes = new Uint8Array(requests === 1 ? 4 : 64).fill(requests);
        return { obj: exporter, memory: bytes.buffer, buf: 0, len: bytes.length, itemsize: 1, readonly: true, format: "B", ndim: 1, shape: [bytes.length], strides: [1], suboffsets: null, internal: null };
      },
    };
    const sink = collector();
    await saveNpyFile(sink, exporter);
    expect([requests, loadNpy(sink.bytes()).toList()]).toEqual([1, [1, 1, 1, 1]]);
  });
});

describe("loadNpyFile refuses broken and hostile files over streams as NumPy does", () => {
  for (const c of fixture.errors) {
    it(c.label, async () => {
      const bytes = Uint8Array.from(Buffer.from(c.hex, "hex"));
      const file = path("broken.npy");
      writeFileSync(file, bytes);
      const fromStream = await rejection(loadNpyFile(readableOf(bytes, 3)));
      const fromPath = await rejection(loadNpyFile(file));
      expect(isPythonError(fromStream)).toBe(true);
      if (c.message.startsWith("EOF: reading array data")) {
        // From a real file NumPy reads with numpy.fromfile and counts whole items instead.
        expect([fromPath.pythonType, fromPath.message]).toEqual([c.error, expect.stringMatching(
          /^Failed to read all data for array\. Expected \(.*\) = \d+ elements, could only read \d+ elements\. \(file seems not fully written\?\)$/,
        )]);
      } else {
        expect({ type: fromPath.pythonType, message: fromPath.message }).toEqual({ type: fromStream.pythonType, message: fromStream.message });
      }
      if (c.label === "huge header length v2") {
        // Refused from the length field alone, before reading (NumPy reads to the end first, then finds EOF).
        expect([fromStream.pythonType, fromStream.message.split("\n")[0]]).toEqual([
          "ValueError", "Header info length (4294967280) is large and may not be safe to load securely.",
        ]);
      } else if (c.message.startsWith("malformed node")) {
        // ast.literal_eval names a node by its memory address; ours names the header.
        expect([fromStream.pythonType, fromStream.message.startsWith("Cannot parse header: ")]).toEqual([c.error, true]);
      } else {
        expect({ type: fromStream.pythonType, message: fromStream.message }).toEqual({ type: c.error, message: c.message });
      }
    });
  }

  it("checks maxHeaderSize as loadNpy does, and refuses a longer header length before reading it", async () => {
    const named = { [getBufferSymbol]: () => ({ ...(records() as { [getBufferSymbol](): BufferRecord })[getBufferSymbol](), format: "T{<i:\u03b1\u03b1:(2)d:b:3s:c:}" }) };
    const file = saveNpy(named); // version 3.0: a UTF-8 header; each alpha takes 2 bytes
    const bytes = new DataView(file.buffer, file.byteOffset).getUint32(8, true);
    const characters = bytes - 2;
    const inMemory = (() => {
      try {
        return loadNpy(file, { maxHeaderSize: 100 });
      } catch (error) {
        return error as Error;
      }
    })();
    const streamed = await rejection(loadNpyFile(readableOf(file, 16), { maxHeaderSize: 100 }));
    expect([file[6], streamed.message]).toEqual([3, (inMemory as Error).message]);
    expect(streamed.message.split("\n")[0]).toBe(`Header info length (${characters}) is large and may not be safe to load securely.`);
    // More bytes than 4 per allowed character: refused from the length field, counted in bytes.
    const early = await rejection(loadNpyFile(readableOf(file, 16), { maxHeaderSize: Math.floor((bytes - 1) / 4) }));
    expect(early.message.split("\n")[0]).toBe(`Header info length (${bytes}) is large and may not be safe to load securely.`);
    expect((await loadNpyFile(readableOf(file, 16), { maxHeaderSize: characters })).shape).toEqual([2]);
  });

  it("data that ends early in a real file is NumPy's fromfile error, counting whole items", async () => {
    const file = path("short.npy");
    writeFileSync(file, saveNpy(new Int32Array(10)).subarray(0, 128 + 40 - 7));
    const error = await rejection(loadNpyFile(file));
    // numpy 2.4.6: np.save(f, np.arange(10, dtype="<i4")), 7 bytes cut off, np.load(f).
    expect([error.pythonType, error.message]).toEqual([
      "ValueError", "Failed to read all data for array. Expected (10,) = 10 elements, could only read 8 elements. (file seems not fully written?)",
    ]);
  });

  it("a header claiming more data than memory holds is a MemoryError, not a crash", async () => {
    const claim = writeNpyHeader("<f8", false, [2 ** 49]); // 4 PiB of float64, 128 bytes of file
    const error = await rejection(loadNpyFile(readableOf(claim, 64)));
    expect([error.pythonType, error.message]).toEqual(["MemoryError", "Unable to allocate 4503599627370496 bytes for an array with shape (562949953421312,)"]);
  });

  it("a stream that fails midway is an OSError counting the file's bytes that arrived", async () => {
    const bytes = saveNpy(new Uint8Array(1000).fill(5));
    const error = await rejection(loadNpyFile(readableOf(bytes, 100, 500)));
    expect([error.name, error.pythonType, error.code, error.bytesRead]).toEqual(["ReadError", "OSError", "EIO", 500]);
    const early = await rejection(loadNpyFile(readableOf(bytes, 4, 8)));
    expect([early.name, early.pythonType, early.bytesRead]).toEqual(["ReadError", "OSError", 8]);
  });

  it("a path that does not exist is FileNotFoundError", async () => {
    const error = await rejection(loadNpyFile(path("missing.npy")));
    expect([error.name, error.pythonType, error.code]).toEqual(["ReadError", "FileNotFoundError", "ENOENT"]);
  });

  it("a source of the wrong kind is a TypeError", async () => {
    const error = await rejection(loadNpyFile({} as never));
    expect(error.pythonType).toBe("TypeError");
  });
});

describe("saveNpyFile refuses and fails cleanly", () => {
  it("refuses object items before creating the file", async () => {
    const objects = { [getBufferSymbol]: () => ({ ...(records() as { [getBufferSymbol](): BufferRecord })[getBufferSymbol](), format: "T{O:o:d:x:}xxxxxxx", itemsize: 23 }) };
    const file = path("objects.npy");
    const error = await rejection(saveNpyFile(file, objects));
    expect([error.pythonType, error.message, existsSync(file)]).toEqual(["ValueError", "Object arrays cannot be saved when allow_pickle=False", false]);
  });

  it("a stream failing in the data is a WriteError counting the file's bytes, header included", async () => {
    let taken = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (taken + chunk.length > 300) done(Object.assign(new Error("EPIPE: broken pipe, write"), { code: "EPIPE" }));
        else {
          taken += chunk.length;
          done();
        }
      },
    });
    sink.on("error", () => {});
    const error = await rejection(saveNpyFile(sink, new Float64Array(100), { chunkSize: 64 }));
    expect([error.name, error.pythonType, error.bytesWritten, error.bytesTotal]).toEqual(["WriteError", "BrokenPipeError", taken, 928]);
    expect(taken).toBe(128 + 128);
  });

  it("a directory that does not exist is FileNotFoundError with nothing written", async () => {
    const error = await rejection(saveNpyFile(path("no/such/dir.npy"), new Uint8Array(3)));
    expect([error.name, error.pythonType, error.bytesWritten]).toEqual(["WriteError", "FileNotFoundError", 0]);
  });
});

describe("NumPy loads what the streaming writer wrote", () => {
  it("every layout, written to paths and to a descriptor", async (context) => {
    const missing = numpyPython();
    if (missing !== null) context.skip(missing);
    const loaded: NpyArray[] = [];
    const paths: string[] = [];
    for (const [i, source] of SOURCES.entries()) {
      const file = path(`numpy-${i}.npy`);
      await saveNpyFile(file, source.make(), { chunkSize: 7 });
      loaded.push(loadNpy(new Uint8Array(readFileSync(file))));
      paths.push(file);
    }
    const fortran = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: ">d", flags: NDArrayFlags.FORTRAN });
    const fdFile = path("numpy-fd.npy");
    const fd = openSync(fdFile, "w");
    try {
      await saveNpyFile(fd, fortran);
    } finally {
      closeSync(fd);
    }
    loaded.push(await loadNpyFile(fdFile));
    paths.push(fdFile);
    const mismatches = numpyLoads(paths).flatMap((numpy, i) => {
      const ours = loaded[i]!;
      const same = JSON.stringify(numpy.descr) === JSON.stringify(ours.dtype) && JSON.stringify(numpy.shape) === JSON.stringify(ours.shape) && matchesTagged(ours.toList(), numpy.tolist);
      return same ? [] : [paths[i]];
    });
    expect([mismatches, loaded.at(-1)!.fortranOrder]).toEqual([[], true]);
  });
});
