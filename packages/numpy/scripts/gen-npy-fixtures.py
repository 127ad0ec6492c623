#!/usr/bin/env python3
"""Generates test/fixtures/: `.npy` and `.npz` files written by NumPy 2.x,
and cases.json, what NumPy says about each, for replay by
test/npy/numpy-fixtures.test.ts.

Re-run (from packages/numpy; deterministic for a given NumPy):

    pip install numpy   # NumPy 2.x, for the default python3
    python3 scripts/gen-npy-fixtures.py

cases.json holds:

- "arrays": one .npy file per case (random fixed-layout dtypes, nested and
  aligned structs, sub-arrays, datetimes, shapes including 0-d and empty,
  C and Fortran order, format versions 1.0, 2.0 and 3.0): the file name, the
  header's descr, shape and fortran_order, the version, NumPy's PEP 3118
  format of a fresh C-contiguous array of the dtype and shape (null where
  NumPy refuses to export the dtype) and `tolist()` (datetimes as their
  int64 counts), tagged as packages/core/scripts/numpy_values.py describes.
- "archives": .npz files from `np.savez` and `np.savez_compressed`, with
  the member names and each member's case.
- "errors": hostile or broken .npy bytes (hex) and the error type and
  message `numpy.lib.format.read_array` (what `np.load` calls for a file
  with the magic string) raises for each.
"""
import io
import json
import os
import random
import sys

import numpy as np
from numpy.lib import format as npformat

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "scripts"))
from numpy_values import tag, valid_text  # noqa: E402 - the shared helpers live with core's NumPy script

SEED = 15
rng = random.Random(SEED)
nprng = np.random.default_rng(SEED)
OUT = "test/fixtures"

SCALARS = ["?", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16", "S", "U", "V", "M8[ns]", "m8[s]", "M8[D]"]


def rand_scalar(allow_datetime=True):
    kinds = SCALARS if allow_datetime else SCALARS[:-3]
    kind = rng.choice(kinds)
    if kind in "SUV":
        return np.dtype(f"{kind}{rng.randint(1, 4)}")
    order = rng.choice("<>") if kind not in ("?", "i1", "u1") else "|"
    return np.dtype(order + kind)


def rand_struct(depth, allow_datetime):
    n = rng.randint(1, 4)
    names = [f"{rng.choice(['a', 'b', 'c', 'x', 'y', 'z', 'é'])}{i}" for i in range(n)]
    formats = []
    for _ in range(n):
        base = rand_struct(depth + 1, allow_datetime) if depth < 2 and rng.random() < 0.25 else rand_scalar(allow_datetime)
        if rng.random() < 0.25:
            base = np.dtype((base, tuple(rng.randint(1, 3) for _ in range(rng.randint(1, 2)))))
        formats.append(base)
    return np.dtype({"names": names, "formats": formats}, align=rng.random() < 0.4)


def rand_dtype(allow_datetime=True):
    return rand_scalar(allow_datetime) if rng.random() < 0.4 else rand_struct(0, allow_datetime)


def int_view(dt):
    """The dtype with datetimes as int64 of the same byte order (what tolist() is compared with)."""
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        return np.dtype((int_view(base), shape))
    if dt.names is not None:
        return np.dtype({"names": list(dt.names), "formats": [int_view(dt.fields[n][0]) for n in dt.names],
                         "offsets": [dt.fields[n][1] for n in dt.names], "itemsize": dt.itemsize})
    if dt.kind in "Mm":
        return np.dtype(dt.byteorder.replace("=", "<") + "i8")
    return dt


def has_datetime(dt):
    return int_view(dt) != dt


def random_array(dt, shape, order):
    count = int(np.prod(shape))
    raw = bytearray(nprng.integers(0, 256, count * dt.itemsize, dtype=np.uint8).tobytes())
    arr = np.frombuffer(valid_text(raw, dt, count, rng), dtype=dt).reshape(shape)
    return np.array(arr, order=order)


def jsonable(descr):
    if isinstance(descr, (list, tuple)):
        return [jsonable(d) for d in descr]
    return descr


def describe(arr, name, version):
    fresh = np.empty(arr.shape, arr.dtype)
    try:
        fmt = memoryview(fresh).format
    except (ValueError, TypeError):
        fmt = None
    return {
        "file": name,
        "descr": jsonable(npformat.dtype_to_descr(arr.dtype)),
        "shape": list(arr.shape),
        "fortran_order": bool(arr.flags.f_contiguous and not arr.flags.c_contiguous),
        "version": version,
        "format": fmt,
        "tolist": tag(arr.view(int_view(arr.dtype)).tolist()),
    }


def write_npy(arr, name, version):
    buf = io.BytesIO()
    npformat.write_array(buf, arr, version=version, allow_pickle=False)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buf.getvalue())


def array_cases(n):
    cases = []
    for i in range(n):
        dt = rand_dtype()
        shape = rng.choice([(), (0,), (3,), (2, 3), (2, 0, 2), (1, 4), (3, 2, 2)])
        order = rng.choice("CF")
        arr = random_array(dt, shape, order)
        version = rng.choice([None, None, (1, 0), (2, 0), (3, 0)])
        if version is None and any("é" in str(n) for n in (dt.names or ())):
            version = (3, 0)
        name = f"a{i:03d}.npy"
        write_npy(arr, name, version)
        case = describe(arr, name, f"{(version or (1, 0))[0]}.0")
        with open(os.path.join(OUT, name), "rb") as f:
            case["version"] = f"{f.read(8)[6]}.0"
        cases.append(case)
    return cases


def archive_cases():
    archives = []
    for compressed in (False, True):
        arrays = {f"m{k}": random_array(rand_dtype(), rng.choice([(2,), (2, 2), ()]), "C") for k in range(3)}
        name = f"{'compressed' if compressed else 'stored'}.npz"
        (np.savez_compressed if compressed else np.savez)(os.path.join(OUT, name), **arrays)
        archives.append({"file": name, "members": {k: describe(v, None, "1.0") for k, v in arrays.items()}})
    return archives


def header_bytes(text, version=(1, 0), length=None):
    body = text.encode("latin1" if version < (3, 0) else "utf8")
    fmt = "<H" if version == (1, 0) else "<I"
    import struct
    n = len(body) if length is None else length
    return b"\x93NUMPY" + bytes(version) + struct.pack(fmt, n) + body


def error_cases():
    good = io.BytesIO()
    np.save(good, np.arange(6, dtype="<i4"))
    good = good.getvalue()
    hdr = "{'descr': '<i4', 'fortran_order': False, 'shape': (6,), }"
    bad = {
        "empty": b"",
        "short magic": b"\x93NUM",
        "wrong magic": b"\x93NUMPZ\x01\x00" + good[8:],
        "version 4.0": b"\x93NUMPY\x04\x00" + good[8:],
        "version 1.1": b"\x93NUMPY\x01\x01" + good[8:],
        "no header length": b"\x93NUMPY\x01\x00\x10",
        "truncated header": good[:40],
        "huge header length v2": header_bytes(hdr, (2, 0), 0xFFFFFFF0),
        "header not a literal": header_bytes("{'descr': __import__('os').system('true'), 'fortran_order': False, 'shape': (1,), }"),
        "header a call": header_bytes("dict(descr='<i4', fortran_order=False, shape=(1,))"),
        "header not a dict": header_bytes("['descr', '<i4']"),
        "missing key": header_bytes("{'descr': '<i4', 'shape': (6,), }"),
        "extra key": header_bytes("{'descr': '<i4', 'fortran_order': False, 'shape': (6,), 'x': 1, }"),
        "shape a list": header_bytes("{'descr': '<i4', 'fortran_order': False, 'shape': [6], }"),
        "shape of floats": header_bytes("{'descr': '<i4', 'fortran_order': False, 'shape': (6.0,), }"),
        "fortran_order not bool": header_bytes("{'descr': '<i4', 'fortran_order': 0, 'shape': (6,), }"),
        "unknown dtype": header_bytes("{'descr': '<q9', 'fortran_order': False, 'shape': (6,), }"),
        "descr a number": header_bytes("{'descr': 5, 'fortran_order': False, 'shape': (6,), }"),
        "object dtype": header_bytes("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }") + b"\x80\x04N.",
        "object field": header_bytes("{'descr': [('a', '<i4'), ('o', '|O')], 'fortran_order': False, 'shape': (1,), }") + bytes(12),
        "truncated data": good[:-5],
        "shape larger than data": header_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }") + bytes(16),
        "header too long": header_bytes("{'descr': '<i4', 'fortran_order': False, 'shape': (6,), }" + " " * 10001, (2, 0)),
        "unterminated string": header_bytes("{'descr': '<i4, 'fortran_order': False, 'shape': (6,), }"),
    }
    cases = []
    for label, data in bad.items():
        try:
            npformat.read_array(io.BytesIO(data), allow_pickle=False)
            raise AssertionError(f"{label} loaded")
        except AssertionError:
            raise
        except Exception as e:  # noqa: BLE001 - the error is the recorded fact
            cases.append({"label": label, "hex": data.hex(), "error": type(e).__name__, "message": str(e)})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    fixture = {
        "generator": f"numpy {np.__version__}, python {sys.version.split()[0]}, seed {SEED}",
        "arrays": array_cases(120),
        "archives": archive_cases(),
        "errors": error_cases(),
    }
    with open(os.path.join(OUT, "cases.json"), "w") as out:
        json.dump(fixture, out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")


if __name__ == "__main__":
    main()
