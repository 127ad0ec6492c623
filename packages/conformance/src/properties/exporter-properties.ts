/**
 * The properties that judge the exporter's own answers: the adapter's
 * fresh exporters, the decision procedure over every request (getbuf.*),
 * and the invariants of every record served (record.*), the last two
 * evaluated once per case by one raw oracle.
 *
 * @module
 */

import { BufferFlags } from "@pybuffer/core";
import type { CaseSpec } from "../model/case.ts";
import { sameList, show } from "../model/items.ts";
import { itemAddress } from "../model/record-reader.ts";
import { ask, examine, releaseQuietly, type Answer } from "./examine.ts";
import { ALL_REQUESTS, requestName } from "./requests.ts";
import { PropertyContext } from "./context.ts";
import { REFS } from "./spec-refs.ts";
import { ALL_VIEWS, EXPORTER, type BaseDefinition } from "./definition.ts";

/** The raw oracle over every request: one evaluation per case serves every getbuf.* and record.* property. */
export function rawBody(ctx: PropertyContext, spec: CaseSpec): void {
  ctx.group("raw", spec, () => {
    const { subject } = ctx.openSubject(ctx.build(spec));
    const answers = ask(subject, ALL_REQUESTS);
    ctx.onCleanup(() => releaseQuietly(subject, answers));
    return { problems: examine(subject, answers), notApplicable: {} };
  });
}

/** adapter.*, getbuf.* and record.*, in the catalog's order. */
export const EXPORTER_PROPERTIES: readonly BaseDefinition[] = [
  {
    id: "adapter.fresh-exporters",
    group: "adapter",
    level: "MUST",
    rule: "The factory returns a new, isolated exporter on every call: two exporters built from one description are distinct objects and do not share writable memory.",
    specRefs: [REFS.pep3118],
    checks: ["same-object", "shared-memory"],
    views: EXPORTER,
    body(ctx, spec) {
      const built = ctx.build(spec);
      const a = ctx.make(built);
      const b = ctx.make(built);
      if (a === b) ctx.fail("same-object", "adapter.create returned the same object twice");
      if (built.model.readonly || built.model.len === 0) ctx.skipCase("only a writable, non-empty case can show shared memory");
      const sa = ctx.exporterSubject(a, built.model);
      const sb = ctx.exporterSubject(b, built.model);
      const wa = ctx.requireValid(sa, BufferFlags.FULL);
      const rb = ctx.requireValid(sb, BufferFlags.FULL_RO);
      const zero = new Array<number>(built.model.ndim).fill(0);
      const pa = itemAddress(wa.record, zero, sa.pointer)!;
      const pb = itemAddress(rb.record, zero, sb.pointer)!;
      const bytesA = new Uint8Array(wa.record.memory);
      const bytesB = new Uint8Array(rb.record.memory);
      const before = bytesB[pb]!;
      bytesA[pa] = bytesA[pa]! ^ 0xff;
      const after = bytesB[pb]!;
      bytesA[pa] = bytesA[pa]! ^ 0xff;
      if (before !== after) ctx.fail("shared-memory", "writing the first item of one exporter changed the first item of another built from the same description");
    },
  },

  // -- getbuf: the decision procedure, every request ---------------------------------
  {
    id: "getbuf.answer",
    group: "getbuf",
    level: "MUST",
    rule: "Every request gets a buffer record or a thrown BufferError (an error whose pythonType is \"BufferError\"); nothing else.",
    specRefs: [REFS.bfGetbuffer, REFS.getBuffer],
    checks: ["wrong-error", "not-a-record"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.serves-valid",
    group: "getbuf",
    level: "MUST",
    rule: "Every request the decision procedure serves is served: no BufferError where no step of the procedure refuses.",
    specRefs: [REFS.memoryGetbuf, REFS.verifyGetbuf, REFS.requestTypes],
    checks: ["refused"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.writable",
    group: "getbuf",
    level: "MUST",
    rule: "Step 2: a WRITABLE request of read-only memory is refused with BufferError.",
    specRefs: [REFS.readonlyFormat, REFS.memoryGetbuf, REFS.verifyGetbuf],
    checks: ["not-refused"],
    views: ALL_VIEWS,
    requires: (caps, view) =>
      view === "readonly" || caps.readonly ? null : "the manifest declares readonly: false, so the exporter never has read-only memory",
    body: rawBody,
  },
  {
    id: "getbuf.format",
    group: "getbuf",
    level: "MUST",
    rule: "Step 3: with FORMAT the record's format is the exporter's, verbatim; without FORMAT it is null.",
    specRefs: [REFS.readonlyFormat, REFS.format, REFS.memoryGetbuf],
    checks: ["missing", "wrong", "unrequested"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.contiguity",
    group: "getbuf",
    level: "MUST",
    rule: "Step 4: C_CONTIGUOUS, F_CONTIGUOUS and ANY_CONTIGUOUS requests are refused unless the layout has that contiguity (PyBuffer_IsContiguous), and a served one is contiguous in that order.",
    specRefs: [REFS.contiguityRequests, REFS.isContiguous, REFS.memoryGetbuf],
    checks: ["not-refused", "not-contiguous"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.suboffsets",
    group: "getbuf",
    level: "MUST",
    rule: "Step 5: without INDIRECT, an exporter that needs suboffsets refuses; suboffsets appear only for INDIRECT requests, and only on PIL-style memory.",
    specRefs: [REFS.shapeStrides, REFS.pilStyle, REFS.memoryGetbuf],
    checks: ["not-refused", "without-indirect", "missing", "unneeded"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.strides",
    group: "getbuf",
    level: "MUST",
    rule: "Step 6: without STRIDES, a layout that is not C-contiguous is refused and a C-contiguous one gets strides null; with STRIDES, strides are filled.",
    specRefs: [REFS.shapeStrides, REFS.strides, REFS.memoryGetbuf],
    checks: ["not-refused", "missing", "unrequested"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.shape",
    group: "getbuf",
    level: "MUST",
    rule: "ND and step 7: with ND, shape is filled and ndim is the exporter's; without ND, shape is null and ndim is 1 (len and itemsize unchanged).",
    specRefs: [REFS.shapeStrides, REFS.shape, REFS.ndim, REFS.memoryGetbuf],
    checks: ["missing", "unrequested", "ndim"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.format-without-shape",
    group: "getbuf",
    level: "MUST",
    rule: "Step 7: FORMAT without ND (SIMPLE|FORMAT, WRITABLE|FORMAT) is refused or served as the manifest declares (formatWithoutShape; memoryview views refuse).",
    specRefs: [REFS.readonlyFormat, REFS.memoryGetbuf, REFS.verifyGetbuf],
    checks: ["declared-refuse", "declared-serve"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.obj",
    group: "getbuf",
    level: "MUST",
    rule: "A served record's obj is the exporter itself (or, for a declared redirect, the root the adapter names).",
    specRefs: [REFS.obj, REFS.bfGetbuffer],
    checks: ["wrong-obj"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "getbuf.deterministic",
    group: "getbuf",
    level: "SHOULD",
    rule: "The same request asked twice gets the same answer: refused both times, or records with the same memory block and fields.",
    specRefs: [REFS.readonlyFormat, REFS.pyBuffer],
    checks: ["differs"],
    views: EXPORTER,
    body(ctx, spec) {
      const { subject } = ctx.openSubject(ctx.build(spec));
      const first = ask(subject, ALL_REQUESTS);
      ctx.onCleanup(() => releaseQuietly(subject, first));
      const second = ask(subject, ALL_REQUESTS);
      ctx.onCleanup(() => releaseQuietly(subject, second));
      for (let i = 0; i < first.length; i++) {
        const difference = answerDifference(first[i]!, second[i]!);
        if (difference !== null) ctx.fail("differs", `request ${requestName(first[i]!.flags)}: ${difference}`);
      }
    },
  },
  {
    id: "getbuf.refusal-message",
    group: "getbuf",
    level: "SHOULD",
    rule: "A BufferError says why: its message is not empty.",
    specRefs: [REFS.bfGetbuffer],
    checks: ["empty"],
    views: EXPORTER,
    body: rawBody,
  },
  {
    id: "getbuf.cpython-messages",
    group: "getbuf",
    level: "MAY",
    rule: "A refusal may use CPython's message for the same step (memoryview's, _testbuffer.ndarray's or bytearray's), which eases porting tests.",
    specRefs: [REFS.memoryGetbuf, REFS.ndarrayGetbuf],
    checks: ["differs"],
    views: EXPORTER,
    body: rawBody,
  },

  // -- record: verify() invariants on every served record ------------------------------
  {
    id: "record.fields",
    group: "record",
    level: "MUST",
    rule: "A record has the fields of Py_buffer with their types: memory an ArrayBuffer or SharedArrayBuffer; buf, len, itemsize, ndim integers (len >= 0, itemsize >= 1, ndim <= 64); readonly a boolean; format a string or null; shape, strides, suboffsets null or ndim integers.",
    specRefs: [REFS.pyBuffer, REFS.verify],
    checks: ["memory", "buf", "len", "itemsize", "readonly", "format", "ndim", "arrays"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "record.len",
    group: "record",
    level: "MUST",
    rule: "len == product(shape) * itemsize; without ND (shape null) len keeps that value.",
    specRefs: [REFS.len, REFS.verify],
    checks: ["mismatch", "unchanged"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "record.itemsize",
    group: "record",
    level: "MUST",
    rule: "itemsize == calcsize(format) of the exporter's format, with or without FORMAT.",
    specRefs: [REFS.itemsize, REFS.verify],
    checks: ["mismatch"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "record.readonly",
    group: "record",
    level: "MUST",
    rule: "readonly is true for read-only memory and false for a served WRITABLE request; without WRITABLE a writable exporter may answer either, but the same to every request.",
    specRefs: [REFS.readonly, REFS.readonlyFormat],
    checks: ["writable-claim", "writable-request", "inconsistent"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "record.shape",
    group: "record",
    level: "MUST",
    rule: "A filled shape is the exporter's shape.",
    specRefs: [REFS.shape, REFS.verify],
    checks: ["mismatch"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "record.strides",
    group: "record",
    level: "MUST",
    rule: "Filled strides reach the exporter's items: on a non-empty buffer, every dimension of extent above 1 steps as described, and contiguity is CPython's; extents 0 and 1 leave strides free (PIL-style exporters choose their own).",
    specRefs: [REFS.strides, REFS.numpyStyle, REFS.verify],
    checks: ["mismatch"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "record.bounds",
    group: "record",
    level: "MUST",
    rule: "Every item reachable through buf, shape, strides and suboffset pointers lies inside the memory block.",
    specRefs: [REFS.pyBuffer, REFS.verifyStructure, REFS.pilStyle],
    checks: ["buf", "items", "pointer"],
    views: ALL_VIEWS,
    body: rawBody,
  },
  {
    id: "record.scalar",
    group: "record",
    level: "MUST",
    rule: "A 0-d exporter's records have shape, strides and suboffsets null and len == itemsize; with ND, ndim is 0.",
    specRefs: [REFS.ndim, REFS.verify],
    checks: ["ndim", "fields", "len"],
    views: ["exporter", "cast", "readonly"],
    requires: (caps, view) => (view === "cast" || caps.minNdim === 0 ? null : `the manifest declares minNdim: ${caps.minNdim}, so there are no 0-d exporters`),
    body: rawBody,
  },
  {
    id: "record.suboffsets",
    group: "record",
    level: "MUST",
    rule: "Suboffsets are null when every entry would be negative.",
    specRefs: [REFS.suboffsets, REFS.pilStyle],
    checks: ["all-negative"],
    views: ALL_VIEWS,
    body: rawBody,
  },

];

function answerDifference(a: Answer, b: Answer): string | null {
  if (a.kind !== b.kind) return `answered ${a.kind} the first time and ${b.kind} the second`;
  if (a.kind !== "served" || b.kind !== "served") return null;
  if (a.record.memory !== b.record.memory) return "the two records have different memory blocks";
  for (const key of ["buf", "len", "itemsize", "readonly", "format", "ndim", "shape", "strides", "suboffsets"] as const) {
    if (!sameList(a.record[key], b.record[key])) return `${key} is ${show(a.record[key])} the first time and ${show(b.record[key])} the second`;
  }
  return null;
}
