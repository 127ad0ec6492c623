/**
 * Replays CPython 2.7.18's answers (test/fixtures/buffer-py27.json, made by
 * scripts/gen-fixtures.py) against the package: every step's result, or
 * error type and message, must match. Cases marked as a divergence must
 * match 2.7 everywhere except the steps listed below, where the package's
 * documented behaviour (README, "Divergences") is checked instead, and
 * 2.7's answer is checked to differ (so a stale entry is noticed).
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { buffer } from "../src/index.ts";
import { loadFixture, type FixtureResult } from "./support/fixture.ts";
import { runCase } from "./support/interpreter.ts";
import { PyByteArray, PyStr } from "./support/python2-types.ts";

const fixture = loadFixture();
const hex = (text: string): string => Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");

/** Case title -> step index -> the package's answer where it deliberately differs from 2.7. */
const DIVERGENT_STEPS: Record<string, Record<number, FixtureResult>> = {
  // A new-protocol exporter (here core's MemoryView) has the old slots too, through the bridge.
  "buffer() refuses a memoryview (it has no old slots)": { 1: { object: "buffer" } },
  "a memoryview is not an old-protocol value": { 3: { none: true }, 4: { bytes: hex("xbcdef") } },
  "buffer + memoryview": { 2: { bytes: hex("abcd") } },
  "the abstract functions on a memoryview": {
    1: { bytes: hex("ab") },
    2: { bytes: hex("ab") },
    3: { error: "BufferError", message: "memoryview: underlying buffer is not writable" },
    4: { bool: true },
  },
  "argument codes on a memoryview": {
    3: { error: "TypeError", message: "f() argument 1 must be string or pinned buffer, not memoryview" },
  },
  // Overlapping copies read the source as it was (memmove), also for extended slices.
  "overlapping extended-slice assignment (2.7 copies byte by byte from the changing source)": { 4: { bytes: hex("fedcba") } },
  "overlapping extended-slice assignment, step 2": { 4: { bytes: hex("aacbec") } },
  // JS has no str type: a bytes-like exporter compares byte-wise (2.7's str never equalled a buffer).
  "== with a str is False (str has no byte-wise comparison with buffers)": { 1: { bool: true } },
  // memoryview(buffer(x)) holds x's new-protocol export, so x cannot be resized under the view.
  "memoryview(buffer(bytearray)) does not pin the bytearray (2.7 keeps a stale pointer)": {
    3: { error: "BufferError", message: "Existing exports of data: object cannot be re-sized" },
    5: { bytes: hex("abc") },
  },
};

/**
 * What each fixture section covers, with the CPython 2.7 code it exercises
 * (`Objects/bufferobject.c` unless said otherwise). The section keys are the
 * generator's grouping (scripts/gen-fixtures.py).
 */
const SECTION_TITLES: Record<string, string> = {
  "1.2": "the window every operation resolves through the base's read, write or char slot (get_buf)",
  "1.3": "construction: buffer(object[, offset[, size]]) (buffer_new, buffer_from_object)",
  "1.4": "a buffer of a buffer shares its base (buffer_from_object)",
  "1.5": "repr (buffer_repr)",
  "1.6": "str, len, bool, unicode and format (buffer_str, buffer_length)",
  "1.7": "item access and slicing (buffer_item, buffer_slice, buffer_subscript)",
  "1.8": "item and slice assignment (buffer_ass_item, buffer_ass_slice, buffer_ass_subscript)",
  "1.9": "concatenation (buffer_concat)",
  "1.10": "repetition (buffer_repeat)",
  "1.11": "comparison (buffer_compare)",
  "1.12": "hash (buffer_hash)",
  "1.13": "iteration and containment (the sequence protocol over buffer_item)",
  "1.14": "bases that are resized or closed under the buffer (get_buf re-reads them)",
  "2.2": "the old-protocol slot contracts of the built-in types (Include/object.h PyBufferProcs)",
  "2.3": "the buffer object's own slots (buffer_getreadbuf, buffer_getwritebuf, buffer_getsegcount, buffer_getcharbuf)",
  "2.4": "the abstract functions (Objects/abstract.c PyObject_AsCharBuffer, PyObject_AsReadBuffer, PyObject_AsWriteBuffer, PyObject_CheckReadBuffer)",
  "2.6": "the built-in exporters' slots (str, unicode, bytearray, array, mmap, ctypes)",
  "2.8": "argument codes that take buffers (Python/getargs.c convertsimple: s#, t#, w#, s*, w*)",
  "3.2": "the buffer object as a new-protocol exporter (buffer_getbuffer)",
};

describe(`the buffer object agrees with CPython ${fixture.python.split(" ")[0]}`, () => {
  it("the fixture is the reference machine's (UCS4 unicode) and covers every section", () => {
    expect(fixture.python.startsWith("2.7.18")).toBe(true);
    expect(fixture.unicodeWidth).toBe(4);
    const sections = new Set(fixture.cases.map((c) => c.section));
    for (const section of ["1.2", "1.3", "1.4", "1.5", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13", "1.14", "2.3", "2.4", "2.6", "2.8", "3.2"]) {
      expect(sections, section).toContain(section);
    }
    // Every section has a title saying what it tests.
    expect([...sections].filter((section) => !(section in SECTION_TITLES))).toEqual([]);
    const divergent = fixture.cases.filter((c) => c.divergence !== undefined).map((c) => c.title);
    expect(divergent.sort()).toEqual(Object.keys(DIVERGENT_STEPS).sort());
  });

  for (const section of [...new Set(fixture.cases.map((c) => c.section))]) {
    describe(SECTION_TITLES[section] ?? `fixture section ${section}`, () => {
      for (const fixtureCase of fixture.cases.filter((c) => c.section === section)) {
        it(fixtureCase.title, () => {
          const overrides = DIVERGENT_STEPS[fixtureCase.title] ?? {};
          const outcomes = runCase(fixtureCase, { jsString: fixtureCase.jsString === true });
          expect(outcomes.length).toBeGreaterThan(0);
          const mismatches = outcomes.flatMap((outcome, index) => {
            const expected = overrides[index] ?? outcome.expected;
            return isDeepStrictEqual(outcome.actual, expected) ? [] : [{ index, op: outcome.op, args: outcome.args, expected, actual: outcome.actual }];
          });
          expect(mismatches).toEqual([]);
          for (const index of Object.keys(overrides).map(Number)) {
            expect(outcomes[index]!.expected, `2.7 still differs at step ${index}`).not.toEqual(overrides[index]);
          }
        });
      }
    });
  }
});

describe("repeating an empty buffer: 2.7.18 dies with SIGFPE, the package returns nothing", () => {
  const JS: Record<string, () => Uint8Array> = {
    "buffer('') * 3": () => buffer(new PyStr([])).repeat(3),
    "3 * buffer('')": () => buffer(new PyStr([])).repeat(3),
    "buffer('') * 0": () => buffer(new PyStr([])).repeat(0),
    "buffer('') * -1": () => buffer(new PyStr([])).repeat(-1),
    "buffer('abc', 5) * 2": () => buffer(new PyStr([97, 98, 99]), 5).repeat(2),
    "a = bytearray('abc'); b = buffer(a); del a[:]; b * 2": () => {
      const base = new PyByteArray([97, 98, 99]);
      const b = buffer(base);
      base.deleteSlice(null, null);
      return b.repeat(2);
    },
  };
  it("every crash case has its JavaScript counterpart", () => {
    expect(fixture.crashes.map((c) => c.python).sort()).toEqual(Object.keys(JS).sort());
  });
  for (const crash of fixture.crashes) {
    it(crash.title, () => {
      expect(crash.crash).toEqual({ signal: "SIGFPE" });
      expect(JS[crash.python]!()).toEqual(new Uint8Array(0));
    });
  }
});
