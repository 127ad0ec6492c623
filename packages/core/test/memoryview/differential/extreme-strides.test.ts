/**
 * Slices whose step times the item size passes 2**31 and 2**53, and the
 * empty (or one-item) views they make, against CPython 3.14's memoryview
 * (Pyodide, wasm32: steps past Py_ssize_t clamp to +-(2**31 - 1), and the
 * stride wraps in 32 bits). Every reader runs on such views: attributes,
 * items, bytes, hex, iteration, length, count, casts, comparison, re-slicing,
 * re-export and assignment from them. And '?' views take the truth of views
 * assigned to their items (empty, not, 0-d, released), as CPython's
 * `PyObject_IsTrue` does.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Arg } from "../../oracle/engine-memoryview.ts";
import {
  big,
  exporterArb,
  nativeFormatArb,
  num,
  Script,
  sliceBoundArb,
  str,
  type ExporterInfo,
} from "../../oracle/memoryview-arbitraries.ts";
import type { Tagged } from "../../oracle/tagged.ts";
import { differential } from "./harness.ts";

const cpython = differential("extreme strides");

/** An integer as a key bound: a number where a double holds it exactly, else a bigint. */
const exact = (n: bigint): Tagged => (BigInt(Number(n)) === n && Math.abs(Number(n)) <= Number.MAX_SAFE_INTEGER ? num(Number(n)) : big(n));

/** Steps whose product with an item size of 1 to 8 passes 2**31, or 2**53, or Py_ssize_t itself. */
const hugeStepArb: fc.Arbitrary<Tagged> = fc
  .tuple(
    fc.constantFrom(28n, 29n, 30n, 31n, 50n, 51n, 52n, 53n, 60n, 61n, 62n, 63n),
    fc.constantFrom(-1n, 0n, 1n),
    fc.boolean(),
  )
  .map(([bits, delta, negative]) => {
    const step = (1n << bits) + delta;
    return exact(negative ? -step : step);
  });

/** Bounds that give an empty view now and then, a one-item view often. */
const boundsArb: fc.Arbitrary<[Tagged | null, Tagged | null]> = fc.oneof(
  fc.tuple(sliceBoundArb, sliceBoundArb),
  fc.integer({ min: -3, max: 3 }).map((i): [Tagged, Tagged] => [num(i), num(i)]),
  fc.constantFrom<[Tagged | null, Tagged | null]>([null, num(0)], [num(0), null], [null, null]),
);

const exporter: fc.Arbitrary<ExporterInfo> = exporterArb(nativeFormatArb, { maxNdim: 2, minNdim: 1 });

describe("slices with steps past 2**31 and 2**53 vs CPython 3.14", () => {
  it("every reader agrees on the views they make, empty ones included", () => {
    fc.assert(
      fc.property(exporter, boundsArb, hugeStepArb, hugeStepArb, (e, [start, stop], step, again) => {
        const s = new Script([e.exporter]);
        const whole = s.keep("memoryview", 0);
        const view = s.keep("get", whole, { slice: [start, stop, step] });
        for (const op of ["attrs", "tolist", "tobytes", "hex", "iter", "len"] as const) s.run(op, view);
        s.run("count", view, num(0));
        s.run("eq", view, { var: view });
        s.run("eq", view, { var: whole });
        s.run("get", view, num(0));
        s.run("get", view, num(-1));
        const bytes = s.keep("cast", view, str("B"));
        s.run("tolist", bytes);
        const resliced = s.keep("get", view, { slice: [null, null, again] });
        s.run("attrs", resliced);
        s.run("tolist", resliced);
        const copy = s.keep("memoryview", view);
        s.run("tobytes", copy);
        s.run("set", view, { slice: [null, null, null] } as Arg, { var: resliced });
        s.run("set", view, { slice: [null, null, null] } as Arg, { var: view });
        s.run("bytes", 0);
        cpython.agree(s.case);
      }),
      { numRuns: 500 },
    );
    cpython.expectReached([
      "TypeError: memoryview: casts are restricted to C-contiguous views",
      "IndexError: index out of bounds on dimension 1",
      "eq: true",
    ]);
  });

  it("empty views of every layout read nothing, whatever the step", () => {
    fc.assert(
      fc.property(exporter, fc.integer({ min: -3, max: 3 }), hugeStepArb, (e, at, step) => {
        const s = new Script([e.exporter]);
        const whole = s.keep("memoryview", 0);
        // start == stop: always empty, wherever a negative step puts buf.
        const empty = s.keep("get", whole, { slice: [num(at), num(at), step] });
        s.run("describe", empty);
        s.run("iter", empty);
        s.run("hex", empty);
        s.run("eq", empty, { var: empty });
        const bytes = s.keep("cast", empty, str("B"));
        s.run("describe", bytes);
        cpython.agree(s.case);
      }),
      { numRuns: 300 },
    );
  });
});

describe("'?' items take the Python truth of views", () => {
  /** A view to store: over 0 to 3 bytes, or 0-d, or released. */
  type Source = { readonly bytes: number } | { readonly zeroDim: true } | { readonly released: true };
  const sourceArb: fc.Arbitrary<Source> = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }).map((bytes): Source => ({ bytes })) },
    { weight: 1, arbitrary: fc.constant<Source>({ zeroDim: true }) },
    { weight: 1, arbitrary: fc.constant<Source>({ released: true }) },
  );

  it("m[i] = view stores len(view) != 0, or raises what len() raises", () => {
    fc.assert(
      fc.property(fc.array(sourceArb, { minLength: 1, maxLength: 4 }), (sources) => {
        const flags = { ndarray: { items: sources.map(() => ({ bool: true }) as Tagged), shape: [sources.length], format: "?", flags: 2 } };
        const s = new Script([flags, ...sources.map((src) => ({ ndarray: { items: Array.from({ length: "bytes" in src ? Math.max(src.bytes, 4) : 4 }, () => num(0)), shape: ["bytes" in src ? src.bytes : 4], format: "B", flags: 0 } }))]);
        const target = s.keep("memoryview", 0);
        sources.forEach((src, i) => {
          let value = s.keep("memoryview", i + 1);
          if ("zeroDim" in src) value = s.keep("cast", value, str("i"), { list: [] });
          if ("released" in src) s.run("release", value);
          s.run("set", target, num(i), { var: value });
        });
        s.run("tolist", target);
        cpython.agree(s.case);
      }),
      { numRuns: 200 },
    );
    cpython.expectReached(["TypeError: 0-dim memory has no length", "ValueError: operation forbidden on released memoryview object"]);
  });
});
