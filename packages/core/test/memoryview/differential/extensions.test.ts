/**
 * Our deliberate extensions, which CPython 3.14's memoryview refuses, checked
 * against models built from CPython's own answers:
 *
 * - N-d slicing: `get`/`set` with a tuple holding at least one slice (CPython:
 *   NotImplementedError / TypeError) must act as NumPy's basic indexing on
 *   CPython's `tolist()` (memoryview_oracle.py's nd_get/nd_set models);
 * - item access for one standard-size code ('<i', '>d', '=H'; CPython:
 *   NotImplementedError "memoryview: unsupported format <i") must answer
 *   what CPython answers for the native twin (same items, native code);
 * - `toTypedArray` must hold CPython's items in C order, and refuse only
 *   what no TypedArray can stand for (layouts, formats, byte order,
 *   alignment, read-only memory).
 *
 * The first tests check that CPython does refuse each, so the extensions stay
 * extensions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runMemoryViewCase, type Arg, type Exporter, type StepResult } from "../../oracle/engine-memoryview.ts";
import {
  buildSpecOf,
  exporterArb,
  intKeyArb,
  itemArb,
  nativeFormatArb,
  none,
  num,
  Script,
  setValueArb,
  sliceBoundArb,
  sliceLength,
  standardFormatArb,
  str,
  WASM32_SIZES,
  type ExporterInfo,
  type FormatInfo,
} from "../../oracle/memoryview-arbitraries.ts";
import type { Tagged } from "../../oracle/tagged.ts";
import { differential } from "./harness.ts";

const cpython = differential("extensions");

/** The answers of a case's steps, from CPython or from us. */
function stepsOf(result: ReturnType<typeof runMemoryViewCase>): readonly StepResult[] {
  if (!("steps" in result)) throw new Error(`exporters refused: ${JSON.stringify(result.exporters)}`);
  return result.steps;
}

// ---- N-d slicing ---------------------------------------------------------------

type KeyElement = { readonly slice: readonly [Tagged | null, Tagged | null, Tagged | null] } | Tagged;

const sliceElementArb: fc.Arbitrary<KeyElement> = fc
  .tuple(sliceBoundArb, sliceBoundArb, fc.oneof({ weight: 10, arbitrary: fc.option(fc.constantFrom(-2, -1, 1, 2, 3).map(num), { nil: null }) }, { weight: 1, arbitrary: fc.constant(num(0)) }))
  .map(([a, b, c]) => ({ slice: [a, b, c] as const }));

/** A tuple of slices and integers (at least one slice), sometimes too long or with a bad element. */
function ndKeyArb(ndim: number): fc.Arbitrary<Arg> {
  const element = fc.oneof({ weight: 3, arbitrary: sliceElementArb }, { weight: 2, arbitrary: intKeyArb });
  return fc
    .tuple(fc.array(element, { minLength: 0, maxLength: ndim + 1 }), sliceElementArb, fc.nat(), fc.option(fc.constantFrom<Tagged>(none, num(1.5), str("a")), { freq: 12 }), fc.nat())
    .map(([elements, aSlice, at, bad, badAt]) => {
      const tuple: Arg[] = [...elements];
      if (!tuple.some((e) => "slice" in e)) tuple.splice(at % (tuple.length + 1), 0, aSlice);
      if (bad !== null) tuple.splice(badAt % (tuple.length + 1), 0, bad);
      return { tuple };
    });
}

const asInt = (t: Tagged | null): number | null => (t !== null && "number" in t && Number.isInteger(Number(t.number)) ? Number(t.number) : null);

/** The shape a key selects from `shape` when its elements are plain (else null). */
function selectedShape(shape: readonly number[], key: Arg): number[] | null {
  if (!("tuple" in key)) return null;
  const out: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    const k = key.tuple[d];
    if (k === undefined) out.push(shape[d]!);
    else if ("slice" in k) {
      const [a, b, c] = k.slice;
      const step = c === null ? 1 : asInt(c);
      if ((a !== null && asInt(a) === null) || (b !== null && asInt(b) === null) || step === null || step === 0) return null;
      out.push(sliceLength(shape[d]!, asInt(a), asInt(b), step));
    }
  }
  return out;
}

/** An rvalue exporter for a target of `shape`: mostly the same shape and format, sometimes not. */
function rvalueArb(e: ExporterInfo, shape: readonly number[] | null): fc.Arbitrary<Exporter> {
  return fc
    .record({
      delta: fc.constantFrom(0, 0, 0, 0, 1),
      format: fc.oneof({ weight: 5, arbitrary: fc.constant<FormatInfo | null>(null) }, { weight: 1, arbitrary: nativeFormatArb }),
      at: fc.boolean(),
    })
    .chain(({ delta, format, at }) => {
      const base = e.format.format.replace(/^@/, "");
      const f = format ?? { ...e.format, format: at ? `@${base}` : base };
      const s = (shape ?? [1]).map((n, i) => (i === 0 ? n + delta : n));
      const nitems = Math.max(1, s.reduce((p, n) => p * n, 1));
      return fc
        .array(itemArb(f), { minLength: nitems, maxLength: nitems })
        .map((items): Exporter => ({ ndarray: buildSpecOf(f, { shape: s, layout: "C", flags: 0, strides: null, offset: 0, nitems }, items) }));
    });
}

// ---- standard-size formats --------------------------------------------------------

/** The same exporter with each code's native twin: the items are the same values. */
function nativeTwin(e: ExporterInfo): Exporter {
  if (!("ndarray" in e.exporter)) throw new Error("ndarray exporters only");
  return { ndarray: { ...e.exporter.ndarray, format: e.format.codes[0]! } };
}

const ITEM_OPS = new Set(["get", "set", "tolist", "iter", "count", "index"]);

describe("our extensions are extensions: CPython 3.14 refuses them", () => {
  it("N-d slicing, standard-size item access and their messages", () => {
    const s = new Script([
      { ndarray: { items: [1, 2, 3, 4, 5, 6].map(num), shape: [2, 3], format: "B", flags: 2 } },
      { ndarray: { items: [1, 2].map(num), shape: [2], format: "<i", flags: 2 } },
    ]);
    const m = s.keep("memoryview", 0);
    const all = { slice: [null, null, null] } as const;
    s.run("get", m, { tuple: [all, all] });
    s.run("get", m, { tuple: [all, num(0)] });
    s.run("set", m, { tuple: [all, all] }, { var: m });
    // The README's account of what CPython refuses: mixed keys either way round, read or assigned.
    s.run("get", m, { tuple: [num(0), all] });
    s.run("set", m, { tuple: [all, num(0)] }, num(1));
    const standard = s.keep("memoryview", 1);
    s.run("get", standard, num(0));
    s.run("set", standard, num(0), num(7));
    const answers = stepsOf(cpython.cpython(s.case));
    expect(answers.slice(1, 6)).toEqual([
      { error: "NotImplementedError", message: "multi-dimensional slicing is not implemented" },
      { error: "TypeError", message: "memoryview: invalid slice key" },
      { error: "NotImplementedError", message: "memoryview slice assignments are currently restricted to ndim = 1" },
      { error: "TypeError", message: "memoryview: invalid slice key" },
      { error: "TypeError", message: "memoryview: invalid slice key" },
    ]);
    expect(answers.slice(7)).toEqual([
      { error: "NotImplementedError", message: "memoryview: unsupported format <i" },
      { error: "NotImplementedError", message: "memoryview: unsupported format <i" },
    ]);
    cpython.counted(s.steps.length);
  });
});

describe("N-d slicing extension vs a model on CPython's tolist()", () => {
  it("get with a tuple holding slices selects what NumPy's basic indexing selects", () => {
    fc.assert(
      fc.property(
        exporterArb(nativeFormatArb, { minNdim: 1, maxNdim: 4 }).chain((e) => fc.tuple(fc.constant(e), fc.array(ndKeyArb(e.shape.length), { minLength: 1, maxLength: 4 }))),
        ([e, keys]) => {
          const s = new Script([e.exporter]);
          const view = s.keep("memoryview", 0);
          for (const key of keys) s.run("nd_get", view, key);
          cpython.agree(s.case);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("set with a tuple holding slices writes what the model writes, or refuses alike", () => {
    fc.assert(
      fc.property(
        // C and Fortran layouts only: the model writes a list, so items must not alias (zero or overlapping strides).
        exporterArb(nativeFormatArb, { minNdim: 1, maxNdim: 3, layouts: ["C", "F"] }).chain((e) =>
          ndKeyArb(e.shape.length).chain((key) => fc.tuple(fc.constant(e), fc.constant(key), rvalueArb(e, selectedShape(e.shape, key)))),
        ),
        ([e, key, rvalue]) => {
          const s = new Script([e.exporter, rvalue]);
          const view = s.keep("memoryview", 0);
          // The answer is the view's items after the store (CPython's memory is never written: it refuses).
          s.run("nd_set", view, key, { var: 1 });
          cpython.agree(s.case);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("set from an overlapping N-d slice of the same memory copies like the model", () => {
    const dimArb = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(1, 2, -1), fc.integer({ min: 0, max: 3 }), fc.constantFrom(1, -1, 2), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(
        exporterArb(nativeFormatArb, { minNdim: 2, maxNdim: 3, writable: true, pil: false, layouts: ["C", "F"] }).chain((e) => fc.tuple(fc.constant(e), fc.array(dimArb, { minLength: e.shape.length, maxLength: e.shape.length }))),
        ([e, dims]) => {
          const window = (start: number, step: number, length: number): Arg => ({ slice: [num(start), num(start + length * step), num(step)] });
          const s = new Script([e.exporter]);
          const view = s.keep("memoryview", 0);
          const source = s.keep("nd_slice", 0, { tuple: dims.map(([, , from, by, length]) => window(from, by, length)) });
          s.run("nd_set", view, { tuple: dims.map(([start, step, , , length]) => window(start, step, length)) }, { var: source });
          cpython.agree(s.case);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("standard-size item access extension vs CPython's native twin", () => {
  it("'<i', '>d', '=H', ... read, write, count and index the values the native format does", () => {
    fc.assert(
      fc.property(
        exporterArb(standardFormatArb, { maxNdim: 3 }).chain((e) => {
          const code = e.format.codes[0]!;
          const key = fc.oneof(intKeyArb, fc.array(fc.integer({ min: -3, max: 3 }).map(num), { maxLength: 4 }).map((t): Arg => ({ tuple: t })));
          return fc.tuple(fc.constant(e), fc.array(fc.tuple(key, setValueArb(code, WASM32_SIZES[code]!)), { minLength: 1, maxLength: 4 }), itemArb(e.format));
        }),
        ([e, stores, needle]) => {
          const script = (exporter: Exporter): Script => {
            const s = new Script([exporter]);
            const view = s.keep("memoryview", 0);
            s.run("tolist", view);
            s.run("iter", view);
            s.run("count", view, needle as Arg);
            s.run("index", view, needle as Arg);
            for (const [key, value] of stores) {
              s.run("get", view, key);
              s.run("set", view, key, value);
            }
            s.run("tolist", view);
            return s;
          };
          const twin = script(nativeTwin(e));
          // Only the item operations are compared (the format attribute and memoryview's own answers differ).
          const itemSteps = (result: ReturnType<typeof runMemoryViewCase>) => ({
            steps: stepsOf(result).map((answer, i) => (ITEM_OPS.has(twin.steps[i]!.op) ? answer : { ok: null })),
          });
          cpython.counted(twin.steps.length);
          cpython.expectSame(twin.case, itemSteps(cpython.cpython(twin.case)), itemSteps(runMemoryViewCase(script(e.exporter).case)));
        },
      ),
      { numRuns: 700 },
    );
  });
});

describe("toTypedArray extension vs CPython's items", () => {
  it("holds CPython's items in C order, and refuses only what no TypedArray can stand for", () => {
    const NO_TYPED_ARRAY = new Set(["?", "c", ...(typeof (globalThis as { Float16Array?: unknown }).Float16Array === "function" ? [] : ["e"])]);
    const derived = fc.oneof(
      fc.constant<Arg | null>(null),
      fc.tuple(fc.integer({ min: -3, max: 3 }), fc.constantFrom(1, 1, 2, -1)).map(([a, c]): Arg => ({ slice: [num(a), none, num(c)] })),
    );
    fc.assert(
      fc.property(exporterArb(fc.oneof({ weight: 4, arbitrary: nativeFormatArb }, { weight: 1, arbitrary: standardFormatArb }), { maxNdim: 3 }), derived, fc.constantFrom("B", null), (e, key, viaBytes) => {
        const s = new Script([e.exporter]);
        let view = s.keep("memoryview", 0);
        if (key !== null) view = s.keep("get", view, key);
        // A cast to bytes and back to the format (offsets stay put): aligned or not.
        if (viaBytes !== null && /^@?[^<>=!]$/.test(e.format.format)) view = s.keep("cast", s.keep("cast", view, str("B")), str(e.format.codes[0]!));
        s.run("typed", view);
        const theirs = stepsOf(cpython.cpython(s.case)).at(-1)!;
        const ours = stepsOf(runMemoryViewCase(s.case)).at(-1)!;
        cpython.counted(s.steps.length);
        if (cpython.tolerates(s.steps.at(-1)!, theirs, ours)) return;
        if (!("ok" in theirs)) {
          expect(ours).toEqual(theirs); // the view itself was refused (a failed cast): same error
          return;
        }
        const expected = theirs.ok as { c_contiguous: boolean; format: string; readonly: boolean; items: unknown };
        const typed = (ours as { ok: { typed: unknown } }).ok.typed;
        const code = expected.format.replace(/^[@<>=!]/, "");
        const bigEndian = /^[>!]/.test(expected.format);
        if (Array.isArray(typed)) {
          expect(expected.c_contiguous && !expected.readonly).toBe(true);
          expect(typed).toEqual(expected.items);
        } else {
          expect(typed).toMatchObject({ error: "ValueError" });
          const message = (typed as { message: string }).message;
          // A TypedArray is always writable, so a read-only view is refused too.
          const explained = !expected.c_contiguous || expected.readonly || NO_TYPED_ARRAY.has(code) || bigEndian || /not aligned/.test(message);
          expect(explained, `refused without reason: ${message}`).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });
});
