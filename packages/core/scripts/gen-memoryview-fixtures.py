#!/usr/bin/env python3
"""Generates test/fixtures/memoryview-lp64.json: CPython's memoryview answers
on a 64-bit (LP64) build, for replay against `MemoryView` (lp64 ABI) by
test/memoryview/lp64-fixtures.test.ts.

Re-run (from packages/core; deterministic for a given interpreter):

    ~/.pyenv/versions/3.13.0/bin/python scripts/gen-memoryview-fixtures.py

Pyodide, the in-process oracle, is wasm32: there a step past 2**31 - 1
clamps and strides wrap in 32 bits. This file is where Py_ssize_t has 64
bits, so it probes the families of issue #18 that only LP64 shows:

- "huge steps": slices whose step times the item size passes 2**31, 2**53
  and Py_ssize_t (steps 2**k - 1, 2**k, 2**k + 1 for k up to 64, either
  sign, as bigints past 2**53), and every reader on the (mostly empty or
  one-item) views they make: attributes (exact strides), items, bytes, hex,
  iteration, length, comparison, casts, re-slicing, re-export and
  assignment from them (not `count`, new in 3.14);
- "empty": views made by start == stop with such steps;
- "truth": items of a '?' view set from views that are empty, not, 0-d or
  released (PyObject_IsTrue's fallback to len()).

Cases are scripts in the language of test/oracle/memoryview_oracle.py, which
this script imports, so the answers are computed exactly as the Pyodide tests
compute them.
"""

import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ left in test/oracle
sys.path.insert(0, os.path.join(HERE, "..", "test", "oracle"))
sys.path.insert(0, HERE)
import memoryview_oracle  # noqa: E402
from lp64_fixture import require_lp64, write_fixture  # noqa: E402

SEED = 3118  # PEP 3118
OUT = os.path.join(HERE, "..", "test", "fixtures", "memoryview-lp64.json")

# Native formats and whether their items are floats or bools (sizes are the interpreter's: LP64).
FORMATS = "BbhiIlLqQnNPefd?"
MAX_SAFE = 2**53 - 1

rng = random.Random(SEED)


def exact(n):
    """An integer as a tagged JS value: a number while a double holds it, else a bigint."""
    return {"number": str(n)} if abs(n) <= MAX_SAFE else {"bigint": str(n)}


def item(fmt):
    if fmt == "?":
        return {"bool": rng.random() < 0.5}
    if fmt in "efd":
        return {"number": str(rng.randint(-9, 9))}
    return {"number": str(rng.randint(0, 9))}


def exporter(fmt):
    """A writable C-contiguous ndarray of 1 or 2 dimensions, extents 0 to 4."""
    shape = [rng.choice([0, 1, 1, 2, 3, 4]) for _ in range(rng.choice([1, 1, 1, 2]))]
    count = 1
    for extent in shape:
        count *= extent
    items = [item(fmt) for _ in range(max(count, 1))]
    return {"ndarray": {"items": items, "shape": shape, "offset": 0, "format": fmt, "flags": 2}}


def huge_step():
    bits = rng.choice([28, 29, 30, 31, 32, 50, 51, 52, 53, 54, 60, 61, 62, 63, 64])
    step = 2**bits + rng.choice([-1, 0, 1])
    return exact(-step if rng.random() < 0.5 else step)


def bound():
    return rng.choice([None, None, exact(rng.randint(-4, 4)), exact(2**63), exact(-(2**63) - 1)])


class Script:
    """Builds a case step by step, keeping count of the registers (as memoryview-arbitraries.ts does)."""

    def __init__(self, exporters):
        self.exporters = exporters
        self.steps = []
        self.registers = len(exporters)

    def run(self, op, on, *args):
        self.steps.append({"op": op, "on": on, **({"args": list(args)} if args else {})})

    def keep(self, op, on, *args):
        self.steps.append({"op": op, "on": on, **({"args": list(args)} if args else {}), "keep": True})
        self.registers += 1
        return self.registers - 1

    def case(self):
        return {"exporters": self.exporters, "steps": self.steps}


def huge_steps_case():
    s = Script([exporter(rng.choice(FORMATS))])
    whole = s.keep("memoryview", 0)
    view = s.keep("get", whole, {"slice": [bound(), bound(), huge_step()]})
    for op in ("attrs", "tolist", "tobytes", "hex", "iter", "len"):
        s.run(op, view)
    s.run("eq", view, {"var": view})
    s.run("eq", view, {"var": whole})
    s.run("get", view, {"number": "0"})
    s.run("get", view, {"number": "-1"})
    as_bytes = s.keep("cast", view, {"str": "B"})
    s.run("tolist", as_bytes)
    resliced = s.keep("get", view, {"slice": [None, None, huge_step()]})
    s.run("attrs", resliced)
    s.run("tolist", resliced)
    copy = s.keep("memoryview", view)
    s.run("tobytes", copy)
    s.run("set", view, {"slice": [None, None, None]}, {"var": resliced})
    s.run("set", view, {"slice": [None, None, None]}, {"var": view})
    s.run("bytes", 0)
    return s.case()


def empty_case():
    s = Script([exporter(rng.choice(FORMATS))])
    whole = s.keep("memoryview", 0)
    at = exact(rng.randint(-3, 3))
    empty = s.keep("get", whole, {"slice": [at, at, huge_step()]})
    s.run("describe", empty)
    s.run("iter", empty)
    s.run("hex", empty)
    s.run("eq", empty, {"var": empty})
    as_bytes = s.keep("cast", empty, {"str": "B"})
    s.run("describe", as_bytes)
    return s.case()


def truth_case():
    sources = [rng.choice([{"bytes": 0}, {"bytes": 1}, {"bytes": 3}, {"zeroDim": True}, {"released": True}])
               for _ in range(rng.randint(1, 4))]
    flags = {"ndarray": {"items": [{"bool": True}] * len(sources), "shape": [len(sources)], "format": "?", "flags": 2}}
    bases = []
    for src in sources:
        n = src.get("bytes", 4)
        bases.append({"ndarray": {"items": [{"number": "0"}] * max(n, 4), "shape": [n], "format": "B", "flags": 0}})
    s = Script([flags] + bases)
    target = s.keep("memoryview", 0)
    for i, src in enumerate(sources):
        value = s.keep("memoryview", i + 1)
        if src.get("zeroDim"):
            value = s.keep("cast", value, {"str": "i"}, {"list": []})
        if src.get("released"):
            s.run("release", value)
        s.run("set", target, {"number": str(i)}, {"var": value})
    s.run("tolist", target)
    return s.case()


def generate():
    cases = []
    for family, make, count in (("huge steps", huge_steps_case, 300), ("empty", empty_case, 150), ("truth", truth_case, 60)):
        for _ in range(count):
            case = make()
            cases.append({"family": family, **case, "expected": memoryview_oracle.run_case(case)})
    return cases


def main():
    require_lp64()
    write_fixture(OUT, SEED, generate())


if __name__ == "__main__":
    main()
