/**
 * saveNpy of any exporter: what loadNpy reads back equals what a memoryview
 * of the exporter shows, for strided, reversed, Fortran, PIL, 0-d and empty
 * layouts; and, where NumPy is installed, NumPy loads every file the same.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getBufferSymbol, memoryview, NDArray, NDArrayFlags, slice, type BufferRecord } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { formatToDtype, loadNpy, saveNpy, type NpyArray } from "../../src/index.ts";
import { matchesTagged } from "../helpers/fixtures.ts";

const values = (n: number): number[] => Array.from({ length: n }, (_, i) => ((i * 37) % 23) - 11);

/** A NumPy-style record exporter: 2 records of T{<i:a:(2)d:b:3s:c:} (itemsize 23). */
function records(): object {
  const bytes = new Uint8Array(46);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 2; i++) {
    view.setInt32(i * 23, i - 5, true);
    view.setFloat64(i * 23 + 4, 0.5 * i, true);
    view.setFloat64(i * 23 + 12, -i, true);
    bytes.set([0x61 + i, 0x62], i * 23 + 20);
  }
  const exporter = {
    [getBufferSymbol](): BufferRecord {
      return {
        obj: exporter, memory: bytes.buffer, buf: 0, len: 46, itemsize: 23, readonly: true, format: "T{<i:a:(2)d:b:3s:c:}",
        ndim: 1, shape: [2], strides: [23], suboffsets: null, internal: null,
      };
    },
  };
  return exporter;
}

/** Sources with their expected dtype, shape and order. */
const SOURCES: { name: string; make: () => object; dtype: unknown; shape: number[]; fortran: boolean }[] = [
  { name: "Float64Array", make: () => new Float64Array([1.5, -2, 1e300]), dtype: "<f8", shape: [3], fortran: false },
  { name: "C int16 2x3", make: () => new NDArray(values(6), { shape: [2, 3], format: "h" }), dtype: "<i2", shape: [2, 3], fortran: false },
  { name: "Fortran uint32 2x3", make: () => new NDArray(values(6).map(Math.abs), { shape: [2, 3], format: "I", flags: NDArrayFlags.FORTRAN }), dtype: "<u4", shape: [2, 3], fortran: true },
  {
    name: "reversed columns of a big-endian int32 view",
    make: () => new NDArray(values(12), { shape: [3, 4], format: ">i" }).get([slice(null), slice(null, null, -1)]) as object,
    dtype: ">i4", shape: [3, 4], fortran: false,
  },
  {
    name: "every other row, every third column (strided)",
    make: () => new NDArray(values(60), { shape: [6, 10], format: "<q" }).get([slice(null, null, 2), slice(1, null, 3)]) as object,
    dtype: "<i8", shape: [3, 3], fortran: false,
  },
  { name: "PIL float32 3x2", make: () => new NDArray(values(6), { shape: [3, 2], format: "f", flags: NDArrayFlags.PIL }), dtype: "<f4", shape: [3, 2], fortran: false },
  { name: "0-d half float", make: () => new NDArray(-0.5, { shape: [], format: "e" }), dtype: "<f2", shape: [], fortran: false },
  { name: "empty 0x3 bool", make: () => new NDArray([true, false, true, true, false, false], { shape: [2, 3], format: "?" }).get([slice(1, 1), slice(null)]) as object, dtype: "|b1", shape: [0, 3], fortran: false },
  { name: "native long (NumPy's int64)", make: () => new NDArray([1, -2], { shape: [2], format: "l" }), dtype: "<i8", shape: [2], fortran: false },
  { name: "records", make: records, dtype: [["a", "<i4"], ["b", "<f8", [2]], ["c", "|S3"]], shape: [2], fortran: false },
];

describe("saveNpy writes any exporter so that loadNpy reads the same items", () => {
  for (const source of SOURCES) {
    it(source.name, () => {
      const exporter = source.make();
      const loaded = loadNpy(saveNpy(exporter));
      expect({ dtype: loaded.dtype, shape: loaded.shape, fortranOrder: loaded.fortranOrder }).toEqual({
        dtype: source.dtype, shape: source.shape, fortranOrder: source.fortran,
      });
      expect(loaded.toList()).toEqual(memoryview(exporter, { extendedFormats: true }).toList());
    });
  }

  it("writes versions 2.0 and 3.0 on request, and 3.0 by itself for names beyond Latin-1", () => {
    expect(saveNpy(new Uint8Array(2), { version: "2.0" })[6]).toBe(2);
    expect(loadNpy(saveNpy(new Uint8Array(2), { version: "3.0" })).version).toBe("3.0");
    const named = { [getBufferSymbol]: () => ({ ...(records() as { [getBufferSymbol](): BufferRecord })[getBufferSymbol](), format: "T{<i:\u03b1:(2)d:b:3s:c:}" }) };
    const loaded = loadNpy(saveNpy(named));
    expect([loaded.version, (loaded.dtype as unknown as string[][])[0]![0]]).toEqual(["3.0", "\u03b1"]);
  });

  it("pads the header to 64 bytes, as NumPy does", () => {
    const file = saveNpy(new Float32Array(3));
    const headerEnd = file.indexOf(0x0a) + 1;
    expect([headerEnd % 64, file.length - headerEnd]).toEqual([0, 12]);
  });

  it("refuses object items and formats NumPy cannot read", () => {
    const objects = { [getBufferSymbol]: () => ({ ...(records() as { [getBufferSymbol](): BufferRecord })[getBufferSymbol](), format: "T{O:o:d:x:}xxxxxxx", itemsize: 23 }) };
    expect(() => saveNpy(objects)).toThrow("Object arrays cannot be saved when allow_pickle=False");
    expect(() => formatToDtype("2u")).toThrow("Unrepresentable PEP 3118 data type 'u' (UCS-2 strings)");
    expect(() => formatToDtype("p")).toThrow("Unknown PEP 3118 data type specifier 'p'");
  });
});

/** python3 with NumPy, or why not. */
function numpyPython(): string | null {
  const probe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
  return probe.status === 0 ? null : `python3 with NumPy is not installed here (${(probe.stderr || String(probe.error)).trim().split("\n").pop()})`;
}

/** Loads each file with NumPy; values tagged by core's scripts/numpy_values.py (its folder is argv[1]). */
const NUMPY_READER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import numpy as np
from numpy_values import tag
out = []
for path in sys.argv[2:]:
    a = np.load(path, allow_pickle=False)
    out.append({"descr": np.lib.format.dtype_to_descr(a.dtype), "shape": list(a.shape), "tolist": tag(a.tolist())})
print(json.dumps(out))
`;
const CORE_SCRIPTS = fileURLToPath(new URL("../../../core/scripts", import.meta.url));

describe("NumPy loads what JavaScript wrote", () => {
  it("every source above, with the same dtype, shape and items", (context) => {
    const missing = numpyPython();
    if (missing !== null) context.skip(missing);
    const dir = mkdtempSync(join(tmpdir(), "pybuffer-numpy-"));
    try {
      const loaded: NpyArray[] = [];
      const paths = SOURCES.map((source, i) => {
        const file = saveNpy(source.make());
        loaded.push(loadNpy(file));
        const path = join(dir, `${i}.npy`);
        writeFileSync(path, file);
        return path;
      });
      const run = spawnSync("python3", ["-c", NUMPY_READER, CORE_SCRIPTS, ...paths], { encoding: "utf8" });
      expect(run.stderr).toBe("");
      const seen = JSON.parse(run.stdout) as { descr: unknown; shape: number[]; tolist: unknown }[];
      const mismatches = seen.flatMap((numpy, i) => {
        const ours = loaded[i]!;
        const same = JSON.stringify(numpy.descr) === JSON.stringify(ours.dtype) && JSON.stringify(numpy.shape) === JSON.stringify(ours.shape) && matchesTagged(ours.toList(), numpy.tolist);
        return same ? [] : [SOURCES[i]!.name];
      });
      expect(mismatches).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
