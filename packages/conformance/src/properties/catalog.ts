/**
 * The properties: stable ids, requirement levels, the rule each checks, its
 * spec references, its checks, the capabilities it needs, and its body. A
 * base property that applies to views runs again on slices, casts and
 * read-only views of `memoryview(exporter)`, with ids `slice/<id>`,
 * `cast/<id>` and `readonly/<id>`.
 *
 * Ids and check names are the suite's contract: they never change meaning;
 * a new MUST property is a breaking change (see the README, "Versioning").
 *
 * @module
 */

import {
  BufferFlags,
  getBuffer,
  memoryview,
  MemoryView,
  releaseBuffer,
  slice,
  type BufferRecord,
} from "@pybuffer/core";
import type { Capabilities } from "../adapter/types.ts";
import type { CaseSpec, Model, ViewKind } from "../model/case.ts";
import { indexTuples, stridesDifference } from "../model/layout.ts";
import { sameBytes, sameItem, sameList, show } from "../model/items.ts";
import { itemAddress, readItemsC } from "../model/record-reader.ts";
import { answerValid, ask, errorText, examine, releaseQuietly, type Answer, type Problem } from "./examine.ts";
import { ALL_REQUESTS, requestName } from "./requests.ts";
import { isBufferError, PropertyContext, RAW_MUST_IDS, type GroupEvaluation } from "./context.ts";
import { REFS, type SpecRef } from "./spec-refs.ts";

/** MUST properties gate a run; SHOULD and MAY ones run and are reported, never gate. */
export type Level = "MUST" | "SHOULD" | "MAY";

export type Group = "adapter" | "getbuf" | "record" | "consumer" | "content" | "lifetime";

/** What the report and the README say about a property. */
export interface PropertyInfo {
  /** Full id: the base id, prefixed with `<view>/` for a derived view. */
  readonly id: string;
  readonly base: string;
  readonly view: ViewKind;
  readonly group: Group;
  readonly level: Level;
  /** The rule, in one sentence. */
  readonly rule: string;
  readonly specRefs: readonly SpecRef[];
  /** Check names: a failure names one, and a baseline entry may name `<id>:<check>`. */
  readonly checks: readonly string[];
  /**
   * Whom the property judges: `exporter` (its answers, records, items and
   * lifetime), or `consumer` (core's memoryview views derived from a record
   * the exporter properties already validated: the consumer group, reported
   * apart from the exporter's own count).
   */
  readonly judges: Judged;
}

/** See {@link PropertyInfo.judges}. */
export type Judged = "exporter" | "consumer";

/** A runnable property. */
export interface PropertyDefinition extends PropertyInfo {
  /**
   * What its fast-check seed derives from: the id, or the group (`raw`,
   * `content`, per view) whose members share cases and their evaluation.
   */
  readonly seedKey: string;
  /** Why this manifest rules the property out, or `null` when it applies. */
  readonly skipReason: (caps: Capabilities) => string | null;
  /** One case; throws a CheckFailure to fail. */
  readonly body: (ctx: PropertyContext, spec: CaseSpec) => void;
}

interface BaseDefinition {
  readonly id: string;
  readonly group: Group;
  readonly level: Level;
  readonly rule: string;
  readonly specRefs: readonly SpecRef[];
  readonly checks: readonly string[];
  readonly views: readonly ViewKind[];
  readonly requires?: (caps: Capabilities, view: ViewKind) => string | null;
  readonly body: (ctx: PropertyContext, spec: CaseSpec) => void;
}

const ALL_VIEWS: readonly ViewKind[] = ["exporter", "slice", "cast", "readonly"];
const EXPORTER: readonly ViewKind[] = ["exporter"];

// ---- bodies ------------------------------------------------------------------

/** The raw oracle over every request: one evaluation per case serves every getbuf.* and record.* property. */
function rawBody(ctx: PropertyContext, spec: CaseSpec): void {
  ctx.group("raw", spec, () => {
    const { subject } = ctx.openSubject(ctx.build(spec));
    const answers = ask(subject, ALL_REQUESTS);
    ctx.onCleanup(() => releaseQuietly(subject, answers));
    return { problems: examine(subject, answers), notApplicable: {} };
  });
}

/** content.tolist, content.tobytes and content.items, read once per case through one MemoryView. */
function contentBody(ctx: PropertyContext, spec: CaseSpec): void {
  ctx.group("content", spec, () => {
    const { exporter, subject } = ctx.openSubject(ctx.build(spec));
    const m = ctx.view === "exporter" ? ctx.consumerView(exporter, subject) : (subject.target as MemoryView);
    return readContent(m, subject.model);
  });
}

function readContent(m: MemoryView, model: Model): GroupEvaluation {
  const problems: Problem[] = [];
  const notApplicable: Record<string, string> = {};
  const add = (property: string, check: string, message: string): void => {
    problems.push({ property, check, message });
  };
  const attempt = <T>(property: string, what: string, run: () => T): { value: T } | undefined => {
    try {
      return { value: run() };
    } catch (error) {
      add(property, "threw", `${what} threw ${errorText(error)}`);
      return undefined;
    }
  };

  // content.tobytes
  const expectedA = model.c === "yes" ? model.bytesC : model.f === "yes" ? model.bytesF : model.bytesC;
  for (const [order, expected] of [
    [null, model.bytesC],
    ["C", model.bytesC],
    ["F", model.bytesF],
    ["A", expectedA],
  ] as const) {
    const bytes = attempt("content.tobytes", `toBytes(${JSON.stringify(order)})`, () => m.toBytes(order));
    if (bytes !== undefined && !sameBytes(bytes.value, expected)) {
      add("content.tobytes", order ?? "C", `toBytes(${JSON.stringify(order)}) is ${show(bytes.value)}, expected ${show(expected)}`);
    }
  }

  if (!model.itemAccess) {
    const reason = `memoryview has no item access for format ${JSON.stringify(model.format)}`;
    notApplicable["content.tolist"] = reason;
    notApplicable["content.items"] = reason;
    return { problems, notApplicable };
  }

  // content.tolist
  const list = attempt("content.tolist", "toList()", () => m.toList());
  if (list !== undefined && !sameList(list.value, model.list)) {
    add("content.tolist", "mismatch", `toList() is ${show(list.value)}, expected ${show(model.list)}`);
  }

  // content.items: the first wrong item is enough.
  const check = (key: number | number[], expected: unknown): boolean => {
    const value = attempt("content.items", `get(${show(key)})`, () => m.get(key));
    if (value === undefined) return false;
    if (!sameItem(value.value, expected)) {
      add("content.items", "mismatch", `get(${show(key)}) is ${show(value.value)}, expected ${show(expected)}`);
      return false;
    }
    return true;
  };
  if (model.ndim === 0) {
    check([], model.items[0]);
  } else {
    let k = 0;
    for (const index of indexTuples(model.shape, "C")) {
      const expected = model.items[k++];
      const ok =
        model.ndim === 1 ? check(index[0]!, expected) && check(index[0]! - model.shape[0]!, expected) : check(index, expected);
      if (!ok) break;
    }
  }
  return { problems, notApplicable };
}

function readC(ctx: PropertyContext, record: BufferRecord, pointer: number): Uint8Array | null {
  try {
    return readItemsC(record, pointer);
  } catch (error) {
    void ctx;
    void error;
    return null;
  }
}

// ---- the base properties --------------------------------------------------------

const BASE: readonly BaseDefinition[] = [
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

  // -- consumer: what @pybuffer/core sees -----------------------------------------------
  {
    id: "consumer.memoryview",
    group: "consumer",
    level: "MUST",
    rule: "memoryview(exporter) accepts an exporter whose FULL_RO answer is valid, and its attributes are the exporter's (obj, nbytes, itemsize, format, ndim, shape, strides, readonly, suboffsets, contiguity).",
    specRefs: [REFS.memoryview, REFS.verify],
    checks: ["refused", "attribute"],
    views: EXPORTER,
    body(ctx, spec) {
      const built = ctx.build(spec);
      const { exporter, subject } = ctx.openSubject(built);
      ctx.requireValid(subject, BufferFlags.FULL_RO);
      const model = built.model;
      let m: MemoryView;
      try {
        m = memoryview(exporter, { abi: model.abi });
      } catch (error) {
        ctx.fail("refused", `memoryview(exporter) threw ${errorText(error)}, although the exporter's FULL_RO answer is valid`);
        return;
      }
      ctx.onCleanup(() => m.release());
      const expect = (name: string, actual: unknown, expected: unknown): void => {
        if (!sameList(actual, expected)) ctx.fail("attribute", `memoryview(exporter).${name} is ${show(actual)}, expected ${show(expected)}`);
      };
      // memoryview(m) of a memoryview shares m's managed buffer, so its obj is m's
      // exporter (Objects/memoryobject.c: PyMemoryView_FromObject, mbuf_add_view).
      const expectedObj = exporter instanceof MemoryView ? exporter.obj : subject.expectedObj;
      expect("obj", m.obj === expectedObj, true);
      expect("nbytes", m.nbytes, model.len);
      expect("itemsize", m.itemsize, model.itemsize);
      expect("format", m.format, model.format);
      expect("ndim", m.ndim, model.ndim);
      expect("shape", m.shape, model.shape);
      if (model.strides !== null) {
        const differ = stridesDifference(model.shape, m.strides, model.strides, model.itemsize);
        if (differ !== null) ctx.fail("attribute", `memoryview(exporter).strides ${show(m.strides)} do not reach the items of strides ${show(model.strides)}: ${differ}`);
      }
      expect("readonly", m.readonly, model.readonly);
      expect("suboffsets.length > 0", m.suboffsets.length > 0, model.indirect);
      if (model.c !== "either") expect("cContiguous", m.cContiguous, model.c === "yes");
      if (model.f !== "either") expect("fContiguous", m.fContiguous, model.f === "yes");
    },
  },
  {
    id: "consumer.getbuffer",
    group: "consumer",
    level: "MUST",
    rule: "getBuffer(exporter, flags) gives the consumer what the exporter answered: the same fields and items for a valid record, a BufferError for a refusal.",
    specRefs: [REFS.getBuffer, REFS.release],
    checks: ["refused", "differs", "error-changed"],
    views: EXPORTER,
    body(ctx, spec) {
      const built = ctx.build(spec);
      const { exporter, subject } = ctx.openSubject(built);
      const answers = ask(subject, ALL_REQUESTS);
      ctx.onCleanup(() => releaseQuietly(subject, answers));
      const problems = examine(subject, answers);
      for (const answer of answers) {
        const request = requestName(answer.flags);
        if (answer.kind === "served" && answerValid(problems, answer.flags, RAW_MUST_IDS)) {
          let view: BufferRecord;
          try {
            view = getBuffer(exporter, answer.flags, { abi: built.model.abi });
          } catch (error) {
            ctx.fail("refused", `request ${request}: getBuffer threw ${errorText(error)}, although the exporter's answer is valid`);
            continue;
          }
          try {
            const difference = recordDifference(answer.record, view, subject.pointer);
            if (difference !== null) ctx.fail("differs", `request ${request}: the consumer's record differs from the exporter's: ${difference}`);
          } finally {
            releaseQuietlyThroughCore(view);
          }
        } else if (answer.kind === "refused") {
          let view: BufferRecord | undefined;
          try {
            view = getBuffer(exporter, answer.flags, { abi: built.model.abi });
          } catch (error) {
            if (!isBufferError(error)) ctx.fail("error-changed", `request ${request}: the exporter refused with BufferError, the consumer threw ${errorText(error)}`);
          }
          if (view !== undefined) {
            releaseQuietlyThroughCore(view);
            ctx.fail("error-changed", `request ${request}: the exporter refused, but getBuffer served a record`);
          }
        }
      }
    },
  },

  // -- content: through MemoryView, against the description ----------------------------------
  {
    id: "content.tolist",
    group: "content",
    level: "MUST",
    rule: "toList() of a memoryview over the exporter is the description's items, nested by shape.",
    specRefs: [REFS.tolist, REFS.verify],
    checks: ["threw", "mismatch"],
    views: ALL_VIEWS,
    body: contentBody,
  },
  {
    id: "content.tobytes",
    group: "content",
    level: "MUST",
    rule: "toBytes() in order C (the default), F and A is the description's items in that order ('A': the physical order of a C- or F-contiguous view, else C).",
    specRefs: [REFS.tobytes, REFS.verify],
    checks: ["threw", "C", "F", "A"],
    views: ALL_VIEWS,
    body: contentBody,
  },
  {
    id: "content.items",
    group: "content",
    level: "MUST",
    rule: "Item access through a memoryview (get(i), get(-i), get([i, j, ...]), get([]) for 0-d) reads the description's item at every index.",
    specRefs: [REFS.memoryview, REFS.verify],
    checks: ["threw", "mismatch"],
    views: ALL_VIEWS,
    body: contentBody,
  },
  {
    id: "content.shared-memory",
    group: "content",
    level: "MUST",
    rule: "Buffers are the exporter's memory, not copies: a write through one WRITABLE buffer is seen by a second request and by a memoryview taken before the write.",
    specRefs: [REFS.bfGetbuffer, REFS.pyBuffer],
    checks: ["not-shared", "consumer-stale"],
    views: EXPORTER,
    requires: (caps) => (caps.writable ? null : "the manifest declares writable: false"),
    body(ctx, spec) {
      const built = ctx.build(spec);
      const model = built.model;
      if (model.readonly) ctx.skipCase("a read-only case has nothing to write");
      if (model.len === 0) ctx.skipCase("an empty case has nothing to write");
      const { exporter, subject } = ctx.openSubject(built);
      const m = ctx.consumerView(exporter, subject);
      const w = ctx.requireValid(subject, BufferFlags.FULL);
      const zero = new Array<number>(model.ndim).fill(0);
      const p = itemAddress(w.record, zero, subject.pointer)!;
      const bytes = new Uint8Array(w.record.memory);
      const original = bytes[p]!;
      bytes[p] = original ^ 0xa5;
      ctx.onCleanup(() => {
        bytes[p] = original;
      });
      const r = ctx.requireValid(subject, BufferFlags.FULL_RO);
      const q = itemAddress(r.record, zero, subject.pointer)!;
      const seen = new Uint8Array(r.record.memory)[q];
      if (seen !== (original ^ 0xa5)) {
        ctx.fail("not-shared", `wrote byte ${original ^ 0xa5} into the first item through a FULL buffer; a second FULL_RO request reads ${String(seen)}`);
      }
      const first = m.toBytes()[0];
      if (first !== (original ^ 0xa5)) {
        ctx.fail("consumer-stale", `wrote byte ${original ^ 0xa5} into the first item; a memoryview taken before reads ${String(first)}`);
      }
    },
  },

  // -- lifetime -------------------------------------------------------------------------------
  {
    id: "lifetime.release",
    group: "lifetime",
    level: "MUST",
    rule: "Every served record can be given back once: the release method of the record's obj (if any) returns normally.",
    specRefs: [REFS.bfReleasebuffer, REFS.release],
    checks: ["threw"],
    views: EXPORTER,
    body(ctx, spec) {
      const { subject } = ctx.openSubject(ctx.build(spec));
      for (const flags of ALL_REQUESTS) {
        const answer = subject.get(flags);
        if (answer.kind !== "served") continue;
        try {
          subject.release(answer.record);
        } catch (error) {
          ctx.fail("threw", `request ${requestName(flags)}: releasing the record threw ${errorText(error)}`);
        }
      }
    },
  },
  {
    id: "lifetime.after-release",
    group: "lifetime",
    level: "MUST",
    rule: "Releasing one buffer leaves the others intact (same memory, same items) and the exporter still serves requests with the same items.",
    specRefs: [REFS.bfReleasebuffer, REFS.release],
    checks: ["held-buffer-changed", "refused-after-release", "content-changed"],
    views: EXPORTER,
    body(ctx, spec) {
      const { subject } = ctx.openSubject(ctx.build(spec));
      const a = ctx.requireValid(subject, BufferFlags.FULL_RO);
      const read = readC(ctx, a.record, subject.pointer);
      if (read === null) return ctx.skipCase("the held buffer cannot be read");
      const original: Uint8Array = read;
      const b = subject.get(BufferFlags.FULL_RO);
      if (b.kind === "served") {
        try {
          subject.release(b.record);
        } catch {
          // lifetime.release reports it
        }
      }
      const held = readC(ctx, a.record, subject.pointer);
      if (held === null || !sameBytes(held, original)) {
        ctx.fail("held-buffer-changed", `after releasing a second buffer, the held buffer reads ${held === null ? "nothing (its memory is gone)" : show(held)} instead of ${show(original)}`);
      }
      for (let round = 0; round < 2; round++) {
        const c = subject.get(BufferFlags.FULL_RO);
        if (c.kind !== "served") {
          ctx.fail("refused-after-release", `after a release, a FULL_RO request got ${c.kind === "refused" || c.kind === "threw" ? errorText(c.error) : "no record"}`);
          return;
        }
        const now = readC(ctx, c.record, subject.pointer);
        try {
          subject.release(c.record);
        } catch {
          // lifetime.release reports it
        }
        if (now === null || !sameBytes(now, original)) {
          ctx.fail("content-changed", `after a release, a new FULL_RO buffer reads ${now === null ? "nothing" : show(now)} instead of ${show(original)}`);
        }
        if (round === 0) {
          // Give the held buffer back too; the exporter must still serve.
          try {
            subject.release(a.record);
          } catch {
            // lifetime.release reports it
          }
        }
      }
    },
  },
  {
    id: "lifetime.export-count",
    group: "lifetime",
    level: "MUST",
    rule: "The export count rises by one per served request, not on a refusal, falls by one per release, and returns to where it started.",
    specRefs: [REFS.bfGetbuffer, REFS.bfReleasebuffer],
    checks: ["get", "refused-get", "release", "balance"],
    views: EXPORTER,
    requires: (caps) => (caps.countsExports ? null : "the manifest declares countsExports: false"),
    body(ctx, spec) {
      const { exporter, subject } = ctx.openSubject(ctx.build(spec));
      const start = ctx.exportCount(exporter);
      let count = start;
      const held: Answer[] = [];
      ctx.onCleanup(() => releaseQuietly(subject, held));
      for (const flags of ALL_REQUESTS) {
        const answer = subject.get(flags);
        const now = ctx.exportCount(exporter);
        if (answer.kind === "served") {
          held.push(answer);
          if (now !== count + 1) ctx.fail("get", `request ${requestName(flags)} was served; the count went from ${count} to ${now}, not ${count + 1}`);
        } else if (now !== count) {
          ctx.fail("refused-get", `request ${requestName(flags)} was refused; the count went from ${count} to ${now}`);
        }
        count = now;
      }
      while (held.length > 0) {
        const answer = held.pop()!;
        if (answer.kind !== "served") continue;
        try {
          subject.release(answer.record);
        } catch {
          // lifetime.release reports it
        }
        const now = ctx.exportCount(exporter);
        if (now !== count - 1) ctx.fail("release", `releasing request ${requestName(answer.flags)}'s record moved the count from ${count} to ${now}, not ${count - 1}`);
        count = now;
      }
      const end = ctx.exportCount(exporter);
      if (end !== start) ctx.fail("balance", `after releasing every buffer the count is ${end}, not ${start}`);
    },
  },
  {
    id: "lifetime.resize-locked",
    group: "lifetime",
    level: "MUST",
    rule: "While any buffer is exported, the resize operation is refused with BufferError and the data stays as it was.",
    specRefs: [REFS.bfGetbuffer, REFS.bytearrayResize],
    checks: ["allowed-while-exported", "wrong-error", "data-changed"],
    views: EXPORTER,
    requires: (caps) => (caps.resizable ? null : "the manifest declares resizable: false"),
    body(ctx, spec) {
      const built = ctx.build(spec);
      const frozen = ctx.notResizable(built.model.readonly);
      if (frozen !== null) ctx.skipCase(frozen);
      const { exporter, subject } = ctx.openSubject(built);
      const a = subject.get(BufferFlags.FULL_RO);
      if (a.kind !== "served") return ctx.skipCase("FULL_RO was not served");
      const b = subject.get(BufferFlags.FULL_RO);
      const held: Answer[] = [a, b];
      ctx.onCleanup(() => releaseQuietly(subject, held));
      const before = readC(ctx, a.record, subject.pointer);
      const expectRefused = (when: string): void => {
        const outcome = ctx.resize(exporter);
        if (!outcome.threw) ctx.fail("allowed-while-exported", `resize went through ${when}`);
        else if (!isBufferError(outcome.error)) ctx.fail("wrong-error", `resize ${when} threw ${errorText(outcome.error)}, not BufferError`);
      };
      expectRefused(`with ${b.kind === "served" ? 2 : 1} buffer(s) exported`);
      if (b.kind === "served") {
        held.pop();
        try {
          subject.release(b.record);
        } catch {
          // lifetime.release reports it
        }
        expectRefused("with 1 of 2 buffers still exported");
      }
      const after = readC(ctx, a.record, subject.pointer);
      if (before !== null && (after === null || !sameBytes(before, after))) {
        ctx.fail("data-changed", `a refused resize changed the exported items from ${show(before)} to ${after === null ? "nothing" : show(after)}`);
      }
    },
  },
  {
    id: "lifetime.resize-unlocked",
    group: "lifetime",
    level: "MUST",
    rule: "Once every buffer is released (refused requests never count), the resize operation goes through.",
    specRefs: [REFS.bfReleasebuffer, REFS.bytearrayResize],
    checks: ["still-locked", "resize-failed"],
    views: EXPORTER,
    requires: (caps) => (caps.resizable ? null : "the manifest declares resizable: false"),
    body(ctx, spec) {
      const built = ctx.build(spec);
      const frozen = ctx.notResizable(built.model.readonly);
      if (frozen !== null) ctx.skipCase(frozen);
      const { exporter, subject } = ctx.openSubject(built);
      const answers = ask(subject, ALL_REQUESTS);
      for (const answer of answers) {
        if (answer.kind !== "served") continue;
        try {
          subject.release(answer.record);
        } catch {
          // lifetime.release reports it
        }
      }
      const served = answers.filter((a) => a.kind === "served").length;
      const outcome = ctx.resize(exporter);
      if (outcome.threw) {
        const when = `after ${served} served requests were all released (and ${answers.length - served} refused)`;
        if (isBufferError(outcome.error)) ctx.fail("still-locked", `${when}, resize was still refused: ${errorText(outcome.error)}`);
        else ctx.fail("resize-failed", `${when}, resize threw ${errorText(outcome.error)}, which is no export lock: the operation itself fails on this instance`);
      }
    },
  },
  {
    id: "lifetime.memoryview-release",
    group: "lifetime",
    level: "MUST",
    rule: "A memoryview and the views derived from it hold the exporter's buffer (one export) until the last of them is released, and then give it back.",
    specRefs: [REFS.mvRelease, REFS.release],
    checks: ["count", "unlocked-early", "leaked", "resize-failed"],
    views: EXPORTER,
    requires: (caps) => (caps.countsExports || caps.resizable ? null : "the manifest declares neither countsExports nor resizable, so exports cannot be observed"),
    body(ctx, spec) {
      const built = ctx.build(spec);
      const { exporter, subject } = ctx.openSubject(built);
      if (exporter instanceof MemoryView) {
        ctx.skipCase("memoryview(m) of a memoryview shares m's managed buffer instead of taking an export of m (CPython's memoryview semantics)");
      }
      const counts = ctx.caps.countsExports;
      const frozen = ctx.notResizable(built.model.readonly);
      const resizable = frozen === null;
      if (!counts && frozen !== null) ctx.skipCase(`exports cannot be observed: the manifest declares countsExports: false, and ${frozen}`);
      const start = counts ? ctx.exportCount(exporter) : 0;
      const m = ctx.consumerView(exporter, subject);
      const derived = m.ndim > 0 ? (m.get(slice(null, null, -1)) as MemoryView) : m.toReadonly();
      ctx.onCleanup(() => derived.release());
      const held = (when: string): void => {
        if (counts) {
          const now = ctx.exportCount(exporter);
          if (now !== start + 1) ctx.fail("count", `${when}, the count is ${now}, not ${start + 1}`);
        }
        if (resizable) {
          const outcome = ctx.resize(exporter);
          if (!outcome.threw) ctx.fail("unlocked-early", `${when}, resize went through`);
        }
      };
      held("with a memoryview and a view derived from it alive");
      m.release();
      held("after releasing the memoryview while its derived view is alive");
      derived.release();
      if (counts) {
        const now = ctx.exportCount(exporter);
        if (now !== start) ctx.fail("leaked", `after releasing every view the count is ${now}, not ${start}`);
      }
      if (resizable) {
        const outcome = ctx.resize(exporter);
        if (outcome.threw && isBufferError(outcome.error)) ctx.fail("leaked", `after releasing every view, resize was still refused: ${errorText(outcome.error)}`);
        else if (outcome.threw) ctx.fail("resize-failed", `after releasing every view, resize threw ${errorText(outcome.error)}, which is no export lock: the operation itself fails on this instance`);
      }
    },
  },
];

/** `releaseBuffer`, ignoring the exporter's errors (lifetime.release reports them). */
function releaseQuietlyThroughCore(view: BufferRecord): void {
  try {
    releaseBuffer(view);
  } catch {
    // lifetime.release
  }
}

function answerDifference(a: Answer, b: Answer): string | null {
  if (a.kind !== b.kind) return `answered ${a.kind} the first time and ${b.kind} the second`;
  if (a.kind !== "served" || b.kind !== "served") return null;
  if (a.record.memory !== b.record.memory) return "the two records have different memory blocks";
  for (const key of ["buf", "len", "itemsize", "readonly", "format", "ndim", "shape", "strides", "suboffsets"] as const) {
    if (!sameList(a.record[key], b.record[key])) return `${key} is ${show(a.record[key])} the first time and ${show(b.record[key])} the second`;
  }
  return null;
}

function recordDifference(raw: BufferRecord, seen: BufferRecord, pointer: number): string | null {
  for (const key of ["obj", "len", "itemsize", "readonly", "format", "ndim", "shape", "strides", "suboffsets"] as const) {
    const x = raw[key];
    const y = seen[key];
    if (key === "obj" ? x !== y : !sameList(x, y)) return `${key} is ${show(y)}, the exporter said ${show(x)}`;
  }
  const a = readItemsC(raw, pointer);
  const b = readItemsC(seen, pointer);
  if (a === null || b === null || !sameBytes(a, b)) return "the items differ";
  return null;
}

// ---- the catalog ------------------------------------------------------------------------------

/** View prefixes of derived properties. */
export const VIEW_PREFIX: Readonly<Record<ViewKind, string>> = { exporter: "", slice: "slice/", cast: "cast/", readonly: "readonly/" };

function viewSkipReason(caps: Capabilities, view: ViewKind): string | null {
  if (view === "slice" && caps.maxNdim === 0) return "slices need ndim >= 1; the manifest declares maxNdim: 0";
  if (view === "cast" && !caps.layouts.includes("C") && !caps.layouts.includes("F") && caps.minNdim > 0) {
    return "casts need C-contiguous views; the manifest's layouts have none";
  }
  return null;
}

/** Every property, base ones first, then each view's. */
export const PROPERTIES: readonly PropertyDefinition[] = Object.freeze(
  (["exporter", "slice", "cast", "readonly"] as const).flatMap((view) =>
    BASE.filter((b) => b.views.includes(view)).map((b): PropertyDefinition => {
      const id = `${VIEW_PREFIX[view]}${b.id}`;
      const group = b.body === rawBody ? "raw" : b.body === contentBody ? "content" : undefined;
      return Object.freeze({
        id,
        seedKey: group === undefined ? id : `${VIEW_PREFIX[view]}${group}`,
        base: b.id,
        view,
        group: b.group,
        level: b.level,
        rule: view === "exporter" ? b.rule : `On ${viewText(view)}: ${b.rule}`,
        specRefs: view === "exporter" ? b.specRefs : [...b.specRefs, viewRef(view)],
        checks: b.checks,
        judges: view === "exporter" ? "exporter" : "consumer",
        skipReason: (caps: Capabilities) => viewSkipReason(caps, view) ?? b.requires?.(caps, view) ?? null,
        body: b.body,
      });
    }),
  ),
);

function viewText(view: ViewKind): string {
  switch (view) {
    case "slice":
      return "a slice m[a:b:c] of memoryview(exporter)";
    case "cast":
      return "a cast m.cast(\"B\").cast(fmt, shape) of memoryview(exporter)";
    case "readonly":
      return "m.toReadonly() of memoryview(exporter)";
    default:
      return "the exporter";
  }
}

function viewRef(view: ViewKind): SpecRef {
  return view === "cast" ? REFS.cast : view === "readonly" ? REFS.toreadonly : REFS.memoryview;
}

const BY_ID = new Map(PROPERTIES.map((p) => [p.id, p]));

/** The property with this id, if any. */
export function propertyById(id: string): PropertyDefinition | undefined {
  return BY_ID.get(id);
}

/** Public information about every property (no bodies). */
export function listProperties(): PropertyInfo[] {
  return PROPERTIES.map(({ id, base, view, group, level, rule, specRefs, checks, judges }) => ({ id, base, view, group, level, rule, specRefs, checks, judges }));
}
