/**
 * Files NumPy wrote (test/fixtures, scripts/gen-npy-fixtures.py) read back:
 * header, dtype, order and every item as NumPy's `tolist()`; written again
 * byte for byte; and broken files refused with NumPy's error.
 */
import { isPythonError, memoryview } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { dtypeToFormat, loadNpy, saveNpy, type Descr } from "../../src/index.ts";
import { fixture, fixtureBytes, matchesTagged } from "../helpers/fixtures.ts";

describe(`loadNpy reads what ${fixture.generator} wrote`, () => {
  it("header, dtype, shape, order and version", () => {
    expect(fixture.arrays.length).toBeGreaterThan(100);
    for (const c of fixture.arrays) {
      const a = loadNpy(fixtureBytes(c.file!));
      expect({ file: c.file, dtype: a.dtype, shape: a.shape, fortranOrder: a.fortranOrder, version: a.version }).toEqual({
        file: c.file, dtype: c.descr, shape: c.shape, fortranOrder: c.fortran_order, version: c.version,
      });
    }
  });

  it("every item as tolist() gives it, through toList() and through a memoryview", () => {
    const mismatches = fixture.arrays.filter((c) => {
      const a = loadNpy(fixtureBytes(c.file!));
      const viaView = memoryview(a, { extendedFormats: true }).toList();
      return !matchesTagged(a.toList(), c.tolist) || !matchesTagged(viaView, c.tolist);
    });
    expect(mismatches.map((c) => c.file)).toEqual([]);
  });

  it("writes each array back to the very bytes NumPy wrote", () => {
    const differing = fixture.arrays.filter((c) => {
      const bytes = fixtureBytes(c.file!);
      const a = loadNpy(bytes);
      const again = saveNpy(a, { version: a.version });
      return Buffer.compare(Buffer.from(again), Buffer.from(bytes)) !== 0;
    });
    expect(differing.map((c) => c.file)).toEqual([]);
  });

  it("dtypeToFormat gives memoryview(np.empty(shape, dtype)).format", () => {
    const cases = fixture.arrays.filter((c) => c.format !== null);
    expect(cases.length).toBeGreaterThan(50);
    const actual = cases.map((c) => ({ file: c.file, format: dtypeToFormat(c.descr as Descr, { shape: c.shape }) }));
    expect(actual).toEqual(cases.map((c) => ({ file: c.file, format: c.format })));
  });

  it("dtypeToFormat refuses datetimes as NumPy's buffer export does", () => {
    expect(() => dtypeToFormat("<M8[ns]")).toThrow("cannot include dtype 'M' in a buffer");
    expect(() => dtypeToFormat([["t", ">m8[s]"]])).toThrow("cannot include dtype 'm' in a buffer");
  });
});

describe("loadNpy refuses broken and hostile files as NumPy does", () => {
  for (const c of fixture.errors) {
    it(c.label, () => {
      const bytes = Uint8Array.from(Buffer.from(c.hex, "hex"));
      let thrown: unknown;
      try {
        loadNpy(bytes);
      } catch (error) {
        thrown = error;
      }
      expect(isPythonError(thrown)).toBe(true);
      const error = thrown as { pythonType: string; message: string };
      // ast.literal_eval names a node by its memory address; ours names the header.
      if (c.message.startsWith("malformed node")) {
        expect({ type: error.pythonType, parse: error.message.startsWith("Cannot parse header: ") }).toEqual({ type: c.error, parse: true });
      } else {
        expect({ type: error.pythonType, message: error.message }).toEqual({ type: c.error, message: c.message });
      }
    });
  }
});
