/**
 * The few Python-level pieces this package defines in an interpreter, made
 * once per interpreter: the buffer class of `toPython`, the constructor of
 * `allocate`. Kept in a private module namespace, never in `__main__`.
 *
 * @module
 */

import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";

const SOURCE = `
import builtins as _builtins, math as _math, struct as _struct

class JsBuffer:
    """A JavaScript buffer exporter as a Python buffer object (PEP 688)."""
    __slots__ = ("_get", "_release", "__weakref__")

    def __init__(self, get, release):
        self._get = get
        self._release = release

    def __buffer__(self, flags):
        result = self._get(flags)
        if isinstance(result, memoryview):
            return result
        name, message = result
        error = _struct.error if name == "struct.error" else getattr(_builtins, name, None)
        if not (isinstance(error, type) and issubclass(error, BaseException)):
            raise SystemError(f"{name}: {message}")
        raise error(message)

    def __release_buffer__(self, view):
        self._release(view)

    def __repr__(self):
        return "<JsBuffer object>"

def allocate(format, shape):
    shape = tuple(shape)
    return memoryview(bytearray(_struct.calcsize(format) * _math.prod(shape))).cast(format, shape)
`;

/** The helpers of one interpreter. */
export interface PythonHelpers {
  /** `JsBuffer(get, release)`. */
  readonly JsBuffer: (get: (flags: number) => unknown, release: (view: PyProxy) => void) => PyProxy;
  /** `allocate(format, shape)`: a zeroed bytearray's memoryview, cast. */
  readonly allocate: (format: string, shape: readonly number[]) => PyProxy;
}

const helpers = new WeakMap<object, PythonHelpers>();

/** The helpers of `pyodide`, defined on first use. */
export function pythonHelpers(pyodide: PyodideAPI): PythonHelpers {
  let found = helpers.get(pyodide);
  if (found === undefined) {
    const namespace = pyodide.runPython("{}") as PyProxy & { get(key: string): unknown };
    pyodide.runPython(SOURCE, { globals: namespace });
    found = {
      JsBuffer: namespace.get("JsBuffer") as PythonHelpers["JsBuffer"],
      allocate: namespace.get("allocate") as PythonHelpers["allocate"],
    };
    helpers.set(pyodide, found);
  }
  return found;
}
