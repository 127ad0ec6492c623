/**
 * The content properties: the items, bytes and list read through
 * `MemoryView` against the case's description, one read per case serving
 * content.tolist, content.tobytes and content.items; and the shared-memory check.
 *
 * @module
 */

import { BufferFlags, MemoryView } from "@pybuffer/core";
import type { CaseSpec, Model } from "../model/case.ts";
import { indexTuples } from "../model/layout.ts";
import { sameBytes, sameItem, sameList, show } from "../model/items.ts";
import { itemAddress } from "../model/record-reader.ts";
import { errorText, type Problem } from "./examine.ts";
import { PropertyContext } from "./context.ts";
import type { GroupEvaluation } from "./group-evaluations.ts";
import { REFS } from "./spec-refs.ts";
import { ALL_VIEWS, EXPORTER, type BaseDefinition } from "./definition.ts";

/** content.tolist, content.tobytes and content.items, read once per case through one MemoryView. */
export function contentBody(ctx: PropertyContext, spec: CaseSpec): void {
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

/** content.*, in the catalog's order. */
export const CONTENT_PROPERTIES: readonly BaseDefinition[] = [
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

];
