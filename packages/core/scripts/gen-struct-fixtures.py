#!/usr/bin/env python3
"""Generates test/fixtures/struct-lp64.json: CPython's answers on a 64-bit
(LP64) build, for replay against the engine's default ABI by
test/struct/lp64-fixtures.test.ts.

Pyodide, the in-process oracle, is wasm32 (4-byte `l`, `n`, `P`); this file
is where `l L n N P` are 8 bytes, so it leans on native mode: alignment and
padding, the trailing `0q` idiom, `0s`, `s`/`p` truncation and padding,
integer limits ±1, and standard modes for contrast.

Re-run (from packages/core; deterministic for a given interpreter):

    ~/.pyenv/versions/3.13.0/bin/python scripts/gen-struct-fixtures.py

The script refuses a non-LP64 interpreter. Another LP64 CPython may word
some messages differently, so regenerate with the one above (3.13.0) unless
moving on deliberately; 3.13 has no `F`/`D` codes (new in 3.14), so they are
left out. Cases use the tagged-value language of
test/oracle/struct_oracle.py (which this script imports, so Python's answers
are computed exactly as the Pyodide tests compute them). Random packs of a
NaN are kept only where they fail (their payloads are not this file's
subject); a final section packs quiet NaNs of either sign with every float
code, whose bytes are comparable.

The last sections probe the families of issue #18: offsets at and past both
ends of the buffer and of LP64's Py_ssize_t (past 2**53 written as decimal
strings, which JSON readers in JS would round), Python truth values of every
value kind for '?', and NaN signs for `e`, `f` and `d`.
"""

import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ left in test/oracle
sys.path.insert(0, os.path.join(HERE, "..", "test", "oracle"))
sys.path.insert(0, HERE)
import struct_oracle  # noqa: E402
from lp64_fixture import require_lp64, write_fixture  # noqa: E402

SEED = 3118  # PEP 3118
OUT = os.path.join(HERE, "..", "test", "fixtures", "struct-lp64.json")

NATIVE_CODES = "xcbB?hHiIlLqQnNefdspP"
STANDARD_CODES = "xcbB?hHiIlLqQefdsp"
INT_CODES = "bBhHiIlLqQnNP"
ALIGN_CODES = "hilqnNPdfe?"

# Hand-picked layouts where LP64 alignment and padding decide the answer.
LAYOUTS = [
    "b0q", "bq", "bl", "bL", "bP", "bn", "?N", "hP", "cl0l", "il", "ic0P", "s0q", "0s", "0sb", "b0s", "3s0q", "p0l",
    "5p", "xq", "xl", "x0l", "bxl", "i0q", "iq", "qi", "qi0q", "@bq", "=bq", "<bq", ">bq", "!bq", "b7xq", "llll",
    "LnNP", "bLb", "b0P", "e0l", "ef0d", "hd", "c3xP", "?0n", "256p", "300p", "255p", "1p", "0p", "2s", " b q ",
    "@lLnNP", "bhilqnNPefd", "c0s0p0x", "q0c", "l\tl", "=lL", "<qQ", "!l", ">n",
]

BAD_FORMATS = [
    "Z", "T{i}", "@#", "5", "3 i", "i 3", "i\0", "é", "€i", "i<i", " <i", "<n", ">P", "=N", "!P", "(i)", "3.5i",
    "1000000000000000000000i", "100000000000000000i", "2305843009213693951q", "2305843009213693952q",
    "9223372036854775807x", "9223372036854775808x", "9223372036854775807s", "1152921504606846976q",
    "99999999999999999999999999999x", "4611686018427387904h",
]

FLOAT_EDGES = [
    0.0, -0.0, 0.1, 1 / 3, -2.5, float("inf"), float("-inf"), 5e-324, -5e-324, 2.2250738585072014e-308,
    2.225073858507201e-308, 1.7976931348623157e308, 65504.0, 65505.0, 65519.0, 65519.99, 65520.0, -65520.0,
    6.103515625e-05, 5.960464477539063e-08, 2.9802322387695312e-08, 2.980232238769532e-08, 3.4028234663852886e38,
    3.4028235e38, 3.402823567797336e38, 3.4028235677973366e38, 3.5e38, 1.401298464324817e-45,
    7.006492321624085e-46, 1.1754943508222875e-38, 1e300, -1e300,
]

rng = random.Random(SEED)


# ---- formats -------------------------------------------------------------

def random_count(code):
    r = rng.random()
    if r < 0.6:
        return ""
    if r < 0.93:
        return str(rng.randint(0, 5))
    return str(rng.choice([17, 300] if code in "spx" else [17]))


def random_format():
    prefix = rng.choice(["", "", "@", "@", "", "=", "<", ">", "!"])
    codes = NATIVE_CODES if prefix in ("", "@") else STANDARD_CODES
    parts = []
    for _ in range(rng.randint(1, 6)):
        code = rng.choice(codes)
        sep = rng.choice(["", "", "", "", " ", "\t"])
        parts.append(sep + random_count(code) + code)
    if prefix in ("", "@") and rng.random() < 0.2:
        parts.append("0" + rng.choice(ALIGN_CODES))  # the trailing-alignment idiom
    return prefix + "".join(parts)


# ---- values, in tagged JS form -------------------------------------------

def js_int(v):
    """A bigint, or a number when a double holds it exactly (the engine takes both)."""
    if rng.random() < 0.5 and abs(v) < 1 << 1000 and float(v) == v:
        return {"number": str(v)}
    return {"bigint": str(v)}


def js_float(x):
    return {"number": struct_oracle.js_number(x)}


def int_limits(prefix, code):
    # An invalid pairing (">n") fails as a format before any value matters.
    bits = 8 * (size_of(prefix + code) or struct.calcsize(code))
    if code.islower():
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def int_value(prefix, code, valid):
    lo, hi = int_limits(prefix, code)
    edges_in = [v for v in (lo, lo + 1, -1, 0, 1, hi - 1, hi) if v >= lo]
    r = rng.random()
    if valid or r < 0.5:
        return js_int(rng.choice(edges_in) if rng.random() < 0.5 else rng.randint(lo, hi))
    if r < 0.8:
        return js_int(rng.choice([lo - 1, hi + 1, lo - 1 - rng.randint(0, hi), hi + 1 + rng.randint(0, hi), 1 << 70, -(1 << 70)]))
    if r < 0.9:
        return {"bool": rng.random() < 0.5}
    return rng.choice([{"number": "0.5"}, {"number": "-1.5"}, {"number": "Infinity"}, {"str": "1"}, {"bytes": "01"}, {"null": True}])


def random_double():
    while True:
        (x,) = struct.unpack("<d", rng.randbytes(8))
        if x == x:
            return x


def float_value(code, valid):
    r = rng.random()
    if r < 0.3:
        return js_float(rng.choice(FLOAT_EDGES))
    if r < 0.75:
        if code == "e":
            return js_float(rng.uniform(-65504, 65504) if valid else rng.uniform(-70000, 70000))
        if code == "f":
            (x,) = struct.unpack("<f", rng.randbytes(4))
            return js_float(x if x == x else 1.5)
        return js_float(random_double())
    if r < 0.9:
        # A bigint: a JS number would be a Python float here.
        return {"bigint": str(rng.choice([rng.randint(-(1 << 20), 1 << 20), 1 << 64, (1 << 1024) - 1, 1 << 1024]))}
    if valid or r < 0.95:
        return {"bool": rng.random() < 0.5}
    return rng.choice([{"str": "1.5"}, {"bytes": "00"}, {"null": True}])


def bytes_value(code, count, valid):
    if code == "c":
        n = 1 if valid or rng.random() < 0.6 else rng.choice([0, 2])
    else:
        n = rng.choice([0, count, max(0, count - 1), count + 1, rng.randint(0, count + 3), 255, 256])
    if not valid and rng.random() < 0.15:
        return rng.choice([{"str": "abc"}, {"number": "1"}, {"null": True}])
    return {"bytes": rng.randbytes(n).hex()}


def bool_value():
    return rng.choice([
        {"bool": True}, {"bool": False}, {"number": "0"}, {"number": "-0"}, {"number": "2"}, {"number": "NaN"},
        {"bigint": "0"}, {"bigint": "-7"}, {"bytes": ""}, {"bytes": "00"}, {"str": ""}, {"str": "x"}, {"null": True},
    ])


def value(prefix, code, count, valid):
    if code in INT_CODES:
        return int_value(prefix, code, valid)
    if code in "efd":
        return float_value(code, valid)
    if code == "?":
        return bool_value()
    return bytes_value(code, count, valid)


def values_for(fmt, valid):
    prefix, codes = struct_oracle.arg_slots(fmt)
    vals = [value(prefix, c, n, valid) for c, n in codes]
    if not valid and rng.random() < 0.1:
        vals = vals[:-1] if vals and rng.random() < 0.5 else vals + [{"number": "1"}]
    return vals


# ---- cases ---------------------------------------------------------------

def has_nan(args):
    return any(a.get("number") == "NaN" for a in args)


def record(cases, case):
    result = struct_oracle.run_case(case)
    if case["op"] in ("pack", "pack_into") and has_nan(case["args"]) and "ok" in result:
        return None
    cases.append({**case, "expected": result})
    return result


def size_of(fmt):
    try:
        return struct.calcsize(fmt)
    except Exception:
        return None


def random_bytes(n):
    style = rng.random()
    if style < 0.15:
        return bytes([rng.choice([0x00, 0xFF, 0x7F, 0x80])]) * n
    return rng.randbytes(n)


def generate():
    cases = []
    formats = LAYOUTS + [random_format() for _ in range(700)]

    for fmt in formats + BAD_FORMATS:
        record(cases, {"op": "calcsize", "format": fmt})

    for i in range(1400):
        fmt = formats[i % len(formats)] if i < len(formats) else random_format()
        args = values_for(fmt, valid=rng.random() < 0.6)
        result = record(cases, {"op": "pack", "format": fmt, "args": args})
        if result and "ok" in result and rng.random() < 0.5:  # round trip of CPython's own bytes
            record(cases, {"op": "unpack", "format": fmt, "buffer": result["ok"]["bytes"]})

    for _ in range(500):
        fmt = random_format()
        size = size_of(fmt)
        delta = 0 if rng.random() < 0.85 else rng.choice([-1, 1, 3])
        record(cases, {"op": "unpack", "format": fmt, "buffer": random_bytes(max(0, size + delta)).hex()})

    for _ in range(350):
        fmt = random_format()
        size = size_of(fmt)
        buffer = random_bytes(max(0, size + rng.randint(-2, 12)))
        offset = rng.choice([None, 0] + [rng.randint(0, len(buffer) + 2), -rng.randint(0, len(buffer) + 2)] * 3 + [1 << 40, -(1 << 40)])
        record(cases, {"op": "unpack_from", "format": fmt, "buffer": buffer.hex(), "offset": offset})

    for _ in range(350):
        fmt = random_format()
        size = size_of(fmt)
        buffer = random_bytes(max(0, size + rng.randint(-2, 12)))
        fits = rng.randint(0, max(0, len(buffer) - size))
        offset = rng.choice([0, fits, fits, fits, -rng.randint(0, len(buffer) + 2), rng.randint(0, len(buffer) + 2), 1 << 40])
        record(cases, {"op": "pack_into", "format": fmt, "args": values_for(fmt, valid=rng.random() < 0.8),
                       "buffer": buffer.hex(), "offset": offset})

    for _ in range(250):
        fmt = random_format()
        size = size_of(fmt)
        length = size * rng.randint(0, 3) + (0 if rng.random() < 0.8 else rng.randint(1, 7))
        record(cases, {"op": "iter_unpack", "format": fmt, "buffer": random_bytes(length).hex()})

    for fmt in BAD_FORMATS:
        for arg in ({"number": "1"}, {"bytes": "00"}):
            record(cases, {"op": "pack", "format": fmt, "args": [arg]})
        record(cases, {"op": "unpack", "format": fmt, "buffer": "00" * 8})

    offsets_at_both_ends(cases)
    truth_values(cases)
    nan_signs(cases)
    return cases


# ---- issue #18's families ------------------------------------------------

SSIZE_ENDS = [2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**53 - 1, 2**53, 2**53 + 1, -(2**53) - 1,
              2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64]


def offset_json(offset):
    """An offset as JSON that JS reads exactly: a number while it is safe, else a decimal string."""
    return offset if abs(offset) <= 2**53 - 1 else str(offset)


def offsets_at_both_ends(cases):
    for fmt in ("<h", "@q", "b", "@l", "0s", "@bq", ">3s"):
        size = struct.calcsize(fmt)
        for length in (0, 1, size, size + 3):
            buffer = random_bytes(length).hex()
            near = [0, length, length - size, length - size + 1, -length, -length - 1, -size, -size + 1, -size - 1]
            for offset in sorted(set(near)) + SSIZE_ENDS:
                record(cases, {"op": "unpack_from", "format": fmt, "buffer": buffer, "offset": offset_json(offset)})
                record(cases, {"op": "pack_into", "format": fmt, "args": values_for(fmt, valid=True),
                               "buffer": buffer, "offset": offset_json(offset)})


TRUTH_VALUES = [
    {"bool": True}, {"bool": False}, {"number": "0"}, {"number": "-0"}, {"number": "0.5"}, {"number": "NaN"},
    {"number": "-NaN"}, {"number": "-Infinity"}, {"bigint": "0"}, {"bigint": "18446744073709551616"},
    {"str": ""}, {"str": "0"}, {"null": True}, {"undefined": True}, {"bytes": ""}, {"bytes": "00"},
    {"list": []}, {"list": [{"null": True}]}, {"memoryview": {"hex": ""}}, {"memoryview": {"hex": "00"}},
    {"memoryview": {"hex": "0000"}}, {"memoryview": {"hex": "00000000", "zeroDim": True}},
    {"memoryview": {"hex": "01", "released": True}}, {"ndarray": ""}, {"ndarray": "00"},
]


def truth_values(cases):
    for value in TRUTH_VALUES:
        for prefix in ("", "<"):
            record(cases, {"op": "pack", "format": prefix + "?", "args": [value]})
        record(cases, {"op": "pack_into", "format": "?", "args": [value], "buffer": "aaaa", "offset": 1})
    for _ in range(60):
        args = rng.sample(TRUTH_VALUES, rng.randint(2, 4))
        record(cases, {"op": "pack", "format": "@" + "?" * len(args), "args": args})


def nan_signs(cases):
    nans = [{"number": "NaN"}, {"number": "-NaN"}]
    for prefix in ("", "@", "<", ">", "=", "!"):
        for code in "efd":
            for nan in nans:
                case = {"op": "pack", "format": prefix + code, "args": [nan]}
                result = struct_oracle.run_case(case)
                cases.append({**case, "expected": result})  # kept: quiet NaNs' bytes are comparable
                record(cases, {"op": "unpack", "format": prefix + code, "buffer": result["ok"]["bytes"]})
            fmt = prefix + "3" + code
            case = {"op": "pack", "format": fmt, "args": [nans[1], {"number": "1.5"}, nans[0]]}
            cases.append({**case, "expected": struct_oracle.run_case(case)})


def main():
    require_lp64()
    write_fixture(OUT, SEED, generate())


if __name__ == "__main__":
    main()
