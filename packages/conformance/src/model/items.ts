/**
 * Items: decoding and comparing the values a buffer holds. Decoding uses the
 * `struct` engine of `@pybuffer/core`, which is differentially tested against
 * CPython; the layout oracle is the suite's own.
 *
 * @module
 */

import { Struct, type AbiName, type StructValue } from "@pybuffer/core";

/** One item: a value, or a tuple for a format with several values. */
export type Item = StructValue | readonly StructValue[];

const structs = new Map<string, Struct>();

/** A cached `Struct` for `format` under `abi`. */
export function structFor(format: string, abi: AbiName): Struct {
  const key = `${abi}\u0000${format}`;
  let s = structs.get(key);
  if (s === undefined) {
    s = new Struct(format, { abi });
    structs.set(key, s);
  }
  return s;
}

/** Decodes one item (a bare value for one-value formats). */
export function decodeItem(struct: Struct, bytes: Uint8Array, offset: number): Item {
  const values = struct.unpackFrom(bytes, offset);
  return values.length === 1 ? values[0]! : values;
}

/** Encodes one item. */
export function encodeItem(struct: Struct, item: Item): Uint8Array {
  return Array.isArray(item) ? struct.pack(...(item as StructValue[])) : struct.pack(item);
}

/**
 * Formats memoryview can read item by item: one native code, optionally after
 * `@` (Objects/memoryobject.c: get_native_fmtchar).
 */
export function isItemFormat(format: string): boolean {
  return /^@?[cbB?hHiIlLqQnNfdeP]$/.test(format);
}

/** Item equality: bytes for byte strings, `Object.is` for numbers (NaN equals NaN, -0 is not 0). */
export function sameItem(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && sameBytes(a, b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameItem(x, b[i]));
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    // Complex numbers: { real, imag }.
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return sameItem(x["real"], y["real"]) && sameItem(x["imag"], y["imag"]);
  }
  return Object.is(a, b);
}

/** Nested-list equality with {@link sameItem} at the leaves. */
export function sameList(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameList(x, b[i]));
  }
  return sameItem(a, b);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A short, literal rendering of a value for failure messages. */
export function show(value: unknown, limit = 160): string {
  const text = render(value);
  return text.length > limit ? `${text.slice(0, limit)}...` : text;
}

function render(value: unknown): string {
  if (value instanceof Uint8Array) return `bytes[${Array.from(value).join(", ")}]`;
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined || typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("real" in v && "imag" in v) return `complex(${render(v["real"])}, ${render(v["imag"])})`;
    return Object.prototype.toString.call(value);
  }
  return typeof value;
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`not an even-length hex string: ${hex.slice(0, 40)}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Item bytes from a seed (mulberry32). Part of the case format: a case's
 * `data` may be this seed, so the generator must never change.
 */
export function randomBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed | 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}
