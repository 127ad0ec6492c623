#!/usr/bin/env python3
"""Generates test/fixtures/pep3118-numpy.json: how NumPy 2.x reads and
writes PEP 3118's extended format grammar, for replay against
`parseExtendedFormat` and `recordReader` by test/pep3118/numpy-corpus.test.ts.

Re-run (from packages/core; deterministic for a given NumPy):

    pip install numpy   # NumPy 2.x, for the default python3
    python3 scripts/gen-pep3118-fixtures.py

Contents:

- "arrays": random dtypes (scalars of every fixed-layout kind and byte order,
  structs nested two deep, aligned or packed, sub-arrays, gaps that NumPy
  writes as 'x' padding) over random bytes. Each case records
  `memoryview(arr).format` and `.itemsize`, the structure of
  `numpy._core._internal._dtype_from_pep3118(format)` (sizes, names, offsets,
  scalar `dtype.str`), the same structure of the array's own dtype (NumPy's
  parse of its own export differs from it for some padded structs), the
  array's bytes in C order and `arr.tolist()`.
- "formats": random format strings of the grammar (every byte-order switch
  including '^' and '!', nested T{}, names, sub-arrays, repeat counts,
  padding), each with NumPy's structure or its error type and message.

Values are tagged as numpy_values.py (next to this script) describes.
"""
import json
import random
import sys

import numpy as np
from numpy._core._internal import _dtype_from_pep3118

from numpy_values import tag, valid_text

SEED = 3118
rng = random.Random(SEED)
nprng = np.random.default_rng(SEED)

SCALARS = ["?", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "c8", "c16", "S", "U", "V"]
NAME_CHARS = "abcdefghijklmnopqrstuvwxyzXYZ_0123456789 é"


def rand_name(used):
    while True:
        name = "".join(rng.choice(NAME_CHARS) for _ in range(rng.randint(1, 6)))
        if name not in used and not name.startswith("f"):
            used.add(name)
            return name


def rand_scalar():
    kind = rng.choice(SCALARS)
    if kind in "SUV":
        return np.dtype(f"{kind}{rng.randint(1, 5)}")
    order = rng.choice("<>=") if kind not in ("?", "i1", "u1") else "|"
    return np.dtype(order + kind)


def rand_field(depth):
    if depth < 2 and rng.random() < 0.25:
        base = rand_struct(depth + 1)
    else:
        base = rand_scalar()
    if rng.random() < 0.25:
        shape = tuple(rng.randint(1, 3) for _ in range(rng.randint(1, 2)))
        return np.dtype((base, shape))
    return base


def rand_struct(depth=0):
    used = set()
    n = rng.randint(1, 4)
    names = [rand_name(used) for _ in range(n)]
    formats = [rand_field(depth) for _ in range(n)]
    style = rng.random()
    if style < 0.35:
        return np.dtype({"names": names, "formats": formats}, align=True)
    if style < 0.55:
        # Gaps between fields and after the last: NumPy writes them as 'x'.
        offsets, offset = [], 0
        for f in formats:
            offset += rng.randint(0, 3)
            offsets.append(offset)
            offset += f.itemsize
        return np.dtype({"names": names, "formats": formats, "offsets": offsets, "itemsize": offset + rng.randint(0, 3)})
    return np.dtype({"names": names, "formats": formats})


def rand_dtype():
    r = rng.random()
    if r < 0.3:
        return rand_scalar()
    return rand_struct()


def describe(dt):
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        return {"kind": "subarray", "size": dt.itemsize, "shape": list(shape), "base": describe(base)}
    if dt.names is not None:
        return {"kind": "struct", "size": dt.itemsize,
                "fields": [[n, dt.fields[n][1], describe(dt.fields[n][0])] for n in dt.names]}
    return {"kind": "scalar", "size": dt.itemsize, "str": dt.str}


def array_cases(n):
    cases = []
    for _ in range(n):
        dt = rand_dtype()
        shape = tuple(rng.randint(0, 3) for _ in range(rng.randint(0, 2)))
        count = int(np.prod(shape))
        raw = bytearray(nprng.integers(0, 256, count * dt.itemsize, dtype=np.uint8).tobytes())
        arr = np.frombuffer(valid_text(raw, dt, count, rng), dtype=dt).reshape(shape)
        m = memoryview(arr)
        cases.append({
            "descr": str(dt),
            "format": m.format,
            "itemsize": m.itemsize,
            "shape": list(shape),
            "parsed": describe(_dtype_from_pep3118(m.format)),
            "dtype": describe(dt),
            "hex": arr.tobytes().hex(),
            "tolist": tag(arr.tolist()),
        })
    return cases


def rand_format(depth=0, top=True):
    parts = []
    if top and rng.random() < 0.5:
        parts.append(rng.choice("@=<>^!"))
    for _ in range(rng.randint(1, 4)):
        item = ""
        if rng.random() < 0.15:
            item += "(" + ",".join(str(rng.randint(0, 3)) for _ in range(rng.randint(1, 2))) + ")"
        if rng.random() < 0.25:
            item += rng.choice("@=<>^!")
        if rng.random() < 0.25:
            item += str(rng.randint(0, 4))
        if depth < 2 and rng.random() < 0.2:
            item += "T{" + rand_format(depth + 1, False) + "}"
        else:
            item += rng.choice(["?", "c", "b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "e", "f", "d",
                                "Zf", "Zd", "s", "w", "x", "O"])
        if rng.random() < 0.6:
            item += ":" + rng.choice(["a", "b", "c", "f0", "f1", "x y", "é"]) + ":"
        parts.append(item)
    return "".join(parts)


def format_cases(n):
    cases = []
    seen = set()
    hand = ["T{B:x:xxxi:y:}", "T{=i:a:(2)d:b:3s:c:}", "^T{b:a:}", "3c", "T{i:a:i:a:}", "Zg", "g", "u", "2u",
            "&i", "t", "X", "p", "n", "P", "T{", "(2", "i:a", "<", "(", "T{b:a:}T{i:b:}", "xxi", "@bi",
            "T{b:a:^i:b:}d", "T{@b:a:}<i", "(2,)i", "( 2 )i", "(1_0)b", "", "}", "Q:a:"]
    for spec in hand + [rand_format() for _ in range(n)]:
        if spec in seen:
            continue
        seen.add(spec)
        try:
            cases.append({"format": spec, "parsed": describe(_dtype_from_pep3118(spec))})
        except Exception as e:  # noqa: BLE001 - the error itself is the fact recorded
            cases.append({"format": spec, "error": type(e).__name__, "message": str(e)})
    return cases


def main():
    fixture = {
        "generator": f"numpy {np.__version__}, python {sys.version.split()[0]}, seed {SEED}",
        "arrays": array_cases(400),
        "formats": format_cases(600),
    }
    with open("test/fixtures/pep3118-numpy.json", "w") as out:
        json.dump(fixture, out, indent=None, separators=(",", ":"), ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main()
