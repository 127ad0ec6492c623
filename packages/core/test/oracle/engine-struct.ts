/**
 * Runs a {@link StructCase} on our engine and answers in the same shape as
 * struct_oracle.py does for CPython, so a test compares the two with one
 * `toEqual`.
 */
import {
  calcsize,
  iterUnpack,
  pack,
  packInto,
  Struct,
  unpack,
  unpackFrom,
  type AbiName,
  type StructValue,
} from "../../src/index.ts";
import { fromHex, fromTagged, toHex, toTagged, type CaseResult, type StructCase } from "./tagged.ts";

/** How the buffer is handed over; the engine must accept each and honour a view's byteOffset and length. */
export type BufferKind = "uint8array" | "arraybuffer" | "dataview" | "subarray";
export const BUFFER_KINDS: readonly BufferKind[] = ["uint8array", "arraybuffer", "dataview", "subarray"];

/**
 * Which door the case goes through: the module functions with a format
 * string (or `{format, abi}`), the same with the ABI passed as `options.abi`
 * where a function takes options, a `Struct`'s methods, or the module
 * functions given a `Struct` as their format.
 */
export type Via = "functions" | "abi-option" | "methods" | "struct-as-format";
export const VIAS: readonly Via[] = ["functions", "abi-option", "methods", "struct-as-format"];

export interface EngineOptions {
  /** Omitted: the engine's default ABI (lp64). */
  readonly abi?: AbiName;
  readonly via?: Via;
  readonly bufferKind?: BufferKind;
  /** Pass offsets as bigint (the engine takes number or bigint, as Python takes any int). */
  readonly bigintOffset?: boolean;
}

type BufferArg = ArrayBuffer | ArrayBufferView;
type Offset = number | bigint;

/** The six operations on one format, bound once so each case reads the same whichever door it takes. */
interface BoundStruct {
  size(): number;
  pack(args: unknown[]): Uint8Array;
  packInto(buffer: BufferArg, offset: Offset, args: unknown[]): void;
  unpack(buffer: BufferArg): StructValue[];
  unpackFrom(buffer: BufferArg, offset: Offset | undefined): StructValue[];
  iterUnpack(buffer: BufferArg): Iterable<StructValue[]>;
}

function bind(formatText: string, abi: AbiName | undefined, via: Via): BoundStruct {
  if (via === "methods") {
    const s = new Struct(formatText, abi === undefined ? {} : { abi });
    return {
      size: () => s.size,
      pack: (args) => s.pack(...args),
      packInto: (buffer, offset, args) => s.packInto(buffer, offset, ...args),
      unpack: (buffer) => s.unpack(buffer),
      unpackFrom: (buffer, offset) => (offset === undefined ? s.unpackFrom(buffer) : s.unpackFrom(buffer, offset)),
      iterUnpack: (buffer) => s.iterUnpack(buffer),
    };
  }
  const format: Parameters<typeof calcsize>[0] =
    via === "struct-as-format"
      ? new Struct(formatText, abi === undefined ? {} : { abi })
      : abi === undefined ? formatText : { format: formatText, abi };
  if (via === "abi-option" && abi !== undefined) {
    // pack and packInto take no options: they keep `{format, abi}`.
    const options = { abi };
    return {
      size: () => calcsize(formatText, options),
      pack: (args) => pack(format, ...args),
      packInto: (buffer, offset, args) => packInto(format, buffer, offset, ...args),
      unpack: (buffer) => unpack(formatText, buffer, options),
      unpackFrom: (buffer, offset) => unpackFrom(formatText, buffer, offset, options),
      iterUnpack: (buffer) => iterUnpack(formatText, buffer, options),
    };
  }
  return {
    size: () => calcsize(format),
    pack: (args) => pack(format, ...args),
    packInto: (buffer, offset, args) => packInto(format, buffer, offset, ...args),
    unpack: (buffer) => unpack(format, buffer),
    unpackFrom: (buffer, offset) => (offset === undefined ? unpackFrom(format, buffer) : unpackFrom(format, buffer, offset)),
    iterUnpack: (buffer) => iterUnpack(format, buffer),
  };
}

/** Bytes around the "subarray" and "dataview" buffers, which sit inside a larger block; pack_into must leave them alone. */
const GUARD = 0xa5;
const GUARD_LEN = 3;

function isGuarded(kind: BufferKind): boolean {
  return kind === "subarray" || kind === "dataview";
}

/** A view of `bytes` in the requested form, plus the Uint8Array that sees exactly those bytes. */
function handOver(bytes: Uint8Array, kind: BufferKind): { buffer: BufferArg; window: Uint8Array } {
  if (kind === "uint8array") return { buffer: bytes, window: bytes };
  if (kind === "arraybuffer") return { buffer: bytes.buffer as ArrayBuffer, window: bytes };
  // Views at a non-zero byteOffset of a larger block.
  const backing = new Uint8Array(bytes.length + 2 * GUARD_LEN).fill(GUARD);
  backing.set(bytes, GUARD_LEN);
  const window = backing.subarray(GUARD_LEN, GUARD_LEN + bytes.length);
  return { buffer: kind === "dataview" ? new DataView(backing.buffer, GUARD_LEN, bytes.length) : window, window };
}

function assertGuardsIntact(window: Uint8Array, kind: BufferKind): void {
  if (!isGuarded(kind)) return;
  const backing = new Uint8Array(window.buffer);
  const outside = [...backing.subarray(0, GUARD_LEN), ...backing.subarray(GUARD_LEN + window.length)];
  if (outside.some((b) => b !== GUARD)) throw new Error(`engine wrote outside the view: ${toHex(backing)}`);
}

function errorResult(e: unknown): CaseResult {
  const err = e as { pythonType?: unknown; name?: unknown; message?: unknown };
  // A plain JS error (no pythonType) is an engine bug; say so in the diff.
  const kind = typeof err.pythonType === "string" ? err.pythonType : `JS ${String(err.name)}`;
  return { error: kind, message: String(err.message) };
}

/** Runs one case on the engine; every thrown error becomes an `{error, message}` result. */
export function runOnEngine(c: StructCase, options: EngineOptions = {}): CaseResult {
  const { abi, via = "functions", bufferKind = "uint8array", bigintOffset = false } = options;
  // A string offset is past 2**53: only a bigint holds it.
  const offset =
    c.offset === undefined || c.offset === null ? undefined : bigintOffset || typeof c.offset === "string" ? BigInt(c.offset) : c.offset;
  const args = (c.args ?? []).map(fromTagged);
  const { buffer, window } = handOver(fromHex(c.buffer ?? ""), bufferKind);
  try {
    const s = bind(c.format, abi, via);
    switch (c.op) {
      case "calcsize":
        return { ok: toTagged(s.size()) };
      case "pack":
        return { ok: toTagged(s.pack(args)) };
      case "pack_into":
        s.packInto(buffer, offset ?? 0, args);
        assertGuardsIntact(window, bufferKind);
        return { ok: toTagged(window.slice()) };
      case "unpack":
        return { ok: s.unpack(buffer).map(toTagged) };
      case "unpack_from":
        return { ok: s.unpackFrom(buffer, offset).map(toTagged) };
      case "iter_unpack":
        return { ok: Array.from(s.iterUnpack(buffer), (row) => row.map(toTagged)) };
    }
  } catch (e) {
    return errorResult(e);
  }
}
