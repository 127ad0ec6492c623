"""The Python columns of the pybuffer benchmark: CPython (a subprocess that
reads the job as JSON on stdin and prints the results as JSON) and Pyodide
(the same file run in-process; the harness calls run_job).

The timing procedure is the one of ../lib/measure.mjs: warm-up, a calibrated
inner loop, repeated samples, the median. The garbage collector is off while
sampling, as timeit does. Sizes whose predicted call time exceeds the budget
are skipped (and reported as skipped).
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


PRELUDE = {
    "struct": struct,
    "array": array,
    "Struct": Struct,
    "COLUMNS": COLUMNS,
    "shape2": shape2,
    "f64": f64,
    "i32": i32,
    "u8": u8,
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


def _measure(fn, o):
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
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
        times = []
        sample_start = _now()
        while len(times) < o["maxSamples"]:
            t0 = _now()
            for _ in range(inner):
                fn()
            times.append((_now() - t0) / inner)
            if len(times) >= o["minSamples"] and (_now() - sample_start) * 1000 >= o["budgetMs"]:
                break
    finally:
        if gc_was_enabled:
            gc.enable()
    times.sort()
    return {
        "status": "ok",
        "medianMs": _median(times) * 1000,
        "minMs": times[0] * 1000,
        "maxMs": times[-1] * 1000,
        "samples": len(times),
        "inner": inner,
    }


def meta():
    return {
        "version": sys.version.split()[0],
        "fullVersion": sys.version,
        "implementation": sys.implementation.name,
        "platform": sys.platform,
        "executable": sys.executable,
    }


def run_job(job_json):
    """job: {"options": {...}, "cases": [{"name", "setup", "stmt", "sizes"}]} -> JSON text."""
    job = json.loads(job_json)
    options = job["options"]
    results = []
    for case in job["cases"]:
        previous = None
        for n in case["sizes"]:
            row = {"case": case["name"], "size": n}
            predicted = previous[1] * max(1, n / previous[0]) if previous else 0
            if predicted > options["maxCallMs"]:
                row.update(status="skipped", reason="predicted %.0f ms per call > budget %d ms" % (predicted, options["maxCallMs"]))
                results.append(row)
                continue
            try:
                fn = _make(case["setup"], case["stmt"], n)
                row.update(_measure(fn, options))
                previous = (n, row["medianMs"])
            except Exception as error:  # reported in the table, never hidden
                row.update(status="error", reason="%s: %s" % (type(error).__name__, error))
            fn = None
            gc.collect()
            results.append(row)
    return json.dumps({"meta": meta(), "results": results})


if __name__ == "__main__" and sys.platform != "emscripten":
    if sys.argv[1:] == ["--meta"]:
        print(json.dumps(meta()))
    else:
        sys.stdout.write(run_job(sys.stdin.read()))
