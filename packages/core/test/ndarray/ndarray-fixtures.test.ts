/**
 * Replays test/fixtures/ndarray-lp64.json (CPython's `_testbuffer.ndarray` on
 * a 64-bit build; see scripts/gen-ndarray-fixtures.py) against `NDArray` with
 * the default (lp64) ABI: attributes, contents, every request of
 * `test_ndarray_getbuf`'s matrix, and construction errors, messages included.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalAnswer, runCase, type CaseResult, type Description, type ErrorResult, type NDArrayCase } from "./helpers.ts";

interface GetbufCase {
  readonly name: string;
  readonly case: NDArrayCase;
  readonly expected: Description;
  /** Indices into `results`, one per entry of `requests`. */
  readonly getbuf: readonly number[];
}

interface OtherCase {
  readonly name: string;
  readonly case: NDArrayCase;
  readonly expected: CaseResult;
  /** "type": CPython's message is an implementation accident; match the error type only. */
  readonly compare?: "type";
}

interface Fixture {
  readonly python: string;
  readonly requests: readonly number[];
  readonly results: readonly (Description | ErrorResult)[];
  readonly getbuf: readonly GetbufCase[];
  readonly cases: readonly OtherCase[];
}

const fixture = canonicalAnswer(
  JSON.parse(readFileSync(new URL("../fixtures/ndarray-lp64.json", import.meta.url), "utf8")) as Fixture,
);

describe(`test_ndarray_getbuf matrix (CPython ${fixture.python.split(" ")[0]})`, () => {
  it("covers the whole matrix", () => {
    // 4 item sets x 10 structures x allowed flag sets, each with its [::-2] slice, plus 4 contiguity cases.
    expect(fixture.getbuf.length).toBe(356);
    expect(fixture.requests.length).toBe(60);
  });

  it.each(fixture.getbuf.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const actual = runCase({ ...c.case, requests: fixture.requests });
    const expected = { ok: c.expected, getbuf: c.getbuf.map((i) => fixture.results[i]) };
    expect(actual).toEqual(expected);
  });
});

describe("construction, push and pop", () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const actual = runCase(c.case);
    if (c.compare === "type" && "error" in c.expected) {
      expect(actual).toMatchObject({ error: c.expected.error });
    } else {
      expect(actual).toEqual(c.expected);
    }
  });
});
