/**
 * The extended grammar against NumPy 2.x (test/fixtures/pep3118-numpy.json,
 * made by scripts/gen-pep3118-fixtures.py): sizes, offsets, names and errors
 * equal `_dtype_from_pep3118`'s, and items read as `arr.tolist()` gives them.
 */
import { isDeepStrictEqual } from "node:util";
import { describe as group, expect, it } from "vitest";
import { isPythonError, minimumItemsize, parseExtendedFormat, recordReader } from "../../src/index.ts";
import { loopRecordReader } from "../../src/pep3118/record-reader.ts";
import { describe, fixture, inFieldOrder, sameValue, untag } from "./numpy-fixture.ts";

/** Where this library deliberately differs from NumPy (documented in core's README). */
const DIVERGENT = /^(?:\d*[up]|.*\bZ?g\b.*|g|Zg)$/;

function outcome(format: string): unknown {
  try {
    return { parsed: describe(parseExtendedFormat(format)) };
  } catch (error) {
    if (!isPythonError(error)) throw error;
    return { error: error.pythonType, message: error.message };
  }
}

group(`parseExtendedFormat agrees with ${fixture.generator}`, () => {
  it("on random and hand-picked format strings: structure or error", () => {
    const cases = fixture.formats.filter((c) => !DIVERGENT.test(c.format));
    expect(cases.length).toBeGreaterThan(500);
    const mismatches = cases.flatMap((c) => {
      const expected = c.error === undefined ? { parsed: c.parsed } : { error: c.error, message: c.message };
      const actual = outcome(c.format);
      return isDeepStrictEqual(actual, expected) ? [] : [{ format: c.format, expected, actual }];
    });
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({ mismatches: 0, first: [] });
  });

  it("on memoryview(arr).format of random dtypes: structure", () => {
    const mismatches = fixture.arrays.flatMap((c) => {
      const actual = describe(parseExtendedFormat(c.format));
      const expected = c.parsed;
      return isDeepStrictEqual(actual, expected) ? [] : [{ descr: c.descr, format: c.format, expected, actual }];
    });
    expect(fixture.arrays.length).toBeGreaterThan(300);
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({ mismatches: 0, first: [] });
  });

  // NumPy writes no 'x' after the last field, and its parse of a '@' struct
  // adds alignment padding (and so can move later fields) that the array's
  // own dtype lacks. Where the parse is the array's dtype, the fields fit the
  // itemsize and every item reads as tolist() gives it.
  const faithful = fixture.arrays.filter((c) => isDeepStrictEqual(c.parsed, c.dtype));

  it("where NumPy's parse is the array's dtype, its fields fit the itemsize", () => {
    expect(faithful.length).toBeGreaterThan(250);
    const misfits = faithful.filter((c) => minimumItemsize(parseExtendedFormat(c.format)) > c.itemsize);
    expect(misfits.map((c) => c.format)).toEqual([]);
  });

  it("reads every item as arr.tolist() gives it", () => {
    const mismatches = faithful.flatMap((c) => {
      const type = parseExtendedFormat(c.format);
      const read = recordReader(type);
      const bytes = Uint8Array.from(Buffer.from(c.hex, "hex"));
      const view = new DataView(bytes.buffer);
      const count = c.shape.reduce((p, n) => p * n, 1);
      const flat = Array.from({ length: count }, (_, i) => inFieldOrder(type, read(view, i * c.itemsize)));
      const expected = untag(c.tolist);
      const expectedFlat = c.shape.length === 0 ? [expected] : (expected as unknown[]).flat(c.shape.length - 1);
      return sameValue(flat, expectedFlat) ? [] : [{ descr: c.descr, format: c.format, expected: expectedFlat, actual: flat }];
    });
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 3) }).toEqual({ mismatches: 0, first: [] });
  });
});

group("the loop reader (hosts that forbid generating code)", () => {
  const faithful = fixture.arrays.filter((c) => isDeepStrictEqual(c.parsed, c.dtype));

  it("reads every item of the NumPy corpus as the generated reader does", () => {
    expect(faithful.length).toBeGreaterThan(250);
    const mismatches = faithful.flatMap((c) => {
      const type = parseExtendedFormat(c.format);
      const generated = recordReader(type);
      const loop = loopRecordReader(type);
      const bytes = Uint8Array.from(Buffer.from(c.hex, "hex"));
      const view = new DataView(bytes.buffer);
      const count = c.shape.reduce((p, n) => p * n, 1);
      const differing = Array.from({ length: count }, (_, i) => i).filter((i) => {
        const read = (reader: typeof generated) => {
          try {
            return { value: inFieldOrder(type, reader(view, i * c.itemsize)) };
          } catch (error) {
            return { error: isPythonError(error) ? `${error.pythonType}: ${error.message}` : String(error) };
          }
        };
        return !isDeepStrictEqual(read(generated), read(loop));
      });
      return differing.length === 0 ? [] : [{ format: c.format, items: differing }];
    });
    expect(mismatches).toEqual([]);
  });
});
