/**
 * Records that need no second check: a base record core checked once (see
 * `checkedBase`), and the records `serveRequest` answers from it. Each is a
 * `CoreRecord` whose private slot says so, which only core can set, so no
 * exporter can pass a record of its own for one. Served records are frozen,
 * and so are checked bases that leave core.
 *
 * @module
 */

import { checkSlot, servedSlot, setCheck, setServed, type BaseCheck, type CoreRecord, type Served } from "./core-record.ts";

export type { BaseCheck, Served } from "./core-record.ts";

/** Marks `base` (core's own fresh copy) as checked, then freezes it. */
export function freezeCheckedBase(base: CoreRecord, check: BaseCheck): CoreRecord {
  Object.freeze(markCheckedBase(base, check));
  return base;
}

/**
 * Marks `base` as checked without freezing it, for a base that only core
 * and its exporter can reach, which never change it (its arrays must be
 * frozen all the same: they reach consumers through every record served).
 */
export function markCheckedBase(base: CoreRecord, check: BaseCheck): CoreRecord {
  setCheck(base, check);
  return base;
}

/** The check of a base from {@link freezeCheckedBase} or {@link markCheckedBase}; `undefined` for any other value. */
export function baseCheckOf(value: unknown): BaseCheck | undefined {
  return checkSlot(value);
}

/** Marks `record` (just built by `serveRequest` from a checked base) with its request, then freezes it. */
export function freezeServedRecord(record: CoreRecord, served: Served): CoreRecord {
  setServed(record, served);
  Object.freeze(record);
  return record;
}

/** How a record from {@link freezeServedRecord} was served; `undefined` for any other value. */
export function servedOf(value: unknown): Served | undefined {
  return servedSlot(value);
}
