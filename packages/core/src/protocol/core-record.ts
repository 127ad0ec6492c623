/**
 * The one class of every buffer record core builds: the records
 * `getBuffer` issues, the records `serveRequest` and `fillInfo` answer
 * with, and the bases `checkedBase` checks.
 *
 * One class, because V8 gives objects of one constructor one hidden class:
 * the reads every consumer makes of a record (validation, a view's layout,
 * release) stay monomorphic, whatever mix of exporters a program has used.
 * Records built as object literals at a dozen sites, then marked by adding
 * a private field, moved to a new hidden class at each mark, and those
 * reads went megamorphic once a program had seen a handful of exporters.
 *
 * Each record also carries core's private state about it, set only here:
 * the issue of a record a consumer holds, the request a served record
 * answered, the check of a checked base. No exporter can forge them.
 *
 * @module
 */

import type { AbiName } from "../format/abi.ts";
import type { BufferRecord, MemoryBlock } from "./buffer-record.ts";

/** What releasing an issued record needs, and whether it was released. */
export interface Issue {
  /** The exporter's own record (its release method is called with it). */
  readonly exported: BufferRecord;
  /** The record's `obj` as read when it was issued: the exporter to release with. */
  readonly owner: unknown;
  released: boolean;
}

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

/** Records `issue` on `record`, which core just built for a consumer. */
export let setIssue: (record: CoreRecord, issue: Issue) => void;
/** The issue of a record from `getBuffer`; `undefined` for anything else. */
export let issueSlot: (value: unknown) => Issue | undefined;
/** Records how `record` (just built by `serveRequest`, to be frozen next) was served. */
export let setServed: (record: CoreRecord, served: Served) => void;
/** How a record from `serveRequest` was served from a checked base; `undefined` for anything else. */
export let servedSlot: (value: unknown) => Served | undefined;
/** Records the check of `base`, core's own, checked just now. */
export let setCheck: (base: CoreRecord, check: BaseCheck) => void;
/** The check of a checked base; `undefined` for anything else. */
export let checkSlot: (value: unknown) => BaseCheck | undefined;

/** A `Py_buffer` built by core (see the module's comment). */
export class CoreRecord implements BufferRecord {
  obj: object | null;
  readonly memory: MemoryBlock;
  readonly buf: number;
  readonly len: number;
  readonly itemsize: number;
  readonly readonly: boolean;
  readonly format: string | null;
  readonly ndim: number;
  readonly shape: readonly number[] | null;
  readonly strides: readonly number[] | null;
  readonly suboffsets: readonly number[] | null;
  readonly internal: unknown;
  declare readonly abi?: AbiName;
  #issue: Issue | undefined = undefined;
  #served: Served | undefined = undefined;
  #check: BaseCheck | undefined = undefined;

  constructor(
    obj: object | null,
    memory: MemoryBlock,
    buf: number,
    len: number,
    itemsize: number,
    readonly: boolean,
    format: string | null,
    ndim: number,
    shape: readonly number[] | null,
    strides: readonly number[] | null,
    suboffsets: readonly number[] | null,
    internal: unknown,
    abi?: AbiName,
  ) {
    this.obj = obj;
    this.memory = memory;
    this.buf = buf;
    this.len = len;
    this.itemsize = itemsize;
    this.readonly = readonly;
    this.format = format;
    this.ndim = ndim;
    this.shape = shape;
    this.strides = strides;
    this.suboffsets = suboffsets;
    this.internal = internal;
    // Added only when given, so a record without one has no `abi` key at all.
    if (abi !== undefined) (this as { abi?: AbiName }).abi = abi;
  }

  static {
    // The slots' only accessors, kept in this module: a record's class is
    // reachable from any record (`record.constructor`), so they cannot be
    // static methods of it.
    setIssue = (record, issue) => void (record.#issue = issue);
    issueSlot = (value) => (typeof value === "object" && value !== null && #issue in value ? value.#issue : undefined);
    setServed = (record, served) => void (record.#served = served);
    servedSlot = (value) => (typeof value === "object" && value !== null && #served in value ? value.#served : undefined);
    setCheck = (base, check) => void (base.#check = check);
    checkSlot = (value) => (typeof value === "object" && value !== null && #check in value ? value.#check : undefined);
  }
}
