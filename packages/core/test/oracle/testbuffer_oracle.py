"""Builds `_testbuffer.ndarray`s described in JSON and reports what CPython's
buffer helpers say about them, in JSON.

Loaded into Pyodide (CPython 3.14, wasm32) by test/oracle/pyodide-testbuffer.ts.
A case is

  {"items": [int, ...], "shape": [int, ...], "strides": [int, ...] | null,
   "offset": int, "format": str, "flags": int, "indices": [[int, ...], ...]}

with the arguments of `ndarray(items, shape=..., strides=..., offset=...,
format=..., flags=...)` (for shape [] the one item is passed as a scalar).
The answer is {"ok": {...}} with, per order "C", "F", "A":

  "contiguous"  _testbuffer.is_contiguous(nd, order)  (PyBuffer_IsContiguous on the base)
  "bytes"       _testbuffer.py_buffer_to_contiguous(nd, order, PyBUF_FULL_RO), as hex
  "ndContiguous" for a C-contiguous nd: is_contiguous of ndarray(nd, getbuf=PyBUF_ND),
                whose base has strides NULL; otherwise null

and "items": _testbuffer.get_pointer(nd, index) for each of "indices";
or {"error": [type name, message]} when CPython refuses the structure.
"""

import json

import _testbuffer as tb

ORDERS = "CFA"


def build(case):
    shape = case["shape"]
    kwargs = {"shape": shape, "format": case["format"], "flags": case["flags"]}
    if case.get("strides") is not None:
        kwargs["strides"] = case["strides"]
    if case.get("offset"):
        kwargs["offset"] = case["offset"]
    items = case["items"] if shape else case["items"][0]
    return tb.ndarray(items, **kwargs)


def run(case):
    try:
        nd = build(case)
    except Exception as error:  # the structure itself is refused
        return {"error": [type(error).__name__, str(error)]}
    contiguous = {order: bool(tb.is_contiguous(nd, order)) for order in ORDERS}
    nd_contiguous = None
    if contiguous["C"]:
        reexport = tb.ndarray(nd, getbuf=tb.PyBUF_ND)
        nd_contiguous = {order: bool(tb.is_contiguous(reexport, order)) for order in ORDERS}
    return {
        "ok": {
            "contiguous": contiguous,
            "ndContiguous": nd_contiguous,
            "bytes": {order: tb.py_buffer_to_contiguous(nd, order, tb.PyBUF_FULL_RO).hex() for order in ORDERS},
            "items": [tb.get_pointer(nd, index) for index in case["indices"]],
        }
    }


def run_json(text):
    return json.dumps([run(case) for case in json.loads(text)])
