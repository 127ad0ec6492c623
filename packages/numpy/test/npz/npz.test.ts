/**
 * .npz archives: NumPy's savez and savez_compressed files read, ours read
 * back, and hostile archives refused.
 */
import { isPythonError } from "@pybuffer/core";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { loadNpz, saveNpy, saveNpz } from "../../src/index.ts";
import { fixture, fixtureBytes, matchesTagged } from "../helpers/fixtures.ts";

describe("loadNpz", () => {
  for (const archive of fixture.archives) {
    it(`reads NumPy's ${archive.file}, every member as NumPy's tolist()`, () => {
      const arrays = loadNpz(fixtureBytes(archive.file));
      expect([...arrays.keys()]).toEqual(Object.keys(archive.members));
      for (const [name, member] of Object.entries(archive.members)) {
        const a = arrays.get(name)!;
        expect({ dtype: a.dtype, shape: a.shape }).toEqual({ dtype: member.descr, shape: member.shape });
        expect(matchesTagged(a.toList(), member.tolist)).toBe(true);
      }
    });
  }

  it("reads back what saveNpz wrote, stored and deflated", () => {
    for (const compress of [false, true]) {
      const zip = saveNpz({ x: new Float64Array([1, 2]), y: new Int8Array([-3]) }, { compress });
      const arrays = loadNpz(zip);
      expect([arrays.get("x")!.toList(), arrays.get("y")!.toList(), arrays.get("y")!.dtype]).toEqual([[1, 2], [-3], "|i1"]);
    }
  });

  it("deflates: a compressed archive of zeros is smaller than a stored one", () => {
    const zeros = new Float64Array(4096);
    expect(saveNpz({ z: zeros }, { compress: true }).length).toBeLessThan(saveNpz({ z: zeros }).length / 10);
  });

  it("refuses bytes that are not a zip archive", () => {
    expect(() => loadNpz(new Uint8Array([1, 2, 3, 4]))).toThrow(/^File is not a zip file/);
  });

  it("refuses a member larger than the limit before inflating it", () => {
    const zip = saveNpz({ big: new Uint8Array(1 << 16) }, { compress: true });
    expect(() => loadNpz(zip, { maxMemberBytes: 1024 })).toThrow(/npz member big\.npy declares \d+ bytes, more than 1024/);
  });

  it("names the member whose .npy is broken", () => {
    const good = saveNpy(new Uint8Array(4));
    const zip = zipSync({ "bad.npy": good.subarray(0, good.length - 2) });
    let thrown: unknown;
    try {
      loadNpz(zip);
    } catch (error) {
      thrown = error;
    }
    expect(isPythonError(thrown, "ValueError")).toBe(true);
    expect((thrown as Error).message).toBe("bad.npy: EOF: reading array data, expected 4 bytes got 2");
  });
});
