"""What the LP64 fixture scripts share: the check that the interpreter is a
64-bit (LP64) CPython, and the fixture file's layout (one case per line, so
a regenerated fixture diffs case by case)."""

import json
import os
import struct
import sys


def require_lp64():
    if struct.calcsize("@lP") != 16:
        sys.exit("this interpreter is not LP64; run it with a 64-bit Linux or macOS CPython")


def write_fixture(out, seed, cases):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write('{\n"python": %s,\n"seed": %d,\n"cases": [\n' % (json.dumps(sys.version), seed))
        f.write(",\n".join(json.dumps(c, ensure_ascii=True) for c in cases))
        f.write("\n]\n}\n")
    print(f"{len(cases)} cases -> {os.path.relpath(out)}")
