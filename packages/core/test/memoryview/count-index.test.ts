/**
 * `m.count(value)` and `m.index(value, start, stop)`, new in CPython 3.14
 * (memoryobject.c: memoryview_count_impl, memoryview_index_impl): not in 3.13's suite, so every expectation here was run on
 * CPython 3.14 in Pyodide. A match is `item is value or item == value`;
 * `start`/`stop` are slice indices (clamped, never out of range).
 */
import { describe, expect, it } from "vitest";
import { memoryview } from "../../src/index.ts";
import { b, py, RELEASED, thrown } from "./helpers.ts";

const NOT_FOUND = py("ValueError", "memoryview.index(x): x not found");
const SLICE_INDEX = py("TypeError", "slice indices must be integers or have an __index__ method");
const abcaba = () => memoryview(b("abcaba"));

describe("count", () => {
  it("counts items equal to the value: memoryview(b'abcaba').count(97) == 3", () => {
    const m = abcaba();
    expect([m.count(97), m.count(98), m.count(120)]).toEqual([3, 2, 0]);
  });

  it("compares with Python's ==: 97.0 and 97n match; True is 1; 'a', b'a' and None never match a 'B' item", () => {
    const m = abcaba();
    expect([m.count(97.0), m.count(97n), m.count(true), m.count("a"), m.count(b("a")), m.count(null)]).toEqual([3, 3, 0, 0, 0, 0]);
  });

  it("'c' items are bytes: count(b'a') == 2, count(97) == 0", () => {
    const c = memoryview(b("aba")).cast("c");
    expect([c.count(b("a")), c.count(97), c.index(b("b"))]).toEqual([2, 0, 1]);
  });

  it("'?' items are bools: True == 1, False == 0", () => {
    const q = memoryview(Uint8Array.of(0, 1, 1)).cast("?");
    expect([q.count(true), q.count(1), q.count(0), q.index(true)]).toEqual([2, 2, 1, 1]);
  });

  it("'Q' 2**64-1 is not -1; 'd' 1.0 == 1; -0.0 == 0", () => {
    const q = memoryview(new BigUint64Array([2n ** 64n - 1n]));
    expect([q.count(2n ** 64n - 1n), q.index(2n ** 64n - 1n), q.count(-1)]).toEqual([1, 0, 0]);
    expect([memoryview(new Float64Array([1])).count(1), memoryview(new Float64Array([-0])).count(0)]).toEqual([1, 1]);
  });

  it("NaN is never found: each item is a new float, so neither `is` nor == holds", () => {
    // d = memoryview(struct.pack('ddd', nan, 1.0, nan)).cast('B').cast('d'): d.count(nan) == 0, d.index(nan) raises
    const d = memoryview(new Float64Array([NaN, 1, NaN]));
    expect(d.count(NaN)).toBe(0);
    expect(thrown(() => d.index(NaN))).toEqual(NOT_FOUND);
  });

  it("iterates, so 0-d and N-d views raise what iter() raises", () => {
    expect(thrown(() => memoryview(b("abcd")).cast("i", []).count(1))).toEqual(py("TypeError", "invalid indexing of 0-dim memory"));
    expect(thrown(() => memoryview(b("abcd")).cast("B", [2, 2]).count(97))).toEqual(
      py("NotImplementedError", "multi-dimensional sub-views are not implemented"),
    );
  });
});

describe("index", () => {
  it("the first match at or after start and before stop", () => {
    const m = abcaba();
    expect([m.index(97), m.index(97, 1), m.index(97, 0, 100), m.index(97, true as never)]).toEqual([0, 3, 0, 3]);
  });

  it("negative bounds count from the end and are clamped at 0", () => {
    const m = abcaba();
    expect([m.index(97, -3), m.index(98, -100), m.index(97, -1)]).toEqual([3, 1, 5]);
  });

  it("not found: ValueError, also for an empty or inverted range", () => {
    const m = abcaba();
    for (const [start, stop] of [[4, 5], [10, undefined], [5, 2]] as const) expect(thrown(() => m.index(97, start, stop))).toEqual(NOT_FOUND);
    expect(thrown(() => m.index(99, 3))).toEqual(NOT_FOUND);
    expect(thrown(() => m.index(120))).toEqual(NOT_FOUND);
  });

  it("bounds beyond Py_ssize_t are clamped like slice indices: index(97, 2**64) not found, index(97, -2**64) == 0", () => {
    const m = memoryview(b("ab"));
    expect(thrown(() => m.index(97, 2n ** 64n as never))).toEqual(NOT_FOUND);
    expect(m.index(97, -(2n ** 64n) as never)).toBe(0);
  });

  it("start and stop must be integers: None and floats are TypeError", () => {
    const m = abcaba();
    expect(thrown(() => m.index(97, null as never))).toEqual(SLICE_INDEX);
    expect(thrown(() => m.index(97, 1.5))).toEqual(SLICE_INDEX);
    expect(thrown(() => m.index(97, 0, null as never))).toEqual(SLICE_INDEX);
  });

  it("0-d and N-d views have their own messages", () => {
    expect(thrown(() => memoryview(b("abcd")).cast("i", []).index(1))).toEqual(py("TypeError", "invalid lookup on 0-dim memory"));
    expect(thrown(() => memoryview(b("abcd")).cast("B", [2, 2]).index(97))).toEqual(
      py("NotImplementedError", "multi-dimensional lookup is not implemented"),
    );
  });

  it("released views raise ValueError for count and index", () => {
    const m = memoryview(b("a"));
    m.release();
    expect([thrown(() => m.count(97)), thrown(() => m.index(97))]).toEqual([RELEASED, RELEASED]);
  });
});
