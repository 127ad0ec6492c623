"""Helpers shared by the scripts that record NumPy's answers as fixtures
(this folder's gen-pep3118-fixtures.py, packages/numpy/scripts and the
NumPy round-trip test of packages/numpy).

Values are tagged so that JSON keeps them exact: {"int": "123"},
{"float": "nan"|"inf"|"-inf"|repr}, {"complex": [re, im]}, {"bytes": hex};
strings, booleans and lists stay themselves; a record (tuple) is a list.
"""
import math

import numpy as np


def tag(value):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return {"int": str(int(value))}
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return {"float": "nan" if math.isnan(v) else ("inf" if v == math.inf else "-inf" if v == -math.inf else repr(v))}
    if isinstance(value, (complex, np.complexfloating)):
        return {"complex": [tag(value.real), tag(value.imag)]}
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, str):
        return value
    if isinstance(value, np.ndarray):
        return tag(value.tolist())
    if isinstance(value, (list, tuple)):
        return [tag(v) for v in value]
    raise TypeError(type(value))


def leaves(dt, base=0):
    """(scalar dtype, byte offset) of every leaf item of one element of dt."""
    if dt.subdtype is not None:
        sub, shape = dt.subdtype
        for i in range(int(np.prod(shape))):
            yield from leaves(sub, base + i * sub.itemsize)
    elif dt.names is not None:
        for n in dt.names:
            f, off = dt.fields[n][:2]
            yield from leaves(f, base + off)
    else:
        yield dt, base


def valid_text(raw, dt, count, rng):
    """Random bytes with every 'U' code point made valid (below U+D800), so tolist() works."""
    for leaf, off in leaves(dt):
        if leaf.kind != "U":
            continue
        order = "big" if leaf.byteorder == ">" else "little"
        for i in range(count):
            for u in range(leaf.itemsize // 4):
                point = rng.choice([0, rng.randint(32, 0xD7FF), rng.randint(32, 126)])
                at = i * dt.itemsize + off + 4 * u
                raw[at:at + 4] = point.to_bytes(4, order)
    return bytes(raw)
