/**
 * No public function or method of @pybuffer/numpy throws, or rejects with,
 * an error without `pythonType`: each is called with core's hostile values
 * (wrong kinds, revoked and trapping Proxies, huge lengths, gone memory,
 * exporters that lie or throw) in its open positions; async calls must
 * settle within a bound. File positions get a file in a temporary
 * directory, never a hostile path or descriptor.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { settlesWithPythonError } from "../../../core/test/hostile/async-surface.ts";
import { hostileValueArb, outcome, revokedProxy, trappedProxy } from "../../../core/test/hostile/hostile-values.ts";
import * as numpy from "../../src/index.ts";
import * as numpyNode from "../../src/node/index.ts";

type Entry = readonly [string, (a: unknown, b: unknown) => unknown];

const directory = mkdtempSync(join(tmpdir(), "pybuffer-numpy-surface-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const file = join(directory, "a.npy");
const npy = (): Uint8Array => numpy.saveNpy(new Int16Array([1, 2, 3]));
const parts = (): Record<string, unknown> => {
  const a = numpy.loadNpy(npy());
  return { version: a.version, descr: a.dtype, dtype: { itemsize: 2 }, shape: a.shape, fortranOrder: false, data: a.data, readonly: true };
};

const ENTRIES: readonly Entry[] = [
  ["dtypeToFormat(a, b)", (a, b) => numpy.dtypeToFormat(a as never, b as never)],
  ["formatToDtype(a)", (a) => numpy.formatToDtype(a as string)],
  ["loadNpy(a, b)", (a, b) => numpy.loadNpy(a as Uint8Array, b as never)],
  ["loadNpy(npy, a)", (a) => numpy.loadNpy(npy(), a as never)],
  ["loadNpz(a, b)", (a, b) => numpy.loadNpz(a as Uint8Array, b as never)],
  ["saveNpy(a, b)", (a, b) => numpy.saveNpy(a, b as never)],
  ["saveNpz(a, b)", (a, b) => numpy.saveNpz(a as never, b as never)],
  ["saveNpz({ x: a }, b)", (a, b) => numpy.saveNpz({ x: a }, b as never)],
  ["new NpyArray(a)", (a) => new numpy.NpyArray(a as never)],
  ["new NpyArray({ ...parts, a: b })", (a, b) => new numpy.NpyArray({ ...parts(), [String(typeof a)]: b } as never)],
  ["new NpyArray({ ...parts, shape: a, data: b })", (a, b) => new numpy.NpyArray({ ...parts(), shape: a, data: b } as never)],
  ["saveNpyFile(file, a, b)", (a, b) => numpyNode.saveNpyFile(file, a, b as never)],
  ["loadNpyFile(file, a)", (a) => numpyNode.loadNpyFile(file, a as never)],
];

describe("the numpy public surface raises only Python errors on hostile input", () => {
  it("every function and method, hostile values (throwing Proxies included) in its open positions", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENTRIES), hostileValueArb, hostileValueArb, async ([name, call], [aName, a], [bName, b]) => {
        expect(await settlesWithPythonError(() => call(a(), b())), `${name} with a = ${aName}, b = ${bName}`).toBeNull();
      }),
      { numRuns: 1500 },
    );
  });

  it("what the property found, fixed: options, parts and descriptions that are not what they claim give Python errors", async () => {
    expect(outcome(() => numpy.loadNpy(npy(), revokedProxy() as never))).toBe("TypeError");
    expect(outcome(() => numpy.loadNpy(revokedProxy() as never))).toBe("TypeError");
    expect(outcome(() => numpy.loadNpz(trappedProxy() as never))).toBe("TypeError");
    expect(outcome(() => numpy.saveNpz(null as never))).toBe("TypeError");
    expect(outcome(() => numpy.saveNpy(new Int16Array(1), { versoin: [1, 0] } as never))).toBe("TypeError");
    expect(outcome(() => new numpy.NpyArray(null as never))).toBe("TypeError");
    expect(outcome(() => new numpy.NpyArray({ ...parts(), shape: [5] } as never))).toBe("ValueError");
    expect(outcome(() => numpy.dtypeToFormat(revokedProxy() as never))).toBe("ValueError");
    expect(outcome(() => numpy.dtypeToFormat([["a", trappedProxy()]] as never))).toBe("ValueError");
    await expect(numpyNode.loadNpyFile(file, { chunk: 1 } as never)).rejects.toMatchObject({ pythonType: "TypeError" });
    expect(new numpy.NpyArray(parts() as never).shape).toEqual([3]);
  });
});

describe("what the property found, fixed", () => {
  it("a descriptor that is a huge array is summarized in the error, not printed (that took minutes)", () => {
    const huge: unknown[] = [];
    huge.length = 2 ** 32 - 1;
    expect(() => numpy.dtypeToFormat(huge as never)).toThrow("descr is not a valid dtype descriptor: '<list of 4294967295 items>'");
  });
});
