/**
 * The consumer properties: what `@pybuffer/core` sees of the exporter, through
 * `memoryview` and `getBuffer`, against what the exporter itself answered.
 *
 * @module
 */

import { BufferFlags, getBuffer, memoryview, MemoryView, releaseBuffer, type BufferRecord } from "@pybuffer/core";
import { stridesDifference } from "../model/layout.ts";
import { sameBytes, sameList, show } from "../model/items.ts";
import { readItemsC } from "../model/record-reader.ts";
import { answerValid, ask, errorText, examine, releaseQuietly } from "./examine.ts";
import { ALL_REQUESTS, requestName } from "./requests.ts";
import { isBufferError, RAW_MUST_IDS } from "./failures.ts";
import { REFS } from "./spec-refs.ts";
import { EXPORTER, type BaseDefinition } from "./definition.ts";

/** consumer.*, in the catalog's order. */
export const CONSUMER_PROPERTIES: readonly BaseDefinition[] = [
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

];

/** `releaseBuffer`, ignoring the exporter's errors (lifetime.release reports them). */
function releaseQuietlyThroughCore(view: BufferRecord): void {
  try {
    releaseBuffer(view);
  } catch {
    // lifetime.release
  }
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
