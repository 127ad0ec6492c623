/**
 * Differential properties: the engine (wasm32 profile) against CPython 3.14's
 * `struct` running in Pyodide, on random formats, values and buffers. Every
 * answer is compared whole: the value or bytes, or the error's Python type and
 * exact message. On failure fast-check prints the seed and the shrunk case.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUFFER_KINDS, runOnEngine, VIAS, type EngineOptions } from "../oracle/engine-struct.ts";
import { loadLp64Fixture, withoutExpected } from "../oracle/lp64-fixture.ts";
import { loadPythonStruct, type PythonStruct } from "../oracle/pyodide-struct.ts";
import {
  badFormatArb,
  bytePoolArb,
  bytesFromPool,
  formatSpecArb,
  packCaseArb,
  valuesArb,
  type FormatSpec,
} from "../oracle/struct-arbitraries.ts";
import { canonicalResult, hasNaN, toHex, toTagged, type CaseResult, type StructCase, type Tagged } from "../oracle/tagged.ts";

let python: PythonStruct;
let compared = 0;

beforeAll(async () => {
  python = await loadPythonStruct();
});

afterAll(() => {
  // The count of cases is part of the record: a property that silently ran nothing would show here.
  console.log(`struct differential: ${compared} cases compared with CPython ${python?.version.split(" ")[0] ?? "(not loaded)"} (Pyodide)`);
});

/** How the engine is called: through which door, with which kind of buffer. */
const engineOptionsArb: fc.Arbitrary<EngineOptions> = fc.record({
  via: fc.constantFrom(...VIAS),
  bufferKind: fc.constantFrom(...BUFFER_KINDS),
  bigintOffset: fc.boolean(),
});

function onEngine(c: StructCase, options: EngineOptions): CaseResult {
  compared++;
  return runOnEngine(c, { ...options, abi: "wasm32" });
}

/** Asserts the engine answers `c` exactly as CPython does, and returns CPython's answer. */
function agree(c: StructCase, options: EngineOptions): CaseResult {
  const expected = python.run(c);
  expect(onEngine(c, options), JSON.stringify({ case: c, options })).toEqual(expected);
  return expected;
}

/** CPython's calcsize of a valid format. */
function sizeOf(format: string): number {
  const result = python.run({ op: "calcsize", format });
  if (!("ok" in result)) throw new Error(`harness: ${JSON.stringify(format)} is invalid: ${result.message}`);
  return Number((result.ok as { number: string }).number);
}

function packedBytes(result: CaseResult): string | undefined {
  return "ok" in result ? (result.ok as { bytes: string }).bytes : undefined;
}

/**
 * pack with a NaN among the inputs: JS cannot carry a NaN's sign or payload,
 * so instead of the bytes, compare what CPython unpacks from each side's bytes.
 */
function agreeModuloNaN(c: StructCase, options: EngineOptions): CaseResult {
  const expected = python.run(c);
  const actual = onEngine(c, options);
  const ours = packedBytes(actual);
  const theirs = packedBytes(expected);
  if (ours === undefined || theirs === undefined) {
    expect(actual, JSON.stringify({ case: c, options })).toEqual(expected);
  } else {
    const decode = (buffer: string) => python.run({ op: "unpack", format: c.format, buffer });
    expect(decode(ours), JSON.stringify({ case: c, options, ours, theirs })).toEqual(decode(theirs));
  }
  return expected;
}

/** Bytes beyond the struct size in unpackFrom/packInto buffers (negative: too short). */
const extraArb = fc.integer({ min: -4, max: 24 });

/** Buffer lengths near a size: mostly exact, sometimes a few bytes off either way. */
const sizeDeltaArb = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) });

/**
 * Offsets inside, around and far outside a buffer, many of them one step from
 * a boundary (the start, the end, the last offset where the struct fits), and
 * at and past both ends of Py_ssize_t: wasm32's (Pyodide's) and LP64's, whose
 * figures past 2**53 are decimal strings (the engine gets bigints).
 */
type OffsetChoice = number | string | { readonly anchor: "fits" | "length" | "-length" | "-size"; readonly delta: number };
const offsetArb: fc.Arbitrary<OffsetChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -40, max: 40 }) },
  { weight: 3, arbitrary: fc.record({ anchor: fc.constantFrom("fits", "length", "-length", "-size"), delta: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 20, 2 ** 53 - 1, -(2 ** 53) + 1) },
  { weight: 1, arbitrary: fc.constantFrom(...[2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n].map(String)) },
);

function resolveOffset(choice: OffsetChoice, length: number, size: number): number | string {
  if (typeof choice !== "object") return choice;
  const base = choice.anchor === "fits" ? length - size : choice.anchor === "length" ? length : choice.anchor === "-length" ? -length : -size;
  return base + choice.delta;
}

/**
 * Every kind of value whose Python truth '?' takes: booleans, numbers (±0,
 * NaN of either sign, infinities), bigints, strings, None and undefined, byte
 * strings, lists, memoryviews (empty or not, 0-d, released) and ndarrays.
 */
const truthValueArb: fc.Arbitrary<Tagged> = fc.oneof(
  fc.boolean().map((b): Tagged => ({ bool: b })),
  fc.constantFrom("0", "-0", "1", "-1", "0.5", "NaN", "-NaN", "Infinity", "-Infinity", "5e-324").map((n): Tagged => ({ number: n })),
  fc.constantFrom("0", "1", "-1", "18446744073709551616").map((n): Tagged => ({ bigint: n })),
  fc.constantFrom("", "x", "0").map((text): Tagged => ({ str: text })),
  fc.constantFrom<Tagged>({ null: true }, { undefined: true }),
  fc.uint8Array({ maxLength: 2 }).map((bytes): Tagged => ({ bytes: toHex(bytes) })),
  fc.array(fc.constantFrom<Tagged>({ number: "0" }, { null: true }), { maxLength: 2 }).map((list): Tagged => ({ list })),
  fc.uint8Array({ maxLength: 3 }).map((bytes): Tagged => ({ memoryview: { hex: toHex(bytes) } })),
  fc.constantFrom<Tagged>({ memoryview: { hex: "00000000", zeroDim: true } }, { memoryview: { hex: "01", released: true } }),
  fc.uint8Array({ maxLength: 2 }).map((bytes): Tagged => ({ ndarray: toHex(bytes) })),
);

/** NaN of either sign, and now and then an ordinary number beside it. */
const nanTextArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom("NaN", "-NaN") }, { weight: 1, arbitrary: fc.constantFrom("0", "-0", "1.5", "-Infinity") });

/** A buffer of `size + extra` bytes from the pool, as hex, and its length. */
function bufferNear(pool: Uint8Array, size: number, extra: number): { buffer: string; length: number } {
  const bytes = bytesFromPool(pool, size + extra);
  return { buffer: toHex(bytes), length: bytes.length };
}

describe("struct agrees with CPython 3.14 (Pyodide, wasm32)", () => {
  it("runs CPython 3.14", () => {
    expect(python.version).toMatch(/^3\.14\./);
  });

  it("calcsize and Struct accept and reject the same formats", () => {
    fc.assert(
      fc.property(fc.oneof(formatSpecArb.map((s) => s.text), badFormatArb), engineOptionsArb, (format, options) => {
        agree({ op: "calcsize", format }, options);
      }),
      { numRuns: 1500 },
    );
  });

  it("long formats (read through the host's TextEncoder from 48 characters) are accepted and refused as CPython does", () => {
    // Valid items after one prefix, now and then a bad piece (non-ASCII, NUL, a bad code) anywhere.
    const longFormatArb = fc
      .tuple(formatSpecArb, fc.array(fc.oneof({ weight: 12, arbitrary: formatSpecArb.map((s) => s.text.slice(s.prefix.length)) }, { weight: 1, arbitrary: badFormatArb }), { minLength: 8, maxLength: 40 }))
      .map(([first, rest]) => first.text + rest.join(""));
    fc.assert(
      fc.property(longFormatArb, engineOptionsArb, (format, options) => {
        fc.pre(format.length >= 48);
        agree({ op: "calcsize", format }, options);
      }),
      { numRuns: 600 },
    );
  });

  it("pack gives the same bytes or error, and unpack reads CPython's bytes back", () => {
    fc.assert(
      fc.property(packCaseArb, engineOptionsArb, ({ spec, values }, options) => {
        const args = values.map(toTagged);
        const c: StructCase = { op: "pack", format: spec.text, args };
        const packed = packedBytes(hasNaN(args) ? agreeModuloNaN(c, options) : agree(c, options));
        if (packed !== undefined) agree({ op: "unpack", format: spec.text, buffer: packed }, options);
      }),
      { numRuns: 1500 },
    );
  });

  it("items written again and again without a count ('sss', 'hhh') lay out, pack and unpack as CPython's", () => {
    // The scan reads such copies in one loop and merges them into one run.
    const copiesArb = fc.tuple(formatSpecArb, fc.integer({ min: 2, max: 5 })).map(([spec, times]): FormatSpec => {
      const items = spec.items.flatMap((item) => Array.from({ length: times }, () => item));
      return { prefix: spec.prefix, items, text: spec.prefix + items.map((item) => `${item.count ?? ""}${item.code}`).join("") };
    });
    fc.assert(
      fc.property(copiesArb.chain((spec) => valuesArb(spec, true).map((values) => ({ spec, values }))), engineOptionsArb, ({ spec, values }, options) => {
        agree({ op: "calcsize", format: spec.text }, options);
        const args = values.map(toTagged);
        fc.pre(!hasNaN(args));
        const packed = packedBytes(agree({ op: "pack", format: spec.text, args }, options));
        if (packed !== undefined) agree({ op: "unpack", format: spec.text, buffer: packed }, options);
      }),
      { numRuns: 500 },
    );
  });

  it("unpack reads random bytes, and rejects the wrong length", () => {
    fc.assert(
      fc.property(formatSpecArb, bytePoolArb, sizeDeltaArb, engineOptionsArb, (spec, pool, delta, options) => {
        const buffer = toHex(bytesFromPool(pool, sizeOf(spec.text) + delta));
        agree({ op: "unpack", format: spec.text, buffer }, options);
      }),
      { numRuns: 1500 },
    );
  });

  it("unpackFrom honours offsets, negative and out of range included", () => {
    const offsetOrNoneArb = fc.oneof({ weight: 9, arbitrary: offsetArb }, { weight: 1, arbitrary: fc.constant(null) });
    fc.assert(
      fc.property(formatSpecArb, bytePoolArb, extraArb, offsetOrNoneArb, engineOptionsArb, (spec, pool, extra, choice, options) => {
        const size = sizeOf(spec.text);
        const { buffer, length } = bufferNear(pool, size, extra);
        const offset = choice === null ? null : resolveOffset(choice, length, size);
        agree({ op: "unpack_from", format: spec.text, buffer, offset }, options);
      }),
      { numRuns: 1500 },
    );
  });

  it("packInto writes the same bytes at the same offsets, or fails the same way", () => {
    fc.assert(
      fc.property(packCaseArb, bytePoolArb, extraArb, offsetArb, engineOptionsArb, ({ spec, values }, pool, extra, choice, options) => {
        const args = values.map(toTagged);
        // A packed NaN's bits are not comparable; pack's property covers NaN.
        fc.pre(!hasNaN(args));
        const size = sizeOf(spec.text);
        const { buffer, length } = bufferNear(pool, size, extra);
        agree({ op: "pack_into", format: spec.text, args, buffer, offset: resolveOffset(choice, length, size) }, options);
      }),
      { numRuns: 1500 },
    );
  });

  it("'?' takes the Python truth of every kind of value, in pack and packInto", () => {
    const prefixArb = fc.constantFrom("", "@", "<", ">", "=", "!");
    fc.assert(
      fc.property(prefixArb, fc.array(truthValueArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: -1, max: 2 }), engineOptionsArb, (prefix, args, extra, options) => {
        const format = prefix + "?".repeat(args.length);
        agree({ op: "pack", format, args }, options);
        agree({ op: "pack_into", format, args, buffer: "aa".repeat(args.length + Math.max(0, extra)), offset: Math.min(extra, 0) * args.length }, options);
      }),
      { numRuns: 600 },
    );
  });

  it("every float code packs a NaN of either sign to CPython's bytes, and unpacks them with the sign", () => {
    const formatArb = fc.tuple(fc.constantFrom("", "@", "<", ">", "=", "!"), fc.constantFrom("e", "f", "d", "F", "D"), fc.integer({ min: 1, max: 3 }));
    fc.assert(
      fc.property(formatArb, fc.array(fc.tuple(nanTextArb, nanTextArb), { minLength: 3, maxLength: 3 }), engineOptionsArb, ([prefix, code, count], parts, options) => {
        const format = `${prefix}${count}${code}`;
        const args = parts.slice(0, count).map(([a, b]): Tagged => ("FD".includes(code) ? { complex: [a, b] } : { number: a }));
        const packed = packedBytes(agree({ op: "pack", format, args }, options));
        if (packed !== undefined) agree({ op: "unpack", format, buffer: packed }, options);
      }),
      { numRuns: 600 },
    );
  });

  it("iterUnpack walks whole multiples and rejects the rest", () => {
    const remainderArb = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) });
    fc.assert(
      fc.property(formatSpecArb, bytePoolArb, fc.integer({ min: 0, max: 4 }), remainderArb, engineOptionsArb, (spec, pool, n, rest, options) => {
        const buffer = toHex(bytesFromPool(pool, sizeOf(spec.text) * n + rest));
        agree({ op: "iter_unpack", format: spec.text, buffer }, options);
      }),
      { numRuns: 1000 },
    );
  });

  it("malformed formats fail the same way in every operation", () => {
    const argsArb = fc.array(fc.integer({ min: -300, max: 300 }), { maxLength: 3 }).map((vs) => vs.map(toTagged));
    fc.assert(
      fc.property(badFormatArb, argsArb, engineOptionsArb, (format, args, options) => {
        const size = agree({ op: "calcsize", format }, options);
        agree({ op: "unpack", format, buffer: "00".repeat(8) }, options);
        // Packing allocates the whole struct: only for the formats that CPython sizes modestly.
        const modest = "ok" in size && Number((size.ok as { number: string }).number) <= 4096;
        if (modest) agree({ op: "pack", format, args }, options);
      }),
      { numRuns: 1000 },
    );
  });

  it("the LP64 fixtures (CPython 3.13) hold for 3.14 wherever the ABI cannot matter", () => {
    // This checks the fixtures, not the engine: no l/L/n/N/P, no 10-digit counts, no 41-bit offsets.
    const portable = loadLp64Fixture().cases.filter((c) => !/[lLnNP]|\d{10}/.test(c.format) && Math.abs(Number(c.offset ?? 0)) < 2 ** 31);
    expect(portable.length).toBeGreaterThan(1000);
    const answers = python.runAll(portable.map(withoutExpected));
    const differing = portable.filter((c, i) => !isDeepStrictEqual(answers[i], canonicalResult(c.expected)));
    expect({ differing: differing.length, first: differing.slice(0, 5) }).toEqual({ differing: 0, first: [] });
  });
});
