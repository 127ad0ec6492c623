/**
 * Loads test/fixtures/pep3118-numpy.json (scripts/gen-pep3118-fixtures.py)
 * and puts our parse results and values in the fixture's terms.
 */
import { readFileSync } from "node:fs";
import type { ExtendedType, ScalarType } from "../../src/index.ts";

export type Described =
  | { kind: "scalar"; size: number; str: string }
  | { kind: "struct"; size: number; fields: [string, number, Described][] }
  | { kind: "subarray"; size: number; shape: number[]; base: Described };

export interface ArrayCase {
  descr: string;
  format: string;
  itemsize: number;
  shape: number[];
  parsed: Described;
  dtype: Described;
  hex: string;
  tolist: unknown;
}

export interface FormatCase {
  format: string;
  parsed?: Described;
  error?: string;
  message?: string;
}

export const fixture = JSON.parse(readFileSync(new URL("../fixtures/pep3118-numpy.json", import.meta.url), "utf8")) as {
  generator: string;
  arrays: ArrayCase[];
  formats: FormatCase[];
};

/** NumPy's `dtype.str` for one of our scalars (little-endian host). */
function dtypeStr(scalar: ScalarType): string {
  const order = scalar.size === 1 && scalar.scalarKind !== "ucs4" ? "|" : scalar.littleEndian ? "<" : ">";
  switch (scalar.scalarKind) {
    case "bool":
      return "|b1";
    case "int":
      return `${scalar.size === 1 ? "|" : order}${scalar.signed ? "i" : "u"}${scalar.size}`;
    case "float":
      return `${order}f${scalar.size}`;
    case "complex":
      return `${order}c${scalar.size}`;
    case "bytes":
      return `|S${scalar.size}`;
    case "void":
      return `|V${scalar.size}`;
    case "ucs4":
      return `${scalar.littleEndian ? "<" : ">"}U${scalar.length}`;
    case "object":
      return "|O";
    default:
      return `?${scalar.code}`;
  }
}

/** Our parse result in the fixture's shape. */
export function describe(type: ExtendedType): Described {
  switch (type.kind) {
    case "scalar":
      return { kind: "scalar", size: type.size, str: dtypeStr(type) };
    case "struct":
      return { kind: "struct", size: type.size, fields: type.fields.map((f) => [f.name, f.offset, describe(f.type)]) };
    case "subarray":
      return { kind: "subarray", size: type.size, shape: [...type.shape], base: describe(type.base) };
  }
}

/** A fixture value (tagged JSON) as the JS value our readers give, records as arrays of field values. */
export function untag(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untag);
  if (value === null || typeof value !== "object") return value;
  const tagged = value as { int?: string; float?: string; complex?: [unknown, unknown]; bytes?: string };
  if (tagged.int !== undefined) return BigInt(tagged.int);
  if (tagged.float !== undefined) return Number(tagged.float === "nan" ? NaN : tagged.float === "inf" ? Infinity : tagged.float === "-inf" ? -Infinity : tagged.float);
  if (tagged.complex !== undefined) return { real: untag(tagged.complex[0]), imag: untag(tagged.complex[1]) };
  if (tagged.bytes !== undefined) return Uint8Array.from(Buffer.from(tagged.bytes, "hex"));
  throw new Error(`unknown tag ${JSON.stringify(value)}`);
}

/**
 * Records as arrays of their field values in field order (JS enumerates
 * integer-like keys such as "5" first, whatever the field order).
 */
export function inFieldOrder(type: ExtendedType, value: unknown): unknown {
  if (type.kind === "struct") {
    const record = value as Record<string, unknown>;
    return type.fields.map((field) => inFieldOrder(field.type, record[field.name]));
  }
  if (type.kind === "subarray") {
    const level = (item: unknown, depth: number): unknown =>
      depth === type.shape.length ? inFieldOrder(type.base, item) : (item as unknown[]).map((inner) => level(inner, depth + 1));
    return level(value, 0);
  }
  return value;
}

/**
 * Whether our value equals NumPy's (untagged): records compare as their field
 * values in order, integers of any width by value, floats bit-exactly up to NaN.
 */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === "bigint") {
    return actual === expected || (typeof actual === "number" && Number.isInteger(actual) && BigInt(actual) === expected);
  }
  if (typeof expected === "number") return Object.is(actual, expected);
  if (expected instanceof Uint8Array) {
    return actual instanceof Uint8Array && actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  }
  if (Array.isArray(expected)) {
    const items = Array.isArray(actual) ? actual : actual !== null && typeof actual === "object" ? Object.values(actual) : null;
    return items !== null && items.length === expected.length && items.every((item, i) => sameValue(item, expected[i]));
  }
  if (expected !== null && typeof expected === "object") {
    const z = expected as { real: unknown; imag: unknown };
    const a = actual as { real?: unknown; imag?: unknown } | null;
    return a !== null && typeof a === "object" && sameValue(a.real, z.real) && sameValue(a.imag, z.imag);
  }
  return actual === expected;
}
