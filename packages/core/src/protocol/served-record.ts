/**
 * Records that need no second check: a base record core checked once (see
 * `checkedBase`), and the records `serveRequest` answers from it. Both are
 * frozen and carry a private mark (see `privateMark`) that only this module
 * can add or read, so no exporter can pass a record of its own for one.
 *
 * @module
 */

import { privateMark } from "../internal/stamp.ts";
import type { AbiName } from "../format/abi.ts";
import type { BufferRecord } from "./buffer-record.ts";

/** What core found when it checked a base record. */
export interface BaseCheck {
  /** The ABI its format was checked under (`undefined`: the default). */
  readonly abi: AbiName | undefined;
  /** Its memory's size when checked: a resize sends every later record back to the full check. */
  readonly byteLength: number;
  /** `PyBuffer_IsContiguous(base, 'C')` and `(base, 'F')`: an exporter may claim no more. */
  readonly cContiguous: boolean;
  readonly fortranContiguous: boolean;
}

/** A record served from a checked base: the check, and the request it answered. */
export interface Served {
  readonly check: BaseCheck;
  readonly flags: number;
}

const checkedBases = privateMark<BaseCheck>();
const servedRecords = privateMark<Served>();

/** Marks `base` (core's own fresh copy) as checked, then freezes it. */
export function freezeCheckedBase(base: BufferRecord, check: BaseCheck): BufferRecord {
  return Object.freeze(markCheckedBase(base, check));
}

/**
 * Marks `base` as checked without freezing it, for a base that only core
 * and its exporter can reach, which never change it (its arrays must be
 * frozen all the same: they reach consumers through every record served).
 */
export function markCheckedBase(base: BufferRecord, check: BaseCheck): BufferRecord {
  checkedBases.mark(base, check);
  return base;
}

/** The check of a base from {@link freezeCheckedBase}; `undefined` for any other value. */
export function baseCheckOf(value: unknown): BaseCheck | undefined {
  return checkedBases.read(value);
}

/** Marks `record` (just built by `serveRequest` from a checked base) with its request, then freezes it. */
export function freezeServedRecord(record: BufferRecord, served: Served): BufferRecord {
  servedRecords.mark(record, served);
  return Object.freeze(record);
}

/** How a record from {@link freezeServedRecord} was served; `undefined` for any other value. */
export function servedOf(value: unknown): Served | undefined {
  return servedRecords.read(value);
}
