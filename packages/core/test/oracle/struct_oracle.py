"""Runs `struct` operations described in JSON and answers in JSON.

One runner, two interpreters: the differential tests load this file into
Pyodide (CPython 3.14, wasm32) through test/oracle/pyodide-struct.ts, and
scripts/gen-struct-fixtures.py imports it under a real LP64 CPython. Both thus
speak the same language, defined by test/oracle/tagged.ts.

Values are tagged with their *JavaScript* type, so the JS side needs no format
knowledge; this file applies the JS -> Python mapping of the engine:

  {"number": "1.5"}         a JS number, spelled so that JS Number() and Python float()
                            both read it ("NaN", "-Infinity", "-0", "1e+16")
  {"bigint": "-12"}         a JS bigint
  {"bool": true}            a JS boolean
  {"bytes": "00ff"}         a Uint8Array, as hex
  {"complex": ["1", "-0"]}  {real, imag}, each part spelled as a number
  {"str": "x"}              a JS string
  {"null": true}            null

and, as values to pack only (for Python truth values):

  {"undefined": true}       undefined (None)
  {"list": [tagged, ...]}   a JS array (a list)
  {"memoryview": {"hex": "00", "zeroDim"?: true, "released"?: true}}
                            memoryview(bytes), cast to a 0-d 'i' view or released when asked
  {"ndarray": "0001"}       a 1-D 'B' _testbuffer.ndarray of the bytes (NDArray)

A NaN whose sign bit is set is spelled "-NaN" both ways.

A JS number is a Python int where it is integral and the code is not a float
code, otherwise a Python float. Unpacked integers come back as "bigint" when
the interpreter's own itemsize for the code is 8 and as "number" otherwise,
which is the engine's rule (so `l` is a bigint under LP64 and a number under
wasm32 without this file knowing which it runs on).

A case is {"op", "format", "args"?, "buffer"? (hex), "offset"? (int, a
decimal string for an int past 2**53, or null)};
its result is {"ok": ...} (the shapes are listed in tagged.ts) or
{"error": <Python type name, "struct.error" for struct.error>, "message": str(e)}.
"""

import json
import math
import struct

FLOAT_CODES = frozenset("efdFD")
INT_CODES = frozenset("bBhHiIlLqQnNP")
PREFIXES = "@=<>!"


def arg_slots(fmt):
    """The prefix, and the (code, count) of each value the format takes, in order.

    Lenient, as it only serves value conversion and generation: on a format
    CPython rejects it returns whatever it could read (CPython raises before
    any value matters)."""
    prefix = fmt[0] if fmt and fmt[0] in PREFIXES else "@"
    rest = fmt[1:] if fmt and fmt[0] in PREFIXES else fmt
    slots = []
    count = ""
    for ch in rest:
        if ch.isspace():
            continue
        if ch.isdigit():
            count += ch
            continue
        n = int(count) if count else 1
        count = ""
        if ch in "sp":
            slots.append((ch, n))  # one bytes value, whatever the count
        elif ch != "x":
            slots.extend((ch, 1) for _ in range(min(n, 100_000)))
    return prefix, slots


def arg_codes(fmt):
    """The prefix and the code that each value meets, in order."""
    prefix, slots = arg_slots(fmt)
    return prefix, [code for code, _ in slots]


def js_number(x):
    """A Python float spelled the way JS's Number() reads it back."""
    if math.isnan(x):
        return "-NaN" if math.copysign(1.0, x) < 0 else "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return repr(x)


def from_js(tagged, code):
    """The Python value that the engine's mapping gives a tagged JS value at `code`."""
    (kind, v), = tagged.items()
    if kind == "number":
        x = float(v)
        if code not in FLOAT_CODES and math.isfinite(x) and x == int(x):
            return int(x)
        return x
    if kind == "bigint":
        return int(v)
    if kind == "bool":
        return bool(v)
    if kind == "bytes":
        return bytes.fromhex(v)
    if kind == "complex":
        return complex(float(v[0]), float(v[1]))
    if kind == "str":
        return v
    if kind in ("null", "undefined"):
        return None
    if kind == "list":
        return [from_js(t, code) for t in v]
    if kind == "memoryview":
        m = memoryview(bytes.fromhex(v["hex"]))
        if v.get("zeroDim"):
            m = m.cast("i", [])
        if v.get("released"):
            m.release()
        return m
    if kind == "ndarray":
        from _testbuffer import ndarray  # only these cases need it
        items = list(bytes.fromhex(v))
        return ndarray(items or [0], shape=[len(items)], format="B")
    raise ValueError(f"unknown tag {kind!r}")


def to_js(value, prefix, code):
    """Tags an unpacked value the way the engine must return it."""
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        wide = code in INT_CODES and struct.calcsize(prefix + code) == 8
        return {"bigint" if wide else "number": str(value)}
    if isinstance(value, float):
        return {"number": js_number(value)}
    if isinstance(value, complex):
        return {"complex": [js_number(value.real), js_number(value.imag)]}
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    raise TypeError(f"unexpected unpacked value {value!r}")


def tag_row(row, fmt):
    prefix, codes = arg_codes(fmt)
    return [to_js(v, prefix, c) for v, c in zip(row, codes)]


def error_of(e):
    kind = "struct.error" if isinstance(e, struct.error) else type(e).__name__
    return {"error": kind, "message": str(e)}


def offset_args(case):
    """unpack_from's offset is optional; a null offset means "not given"."""
    offset = case.get("offset")
    return () if offset is None else (int(offset),)


def only_struct_bytes(after, before, fmt, offset):
    """`after`, with every byte outside the packed struct restored from `before`.

    CPython <= 3.14 writes the length byte of a trailing `0p` one past the
    struct (gh-156939, fixed upstream by not writing it); the engine does the
    sane thing, so the oracle reports what the fixed CPython writes."""
    start = offset if offset >= 0 else len(after) + offset
    end = start + struct.calcsize(fmt)
    return before[:start] + after[start:end] + before[end:]


def run_case(case):
    op = case["op"]
    fmt = case["format"]
    try:
        if op == "calcsize":
            return {"ok": {"number": str(struct.calcsize(fmt))}}
        if op == "pack":
            _, codes = arg_codes(fmt)
            args = [from_js(a, codes[i] if i < len(codes) else None) for i, a in enumerate(case["args"])]
            return {"ok": {"bytes": struct.pack(fmt, *args).hex()}}
        if op == "pack_into":
            _, codes = arg_codes(fmt)
            args = [from_js(a, codes[i] if i < len(codes) else None) for i, a in enumerate(case["args"])]
            buf = bytearray.fromhex(case["buffer"])
            before = bytes(buf)
            offset = int(case["offset"])
            struct.pack_into(fmt, buf, offset, *args)
            return {"ok": {"bytes": only_struct_bytes(buf, before, fmt, offset).hex()}}
        buf = bytes.fromhex(case["buffer"])
        if op == "unpack":
            return {"ok": tag_row(struct.unpack(fmt, buf), fmt)}
        if op == "unpack_from":
            return {"ok": tag_row(struct.unpack_from(fmt, buf, *offset_args(case)), fmt)}
        if op == "iter_unpack":
            return {"ok": [tag_row(row, fmt) for row in struct.iter_unpack(fmt, buf)]}
    except Exception as e:  # every Python exception is an answer to compare
        return error_of(e)
    raise ValueError(f"unknown op {op!r}")


def run_json(text):
    """One case or a list of cases in, the matching result(s) out, as JSON."""
    cases = json.loads(text)
    results = [run_case(c) for c in cases] if isinstance(cases, list) else run_case(cases)
    return json.dumps(results)
