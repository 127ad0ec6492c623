import { describe, expect, it } from "vitest";
import { calcsize, isPythonError, Struct, type StructOptions } from "../../src/index.ts";

// Sizes and counts at the edges where compile-format.ts changes arithmetic:
// doubles are exact up to 2**53 - 1, past which a 64-bit ABI's scan goes on in
// bigints up to PY_SSIZE_T_MAX (2**63 - 1); a 32-bit ABI's limit is 2**31 - 1.
// Expected values are CPython's own answers, printed by
//   ~/.pyenv/versions/3.13.0/bin/python -c 'import struct; print(struct.calcsize(F))'   (LP64)
// and by the same call in Pyodide 314.0.7 (CPython 3.14.2, wasm32). A size
// past 2**53 is the nearest double of CPython's integer.
const TOO_LONG = ["struct.error", "total struct size too long"];
const M = 2n ** 63n - 1n;
const S = 2n ** 53n;
const LP64: [string, number | string[]][] = [
  [`${S - 1n}b`, 9007199254740991],
  [`${S}b`, 9007199254740992],
  [`${S + 1n}b`, Number(9007199254740993n)],
  [`${M}b`, Number(M)],
  [`${M + 1n}b`, TOO_LONG],
  [`${M}x`, Number(M)],
  [`b${M}x`, TOO_LONG],
  [`${M / 2n}h`, Number(9223372036854775806n)],
  [`${M / 2n + 1n}h`, TOO_LONG],
  [`${M / 8n}q`, Number(9223372036854775800n)],
  [`${M / 8n}qb`, Number(9223372036854775801n)],
  [`c${M / 8n}q`, TOO_LONG],
  [`<${S}bi`, Number(9007199254740996n)],
  [`${S / 8n}d${S / 8n}d`, 18014398509481984],
  [`${(M - 7n) / 8n}dc0q`, TOO_LONG],
  [`${S - 1n}b0q`, 9007199254740992],
  [`${M}s`, Number(M)],
  [`${M}p`, Number(M)],
  [`q${M - 8n}s`, Number(M)],
  [`q${M - 7n}s`, TOO_LONG],
  [`${10n ** 30n}b`, TOO_LONG],
  [`${S}b\u00e9`, ["UnicodeEncodeError", "'ascii' codec can't encode character '\\xe9' in position 17: ordinal not in range(128)"]],
  [`${M + 1n}b\0`, ["struct.error", "embedded null character"]],
  [`${S}b\0`, ["struct.error", "embedded null character"]],
  [`${S}bZ`, ["struct.error", "bad char in struct format"]],
];
const N = 2 ** 31 - 1;
const WASM32: [string, number | string[]][] = [
  [`${N}b`, N],
  [`${N + 1}b`, TOO_LONG],
  [`b${N}x`, TOO_LONG],
  [`i${N - 4}s`, N],
  [`i${N - 3}s`, TOO_LONG],
  [`${Math.floor(N / 4)}i`, 2147483644],
  [`c${Math.floor(N / 4)}i`, TOO_LONG],
  [`${Math.floor(N / 2)}hb`, N],
  [`${10 ** 12}x`, TOO_LONG],
  [`${N + 1}b\0`, ["struct.error", "embedded null character"]],
];

/** What a call returns, or `[pythonType, message]` of what it throws. */
function outcome(fn: () => number): number | string[] {
  try {
    return fn();
  } catch (error) {
    if (isPythonError(error)) return [error.pythonType, error.message];
    throw error;
  }
}

describe.each([
  ["lp64", LP64],
  ["wasm32", WASM32],
] as const)("calcsize at the limits of the %s ABI", (abi, cases) => {
  const options: StructOptions = { abi };
  it.each(cases)("%s", (format, expected) => {
    // calcsize scans without building a Struct; a Struct compiles its runs: both must agree with CPython.
    expect(outcome(() => calcsize(format, options))).toEqual(expected);
    expect(outcome(() => new Struct(format, options).size)).toEqual(expected);
  });
});

describe("calcsize of formats seen only by calcsize", () => {
  it("answers from its own cache, then from a Struct once one is compiled, the same size", () => {
    const format = "<3xq7sH";
    expect(calcsize(format)).toBe(20);
    expect(calcsize(format)).toBe(20);
    expect(new Struct(format).size).toBe(20);
    expect(calcsize({ format, abi: "wasm32" })).toBe(20);
  });

  it("checks the ABI name before the format, as a Struct does", () => {
    const refused = outcome(() => calcsize("Z", { abi: "bogus" as never }));
    expect(refused).toEqual(outcome(() => new Struct("Z", { abi: "bogus" as never }).size));
    expect(Array.isArray(refused) && refused[0]).toBe("ValueError");
  });
});
