/**
 * Records that need no second check: a base record core checked once (see
 * `checkedBase`), and the records `serveRequest` answers from it. Both are
 * frozen and carry a private mark (see {@link Stamp}) that only this module
 * can add or read, so no exporter can pass a record of its own for one.
 *
 * @module
 */

import { Stamp } from "../internal/stamp.ts";
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

class CheckedBase extends Stamp {
  readonly #check: BaseCheck;

  private constructor(base: BufferRecord, check: BaseCheck) {
    super(base);
    this.#check = check;
  }

  static mark(base: BufferRecord, check: BaseCheck): void {
    new CheckedBase(base, check);
  }

  static checkOf(value: unknown): BaseCheck | undefined {
    return typeof value === "object" && value !== null && #check in value ? (value as CheckedBase).#check : undefined;
  }
}

class ServedRecord extends Stamp {
  readonly #served: Served;

  private constructor(record: BufferRecord, served: Served) {
    super(record);
    this.#served = served;
  }

  static mark(record: BufferRecord, served: Served): void {
    new ServedRecord(record, served);
  }

  static servedOf(value: unknown): Served | undefined {
    return typeof value === "object" && value !== null && #served in value ? (value as ServedRecord).#served : undefined;
  }
}

/** Marks `base` (core's own fresh copy) as checked, then freezes it. */
export function freezeCheckedBase(base: BufferRecord, check: BaseCheck): BufferRecord {
  CheckedBase.mark(base, check);
  return Object.freeze(base);
}

/** The check of a base from {@link freezeCheckedBase}; `undefined` for any other value. */
export function baseCheckOf(value: unknown): BaseCheck | undefined {
  return CheckedBase.checkOf(value);
}

/** Marks `record` (just built by `serveRequest` from a checked base) with its request, then freezes it. */
export function freezeServedRecord(record: BufferRecord, served: Served): BufferRecord {
  ServedRecord.mark(record, served);
  return Object.freeze(record);
}

/** How a record from {@link freezeServedRecord} was served; `undefined` for any other value. */
export function servedOf(value: unknown): Served | undefined {
  return ServedRecord.servedOf(value);
}
