/**
 * `hex(sep, bytesPerSep)` against CPython 3.14's memoryview.hex: separators
 * as str or bytes, of the wrong length, non-ASCII or of the wrong type, and
 * group sizes positive (from the right), negative (from the left), zero,
 * past the length and past a C int, on plain bytes and on random views
 * (non-contiguous ones are linearised in C order first).
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Arg } from "../../oracle/engine-memoryview.ts";
import {
  anyFormatArb,
  big,
  bool,
  bytesOf,
  exporterArb,
  nativeFormatArb,
  none,
  num,
  pathArb,
  Script,
  str,
  viewOf,
} from "../../oracle/memoryview-arbitraries.ts";
import { differential } from "./harness.ts";

const cpython = differential("hex");

const sepArb: fc.Arbitrary<Arg> = fc.constantFrom<Arg>(
  str(":"),
  str("-"),
  str(" "),
  bytesOf(58),
  bytesOf(0x7f),
  str(""),
  str("ab"),
  str("é"),
  str("\u{1F600}"),
  bytesOf(200),
  bytesOf(),
  bytesOf(1, 2),
  num(1),
  num(1.5),
  bool(true),
  { list: [str(":")] },
  { list: [] },
);

const bytesPerSepArb: fc.Arbitrary<Arg> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -14, max: 14 }).map(num) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Arg>(num(2 ** 31 - 1), num(-(2 ** 31)), num(2 ** 31), num(-(2 ** 31) - 1), big(2n ** 70n), big(2n)),
  },
  { weight: 1, arbitrary: fc.constantFrom<Arg>(num(1.5), bool(true), none, str("2")) },
);

/** hex(), hex(sep) or hex(sep, bytesPerSep). */
const hexArgsArb: fc.Arbitrary<Arg[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Arg[]>([]) },
  { weight: 2, arbitrary: sepArb.map((sep) => [sep]) },
  { weight: 6, arbitrary: fc.tuple(sepArb, bytesPerSepArb).map(([sep, n]) => [sep, n]) },
);

const byteFormat = nativeFormatArb.filter((f) => f.itemsize === 1 && !f.codes.includes("?"));

describe("memoryview.hex vs CPython 3.14", () => {
  it("separators and group sizes on 1-D byte views agree", () => {
    fc.assert(
      fc.property(exporterArb(byteFormat, { minNdim: 1, maxNdim: 1, pil: false }), fc.array(hexArgsArb, { minLength: 1, maxLength: 4 }), (e, calls) => {
        const s = new Script([e.exporter]);
        const view = s.keep("memoryview", 0);
        for (const args of calls) s.run("hex", view, ...args);
        cpython.agree(s.case);
      }),
      { numRuns: 800 },
    );
    // The generators must still reach each of these answers (a guard against a generator that drifts).
    cpython.expectReached([
      "ValueError: sep must be length 1.",
      "ValueError: sep must be ASCII.",
      "TypeError: sep must be str or bytes.",
      "TypeError: object of type 'int' has no len()",
      "OverflowError: Python int too large to convert to C int",
      "TypeError: 'float' object cannot be interpreted as an integer",
    ]);
  });

  it("hex of random views (any format, layout and ndim) agrees", () => {
    fc.assert(
      fc.property(exporterArb(anyFormatArb), pathArb(2), hexArgsArb, (e, path, args) => {
        const s = new Script([e.exporter]);
        s.run("hex", viewOf(s, 0, path), ...args);
        cpython.agree(s.case);
      }),
      { numRuns: 600 },
    );
  });
});
