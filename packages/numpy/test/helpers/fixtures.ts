/**
 * test/fixtures/cases.json (scripts/gen-npy-fixtures.py) and comparison of
 * our values with NumPy's tagged `tolist()`.
 */
import { readFileSync } from "node:fs";

export interface ArrayCase {
  file: string | null;
  descr: unknown;
  shape: number[];
  fortran_order: boolean;
  version: string;
  format: string | null;
  tolist: unknown;
}

export interface ErrorCase {
  label: string;
  hex: string;
  error: string;
  message: string;
}

export const fixture = JSON.parse(readFileSync(new URL("../fixtures/cases.json", import.meta.url), "utf8")) as {
  generator: string;
  arrays: ArrayCase[];
  archives: { file: string; members: Record<string, ArrayCase> }[];
  errors: ErrorCase[];
};

export function fixtureBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/${file}`, import.meta.url)));
}

/**
 * Whether our value equals NumPy's tagged one: records compare as their
 * field values in order (the fixture's names are never integer-like),
 * integers by value, floats bit-exactly up to NaN, bytes byte by byte.
 */
export function matchesTagged(actual: unknown, tagged: unknown): boolean {
  if (Array.isArray(tagged)) {
    const items = Array.isArray(actual) ? actual : actual !== null && typeof actual === "object" ? Object.values(actual) : null;
    return items !== null && items.length === tagged.length && items.every((item, i) => matchesTagged(item, tagged[i]));
  }
  if (tagged === null || typeof tagged !== "object") return actual === tagged;
  const t = tagged as { int?: string; float?: string; complex?: [unknown, unknown]; bytes?: string };
  if (t.int !== undefined) return (typeof actual === "bigint" || typeof actual === "number") && BigInt(actual) === BigInt(t.int);
  if (t.float !== undefined) {
    const expected = t.float === "nan" ? NaN : t.float === "inf" ? Infinity : t.float === "-inf" ? -Infinity : Number(t.float);
    return Object.is(actual, expected);
  }
  if (t.complex !== undefined) {
    const z = actual as { real?: unknown; imag?: unknown } | null;
    return z !== null && typeof z === "object" && matchesTagged(z.real, t.complex[0]) && matchesTagged(z.imag, t.complex[1]);
  }
  if (t.bytes !== undefined) return actual instanceof Uint8Array && Buffer.from(actual).toString("hex") === t.bytes;
  return false;
}
