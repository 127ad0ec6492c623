/**
 * `tp_as_buffer`: the old-protocol slot table of any JavaScript value, found
 * the way CPython 2.7 finds a type's `PyBufferProcs`. Three kinds of value
 * have one:
 *
 * - objects with any of the four old-protocol methods (the registered
 *   symbols), whatever slots they define; a missing method is a NULL slot;
 * - strings, as Python 2 `unicode` (text-segments.ts);
 * - objects that speak only the new protocol, bridged (bridge.ts).
 *
 * Everything else has no table (`null`): for CPython, no `tp_as_buffer`.
 *
 * @module
 */

import { BufferError, BufferFlags, checkBuffer, releaseBufferSymbol } from "@pybuffer/core";
import { typeName } from "../internal/type-name.ts";
import { bridgedSlot, isPlainBuiltin } from "./bridge.ts";
import { hasNoReleaseSlot } from "./release-slot.ts";
import { checkedSegment, type Segment, type SegmentCount } from "./segment.ts";
import { getCharBufferSymbol, getReadBufferSymbol, getSegmentCountSymbol, getWriteBufferSymbol } from "./symbols.ts";
import { textCharSlot, textReadSlot, textWriteSlot } from "./text-segments.ts";

/** A data slot: the checked segment `segment` (errors are the exporter's). */
export type SegmentSlot = (segment: number) => Segment;

/** The slots of one value. */
export interface SlotTable {
  readonly read: SegmentSlot | undefined;
  readonly write: SegmentSlot | undefined;
  readonly char: SegmentSlot | undefined;
  /** `bf_getsegcount(obj, NULL)`: the number of segments (the total length is never needed here). */
  readonly count: (() => number) | undefined;
  /** `bf_getbuffer`: the value also exports the new protocol. */
  readonly newProtocol: boolean;
  /** `bf_releasebuffer`: the value's exports must be released (getargs calls it "pinned"). */
  readonly releases: boolean;
  /**
   * The slots run none of the value's own code (a string, or a built-in
   * binary type without protocol methods, when the slots were looked up):
   * asked twice in a row they give the same answer, so one answer may
   * serve where CPython asks twice.
   */
  readonly pure: boolean;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

function method(obj: object, key: symbol): Method | undefined {
  let found: unknown;
  try {
    found = (obj as Record<symbol, unknown>)[key];
  } catch {
    // A revoked Proxy, or a getter that throws: no such slot (core's checkBuffer says the same).
    return undefined;
  }
  return typeof found === "function" ? (found as Method) : undefined;
}

function oldSlot(obj: object, key: symbol): SegmentSlot | undefined {
  const slot = method(obj, key);
  return slot === undefined ? undefined : (segment) => checkedSegment(slot.call(obj, segment), obj);
}

function checkedCount(value: unknown, exporter: unknown): SegmentCount {
  const { count, length } = (typeof value === "object" && value !== null ? value : {}) as Partial<SegmentCount>;
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(length) || (count as number) < 0 || (length as number) < 0) {
    throw new BufferError(`${typeName(exporter)} exported an invalid segment count: expected { count, length } of non-negative integers`);
  }
  return { count: count as number, length: length as number };
}

/** The slot table of `value`, or `null` when it has none. */
export function slotsOf(value: unknown): SlotTable | null {
  if (typeof value === "string") {
    return {
      read: textReadSlot(value),
      write: textWriteSlot,
      char: textCharSlot(value),
      count: () => 1,
      newProtocol: false,
      releases: false,
      pure: true,
    };
  }
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return null;
  if (isBareBuiltin(value)) return bridgedTable(value, false, true);
  const releases = method(value, releaseBufferSymbol) !== undefined && !hasNoReleaseSlot(value);
  const segcount = method(value, getSegmentCountSymbol);
  const old = {
    read: oldSlot(value, getReadBufferSymbol),
    write: oldSlot(value, getWriteBufferSymbol),
    char: oldSlot(value, getCharBufferSymbol),
    count: segcount === undefined ? undefined : () => checkedCount(segcount.call(value), value).count,
  };
  if (old.read !== undefined || old.write !== undefined || old.char !== undefined || old.count !== undefined) {
    return { ...old, newProtocol: checkBuffer(value), releases, pure: false };
  }
  if (!checkBuffer(value)) return null;
  return bridgedTable(value, releases, isPlainBuiltin(value));
}

/** The table of an object that speaks only the new protocol. */
function bridgedTable(value: object, releases: boolean, pure: boolean): SlotTable {
  const read = bridgedSlot(value, BufferFlags.SIMPLE);
  return {
    read,
    write: bridgedSlot(value, BufferFlags.WRITABLE),
    char: read,
    count: () => 1, // a new-protocol exporter is one segment; its bytes are asked for by the data slots
    newProtocol: true,
    releases,
    pure,
  };
}

/**
 * Whether `value` is a built-in binary type with no protocol method of its
 * own, old or new: its table is the bridge's, known without looking each
 * slot up (`in` runs no code on a built-in, where a lookup may call a getter).
 */
function isBareBuiltin(value: object): boolean {
  return (
    isPlainBuiltin(value) &&
    !(getReadBufferSymbol in value) &&
    !(getWriteBufferSymbol in value) &&
    !(getCharBufferSymbol in value) &&
    !(getSegmentCountSymbol in value) &&
    !(releaseBufferSymbol in value)
  );
}

/**
 * `bf_getsegcount(obj, NULL)` as every 2.7 caller uses it: the count, or -1
 * when the slot fails (the caller then reports its own error, as C does).
 */
export function segmentCount(slots: SlotTable): number {
  if (slots.count === undefined) return -1;
  try {
    return slots.count();
  } catch {
    return -1;
  }
}
