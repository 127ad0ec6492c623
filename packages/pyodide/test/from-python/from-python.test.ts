/**
 * `fromPython`: CPython's `bf_getbuffer` answers every request (flags and
 * messages are CPython's), one CPython export per JavaScript export, given
 * back on release and on garbage collection; Python errors become core
 * errors; held views survive the heap's growth.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, isPythonError, memoryview, releaseBuffer } from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import { allocate, fromPython, PythonException, PythonExporter, toPython } from "../../src/index.ts";
import { collectUntil } from "../helpers/gc.ts";
import { interpreter, python, pythonRaises, pythonValue, setGlobal } from "../helpers/pyodide.ts";

let pyodide: PyodideAPI;
beforeAll(async () => {
  pyodide = await interpreter();
});

function thrown(action: () => unknown): { pythonType: unknown; message: string; error: unknown } {
  try {
    action();
  } catch (error) {
    return { pythonType: (error as { pythonType?: unknown }).pythonType, message: (error as Error).message, error };
  }
  throw new Error("expected an error");
}

describe("the path taken", () => {
  it("is the C API when reachable, and says so", () => {
    const exporter = fromPython(pyodide, python(pyodide, "bytearray(b'ab')"));
    expect([exporter.path, exporter.fallbackReason]).toEqual(["c-api", null]);
  });

  it("is PyProxy.getBuffer when asked for, with core serving the flags", () => {
    const exporter = fromPython(pyodide, python(pyodide, "array.array('h', [1, -2, 3])"), { path: "getBuffer" });
    expect([exporter.path, exporter.fallbackReason]).toEqual(["getBuffer", "asked for"]);
    const m = memoryview(exporter);
    expect([m.format, m.toList(), m.readonly]).toEqual(["h", [1, -2, 3], false]);
    const simple = getBuffer(exporter, BufferFlags.SIMPLE);
    expect([simple.format, simple.shape, simple.len]).toEqual([null, null, 6]);
    releaseBuffer(simple);
    m.release();
    expect(exporter.exports).toBe(0);
  });

  it("is PyProxy.getBuffer when pyodide._module lacks the C API, and names what is missing", () => {
    const withoutModule = new Proxy(pyodide, { get: (target, key) => (key === "_module" ? {} : Reflect.get(target, key)) });
    const exporter = fromPython(withoutModule, python(pyodide, "bytes(b'xyz')"));
    expect(exporter.path).toBe("getBuffer");
    expect(exporter.fallbackReason).toContain("_PyObject_GetBuffer");
    expect(memoryview(exporter).toBytes()).toEqual(new TextEncoder().encode("xyz"));
    expect(thrown(() => fromPython(withoutModule, python(pyodide, "b''"), { path: "c-api" })).pythonType).toBe("ValueError");
  });
});

describe("requests go to CPython with their flags", () => {
  it("answers as CPython does: the record's fields follow the flags", () => {
    const exporter = fromPython(pyodide, python(pyodide, "array.array('i', [1, 2, 3])"));
    const simple = getBuffer(exporter, BufferFlags.SIMPLE);
    expect([simple.format, simple.shape, simple.strides, simple.len, simple.itemsize, simple.abi]).toEqual([null, null, null, 12, 4, "wasm32"]);
    const full = getBuffer(exporter, BufferFlags.FULL_RO);
    expect([full.format, full.shape, full.strides, full.ndim]).toEqual(["i", [3], [4], 1]);
    expect(exporter.exports).toBe(2);
    releaseBuffer(simple);
    releaseBuffer(full);
    expect(exporter.exports).toBe(0);
  });

  it("refuses with CPython's own exception and message", () => {
    const bytes = fromPython(pyodide, python(pyodide, "b'abc'"));
    const notWritable = thrown(() => getBuffer(bytes, BufferFlags.WRITABLE));
    expect([notWritable.pythonType, notWritable.message]).toEqual(["BufferError", "Object is not writable."]);
    expect(pythonRaises(pyodide, "b'abc'.__buffer__(1)")).toEqual(["BufferError", "Object is not writable."]);
    const strided = fromPython(pyodide, python(pyodide, "_testbuffer.ndarray(list(range(12)), shape=[3, 4], format='i')[::2]"));
    const notC = thrown(() => getBuffer(strided, BufferFlags.C_CONTIGUOUS));
    expect([notC.pythonType, notC.message]).toEqual(["BufferError", "ndarray is not C-contiguous"]);
    expect(strided.exports).toBe(0);
  });

  it("maps a Python exception core has no class for to a PythonException, and subclasses to their core base", () => {
    pyodide.runPython(`
class KeyRaiser:
    def __buffer__(self, flags):
        raise KeyError('no buffer here')
class MyBufferError(BufferError):
    pass
class SubRaiser:
    def __buffer__(self, flags):
        raise MyBufferError('refused by a subclass')
`);
    const key = thrown(() => getBuffer(fromPython(pyodide, python(pyodide, "KeyRaiser()")), BufferFlags.SIMPLE));
    expect(key.error).toBeInstanceOf(PythonException);
    expect([key.pythonType, key.message]).toEqual(["KeyError", "'no buffer here'"]);
    const sub = thrown(() => getBuffer(fromPython(pyodide, python(pyodide, "SubRaiser()")), BufferFlags.SIMPLE));
    expect([sub.pythonType, sub.message]).toEqual(["BufferError", "refused by a subclass"]);
  });

  it("refuses objects without the buffer protocol, and values that are not proxies", () => {
    const error = thrown(() => fromPython(pyodide, python(pyodide, "[1, 2]")));
    expect([error.pythonType, error.message]).toEqual(["TypeError", "a bytes-like object is required, not 'list'"]);
    expect(thrown(() => fromPython(pyodide, new Uint8Array(2) as never)).pythonType).toBe("TypeError");
    expect(thrown(() => fromPython(pyodide, python(pyodide, "b''"), { path: "fast" as never })).pythonType).toBe("ValueError");
  });

  it("refuses what a request forbids (ctypes), and fills in omitted strides as CPython's memoryview does", () => {
    // ctypes fills format and shape whatever the flags, and never strides
    // (PyCData_NewGetBuffer in Modules/_ctypes/_ctypes.c). A format on a
    // SIMPLE request is refused, giving the export back; strides left NULL on
    // a STRIDES request are filled in C-contiguous, as memoryview's
    // init_strides_from_shape (Objects/memoryobject.c) does.
    const exporter = fromPython(pyodide, python(pyodide, "(ctypes.c_long * 2)(1, 2)"));
    const simple = thrown(() => getBuffer(exporter, BufferFlags.SIMPLE));
    expect([simple.pythonType, simple.message]).toEqual(["BufferError", "PythonExporter exported an invalid buffer: format is set but FORMAT was not requested"]);
    expect(exporter.exports).toBe(0);
    const view = memoryview(exporter);
    expect([view.format, view.shape, view.strides, view.toList()]).toEqual(["<l", [2], [4], [1, 2]]);
    expect(exporter.exports).toBe(1);
    view.release();
    expect(exporter.exports).toBe(0);
    // Python's own memoryview of it gives the same items.
    expect(memoryview(fromPython(pyodide, python(pyodide, "memoryview((ctypes.c_long * 2)(1, 2))"))).toList()).toEqual([1, 2]);
  });
});

describe("construction", () => {
  it("goes through fromPython only: the constructor refuses anyone else, as CPython refuses a type without tp_new", () => {
    const Constructor = PythonExporter as unknown as new (...args: unknown[]) => unknown;
    const proxy = python(pyodide, "bytearray(b'x')");
    for (const args of [[], [pyodide, proxy, null, null], [Symbol("PythonExporter construction"), pyodide, proxy, null, null]]) {
      const error = thrown(() => new Constructor(...args));
      expect([error.pythonType, error.message, error.error instanceof TypeError]).toEqual(["TypeError", "cannot create 'PythonExporter' instances", true]);
    }
    expect(fromPython(pyodide, proxy)).toBeInstanceOf(PythonExporter);
  });
});

describe("one CPython export per JavaScript export", () => {
  it("locks a bytearray while JavaScript holds a view, and unlocks it on release", () => {
    const bytes = python(pyodide, "locked = bytearray(b'abc'); locked");
    const view = memoryview(fromPython(pyodide, bytes));
    expect(pythonRaises(pyodide, "locked.append(100)")).toEqual(["BufferError", "Existing exports of data: object cannot be re-sized"]);
    view.release();
    expect(pythonRaises(pyodide, "locked.append(100)")).toEqual(["no exception", ""]);
    expect(pythonValue(pyodide, "bytes(locked)")).toEqual(new TextEncoder().encode("abcd"));
  });

  it("gives the export back when the JavaScript holder is garbage-collected", async () => {
    const exporter = fromPython(pyodide, python(pyodide, "collected = bytearray(8); collected"));
    (() => {
      memoryview(exporter).get(0);
      getBuffer(exporter, BufferFlags.FULL_RO);
    })();
    expect(exporter.exports).toBe(2);
    expect(pythonRaises(pyodide, "collected.append(1)")[0]).toBe("BufferError");
    expect(await collectUntil(() => exporter.exports === 0)).toBe(true);
    expect(pythonRaises(pyodide, "collected.append(1)")).toEqual(["no exception", ""]);
  });

  it("drops its reference to the Python object when the exporter is collected", async () => {
    (() => {
      const proxy = python(pyodide, "import weakref\n_watched = array.array('b', [1]); watched = weakref.ref(_watched)\n_watched");
      pyodide.runPython("del _watched");
      const exporter = fromPython(pyodide, proxy);
      proxy.destroy();
      expect(memoryview(exporter).toList()).toEqual([1]);
      expect(pythonValue(pyodide, "watched() is None")).toBe(false);
    })();
    expect(await collectUntil(() => pythonValue(pyodide, "watched() is None") === true)).toBe(true);
  });

  it("keeps the Python object alive on its own, whatever the caller does with its proxy", () => {
    const proxy = python(pyodide, "bytearray(b'kept')");
    const exporter = fromPython(pyodide, proxy);
    proxy.destroy();
    pyodide.runPython("gc.collect()");
    expect(memoryview(exporter).toBytes()).toEqual(new TextEncoder().encode("kept"));
  });
});

describe("held views survive the growth of the heap", () => {
  it("keeps reading the right values after Python allocates 200 MB", () => {
    const exporter = fromPython(pyodide, python(pyodide, "grown = array.array('d', [0.5 * i for i in range(1000)]); grown"));
    const view = memoryview(exporter);
    const record = getBuffer(exporter, BufferFlags.FULL_RO);
    expect(view.get(999)).toBe(499.5);
    const before = record.memory;
    pyodide.runPython("big = bytearray(200_000_000)");
    expect(before.byteLength).toBe(0); // the heap grew: the old ArrayBuffer is detached
    expect(view.get(999)).toBe(499.5);
    expect(view.toList()).toEqual(Array.from({ length: 1000 }, (_, i) => 0.5 * i));
    view.set(3, -1);
    expect(pythonValue(pyodide, "grown[3]")).toBe(-1);
    pyodide.runPython("del big");
    releaseBuffer(record);
    view.release();
    expect(exporter.exports).toBe(0);
  });

  it("is an error, not zeros, for a view used after release", () => {
    const view = memoryview(fromPython(pyodide, python(pyodide, "bytearray(4)")));
    view.release();
    const error = thrown(() => view.get(0));
    expect(isPythonError(error.error, "ValueError")).toBe(true);
  });
});

describe("interpreters", () => {
  it("refuses a Pyodide before 0.26 (CPython 3.11, no PEP 688) by its version, at every entry point", () => {
    const old = Object.create(pyodide, { version: { value: "0.25.1" } }) as PyodideAPI;
    const message = "Pyodide 0.25.1 is not supported: @pybuffer/pyodide needs Pyodide 0.26 or later (CPython 3.12 or later, for PEP 688's __buffer__)";
    for (const [caller, call] of [
      ["fromPython", () => fromPython(old, python(pyodide, "b'x'"))],
      ["toPython", () => toPython(old, new Uint8Array(1))],
      ["allocate", () => allocate(old, "B", [1])],
    ] as const) {
      const error = thrown(call);
      expect([error.pythonType, error.message]).toEqual(["ValueError", `${caller}: ${message}`]);
    }
    for (const version of ["0.26.0", "0.29.5", "314.0.7", "1.0.0"]) {
      const newer = Object.create(pyodide, { version: { value: version } }) as PyodideAPI;
      expect(fromPython(newer, python(pyodide, "b'x'")).path, version).toBe("c-api");
    }
  });

  it("binds each exporter to its own interpreter's names", () => {
    setGlobal(pyodide, "shared_name", python(pyodide, "bytearray(b'one')"));
    const exporter = fromPython(pyodide, python(pyodide, "shared_name"));
    expect(memoryview(exporter).toBytes()).toEqual(new TextEncoder().encode("one"));
  });
});
