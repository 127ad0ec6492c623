/**
 * The `struct` module's functions. Each compiles its format once, through a
 * small cache of {@link Struct} objects, as CPython's module does.
 *
 * @module
 */

import { abiProfile, DEFAULT_ABI, type AbiName } from "../format/abi.ts";
import { formatSize } from "../format/format-size.ts";
import { PyTypeError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { instanceOfSafely, lookCause, readPropertySafely } from "../internal/safe-look.ts";
import { Struct, type StructOptions } from "./struct.ts";
import type { StructUnpackIterator } from "./unpack-iterator.ts";
import type { StructValue } from "../format/values.ts";

/**
 * A format argument: a format string, or an object naming a format and the
 * ABI profile for its native sizes (a {@link Struct} qualifies). This is how
 * `pack` and `packInto`, whose values are variadic, take an ABI.
 *
 * @example
 * ```ts
 * import { pack, type FormatArgument } from "@pybuffer/core";
 * const format: FormatArgument = { format: "l", abi: "wasm32" };
 * pack(format, 1).length; // 4
 * ```
 *
 * @since 0.1.0
 */
export type FormatArgument = string | { readonly format: string; readonly abi?: AbiName };

const MAX_CACHED = 100;

/**
 * Compiled Structs by ABI profile, keyed by the format text (no key to
 * concatenate); each emptied when full, as CPython's `_struct` cache is.
 */
const caches = new Map<AbiName, Map<string, Struct>>();

/** The format text and the Struct cache of its ABI; a text that is not a string raises CPython's TypeError. */
function lookUp(format: FormatArgument, options: StructOptions | undefined): { text: string; abi: AbiName; structs: Map<string, Struct> } {
  // Anything but a string or an object is Struct()'s TypeError (`struct.calcsize(None)`).
  if (typeof format !== "string" && (typeof format !== "object" || format === null)) new Struct(format as never); // throws
  const text = typeof format === "string" ? format : (readPropertySafely(format, "format") as string);
  const abi = options?.abi ?? (typeof format === "string" ? undefined : (readPropertySafely(format, "abi") as AbiName | undefined)) ?? DEFAULT_ABI;
  // An object whose fields cannot be read (a revoked Proxy) is refused as itself.
  const unreadable = lookCause(format);
  if (unreadable !== undefined) throw new PyTypeError(`Struct() argument 1 must be a str or bytes object, not ${pythonTypeName(format)}`, unreadable);
  if (typeof text !== "string") new Struct(text, { abi }); // throws
  let structs = caches.get(abi);
  if (structs === undefined) {
    abiProfile(abi); // an unknown ABI name raises before it gets a cache
    structs = new Map();
    caches.set(abi, structs);
  }
  return { text, abi, structs };
}

/** The compiled Struct for a format argument, from the cache when possible. */
export function compiled(format: FormatArgument, options?: StructOptions): Struct {
  if (instanceOfSafely(format, Struct) && options?.abi === undefined) return format;
  const { text, abi, structs } = lookUp(format, options);
  let struct = structs.get(text);
  if (struct === undefined) {
    struct = new Struct(text, { abi });
    if (structs.size >= MAX_CACHED) structs.clear();
    structs.set(text, struct);
  }
  return struct;
}

/**
 * `struct.calcsize`: the size in bytes of a format.
 *
 * @example
 * ```ts
 * import { calcsize } from "@pybuffer/core";
 * calcsize("@ci"); // 8 (native alignment pads 'c' to 4)
 * calcsize("<ci"); // 5
 * calcsize("l", { abi: "wasm32" }); // 4
 * ```
 *
 * @since 0.1.0
 */
export function calcsize(format: FormatArgument, options?: StructOptions): number {
  if (instanceOfSafely(format, Struct) && options?.abi === undefined) return format.size;
  // A string in the default ABI goes straight to formatSize, which scans a
  // short format (cheaper than looking it up) and caches long ones.
  if (typeof format === "string" && options?.abi === undefined) return formatSize(format);
  // A size needs no codecs: a format no Struct has compiled is only scanned
  // (format-size.ts; the errors are the same).
  const { text, abi, structs } = lookUp(format, options);
  return structs.get(text)?.size ?? formatSize(text, abi);
}

/**
 * `struct.pack`: packs values into a new `Uint8Array`.
 *
 * @example
 * ```ts
 * import { pack } from "@pybuffer/core";
 * pack("<hq", 1, 2n); // Uint8Array(10) [1, 0, 2, 0, 0, 0, 0, 0, 0, 0]
 * pack({ format: "n", abi: "wasm32" }, -1); // Uint8Array(4) [255, 255, 255, 255]
 * ```
 *
 * @since 0.1.0
 */
export function pack(format: FormatArgument, ...values: unknown[]): Uint8Array {
  return compiled(format).pack(...values);
}

/**
 * `struct.pack_into`: packs values into a writable exporter at an offset.
 *
 * @example
 * ```ts
 * import { packInto } from "@pybuffer/core";
 * const target = new Uint8Array(4);
 * packInto(">H", target, 1, 0xabcd); // target: [0, 0xab, 0xcd, 0]
 * ```
 *
 * @since 0.1.0
 */
export function packInto(format: FormatArgument, buffer: unknown, offset: number | bigint, ...values: unknown[]): void {
  const struct = compiled(format);
  if (arguments.length < 3) {
    // Keep CPython's "expected buffer/offset argument" messages for short calls.
    (struct.packInto as (...args: unknown[]) => void).apply(struct, [...arguments].slice(1));
    return;
  }
  struct.packInto(buffer, offset, ...values);
}

/**
 * `struct.unpack`: unpacks a buffer of exactly `calcsize(format)` bytes.
 *
 * @example
 * ```ts
 * import { unpack } from "@pybuffer/core";
 * unpack("<hq", new Uint8Array([1, 0, 2, 0, 0, 0, 0, 0, 0, 0])); // [1, 2n]
 * ```
 *
 * @since 0.1.0
 */
export function unpack(format: FormatArgument, buffer: unknown, options?: StructOptions): StructValue[] {
  return compiled(format, options).unpack(buffer);
}

/**
 * `struct.unpack_from`: unpacks from a byte offset of a buffer that may be longer.
 *
 * @example
 * ```ts
 * import { unpackFrom } from "@pybuffer/core";
 * unpackFrom("<H", new Uint8Array([9, 1, 2]), 1); // [513]
 * ```
 *
 * @since 0.1.0
 */
export function unpackFrom(
  format: FormatArgument,
  buffer: unknown,
  offset: number | bigint = 0,
  options?: StructOptions,
): StructValue[] {
  return compiled(format, options).unpackFrom(buffer, offset);
}

/**
 * `struct.iter_unpack`: an iterator unpacking consecutive structs.
 *
 * @example
 * ```ts
 * import { iterUnpack } from "@pybuffer/core";
 * [...iterUnpack("<hh", new Int16Array([1, 2, 3, 4]))]; // [[1, 2], [3, 4]]
 * ```
 *
 * @since 0.1.0
 */
export function iterUnpack(format: FormatArgument, buffer: unknown, options?: StructOptions): StructUnpackIterator {
  return compiled(format, options).iterUnpack(buffer);
}
