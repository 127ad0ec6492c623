/**
 * The JSON language shared by the engine runner, the Python runner
 * (struct_oracle.py, whose header defines it) and the LP64 fixtures: values
 * tagged with their JavaScript type, struct operations as cases, and results.
 *
 * Comparing tagged values rather than raw ones makes every difference visible
 * in a diff: number vs bigint, -0 vs 0, one byte of a Uint8Array.
 */
import { memoryview, NDArray, type MemoryView } from "../../src/index.ts";

/**
 * A JS value in exact, JSON-safe form. The engine side spells numbers with
 * {@link numberText}; Python's spelling ("1e+16") is read back by
 * {@link canonical} before comparing.
 */
export type Tagged =
  | { readonly number: string }
  | { readonly bigint: string }
  | { readonly bool: boolean }
  | { readonly bytes: string }
  | { readonly complex: readonly [string, string] }
  | { readonly str: string }
  | { readonly null: true }
  // Inputs only, for Python truth values ('?'):
  | { readonly undefined: true }
  | { readonly list: readonly Tagged[] }
  | { readonly memoryview: TruthView }
  | { readonly ndarray: string };

/**
 * A memoryview over the bytes `hex`, as a value to pack: cast to a 0-d `'i'`
 * view (4 bytes), or released, when asked. `{ndarray: hex}` is a 1-D `'B'`
 * `_testbuffer.ndarray` (`NDArray`) of those bytes.
 */
export interface TruthView {
  readonly hex: string;
  readonly zeroDim?: true;
  readonly released?: true;
}

/** The operations, named as in Python's `struct` module. */
export type StructOp = "calcsize" | "pack" | "pack_into" | "unpack" | "unpack_from" | "iter_unpack";

/** One operation on one format; which fields matter depends on `op` (see struct_oracle.py). */
export interface StructCase {
  readonly op: StructOp;
  readonly format: string;
  readonly args?: readonly Tagged[];
  /** Hex: the buffer to unpack, or the initial contents of the buffer to pack into. */
  readonly buffer?: string;
  /** `null` leaves unpack_from's offset out; a string is a decimal integer past 2**53 (exact). */
  readonly offset?: number | string | null;
}

/**
 * `ok` holds: calcsize, a tagged number; pack and pack_into, the tagged bytes
 * (the whole buffer for pack_into); unpack and unpack_from, the tagged values;
 * iter_unpack, a list of those.
 */
export type CaseResult = { readonly ok: unknown } | { readonly error: string; readonly message: string };

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

const scratch = new DataView(new ArrayBuffer(8));

/** Whether a NaN has its sign bit set (JS's own spelling hides it). */
function isNegativeNaN(x: number): boolean {
  scratch.setFloat64(0, x);
  return Number.isNaN(x) && scratch.getUint8(0) >= 0x80;
}

/** A NaN with its sign bit set: Number("-NaN") gives whatever NaN the engine likes. */
function negativeNaN(): number {
  scratch.setBigUint64(0, 0xfff8000000000000n);
  return scratch.getFloat64(0);
}

/** JS's own spelling, except that -0 and a negative NaN ("-NaN") keep their sign. Python's float() reads all of these. */
export function numberText(x: number): string {
  return Object.is(x, -0) ? "-0" : isNegativeNaN(x) ? "-NaN" : String(x);
}

/** The number a spelling stands for, "-NaN" included. */
function numberOf(text: string): number {
  return text === "-NaN" ? negativeNaN() : Number(text);
}

function isComplex(value: object): value is { real: number; imag: number } {
  const v = value as { real?: unknown; imag?: unknown };
  return typeof v.real === "number" && typeof v.imag === "number";
}

/** Tags a JS value (an input to pack, or a value the engine unpacked). */
export function toTagged(value: unknown): Tagged {
  switch (typeof value) {
    case "number":
      return { number: numberText(value) };
    case "bigint":
      return { bigint: String(value) };
    case "boolean":
      return { bool: value };
    case "string":
      return { str: value };
  }
  if (value === null) return { null: true };
  // Exactly Uint8Array: a Buffer or another view coming out of the engine must show up as a difference.
  if (value instanceof Uint8Array && value.constructor === Uint8Array) return { bytes: toHex(value) };
  if (typeof value === "object" && isComplex(value)) {
    return { complex: [numberText(value.real), numberText(value.imag)] };
  }
  return { str: `<untaggable ${Object.prototype.toString.call(value)}: ${String(value)}>` };
}

/** The JS value a tag stands for. */
export function fromTagged(tagged: Tagged): unknown {
  if ("number" in tagged) return numberOf(tagged.number);
  if ("bigint" in tagged) return BigInt(tagged.bigint);
  if ("bool" in tagged) return tagged.bool;
  if ("bytes" in tagged) return fromHex(tagged.bytes);
  if ("complex" in tagged) return { real: numberOf(tagged.complex[0]), imag: numberOf(tagged.complex[1]) };
  if ("str" in tagged) return tagged.str;
  if ("undefined" in tagged) return undefined;
  if ("list" in tagged) return tagged.list.map(fromTagged);
  if ("memoryview" in tagged || "ndarray" in tagged) return fromTaggedObject(tagged);
  return null;
}

/** The MemoryView or NDArray an input-only tag stands for. */
function fromTaggedObject(tagged: { readonly memoryview: TruthView } | { readonly ndarray: string }): MemoryView | NDArray {
  if ("ndarray" in tagged) {
    const bytes = [...fromHex(tagged.ndarray)];
    // _testbuffer.ndarray refuses an empty item list; shape [0] over one item is its empty array.
    return new NDArray(bytes.length === 0 ? [0] : bytes, { shape: [bytes.length], format: "B" });
  }
  const { hex, zeroDim, released } = tagged.memoryview;
  const view = memoryview(fromHex(hex));
  const result = zeroDim ? view.cast("i", []) : view;
  if (released) result.release();
  return result;
}

/** Re-spells the numbers of a Python answer the way {@link toTagged} spells the engine's ("1e+16" vs "10000000000000000"). */
export function canonical(tagged: Tagged): Tagged {
  return "number" in tagged || "complex" in tagged ? toTagged(fromTagged(tagged)) : tagged;
}

/** {@link canonical} applied through a whole result. */
export function canonicalResult(result: CaseResult): CaseResult {
  if (!("ok" in result)) return result;
  return { ok: canonicalDeep(result.ok) };
}

function canonicalDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalDeep);
  if (typeof value === "object" && value !== null && ("number" in value || "complex" in value)) {
    return canonical(value as Tagged);
  }
  return value;
}

/** Whether any input is NaN, of either sign. */
export function hasNaN(args: readonly Tagged[]): boolean {
  const isNaNText = (text: string): boolean => text === "NaN" || text === "-NaN";
  return args.some((a) => ("number" in a && isNaNText(a.number)) || ("complex" in a && a.complex.some(isNaNText)));
}
