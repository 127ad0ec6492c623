/**
 * Getting and releasing buffers: `PyObject_GetBuffer`, `PyBuffer_Release`
 * and `PyObject_CheckBuffer`. Every record an exporter returns is validated
 * before a consumer sees it, and handed out as a copy whose arrays are
 * frozen, so an exporter cannot change a record under its consumer.
 *
 * @module
 */

import { BufferError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import type { AbiName } from "../struct/abi.ts";
import type { BufferRecord } from "./buffer-record.ts";
import { builtinBuffer, isBuiltinExporter } from "./builtin-exporters.ts";
import { MAX_NDIM } from "./flags.ts";
import { assertRequestFlags } from "./request-flags.ts";
import { getBufferSymbol, releaseBufferSymbol } from "./symbols.ts";
import { recordProblem } from "./validate-record.ts";

/**
 * Options of {@link getBuffer}.
 *
 * @example
 * ```ts
 * import type { GetBufferOptions } from "@pybuffer/core";
 * const options: GetBufferOptions = { abi: "wasm32" };
 * ```
 */
export interface GetBufferOptions {
  /** The ABI for records that do not name one (see {@link BufferRecord.abi}); default `lp64`. */
  readonly abi?: AbiName;
}

/** What releasing an issued record needs: the exporter's own record, once. */
interface Issue {
  readonly exported: BufferRecord;
  released: boolean;
}

const issued = new WeakMap<BufferRecord, Issue>();

type GetBufferMethod = (this: unknown, flags: number) => unknown;
type ReleaseBufferMethod = (this: unknown, view: BufferRecord) => void;

function getBufferMethod(obj: unknown): GetBufferMethod | undefined {
  if ((typeof obj !== "object" && typeof obj !== "function") || obj === null) return undefined;
  const method = (obj as { [getBufferSymbol]?: unknown })[getBufferSymbol];
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
 * @example
 * ```ts
 * import { getBuffer, releaseBuffer, BufferFlags } from "@pybuffer/core";
 * const view = getBuffer(new Float32Array([1, 2]), BufferFlags.RECORDS_RO);
 * [view.format, view.shape, view.strides]; // ["f", [2], [4]]
 * releaseBuffer(view);
 * ```
 */
export function getBuffer(obj: unknown, flags: number, options: GetBufferOptions = {}): BufferRecord {
  return acquireBuffer(obj, flags, options);
}

/** How many dimensions a consumer takes, and the error it raises past them. */
export interface DimensionLimits {
  /** Default {@link MAX_NDIM}; NDArray's consumers take 128, as `_testbuffer` does. */
  readonly maxNdim?: number;
  /** The consumer's own error (memoryview: ValueError); default a BufferError. */
  readonly tooManyDimensions?: () => Error;
}

/**
 * {@link getBuffer}, for the package's consumers with their own limit on
 * dimensions or their own error past it.
 */
export function acquireBuffer(
  obj: unknown,
  flags: number,
  options: GetBufferOptions,
  limits: DimensionLimits = {},
): BufferRecord {
  assertRequestFlags(flags);
  const method = getBufferMethod(obj);
  let exported: unknown;
  if (method !== undefined) {
    exported = method.call(obj, flags);
  } else {
    const builtin = builtinBuffer(obj, flags);
    if (builtin === undefined) {
      throw new PyTypeError(`a bytes-like object is required, not '${pythonTypeName(obj)}'`);
    }
    // Built-in records are made here, fresh, over live memory and to the
    // request: nothing to snapshot or check (the hot path of every consumer).
    issued.set(builtin, { exported: builtin, released: false });
    return builtin;
  }

  // Validate a snapshot, read once: a getter or a Proxy cannot answer
  // differently after the check. The snapshot is what the consumer gets.
  const record = typeof exported === "object" && exported !== null ? snapshot(exported as BufferRecord) : exported;
  const ndim = (record as { ndim?: unknown } | null)?.ndim;
  const maxNdim = limits.maxNdim ?? MAX_NDIM;
  if (limits.tooManyDimensions !== undefined && typeof ndim === "number" && ndim > maxNdim) {
    releaseExported(exported as BufferRecord);
    throw limits.tooManyDimensions();
  }
  const problem = recordProblem(record, flags, options.abi, maxNdim);
  if (problem !== null) {
    if (typeof exported === "object" && exported !== null) releaseExported(exported as BufferRecord);
    throw new BufferError(`${pythonTypeName(obj)} exported an invalid buffer: ${problem}`);
  }
  const view = record as BufferRecord;
  issued.set(view, { exported: exported as BufferRecord, released: false });
  return view;
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
 */
export function releaseBuffer(view: BufferRecord): void {
  const issue = issued.get(view);
  if (issue === undefined) {
    if (view.obj === null) return;
    throw new ValueError("releaseBuffer: this record was not obtained from getBuffer");
  }
  if (issue.released) return;
  issue.released = true;
  view.obj = null;
  releaseExported(issue.exported);
}

/** Calls the release method of the exporter named in the record, if it has one. */
function releaseExported(exported: BufferRecord): void {
  const owner = exported.obj;
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
  const issue = issued.get(view);
  if (issue === undefined || issue.released) return null;
  const owner = issue.exported.obj;
  return {
    owner: (typeof owner === "object" || typeof owner === "function") && owner !== null ? new WeakRef(owner) : null,
    exported: { ...issue.exported, obj: null },
  };
}

/** Runs a deferred release, if its exporter is still alive (a collected one needs none). */
export function runDeferredRelease(release: DeferredRelease): void {
  const owner = release.owner?.deref();
  if (owner !== undefined) releaseExported({ ...release.exported, obj: owner });
}

/** Whether `view` came from {@link getBuffer} and has not been released yet. */
export function isIssuedAndHeld(view: BufferRecord): boolean {
  const issue = issued.get(view);
  return issue !== undefined && !issue.released;
}

/**
 * A record's snapshot after the checks {@link getBuffer} makes, for records
 * that come from elsewhere (`memoryViewFromBuffer`): `flags` says which fields it has.
 *
 * @throws BufferError naming the first problem.
 */
export function validatedSnapshot(record: BufferRecord, flags: number, abi?: AbiName, limits: DimensionLimits = {}): BufferRecord {
  const copy = snapshot(record);
  if (limits.tooManyDimensions !== undefined && copy.ndim > (limits.maxNdim ?? MAX_NDIM)) throw limits.tooManyDimensions();
  const problem = recordProblem(copy, flags, abi);
  if (problem !== null) throw new BufferError(`invalid buffer record: ${problem}`);
  return copy;
}

/** Every field read exactly once, arrays copied element by element and frozen. */
function snapshot(source: BufferRecord): BufferRecord {
  const abi = source.abi;
  return {
    obj: source.obj,
    memory: source.memory,
    buf: source.buf,
    len: source.len,
    itemsize: source.itemsize,
    readonly: source.readonly,
    format: source.format,
    ndim: source.ndim,
    shape: frozenCopy(source.shape),
    strides: frozenCopy(source.strides),
    suboffsets: frozenCopy(source.suboffsets),
    internal: source.internal,
    ...(abi === undefined ? {} : { abi }),
  };
}

/** A frozen element-by-element copy of an array; anything else is kept for validation to refuse. */
function frozenCopy(values: readonly number[] | null): readonly number[] | null {
  if (!Array.isArray(values)) return values;
  const length = values.length;
  const copy = new Array<number>(length);
  for (let i = 0; i < length; i++) copy[i] = values[i]!;
  return Object.freeze(copy);
}
