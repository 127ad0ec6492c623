/**
 * Getting and releasing buffers: `PyObject_GetBuffer`, `PyBuffer_Release`
 * and `PyObject_CheckBuffer`. Every record an exporter returns is validated
 * before a consumer sees it, and handed out as a copy whose arrays are
 * frozen, so an exporter cannot change a record under its consumer.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { BufferError, isPythonError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { optionChecks, readOptions, type OptionChecks } from "../internal/options.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { abiProfile, type AbiName } from "../format/abi.ts";
import type { BufferRecord } from "./buffer-record.ts";
import { builtinBuffer, isBuiltinExporter } from "./builtin-exporters.ts";
import { CoreRecord } from "./core-record.ts";
import { BufferFlags, MAX_NDIM } from "./flags.ts";
import { issueOf, markIssued } from "./issued-record.ts";
import { exportedBlock } from "./live-memory.ts";
import { withOmittedFields } from "./omitted-fields.ts";
import { assertRequestFlags } from "./request-flags.ts";
import { getBufferSymbol, releaseBufferSymbol } from "./symbols.ts";
import { servedOf, type Served } from "./served-record.ts";
import { recordProblem } from "./validate-record.ts";

/**
 * Options of {@link getBuffer}.
 *
 * @example
 * ```ts
 * import type { GetBufferOptions } from "@pybuffer/core";
 * const options: GetBufferOptions = { abi: "wasm32" };
 * ```
 *
 * @since 0.1.0
 */
export interface GetBufferOptions {
  /**
   * The ABI for records that do not name one (see {@link BufferRecord.abi}); default `lp64`.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

/** The checks of {@link GetBufferOptions}, for every function that takes them. */
export const GET_BUFFER_OPTIONS: OptionChecks<GetBufferOptions> = { abi: optionChecks.abi };

type GetBufferMethod = (this: unknown, flags: number) => unknown;
type ReleaseBufferMethod = (this: unknown, view: BufferRecord) => void;

function getBufferMethod(obj: unknown): GetBufferMethod | undefined {
  if ((typeof obj !== "object" && typeof obj !== "function") || obj === null) return undefined;
  let method: unknown;
  try {
    method = (obj as { [getBufferSymbol]?: unknown })[getBufferSymbol];
  } catch {
    // A revoked Proxy, or a getter that throws: not an exporter.
    return undefined;
  }
  return typeof method === "function" ? (method as GetBufferMethod) : undefined;
}

/**
 * `PyObject_CheckBuffer`: whether `obj` exports the buffer protocol (an
 * exporter method, or a built-in binary type). It never throws, and a `true`
 * does not promise that every request will succeed.
 *
 * @example
 * ```ts
 * import { checkBuffer } from "@pybuffer/core";
 * checkBuffer(new Uint8Array(1)); // true
 * checkBuffer("bytes"); // false
 * ```
 *
 * @since 0.1.0
 */
export function checkBuffer(obj: unknown): boolean {
  return getBufferMethod(obj) !== undefined || isBuiltinExporter(obj);
}

/**
 * `PyObject_GetBuffer(obj, view, flags)`: asks `obj` for a buffer meeting
 * `flags`, validates the answer, and returns it. Release it with
 * {@link releaseBuffer} exactly once.
 *
 * @throws PyTypeError "a bytes-like object is required, not 'X'" for a non-exporter.
 * @throws BufferError when the exporter refuses the request, or returns a
 * record that is malformed, does not honour the request, or reaches outside
 * its memory (the record is released first).
 * @throws SystemError for `READ` or `WRITE` passed as the request.
 * @throws ValueError for an unknown `abi` option, PyTypeError for options that are not a
 * plain object of known options (both checked before any exporter is asked).
 * @example
 * ```ts
 * import { getBuffer, releaseBuffer, BufferFlags } from "@pybuffer/core";
 * const view = getBuffer(new Float32Array([1, 2]), BufferFlags.RECORDS_RO);
 * [view.format, view.shape, view.strides]; // ["f", [2], [4]]
 * releaseBuffer(view);
 * ```
 *
 * @since 0.1.0
 */
export function getBuffer(obj: unknown, flags: number, options?: GetBufferOptions): BufferRecord {
  return acquireBuffer(obj, flags, readOptions(options, "getBuffer", GET_BUFFER_OPTIONS));
}

/** What one of the package's own consumers asks beyond the request: its limit on dimensions, and who sees the record. */
export interface ConsumerTerms {
  /** Default {@link MAX_NDIM}; NDArray's consumers take 128, as `_testbuffer` does. */
  readonly maxNdim?: number;
  /** The consumer's own error (memoryview: ValueError); default a BufferError. */
  readonly tooManyDimensions?: () => Error;
  /**
   * The consumer keeps the record to itself (a memoryview's master record,
   * the temporary of one operation): a snapshot's arrays are then left
   * unfrozen, as no one else can reach them. A record {@link getBuffer}
   * returns is always frozen, since its caller holds it.
   */
  readonly keptPrivate?: boolean;
  /** The consumer's own error for an object that exports nothing (memoryview names itself); default getBuffer's TypeError. */
  readonly notAnExporter?: (obj: unknown) => Error;
}

/**
 * {@link getBuffer}, for the package's consumers with their own limit on
 * dimensions or their own error past it, or that keep the record private.
 */
export function acquireBuffer(
  obj: unknown,
  flags: number,
  options: GetBufferOptions,
  terms: ConsumerTerms = {},
): BufferRecord {
  assertRequestFlags(flags);
  const abi = optionsAbi(options);
  const method = getBufferMethod(obj);
  let exported: unknown;
  if (method !== undefined) {
    exported = callExporter(method, obj, flags);
  } else {
    const builtin = builtinBuffer(obj, flags);
    if (builtin === undefined) {
      throw terms.notAnExporter?.(obj) ?? new PyTypeError(`a bytes-like object is required, not '${pythonTypeName(obj)}'`);
    }
    // Built-in records are made here, fresh, over live memory and to the
    // request: nothing to snapshot or check (the hot path of every consumer).
    markIssued(builtin, { exported: builtin, owner: builtin.obj, released: false });
    return builtin;
  }

  const maxNdim = terms.maxNdim ?? MAX_NDIM;
  const served = servedOf(exported);
  if (served !== undefined) {
    const view = servedCopy(exported as BufferRecord, served, flags, abi, maxNdim);
    if (view !== null) {
      markIssued(view, { exported: exported as BufferRecord, owner: view.obj, released: false });
      return view;
    }
  }

  // Validate a snapshot, read once: a getter or a Proxy cannot answer
  // differently after the check. The snapshot is what the consumer gets.
  // Whatever fails from here on, the export is handed back first.
  let record: unknown;
  try {
    record =
      typeof exported === "object" && exported !== null ? withOmittedFields(snapshot(exported as BufferRecord, maxNdim, terms.keptPrivate !== true), flags) : exported;
  } catch (error) {
    releaseAfterFailure(obj, exported);
    throw new BufferError(`${pythonTypeName(obj)} exported an invalid buffer: reading it raised ${describeError(error)}`, {
      cause: error,
    });
  }
  const ndim = (record as { ndim?: unknown } | null)?.ndim;
  if (terms.tooManyDimensions !== undefined && typeof ndim === "number" && ndim > maxNdim) {
    releaseAfterFailure(obj, exported);
    throw terms.tooManyDimensions();
  }
  const problem = recordProblem(record, flags, abi, maxNdim);
  if (problem !== null) {
    releaseAfterFailure(obj, exported);
    throw new BufferError(`${pythonTypeName(obj)} exported an invalid buffer: ${problem}`);
  }
  const view = record as CoreRecord;
  markIssued(view, { exported: exported as BufferRecord, owner: view.obj, released: false });
  return view;
}

/**
 * The consumer's copy of a record `serveRequest` answered from a
 * `checkedBase`, taken without a second check when nothing the check
 * depended on changed: the same request, the same ABI, memory of the same
 * size, dimensions within the consumer's limit. Otherwise null: the record
 * then goes through the full check like any other. The record is frozen and
 * core's own, so reading it runs no exporter code.
 */
function servedCopy(record: BufferRecord, served: Served, flags: number, abi: AbiName | undefined, maxNdim: number): CoreRecord | null {
  const { check } = served;
  if (served.flags !== flags || (record.abi ?? abi) !== check.abi || blockByteLength(record.memory) !== check.byteLength || record.ndim > maxNdim) {
    return null;
  }
  const { obj, memory, buf, len, itemsize, readonly, format, ndim, shape, strides, suboffsets, internal } = record;
  return new CoreRecord(obj, memory, buf, len, itemsize, readonly, format, ndim, shape, strides, suboffsets, internal, record.abi);
}

/**
 * The `abi` option of options the package built itself or checked with
 * {@link GET_BUFFER_OPTIONS}: an unknown ABI is still refused before any
 * exporter is asked.
 */
function optionsAbi(options: GetBufferOptions): AbiName | undefined {
  const abi = options.abi;
  if (abi !== undefined) abiProfile(abi);
  return abi;
}

/**
 * Calls the exporter's get-buffer method. What it raises passes through as
 * in CPython's `PyObject_GetBuffer`, but an error without a Python kind (a
 * bug or a hostile exporter) becomes a BufferError, so that every error a
 * consumer sees says what kind of Python error it is.
 */
function callExporter(method: GetBufferMethod, obj: unknown, flags: number): unknown {
  try {
    return method.call(obj, flags);
  } catch (error) {
    if (isPythonError(error)) throw error;
    throw new BufferError(`${pythonTypeName(obj)}'s get-buffer method raised ${describeError(error)}`, { cause: error });
  }
}

/** `Name: message` of anything thrown, without calling into a hostile object. */
function describeError(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`;
  } catch {
    // An error whose name or message getter throws is named by its type alone.
  }
  return pythonTypeName(error);
}

/**
 * Hands a refused export back to its exporter, as `PyBuffer_Release` would:
 * to the record's `obj` when it can be read, else to the object asked.
 * The refusal is what the caller reports, so an error of the release
 * method itself is dropped.
 */
function releaseAfterFailure(asked: unknown, exported: unknown): void {
  if (typeof exported !== "object" || exported === null) return;
  try {
    releaseExported(exported as BufferRecord);
  } catch {
    try {
      releaseExportedBy(asked, exported as BufferRecord);
    } catch {
      // The record is unreadable and its exporter's release fails: nothing more to hand back.
    }
  }
}

/**
 * `PyBuffer_Release`: gives a record from {@link getBuffer} back to its
 * exporter (the record's `obj`, which for a redirecting exporter is the
 * root), then sets `obj` to `null`. A second call does nothing, nor does a
 * call on a temporary record (`obj` null).
 *
 * @throws ValueError for a record that did not come from {@link getBuffer}.
 * @example
 * ```ts
 * import { getBuffer, releaseBuffer, BufferFlags } from "@pybuffer/core";
 * const view = getBuffer(new ArrayBuffer(4), BufferFlags.SIMPLE);
 * releaseBuffer(view);
 * view.obj; // null
 * releaseBuffer(view); // no effect
 * ```
 *
 * @since 0.1.0
 */
export function releaseBuffer(view: BufferRecord): void {
  const issue = issueOf(view);
  if (issue === undefined) {
    if (typeof view !== "object" || view === null) {
      throw new PyTypeError(`releaseBuffer() argument must be a buffer record, not '${pythonTypeName(view)}'`);
    }
    let owner: unknown;
    try {
      owner = view.obj;
    } catch (error) {
      throw new ValueError(`releaseBuffer: this record was not obtained from getBuffer (reading it raised ${describeError(error)})`, { cause: error });
    }
    if (owner === null) return;
    throw new ValueError("releaseBuffer: this record was not obtained from getBuffer");
  }
  if (issue.released) return;
  issue.released = true;
  view.obj = null;
  releaseExportedBy(issue.owner, issue.exported);
}

/** Calls the release method of the exporter named in the record, if it has one. */
function releaseExported(exported: BufferRecord): void {
  releaseExportedBy(exported.obj, exported);
}

/** Calls `owner`'s release method on `exported`, if it has one. */
function releaseExportedBy(owner: unknown, exported: BufferRecord): void {
  if ((typeof owner !== "object" && typeof owner !== "function") || owner === null) return;
  const release = (owner as { [releaseBufferSymbol]?: unknown })[releaseBufferSymbol];
  if (typeof release === "function") (release as ReleaseBufferMethod).call(owner, exported);
}

/**
 * What releasing a record needs, held without keeping its exporter alive:
 * a consumer that releases when it is garbage-collected must not, through
 * its FinalizationRegistry, keep alive an exporter that refers back to it
 * (a cycle CPython's collector would free).
 */
export interface DeferredRelease {
  readonly owner: WeakRef<object> | null;
  /** The exporter's record, without its `obj`. */
  readonly exported: BufferRecord;
}

/** The {@link DeferredRelease} of a held record, or null when there is nothing to release. */
export function deferredRelease(view: BufferRecord): DeferredRelease | null {
  const issue = issueOf(view);
  if (issue === undefined || issue.released) return null;
  // From the snapshot, not the exporter's record: that was read once, by
  // getBuffer, and a getter read again here could answer otherwise or throw.
  const owner = issue.owner;
  // An exporter without a release method (every built-in one) has nothing
  // to hand back: no weak reference, no copy, no registration for it.
  if (!hasReleaseMethod(owner)) return null;
  return {
    owner: (typeof owner === "object" || typeof owner === "function") && owner !== null ? new WeakRef(owner) : null,
    exported: { ...view, obj: null },
  };
}

/**
 * Whether `owner` has a release method to call, read once, as a consumer
 * about to defer its release sees it. An owner whose look throws is
 * assumed to have one: its release is attempted, as it would be by hand.
 */
export function hasReleaseMethod(owner: unknown): boolean {
  if ((typeof owner !== "object" && typeof owner !== "function") || owner === null) return false;
  try {
    return typeof (owner as { [releaseBufferSymbol]?: unknown })[releaseBufferSymbol] === "function";
  } catch {
    return true;
  }
}

/**
 * Runs a deferred release, if its exporter is still alive (a collected one
 * needs none). It runs from the collector, where an error has no caller to
 * reach: dropped, as CPython's `PyErr_WriteUnraisable` would report and
 * move on, rather than crashing the process from a cleanup callback.
 */
export function runDeferredRelease(release: DeferredRelease): void {
  const owner = release.owner?.deref();
  if (owner === undefined) return;
  try {
    releaseExported({ ...release.exported, obj: owner });
  } catch {
    // Unraisable: see above.
  }
}

/** Whether `view` came from {@link getBuffer} (released or not): a record core built, known to be sound. */
export function isIssued(view: unknown): view is BufferRecord {
  return issueOf(view) !== undefined;
}

/** Whether `view` came from {@link getBuffer} and has not been released yet. */
export function isIssuedAndHeld(view: BufferRecord): boolean {
  const issue = issueOf(view);
  return issue !== undefined && !issue.released;
}

/**
 * A record's snapshot after the checks {@link getBuffer} makes, for records
 * that come from elsewhere (`memoryViewFromBuffer`, the C-API helpers):
 * `flags` says which fields it has; `"as-present"` takes the request that
 * the snapshot's own fields answer (a field read once, so it cannot differ).
 *
 * @throws BufferError naming the first problem, the cause kept when reading the record threw.
 */
export function validatedSnapshot(
  record: BufferRecord,
  flags: number | "as-present",
  abi?: AbiName,
  terms: ConsumerTerms = {},
): CoreRecord {
  const maxNdim = terms.maxNdim ?? MAX_NDIM;
  let copy: CoreRecord;
  try {
    copy = snapshot(record, maxNdim, terms.keptPrivate !== true);
  } catch (error) {
    throw new BufferError(`invalid buffer record: reading it raised ${describeError(error)}`, { cause: error });
  }
  if (flags === "as-present") flags = presentFields(copy);
  else copy = withOmittedFields(copy, flags);
  if (terms.tooManyDimensions !== undefined && copy.ndim > maxNdim) throw terms.tooManyDimensions();
  const problem = recordProblem(copy, flags, abi, maxNdim);
  if (problem !== null) throw new BufferError(`invalid buffer record: ${problem}`);
  return copy;
}

/** The request a record's fields answer: FORMAT for a format, ND for a shape, and so on. */
function presentFields(record: BufferRecord): number {
  return (
    (record.format !== null ? BufferFlags.FORMAT : 0) |
    (record.shape !== null ? BufferFlags.ND : 0) |
    (record.strides !== null ? BufferFlags.STRIDES : 0) |
    (record.suboffsets !== null ? BufferFlags.INDIRECT : 0) |
    (record.readonly === false ? BufferFlags.WRITABLE : 0)
  );
}

/**
 * Every field read exactly once, arrays copied element by element and,
 * when `freeze` (the record goes to a caller), frozen: an Object.freeze
 * costs more than the copy. An array is copied only when its length, read once, is the
 * record's ndim and ndim is within `maxNdim`: a hostile length (2**32 - 1,
 * or a Proxy's) costs nothing before it is refused, so reading a record
 * costs O(ndim) with ndim <= maxNdim.
 */
function snapshot(source: BufferRecord, maxNdim: number, freeze: boolean): CoreRecord {
  const obj = source.obj;
  const memory = source.memory;
  const buf = source.buf;
  const len = source.len;
  const itemsize = source.itemsize;
  const readonly = source.readonly;
  const format = source.format;
  const ndim = source.ndim;
  const usableNdim = Number.isSafeInteger(ndim) && ndim >= 0 && ndim <= maxNdim ? ndim : -1;
  const shape = arrayCopy(source.shape, usableNdim, freeze);
  const strides = arrayCopy(source.strides, usableNdim, freeze);
  const suboffsets = arrayCopy(source.suboffsets, usableNdim, freeze);
  const internal = source.internal;
  const abi = source.abi;
  return new CoreRecord(obj, exportedBlock(memory) as BufferRecord["memory"], buf, len, itemsize, readonly, format, ndim, shape, strides, suboffsets, internal, abi);
}

/**
 * Stands in for an array field that cannot be copied (not an array, or not
 * `ndim` long): validation refuses it as "not null or an array of ndim
 * integers" without touching the exporter's object again.
 */
const UNUSABLE_ARRAY = Object.freeze({}) as unknown as readonly number[];

/** A copy (frozen if `freeze`) of an array of exactly `ndim` elements; null stays null, anything else is {@link UNUSABLE_ARRAY}. */
function arrayCopy(values: readonly number[] | null, ndim: number, freeze: boolean): readonly number[] | null {
  if (values === null) return null;
  if (!Array.isArray(values)) return UNUSABLE_ARRAY;
  const length = values.length;
  if (length !== ndim) return UNUSABLE_ARRAY;
  const copy = new Array<number>(length);
  for (let i = 0; i < length; i++) copy[i] = values[i]!;
  return freeze ? Object.freeze(copy) : copy;
}
