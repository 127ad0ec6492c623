"""Runs memoryview scripts described in JSON on CPython's memoryview and
answers in JSON.

Loaded into Pyodide (CPython 3.14, wasm32) by test/oracle/pyodide-memoryview.ts,
next to struct_oracle.py and ndarray_oracle.py, whose value language it
speaks (tagged JS values, build specs). test/oracle/engine-memoryview.ts
is its JavaScript twin: it runs the same scripts on `MemoryView` and answers
in the same shape, so one `toEqual` compares the two.

A case is {"exporters": [exporter, ...], "steps": [step, ...]}.

  exporter: {"ndarray": build}  _testbuffer.ndarray(...) as ndarray_oracle.build makes it
          | {"ctypes": {"count": n | null, "hex": str}}
                                a ctypes array of n (null: one) Structure{c_int x} over
                                the bytes: format 'T{<l:x:}' on wasm32, which struct
                                cannot parse

Values live in registers: the exporters first, then each kept step result
(a view or a consumer; a kept step that gives an item or fails leaves its
register empty, and steps on an empty register answer "Unset").

  step: {"op": name, "on": register, "args"?: [arg, ...], "keep"?: true}

  arg: a tagged value, converted by the engine's mapping for the format code
       of the view the op is on (struct_oracle.from_js)
     | {"var": r}                       the value in register r
     | {"slice": [bound, bound, bound]} bound: a tagged value or null (None)
     | {"tuple": [arg, ...]}            a Python tuple (a JS array)
     | {"ellipsis": true}
     | {"hook": tagged}                 an object with __index__ and __float__
                                        (JS: an object whose valueOf() gives the value)
     | {"list": [arg, ...]}             a Python list (a JS array, where a key is not meant)
     | {"bytearray": hex}

Ops (on a memoryview unless said otherwise): memoryview, attrs, describe,
len, tolist, tobytes, hex, iter, count, index, get, set, cast, toreadonly,
release, eq, repr, export (ndarray(x): a consumer holding a buffer of x),
drop (forget register r; a consumer releases its buffer), bytes (x.tobytes()
of an ndarray: its logical bytes, to see what writes did).

Three ops model our extensions, which CPython refuses, from CPython's own
answers: nd_get and nd_set (N-d slicing with a tuple holding slices, from
tolist(); errors as their type only) and typed (what toTypedArray holds).
nd_slice is x[key] on an ndarray (kept: an rvalue for nd_set).

Every step answers {"ok": answer} or {"error": type, "message": str}; the
type "UndefinedBehaviour" marks an answer that is no reference (reading a
'?' byte other than 0 or 1, see has_undefined_bools). Answers
are tagged: items with the view's format (struct_oracle.to_js), lengths and
indices as {"number": ...}, a view as {"view": description, "is": r | null}
(r: the register holding that very object).
"""

import itertools
import json
import operator
import re
import struct
import sys

import _testbuffer as tb
from ndarray_oracle import build as build_ndarray, codes_of
from struct_oracle import error_of, from_js, to_js

ATTRIBUTES = (
    "obj", "nbytes", "readonly", "itemsize", "format", "ndim", "shape", "strides",
    "suboffsets", "c_contiguous", "f_contiguous", "contiguous",
)

# The argument that is an item value (converted with the view's format code); the others are keys, bounds, formats.
VALUE_ARG = {"set": 1, "count": 0, "index": 0, "eq": 0}

TAGS = frozenset(("number", "bigint", "bool", "bytes", "complex", "str", "null"))


def is_tagged(v):
    return isinstance(v, dict) and len(v) == 1 and next(iter(v)) in TAGS


def ctypes_exporter(spec):
    import ctypes

    class Item(ctypes.Structure):
        _fields_ = [("x", ctypes.c_int)]

    data = bytes.fromhex(spec["hex"])
    kind = Item if spec["count"] is None else Item * spec["count"]
    return kind.from_buffer_copy(data)


def build_exporter(spec):
    if "ndarray" in spec:
        return build_ndarray(spec["ndarray"])
    if "ctypes" in spec:
        return ctypes_exporter(spec["ctypes"])
    raise ValueError(f"unknown exporter {spec!r}")


class Unset(Exception):
    """A step on a register whose value was never made (its step failed) or was dropped."""

    def __str__(self):
        return "no value in this register"


class Hook:
    """JS's valueOf() conversion hook, as Python's __index__ and __float__."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value

    def __float__(self):
        return float(self.value)


class Machine:
    def __init__(self, exporters):
        self.regs = [build_exporter(e) for e in exporters]

    def code_of(self, x):
        """The format code that converts values for x, or None."""
        try:
            _, codes = codes_of(x.format)
        except Exception:
            return None
        return codes[0] if len(codes) == 1 else None

    def decode(self, a, code):
        if is_tagged(a):
            return from_js(a, code)
        if a is None:
            return None
        (kind, body), = a.items()
        if kind == "var":
            return self.regs[body]
        if kind == "slice":
            return slice(*(None if b is None else self.decode(b, None) for b in body))
        if kind == "tuple":
            return tuple(self.decode(x, None) for x in body)
        if kind == "ellipsis":
            return ...
        if kind == "hook":
            return Hook(from_js(body, code))
        if kind == "list":
            return [self.decode(x, code) for x in body]
        if kind == "bytearray":
            return bytearray.fromhex(body)
        raise ValueError(f"unknown argument {a!r}")

    def register_of(self, v):
        for r, x in enumerate(self.regs):
            if x is v:
                return r
        return None

    def tag_item(self, v, fmt):
        prefix, codes = codes_of(fmt)

        def tag(x):
            if isinstance(x, list):
                return [tag(e) for e in x]
            return to_js(x, prefix, codes[0] if codes else "B")

        return tag(v)

    def attribute(self, m, name):
        v = getattr(m, name)
        if name == "obj":
            r = self.register_of(v)
            return {"var": r} if r is not None else ("none" if v is None else "other")
        if isinstance(v, tuple):
            return list(v)
        return v

    def attrs(self, m):
        return {name: attempt(lambda: self.attribute(m, name)) for name in ATTRIBUTES}

    def describe(self, m):
        out = self.attrs(m)
        if has_undefined_bools(m):
            out["tolist"] = error_of(UndefinedBehaviour("a '?' item that is neither 0 nor 1"))
        else:
            out["tolist"] = attempt(lambda: self.tag_item(m.tolist(), m.format))
        out["tobytes"] = attempt(lambda: {"bytes": m.tobytes().hex()})
        return out

    def answer_view(self, v):
        return {"view": self.describe(v), "is": self.register_of(v)}

    def answer_value(self, v, fmt):
        """A get() result: a view (slices, m[...]) or an item."""
        if isinstance(v, memoryview):
            return self.answer_view(v)
        return self.tag_item(v, fmt)

    def step(self, s):
        op = s["op"]
        x = self.regs[s["on"]]
        if x is None:
            raise Unset()
        code = self.code_of(x)
        value_at = VALUE_ARG.get(op)
        raw = s.get("args", ())
        if op == "set" and raw and isinstance(self.decode(raw[0], None), slice):
            value_at = None  # a slice's rvalue is an exporter, not an item: a JS number is whatever pythonTypeName calls it
        args = [self.decode(a, code if i == value_at else None) for i, a in enumerate(raw)]
        keep = s.get("keep", False)

        def kept(v):
            if keep:
                self.regs.append(v)
            return v

        if op in READS_ITEMS and (has_undefined_bools(x) or (op == "eq" and has_undefined_bools(args[0]))):
            if op != "get" or not isinstance(args[0], slice):
                raise UndefinedBehaviour("a '?' item that is neither 0 nor 1")

        if op == "memoryview":
            return self.answer_view(kept(memoryview(x)))
        if op == "attrs":
            return self.attrs(x)
        if op == "describe":
            return self.describe(x)
        if op == "len":
            return {"number": str(len(x))}
        if op == "tolist":
            return self.tag_item(x.tolist(), x.format)
        if op == "tobytes":
            return {"bytes": x.tobytes(*args).hex()}
        if op == "hex":
            return {"str": x.hex(*args)}
        if op == "iter":
            fmt = x.format
            return [self.tag_item(v, fmt) for v in iter(x)]
        if op == "count":
            return {"number": str(x.count(*args))}
        if op == "index":
            return {"number": str(x.index(*args))}
        if op == "get":
            fmt = x.format
            v = x[args[0]]
            return self.answer_value(kept(v) if isinstance(v, memoryview) else v, fmt)
        if op == "set":
            x[args[0]] = args[1]
            return {"null": True}
        if op == "cast":
            return self.answer_view(kept(x.cast(*args)))
        if op == "toreadonly":
            return self.answer_view(kept(x.toreadonly()))
        if op == "release":
            x.release()
            return {"null": True}
        if op == "eq":
            return {"bool": x == args[0]}
        if op == "repr":
            text = repr(x)
            return {"str": re.sub(r"0x[0-9a-f]+", "0x?", text)}
        if op == "export":
            kept(tb.ndarray(x))
            return {"null": True}
        if op == "drop":
            self.regs[s["on"]] = None
            return {"null": True}
        if op == "bytes":
            return {"bytes": x.tobytes().hex()}
        if op == "nd_slice":
            kept(x[args[0]])
            return {"null": True}
        if op == "nd_get":
            return self.nd_get(x, args[0])
        if op == "nd_set":
            return self.nd_set(x, args[0], args[1])
        if op == "typed":
            return self.typed(x)
        raise ValueError(f"unknown op {op!r}")

    # ---- models of our extensions (CPython refuses these; the answers are what ours must give) ----

    def nd_picks(self, m, key):
        """The N-d extension's selection: per dimension, the indices it keeps and whether it keeps the dimension.

        A tuple of integers and slices, at most one per dimension (NumPy's basic
        indexing): a slice keeps its dimension, an integer selects one index and
        drops it, missing trailing dimensions are taken whole. Errors in our
        order: the tuple's length and element types, then dimension by dimension."""
        if len(key) > m.ndim:
            raise TypeError("too many indices")
        for k in key:
            if not isinstance(k, slice):
                i = operator.index(k)  # TypeError for a non-integer
                if not -sys.maxsize - 1 <= i <= sys.maxsize:  # the interpreter's own Py_ssize_t, as for every key
                    raise IndexError("cannot fit")
        picks = []
        for dim in range(m.ndim):
            k = key[dim] if dim < len(key) else slice(None)
            n = m.shape[dim]
            if isinstance(k, slice):
                start, stop, step = k.indices(n)  # ValueError for step 0, TypeError for a bad bound
                picks.append((list(range(start, stop, step)), True, step))
            else:
                i = operator.index(k)
                j = i + n if i < 0 else i
                if not 0 <= j < n:
                    raise IndexError("index out of bounds")
                if m.suboffsets and m.suboffsets[dim] >= 0:
                    raise NotImplementedError("an integer index cannot drop a dimension with suboffsets")
                picks.append(([j], False, 1))
        return picks

    def nd_select(self, lst, picks):
        """The nested list the selection gives, from a view's tolist()."""
        if not picks:
            return lst
        indices, keep, _ = picks[0]
        if keep:
            return [self.nd_select(lst[i], picks[1:]) for i in indices]
        return self.nd_select(lst[indices[0]], picks[1:])

    def nd_get(self, m, key):
        try:
            picks = self.nd_picks(m, key)
            lst = m.tolist()
        except Exception as e:
            return {"error": type(e).__name__}
        shape = [len(ix) for ix, keep, _ in picks if keep]
        strides = [m.strides[d] * step for d, (ix, keep, step) in enumerate(picks) if keep]
        return {"shape": shape, "strides": strides, "tolist": self.tag_item(self.nd_select(lst, picks), m.format)}

    def nd_set(self, m, key, value):
        try:
            if m.readonly:
                raise TypeError("cannot modify read-only memory")
            picks = self.nd_picks(m, key)
            r = memoryview(value)
            shape = [len(ix) for ix, keep, _ in picks if keep]
            strip = lambda f: f[1:] if f.startswith("@") else f
            if strip(r.format) != strip(m.format) or r.itemsize != m.itemsize or r.ndim != len(shape) or not same_up_to_zero(shape, r.shape):
                raise ValueError("memoryview assignment: lvalue and rvalue have different structures")
            source = r.tolist()
            after = m.tolist()
        except Exception as e:
            return {"error": type(e).__name__}
        flat = list(flatten(source, r.ndim))
        targets = itertools.product(*(ix for ix, _, _ in picks))
        for target, v in zip(targets, flat):
            cell = after
            for i in target[:-1]:
                cell = cell[i]
            if target:
                cell[target[-1]] = v
        return {"tolist": self.tag_item(after, m.format)}

    def typed(self, m):
        """What toTypedArray must hold: the items in C order (ours also needs native order and alignment)."""
        out = {"c_contiguous": m.c_contiguous and not m.suboffsets, "format": m.format, "readonly": m.readonly}
        try:
            if re.fullmatch(r"[<>=!][?cbBhHiIlLqQefd]", m.format):
                # CPython has no item access for these: struct reads the C-order bytes instead.
                values = [v for (v,) in struct.iter_unpack(m.format, m.tobytes())]
            else:
                values = list(flatten(m.tolist(), m.ndim))
            out["items"] = self.tag_item(values, m.format)
        except Exception as e:
            out["items"] = {"error": type(e).__name__}
        return out


class UndefinedBehaviour(Exception):
    """CPython's answer is undefined behaviour in C, so it is no reference (see has_undefined_bools)."""


def has_undefined_bools(x):
    """Whether x is a '?' view or exporter holding a byte other than 0 or 1.

    CPython reads '?' items through a C _Bool, so such a byte is undefined
    behaviour: x86-64 CPython reads 2 as True, wasm32 CPython (clang) as
    False. Item reads and comparisons of such views are not compared."""
    if x is None or isinstance(x, (bytes, bytearray, str, int, float, list)):
        return False
    try:
        m = memoryview(x)
    except Exception:
        return False
    fmt = m.format[1:] if m.format.startswith("@") else m.format
    return fmt == "?" and any(b > 1 for b in m.tobytes())


# Ops that read '?' items.
READS_ITEMS = frozenset(("tolist", "iter", "count", "index", "get", "eq"))


def same_up_to_zero(a, b):
    """Shapes compared up to and including the first zero extent."""
    for x, y in zip(a, b):
        if x != y:
            return False
        if x == 0:
            break
    return True


def flatten(lst, ndim):
    """The leaves of a nested list of depth ndim, in C order (a 0-d 'list' is its one item)."""
    if ndim == 0:
        yield lst
        return
    for x in lst:
        yield from flatten(x, ndim - 1)


def attempt(fn):
    try:
        return {"ok": fn()}
    except Exception as e:  # an exception is an answer too
        return error_of(e)


def run_case(case):
    try:
        machine = Machine(case["exporters"])
    except Exception as e:
        return {"exporters": error_of(e)}
    results = []
    for s in case["steps"]:
        before = len(machine.regs)
        result = attempt(lambda: machine.step(s))
        if s.get("keep") and len(machine.regs) == before:
            machine.regs.append(None)  # a failed kept step still takes its register
        results.append(result)
    return {"steps": results}


def run_json(text):
    """A list of cases in, the list of their results out, as JSON."""
    return json.dumps([run_case(c) for c in json.loads(text)])
