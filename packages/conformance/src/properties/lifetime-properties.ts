/**
 * The lifetime properties: release, use after release, export counts,
 * resizing while exported and after, and memoryview's own release.
 *
 * @module
 */

import { BufferFlags, MemoryView, slice, type BufferRecord } from "@pybuffer/core";
import { sameBytes, show } from "../model/items.ts";
import { readItemsC } from "../model/record-reader.ts";
import { ask, errorText, releaseQuietly, type Answer } from "./examine.ts";
import { ALL_REQUESTS, requestName } from "./requests.ts";
import { PropertyContext } from "./context.ts";
import { isBufferError } from "./failures.ts";
import { REFS } from "./spec-refs.ts";
import { EXPORTER, type BaseDefinition } from "./definition.ts";

/** lifetime.*, in the catalog's order. */
export const LIFETIME_PROPERTIES: readonly BaseDefinition[] = [
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

function readC(ctx: PropertyContext, record: BufferRecord, pointer: number): Uint8Array | null {
  try {
    return readItemsC(record, pointer);
  } catch (error) {
    void ctx;
    void error;
    return null;
  }
}
