/**
 * `m[key]` (`get`) against CPython 3.14's memoryview on random views: integer
 * keys (negative, out of range, past Py_ssize_t, booleans), tuples of
 * integers (short, exact, long, with a bad element), slices (zero, negative
 * and huge steps and bounds, bad bound types), Ellipsis, `()`, and keys that
 * are no keys (floats, None, strings); 0-d and N-d views included, and slices
 * of slices. Tuples holding a slice are our N-d extension (extensions.test.ts).
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import {
  anyFormatArb,
  ctypesExporterArb,
  exporterArb,
  keyArb,
  nativeFormatArb,
  num,
  pathArb,
  Script,
  sliceKeyArb,
  viewOf,
} from "../../oracle/memoryview-arbitraries.ts";
import { differential } from "./harness.ts";

const cpython = differential("get");

const exporter = fc.oneof({ weight: 14, arbitrary: exporterArb(anyFormatArb) }, { weight: 1, arbitrary: ctypesExporterArb });

describe("memoryview get vs CPython 3.14", () => {
  it("items, errors and sub-views for random keys agree", () => {
    fc.assert(
      fc.property(exporter, pathArb(2), fc.array(keyArb, { minLength: 1, maxLength: 8 }), (e, path, keys) => {
        const s = new Script([e.exporter]);
        const view = viewOf(s, 0, path);
        for (const key of keys) s.run("get", view, key);
        cpython.agree(s.case);
      }),
      { numRuns: 700 },
    );
    // The generators must still reach each of these answers (a guard against a generator that drifts).
    cpython.expectReached([
      "IndexError: index out of bounds on dimension 1",
      "IndexError: cannot fit 'int' into an index-sized integer",
      "TypeError: memoryview: invalid slice key",
      "TypeError: invalid indexing of 0-dim memory",
      "NotImplementedError: sub-views are not implemented",
      "NotImplementedError: multi-dimensional sub-views are not implemented",
      /^TypeError: cannot index \d-dimension view with \d-element tuple$/,
      "ValueError: slice step cannot be zero",
      "TypeError: slice indices must be integers or None or have an __index__ method",
      /^NotImplementedError: memoryview: unsupported format (hh|2B|<hi|>Bh|Bx|=2h|\?B|dq)$/,
      /^NotImplementedError: memoryview: unsupported format T\{/,
    ]);
  });

  it("full index tuples, in and out of range on each dimension, agree", () => {
    fc.assert(
      fc.property(
        exporterArb(nativeFormatArb, { minNdim: 1 }).chain((e) =>
          fc.tuple(
            fc.constant(e),
            fc.array(fc.tuple(...e.shape.map((n) => fc.integer({ min: -n - 1, max: n }).map(num))), { minLength: 1, maxLength: 4 }),
          ),
        ),
        ([e, tuples]) => {
          const s = new Script([e.exporter]);
          const view = s.keep("memoryview", 0);
          for (const t of tuples) s.run("get", view, { tuple: t });
          cpython.agree(s.case);
        },
      ),
      { numRuns: 400 },
    );
    // The generators must still reach each of these answers (a guard against a generator that drifts).
    cpython.expectReached([
      "IndexError: index out of bounds on dimension 1",
      "IndexError: index out of bounds on dimension 2",
    ]);
  });

  it("keys applied to the slice a key made agree (slices of slices, m[...] is m)", () => {
    // Steps past Py_ssize_t included: the views they make are built on too (extreme-strides.test.ts goes further).
    const derivingKey = fc.oneof(sliceKeyArb, keyArb);
    fc.assert(
      fc.property(exporter, fc.array(fc.tuple(derivingKey, fc.array(keyArb, { maxLength: 3 })), { minLength: 1, maxLength: 3 }), (e, chain) => {
        const s = new Script([e.exporter]);
        let view = s.keep("memoryview", 0);
        for (const [first, more] of chain) {
          view = s.keep("get", view, first);
          for (const key of more) s.run("get", view, key);
        }
        cpython.agree(s.case);
      }),
      { numRuns: 600 },
    );
  });
});
