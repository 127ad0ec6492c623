/**
 * `count(value)` and `index(value, start, stop)` (new in 3.14) against
 * CPython's memoryview: values present and absent, of other types, NaN
 * (never found: CPython compares by `is` or `==`), start/stop negative,
 * clamped, huge and of the wrong type, on 1-D views of every native format,
 * and the errors of 0-d and N-d views.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Arg } from "../../oracle/engine-memoryview.ts";
import {
  anyFormatArb,
  big,
  bool,
  bytesOf,
  derivationArb,
  exporterArb,
  nativeFormatArb,
  none,
  num,
  Script,
  str,
  viewOf,
  type ExporterInfo,
} from "../../oracle/memoryview-arbitraries.ts";
import { differential } from "./harness.ts";

const cpython = differential("count-index");

/** A value to look for: an item of the exporter (maybe in the view), or anything else. */
function needleArb(e: ExporterInfo): fc.Arbitrary<Arg> {
  const others = fc.constantFrom<Arg>(num(0), num(1), num(-1), num(0.5), num(NaN), num(Infinity), bool(true), bool(false), none, str("a"), bytesOf(0), bytesOf(97), big(2n ** 64n), { list: [] });
  const items = e.items.filter((x): x is Exclude<typeof x, unknown[]> => !Array.isArray(x));
  return items.length === 0 ? others : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...items) }, { weight: 2, arbitrary: others });
}

const boundArb: fc.Arbitrary<Arg> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -6, max: 6 }).map(num) },
  { weight: 2, arbitrary: fc.constantFrom<Arg>(big(2n ** 63n), big(-(2n ** 63n)), big(2n ** 100n), big(-(2n ** 100n)), num(2 ** 31), bool(true)) },
  { weight: 1, arbitrary: fc.constantFrom<Arg>(none, num(1.5), str("1")) },
);

/** index(value), index(value, start) or index(value, start, stop). */
const boundsArb: fc.Arbitrary<Arg[]> = fc.oneof(fc.constant<Arg[]>([]), boundArb.map((a) => [a]), fc.tuple(boundArb, boundArb).map(([a, b]) => [a, b]));

describe("memoryview count and index vs CPython 3.14", () => {
  it("on 1-D views of native formats, counts and first indices agree", () => {
    fc.assert(
      fc.property(
        exporterArb(nativeFormatArb, { minNdim: 1, maxNdim: 1, nan: true }).chain((e) =>
          fc.tuple(fc.constant(e), fc.array(derivationArb.filter((d) => d.kind !== "cast"), { maxLength: 2 }), fc.array(fc.tuple(needleArb(e), boundsArb), { minLength: 1, maxLength: 4 })),
        ),
        ([e, path, lookups]) => {
          const s = new Script([e.exporter]);
          const view = viewOf(s, 0, path);
          for (const [needle, bounds] of lookups) {
            s.run("count", view, needle);
            s.run("index", view, needle, ...bounds);
          }
          cpython.agree(s.case);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("on views of any ndim and format (0-d and N-d errors, unsupported formats), answers agree", () => {
    fc.assert(
      fc.property(
        exporterArb(anyFormatArb).chain((e) => fc.tuple(fc.constant(e), needleArb(e), boundsArb)),
        ([e, needle, bounds]) => {
          const s = new Script([e.exporter]);
          const view = s.keep("memoryview", 0);
          s.run("count", view, needle);
          s.run("index", view, needle, ...bounds);
          cpython.agree(s.case);
        },
      ),
      { numRuns: 600 },
    );
    // The generators must still reach each of these answers (a guard against a generator that drifts).
    cpython.expectReached([
      "ValueError: memoryview.index(x): x not found",
      "TypeError: invalid lookup on 0-dim memory",
      "NotImplementedError: multi-dimensional lookup is not implemented",
      "TypeError: invalid indexing of 0-dim memory",
      "NotImplementedError: multi-dimensional sub-views are not implemented",
    ]);
  });
});
