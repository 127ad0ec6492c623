/**
 * `cast(format, shape)` against CPython 3.14's memoryview: every native
 * destination (with and without '@'), every restriction of memory_cast in CPython's
 * order (non-C-contiguous, zeros in shape, bad shape types, more than 64
 * dimensions, ND -> ND, non-native destinations, two non-byte formats,
 * lengths that do not divide, bad, huge or non-positive extents, a product
 * that does not match), casts of casts, and the views that come out
 * (attributes, items, bytes), including '?' views over raw bytes.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Arg } from "../../oracle/engine-memoryview.ts";
import {
  anyFormatArb,
  big,
  bool,
  bytesOf,
  ctypesExporterArb,
  derivationArb,
  exporterArb,
  factorize,
  NATIVE_CODES,
  nbytesOf,
  none,
  num,
  Script,
  str,
  viewOf,
  WASM32_SIZES,
  type ExporterInfo,
} from "../../oracle/memoryview-arbitraries.ts";
import { differential } from "./harness.ts";

const cpython = differential("cast");

/** Destination formats: native ones (often bytes) and every kind CPython refuses. */
const destinationArb: fc.Arbitrary<Arg> = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(fc.constantFrom(...NATIVE_CODES, "B", "B", "b", "c"), fc.boolean()).map(([c, at]) => str(at ? `@${c}` : c)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Arg>(str("=B"), str("<i"), str("!L"), str("BB"), str("2B"), str("s"), str("x"), str(""), str("Z"), str("@"), str("@@B"), str(" B"), str("é"), str("w")),
  },
  { weight: 1, arbitrary: fc.constantFrom<Arg>(bytesOf(66), num(1), none) },
);

const badExtentArb: fc.Arbitrary<Arg> = fc.constantFrom<Arg>(
  num(0),
  num(-1),
  num(1.5),
  bool(true),
  str("2"),
  none,
  big(2n ** 63n),
  big(2n ** 31n),
  big(2n ** 62n),
  big(-(2n ** 64n)),
  num(2 ** 31 - 1),
);

/** The shape argument for a cast of `items` items: absent, a factorisation, [], random, malformed, or too long. */
function shapeArb(items: number | null): fc.Arbitrary<Arg[]> {
  const factors =
    items === null || items === 0
      ? fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
      : fc.tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 })).map(([parts, picks]) => factorize(items, parts, picks));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant<Arg[]>([]) },
    { weight: 6, arbitrary: factors.map((f): Arg[] => [{ list: f.map(num) }]) },
    { weight: 1, arbitrary: fc.constant<Arg[]>([{ list: [] }]) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }), badExtentArb, fc.nat())
        .map(([good, bad, at]): Arg[] => {
          const extents: Arg[] = good.map(num);
          extents.splice(at % (extents.length + 1), 0, bad);
          return [{ list: extents }];
        }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Arg[]>(
        [num(3)],
        [str("3")],
        [none],
        [{ list: Array.from({ length: 65 }, () => num(1)) }],
        [{ list: Array.from({ length: 64 }, () => num(1)) }],
        // Each extent fits wasm32's Py_ssize_t, their product does not.
        [{ list: [num(2 ** 31 - 1), num(2 ** 31 - 1)] }],
        [{ list: [num(2 ** 30), num(4)] }],
      ),
    },
  );
}

/** A cast's arguments for a view of `nbytes` bytes (null: unknown). */
function castArgsArb(nbytes: number | null): fc.Arbitrary<Arg[]> {
  return destinationArb.chain((format) => {
    const size = "str" in format ? WASM32_SIZES[format.str.replace(/^@/, "")] : undefined;
    const items = nbytes !== null && size !== undefined && nbytes % size === 0 ? nbytes / size : null;
    return shapeArb(items).map((shape) => [format, ...shape]);
  });
}

const exporter = fc.oneof({ weight: 14, arbitrary: exporterArb(anyFormatArb) }, { weight: 1, arbitrary: ctypesExporterArb });

describe("memoryview.cast vs CPython 3.14", () => {
  it("casts of whole exporters agree (results, and every error in CPython's order)", () => {
    fc.assert(
      fc.property(
        exporter.chain((e: ExporterInfo) => fc.tuple(fc.constant(e), castArgsArb(nbytesOf(e)), castArgsArb(null))),
        ([e, first, second]) => {
          const s = new Script([e.exporter]);
          const view = s.keep("memoryview", 0);
          const cast = s.keep("cast", view, ...first);
          s.run("describe", cast);
          // Back to bytes, then a second cast of the cast.
          const bytes = s.keep("cast", cast, str("B"));
          s.run("describe", bytes);
          s.run("describe", s.keep("cast", cast, ...second));
          cpython.agree(s.case);
        },
      ),
      { numRuns: 1000 },
    );
    // The generators must still reach each of these answers (a guard against a generator that drifts).
    cpython.expectReached([
      "TypeError: memoryview: casts are restricted to C-contiguous views",
      "TypeError: memoryview: cannot cast view with zeros in shape or strides",
      "TypeError: shape must be a list or a tuple",
      "ValueError: memoryview: number of dimensions must not exceed 64",
      "TypeError: memoryview: cast must be 1D -> ND or ND -> 1D",
      "ValueError: memoryview: destination format must be a native single character format prefixed with an optional '@'",
      "TypeError: memoryview: cannot cast between two non-byte formats",
      "TypeError: memoryview: length is not a multiple of itemsize",
      "TypeError: memoryview.cast(): elements of shape must be integers",
      "OverflowError: Python int too large to convert to C ssize_t",
      "ValueError: memoryview.cast(): elements of shape must be integers > 0",
      "ValueError: memoryview.cast(): product(shape) > SSIZE_MAX",
      "TypeError: memoryview: product(shape) * itemsize != buffer size",
      "TypeError: cast() argument 'format' must be str, not bytes",
      /^UnicodeEncodeError: 'ascii' codec can't encode/,
    ]);
  });

  it("casts of derived views (slices, casts, read-only, 0-d) agree", () => {
    fc.assert(
      fc.property(exporter, fc.array(derivationArb, { minLength: 1, maxLength: 2 }), castArgsArb(null), (e, path, args) => {
        const s = new Script([e.exporter]);
        const view = viewOf(s, 0, path);
        s.run("describe", s.keep("cast", view, ...args));
        s.run("describe", s.keep("cast", view, str("B"), { list: [] }));
        cpython.agree(s.case);
      }),
      { numRuns: 600 },
    );
  });

  it("'?' views cast from raw bytes agree on attributes, stores and (for bytes 0 and 1) items and comparisons", () => {
    // Bytes other than 0 and 1 are stored but not read as items: reading them through a C _Bool is undefined
    // behaviour (wasm32 CPython reads 2 as False, x86-64 CPython as True), so the oracle marks those answers.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }), fc.nat(), fc.boolean(), (raw, pick, value) => {
        const bools = raw.map((b) => bool(b !== 0));
        const s = new Script([
          { ndarray: { items: raw.map(num), shape: [raw.length], format: "B", flags: 2 } },
          { ndarray: { items: bools, shape: [raw.length], format: "?" } },
          { ndarray: { items: raw.map(num), shape: [raw.length], format: "B" } },
        ]);
        const view = s.keep("memoryview", 0);
        const flags = s.keep("cast", view, str("?"));
        const other = s.keep("cast", s.keep("memoryview", 2), str("?"));
        s.run("attrs", flags);
        s.run("eq", flags, { var: other });
        s.run("eq", flags, { var: 1 });
        s.run("set", flags, num(pick % raw.length), bool(value));
        s.run("bytes", 0);
        if (raw.every((b) => b < 2)) {
          s.run("tolist", flags);
          s.run("eq", flags, { var: 1 });
          s.run("count", flags, bool(true));
        }
        cpython.agree(s.case);
      }),
      { numRuns: 300 },
    );
  });
});
