"""Builds `_testbuffer.ndarray`s described in JSON and describes them in JSON.

One runner, two interpreters, as for struct_oracle.py (whose helpers it
imports): scripts/gen-ndarray-fixtures.py runs it under a real LP64 CPython
to write test/fixtures/ndarray-lp64.json, and test/oracle/pyodide-ndarray.ts
loads it into Pyodide (CPython 3.14, wasm32) for the differential tests.
test/ndarray/helpers.ts is its JavaScript twin: it runs the same cases on
`NDArray` and answers in the same shape, so one `toEqual` compares them.

Values. Plain JSON stands for itself (int, bool, str, list); an object with
one of the tags of struct_oracle.py ({"number": "1.5"}, {"bigint": "-1"},
{"bool": true}, {"bytes": "00ff"}, {"str": "x"}, {"null": true}) is that JS
value, converted to Python by the engine's mapping for the format code it
meets; {"list": [...]}, {"set": [...]}, {"dict": {...}} are a JS array, a
JS Set and a plain JS object (Python list, set, dict); {"bytearray": hex} is
a writable byte exporter (a bytearray; an ArrayBuffer in JS).

A case:

  {"build": {"items": v, "shape"?: v, "strides"?: v, "offset"?: v,
             "format"?: v, "flags"?: v, "getbuf"?: v},
   "push"?: {same keys as build},       # then nd.push(...) (or "pop": true)
   "keys"?: [key, ...],                 # then x = x[key] for each, in order,
                                        # until x is an item
   "requests"?: [int, ...]}             # then ndarray(x, getbuf=r) for each

  key: {"index": i} | {"slice": [start, stop, step]} (null = None)
     | {"slices": [[start, stop, step], ...]} | {"empty": true} (x[()])
     | {"ellipsis": true} (x[...])

Its result: {"error": type, "message": str} for the first failure, or
{"item": tagged} when the keys end on an item, or {"ok": description,
"getbuf": [result, ...]} where a description lists the ndarray's attributes
(see `describe`) and each getbuf result is the description of
ndarray(x, getbuf=r) or the error it raised.
"""

import json

from _testbuffer import ndarray
from struct_oracle import arg_codes, error_of, from_js, to_js

TAGS = frozenset(("number", "bigint", "bool", "bytes", "complex", "str", "null"))


def is_tagged(v):
    return isinstance(v, dict) and len(v) == 1 and next(iter(v)) in TAGS


def codes_of(fmt):
    """The prefix and per-member codes of `fmt`, or ('@', []) when it is not a string."""
    if not isinstance(fmt, str):
        return "@", []
    try:
        return arg_codes(fmt)
    except Exception:
        return "@", []


def decode(v, code=None):
    """The Python value a JSON-encoded JS value stands for (see the header)."""
    if is_tagged(v):
        return from_js(v, code)
    if isinstance(v, list):
        return [decode(x, code) for x in v]
    if isinstance(v, dict):
        (kind, body), = v.items()
        if kind == "list":
            return [decode(x, code) for x in body]
        if kind == "set":
            return {decode(x, code) for x in body}
        if kind == "dict":
            return {k: decode(x, code) for k, x in body.items()}
        if kind == "bytearray":
            return bytearray.fromhex(body)
        raise ValueError(f"unknown value tag {kind!r}")
    return v


def is_list(v):
    return isinstance(v, list) or (isinstance(v, dict) and set(v) == {"list"})


def list_body(v):
    return v if isinstance(v, list) else v["list"]


def decode_element(e, codes):
    """One item: a lone value for a one-member format, a tuple for a struct item."""
    if is_list(e):
        return tuple(decode(x, codes[i] if i < len(codes) else None) for i, x in enumerate(list_body(e)))
    return decode(e, codes[0] if codes else None)


def decode_items(v, fmt):
    _, codes = codes_of(fmt)
    if is_list(v):
        return [decode_element(e, codes) for e in list_body(v)]
    return decode_element(v, codes)


ARGUMENTS = ("shape", "strides", "offset", "format", "flags", "getbuf")


def call_args(spec):
    fmt = decode(spec["format"]) if "format" in spec else "B"
    kwargs = {name: decode(spec[name]) for name in ARGUMENTS if name in spec}
    return decode_items(spec["items"], fmt), kwargs


def build(spec):
    items, kwargs = call_args(spec)
    return ndarray(items, **kwargs)


def apply_key(x, key):
    (kind, v), = key.items()
    if kind == "index":
        return x[v]
    if kind == "slice":
        return x[slice(*v)]
    if kind == "slices":
        return x[tuple(slice(*s) for s in v)]
    if kind == "empty":
        return x[()]
    if kind == "ellipsis":
        return x[...]
    raise ValueError(f"unknown key {kind!r}")


def tag_value(v, fmt):
    """Tags tolist() output: lists are dimensions, tuples are struct items."""
    prefix, codes = codes_of(fmt)

    def tag(x):
        if isinstance(x, list):
            return [tag(e) for e in x]
        if isinstance(x, tuple):
            return [to_js(m, prefix, codes[i]) for i, m in enumerate(x)]
        return to_js(x, prefix, codes[0] if codes else "B")

    return tag(v)


def attempt(fn):
    try:
        return {"ok": fn()}
    except Exception as e:  # an exception is an answer too
        return error_of(e)


def describe(nd):
    """Every attribute of an ndarray, plus tolist() and tobytes()."""
    return {
        "flags": nd.flags,
        "offset": nd.offset,
        "obj": nd.obj is not None,
        "nbytes": nd.nbytes,
        "readonly": bool(nd.readonly),
        "itemsize": nd.itemsize,
        "format": nd.format,
        "ndim": nd.ndim,
        "shape": list(nd.shape),
        "strides": list(nd.strides),
        "suboffsets": list(nd.suboffsets),
        "c_contiguous": nd.c_contiguous,
        "f_contiguous": nd.f_contiguous,
        "contiguous": nd.contiguous,
        "tolist": attempt(lambda: tag_value(nd.tolist(), nd.format)),
        "tobytes": nd.tobytes().hex(),
    }


def describe_request(x, req):
    try:
        nd = ndarray(x, getbuf=req)
    except Exception as e:
        return error_of(e)
    return describe(nd)


def run_case(case):
    try:
        x = build(case["build"])
        if "push" in case:
            items, kwargs = call_args(case["push"])
            x.push(items, **kwargs)
        if case.get("pop"):
            x.pop()
        for key in case.get("keys", ()):
            if not isinstance(x, ndarray):
                break  # an item: the remaining keys do not apply
            x = apply_key(x, key)
    except Exception as e:
        return error_of(e)
    if not isinstance(x, ndarray):
        fmt = decode(case["build"].get("format", "B"))
        return {"item": tag_value(x, fmt)}
    out = {"ok": describe(x)}
    if "requests" in case:
        out["getbuf"] = [describe_request(x, r) for r in case["requests"]]
    return out


def run_json(text):
    """One case or a list of cases in, the matching result(s) out, as JSON."""
    cases = json.loads(text)
    if isinstance(cases, list):
        return json.dumps([run_case(c) for c in cases])
    return json.dumps(run_case(cases))
