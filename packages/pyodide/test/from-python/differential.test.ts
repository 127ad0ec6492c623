/**
 * Differential: core's MemoryView over `fromPython(obj)` equals Python's own
 * `memoryview(obj)` for every kind of CPython exporter: format, shape,
 * strides, readonly, nbytes, tolist, tobytes in 'C', 'F' and 'A', hex (or
 * the same Python exception type where CPython raises one).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { memoryview, type MemoryView } from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import { fromPython } from "../../src/index.ts";
import { interpreter, python, pythonValue, setGlobal } from "../helpers/pyodide.ts";

/** Python expressions, one per exporter kind and layout. */
const OBJECTS = [
  "b'hello, world'",
  "bytearray(b'\\x00\\xff\\x10ab')",
  "bytearray()",
  ...["b", "B", "u", "w", "h", "H", "i", "I", "l", "L", "q", "Q", "f", "d"].map((typecode) =>
    typecode === "u" || typecode === "w"
      ? `array.array('${typecode}', 'h\u00e9llo')`
      : typecode === "f" || typecode === "d"
        ? `array.array('${typecode}', [1.5, -0.0, float('inf'), 3.25])`
        : `array.array('${typecode}', [0, 1, 100, ${typecode === typecode.toUpperCase() ? 2 : -2}])`,
  ),
  "array.array('q', [2**62, -2**63])",
  "memoryview(bytearray(range(24))).cast('i', [2, 3])",
  "memoryview(bytearray(range(24))).cast('d')",
  "memoryview(bytearray(range(24)))[::-3]",
  "memoryview(bytearray(range(24)))[2:20:4]",
  "memoryview(bytearray(range(24))).cast('h', [3, 4])[::2]",
  "memoryview(bytearray(range(24))).cast('h', [3, 4])[::-1]",
  "memoryview(bytearray(range(8))).cast('q', [])",
  "memoryview(b'abcdef').toreadonly()",
  "memoryview(bytearray(b'abcdef')).cast('c')",
  "mm = mmap.mmap(-1, 8); mm.write(b'abcdefgh'); mm",
  "_testbuffer.ndarray(list(range(12)), shape=[3, 4], format='i', flags=_testbuffer.ND_WRITABLE)",
  "_testbuffer.ndarray(list(range(12)), shape=[3, 4], format='i', flags=_testbuffer.ND_FORTRAN)",
  "_testbuffer.ndarray(list(range(24)), shape=[4, 6], format='h')[::2, ::-3]",
  "_testbuffer.ndarray(list(range(12)), shape=[3, 4], format='B', flags=_testbuffer.ND_PIL)",
  "_testbuffer.ndarray(list(range(12)), shape=[3, 4], format='B', flags=_testbuffer.ND_PIL)[::-1, 1:3]",
  "_testbuffer.ndarray(7, shape=[], format='i')",
  "_testbuffer.ndarray([1.5, 2.5], shape=[2], format='<d')",
  "_testbuffer.ndarray([(1, 2), (3, 4)], shape=[2], format='bi')",
  "_testbuffer.ndarray([True, False, True], shape=[3], format='?')",
  "_testbuffer.ndarray([1], shape=[0, 3], format='i')",
  "memoryview((ctypes.c_double * 3)(1.5, 2, 3))",
  "memoryview((ctypes.c_long * 4)(1, -2, 3, -4))",
];

/**
 * Python's side. Core reads single-code standard-size formats ('<d', '<l')
 * where CPython's memoryview raises NotImplementedError (a deliberate
 * extension, see core's README): for those, the expected items are
 * struct's, read from the same bytes.
 */
const PYTHON_DESCRIBE = `
def _describe(obj):
    m = memoryview(obj)
    def attempt(f):
        try:
            return ["ok", f()]
        except Exception as e:
            return ["error", type(e).__name__]
    def tolist():
        if m.ndim == 1 and len(m.format) == 2 and m.format[0] in "<>=!":
            return [v for (v,) in struct.iter_unpack(m.format, m.tobytes())]
        return m.tolist()
    return [m.format, list(m.shape), list(m.strides), m.readonly, m.nbytes, attempt(tolist),
            attempt(lambda: m.tobytes('C')), attempt(lambda: m.tobytes('F')), attempt(lambda: m.tobytes('A')), attempt(m.hex)]
`;

function attempt(action: () => unknown): unknown[] {
  try {
    return ["ok", action()];
  } catch (error) {
    return ["error", (error as { pythonType?: unknown }).pythonType ?? String(error)];
  }
}

function describeView(m: MemoryView): unknown[] {
  return [
    m.format,
    m.shape,
    m.strides,
    m.readonly,
    m.nbytes,
    attempt(() => m.toList()),
    attempt(() => m.toBytes("C")),
    attempt(() => m.toBytes("F")),
    attempt(() => m.toBytes("A")),
    attempt(() => m.hex()),
  ];
}

/** Integers as numbers when exact (Python's small ints convert to numbers, core's 8-byte items are bigints). */
function normalized(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (Array.isArray(value)) return value.map(normalized);
  return value;
}

let pyodide: PyodideAPI;
beforeAll(async () => {
  pyodide = await interpreter();
  pyodide.runPython(PYTHON_DESCRIBE);
});

describe("core's MemoryView over fromPython(obj) equals Python's memoryview(obj)", () => {
  it.each(OBJECTS)("%s", (expression) => {
    const object = python(pyodide, expression.includes(";") ? `${expression}` : `(${expression})`);
    setGlobal(pyodide, "subject", object);
    const expected = normalized(pythonValue(pyodide, "_describe(subject)"));
    const view = memoryview(fromPython(pyodide, object));
    expect(normalized(describeView(view))).toEqual(expected);
    view.release();
    object.destroy();
  });
});
