/**
 * Every request flag combination a consumer can make, and what the exporter
 * decision procedure (CPython's `memory_getbuf` in Objects/memoryobject.c,
 * `ndarray_getbuf` in Modules/_testbuffer.c)
 * says each must get from an exporter of a given model.
 *
 * @module
 */

import { BufferFlags } from "@pybuffer/core";
import type { Model } from "../model/case.ts";
import type { Tri } from "../model/layout.ts";

const STRUCTURES = [
  ["SIMPLE", BufferFlags.SIMPLE],
  ["ND", BufferFlags.ND],
  ["STRIDES", BufferFlags.STRIDES],
  ["C_CONTIGUOUS", BufferFlags.C_CONTIGUOUS],
  ["F_CONTIGUOUS", BufferFlags.F_CONTIGUOUS],
  ["ANY_CONTIGUOUS", BufferFlags.ANY_CONTIGUOUS],
  ["INDIRECT", BufferFlags.INDIRECT],
] as const;

const ALIASES: Readonly<Record<number, string>> = {
  [BufferFlags.CONTIG]: "CONTIG",
  [BufferFlags.STRIDED]: "STRIDED",
  [BufferFlags.RECORDS]: "RECORDS",
  [BufferFlags.RECORDS_RO]: "RECORDS_RO",
  [BufferFlags.FULL]: "FULL",
  [BufferFlags.FULL_RO]: "FULL_RO",
};

/** All 28 requests: each structure flag with and without WRITABLE and FORMAT. */
export const ALL_REQUESTS: readonly number[] = Object.freeze(
  STRUCTURES.flatMap(([, s]) => [s, s | BufferFlags.WRITABLE, s | BufferFlags.FORMAT, s | BufferFlags.WRITABLE | BufferFlags.FORMAT]),
);

/** `STRIDES|FORMAT (RECORDS_RO, 0x1c)`. */
export function requestName(flags: number): string {
  const structure = flags & ~(BufferFlags.WRITABLE | BufferFlags.FORMAT);
  const base = STRUCTURES.find(([, s]) => s === structure)?.[0] ?? `0x${structure.toString(16)}`;
  const parts = [base === "SIMPLE" && flags !== 0 ? "" : base];
  if (flags & BufferFlags.WRITABLE) parts.push("WRITABLE");
  if (flags & BufferFlags.FORMAT) parts.push("FORMAT");
  const name = parts.filter(Boolean).join("|");
  const alias = ALIASES[flags];
  return `${name} (${alias ? `${alias}, ` : ""}0x${flags.toString(16)})`;
}

export function has(flags: number, request: number): boolean {
  return (flags & request) === request;
}

/** A refusal step of the decision procedure. */
export type Step = "writable" | "c-contiguous" | "f-contiguous" | "any-contiguous" | "suboffsets" | "strides" | "format-without-shape";

/** The steps in the order `memory_getbuf` (Objects/memoryobject.c) checks them. */
const STEP_ORDER: readonly Step[] = ["writable", "c-contiguous", "f-contiguous", "any-contiguous", "suboffsets", "strides", "format-without-shape"];

/** What the procedure decides: serve, refuse (for these steps), or either (where exporters legitimately differ). */
export interface Expectation {
  readonly outcome: "serve" | "refuse" | "may";
  /** Steps that require a refusal (outcome refuse), or that permit one (outcome may). */
  readonly steps: readonly Step[];
  /** A FORMAT-without-ND request, whose outcome the manifest declares. */
  readonly formatWithoutShape: boolean;
  /**
   * Steps whose message a refusal may carry: the required steps, and the
   * permitted ones that CPython's `memory_getbuf` (Objects/memoryobject.c)
   * checks before the first required one, where CPython itself refuses.
   */
  readonly messageSteps: readonly Step[];
}

function any(model: Model): Tri {
  if (model.c === "yes" || model.f === "yes") return "yes";
  if (model.c === "no" && model.f === "no") return "no";
  return "either";
}

/** The decision procedure's verdict for `flags` on an exporter of `model`. */
export function expectation(model: Model, flags: number): Expectation {
  const must: Step[] = [];
  const may: Step[] = [];
  const add = (tri: Tri, step: Step): void => {
    if (tri === "no") must.push(step);
    else if (tri === "either") may.push(step);
  };
  if (has(flags, BufferFlags.WRITABLE) && model.readonly) must.push("writable");
  if (has(flags, BufferFlags.C_CONTIGUOUS)) add(model.c, "c-contiguous");
  if (has(flags, BufferFlags.F_CONTIGUOUS)) add(model.f, "f-contiguous");
  if (has(flags, BufferFlags.ANY_CONTIGUOUS)) add(any(model), "any-contiguous");
  if (!has(flags, BufferFlags.INDIRECT) && model.indirect) must.push("suboffsets");
  if (!has(flags, BufferFlags.STRIDES)) add(model.c, "strides");
  const formatWithoutShape = !has(flags, BufferFlags.ND) && has(flags, BufferFlags.FORMAT);
  if (formatWithoutShape && model.formatWithoutShape === "refuse") must.push("format-without-shape");
  // must and may are built in CPython's order, so a permitted step checked first comes before must[0].
  if (must.length > 0) {
    const first = STEP_ORDER.indexOf(must[0]!);
    const earlier = may.filter((step) => STEP_ORDER.indexOf(step) < first);
    return { outcome: "refuse", steps: must, formatWithoutShape, messageSteps: [...earlier, ...must] };
  }
  if (may.length > 0) return { outcome: "may", steps: may, formatWithoutShape, messageSteps: may };
  return { outcome: "serve", steps: [], formatWithoutShape, messageSteps: [] };
}
