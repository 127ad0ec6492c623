/**
 * End to end: a scijs view and Arrow columns, written to files by
 * node-adapter's `write` through the buffer protocol, read back by a real
 * CPython with `array.array.fromfile` and `struct`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { FixedSizeList, Field, Int16, makeData, makeVector, Vector } from "apache-arrow";
import ndarray from "ndarray";
import { afterAll, describe, expect, it } from "vitest";
import { memoryview } from "@pybuffer/core";
import { write } from "@pybuffer/node-adapter";
import { toExporter as arrowExporter } from "../../src/apache-arrow/index.ts";
import { toExporter as scijsExporter } from "../../src/ndarray/index.ts";
import { nestedValues } from "../helpers/c-order.ts";

/** A CPython 3.13 from pyenv, or undefined when none is installed. */
function findPython(): string | undefined {
  const versions = join(homedir(), ".pyenv", "versions");
  if (!existsSync(versions)) return undefined;
  const found = readdirSync(versions).filter((v) => v.startsWith("3.13")).map((v) => join(versions, v, "bin", "python"));
  return found.find((path) => existsSync(path));
}

const python = findPython();
const dir = mkdtempSync(join(tmpdir(), "pybuffer-interop-e2e-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What CPython reads from `path`: its script prints JSON. */
function cpython(script: string, path: string): unknown {
  return JSON.parse(execFileSync(python!, ["-c", script, path], { encoding: "utf8" }));
}

const READ_DOUBLES = `
import array, json, os, sys
a = array.array("d")
with open(sys.argv[1], "rb") as f:
    a.fromfile(f, os.path.getsize(sys.argv[1]) // a.itemsize)
print(json.dumps(a.tolist()))`;

const READ_WITH_STRUCT = `
import json, os, struct, sys
data = open(sys.argv[1], "rb").read()
print(json.dumps({"h": list(struct.unpack("<%dh" % (len(data) // 2), data)), "i": list(struct.unpack("<%di" % (len(data) // 4), data))}))`;

// A reversed, strided, transposed scijs view: its C-order items are not contiguous in memory.
const base = ndarray(Float64Array.from({ length: 20 }, (_, i) => i * 1.5 - 7), [4, 5]);
const view = base.step(-1, 2).transpose(1, 0);
const viewValues = (nestedValues(view.shape, (i) => view.get(...i)) as number[][]).flat();

const column = makeVector(Int32Array.from([5, -6, 70000, -80000, 9])).slice(1, 4);
const matrix = new Vector([
  makeData({
    type: new FixedSizeList(3, new Field("item", new Int16())),
    length: 2,
    child: makeData({ type: new Int16(), length: 6, data: Int16Array.from([1, -2, 3, -4, 5, -32768]) }),
  }),
]);

describe("interop to files through node-adapter's write", () => {
  it("writes each exporter's items in C order", async () => {
    const scijsFile = join(dir, "view.bin");
    expect(await write(scijsFile, scijsExporter(view))).toBe(viewValues.length * 8);
    expect(new Uint8Array(readFileSync(scijsFile))).toEqual(new Uint8Array(Float64Array.from(viewValues).buffer));
    const arrowFile = join(dir, "column.bin");
    expect(await write(arrowFile, arrowExporter(column))).toBe(12);
    expect(new Uint8Array(readFileSync(arrowFile))).toEqual(memoryview(arrowExporter(column)).toBytes());
  });

  it.skipIf(python === undefined)(
    `CPython 3.13 reads them back with array.array.fromfile and struct${python === undefined ? " (skipped: no CPython 3.13 under ~/.pyenv/versions)" : ""}`,
    async () => {
      const scijsFile = join(dir, "view-for-python.bin");
      await write(scijsFile, scijsExporter(view));
      expect(cpython(READ_DOUBLES, scijsFile)).toEqual(viewValues);

      const columnFile = join(dir, "column-for-python.bin");
      await write(columnFile, arrowExporter(column));
      expect((cpython(READ_WITH_STRUCT, columnFile) as { i: number[] }).i).toEqual([...column]);

      const matrixFile = join(dir, "matrix-for-python.bin");
      await write(matrixFile, arrowExporter(matrix));
      expect((cpython(READ_WITH_STRUCT, matrixFile) as { h: number[] }).h).toEqual([1, -2, 3, -4, 5, -32768]);
    },
  );
});
