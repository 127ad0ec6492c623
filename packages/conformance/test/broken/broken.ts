/**
 * Deliberately broken exporters. Each breaks exactly one rule and lists the
 * properties that must fail for it: the ones naming that rule, and no other.
 * The controls break nothing and must fail nothing.
 */

import { BufferError, getBufferSymbol, releaseBufferSymbol, Struct, type BufferRecord } from "@pybuffer/core";
import type { ConformanceAdapter, ExporterDescription } from "../../src/index.ts";
import { ndarrayFrom } from "../../adapters/ndarray.js";
import { BufferFlags, faulty, has, Wrapped } from "./harness.ts";

const { WRITABLE, FORMAT, ND, STRIDES, C_CONTIGUOUS, ANY_CONTIGUOUS, INDIRECT } = BufferFlags;

export interface BrokenExporter {
  readonly adapter: ConformanceAdapter<any>;
  /** The rule it breaks, in words. */
  readonly rule: string;
  /** Property ids that must fail (outcome fail), and no others. */
  readonly fails: readonly string[];
}

const CONTENT = ["content.tolist", "content.tobytes", "content.items"];
const withViews = (ids: readonly string[]): string[] => ["", "slice/", "cast/", "readonly/"].flatMap((prefix) => ids.map((id) => prefix + id));

/** The highest byte a record's items reach, plus one. */
function end(r: BufferRecord): number {
  if (r.shape === null) return r.buf + r.len;
  const strides = r.strides ?? [];
  let high = r.buf + r.itemsize;
  r.shape.forEach((extent, i) => {
    const span = (strides[i] ?? 0) * (extent - 1);
    if (span > 0) high += span;
  });
  return high;
}

const shortCopies = new WeakMap<Wrapped, Map<number, ArrayBuffer>>();

/** Reverses the bytes of every item (the exporter's memory is in the wrong byte order). */
function byteSwapped(d: ExporterDescription): ExporterDescription {
  const bytes = d.bytes.slice();
  for (let p = 0; p + d.itemsize <= bytes.length; p += d.itemsize) bytes.subarray(p, p + d.itemsize).reverse();
  const struct = new Struct(d.format, { abi: d.abi });
  const items = Array.from({ length: bytes.length / d.itemsize }, (_, k) => struct.unpackFrom(bytes, k * d.itemsize)[0]!);
  return { ...d, bytes, items };
}

let lastCreated: { key: string; exporter: Wrapped } | undefined;

export const CONTROLS: readonly BrokenExporter[] = [
  { rule: "nothing", fails: [], adapter: faulty("control", {}) },
  { rule: "nothing", fails: [], adapter: faulty("control-counting", {}, { countsExports: true, resizable: true }) },
  { rule: "nothing", fails: [], adapter: faulty("control-pil", {}, { suboffsets: true }) },
  { rule: "nothing", fails: [], adapter: faulty("control-0d", {}, { minNdim: 0, maxNdim: 0 }) },
];

export const BROKEN: readonly BrokenExporter[] = [
  {
    rule: "ignores WRITABLE on read-only memory (serves it read-only)",
    fails: ["getbuf.writable"],
    adapter: faulty("ignores-writable", { request: (f, w) => (w.inner.readonly ? f & ~WRITABLE : f) }),
  },
  {
    rule: "claims read-only memory is writable",
    fails: ["record.readonly"],
    adapter: faulty("claims-writable", { answer: (r) => ({ ...r, readonly: false }) }),
  },
  {
    rule: "fills strides on an ND request",
    fails: ["getbuf.strides"],
    adapter: faulty("strides-on-nd", {
      answer: (r, f, w) => {
        if (!has(f, ND) || has(f, STRIDES)) return r;
        const full = w.inner[getBufferSymbol](f | STRIDES);
        w.inner[releaseBufferSymbol](full);
        return { ...r, strides: full.strides };
      },
    }),
  },
  {
    rule: "leaves strides null on a STRIDES request",
    fails: ["getbuf.strides"],
    adapter: faulty("no-strides", { answer: (r, f, w) => (has(f, STRIDES) && w.inner.cContiguous ? { ...r, strides: null } : r) }),
  },
  {
    rule: "len != product(shape) * itemsize",
    fails: ["record.len"],
    adapter: faulty("wrong-len", { answer: (r) => (r.shape !== null ? { ...r, len: r.len + r.itemsize } : r) }),
  },
  {
    rule: "itemsize that disagrees with the format",
    fails: ["record.itemsize"],
    adapter: faulty(
      "itemsize-mismatch",
      { answer: (r) => ({ ...r, itemsize: 1, len: r.shape === null ? r.len : r.shape.reduce((a, b) => a * b, 1) }) },
      { formats: ["h", "i", "d"] },
    ),
  },
  {
    rule: "items outside the memory block (the block is one byte short)",
    fails: ["record.bounds"],
    adapter: faulty(
      "memory-too-short",
      {
        answer: (r, _f, w) => {
          if (r.len === 0) return r;
          const cut = end(r) - 1;
          let copies = shortCopies.get(w);
          if (copies === undefined) shortCopies.set(w, (copies = new Map()));
          let memory = copies.get(cut);
          if (memory === undefined) copies.set(cut, (memory = (r.memory as ArrayBuffer).slice(0, cut)));
          return { ...r, memory };
        },
      },
      { writable: false },
    ),
  },
  {
    rule: "out-of-bounds buf (items past the end of the block)",
    fails: ["record.bounds"],
    adapter: faulty("buf-past-end", { answer: (r) => (r.len > 0 ? { ...r, buf: r.memory.byteLength } : r) }),
  },
  {
    rule: "suboffsets without INDIRECT",
    fails: ["getbuf.suboffsets"],
    adapter: faulty(
      "suboffsets-without-indirect",
      { request: (f, w) => (w.inner.suboffsets.length > 0 && has(f, STRIDES) && !has(f, INDIRECT) ? f | 0x100 : f) },
      { suboffsets: true },
    ),
  },
  {
    rule: "all-negative suboffsets instead of null",
    fails: ["record.suboffsets"],
    adapter: faulty("all-negative-suboffsets", {
      answer: (r, f) => (has(f, INDIRECT) && r.suboffsets === null && r.ndim > 0 ? { ...r, suboffsets: new Array<number>(r.ndim).fill(-1) } : r),
    }),
  },
  {
    rule: "releases twice (the count drops by two)",
    fails: ["lifetime.export-count", "lifetime.memoryview-release"],
    adapter: faulty("releases-twice", { releaseStep: 2 }, { countsExports: true }),
  },
  {
    rule: "never counts exports (so resize is allowed while exported)",
    fails: ["lifetime.resize-locked", "lifetime.memoryview-release"],
    adapter: faulty("never-counts", { countGets: false }, { resizable: true }),
  },
  {
    rule: "lets resize happen while exported",
    fails: ["lifetime.resize-locked", "lifetime.memoryview-release"],
    adapter: faulty("resize-while-exported", { resize: (w) => void w.resized++ }, { countsExports: true, resizable: true }),
  },
  {
    rule: "never gives exports back (resize stays refused)",
    fails: ["lifetime.resize-unlocked", "lifetime.memoryview-release"],
    adapter: faulty("leaks-exports", { releaseStep: 0 }, { resizable: true }),
  },
  {
    rule: "counts refused requests as exports",
    fails: ["lifetime.export-count"],
    adapter: faulty("counts-refusals", { countRefusals: true }, { countsExports: true }),
  },
  {
    rule: "refuses a resize while exported with the wrong error (RangeError)",
    fails: ["lifetime.resize-locked"],
    adapter: faulty(
      "lock-wrong-error",
      {
        resize: (w) => {
          if (w.exports > 0) throw new RangeError("busy");
          w.resized++;
        },
      },
      { resizable: true },
    ),
  },
  {
    rule: "names another object as obj",
    fails: ["getbuf.obj"],
    adapter: faulty("wrong-obj", { answer: (r, _f, w) => ({ ...r, obj: w.inner }) }),
  },
  {
    rule: "fills format without FORMAT",
    fails: ["getbuf.format"],
    adapter: faulty("format-unrequested", { answer: (r, f, w) => (has(f, FORMAT) ? r : { ...r, format: w.inner.format }) }),
  },
  {
    rule: "leaves format null on a FORMAT request",
    fails: ["getbuf.format"],
    adapter: faulty("format-missing", { answer: (r, f) => (has(f, FORMAT) ? { ...r, format: null } : r) }),
  },
  {
    rule: "leaves shape null on an ND request",
    fails: ["getbuf.shape"],
    adapter: faulty("shape-missing", { answer: (r, f) => (has(f, ND) && r.ndim > 0 ? { ...r, shape: null } : r) }, { layouts: ["C"] }),
  },
  {
    rule: "keeps ndim without ND (a shapeless record must be 1-D bytes)",
    fails: ["getbuf.shape"],
    adapter: faulty("ndim-without-nd", { answer: (r, f, w) => (has(f, ND) ? r : { ...r, ndim: w.inner.ndim }) }, { minNdim: 2 }),
  },
  {
    rule: "reports a shape other than the exporter's",
    fails: ["record.shape"],
    adapter: faulty("wrong-shape", {
      answer: (r) => {
        if (r.shape === null || r.shape[0]! <= 1) return r;
        const shape = [r.shape[0]! - 1, ...r.shape.slice(1)];
        return { ...r, shape, len: shape.reduce((a, b) => a * b, r.itemsize) };
      },
    }),
  },
  {
    rule: "refuses requests the procedure serves (ANY_CONTIGUOUS)",
    fails: ["getbuf.serves-valid"],
    adapter: faulty("spurious-refusal", {
      answer: (r, f, w) => {
        if (!has(f, ANY_CONTIGUOUS)) return r;
        w.inner[releaseBufferSymbol]({ ...r, obj: w.inner });
        throw new BufferError("ndarray is not contiguous");
      },
    }),
  },
  {
    rule: "serves C_CONTIGUOUS for a Fortran layout",
    fails: ["getbuf.contiguity"],
    adapter: faulty("contiguity-lies", { request: (f) => (has(f, C_CONTIGUOUS) ? f & ~0x20 : f) }, { layouts: ["F"], minNdim: 2 }),
  },
  {
    rule: "refuses with TypeError instead of BufferError",
    fails: ["getbuf.answer"],
    adapter: faulty("throws-type-error", { refusal: (e) => new TypeError((e as Error).message) }),
  },
  {
    rule: "serves a copy of its memory, not the memory",
    fails: ["content.shared-memory", "getbuf.deterministic"],
    adapter: faulty("copies-memory", { answer: (r) => ({ ...r, memory: (r.memory as ArrayBuffer).slice(0) }) }),
  },
  {
    rule: "holds its items in the wrong byte order",
    fails: withViews(CONTENT),
    adapter: faulty("byte-swapped", { describe: byteSwapped }, { formats: ["h", "i", "q"], layouts: ["C"] }),
  },
  {
    rule: "wipes its memory when one of several buffers is released",
    fails: ["lifetime.after-release"],
    adapter: faulty("frees-on-release", {
      onRelease: (w, r) => {
        if (w.exports > 0) new Uint8Array(r.memory).fill(0xee);
      },
    }),
  },
  {
    rule: "throws from its release method",
    fails: ["lifetime.release"],
    adapter: faulty("release-throws", {
      onRelease: () => {
        throw new Error("release failed");
      },
    }),
  },
  {
    rule: "0-d records with shape [] instead of null",
    fails: ["record.scalar"],
    adapter: faulty(
      "scalar-with-shape",
      { answer: (r, f) => (has(f, ND) ? { ...r, shape: [], strides: has(f, STRIDES) ? [] : null } : r) },
      { minNdim: 0, maxNdim: 0 },
    ),
  },
  {
    rule: "serves SIMPLE|FORMAT although its manifest declares a refusal",
    fails: ["getbuf.format-without-shape"],
    adapter: faulty("format-without-shape-served", {
      request: (f) => (!has(f, ND) && has(f, FORMAT) ? f & ~FORMAT : f),
      answer: (r, f, w) => (!has(f, ND) && has(f, FORMAT) ? { ...r, format: w.inner.format } : r),
    }),
  },
  {
    rule: "readonly is a number, not a boolean",
    fails: ["record.fields"],
    adapter: faulty("readonly-number", { answer: (r) => ({ ...r, readonly: (r.readonly ? 1 : 0) as unknown as boolean }) }),
  },
  {
    rule: "the factory hands out the same exporter twice",
    fails: ["adapter.fresh-exporters"],
    adapter: {
      ...faulty("factory-reuses", {}),
      create: (d: ExporterDescription) => {
        const key = JSON.stringify({ ...d, bytes: Array.from(d.bytes), items: d.items.map(String) });
        if (lastCreated?.key !== key) lastCreated = { key, exporter: new Wrapped(ndarrayFrom(d), {}) };
        return lastCreated.exporter;
      },
    },
  },
  // SHOULD and MAY rules: they fail, but never gate.
  {
    rule: "answers the same request with different memory blocks (read-only copies) [SHOULD]",
    fails: ["getbuf.deterministic"],
    adapter: faulty("nondeterministic-copies", { answer: (r) => ({ ...r, memory: (r.memory as ArrayBuffer).slice(0) }) }, { writable: false }),
  },
  {
    rule: "refuses with an empty message [SHOULD]",
    fails: ["getbuf.refusal-message"],
    adapter: faulty("empty-refusal-message", { refusal: () => new BufferError("") }),
  },
  {
    rule: "refuses with its own messages, not CPython's [MAY]",
    fails: ["getbuf.cpython-messages"],
    adapter: faulty("own-messages", { refusal: () => new BufferError("request not supported") }),
  },
];
