#!/usr/bin/env python3
"""Generates test/fixtures/ndarray-lp64.json: what CPython's
`_testbuffer.ndarray` answers on a 64-bit (LP64) build, for replay against
`NDArray` (default ABI) by test/ndarray/ndarray-fixtures.test.ts.

Re-run (from packages/core; deterministic for a given interpreter):

    ~/.pyenv/versions/3.13.0/bin/python scripts/gen-ndarray-fixtures.py

Any 64-bit Linux or macOS CPython >= 3.12 with `_testbuffer` works.

Contents, from Lib/test/test_buffer.py (class TestBufferProtocol):

- "getbuf": the request matrix of `test_ndarray_getbuf`: 4 item sets
  (`?`, `b`, `B`, `l`) x 10 structures x the ndarray flag sets (0, WRITABLE,
  FORTRAN, FORTRAN|WRITABLE, PIL, PIL|WRITABLE, skipping the combinations the
  test skips), each array and its `ex[::-2]` slice, x 15 requests x 4 extras
  (0, WRITABLE, FORMAT, WRITABLE|FORMAT); plus the `[1,12,1]` and `[7,0,7]`
  contiguity cases (issue #22445). Each case records the array's attributes,
  and for every request the attributes of `ndarray(ex, getbuf=req)` or the
  error. Identical request answers are stored once, in "results", and cases
  refer to them by index, in the order of "requests".
- "cases": construction and push/pop arguments from `test_ndarray_exceptions`
  (with the error type and message), and a few more, valid and invalid. A
  case with "compare": "type" is to be matched on the error type only (its
  message is an accident of CPython's implementation that changes between
  versions).

The case language and the attribute descriptions are those of
test/oracle/ndarray_oracle.py, which this script imports, so the fixture and
the Pyodide tests are computed by the same code.
"""

import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "test", "oracle"))
import ndarray_oracle  # noqa: E402
from _testbuffer import (  # noqa: E402
    ND_FORTRAN, ND_PIL, ND_WRITABLE, ND_VAREXPORT, ND_MAX_NDIM,
    PyBUF_ANY_CONTIGUOUS, PyBUF_C_CONTIGUOUS, PyBUF_CONTIG, PyBUF_CONTIG_RO,
    PyBUF_F_CONTIGUOUS, PyBUF_FORMAT, PyBUF_FULL, PyBUF_FULL_RO,
    PyBUF_INDIRECT, PyBUF_ND, PyBUF_RECORDS, PyBUF_RECORDS_RO, PyBUF_SIMPLE,
    PyBUF_STRIDED, PyBUF_STRIDED_RO, PyBUF_STRIDES, PyBUF_WRITABLE,
)

OUT = os.path.join(HERE, "..", "test", "fixtures", "ndarray-lp64.json")
COMMAND = "~/.pyenv/versions/3.13.0/bin/python scripts/gen-ndarray-fixtures.py"

if struct.calcsize("P") != 8 or struct.calcsize("l") != 8:
    sys.exit("needs an LP64 CPython (8-byte long and pointers)")

BASE_REQUESTS = (
    # distinct flags
    PyBUF_INDIRECT, PyBUF_STRIDES, PyBUF_ND, PyBUF_SIMPLE,
    PyBUF_C_CONTIGUOUS, PyBUF_F_CONTIGUOUS, PyBUF_ANY_CONTIGUOUS,
    # compound requests
    PyBUF_FULL, PyBUF_FULL_RO,
    PyBUF_RECORDS, PyBUF_RECORDS_RO,
    PyBUF_STRIDED, PyBUF_STRIDED_RO,
    PyBUF_CONTIG, PyBUF_CONTIG_RO,
)
EXTRAS = (0, PyBUF_WRITABLE, PyBUF_FORMAT, PyBUF_WRITABLE | PyBUF_FORMAT)
REQUESTS = [req | bits for req in BASE_REQUESTS for bits in EXTRAS]

ITEMS_FMT = (
    ([True if x % 2 else False for x in range(12)], "?"),
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "b"),
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "B"),
    ([(2**31 - x) if x % 2 else (-2**31 + x) for x in range(12)], "l"),
)
# shape, strides (in items), offset (in items)
STRUCTURES = (
    ([], [], 0),
    ([1, 3, 1], [], 0),
    ([12], [], 0),
    ([12], [-1], 11),
    ([6], [2], 0),
    ([6], [-2], 11),
    ([3, 4], [], 0),
    ([3, 4], [-4, -1], 11),
    ([2, 2], [4, 1], 4),
    ([2, 2], [-4, -1], 8),
)
ND_FLAGS = (0, ND_WRITABLE, ND_FORTRAN, ND_FORTRAN | ND_WRITABLE, ND_PIL, ND_PIL | ND_WRITABLE)
FLAG_NAMES = {0: "0", ND_WRITABLE: "WRITABLE", ND_FORTRAN: "FORTRAN", ND_FORTRAN | ND_WRITABLE: "FORTRAN|WRITABLE",
              ND_PIL: "PIL", ND_PIL | ND_WRITABLE: "PIL|WRITABLE"}

REVERSE_STEP_2 = {"slice": [None, None, -2]}


def getbuf_cases():
    for items, fmt in ITEMS_FMT:
        itemsize = struct.calcsize(fmt)
        for shape, strides, offset in STRUCTURES:
            strides = [v * itemsize for v in strides]
            offset *= itemsize
            for flags in ND_FLAGS:
                # test_ndarray_getbuf skips these (they are construction errors).
                if strides and (flags & ND_FORTRAN):
                    continue
                if not shape and (flags & ND_PIL):
                    continue
                build = {"items": items if shape else items[0], "shape": shape, "strides": strides,
                         "offset": offset, "format": fmt, "flags": flags}
                name = f"{fmt} shape={shape} strides={strides} offset={offset} flags={FLAG_NAMES[flags]}"
                yield name, {"build": build}
                if shape:
                    yield name + " [::-2]", {"build": build, "keys": [REVERSE_STEP_2]}
    # Issue #22445: precise contiguity; extent-1 and zero extents.
    items = list(range(1, 13))
    for shape in [1, 12, 1], [7, 0, 7]:
        for order in 0, ND_FORTRAN:
            flags = order | ND_WRITABLE
            yield (f"#22445 shape={shape} flags={FLAG_NAMES[flags]}",
                   {"build": {"items": items, "shape": shape, "flags": flags}})


BIG = {"bigint": str(2**128)}
NINE = {"items": [9], "shape": [1]}

# (name, build arguments) from test_ndarray_exceptions, then more.
CONSTRUCTION = [
    ("items not a sequence, no shape", {"items": {"set": [1, 2, 3]}}),
    ("str item, no shape", {"items": [1, 2, {"str": "3"}]}),
    ("tuple item, no shape", {"items": [1, 2, [3, 4]]}),
    ("shape a set", {"items": [1, 2, 3], "shape": {"set": [3]}}),
    ("strides a set", {"items": [1, 2, 3], "shape": [3], "strides": {"set": [1]}}),
    ("offset a list", {"items": [1, 2, 3], "shape": [3], "offset": []}),
    # The message is an accident of struct's cache ("unhashable type: 'dict'"
    # in 3.13, "cannot use 'dict' as a dict key (...)" in 3.14): type only.
    ("format a dict", {"items": [1], "shape": [1], "format": {"dict": {}}}, "type"),
    ("flags a dict", {"items": [1], "shape": [1], "flags": {"dict": {}}}),
    ("getbuf a dict", {"items": [1], "shape": [1], "getbuf": {"dict": {}}}),
    ("FORTRAN with strides", {"items": [1], "shape": [1], "strides": [1], "flags": ND_FORTRAN}),
    ("PIL with ndim 0", {"items": [1], "shape": [], "flags": ND_PIL}),
    ("no items", {"items": [], "shape": [1]}),
    ("str item for L", {"items": [{"str": "XXX"}], "shape": [1], "format": "L"}),
    ("1000 for B", {"items": [1000], "shape": [1], "format": "B"}),
    ("tuple item for B", {"items": [1, [2, 3]], "shape": [2], "format": "B"}),
    ("scalar items for QL", {"items": [1, 2, 3], "shape": [3], "format": "QL"}),
    ("ndim ND_MAX_NDIM+1", {"items": [1] * (ND_MAX_NDIM + 1), "shape": [1] * (ND_MAX_NDIM + 1)}),
    ("negative shape", {"items": [1], "shape": [-1]}),
    ("str shape", {"items": [1, 2, 3], "shape": [{"str": "3"}]}),
    ("shape 2**128", {"items": [1], "shape": [BIG]}),
    ("prod(shape) too large for items", {"items": [1, 2, 3, 4, 5], "shape": [2, 2], "offset": 3}),
    ("str stride", {"items": [1, 2, 3], "shape": [3], "strides": [{"str": "1"}]}),
    ("stride 2**128", {"items": [1], "shape": [1], "strides": [BIG]}),
    ("len(strides) != ndim", {"items": [1, 2], "shape": [2, 1], "strides": [1]}),
    ("stride not a multiple of itemsize", {"items": [1, 2, 3, 4], "shape": [2], "strides": [3], "format": "L"}),
    ("offset past the end", {"items": [1, 2, 3], "shape": [3], "offset": 4}),
    ("offset not a multiple of itemsize", {"items": [1, 2, 3], "shape": [1], "offset": 3, "format": "L"}),
    ("empty format", {"items": [1, 2, 3], "shape": [3], "format": ""}),
    ("bad format", {"items": [[1, 2, 3]], "shape": [1], "format": "@#$"}),
    ("striding out of memory", {"items": list(range(1, 11)), "shape": [2, 3], "strides": [-3, -2], "offset": 5}),
    ("exporter with format", {"items": {"bytearray": ""}, "format": "Q"}),
    ("getbuf for an original", {"items": [1], "shape": [1], "getbuf": PyBUF_FULL}),
    ("no shape", {"items": [1]}),
    # more, valid and invalid
    ("scalar", {"items": 5, "shape": []}),
    ("scalar struct item", {"items": [1, 2], "shape": [], "format": "hh"}),
    ("negative offset", {"items": [1, 2], "shape": [1], "offset": -1}),
    ("shape larger than items", {"items": [1, 2], "shape": [3]}),
    ("too many strides", {"items": [1, 2, 3], "shape": [3], "strides": [1, 1]}),
    ("empty strides mean C", {"items": [1, 2, 3], "shape": [1, 1], "strides": []}),
    ("pad-only format", {"items": [1, 2, 3], "shape": [3], "format": "x"}),
    ("odd offset for h", {"items": [1, 2, 3], "shape": [3], "offset": 1, "format": "h"}),
    ("zero stride", {"items": [1, 2, 3], "shape": [3], "strides": [0]}),
    ("stride 2 out of memory", {"items": [1, 2, 3], "shape": [3], "strides": [2]}),
    ("negative stride without offset", {"items": [1, 2, 3], "shape": [3], "strides": [-1]}),
    ("negative stride with offset", {"items": [1, 2, 3], "shape": [3], "strides": [-1], "offset": 2}),
    ("zero extent, huge stride", {"items": [1, 2, 3], "shape": [0], "strides": [100]}),
    ("zero extent in 2-d", {"items": [1, 2, 3], "shape": [2, 0], "strides": [100, 1]}),
    ("shape an int", {"items": [1, 2, 3], "shape": 3}),
    ("items a scalar with shape [1]", {"items": 1, "shape": [1]}),
    ("1.5 for i", {"items": [{"number": "1.5"}], "shape": [1], "format": "i"}),
    ("1 for d", {"items": [1], "shape": [1], "format": "d"}),
    ("1 for ?", {"items": [1], "shape": [1], "format": "?"}),
    ("2 bytes for c", {"items": [{"bytes": "6162"}], "shape": [1], "format": "c"}),
    ("bool in shape", {"items": [1, 2], "shape": [True, 2]}),
    ("struct items", {"items": [[1, 2], [3, 4], [5, 6]], "shape": [3], "format": "<hQ", "flags": ND_WRITABLE}),
    ("struct items, PIL", {"items": [[1, 2], [3, 4], [5, 6], [7, 8]], "shape": [2, 2], "format": "bH", "flags": ND_PIL}),
    ("PIL, 3-d, negative strides", {"items": list(range(24)), "shape": [2, 3, 4], "strides": [-12, 4, -1],
                                    "offset": 15, "flags": ND_PIL}),
    ("PIL, zero extent", {"items": [1, 2, 3], "shape": [3, 0], "flags": ND_PIL}),
    ("PIL, zero extent first", {"items": [1, 2, 3], "shape": [0, 3], "flags": ND_PIL}),
    ("FORTRAN 3-d", {"items": list(range(24)), "shape": [2, 3, 4], "format": "i", "flags": ND_FORTRAN}),
    ("ND_MAX_NDIM dimensions", {"items": [7], "shape": [1] * ND_MAX_NDIM}),
]

# push(items, shape, strides, offset, format, flags) on ndarray([9], shape=[1]).
PUSH = [
    ("push: no shape", {"items": [1, 2, 3]}),
    ("push: items not a sequence", {"items": {"set": [1, 2, 3]}, "shape": [3]}),
    ("push: shape a set", {"items": [1, 2, 3], "shape": {"set": [3]}}),
    ("push: FORTRAN with strides", {"items": [1], "shape": [1], "strides": [1], "flags": ND_FORTRAN}),
    ("push: PIL with ndim 0", {"items": [1], "shape": [], "flags": ND_PIL}),
    ("push: no items", {"items": [], "shape": [1]}),
    ("push: 1000 for B", {"items": [1000], "shape": [1], "format": "B"}),
    ("push: ndim ND_MAX_NDIM+1", {"items": [1] * (ND_MAX_NDIM + 1), "shape": [1] * (ND_MAX_NDIM + 1)}),
    ("push: negative shape", {"items": [1], "shape": [-1]}),
    ("push: striding out of memory", {"items": list(range(1, 11)), "shape": [2, 3], "strides": [-3, -2], "offset": 5}),
    ("push: VAREXPORT", {"items": [1], "shape": [1], "flags": ND_VAREXPORT}),
    ("push: writable", {"items": [1, 2], "shape": [2], "format": "h", "flags": ND_WRITABLE}),
    ("push: PIL", {"items": [1, 2, 3, 4, 5, 6], "shape": [3, 2], "format": "i", "flags": ND_PIL | ND_WRITABLE}),
]


def build_fixture():
    results, index = [], {}

    def intern(result):
        key = json.dumps(result, sort_keys=True)
        if key not in index:
            index[key] = len(results)
            results.append(result)
        return index[key]

    getbuf = []
    for name, case in getbuf_cases():
        answer = ndarray_oracle.run_case({**case, "requests": REQUESTS})
        if "ok" not in answer:
            raise RuntimeError(f"{name}: {answer}")
        getbuf.append({"name": name, "case": case, "expected": answer["ok"],
                       "getbuf": [intern(r) for r in answer["getbuf"]]})

    cases = []
    for name, build, *compare in CONSTRUCTION:
        case = {"build": build}
        entry = {"name": name, "case": case, "expected": ndarray_oracle.run_case(case)}
        if compare:
            entry["compare"] = compare[0]
        cases.append(entry)
    for name, push in PUSH:
        case = {"build": NINE, "push": push}
        cases.append({"name": name, "case": case, "expected": ndarray_oracle.run_case(case)})
    popped = {"build": NINE, "push": {"items": [1, 2], "shape": [2]}, "pop": True}
    cases.append({"name": "push then pop", "case": popped, "expected": ndarray_oracle.run_case(popped)})
    single = {"build": NINE, "pop": True}
    cases.append({"name": "pop of the only base", "case": single, "expected": ndarray_oracle.run_case(single)})

    return {
        "python": sys.version,
        "command": COMMAND,
        "requests": REQUESTS,
        "results": results,
        "getbuf": getbuf,
        "cases": cases,
    }


def main():
    fixture = build_fixture()
    with open(OUT, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(fixture['getbuf'])} getbuf cases x {len(REQUESTS)} requests "
          f"({len(fixture['results'])} distinct answers), {len(fixture['cases'])} other cases "
          f"-> {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
