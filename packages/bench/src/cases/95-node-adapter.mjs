/**
 * `@pybuffer/node-adapter`: `writeSync` of a strided view ('d' items, [::2])
 * to a file, at offset 0 each time (an unlinked temporary file). CPython's
 * files take only contiguous buffers, so its column copies first:
 * `os.pwrite(fd, m.tobytes(), 0)`. In Pyodide the file lives in its in-memory
 * file system.
 */

import { closeSync, openSync, unlinkSync, writeSync as fsWriteSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryview, slice } from "@pybuffer/core";
import { f64 } from "../lib/data.mjs";
import { defineCase, optionalImport, unavailableCase } from "../lib/registry.mjs";

const NAME = "node-adapter writeSync strided [::2]";

/** One temporary file for the whole run, unlinked at once (the descriptor keeps it). */
let fd = -1;
function scratchFile() {
  if (fd < 0) {
    const path = join(tmpdir(), `pybuffer-bench-${process.pid}.bin`);
    fd = openSync(path, "w+");
    unlinkSync(path);
    process.once("exit", () => closeSync(fd));
  }
  return fd;
}

export default async () => {
  const imported = await optionalImport("@pybuffer/node-adapter", ["writeSync"]);
  if ("unavailable" in imported) return [unavailableCase(NAME, "node-adapter", imported.unavailable)];
  /** @type {(target: number, data: unknown, options?: { position?: number }) => number} */
  const writeSync = imported.module["writeSync"];
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
  ];
};
