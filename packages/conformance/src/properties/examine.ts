/**
 * The raw oracle: asks a subject for a buffer with every request and checks
 * each answer against the decision procedure (memoryobject.c: memory_getbuf), the request table
 * (Doc/c-api/buffer.rst, "Buffer request types") and the record invariants
 * of `verify()` in Lib/test/test_buffer.py. Each
 * problem names the one property and check whose rule it breaks, so a
 * broken exporter fails exactly the properties of its rule.
 *
 * @module
 */

import { BufferFlags, isPythonError, type BufferRecord } from "@pybuffer/core";
import type { Model } from "../model/case.ts";
import { product, recordIsContiguous, stridesDifference } from "../model/layout.ts";
import { show } from "../model/items.ts";
import { boundsProblem } from "../model/record-reader.ts";
import { expectation, has, requestName, type Expectation, type Step } from "./requests.ts";

/** One answer to one request. */
export type Answer =
  | { readonly kind: "served"; readonly flags: number; readonly record: BufferRecord }
  | { readonly kind: "refused"; readonly flags: number; readonly error: unknown }
  | { readonly kind: "threw"; readonly flags: number; readonly error: unknown }
  | { readonly kind: "returned"; readonly flags: number; readonly value: unknown };

/** A broken rule: the property and check it belongs to, and what happened. */
export interface Problem {
  readonly property: string;
  readonly check: string;
  readonly message: string;
  readonly flags?: number;
}

/** Something that answers buffer requests: an exporter, or a derived view. */
export interface Subject {
  readonly target: object;
  /** The object records must name as `obj`. */
  readonly expectedObj: object;
  readonly model: Model;
  /** Pointer width for PIL records. */
  readonly pointer: number;
  get(flags: number): Answer;
  /** Gives a served record back, as `PyBuffer_Release` would (to the record's `obj`). */
  release(record: BufferRecord): void;
}

/** Asks `subject` once per request in `requests`. */
export function ask(subject: Subject, requests: readonly number[]): Answer[] {
  return requests.map((flags) => subject.get(flags));
}

/** Releases every served answer, ignoring errors (the lifetime properties own the release rules). */
export function releaseQuietly(subject: Subject, answers: readonly Answer[]): void {
  for (const answer of answers) {
    if (answer.kind !== "served") continue;
    try {
      subject.release(answer.record);
    } catch {
      // lifetime.release reports this
    }
  }
}

const STEP_PROPERTY: Readonly<Record<Step, string>> = {
  writable: "getbuf.writable",
  "c-contiguous": "getbuf.contiguity",
  "f-contiguous": "getbuf.contiguity",
  "any-contiguous": "getbuf.contiguity",
  suboffsets: "getbuf.suboffsets",
  strides: "getbuf.strides",
  "format-without-shape": "getbuf.format-without-shape",
};

const STEP_TEXT: Readonly<Record<Step, string>> = {
  writable: "WRITABLE was requested of read-only memory (step 2)",
  "c-contiguous": "C_CONTIGUOUS was requested of a buffer that is not C-contiguous (step 4)",
  "f-contiguous": "F_CONTIGUOUS was requested of a buffer that is not Fortran contiguous (step 4)",
  "any-contiguous": "ANY_CONTIGUOUS was requested of a buffer that is neither C nor Fortran contiguous (step 4)",
  suboffsets: "INDIRECT was not requested of a buffer that needs suboffsets (step 5)",
  strides: "STRIDES was not requested of a buffer that is not C-contiguous (step 6)",
  "format-without-shape": "FORMAT without ND was requested and the manifest declares formatWithoutShape: \"refuse\" (step 7)",
};

/**
 * Every problem in `answers`, in request order. The problems of one answer
 * are only those of its first broken rule group: a record of the wrong
 * types is not checked further, and an answer that should have been refused
 * is only reported as not refused.
 */
export function examine(subject: Subject, answers: readonly Answer[]): Problem[] {
  const model = subject.model;
  const problems: Problem[] = [];
  let nonWritableReadonly: { flags: number; readonly: boolean } | undefined;
  for (const answer of answers) {
    const flags = answer.flags;
    const request = requestName(flags);
    const push = (property: string, check: string, message: string): void => {
      problems.push({ property, check, message: `request ${request}: ${message}`, flags });
    };
    const expected = expectation(model, flags);
    switch (answer.kind) {
      case "threw":
        push("getbuf.answer", "wrong-error", `threw ${errorText(answer.error)} instead of returning a record or throwing BufferError`);
        continue;
      case "returned":
        push("getbuf.answer", "not-a-record", `returned ${show(answer.value)} instead of a buffer record`);
        continue;
      case "refused":
        checkRefusal(answer.error, expected, push);
        continue;
      case "served":
        break;
    }
    const record = answer.record;
    const fieldProblem = fieldsProblem(record);
    if (fieldProblem !== null) {
      push("record.fields", fieldProblem.check, fieldProblem.message);
      continue;
    }
    if (expected.outcome === "refuse") {
      for (const step of expected.steps) {
        const check = step === "format-without-shape" ? "declared-refuse" : "not-refused";
        push(STEP_PROPERTY[step], check, `served, but ${STEP_TEXT[step]} requires a BufferError`);
      }
      continue;
    }
    checkServed(subject, record, flags, push);
    if (!has(flags, BufferFlags.WRITABLE) && !model.readonly) {
      if (nonWritableReadonly === undefined) {
        nonWritableReadonly = { flags, readonly: record.readonly };
      } else if (nonWritableReadonly.readonly !== record.readonly) {
        push(
          "record.readonly",
          "inconsistent",
          `readonly is ${record.readonly}, but request ${requestName(nonWritableReadonly.flags)} got readonly ${nonWritableReadonly.readonly}: without WRITABLE an exporter may answer either, but must answer every consumer the same`,
        );
      }
    }
  }
  return problems;
}

function checkRefusal(error: unknown, expected: Expectation, push: (property: string, check: string, message: string) => void): void {
  if (expected.outcome === "serve") {
    if (expected.formatWithoutShape) {
      push("getbuf.format-without-shape", "declared-serve", `refused with ${errorText(error)}, but the manifest declares formatWithoutShape: "serve"`);
    } else {
      push("getbuf.serves-valid", "refused", `refused with ${errorText(error)}, but the decision procedure serves this request`);
    }
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message !== "string" || message.trim() === "") {
    push("getbuf.refusal-message", "empty", "the BufferError has no message");
  } else {
    // CPython's order decides which message appears; an exporter checking in another order may give any applicable step's.
    const steps = expected.messageSteps;
    if (steps.length > 0 && !steps.some((step) => CPYTHON_MESSAGES[step].some((pattern) => pattern.test(message)))) {
      push("getbuf.cpython-messages", "differs", `BufferError ${JSON.stringify(message)} is not CPython's message for ${steps.join(" or ")}`);
    }
  }
}

/**
 * CPython's messages per step: memoryview (memoryobject.c: memory_getbuf),
 * _testbuffer.ndarray (_testbuffer.c: ndarray_getbuf), bytearray/array
 * (abstract.c: PyBuffer_FillInfo).
 */
const CPYTHON_MESSAGES: Readonly<Record<Step, readonly RegExp[]>> = {
  writable: [/underlying buffer is not writable/, /ndarray is not writable/, /^Object is not writable\.$/],
  "c-contiguous": [/is not C-contiguous/],
  "f-contiguous": [/is not Fortran contiguous/],
  "any-contiguous": [/is not contiguous/],
  suboffsets: [/requires suboffsets/, /cannot be represented without suboffsets/],
  strides: [/is not C-contiguous/],
  "format-without-shape": [/cannot cast to unsigned bytes if the format flag is present/],
};

/** The checks of a served answer that the procedure allows. */
function checkServed(subject: Subject, record: BufferRecord, flags: number, push: (property: string, check: string, message: string) => void): void {
  const model = subject.model;
  const wantsFormat = has(flags, BufferFlags.FORMAT);
  const wantsShape = has(flags, BufferFlags.ND);
  const wantsStrides = has(flags, BufferFlags.STRIDES);
  const wantsIndirect = has(flags, BufferFlags.INDIRECT);

  // getbuf.format (step 3)
  if (wantsFormat) {
    if (record.format === null) push("getbuf.format", "missing", `format is null, but FORMAT was requested of an exporter of ${JSON.stringify(model.format)}`);
    else if (record.format !== model.format) push("getbuf.format", "wrong", `format is ${JSON.stringify(record.format)}, not the exporter's ${JSON.stringify(model.format)}`);
  } else if (record.format !== null) {
    push("getbuf.format", "unrequested", `format is ${JSON.stringify(record.format)}, but without FORMAT it must be null (which means "B")`);
  }

  // getbuf.contiguity (step 4): a served contiguity request is contiguous. Judged with the
  // exporter's shape and itemsize (record.shape and record.itemsize have rules of their own).
  const layout = {
    len: model.len,
    itemsize: model.itemsize,
    ndim: model.ndim,
    shape: model.shape,
    strides: record.strides !== null && record.strides.length === model.ndim ? record.strides : null,
    suboffsets: record.suboffsets,
  };
  for (const [request, order, name] of [
    [BufferFlags.C_CONTIGUOUS, "C", "C-contiguous"],
    [BufferFlags.F_CONTIGUOUS, "F", "Fortran contiguous"],
    [BufferFlags.ANY_CONTIGUOUS, "A", "C- or Fortran contiguous"],
  ] as const) {
    if (has(flags, request) && !recordIsContiguous(layout, order)) {
      push("getbuf.contiguity", "not-contiguous", `the record (shape ${show(record.shape)}, strides ${show(record.strides)}) is not ${name}`);
    }
  }

  // getbuf.suboffsets (step 5 and the request table)
  if (record.suboffsets !== null && !wantsIndirect) {
    push("getbuf.suboffsets", "without-indirect", `suboffsets ${show(record.suboffsets)} are set, but INDIRECT was not requested`);
  } else if (model.indirect && wantsIndirect && record.suboffsets === null && model.ndim > 0) {
    push("getbuf.suboffsets", "missing", "suboffsets are null, but the exporter's memory is PIL-style and INDIRECT was requested");
  } else if (!model.indirect && record.suboffsets !== null && record.suboffsets.some((s) => s >= 0)) {
    push("getbuf.suboffsets", "unneeded", `suboffsets ${show(record.suboffsets)} are set, but the exporter was built without indirection`);
  }

  if (model.ndim > 0) {
    // getbuf.strides (step 6)
    if (wantsStrides && record.strides === null) push("getbuf.strides", "missing", "strides are null, but STRIDES was requested");
    if (!wantsStrides && record.strides !== null) push("getbuf.strides", "unrequested", `strides ${show(record.strides)} are set, but STRIDES was not requested (an ND request gets shape only)`);
    // getbuf.shape (step 7 and ND)
    if (wantsShape) {
      if (record.shape === null) push("getbuf.shape", "missing", "shape is null, but ND was requested");
      if (record.ndim !== model.ndim) push("getbuf.shape", "ndim", `ndim is ${record.ndim}, not the exporter's ${model.ndim}`);
    } else {
      if (record.shape !== null) push("getbuf.shape", "unrequested", `shape ${show(record.shape)} is set, but ND was not requested`);
      if (record.ndim !== 1) push("getbuf.shape", "ndim", `ndim is ${record.ndim}, but without ND it must be 1 (the buffer is read as len bytes)`);
    }
  }

  // getbuf.obj (Doc/c-api/typeobj.rst: bf_getbuffer sets view->obj)
  if (record.obj !== subject.expectedObj) {
    push("getbuf.obj", "wrong-obj", `obj is ${describeObject(record.obj)}, not ${describeObject(subject.expectedObj)}`);
  }

  // record.readonly
  if (model.readonly && !record.readonly) {
    push("record.readonly", "writable-claim", "readonly is false, but the exporter's memory is read-only");
  } else if (!model.readonly && has(flags, BufferFlags.WRITABLE) && record.readonly) {
    push("record.readonly", "writable-request", "readonly is true for a served WRITABLE request");
  }

  // record.itemsize: kept with or without FORMAT (Doc/c-api/buffer.rst: Py_buffer.itemsize).
  if (record.itemsize !== model.itemsize) {
    push("record.itemsize", "mismatch", `itemsize is ${record.itemsize}, but calcsize(${JSON.stringify(model.format)}) is ${model.itemsize}`);
  }

  if (model.ndim === 0) {
    // record.scalar
    if (wantsShape) {
      if (record.ndim !== 0) push("record.scalar", "ndim", `ndim is ${record.ndim} for a 0-d exporter`);
      if (record.shape !== null || record.strides !== null || record.suboffsets !== null) {
        push("record.scalar", "fields", `a 0-d buffer must have null shape, strides and suboffsets, got shape ${show(record.shape)}, strides ${show(record.strides)}, suboffsets ${show(record.suboffsets)}`);
      }
    } else {
      if (record.ndim !== 0 && record.ndim !== 1) push("record.scalar", "ndim", `ndim is ${record.ndim}; without ND a 0-d exporter answers ndim 1 (or 0)`);
      if (record.shape !== null || record.strides !== null) push("record.scalar", "fields", "shape and strides must be null without ND");
    }
    if (record.len !== model.itemsize) push("record.scalar", "len", `len is ${record.len}, but a 0-d buffer has len == itemsize == ${model.itemsize}`);
  } else {
    // record.len
    if (record.shape !== null) {
      const expected = product(record.shape) * record.itemsize;
      if (record.len !== expected) push("record.len", "mismatch", `len is ${record.len}, but product(shape ${show(record.shape)}) * itemsize ${record.itemsize} = ${expected}`);
    } else if (record.len !== model.len) {
      push("record.len", "unchanged", `len is ${record.len}, but without ND len stays product(shape) * itemsize = ${model.len}`);
    }
    // record.shape
    if (record.shape !== null && record.ndim === model.ndim && !sameNumbers(record.shape, model.shape)) {
      push("record.shape", "mismatch", `shape is ${show(record.shape)}, not the exporter's ${show(model.shape)}`);
    }
    // record.strides
    const stridesDiffer =
      record.strides !== null && model.strides !== null && record.ndim === model.ndim
        ? stridesDifference(model.shape, record.strides, model.strides, model.itemsize)
        : null;
    if (stridesDiffer !== null) {
      push("record.strides", "mismatch", `strides ${show(record.strides)} do not reach the items of strides ${show(model.strides)}: ${stridesDiffer}`);
    }
  }

  // record.suboffsets
  if (record.suboffsets !== null && record.suboffsets.every((s) => s < 0)) {
    push("record.suboffsets", "all-negative", `suboffsets ${show(record.suboffsets)} are all negative; such a buffer must have suboffsets null`);
  }

  // record.bounds
  const bounds = boundsProblem(record, subject.pointer);
  if (bounds !== null) push("record.bounds", bounds.check, bounds.message);
}

/** Field types (Doc/c-api/buffer.rst: Py_buffer): a record of the wrong shape is checked no further. */
function fieldsProblem(record: BufferRecord): { check: string; message: string } | null {
  const r = record as unknown as Record<string, unknown>;
  const memory = r["memory"];
  const isBlock =
    memory instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && memory instanceof SharedArrayBuffer);
  if (!isBlock) return { check: "memory", message: `memory is ${show(memory)}, not an ArrayBuffer or SharedArrayBuffer` };
  const integer = (key: string, min: number): string | null => {
    const v = r[key];
    return Number.isSafeInteger(v) && (v as number) >= min ? null : `${key} is ${show(v)}, not an integer >= ${min}`;
  };
  const buf = Number.isSafeInteger(r["buf"]) ? null : `buf is ${show(r["buf"])}, not an integer byte offset`;
  if (buf) return { check: "buf", message: buf };
  const len = integer("len", 0);
  if (len) return { check: "len", message: len };
  const itemsize = integer("itemsize", 1);
  if (itemsize) return { check: "itemsize", message: itemsize };
  if (typeof r["readonly"] !== "boolean") return { check: "readonly", message: `readonly is ${show(r["readonly"])}, not a boolean` };
  if (r["format"] !== null && typeof r["format"] !== "string") return { check: "format", message: `format is ${show(r["format"])}, not a string or null` };
  const ndim = integer("ndim", 0);
  if (ndim) return { check: "ndim", message: ndim };
  if ((r["ndim"] as number) > 64) return { check: "ndim", message: `ndim ${r["ndim"] as number} exceeds PyBUF_MAX_NDIM (64)` };
  for (const key of ["shape", "strides", "suboffsets"]) {
    const v = r[key];
    if (v === null) continue;
    if (!Array.isArray(v) || v.length !== r["ndim"] || !v.every((x) => Number.isSafeInteger(x))) {
      return { check: "arrays", message: `${key} is ${show(v)}, not null or an array of ndim (${r["ndim"] as number}) integers` };
    }
  }
  if ((r["shape"] as number[] | null)?.some((e) => e < 0)) return { check: "arrays", message: `shape ${show(r["shape"])} has a negative extent` };
  return null;
}

/** Whether an answer is a record the raw checks accept (no MUST problem). */
export function answerValid(problems: readonly Problem[], flags: number, mustIds: ReadonlySet<string>): boolean {
  return !problems.some((p) => p.flags === flags && mustIds.has(p.property));
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function errorText(error: unknown): string {
  if (error instanceof Error || (typeof error === "object" && error !== null && "message" in error)) {
    const e = error as { name?: unknown; message?: unknown; pythonType?: unknown };
    const kind = typeof e.pythonType === "string" ? e.pythonType : typeof e.name === "string" ? e.name : "Error";
    return `${kind}: ${String(e.message)}`;
  }
  return show(error);
}

export function describeObject(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object" && typeof value !== "function") return show(value);
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return `a ${typeof name === "string" ? name : "object"}`;
}

/** Classifies what a get method did. */
export function classify(flags: number, get: () => unknown): Answer {
  let value: unknown;
  try {
    value = get();
  } catch (error) {
    return isPythonError(error, "BufferError") ? { kind: "refused", flags, error } : { kind: "threw", flags, error };
  }
  if (typeof value !== "object" || value === null) return { kind: "returned", flags, value };
  return { kind: "served", flags, record: value as BufferRecord };
}
