/**
 * saveNpy of any exporter: what loadNpy reads back equals what a memoryview
 * of the exporter shows, for strided, reversed, Fortran, PIL, 0-d and empty
 * layouts; and, where NumPy is installed, NumPy loads every file the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getBufferSymbol, memoryview, type BufferRecord } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { formatToDtype, loadNpy, saveNpy, type NpyArray } from "../../src/index.ts";
import { matchesTagged } from "../helpers/fixtures.ts";
import { numpyLoads, numpyPython } from "../helpers/numpy-python.ts";
import { records, SOURCES } from "../helpers/save-sources.ts";

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
      const seen = numpyLoads(paths);
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
