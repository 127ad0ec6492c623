/**
 * The few Python-level pieces this package defines in an interpreter, made
 * once per interpreter: the buffer classes of `toPython` (`JsBuffer`, with
 * the slot its memoryviews come through, and `HeapBuffer`), the constructor
 * of `allocate`. Kept in a
 * private module namespace, never in `__main__`.
 *
 * @module
 */

import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";

const SOURCE = `
import builtins as _builtins, math as _math, struct as _struct

# get() puts the memoryview it made here (PyList_SetItem from JavaScript), so
# no proxy of it is made; Python runs one call at a time, and __buffer__
# empties the slot before anything else runs.
_taken = [None]

def _raise(name, message):
    """Raises the exception JavaScript named: a builtin, or struct.error."""
    error = _struct.error if name == "struct.error" else getattr(_builtins, name, None)
    if not (isinstance(error, type) and issubclass(error, BaseException)):
        raise SystemError(f"{name}: {message}")
    raise error(message)

class JsBuffer:
    """A JavaScript buffer exporter as a Python buffer object (PEP 688)."""
    __slots__ = ("_get", "_release", "_held", "__weakref__")

    def __init__(self, get, release):
        self._get = get
        self._release = release
        # The ids of the views whose release needs JavaScript (get said so).
        self._held = set()

    def __buffer__(self, flags):
        result = self._get(flags)
        if result is True or result is False:
            view = _taken[0]
            _taken[0] = None
            # id() makes an int: only when there is a set to keep in step.
            if result:
                self._held.add(id(view))
            elif self._held:
                self._held.discard(id(view))
            return view
        _raise(*result)

    def __release_buffer__(self, view):
        # id() is the object's address in CPython: JavaScript's key, and no proxy.
        if not self._held:
            return
        key = id(view)
        if key in self._held:
            self._held.discard(key)
            failed = self._release(key)
            if failed is not None:
                _raise(*failed)

    def __repr__(self):
        return "<JsBuffer object>"

class HeapBuffer:
    """A Python buffer object's own buffer, handed on (PEP 688): each request
    is the object's bf_getbuffer with the request's flags, through its
    __buffer__ slot wrapper (wrapper_buffer, Objects/typeobject.c), so no
    JavaScript runs; the memoryview it returns holds the object's export."""
    __slots__ = ("_obj", "__weakref__")

    def __init__(self, obj):
        self._obj = obj

    def __buffer__(self, flags):
        return self._obj.__buffer__(flags)

    def __release_buffer__(self, view):
        # Give the object's export back now, not when the view is collected;
        # a view this object did not give is left alone.
        if isinstance(view, memoryview) and view.obj is self._obj:
            view.release()

    def __repr__(self):
        return "<HeapBuffer object>"

_slot_wrapper = type(bytes.__buffer__)

def heap_buffer(obj):
    """HeapBuffer(obj) when obj's type answers requests in C (a slot wrapper:
    bytes, bytearray, array, memoryview, mmap, ...), else None: a Python
    class's __buffer__ would need its __release_buffer__ called too."""
    return HeapBuffer(obj) if type(getattr(type(obj), "__buffer__", None)) is _slot_wrapper else None

def allocate(format, shape):
    shape = tuple(shape)
    return memoryview(bytearray(_struct.calcsize(format) * _math.prod(shape))).cast(format, shape)
`;

/** The helpers of one interpreter. */
export interface PythonHelpers {
  /**
   * `JsBuffer(get, release)`: `get(flags)` puts a new memoryview in the
   * {@link taken} slot and returns whether its release needs JavaScript, or
   * returns `[exception name, message]`; `release(address)` gets the address
   * of a view `get` made and said so of, and returns `[exception name,
   * message]` if releasing it failed.
   */
  readonly JsBuffer: (get: (flags: number) => unknown, release: (address: number) => unknown) => PyProxy;
  /** The one-item list `get` puts its memoryview in. */
  readonly taken: PyProxy;
  /** `heap_buffer(obj)`: a `HeapBuffer` handing on `obj`'s own buffer, or `undefined` when `obj`'s type is a Python class. */
  readonly heapBuffer: (obj: PyProxy) => PyProxy | undefined;
  /** `allocate(format, shape)`: a zeroed bytearray's memoryview, cast. */
  readonly allocate: (format: string, shape: readonly unknown[]) => PyProxy;
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
      heapBuffer: namespace.get("heap_buffer") as PythonHelpers["heapBuffer"],
      taken: namespace.get("_taken") as PyProxy,
    };
    helpers.set(pyodide, found);
  }
  return found;
}
