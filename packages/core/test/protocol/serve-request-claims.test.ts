/**
 * `serveRequest` reads an exporter's contiguity claims at most once each,
 * and only for a request that needs them: a memoryview's request (strides,
 * no contiguity) from an unchecked base reads none, so an exporter may
 * compute its claims on demand.
 */
import { describe, expect, it } from "vitest";
import { BufferFlags, checkedBase, fillInfo, serveRequest, type ExporterContiguity } from "../../src/index.ts";
import { MESSAGES } from "./serving.ts";

/** Claims that count their reads. */
function countingClaims(): { claims: ExporterContiguity; reads: () => number[] } {
  let c = 0;
  let f = 0;
  return {
    claims: {
      get cContiguous() {
        c++;
        return true;
      },
      get fortranContiguous() {
        f++;
        return true;
      },
    },
    reads: () => [c, f],
  };
}

describe("serveRequest's contiguity claims", () => {
  const unchecked = () => fillInfo(null, new ArrayBuffer(8), 0, 8, false, BufferFlags.FULL);

  it.each([
    ["FULL_RO", BufferFlags.FULL_RO, [0, 0]],
    ["RECORDS_RO", BufferFlags.RECORDS_RO, [0, 0]],
    ["STRIDES", BufferFlags.STRIDES, [0, 0]],
    ["ND (no strides: C-contiguity needed)", BufferFlags.ND, [1, 1]],
    ["SIMPLE", BufferFlags.SIMPLE, [1, 1]],
    ["C_CONTIGUOUS", BufferFlags.C_CONTIGUOUS, [1, 1]],
    ["F_CONTIGUOUS", BufferFlags.F_CONTIGUOUS, [1, 1]],
    ["ANY_CONTIGUOUS", BufferFlags.ANY_CONTIGUOUS, [1, 1]],
  ])("from an unchecked base, for %s, reads them %o times", (_, flags, expected) => {
    const { claims, reads } = countingClaims();
    serveRequest(unchecked(), flags, {}, claims, MESSAGES);
    expect(reads()).toEqual(expected);
  });

  it("from a checked base, reads each once for every request, to compare them with the check", () => {
    const base = checkedBase(unchecked());
    for (const flags of [BufferFlags.FULL_RO, BufferFlags.SIMPLE, BufferFlags.C_CONTIGUOUS]) {
      const { claims, reads } = countingClaims();
      serveRequest(base, flags, {}, claims, MESSAGES);
      expect(reads()).toEqual([1, 1]);
    }
  });

  it("still refuses a contiguity request its claims deny", () => {
    const claims = { cContiguous: false, fortranContiguous: false };
    expect(() => serveRequest(unchecked(), BufferFlags.C_CONTIGUOUS, {}, claims, MESSAGES)).toThrow(expect.objectContaining({ pythonType: "BufferError", message: "not C" }));
    expect(() => serveRequest(unchecked(), BufferFlags.ND, {}, claims, MESSAGES)).toThrow(expect.objectContaining({ pythonType: "BufferError", message: "not C" }));
  });
});
