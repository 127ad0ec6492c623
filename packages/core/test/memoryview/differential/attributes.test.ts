/**
 * Attributes, `toList`, `toBytes` (every order argument, valid or not),
 * `length`, iteration and `repr` of random views, against CPython 3.14's
 * memoryview: ndarray exporters of every native format (and standard-size,
 * multi-member and ctypes formats), ndim 0-5 with zero extents,
 * C/Fortran/strided/PIL layouts, then slices, casts, `toreadonly` and
 * `memoryview(m)` of them.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Arg } from "../../oracle/engine-memoryview.ts";
import {
  anyFormatArb,
  bytesOf,
  ctypesExporterArb,
  exporterArb,
  none,
  num,
  pathArb,
  Script,
  str,
  viewOf,
} from "../../oracle/memoryview-arbitraries.ts";
import { differential } from "./harness.ts";

const cpython = differential("attributes");

/** tobytes(order): none, the three orders, None, and wrong ones (case, unknown letter, empty, int, bytes). */
const orderArb: fc.Arbitrary<Arg[]> = fc.constantFrom<Arg[]>(
  [],
  [str("C")],
  [str("F")],
  [str("A")],
  [none],
  [str("c")],
  [str("X")],
  [str("")],
  [str("CF")],
  [num(1)],
  [bytesOf(67)],
);

const exporter = fc.oneof({ weight: 12, arbitrary: exporterArb(anyFormatArb) }, { weight: 1, arbitrary: ctypesExporterArb });

describe("memoryview attributes and conversions vs CPython 3.14", () => {
  it("every attribute, toList and toBytes('C') of a derived view agree", () => {
    fc.assert(
      fc.property(exporter, pathArb(3), (e, path) => {
        const s = new Script([e.exporter]);
        s.run("describe", viewOf(s, 0, path));
        cpython.agree(s.case);
      }),
      { numRuns: 700 },
    );
  });

  it("toBytes in every order, length, iteration and repr agree", () => {
    fc.assert(
      fc.property(exporter, pathArb(2), fc.array(orderArb, { minLength: 1, maxLength: 3 }), (e, path, orders) => {
        const s = new Script([e.exporter]);
        const view = viewOf(s, 0, path);
        for (const order of orders) s.run("tobytes", view, ...order);
        s.run("len", view);
        s.run("iter", view);
        s.run("repr", view);
        cpython.agree(s.case);
      }),
      { numRuns: 700 },
    );
    // The generators must still reach each of these answers (a guard against a generator that drifts).
    cpython.expectReached([
      "TypeError: 0-dim memory has no length",
      "TypeError: invalid indexing of 0-dim memory",
      "NotImplementedError: multi-dimensional sub-views are not implemented",
      "ValueError: order must be 'C', 'F' or 'A'",
      "TypeError: tobytes() argument 'order' must be str or None, not int",
      /^NotImplementedError: memoryview: unsupported format /,
    ]);
  });
});
