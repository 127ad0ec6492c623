/**
 * A memoryview as an exporter (Objects/memoryobject.c: `memory_getbuf`): test_buffer.py's
 * `test_ndarray_getbuf` request matrix run on memoryviews. For each layout,
 * read-only and writable, every request of the matrix with each of the
 * extras 0, WRITABLE, FORMAT and WRITABLE|FORMAT either fails with the
 * message of the first check it trips, or succeeds with exactly the fields
 * the request asks for. The grids were produced by CPython 3.13 with
 * `ndarray(memoryview(x), getbuf=request)`, which also confirmed the field
 * rule below for every cell that succeeds.
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, memoryview, NDArray, NDArrayFlags, releaseBuffer, type MemoryView } from "../../src/index.ts";

const REQUESTS = [
  "INDIRECT", "STRIDES", "ND", "SIMPLE", "C_CONTIGUOUS", "F_CONTIGUOUS", "ANY_CONTIGUOUS",
  "FULL", "FULL_RO", "RECORDS", "RECORDS_RO", "STRIDED", "STRIDED_RO", "CONTIG", "CONTIG_RO",
] as const;
const EXTRAS = [0, BufferFlags.WRITABLE, BufferFlags.FORMAT, BufferFlags.WRITABLE | BufferFlags.FORMAT];

/** One character per outcome: '.' succeeds, the others name the BufferError. */
const ERRORS: Record<string, string> = {
  W: "memoryview: underlying buffer is not writable",
  C: "memoryview: underlying buffer is not C-contiguous",
  F: "memoryview: underlying buffer is not Fortran contiguous",
  A: "memoryview: underlying buffer is not contiguous",
  S: "memoryview: underlying buffer requires suboffsets",
  B: "memoryview: cannot cast to unsigned bytes if the format flag is present",
};

const items = Array.from({ length: 12 }, (_, i) => i);
const LAYOUTS: Record<string, (flags: number) => NDArray> = {
  "0-d": (flags) => new NDArray(7, { shape: [], flags }),
  "[1,3,1]": (flags) => new NDArray(items.slice(0, 3), { shape: [1, 3, 1], flags }),
  "[12]": (flags) => new NDArray(items, { shape: [12], flags }),
  "[12] strides [-1] offset 11": (flags) => new NDArray(items, { shape: [12], strides: [-1], offset: 11, flags }),
  "[6] strides [2]": (flags) => new NDArray(items, { shape: [6], strides: [2], flags }),
  "[3,4]": (flags) => new NDArray(items, { shape: [3, 4], flags }),
  "[3,4] Fortran": (flags) => new NDArray(items, { shape: [3, 4], flags: flags | NDArrayFlags.FORTRAN }),
  "[3,4] PIL": (flags) => new NDArray(items, { shape: [3, 4], flags: flags | NDArrayFlags.PIL }),
  "[3,4] strides [-4,-1] offset 11": (flags) => new NDArray(items, { shape: [3, 4], strides: [-4, -1], offset: 11, flags }),
  "[2,2] strides [4,1] offset 4": (flags) => new NDArray(items, { shape: [2, 2], strides: [4, 1], offset: 4, flags }),
  "[7,0,7]": (flags) => new NDArray(items, { shape: [7, 0, 7], flags }),
};

// [layout, writable, one group of 4 outcomes per request (extras 0, W, FORMAT, W|FORMAT)]
const GRIDS: [string, boolean, string][] = [
  ["0-d", false, ".W.W .W.W .W.W .WBW .W.W .W.W .W.W WWWW .W.W WWWW .W.W WWWW .W.W WWWW .W.W"],
  ["0-d", true, ".... .... .... ..BB .... .... .... .... .... .... .... .... .... .... ...."],
  ["[1,3,1]", false, ".W.W .W.W .W.W .WBW .W.W .W.W .W.W WWWW .W.W WWWW .W.W WWWW .W.W WWWW .W.W"],
  ["[1,3,1]", true, ".... .... .... ..BB .... .... .... .... .... .... .... .... .... .... ...."],
  ["[12]", false, ".W.W .W.W .W.W .WBW .W.W .W.W .W.W WWWW .W.W WWWW .W.W WWWW .W.W WWWW .W.W"],
  ["[12]", true, ".... .... .... ..BB .... .... .... .... .... .... .... .... .... .... ...."],
  ["[12] strides [-1] offset 11", false, ".W.W .W.W CWCW CWCW CWCW FWFW AWAW WWWW .W.W WWWW .W.W WWWW .W.W WWWW CWCW"],
  ["[12] strides [-1] offset 11", true, ".... .... CCCC CCCC CCCC FFFF AAAA .... .... .... .... .... .... CCCC CCCC"],
  ["[6] strides [2]", false, ".W.W .W.W CWCW CWCW CWCW FWFW AWAW WWWW .W.W WWWW .W.W WWWW .W.W WWWW CWCW"],
  ["[6] strides [2]", true, ".... .... CCCC CCCC CCCC FFFF AAAA .... .... .... .... .... .... CCCC CCCC"],
  ["[3,4]", false, ".W.W .W.W .W.W .WBW .W.W FWFW .W.W WWWW .W.W WWWW .W.W WWWW .W.W WWWW .W.W"],
  ["[3,4]", true, ".... .... .... ..BB .... FFFF .... .... .... .... .... .... .... .... ...."],
  ["[3,4] Fortran", false, ".W.W .W.W CWCW CWCW CWCW .W.W .W.W WWWW .W.W WWWW .W.W WWWW .W.W WWWW CWCW"],
  ["[3,4] Fortran", true, ".... .... CCCC CCCC CCCC .... .... .... .... .... .... .... .... CCCC CCCC"],
  ["[3,4] PIL", false, ".W.W SWSW SWSW SWSW CWCW FWFW AWAW WWWW .W.W WWWW SWSW WWWW SWSW WWWW SWSW"],
  ["[3,4] PIL", true, ".... SSSS SSSS SSSS CCCC FFFF AAAA .... .... SSSS SSSS SSSS SSSS SSSS SSSS"],
  ["[3,4] strides [-4,-1] offset 11", false, ".W.W .W.W CWCW CWCW CWCW FWFW AWAW WWWW .W.W WWWW .W.W WWWW .W.W WWWW CWCW"],
  ["[3,4] strides [-4,-1] offset 11", true, ".... .... CCCC CCCC CCCC FFFF AAAA .... .... .... .... .... .... CCCC CCCC"],
  ["[2,2] strides [4,1] offset 4", false, ".W.W .W.W CWCW CWCW CWCW FWFW AWAW WWWW .W.W WWWW .W.W WWWW .W.W WWWW CWCW"],
  ["[2,2] strides [4,1] offset 4", true, ".... .... CCCC CCCC CCCC FFFF AAAA .... .... .... .... .... .... CCCC CCCC"],
  ["[7,0,7]", false, ".W.W .W.W .W.W .WBW .W.W .W.W .W.W WWWW .W.W WWWW .W.W WWWW .W.W WWWW .W.W"],
  ["[7,0,7]", true, ".... .... .... ..BB .... .... .... .... .... .... .... .... .... .... ...."],
];

/** The record a successful request gets: only the fields it asked for (memory_getbuf: FORMAT, STRIDES, ND). */
function expectedRecord(m: MemoryView, flags: number) {
  const has = (bits: number) => (flags & bits) === bits;
  const shaped = has(BufferFlags.ND) && m.ndim > 0;
  return {
    objIsView: true,
    len: m.nbytes,
    itemsize: m.itemsize,
    readonly: m.readonly,
    format: has(BufferFlags.FORMAT) ? m.format : null,
    ndim: has(BufferFlags.ND) ? m.ndim : 1,
    shape: shaped ? m.shape : null,
    strides: shaped && has(BufferFlags.STRIDES) ? m.strides : null,
    suboffsets: has(BufferFlags.INDIRECT) && m.suboffsets.length > 0 ? m.suboffsets : null,
  };
}

/** The outcome of `getBuffer(m, flags)` as one grid character, after checking a success's fields. */
function outcome(m: MemoryView, flags: number): string {
  let record;
  try {
    record = getBuffer(m, flags);
  } catch (error) {
    const code = Object.keys(ERRORS).find((key) => ERRORS[key] === (error as Error).message);
    expect((error as { pythonType?: unknown }).pythonType).toBe("BufferError");
    return code ?? `?${(error as Error).message}`;
  }
  const { obj, len, itemsize, readonly, format, ndim, shape, strides, suboffsets } = record;
  const got = { objIsView: obj === m, len, itemsize, readonly, format, ndim, shape, strides, suboffsets };
  expect(got).toEqual(expectedRecord(m, flags));
  releaseBuffer(record);
  return ".";
}

describe("test_ndarray_getbuf on memoryviews: the request matrix", () => {
  it.each(GRIDS)("%s (writable: %s)", (layout, writable, grid) => {
    const m = memoryview(LAYOUTS[layout]!(writable ? NDArrayFlags.WRITABLE : 0));
    const got = REQUESTS.map((name) => EXTRAS.map((extra) => outcome(m, BufferFlags[name] | extra)).join("")).join(" ");
    expect(got).toBe(grid);
    // Every successful request was released: the view can be released itself.
    m.release();
  });

  it("a view of a view answers for the view: memoryview(m) of a PIL layout still needs INDIRECT", () => {
    const m = memoryview(memoryview(LAYOUTS["[3,4] PIL"]!(0)));
    expect(outcome(m, BufferFlags.STRIDES)).toBe("S");
    expect(outcome(m, BufferFlags.FULL_RO)).toBe(".");
  });
});
