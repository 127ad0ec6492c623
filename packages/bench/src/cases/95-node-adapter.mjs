/**
 * `@pybuffer/node-adapter`: `writeSync` of a strided view ('d' items, [::2])
 * to a file, at offset 0 each time (an unlinked temporary file). CPython's
 * files take only contiguous buffers, so its column copies first:
 * `os.pwrite(fd, m.tobytes(), 0)`. In Pyodide the file lives in its in-memory
 * file system.
 *
 * And `readIntoSync` into a strided view from offset 0 of a file of n 'd'
 * items: CPython's `readinto` takes only contiguous buffers, so its column
 * reads into a kept `bytearray` and assigns it to the view
 * (`os.preadv(fd, [buf], 0); m[:] = staged`; Pyodide has no `preadv`, so
 * there `f.seek(0); f.readinto(buf)`).
 */

import { closeSync, openSync, readSync, unlinkSync, writeSync as fsWriteSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryview, slice } from "@pybuffer/core";
import { f64 } from "../lib/data.mjs";
import { defineCase, optionalImport, unavailableCase } from "../lib/registry.mjs";

const NAME = "node-adapter writeSync strided [::2]";
const READ_NAME = "node-adapter readIntoSync strided [::2]";

/** @type {Map<string, number>} */
const files = new Map();
/** One temporary file per row for the whole run, unlinked at once (the descriptor keeps it). */
function scratchFile(row = "write") {
  let fd = files.get(row);
  if (fd === undefined) {
    const path = join(tmpdir(), `pybuffer-bench-${process.pid}-${row}.bin`);
    fd = openSync(path, "w+");
    unlinkSync(path);
    const opened = fd;
    process.once("exit", () => closeSync(opened));
    files.set(row, fd);
  }
  return fd;
}

export default async () => {
  const imported = await optionalImport("@pybuffer/node-adapter", ["writeSync", "readIntoSync"]);
  if ("unavailable" in imported) {
    return [unavailableCase(NAME, "node-adapter", imported.unavailable), unavailableCase(READ_NAME, "node-adapter", imported.unavailable)];
  }
  /** @type {(target: number, data: unknown, options?: { position?: number }) => number} */
  const writeSync = imported.module["writeSync"];
  /** @type {(source: number, target: unknown, options?: { position?: number }) => number} */
  const readIntoSync = imported.module["readIntoSync"];
  return [
    defineCase({
      name: NAME,
      group: "node-adapter",
      floorLabel: "gather into a Float64Array, one fs.writeSync",
      setup(n) {
        const data = f64(2 * n);
        return { n, data, fd: scratchFile(), m: memoryview(data).get(slice(null, null, 2)) };
      },
      ours: ({ fd, m }) => writeSync(fd, m, { position: 0 }),
      floor({ n, data, fd }) {
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = /** @type {number} */ (data[2 * i]);
        return fsWriteSync(fd, new Uint8Array(out.buffer), 0, out.byteLength, 0);
      },
      python: {
        setup: "import os, tempfile\nfd, path = tempfile.mkstemp()\nos.unlink(path)\nm = memoryview(f64(2 * n))[::2]",
        stmt: "os.pwrite(fd, m.tobytes(), 0)",
      },
    }),
    defineCase({
      name: READ_NAME,
      group: "node-adapter",
      floorLabel: "one fs.readSync into a reused Float64Array, scattered to every other item",
      setup(n) {
        const fd = scratchFile("read");
        const source = f64(n);
        fsWriteSync(fd, new Uint8Array(source.buffer), 0, source.byteLength, 0);
        const target = new Float64Array(2 * n);
        const floorTarget = new Float64Array(2 * n);
        return { n, fd, target, floorTarget, staged: new Float64Array(n), m: memoryview(target).get(slice(null, null, 2)) };
      },
      ours: ({ fd, m }) => readIntoSync(fd, m, { position: 0 }),
      floor({ n, fd, floorTarget, staged }) {
        const count = readSync(fd, new Uint8Array(staged.buffer), 0, staged.byteLength, 0);
        for (let i = 0; i < n; i++) floorTarget[2 * i] = /** @type {number} */ (staged[i]);
        return count;
      },
      check: (ours, floor, { target, floorTarget }) => ours === floor && target.every((value, i) => Object.is(value, floorTarget[i])),
      python: {
        setup: [
          "import os, tempfile",
          "fd, path = tempfile.mkstemp()",
          "os.unlink(path)",
          "os.pwrite(fd, f64(n).tobytes(), 0)",
          "m = memoryview(f64(2 * n))[::2]",
          "buf = bytearray(8 * n)",
          "staged = memoryview(buf).cast('d')",
          "if hasattr(os, 'preadv'):",
          "    fill = lambda: os.preadv(fd, [buf], 0)",
          "else:  # Pyodide's file system has no preadv",
          "    f = open(fd, 'rb', buffering=0, closefd=False)",
          "    fill = lambda: (f.seek(0), f.readinto(buf))",
        ].join("\n"),
        stmt: "fill(); m[:] = staged",
      },
    }),
  ];
};
