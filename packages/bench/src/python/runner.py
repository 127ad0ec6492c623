"""The Python columns of the pybuffer benchmark: CPython, and CPython in
Pyodide, each kept alive in a worker process for the whole run (CPython runs
this file; Pyodide runs it inside pyodide-worker.mjs) and answering the
harness's requests one line at a time (see "the worker protocol" below).

The timing procedure is the one of ../lib/measure.mjs: warm-up, a calibrated
inner loop so that one sample lasts long enough to leave timer noise behind,
then samples on request. The garbage collector is off while sampling, as
timeit does.
"""

import gc
import json
import struct
import sys
import time
from array import array
from struct import Struct

_now = time.perf_counter


# ---- data helpers: twins of ../lib/data.mjs ------------------------------

COLUMNS = 100


def shape2(n):
    return [max(1, n // COLUMNS), COLUMNS]


def f64(n):
    """array('d') of i + 0.5."""
    return array("d", map((0.5).__radd__, range(n)))


def i32(n):
    """array('i') of i."""
    return array("i", range(n))


def u8(n):
    """bytearray of i & 255."""
    return bytearray((bytes(range(256)) * (n // 256 + 1))[:n])


_FORMAT_CODES = "xcbB?hHiIlLqQfds"
_FORMAT_ORDERS = "<>!="


def formats(n):
    """n distinct struct formats in standard-size modes (the sequence of data.mjs's formats)."""
    state = 12345

    def next_(bound):
        nonlocal state
        state = (state * 48271) % 2147483647
        return state % bound

    out = []
    for k in range(n):
        text = "%s%dx" % (_FORMAT_ORDERS[next_(4)], k + 1)
        for _ in range(1 + next_(8)):
            code = _FORMAT_CODES[next_(len(_FORMAT_CODES))]
            count = next_(4)
            text += ("%d" % (count + 1) if count > 1 or code == "s" else "") + code
        out.append(text)
    return out


PRELUDE = {
    "struct": struct,
    "array": array,
    "Struct": Struct,
    "COLUMNS": COLUMNS,
    "shape2": shape2,
    "f64": f64,
    "i32": i32,
    "u8": u8,
    "formats": formats,
}


def _indent(code, spaces):
    pad = " " * spaces
    lines = code.strip("\n").splitlines() or ["pass"]
    return "\n".join(pad + line for line in lines)


def _make(setup, stmt, n):
    source = (
        "def __bench_make(n):\n"
        + _indent(setup or "pass", 4)
        + "\n    def __bench_run():\n"
        + _indent(stmt, 8)
        + "\n    return __bench_run\n"
    )
    namespace = dict(PRELUDE)
    exec(compile(source, "<bench case>", "exec"), namespace)
    return namespace["__bench_make"](n)


def _median(sorted_times):
    k = len(sorted_times)
    mid = k // 2
    return sorted_times[mid] if k % 2 else (sorted_times[mid - 1] + sorted_times[mid]) / 2


def _calibrate(fn, o):
    """Warm-up, then the number of calls that makes one sample last minSampleMs."""
    calls = 0
    start = _now()
    while True:
        fn()
        calls += 1
        elapsed = _now() - start
        if elapsed * 1000 >= o["warmupMs"]:
            break
    estimate = elapsed / calls
    if o["minSampleMs"] > 0:
        inner = max(1, int(-(-(o["minSampleMs"] / 1000) // max(estimate, 1e-9))))
    else:
        inner = 1
    return inner, estimate * 1000


def _sample(fn, inner):
    """One sample: inner calls with the collector off, as timeit does; the per-call time in s."""
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        t0 = _now()
        for _ in range(inner):
            fn()
        return (_now() - t0) / inner
    finally:
        if gc_was_enabled:
            gc.enable()


def meta():
    return {
        "version": sys.version.split()[0],
        "fullVersion": sys.version,
        "implementation": sys.implementation.name,
        "platform": sys.platform,
        "executable": sys.executable,
    }


# ---- the worker protocol ---------------------------------------------------
# The harness keeps this interpreter alive for the whole run and interleaves
# its samples with the JavaScript columns' (A B A B ...), so that a ratio is
# taken between samples seconds apart, not minutes. One JSON request a line,
# one JSON reply a line:
#   {"op": "meta"}                                     -> meta()
#   {"op": "prepare", "setup", "stmt", "n", "options"} -> {"status": "ok", "inner", "estimateMs"}
#   {"op": "sample"}                                   -> {"status": "ok", "ms"}  (per call)
#   {"op": "release"}                                  -> {"status": "ok"}
# A failure is {"status": "error", "reason"}: reported in the table, never hidden.

_prepared = None


def handle(request_json):
    global _prepared
    try:
        request = json.loads(request_json)
        op = request["op"]
        if op == "meta":
            return json.dumps(meta())
        if op == "prepare":
            _prepared = None
            gc.collect()
            fn = _make(request["setup"], request["stmt"], request["n"])
            inner, estimate_ms = _calibrate(fn, request["options"])
            _prepared = (fn, inner)
            return json.dumps({"status": "ok", "inner": inner, "estimateMs": estimate_ms})
        if op == "sample":
            if _prepared is None:
                raise RuntimeError("sample before prepare")
            fn, inner = _prepared
            return json.dumps({"status": "ok", "ms": _sample(fn, inner) * 1000})
        if op == "release":
            _prepared = None
            gc.collect()
            return json.dumps({"status": "ok"})
        raise ValueError("unknown op %r" % (op,))
    except Exception as error:
        return json.dumps({"status": "error", "reason": "%s: %s" % (type(error).__name__, error)})


def serve():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(handle(line) + "\n")
            sys.stdout.flush()


if __name__ == "__main__" and sys.platform != "emscripten":
    if sys.argv[1:] == ["--meta"]:
        print(json.dumps(meta()))
    else:
        serve()
