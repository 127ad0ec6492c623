/**
 * `equals` (Python's `==`) against CPython 3.14's memoryview: a random view
 * against twins of it (the same items under another layout, PIL or not;
 * another format holding the same values, through the fast path or struct;
 * the other byte order over the same values or over the same bytes; one item
 * changed; 'c' against 'B'; formats struct cannot parse), NaNs, zero extents,
 * slices of both, non-exporters, and the exporters themselves.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runMemoryViewCase, type Arg, type Exporter } from "../../oracle/engine-memoryview.ts";
import {
  anyFormatArb,
  buildSpecOf,
  byteswapped,
  bytesOf,
  ctypesExporterArb,
  derivationArb,
  exporterArb,
  itemArb,
  none,
  num,
  ND_FORTRAN,
  ND_PIL,
  Script,
  str,
  viewOf,
  WASM32_SIZES,
  type Derivation,
  type ExporterInfo,
  type FormatInfo,
} from "../../oracle/memoryview-arbitraries.ts";
import type { Tagged } from "../../oracle/tagged.ts";
import { differential } from "./harness.ts";

const cpython = differential("equality");

/** CPython's `a == twin` answers, by kind of twin: the generators must reach both outcomes where both exist. */
const outcomes = new Map<string, Set<boolean>>();

type Item = Tagged | Tagged[];

/** The integer an item holds, or null (floats, bools, bytes, struct items). */
function integerOf(item: Item): bigint | null {
  if (Array.isArray(item)) return null;
  if ("bigint" in item) return BigInt(item.bigint);
  if ("number" in item && Number.isInteger(Number(item.number))) return BigInt(Number(item.number));
  return null;
}

const RANGES: Record<string, [bigint, bigint]> = {
  b: [-128n, 127n], B: [0n, 255n], h: [-32768n, 32767n], H: [0n, 65535n], i: [-(2n ** 31n), 2n ** 31n - 1n], I: [0n, 2n ** 32n - 1n],
  l: [-(2n ** 31n), 2n ** 31n - 1n], L: [0n, 2n ** 32n - 1n], q: [-(2n ** 63n), 2n ** 63n - 1n], Q: [0n, 2n ** 64n - 1n],
  n: [-(2n ** 31n), 2n ** 31n - 1n], N: [0n, 2n ** 32n - 1n], P: [0n, 2n ** 32n - 1n],
};

/** Codes that can hold all of `items` (integers), with the value tagged for each. */
function integerCodesFor(items: readonly Item[]): string[] {
  const values = items.map(integerOf);
  if (values.some((v) => v === null)) return [];
  return Object.keys(RANGES).filter((code) => values.every((v) => v! >= RANGES[code]![0] && v! <= RANGES[code]![1]));
}

const retag = (item: Item, size: number): Item => {
  const v = integerOf(item)!;
  return size === 8 ? { bigint: String(v) } : num(Number(v));
};

/** A twin exporter of `e`: its kind, and the exporter. */
type Twin = { readonly kind: string; readonly exporter: Exporter };

function twinArb(e: ExporterInfo): fc.Arbitrary<Twin> {
  if (!("ndarray" in e.exporter)) return fc.constant({ kind: "same", exporter: e.exporter });
  const spec = e.exporter.ndarray;
  const format = e.format;
  const code = format.codes.length === 1 ? format.codes[0]! : null;
  const rebuilt = (kind: string, f: FormatInfo, items: readonly Item[], flags = e.flags): Twin => ({
    kind,
    exporter: {
      ndarray: buildSpecOf(f, { shape: [...e.shape], layout: e.layout, flags, strides: e.strides === null ? null : [...e.strides], offset: e.offset, nitems: items.length }, items),
    },
  });
  const options: fc.Arbitrary<Twin>[] = [fc.constant<Twin>({ kind: "same", exporter: { ndarray: spec } })];
  if (e.shape.length > 0) options.push(fc.constant(rebuilt("pil-toggled", format, e.items, e.flags ^ ND_PIL)));
  // One item changed (possibly to the same value).
  if (e.items.length > 0) {
    options.push(
      fc.tuple(fc.nat(e.items.length - 1), itemArb(format)).map(([at, item]) => rebuilt("one-item-changed", format, e.items.map((x, i) => (i === at ? item : x)))),
    );
  }
  // The same values under another integer format (fast path when the code is the same, struct otherwise).
  const codes = integerCodesFor(e.items);
  if (codes.length > 0 && e.offset % 8 === 0 && (e.strides ?? []).every((s) => s % 8 === 0)) {
    options.push(
      fc.constantFrom(...codes).chain((c) =>
        fc.constantFrom(c, `@${c}`, ...("nNP".includes(c) ? [] : [`<${c}`, `>${c}`, `=${c}`, `!${c}`])).map((f) => {
          const size = WASM32_SIZES[c]!;
          const scale = size / format.itemsize;
          const info: FormatInfo = { format: f, itemsize: size, codes: [c] };
          return {
            kind: `as-${f}`,
            exporter: {
              ndarray: buildSpecOf(
                info,
                { shape: [...e.shape], layout: e.layout, flags: e.flags, strides: e.strides === null ? null : e.strides.map((s) => s * scale), offset: e.offset * scale, nitems: e.items.length },
                e.items.map((x) => retag(x, size)),
              ),
            },
          };
        }),
      ),
    );
  }
  // The other byte order over the same bytes (values byte-swapped), for standard-size integer formats.
  if (code !== null && /^[<>!]/.test(format.format) && code in RANGES && format.itemsize > 1) {
    const other = format.format[0] === "<" ? ">" : "<";
    options.push(fc.constant(rebuilt("byteswapped", { ...format, format: other + code }, e.items.map((x) => (Array.isArray(x) ? x : byteswapped(x, code, format.itemsize))))));
  }
  // 'c' against 'B' over the same bytes: b'a' != 97.
  if (code === "c") {
    options.push(fc.constant(rebuilt("c-as-B", { format: "B", itemsize: 1, codes: ["B"] }, e.items.map((x) => (Array.isArray(x) || !("bytes" in x) ? x : num(Number.parseInt(x.bytes, 16)))))));
  }
  // Floats under a wider float format.
  if (code === "e" || code === "f") {
    options.push(fc.constantFrom("f", "d", "<d", ">f").filter((f) => f !== format.format).map((f) => {
      const size = f.endsWith("d") ? 8 : 4;
      const scale = size / format.itemsize;
      return {
        kind: `as-${f}`,
        exporter: {
          ndarray: buildSpecOf(
            { format: f, itemsize: size, codes: [f.slice(-1)] },
            { shape: [...e.shape], layout: e.layout, flags: e.flags, strides: e.strides === null ? null : e.strides.map((s) => s * scale), offset: e.offset * scale, nitems: e.items.length },
            e.items,
          ),
        },
      };
    }));
  }
  // A Fortran twin of a C array has its items in the other order: usually unequal, equal for symmetric data.
  if (e.layout === "C" && e.shape.length > 1) options.push(fc.constant(rebuilt("fortran", format, e.items, e.flags | ND_FORTRAN)));
  return fc.oneof(...options);
}

/** Right-hand sides that are not views of an exporter of ours. */
const otherArb: fc.Arbitrary<Arg> = fc.constantFrom<Arg>(str(""), str("ab"), num(0), num(1.5), none, { list: [] }, { list: [num(1)] }, bytesOf(), bytesOf(1, 2), { bytearray: "" }, { bytearray: "0102" });

const exporter = fc.oneof(
  { weight: 14, arbitrary: exporterArb(anyFormatArb, { nan: true }) },
  { weight: 1, arbitrary: ctypesExporterArb },
);

describe("memoryview equals vs CPython 3.14", () => {
  it("a view equals its twins exactly when CPython's does, both ways, and itself unless it holds a NaN", () => {
    fc.assert(
      fc.property(
        exporter.chain((e) => fc.tuple(fc.constant(e), twinArb(e), fc.array(derivationArb, { maxLength: 1 }), fc.boolean())),
        ([e, twin, path, samePath]) => {
          const s = new Script([e.exporter, twin.exporter]);
          const a = viewOf(s, 0, path);
          const b = viewOf(s, 1, samePath ? path : []);
          s.run("eq", a, { var: b });
          s.run("eq", b, { var: a });
          s.run("eq", a, { var: a });
          s.run("eq", a, { var: 1 });
          s.run("eq", b, { var: 0 });
          const theirs = cpython.cpython(s.case);
          cpython.counted(s.steps.length);
          cpython.expectSame(s.case, theirs, runMemoryViewCase(s.case));
          const first = "steps" in theirs ? theirs.steps[s.steps.length - 5] : undefined;
          if (first !== undefined && "ok" in first) {
            // (A cast to bytes makes ctypes views comparable: only underived ones count as "ctypes".)
            const kind = "ctypes" in e.exporter ? (path.length === 0 ? "ctypes" : "ctypes-derived") : twin.kind.replace(/^as-.*/, "other-format");
            outcomes.set(kind, (outcomes.get(kind) ?? new Set()).add((first.ok as { bool: boolean }).bool));
          }
        },
      ),
      { numRuns: 1200 },
    );
    // The generators must still reach both outcomes through each kind of twin (a guard against drift).
    cpython.expectReached(["eq: true", "eq: false"]);
    const seen = (kind: string): boolean[] => [...(outcomes.get(kind) ?? [])].sort();
    // Same values, any layout or format: equal (unequal too, when a NaN or a '?'/'B' byte pattern says so).
    for (const kind of ["same", "pil-toggled", "other-format"]) expect(seen(kind), kind).toContain(true);
    for (const kind of ["one-item-changed", "fortran"]) expect(seen(kind), kind).toEqual([false, true]);
    expect(seen("byteswapped"), "byteswapped").toContain(false);
    // 'c' never equals 'B' (but empty views are equal), and struct cannot parse ctypes' format: never equal.
    expect(seen("c-as-B"), "c-as-B").toContain(false);
    expect(seen("ctypes"), "ctypes").toEqual([false]);
  });

  it("slices of a view equal slices of its twin as in CPython (shapes, zero extents, reversed)", () => {
    const sliced: fc.Arbitrary<Derivation> = derivationArb.filter((d) => d.kind === "slice");
    fc.assert(
      fc.property(
        exporterArb(anyFormatArb, { minNdim: 1, nan: true }).chain((e) => fc.tuple(fc.constant(e), twinArb(e), sliced, sliced)),
        ([e, twin, left, right]) => {
          const s = new Script([e.exporter, twin.exporter]);
          const a = viewOf(s, 0, []);
          const b = viewOf(s, 1, []);
          const a1 = viewOf(s, 0, [left]);
          s.run("eq", a1, { var: viewOf(s, 1, [left]) });
          s.run("eq", a1, { var: viewOf(s, 1, [right]) });
          s.run("eq", a, { var: b });
          cpython.agree(s.case);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("non-exporters are never equal, bytes and bytearrays compare as 'B'", () => {
    fc.assert(
      fc.property(exporter, fc.array(otherArb, { minLength: 1, maxLength: 4 }), (e, others) => {
        const s = new Script([e.exporter]);
        const view = s.keep("memoryview", 0);
        for (const other of others) s.run("eq", view, other);
        cpython.agree(s.case);
      }),
      { numRuns: 400 },
    );
  });
});
