/**
 * The shortcut for headers laid out as NumPy writes them must read exactly
 * what the strict literal parser reads, and accept nothing it would refuse:
 * every text it recognizes parses strictly to the same descr, order and
 * shape; everything else is left to the strict path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalHeader } from "../../src/header/canonical-header.ts";
import { writeNpyHeader } from "../../src/header/write-npy-header.ts";
import { parsePythonLiteral, PyTuple } from "../../src/header/python-literal.ts";

/** What the strict path reads from `text`, or null when it is not a valid header dict of a type string. */
function strictRead(text: string): { descr: string; fortranOrder: boolean; shape: number[] } | null {
  let literal;
  try {
    literal = parsePythonLiteral(text, { longSuffix: true });
  } catch {
    return null;
  }
  if (!(literal instanceof Map) || literal.size !== 3) return null;
  const descr = literal.get("descr");
  const fortranOrder = literal.get("fortran_order");
  const shape = literal.get("shape");
  if (typeof descr !== "string" || typeof fortranOrder !== "boolean" || !(shape instanceof PyTuple)) return null;
  if (!shape.items.every((n) => typeof n === "bigint" && n >= 0n && n <= BigInt(Number.MAX_SAFE_INTEGER))) return null;
  return { descr, fortranOrder, shape: shape.items.map(Number) };
}

/** The header dict text of a `.npy` file (after the 10-byte preamble of version 1.0). */
function headerText(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.subarray(10));
}

const descrs = fc.constantFrom("<f8", "<i4", "|u1", "|b1", ">f4", "<c16", "|S7", "<U3", "<M8[ns]", "|V5");
const shapes = fc.array(fc.oneof(fc.nat(20), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), { maxLength: 6 });

describe("canonicalHeader", () => {
  it("reads every header NumPy's layout gives, as the strict parser does", () => {
    fc.assert(
      fc.property(descrs, fc.boolean(), shapes, (descr, fortranOrder, shape) => {
        const text = headerText(writeNpyHeader(descr, fortranOrder, shape, "1.0"));
        const fast = canonicalHeader(text);
        const strict = strictRead(text);
        // 16-digit extents are left to the strict path (they may not be safe integers).
        if (shape.every((n) => String(n).length <= 15)) expect(fast).toEqual(strict);
        else expect(fast).toBeNull();
      }),
    );
  });

  it("never recognizes a text the strict parser reads differently or refuses", () => {
    const alphabet = fc.constantFrom(..."{}()[]',: 0123456789-_LTFrueals\\\n\t\"<f8descrortan_ordehp");
    const base = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";
    const mutated = fc
      .tuple(fc.nat(base.length), fc.nat(3), fc.string({ unit: alphabet, maxLength: 4 }))
      .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(Math.min(base.length, at + cut)));
    fc.assert(
      fc.property(mutated, (text) => {
        const fast = canonicalHeader(text);
        if (fast !== null) expect(fast).toEqual(strictRead(text));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["a bare int is not a tuple", "{'descr': '<f8', 'fortran_order': False, 'shape': (3), }"],
    ["a trailing comma after two extents", "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4,), }"],
    ["a leading zero", "{'descr': '<f8', 'fortran_order': False, 'shape': (03,), }"],
    ["Python 2's long suffix", "{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }"],
    ["an escape in the descr", "{'descr': '<f\\x38', 'fortran_order': False, 'shape': (3,), }"],
    ["a structured descr", "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (3,), }"],
    ["keys out of order", "{'fortran_order': False, 'descr': '<f8', 'shape': (3,), }"],
    ["16 digits", "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000000,), }"],
    ["65 dimensions", `{'descr': '<f8', 'fortran_order': False, 'shape': (${Array(65).fill(1).join(", ")}), }`],
  ])("leaves %s to the strict path", (_why, text) => {
    expect(canonicalHeader(text)).toBeNull();
  });

  it("reads 0-d, 1-d and n-d shapes and both orders", () => {
    expect(canonicalHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (), }      \n")).toEqual({ descr: "<f8", fortranOrder: false, shape: [] });
    expect(canonicalHeader("{'descr': '|u1', 'fortran_order': True, 'shape': (0,), }\n")).toEqual({ descr: "|u1", fortranOrder: true, shape: [0] });
    expect(canonicalHeader("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 0, 10), }\n")).toEqual({ descr: "<i2", fortranOrder: false, shape: [2, 0, 10] });
  });
});
