#!/usr/bin/env python2
# -*- coding: utf-8 -*-
"""Generates test/fixtures/buffer-py27.json: what CPython 2.7.18 answers for
its `buffer` object, the old buffer protocol and the bridge to the new one,
for replay against @pybuffer/legacy-buffer by test/fixture-replay.test.ts.

Re-run (from packages/legacy-buffer; deterministic for a given interpreter):

    ~/.pyenv/versions/2.7.18/bin/python scripts/gen-fixtures.py

The script refuses anything but a 64-bit (LP64) CPython 2.7 with a UCS4
unicode build and hash randomization off (the machine the fixture describes).

Each case is a little program: a list of steps, each an operation with its
arguments and CPython's answer (a result, or the exception type and message).
Steps can bind names ("let"), so a case can make a bytearray, wrap it, shrink
it, and look again. The operation vocabulary is small and is implemented twice:
here (on real Python objects) and in test/support/interpreter.ts (on the
package and on test models of str, unicode, bytearray, array, mmap and ctypes
objects that reproduce those types' old-protocol slots).

Read-write buffers exist only through the C API, so this script calls it with
ctypes: PyBuffer_FromReadWriteObject, PyBuffer_FromObject, PyBuffer_FromMemory,
PyBuffer_FromReadWriteMemory, PyBuffer_New, PyObject_As{Read,Char,Write}Buffer,
PyObject_CheckReadBuffer, PyObject_GetBuffer, and _PyArg_ParseTuple_SizeT for
the argument codes. A type's old slots (bf_getreadbuffer(obj, segment), ...) are
called through its tp_as_buffer table. Repeating an empty buffer kills 2.7.18
with SIGFPE, so those cases run in a child interpreter and record the signal.

A case flagged "jsString" involves unicode only where CPython special-cases
the unicode type (the default encoding in s#/z#/s*/z*, unicode's comparison
in == and in) and nothing width-dependent: it is replayed with JS strings,
which are this package's unicode. Other unicode values are replayed with a
model of a UCS4 unicode object, an old-protocol exporter like the real one.

Addresses in reprs are replaced by placeholders: {id:NAME} for id() of a named
object, {ptr:NAME} for the data pointer of a named ctypes memory block or
PyBuffer_New buffer.
"""

import array
import ctypes
import json
import mmap
import os
import re
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "test", "fixtures", "buffer-py27.json")
COMMAND = "~/.pyenv/versions/2.7.18/bin/python scripts/gen-fixtures.py"

if sys.version_info[:3] != (2, 7, 18):
    sys.exit("needs CPython 2.7.18")
if ctypes.sizeof(ctypes.c_void_p) != 8 or ctypes.sizeof(ctypes.c_long) != 8:
    sys.exit("needs an LP64 build (8-byte long and pointers)")
if sys.maxunicode != 0x10FFFF:
    sys.exit("needs a UCS4 (wide unicode) build")
if sys.flags.hash_randomization:
    sys.exit("run without -R / PYTHONHASHSEED: hashes must be the unsalted ones")

MAXSIZE = sys.maxsize
# unicode == str with non-ASCII bytes warns and answers False; the answer is what is recorded.
warnings.filterwarnings("ignore", category=UnicodeWarning)

# ---------------------------------------------------------------------------
# The C API through ctypes

api = ctypes.pythonapi
P = ctypes.c_void_p
SSIZE = ctypes.c_ssize_t
OBJ = ctypes.py_object


def cfunc(name, restype, argtypes):
    f = getattr(api, name)
    f.restype = restype
    f.argtypes = argtypes
    return f


FromObject = cfunc("PyBuffer_FromObject", OBJ, [OBJ, SSIZE, SSIZE])
FromReadWriteObject = cfunc("PyBuffer_FromReadWriteObject", OBJ, [OBJ, SSIZE, SSIZE])
FromMemory = cfunc("PyBuffer_FromMemory", OBJ, [P, SSIZE])
FromReadWriteMemory = cfunc("PyBuffer_FromReadWriteMemory", OBJ, [P, SSIZE])
BufferNew = cfunc("PyBuffer_New", OBJ, [SSIZE])
AS_FUNCS = {}
for _name in ("PyObject_AsReadBuffer", "PyObject_AsCharBuffer", "PyObject_AsWriteBuffer"):
    AS_FUNCS[_name] = cfunc(_name, ctypes.c_int, [OBJ, ctypes.POINTER(P), ctypes.POINTER(SSIZE)])
CheckReadBuffer = cfunc("PyObject_CheckReadBuffer", ctypes.c_int, [OBJ])


class Py_buffer(ctypes.Structure):
    _fields_ = [
        ("buf", P), ("obj", P), ("len", SSIZE), ("itemsize", SSIZE), ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int), ("format", ctypes.c_char_p), ("shape", ctypes.POINTER(SSIZE)),
        ("strides", ctypes.POINTER(SSIZE)), ("suboffsets", P), ("smalltable", SSIZE * 2), ("internal", P),
    ]


GetBuffer = cfunc("PyObject_GetBuffer", ctypes.c_int, [OBJ, ctypes.POINTER(Py_buffer), ctypes.c_int])
ReleaseBuffer = cfunc("PyBuffer_Release", None, [ctypes.POINTER(Py_buffer)])
ParseTuple = api._PyArg_ParseTuple_SizeT
ParseTuple.restype = ctypes.c_int


class PyBufferProcs(ctypes.Structure):
    _fields_ = [(n, P) for n in ("read", "write", "segcount", "char", "getbuffer", "release")]


TP_AS_BUFFER = 20 * 8  # offset of tp_as_buffer in PyTypeObject on LP64
SEGPROC = ctypes.PYFUNCTYPE(SSIZE, OBJ, SSIZE, ctypes.POINTER(P))
COUNTPROC = ctypes.PYFUNCTYPE(SSIZE, OBJ, ctypes.POINTER(SSIZE))


def buffer_procs(obj):
    table = P.from_address(id(type(obj)) + TP_AS_BUFFER).value
    return PyBufferProcs.from_address(table) if table else None


def call_slot(obj, name, segment):
    procs = buffer_procs(obj)
    fn = getattr(procs, name) if procs is not None else None
    if not fn:
        return ("null-slot",)
    ptr = P()
    count = SEGPROC(fn)(obj, segment, ctypes.byref(ptr))
    if count < 0:
        return ("failed-without-exception",)
    return ctypes.string_at(ptr.value, count) if count else ""


def call_segcount(obj):
    procs = buffer_procs(obj)
    if procs is None or not procs.segcount:
        return ("null-slot",)
    length = SSIZE(-7)
    count = COUNTPROC(procs.segcount)(obj, ctypes.byref(length))
    return (count, length.value)


def as_buffer(name, obj):
    ptr, length = P(), SSIZE(-1)
    AS_FUNCS[name](obj, ctypes.byref(ptr), ctypes.byref(length))
    return ctypes.string_at(ptr.value, length.value) if length.value else ""


def check_read_buffer(obj):
    try:
        return bool(CheckReadBuffer(obj))
    except Exception as e:  # noqa: BLE001
        # 2.7 returned 0 with the segcount's exception still set (Objects/bufferobject.c: get_buf), which ctypes raises.
        return ("pending", e)


def get_buffer(obj, flags):
    view = Py_buffer()
    GetBuffer(obj, ctypes.byref(view), flags)
    try:
        ndim = view.ndim
        return {
            "hex": (ctypes.string_at(view.buf, view.len) if view.len else "").encode("hex"),
            "readonly": bool(view.readonly),
            "format": view.format,
            "itemsize": view.itemsize,
            "ndim": ndim,
            "shape": [view.shape[i] for i in range(ndim)] if view.shape else None,
            "strides": [view.strides[i] for i in range(ndim)] if view.strides else None,
            "objIsExporter": view.obj == id(obj),
        }
    finally:
        ReleaseBuffer(ctypes.byref(view))


def parse_argument(code, obj):
    """PyArg_ParseTuple((obj,), code + ":f", ...) with PY_SSIZE_T_CLEAN sizes."""
    ptr, length = P(), SSIZE(-1)
    if code.endswith("#"):
        ParseTuple.argtypes = [OBJ, ctypes.c_char_p, ctypes.POINTER(P), ctypes.POINTER(SSIZE)]
        ParseTuple((obj,), code + ":f", ctypes.byref(ptr), ctypes.byref(length))
        return None if ptr.value is None else (ctypes.string_at(ptr.value, length.value) if length.value else "")
    view = Py_buffer()
    ParseTuple.argtypes = [OBJ, ctypes.c_char_p, ctypes.POINTER(Py_buffer)]
    ParseTuple((obj,), code + ":f", ctypes.byref(view))
    if view.buf is None and view.obj is None:
        return None
    try:
        data = ctypes.string_at(view.buf, view.len) if view.len else ""
        return {"hex": data.encode("hex"), "readonly": bool(view.readonly)}
    finally:
        ReleaseBuffer(ctypes.byref(view))


# ---------------------------------------------------------------------------
# The case language

class CaseBug(BaseException):
    """A mistake in a case (a name used before it is bound): stops the script instead of being recorded."""


class Ref(object):
    def __init__(self, name):
        self.name = name


class Const(object):
    def __init__(self, kind, value=None):
        self.kind = kind
        self.value = value


def S(text):
    return Const("str", text)


def U(text):
    return Const("unicode", text)


def FL(x):
    return Const("float", x)


def SL(start=None, stop=None, step=None):
    return Const("slice", (start, stop, step))


NONE = Const("none")
LIST = Const("list")
OBJECT = Const("object")
TUPLE = Const("tuple")
_ = Ref

MMAP_FILES = []


def make_mmap(data, mode):
    if mode == "write":
        m = mmap.mmap(-1, len(data))
        m.write(data)
        m.seek(0)
        return m
    fd, path = tempfile.mkstemp()
    os.write(fd, data)
    os.close(fd)
    f = open(path, "r+b")
    MMAP_FILES.append((f, path))
    return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


class Program(object):
    def __init__(self):
        self.env = {}
        self.memory = {}  # name -> data pointer, for {ptr:NAME}

    def value(self, arg):
        if isinstance(arg, Ref):
            if arg.name not in self.env:
                raise CaseBug("name %r used before it is bound" % arg.name)
            return self.env[arg.name]
        if isinstance(arg, Const):
            k, v = arg.kind, arg.value
            if k == "str":
                return v
            if k == "unicode":
                return v
            if k == "float":
                return v
            if k == "none":
                return None
            if k == "list":
                return []
            if k == "object":
                return object()
            if k == "tuple":
                return (1,)
            if k == "slice":
                return slice(*[self.value(b) for b in v])
        return arg

    def run(self, op, args):
        fn = OPS[op]
        return fn(self, *[self.value(a) for a in args])

    def placeholders(self, text):
        names = {}
        for name, obj in sorted(self.env.items()):
            if isinstance(obj, Unbound):
                continue
            names.setdefault(id(obj), "{id:%s}" % name)
        for name, address in sorted(self.memory.items()):
            names[address] = "{ptr:%s}" % name

        def sub(match):
            address = int(match.group(0), 16)
            if address not in names:
                raise AssertionError("unnamed address in %r" % text)
            return names[address]
        return re.sub(r"0x[0-9a-f]+", sub, text)


def getslice(b, lo, hi):
    return b[lo:hi]


def setslice(b, lo, hi, v):
    b[lo:hi] = v


def delslice(b, lo, hi):
    del b[lo:hi]


def setitem(b, k, v):
    b[k] = v


def delitem(b, k):
    del b[k]


def op_cmem(prog, data):
    return ctypes.create_string_buffer(data.decode("hex"), len(data) // 2)


def op_new_buffer(prog, size):
    return BufferNew(size)


def op_next(prog, it):
    try:
        return next(it)
    except StopIteration:
        return ("stop",)


def op_concat(prog, b, x):
    result = b + x
    return ("same-object",) if result is x else result


def op_mv_info(prog, m):
    return {"readonly": m.readonly, "format": m.format, "itemsize": m.itemsize, "ndim": m.ndim,
            "shape": list(m.shape), "strides": list(m.strides)}


OPS = {
    # making values
    "value": lambda p, x: x,
    "bytearray": lambda p, data: bytearray(data.decode("hex")),
    "array": lambda p, typecode, data: array.array(typecode, data.decode("hex")),
    "mmap": lambda p, data, mode: make_mmap(data.decode("hex"), mode),
    "c_int": lambda p, n: ctypes.c_int(n),
    "c_chars": lambda p, data: (ctypes.c_char * (len(data) // 2)).from_buffer_copy(data.decode("hex")),
    "cmem": op_cmem,
    "memoryview": lambda p, x: memoryview(x),
    # the buffer object and its C constructors
    "buffer": lambda p, *args: buffer(*args),
    "from_object": lambda p, x, offset, size: FromObject(x, offset, size),
    "from_rw_object": lambda p, x, offset, size: FromReadWriteObject(x, offset, size),
    "from_memory": lambda p, m, size: FromMemory(ctypes.addressof(m), size),
    "from_rw_memory": lambda p, m, size: FromReadWriteMemory(ctypes.addressof(m), size),
    "new_buffer": op_new_buffer,
    # operations
    "len": lambda p, b: len(b),
    "bool": lambda p, b: bool(b),
    "bytes": lambda p, b: str(b),
    "repr": lambda p, b: ("repr", p.placeholders(repr(b))),
    "getitem": lambda p, b, k: b[k],
    "getslice": lambda p, b, lo, hi: getslice(b, lo, hi),
    "setitem": lambda p, b, k, v: setitem(b, k, v),
    "setslice": lambda p, b, lo, hi, v: setslice(b, lo, hi, v),
    "delitem": lambda p, b, k: delitem(b, k),
    "delslice": lambda p, b, lo, hi: delslice(b, lo, hi),
    "concat": op_concat,
    "repeat": lambda p, b, n: b * n,
    "rrepeat": lambda p, n, b: n * b,
    "cmp": lambda p, a, b: cmp(a, b),
    "dunder_cmp": lambda p, a, x: a.__cmp__(x),
    "eq": lambda p, a, x: a == x,
    "hash": lambda p, b: hash(b),
    "list": lambda p, b: list(b),
    "iter": lambda p, b: iter(b),
    "next": op_next,
    "contains": lambda p, b, x: x in b,
    # changing bases
    "ba_del": lambda p, a, lo, hi: delslice(a, lo, hi),
    "ba_extend": lambda p, a, data: a.extend(data.decode("hex")),
    "ba_set": lambda p, a, i, byte: setitem(a, i, byte),
    "ba_bytes": lambda p, a: str(a),
    "arr_extend": lambda p, a, data: a.fromstring(data.decode("hex")),
    "arr_pop": lambda p, a: (a.pop(), None)[1],
    "arr_bytes": lambda p, a: a.tostring(),
    "mm_resize": lambda p, m, n: m.resize(n),
    "mm_close": lambda p, m: m.close(),
    "mm_bytes": lambda p, m: m[:],
    "cmem_bytes": lambda p, m: m.raw,
    # the old protocol
    "slot": lambda p, x, name, segment: call_slot(x, name, segment),
    "segcount": lambda p, x: call_segcount(x),
    "as_read": lambda p, x: as_buffer("PyObject_AsReadBuffer", x),
    "as_char": lambda p, x: as_buffer("PyObject_AsCharBuffer", x),
    "as_write": lambda p, x: as_buffer("PyObject_AsWriteBuffer", x),
    "check_read": lambda p, x: check_read_buffer(x),
    "arg": lambda p, code, x: parse_argument(code, x),
    # the new protocol
    "getbuffer": lambda p, x, flags: get_buffer(x, flags),
    "mv_bytes": lambda p, m: m.tobytes(),
    "mv_info": op_mv_info,
    "mv_setitem": lambda p, m, i, v: setitem(m, i, v),
}


def encode_arg(arg):
    if isinstance(arg, Ref):
        return {"ref": arg.name}
    if isinstance(arg, Const):
        k, v = arg.kind, arg.value
        if k == "str":
            return {"str": v.encode("hex")}
        if k == "unicode":
            return {"unicode": v}
        if k == "float":
            return {"float": v}
        if k == "slice":
            return {"slice": [encode_arg(b) for b in v]}
        return {k: True}
    if arg is None:
        return None
    if isinstance(arg, bool):
        return arg
    if isinstance(arg, (int, long)):
        return arg if abs(arg) <= 2 ** 53 - 1 else {"int": str(arg)}
    if isinstance(arg, str):
        return arg  # an operation's literal parameter (a typecode, a slot name, hex data)
    raise TypeError("cannot encode argument %r" % (arg,))


def encode_result(value):
    if isinstance(value, tuple) and value and value[0] == "repr":
        return {"repr": value[1]}
    if value == ("stop",):
        return {"stop": True}
    if value == ("same-object",):
        return {"sameAsArgument": 1}
    if isinstance(value, tuple) and value and value[0] == "pending":
        return {"bool": False, "pendingError": {"error": type(value[1]).__name__, "message": str(value[1])}}
    if value == ("null-slot",):
        return {"nullSlot": True}
    if value == ("failed-without-exception",):
        return {"failedWithoutException": True}
    if value is None:
        return {"none": True}
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, (int, long)):
        return {"int": str(value)}
    if isinstance(value, str):
        return {"bytes": value.encode("hex")}
    if isinstance(value, unicode):
        return {"unicode": value}
    if isinstance(value, bytearray):
        return {"bytearray": str(value).encode("hex")}
    if isinstance(value, list):
        return {"list": [encode_result(v) for v in value]}
    if isinstance(value, tuple):
        return {"tuple": [encode_result(v) for v in value]}
    if isinstance(value, dict):
        return {"record": value}  # plain JSON values (bytes as hex)
    return {"object": type(value).__name__}


CASES = []


def case(section, title, steps, **options):
    """steps: (op, *args) or ("let", name, op, *args)."""
    CASES.append(dict(section=section, title=title, steps=steps, options=options))


class Unbound(object):
    """What a name holds after its "let" failed: steps that use it are left out."""


def uses_unbound(prog, args):
    def unbound(arg):
        if isinstance(arg, Ref):
            return isinstance(prog.env.get(arg.name), Unbound)
        if isinstance(arg, Const) and arg.kind == "slice":
            return any(unbound(b) for b in arg.value)
        return False
    return any(unbound(a) for a in args)


def run_case(spec):
    prog = Program()
    out_steps = []
    for step in spec["steps"]:
        name = None
        if step[0] == "let":
            name, step = step[1], step[2:]
        op, args = step[0], list(step[1:])
        if uses_unbound(prog, args):
            continue
        entry = {"op": op, "args": [encode_arg(a) for a in args]}
        if name is not None:
            entry["let"] = name
        out_steps.append(entry)
        try:
            result = prog.run(op, args)
        except CaseBug as bug:
            raise CaseBug("%s: %s" % (spec["title"], bug))
        except Exception as e:  # noqa: BLE001 - every exception is a recorded fact
            entry["result"] = {"error": type(e).__name__, "message": str(e)}
            if name is not None:
                prog.env[name] = Unbound()
            continue
        if name is None:
            entry["result"] = encode_result(result)
            continue
        prog.env[name] = result
        if op == "cmem":
            prog.memory[name] = ctypes.addressof(result)
        elif op == "new_buffer":
            prog.memory[name] = id(result) + 64  # inline storage after the 64-byte object header
        entry["result"] = {"created": type(result).__name__}
    result = {"section": spec["section"], "title": spec["title"], "steps": out_steps}
    result.update(spec["options"])
    return result


def crash_case(section, title, source):
    """A case whose Python source kills the interpreter: run it in a child and record how it died."""
    status = subprocess.call([sys.executable, "-c", source])
    result = {"signal": "SIGFPE"} if status == -8 else {"exitStatus": status}
    return {"section": section, "title": title, "python": source, "crash": result}


# ---------------------------------------------------------------------------
# The cases, by section (the "section" key; test/fixture-replay.test.ts titles
# each one). Functions named below are CPython 2.7's Objects/bufferobject.c
# unless said otherwise.

H = lambda s: s.encode("hex")  # noqa: E731
ABCDEF = H("abcdef")


def inspect(name):
    """The steps that show a buffer: its repr, len, bool and bytes."""
    r = _(name)
    return [("repr", r), ("len", r), ("bool", r), ("bytes", r)]


# 1.3 construction: bases (buffer_new, buffer_from_object)
BASES = [
    ("str", ("value", S("abcdef"))),
    ("empty str", ("value", S(""))),
    ("unicode", ("value", U(u"abc"))),
    ("bytearray", ("bytearray", ABCDEF)),
    ("array h", ("array", "h", H("\x01\x00\x02\x00\x03\x00"))),
    ("array i", ("array", "i", H("\x01\x00\x00\x00\x02\x00\x00\x00"))),
    ("empty array", ("array", "b", "")),
    ("mmap", ("mmap", ABCDEF, "write")),
    ("read-only mmap", ("mmap", ABCDEF, "read")),
    ("ctypes c_int", ("c_int", 0x64636261)),
    ("ctypes char array", ("c_chars", ABCDEF)),
]
for label, make in BASES:
    case("1.3", "buffer() over a %s" % label,
         [("let", "x") + make, ("let", "b", "buffer", _("x"))] + inspect("b") +
         [("let", "c", "buffer", _("x"), 1), ("repr", _("c")), ("bytes", _("c")),
          ("let", "d", "buffer", _("x"), 1, 2), ("repr", _("d")), ("bytes", _("d"))])

for label, bad in [("None", NONE), ("an int", 5), ("a float", FL(1.5)), ("a list", LIST), ("an object", OBJECT),
                   ("a tuple", TUPLE)]:
    case("1.3", "buffer() refuses %s" % label, [("buffer", bad)])
case("1.3", "buffer() refuses a memoryview (it has no old slots)",
     [("let", "m", "memoryview", S("ab")), ("buffer", _("m"))], divergence="bridged-new-protocol")
case("1.3", "buffer() arity", [("buffer",), ("buffer", S("a"), 0, 1, 2)])

OFFSETS = [0, 1, 3, 6, 7, 100, -1, -2, True, False, 2 ** 62, MAXSIZE, MAXSIZE + 1, -MAXSIZE - 1, -MAXSIZE - 2,
           2 ** 64, FL(1.5), S("1"), NONE]
SIZES = [-1, 0, 1, 2, 6, 100, -2, -MAXSIZE - 1, True, 2 ** 62, MAXSIZE, MAXSIZE + 1, -MAXSIZE - 2, FL(2.5),
         S("1"), NONE]
steps = [("let", "s", "value", S("abcdef"))]
for offset in OFFSETS:
    steps += [("let", "b", "buffer", _("s"), offset), ("repr", _("b")), ("len", _("b")), ("bytes", _("b"))]
case("1.3", "buffer(s, offset) for every kind of offset", steps)
for offset in [0, 1, 5, 6, 7, -1, MAXSIZE]:
    steps = [("let", "s", "value", S("abcdef"))]
    for size in SIZES:
        steps += [("let", "b", "buffer", _("s"), offset, size), ("repr", _("b")), ("len", _("b")), ("bytes", _("b"))]
    case("1.3", "buffer(s, %r, size) for every kind of size" % offset, steps)
case("1.3", "the offset is checked before the size", [("buffer", S("abc"), -1, -2), ("buffer", S("abc"), FL(1.5), -2),
                                                      ("buffer", S("abc"), -1, FL(1.5))])
case("1.3", "creation does not touch the base's data (closed mmap)",
     [("let", "m", "mmap", ABCDEF, "write"), ("mm_close", _("m")), ("let", "b", "buffer", _("m")), ("repr", _("b")),
      ("len", _("b")), ("bool", _("b")), ("bytes", _("b"))])

# 1.4 composition: a buffer of a buffer (buffer_from_object)
INNER = [(0, -1), (1, -1), (1, 3), (2, 2), (0, 0), (4, 10), (7, -1), (3, 100)]
OUTER = [(0, -1), (1, -1), (1, 1), (1, 100), (2, -1), (5, -1), (0, 0), (0, -5), (3, 2)]
for inner in INNER:
    steps = [("let", "s", "value", S("abcdef")), ("let", "inner", "buffer", _("s"), inner[0], inner[1])]
    for outer in OUTER:
        steps += [("let", "b", "buffer", _("inner"), outer[0], outer[1]), ("repr", _("b")), ("len", _("b")),
                  ("bytes", _("b"))]
    case("1.4", "buffer(buffer(s, %d, %d), offset, size) collapses onto s" % inner, steps)
case("1.4", "offsets that overflow Py_ssize_t when added",
     [("let", "s", "value", S("abc")), ("let", "inner", "buffer", _("s"), MAXSIZE), ("buffer", _("inner"), 1),
      ("let", "b", "buffer", _("inner"), 0), ("repr", _("b")),
      ("let", "inner2", "buffer", _("s"), MAXSIZE - 1), ("let", "c", "buffer", _("inner2"), 1), ("repr", _("c")),
      ("len", _("c"))])
case("1.4", "memory-backed buffers are not collapsed",
     [("let", "m", "cmem", ABCDEF), ("let", "inner", "from_memory", _("m"), 6),
      ("let", "b", "buffer", _("inner"), 1, 3)] + inspect("b") +
     [("let", "c", "buffer", _("b"), 1), ("repr", _("c")), ("bytes", _("c"))])
case("1.4", "the readonly flag comes from the outer call (a writable view of a read-only buffer's base)",
     [("let", "a", "bytearray", ABCDEF), ("let", "ro", "buffer", _("a"), 1, 4),
      ("let", "rw", "from_rw_object", _("ro"), 1, -1)] + inspect("rw") +
     [("setitem", _("rw"), 0, S("X")), ("ba_bytes", _("a")),
      ("let", "back", "buffer", _("rw"), 1), ("repr", _("back")), ("bytes", _("back")),
      ("setitem", _("back"), 0, S("Y"))])
case("1.4", "the C constructors compose too",
     [("let", "s", "value", S("abcdef")), ("let", "inner", "from_object", _("s"), 1, 4),
      ("let", "b", "from_object", _("inner"), 1, -1)] + inspect("b") +
     [("from_object", _("inner"), -1, 2), ("from_object", _("inner"), 0, -3), ("from_object", NONE, 0, -1)])

# 1.5 repr (buffer_repr) and 1.2 the window kinds (get_buf)
case("1.5", "repr of read-write and memory-backed buffers",
     [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 2, -1), ("repr", _("rw")),
      ("let", "m", "cmem", ABCDEF), ("let", "fm", "from_memory", _("m"), 4), ("repr", _("fm")),
      ("let", "rm", "from_rw_memory", _("m"), 0), ("repr", _("rm")),
      ("let", "nb", "new_buffer", 3), ("repr", _("nb")), ("len", _("nb"))])
case("1.5", "repr shows the stored offset and size, not the window",
     [("let", "s", "value", S("abc")), ("let", "b", "buffer", _("s"), 10, 20), ("repr", _("b")), ("len", _("b"))])
case("1.2", "a read-write buffer over a str reads through str's write slot, which always raises",
     [("let", "s", "value", S("abc")), ("let", "rw", "from_rw_object", _("s"), 0, -1), ("repr", _("rw")),
      ("len", _("rw")), ("bool", _("rw")), ("bytes", _("rw")), ("getitem", _("rw"), 0), ("hash", _("rw")),
      ("slot", _("rw"), "read", 0), ("slot", _("rw"), "char", 0), ("segcount", _("rw")),
      ("let", "u", "value", U(u"abc")), ("let", "rwu", "from_rw_object", _("u"), 0, -1), ("len", _("rwu"))])
case("1.2", "offset and size apply to whichever view is asked for (unicode: raw for read, ASCII for char)",
     [("let", "u", "value", U(u"123")), ("let", "b", "buffer", _("u"), 1), ("as_char", _("b")),
      ("bytes", _("b")), ("len", _("b")), ("slot", _("b"), "char", 0), ("slot", _("b"), "read", 0),
      ("let", "c", "buffer", _("u"), 1, 1), ("as_char", _("c")), ("bytes", _("c"))])
case("1.2", "a read-write buffer over a read-only mmap",
     [("let", "m", "mmap", ABCDEF, "read"), ("let", "rw", "from_rw_object", _("m"), 0, -1), ("len", _("rw")),
      ("setitem", _("rw"), 0, S("x")), ("slot", _("rw"), "read", 0), ("let", "ro", "buffer", _("m")),
      ("bytes", _("ro"))])
case("1.2", "buffer(array) has no char buffer",
     [("let", "a", "array", "b", H("abc")), ("let", "b", "buffer", _("a")), ("as_char", _("b")),
      ("slot", _("b"), "char", 0), ("arg", "t#", _("b"))])

# 1.6, 1.7 indexing and slicing (buffer_item, buffer_slice, buffer_subscript)
steps = [("let", "s", "value", S("abcdef")), ("let", "b", "buffer", _("s"), 1, 4)]
for key in list(range(-6, 6)) + [True, False, 2 ** 62, MAXSIZE, MAXSIZE + 1, -MAXSIZE - 1, -MAXSIZE - 2, 2 ** 64,
                                 FL(1.5), S("a"), U(u"a"), NONE, TUPLE, LIST]:
    steps.append(("getitem", _("b"), key))
case("1.7", "b[i] for every kind of index", steps)

INDICES = (0, None, 1, 3, 19, 300, -1, -2, -31, -300)
s20 = "".join(chr(c) for c in range(255, 235, -1))
steps = [("let", "s", "value", S(s20)), ("let", "b", "buffer", _("s"))]
for start in INDICES:
    for stop in INDICES:
        for step in INDICES[1:]:
            steps.append(("getitem", _("b"), SL(start, stop, step)))
case("1.7", "b[start:stop:step] over test_buffer's index set (extended slices)", steps)

BOUNDS = (None, 0, 1, 3, 4, 5, -1, -3, -4, -5, 100, -100, True, MAXSIZE, -MAXSIZE - 1, 2 ** 64, -2 ** 64)
steps = [("let", "s", "value", S("abcdef")), ("let", "b", "buffer", _("s"), 1, 4)]
for lo in BOUNDS:
    for hi in BOUNDS:
        steps.append(("getslice", _("b"), lo, hi))
case("1.7", "b[i:j] (the SLICE opcode and sq_slice) for every pair of bounds", steps)
case("1.7", "slice errors",
     [("let", "s", "value", S("abcdef")), ("let", "b", "buffer", _("s")),
      ("getitem", _("b"), SL(None, None, 0)), ("getitem", _("b"), SL(S("a"), 1)), ("getitem", _("b"), SL(1, FL(2.5))),
      ("getitem", _("b"), SL(None, None, FL(1.5))), ("getslice", _("b"), S("a"), 1), ("getslice", _("b"), 1, FL(2.5)),
      ("getitem", _("b"), SL(2 ** 64, -2 ** 64, -1)), ("getitem", _("b"), SL(-2 ** 64, 2 ** 64, 2 ** 64)),
      ("getitem", _("b"), SL(None, None, -2 ** 64))])
case("1.7", "the index is evaluated before the window: a bad index wins over a broken base",
     [("let", "m", "mmap", ABCDEF, "write"), ("let", "b", "buffer", _("m")), ("mm_close", _("m")),
      ("getitem", _("b"), 0), ("getitem", _("b"), 2 ** 64), ("getitem", _("b"), S("a")),
      ("getitem", _("b"), SL(None, None, 0)), ("getitem", _("b"), SL(0, 1)), ("getslice", _("b"), 0, 1),
      ("getslice", _("b"), -1, None), ("getslice", _("b"), S("a"), 1)])

# 1.8 assignment (buffer_ass_item, buffer_ass_slice, buffer_ass_subscript)
RO_TARGETS = [("str", ("value", S("abcdef"))), ("bytearray", ("bytearray", ABCDEF))]
for label, make in RO_TARGETS:
    steps = [("let", "x") + make, ("let", "b", "buffer", _("x"))]
    for key, value in [(0, S("x")), (100, 5), (S("a"), S("x")), (SL(0, 1), S("x")), (SL(None, None, 2), S("xyz")),
                       (SL(None, None, 0), 5)]:
        steps.append(("setitem", _("b"), key, value))
    steps += [("setslice", _("b"), 0, 1, S("x")), ("setslice", _("b"), S("a"), 1, S("x")),
              ("setslice", _("b"), 1, FL(2.5), S("x")), ("delitem", _("b"), 0), ("delitem", _("b"), SL(0, 1)),
              ("delslice", _("b"), 0, 1), ("slot", _("b"), "write", 0), ("slot", _("b"), "write", 1)]
    case("1.8", "every assignment to a read-only buffer over a %s fails first on readonly" % label, steps)

VALUES = [("str x", S("x")), ("str xy", S("xy")), ("empty str", S("")), ("unicode x", U(u"x")),
          ("bytearray", ("bytearray", H("x"))), ("buffer", ("buffer", S("zx"), 1)), ("array b", ("array", "b", H("x"))),
          ("int", 5), ("None", NONE), ("list", LIST)]


def value_steps(name, value):
    if isinstance(value, tuple):
        return [("let", name) + value]
    return [("let", name, "value", value)]


for label, value in VALUES:
    steps = value_steps("v", value)
    for key in [0, 5, -1, -6, 6, -7, 100, 2 ** 64, S("a"), FL(1.5), SL(1, 2), SL(None, None, 0), SL(5, None, -6),
                SL(None, None, 6)]:
        steps += [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 0, -1),
                  ("setitem", _("rw"), key, _("v")), ("ba_bytes", _("a"))]
    for lo, hi in [(0, 1), (1, 2), (5, None), (-1, None), (None, 1), (3, 2), (6, 10), (-100, 1), (S("a"), 1)]:
        steps += [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 0, -1),
                  ("setslice", _("rw"), lo, hi, _("v")), ("ba_bytes", _("a"))]
    case("1.8", "rw[key] = %s and rw[i:j] = %s, in CPython's check order" % (label, label), steps)
steps = [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 1, 4)]
for key, value in [(SL(None, None, 2), S("XY")), (SL(None, None, -1), S("wxyz")), (SL(None, None, -2), S("PQ")),
                   (SL(1, 3), S("mn")), (SL(3, 1, -1), S("uv")), (SL(0, 0), S("")), (SL(0, 4, 3), S("12")),
                   (SL(0, 4, 3), S("123")), (SL(None, None, 2), S("XYZ")), (SL(-100, 100), S("abcd"))]:
    steps += [("setitem", _("rw"), key, value), ("ba_bytes", _("a"))]
steps += [("delitem", _("rw"), 0), ("delitem", _("rw"), SL(0, 1)), ("delslice", _("rw"), 0, 1),
          ("delitem", _("rw"), S("a"))]
case("1.8", "extended slice assignment and deletion on a read-write window", steps)
case("1.8", "overlapping assignment (memmove-like for step 1 in 2.7)",
     [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 0, -1),
      ("let", "src", "buffer", _("a"), 0, 3), ("setslice", _("rw"), 1, 4, _("src")), ("ba_bytes", _("a")),
      ("let", "a2", "bytearray", ABCDEF), ("let", "rw2", "from_rw_object", _("a2"), 0, -1),
      ("let", "src2", "buffer", _("a2"), 2, 3), ("setitem", _("rw2"), SL(0, 3), _("src2")), ("ba_bytes", _("a2"))])
case("1.8", "overlapping extended-slice assignment (2.7 copies byte by byte from the changing source)",
     [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 0, -1),
      ("let", "src", "buffer", _("a")), ("setitem", _("rw"), SL(None, None, -1), _("src")), ("ba_bytes", _("a"))],
     divergence="memmove")
case("1.8", "overlapping extended-slice assignment, step 2",
     [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 0, -1),
      ("let", "src", "buffer", _("a"), 0, 3), ("setitem", _("rw"), SL(1, None, 2), _("src")), ("ba_bytes", _("a"))],
     divergence="memmove")
case("1.8", "a memoryview is not an old-protocol value",
     [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 0, -1),
      ("let", "m", "memoryview", S("x")), ("setitem", _("rw"), 0, _("m")), ("ba_bytes", _("a"))],
     divergence="bridged-new-protocol")
case("1.8", "assignment through a read-write buffer over an array, and the value's slot errors",
     [("let", "arr", "array", "h", H("\x01\x00\x02\x00")), ("let", "rw", "from_rw_object", _("arr"), 0, -1),
      ("setslice", _("rw"), 0, 2, S("\xff\xff")), ("arr_bytes", _("arr")), ("setitem", _("rw"), 3, S("\x7f")),
      ("arr_bytes", _("arr")), ("let", "m", "mmap", ABCDEF, "write"), ("mm_close", _("m")),
      ("setitem", _("rw"), 0, _("m")), ("setslice", _("rw"), 0, 1, _("m"))])
case("1.8", "assignment to a read-write memory buffer and to PyBuffer_New's",
     [("let", "m", "cmem", ABCDEF), ("let", "rw", "from_rw_memory", _("m"), 4), ("setitem", _("rw"), 0, S("Z")),
      ("setitem", _("rw"), 4, S("Z")), ("setslice", _("rw"), 1, 3, S("yy")), ("cmem_bytes", _("m")),
      ("bytes", _("rw")), ("let", "nb", "new_buffer", 4), ("setslice", _("nb"), 0, 4, S("wxyz")),
      ("bytes", _("nb")), ("setitem", _("nb"), -1, S("!")), ("bytes", _("nb")), ("len", _("nb")),
      ("let", "ro", "from_memory", _("m"), 6), ("setitem", _("ro"), 0, S("x")), ("bytes", _("ro"))])

# 1.9 concatenation (buffer_concat)
OPERANDS = [("str", S("def")), ("empty str", S("")), ("unicode", U(u"d")), ("bytearray", ("bytearray", H("de"))),
            ("array h", ("array", "h", H("\x01\x00"))), ("buffer", ("buffer", S("xdef"), 1)),
            ("ctypes c_int", ("c_int", 0x01020304)), ("int", 5), ("None", NONE), ("list", LIST), ("object", OBJECT)]
for label, operand in OPERANDS:
    steps = value_steps("x", operand) + [("let", "s", "value", S("abc")), ("let", "b", "buffer", _("s")),
                                         ("concat", _("b"), _("x")), ("let", "e", "buffer", _("s"), 3),
                                         ("concat", _("e"), _("x")), ("let", "m", "mmap", ABCDEF, "write"),
                                         ("let", "mb", "buffer", _("m")), ("mm_close", _("m")),
                                         ("concat", _("mb"), _("x")), ("concat", _("b"), _("mb"))]
    case("1.9", "buffer + %s (and an empty buffer + it returns it)" % label, steps)
case("1.9", "buffer + memoryview", [("let", "b", "buffer", S("abc")), ("let", "m", "memoryview", S("d")),
                                    ("concat", _("b"), _("m"))], divergence="bridged-new-protocol")

# 1.10 repetition (buffer_repeat)
steps = [("let", "s", "value", S("ab")), ("let", "b", "buffer", _("s"))]
for n in [0, 1, 3, -1, -100, True, False, FL(1.5), S("3"), NONE, 2 ** 64, -2 ** 64, MAXSIZE // 2,
          MAXSIZE // 2 + 1, MAXSIZE]:
    steps.append(("repeat", _("b"), n))
    if not isinstance(n, Const):  # n * b with a non-integer n is n's own multiplication, not the buffer's
        steps.append(("rrepeat", n, _("b")))
case("1.10", "buffer * n and n * buffer", steps)
case("1.10", "repetition re-resolves the window",
     [("let", "a", "bytearray", ABCDEF), ("let", "b", "buffer", _("a"), 4), ("repeat", _("b"), 2),
      ("ba_extend", _("a"), H("gh")), ("repeat", _("b"), 2), ("let", "m", "mmap", ABCDEF, "write"),
      ("let", "mb", "buffer", _("m")), ("mm_close", _("m")), ("repeat", _("mb"), 2), ("repeat", _("mb"), S("x"))])
CRASHES = [
    crash_case("1.10", "buffer('') * 3 kills 2.7.18 (SIGFPE)", "buffer('') * 3"),
    crash_case("1.10", "3 * buffer('') kills 2.7.18 (SIGFPE)", "3 * buffer('')"),
    crash_case("1.10", "buffer('') * 0 kills 2.7.18 (SIGFPE)", "buffer('') * 0"),
    crash_case("1.10", "buffer('') * -1 kills 2.7.18 (SIGFPE)", "buffer('') * -1"),
    crash_case("1.10", "a window clamped to nothing * 2 kills 2.7.18 (SIGFPE)", "buffer('abc', 5) * 2"),
    crash_case("1.10", "a buffer whose bytearray was emptied * 2 kills 2.7.18 (SIGFPE)",
               "a = bytearray('abc'); b = buffer(a); del a[:]; b * 2"),
]

# 1.11 comparison (buffer_compare)
STRINGS = ["abc", "abd", "ab", "", "\xff", "\x00", "abc\x00"]
steps = []
for i, x in enumerate(STRINGS):
    steps.append(("let", "b%d" % i, "buffer", S(x)))
for i in range(len(STRINGS)):
    for j in range(len(STRINGS)):
        steps += [("cmp", _("b%d" % i), _("b%d" % j)), ("eq", _("b%d" % i), _("b%d" % j))]
case("1.11", "cmp and == between buffers: unsigned bytes, then length", steps)
case("1.11", "__cmp__ with anything but a buffer",
     [("let", "b", "buffer", S("abc"))] + [("dunder_cmp", _("b"), v) for v in
                                           [S("b"), U(u"b"), NONE, 5, FL(1.5), LIST, OBJECT]] +
     [("let", "ba", "bytearray", H("abc")), ("dunder_cmp", _("b"), _("ba"))])
case("1.11", "== with a unicode string goes through the char buffer",
     [("let", "b", "buffer", S("abc")), ("eq", _("b"), U(u"abc")), ("eq", _("b"), U(u"abd")),
      ("eq", _("b"), U(u"ab")), ("let", "e", "buffer", S("\xe9")), ("eq", _("e"), U(u"\xe9")),
      ("let", "ub", "buffer", U(u"abc")), ("eq", _("ub"), U(u"abc")), ("let", "ue", "buffer", U(u"\xe9")),
      ("eq", _("ue"), U(u"\xe9")), ("eq", _("ue"), U(u"x")), ("let", "arr", "array", "b", H("a")),
      ("let", "ab", "buffer", _("arr")), ("eq", _("ab"), U(u"a")), ("contains", _("ab"), U(u"a")),
      ("contains", _("ue"), U(u"\xe9"))], jsString=True)
case("1.11", "== with bytearray and memoryview is byte-wise",
     [("let", "b", "buffer", S("abc")), ("let", "ba", "bytearray", H("abc")), ("eq", _("b"), _("ba")),
      ("let", "bb", "bytearray", H("abd")), ("eq", _("b"), _("bb")), ("let", "m", "memoryview", S("abc")),
      ("eq", _("b"), _("m")), ("let", "m2", "memoryview", S("ab")), ("eq", _("b"), _("m2"))])
case("1.11", "== with numbers, None, lists and arrays is False",
     [("let", "b", "buffer", S("abc"))] + [("eq", _("b"), v) for v in [5, NONE, LIST, OBJECT]] +
     [("let", "arr", "array", "b", H("abc")), ("eq", _("b"), _("arr"))])
case("1.11", "== with a str is False (str has no byte-wise comparison with buffers)",
     [("let", "b", "buffer", S("abc")), ("eq", _("b"), S("abc")), ("eq", _("b"), S("abd"))],
     divergence="bytes-like-equality")
case("1.11", "comparison resolves both windows; errors propagate between buffers only",
     [("let", "m", "mmap", ABCDEF, "write"), ("let", "mb", "buffer", _("m")), ("let", "b", "buffer", S("abc")),
      ("cmp", _("b"), _("mb")), ("mm_close", _("m")), ("cmp", _("b"), _("mb")), ("cmp", _("mb"), _("b")),
      ("eq", _("mb"), _("b")), ("eq", _("b"), _("mb")), ("eq", _("mb"), U(u"a")),
      ("let", "ba", "bytearray", H("abc")), ("eq", _("mb"), _("ba")), ("let", "s", "value", S("abc")),
      ("let", "rw", "from_rw_object", _("s"), 0, -1), ("cmp", _("b"), _("rw")), ("eq", _("rw"), _("rw"))])

# 1.12 hash (buffer_hash)
steps = []
for text in ["abc", "", "a", "\xff" * 3, "hello world", "".join(chr(i) for i in range(256)), "\x00"]:
    steps += [("let", "b", "buffer", S(text)), ("hash", _("b"))]
case("1.12", "hash is str's hash of the window (unsalted)", steps)
case("1.12", "the hash is cached, even when the base changes or closes",
     [("let", "a", "bytearray", H("abc")), ("let", "b", "buffer", _("a")), ("hash", _("b")),
      ("ba_set", _("a"), 0, ord("z")), ("hash", _("b")), ("bytes", _("b")), ("let", "c", "buffer", _("a")),
      ("hash", _("c")), ("let", "m", "mmap", ABCDEF, "write"), ("let", "mb", "buffer", _("m")), ("hash", _("mb")),
      ("mm_close", _("m")), ("hash", _("mb")), ("let", "m2", "mmap", ABCDEF, "write"),
      ("let", "mb2", "buffer", _("m2")), ("mm_close", _("m2")), ("hash", _("mb2")),
      ("let", "e", "buffer", S("abc"), 3), ("hash", _("e"))])
case("1.12", "read-write buffers are unhashable, before the window is looked at",
     [("let", "a", "bytearray", H("abc")), ("let", "rw", "from_rw_object", _("a"), 0, -1), ("hash", _("rw")),
      ("let", "m", "mmap", ABCDEF, "write"), ("let", "rwm", "from_rw_object", _("m"), 0, -1), ("mm_close", _("m")),
      ("hash", _("rwm")), ("let", "nb", "new_buffer", 2), ("hash", _("nb"))])

# 1.13 iteration and containment (the sequence protocol over buffer_item)
case("1.13", "iteration yields one-byte strings",
     [("let", "b", "buffer", S("abc")), ("list", _("b")), ("let", "e", "buffer", S("")), ("list", _("e")),
      ("let", "w", "buffer", S("abcdef"), 2, 3), ("list", _("w")), ("let", "u", "buffer", U(u"a")), ("list", _("u"))])
case("1.13", "iteration re-resolves the window on every step",
     [("let", "a", "bytearray", ABCDEF), ("let", "b", "buffer", _("a")), ("let", "it", "iter", _("b")),
      ("next", _("it")), ("next", _("it")), ("ba_del", _("a"), 3, None), ("next", _("it")), ("next", _("it")),
      ("ba_extend", _("a"), H("xyz")), ("next", _("it")), ("let", "m", "mmap", ABCDEF, "write"),
      ("let", "mb", "buffer", _("m")), ("let", "it2", "iter", _("mb")), ("next", _("it2")), ("mm_close", _("m")),
      ("next", _("it2")), ("list", _("mb"))])
steps = [("let", "b", "buffer", S("abc"))]
for x in [S("b"), S("bc"), S(""), S("z"), 98, U(u"b"), U(u"bc"), NONE, FL(1.5)]:
    steps.append(("contains", _("b"), x))
steps += [("let", "ba", "bytearray", H("b")), ("contains", _("b"), _("ba")), ("let", "ba2", "bytearray", H("bc")),
          ("contains", _("b"), _("ba2")), ("let", "bb", "buffer", S("b")), ("contains", _("b"), _("bb")),
          ("let", "e", "buffer", S("\xe9")), ("contains", _("e"), U(u"\xe9")),
          ("let", "m", "mmap", ABCDEF, "write"), ("let", "mb", "buffer", _("m")), ("mm_close", _("m")),
          ("contains", _("mb"), S("a")), ("let", "empty", "buffer", S("")), ("contains", _("empty"), S("a"))]
case("1.13", "x in buffer compares item by item", steps, jsString=True)

# 1.14 mutable and closable bases (get_buf re-reads the base every time)
case("1.14", "a buffer over a bytearray that shrinks and grows",
     [("let", "a", "bytearray", ABCDEF), ("let", "b", "buffer", _("a"), 2, 3), ("bytes", _("b")),
      ("ba_del", _("a"), 3, None), ("bytes", _("b")), ("len", _("b")), ("repr", _("b")), ("ba_del", _("a"), 0, None),
      ("bytes", _("b")), ("len", _("b")), ("getitem", _("b"), 0), ("ba_extend", _("a"), H("0123456")),
      ("bytes", _("b")), ("getitem", _("b"), -1), ("getslice", _("b"), None, None),
      ("getitem", _("b"), SL(None, None, -1)), ("let", "tail", "buffer", _("a"), 5), ("bytes", _("tail")),
      ("ba_extend", _("a"), H("89")), ("bytes", _("tail"))])
case("1.14", "a buffer over an array counts bytes (len * itemsize)",
     [("let", "arr", "array", "i", H("\x01\x00\x00\x00\x02\x00\x00\x00")), ("let", "b", "buffer", _("arr"), 2),
      ("len", _("b")), ("bytes", _("b")), ("arr_extend", _("arr"), H("\x03\x00\x00\x00")), ("len", _("b")),
      ("arr_pop", _("arr")), ("arr_pop", _("arr")), ("len", _("b")), ("bytes", _("b")), ("arr_pop", _("arr")),
      ("len", _("b")), ("bytes", _("b")), ("segcount", _("arr")), ("slot", _("arr"), "read", 0)])
case("1.14", "a buffer over an mmap: resize clamps, close breaks every data operation",
     [("let", "m", "mmap", H("0123456789"), "write"), ("let", "b", "buffer", _("m"), 2), ("bytes", _("b")),
      ("mm_resize", _("m"), 5), ("bytes", _("b")), ("len", _("b")), ("mm_close", _("m")), ("len", _("b")),
      ("bool", _("b")), ("bytes", _("b")), ("getitem", _("b"), 0), ("getslice", _("b"), 0, 1), ("hash", _("b")),
      ("repr", _("b")), ("repeat", _("b"), 2), ("segcount", _("b")), ("slot", _("b"), "read", 0),
      ("let", "late", "buffer", _("m")), ("repr", _("late")), ("len", _("late")), ("as_read", _("m")),
      ("as_char", _("m")), ("check_read", _("m")), ("check_read", _("b")), ("segcount", _("m"))])
case("1.14", "writes through a read-write buffer reach a bytearray and an mmap",
     [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 2, 2),
      ("setslice", _("rw"), 0, 2, S("XY")), ("ba_bytes", _("a")), ("ba_del", _("a"), 0, 3), ("bytes", _("rw")),
      ("setslice", _("rw"), 0, 2, S("PQ")), ("setslice", _("rw"), 0, 1, S("P")), ("ba_bytes", _("a")),
      ("let", "m", "mmap", ABCDEF, "write"), ("let", "rwm", "from_rw_object", _("m"), 1, -1),
      ("setitem", _("rwm"), 0, S("!")), ("mm_bytes", _("m"))])

# 2.2, 2.3, 2.6 the slots themselves (Include/object.h PyBufferProcs; buffer_getreadbuf and
# the other buffer_get*buf)
SLOT_OBJECTS = [("str", ("value", S("abc"))), ("unicode", ("value", U(u"ab"))), ("bytearray", ("bytearray", H("xy"))),
                ("array", ("array", "h", H("\x01\x00\x02\x00"))), ("mmap", ("mmap", H("mm"), "write")),
                ("read-only mmap", ("mmap", H("mm"), "read")), ("ctypes", ("c_int", 7)),
                ("read-only buffer", ("buffer", S("abc"), 1)),
                ("memory buffer", ("new_buffer", 0))]
for label, make in SLOT_OBJECTS:
    steps = [("let", "x") + make]
    for name in ("read", "write", "char"):
        for segment in (0, 1, -1):
            if label == "ctypes" and segment != 0:
                continue  # ctypes returns -1 without an exception: no JS equivalent (a slot throws or returns)
            steps.append(("slot", _("x"), name, segment))
    steps.append(("segcount", _("x")))
    case("2.6", "the old slots of a %s" % label, steps)
case("2.3", "the old slots of a read-write buffer",
     [("let", "a", "bytearray", ABCDEF), ("let", "rw", "from_rw_object", _("a"), 1, 3)] +
     [("slot", _("rw"), n, s) for n in ("read", "write", "char") for s in (0, 1)] + [("segcount", _("rw"))] +
     [("let", "arr", "array", "b", H("ab")), ("let", "rwa", "from_rw_object", _("arr"), 0, -1),
      ("slot", _("rwa"), "char", 0), ("slot", _("rwa"), "read", 0)])

# 2.4 the abstract functions (Objects/abstract.c PyObject_As*Buffer, PyObject_CheckReadBuffer)
ABSTRACT_OBJECTS = SLOT_OBJECTS + [("non-ASCII unicode", ("value", U(u"\xe9"))),
                                   ("unicode with a run of non-ASCII", ("value", U(u"a\xe9\xe9b"))),
                                   ("unicode with a BMP character", ("value", U(u"\u20ac"))),
                                   ("read-write bytearray buffer", ("from_rw_object", ("bytearray", H("ab")), 0, -1)),
                                   ("int", ("value", 5)), ("None", ("value", NONE)), ("list", ("value", LIST))]
for label, make in ABSTRACT_OBJECTS:
    if isinstance(make[1], tuple):
        steps = [("let", "inner") + make[1], ("let", "x", make[0], _("inner"), make[2], make[3])]
    else:
        steps = [("let", "x") + make]
    functions = [("as_read", _("x")), ("as_char", _("x")), ("as_write", _("x")), ("check_read", _("x"))]
    if "unicode" in label:
        # The read view is the raw code units, whose width differs (UCS4 here, UTF-16 for JS strings);
        # the rest is the same for any width, so it is replayed on JS strings too.
        case("2.4", "PyObject_AsReadBuffer on a %s (raw code units)" % label, steps + functions[:1])
        case("2.4", "PyObject_As{Char,Write}Buffer and CheckReadBuffer on a %s" % label, steps + functions[1:],
             jsString=True)
    else:
        case("2.4", "PyObject_As*Buffer and CheckReadBuffer on a %s" % label, steps + functions)
case("2.4", "the abstract functions on a memoryview", [("let", "m", "memoryview", S("ab")), ("as_read", _("m")),
                                                       ("as_char", _("m")), ("as_write", _("m")),
                                                       ("check_read", _("m"))], divergence="bridged-new-protocol")

# 2.8 the argument codes (Python/getargs.c convertsimple)
ARG_OBJECTS = [("str", ("value", S("abc"))), ("unicode", ("value", U(u"ab"))),
               ("non-ASCII unicode", ("value", U(u"\xe9"))), ("bytearray", ("bytearray", H("xy"))),
               ("array", ("array", "h", H("\x01\x00\x02\x00"))), ("mmap", ("mmap", H("mm"), "write")),
               ("read-only mmap", ("mmap", H("mm"), "read")), ("ctypes", ("c_int", 7)),
               ("buffer of str", ("buffer", S("abc"), 1)), ("buffer of bytearray", ("buffer", ("bytearray", H("q")))),
               ("buffer of array", ("buffer", ("array", "b", H("\x01")))),
               ("read-write buffer", ("from_rw_object", ("bytearray", H("rw")), 0, -1)),
               ("PyBuffer_New buffer", ("new_buffer", 0)), ("None", ("value", NONE)), ("int", ("value", 5))]
for label, make in ARG_OBJECTS:
    if make[0] == "buffer" and isinstance(make[1], tuple):
        steps = [("let", "inner") + make[1], ("let", "x", "buffer", _("inner"))]
    elif make[0] == "from_rw_object":
        steps = [("let", "inner") + make[1], ("let", "x", "from_rw_object", _("inner"), make[2], make[3])]
    else:
        steps = [("let", "x") + make]
    steps += [("arg", code, _("x")) for code in ("s#", "z#", "t#", "w#", "s*", "z*", "w*")]
    case("2.8", "argument codes on a %s" % label, steps, jsString=label.endswith("unicode"))
case("2.8", "argument codes on a closed mmap and on a buffer over it",
     [("let", "m", "mmap", ABCDEF, "write"), ("let", "b", "buffer", _("m")), ("mm_close", _("m"))] +
     [("arg", code, _(x)) for x in ("m", "b") for code in ("s#", "t#", "w#", "s*", "w*")])
case("2.8", "argument codes on a memoryview",
     [("let", "x", "memoryview", S("ab"))] + [("arg", code, _("x")) for code in ("s#", "z#", "t#", "w#", "s*", "w*")],
     divergence="bridged-new-protocol")

# 3 the bridge to the new protocol (buffer_getbuffer)
PyBUF_SIMPLE, PyBUF_WRITABLE, PyBUF_FORMAT, PyBUF_ND, PyBUF_STRIDES, PyBUF_FULL_RO = 0, 1, 4, 8, 0x18, 0x11C
MV_BASES = [("str", ("value", S("abcdef"))), ("unicode", ("value", U(u"ab"))), ("bytearray", ("bytearray", ABCDEF)),
            ("array", ("array", "h", H("\x01\x00\x02\x00"))), ("mmap", ("mmap", ABCDEF, "write")),
            ("ctypes", ("c_int", 7))]
for label, make in MV_BASES:
    steps = [("let", "x") + make, ("let", "b", "buffer", _("x"), 1), ("let", "m", "memoryview", _("b")),
             ("mv_bytes", _("m")), ("mv_info", _("m")), ("mv_setitem", _("m"), 0, S("Z"))]
    for flags in (PyBUF_SIMPLE, PyBUF_WRITABLE, PyBUF_FORMAT, PyBUF_ND, PyBUF_STRIDES, PyBUF_FULL_RO):
        steps.append(("getbuffer", _("b"), flags))
    steps += [("let", "rw", "from_rw_object", _("x"), 1, -1), ("let", "mw", "memoryview", _("rw"))]
    if label not in ("str", "unicode"):  # their write slot always raises, so there is no view to look at
        steps += [("mv_info", _("mw")), ("mv_setitem", _("mw"), 0, S("Z")), ("mv_bytes", _("mw"))]
    steps.append(("getbuffer", _("rw"), PyBUF_WRITABLE))
    case("3.2", "memoryview(buffer(%s)) and PyObject_GetBuffer on the buffer" % label, steps)
case("3.2", "memoryview(buffer(x)) fails when the window does",
     [("let", "m", "mmap", ABCDEF, "write"), ("let", "b", "buffer", _("m")), ("mm_close", _("m")),
      ("memoryview", _("b")), ("let", "s", "value", S("abc")), ("let", "rw", "from_rw_object", _("s"), 0, -1),
      ("memoryview", _("rw"))])
case("3.2", "memoryview(buffer(bytearray)) does not pin the bytearray (2.7 keeps a stale pointer)",
     [("let", "a", "bytearray", H("abc")), ("let", "b", "buffer", _("a")), ("let", "m", "memoryview", _("b")),
      ("ba_extend", _("a"), H("d")), ("mv_bytes", _("m")), ("ba_bytes", _("a"))], divergence="pinned-export")
case("3.2", "memoryview(bytearray) pins it, for contrast",
     [("let", "a", "bytearray", H("abc")), ("let", "m", "memoryview", _("a")), ("ba_extend", _("a"), H("d")),
      ("ba_bytes", _("a"))])


def main():
    fixture = {
        "python": sys.version.split("\n")[0],
        "command": COMMAND,
        "unicodeWidth": 4,
        "cases": [run_case(c) for c in CASES],
        "crashes": CRASHES,
    }
    for f, path in MMAP_FILES:
        f.close()
        os.remove(path)
    with open(OUT, "w") as out:
        json.dump(fixture, out, indent=None, separators=(",", ":"), sort_keys=True)
        out.write("\n")
    steps = sum(len(c["steps"]) for c in fixture["cases"])
    print("wrote %s: %d cases, %d steps, %d crash cases" % (os.path.relpath(OUT), len(fixture["cases"]), steps,
                                                            len(CRASHES)))


if __name__ == "__main__":
    main()
