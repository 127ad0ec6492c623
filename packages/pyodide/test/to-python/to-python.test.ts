/**
 * `toPython` (PEP 688 `__buffer__`/`__release_buffer__` over an exporter)
 * and `allocate`: zero-copy for memory in the Pyodide heap, the copy policy
 * for memory outside it, Python's request flags answered by the exporter.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BufferError, getBufferSymbol, memoryview, NDArray, releaseBufferSymbol, slice, type BufferRecord } from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import { allocate, fromPython, toPython } from "../../src/index.ts";
import { interpreter, python, pythonRaises, pythonValue, setGlobal } from "../helpers/pyodide.ts";

let pyodide: PyodideAPI;
beforeAll(async () => {
  pyodide = await interpreter();
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** An exporter that counts what it hands out and gets back. */
function counted(target: Uint8Array) {
  const counts = { exports: 0, releases: 0 };
  const exporter = {
    [getBufferSymbol](flags: number): BufferRecord {
      const record = ((memoryview(target) as unknown as Record<symbol, (f: number) => BufferRecord>)[getBufferSymbol]!)(flags);
      counts.exports++;
      return { ...record, obj: exporter };
    },
    [releaseBufferSymbol](): void {
      counts.releases++;
    },
  };
  return { exporter, counts };
}

describe("memory outside the heap (copy: 'if-needed', the default)", () => {
  it("is copied in when Python takes the buffer and back when Python releases it", () => {
    const data = new Float64Array([1.5, 2.5, 3.5]);
    setGlobal(pyodide, "x", toPython(pyodide, data));
    expect(pythonValue(pyodide, "m = memoryview(x); r = [m.format, m.tolist(), m.readonly]; m[0] = 7; r")).toEqual(["d", [1.5, 2.5, 3.5], false]);
    expect(data[0]).toBe(1.5); // copied: JavaScript does not see the write yet
    pyodide.runPython("m.release()");
    expect(data[0]).toBe(7); // copied back on release
  });

  it("keeps the exporter's layout: shape, format, a non-contiguous view gathered in C order", () => {
    const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "h" }).get([slice(null), slice(null, null, -1)]);
    setGlobal(pyodide, "x", toPython(pyodide, nd));
    expect(pythonValue(pyodide, "with memoryview(x) as m: r = [m.format, list(m.shape), list(m.strides), m.tolist(), m.c_contiguous]\nr")).toEqual([
      "h",
      [2, 3],
      [6, 2],
      [[3, 2, 1], [6, 5, 4]],
      true,
    ]);
  });

  it("is not copied back from a read-only exporter, whose Python view is read-only", () => {
    const readonly = memoryview(new Uint8Array([1, 2, 3])).toReadonly();
    setGlobal(pyodide, "x", toPython(pyodide, readonly));
    expect(pythonRaises(pyodide, "with memoryview(x) as m: m[0] = 9")).toEqual(["TypeError", "cannot modify read-only memory"]);
    expect(readonly.toList()).toEqual([1, 2, 3]);
  });

  it("works with bytes(), array.frombytes() and a held view that keeps the JavaScript export", () => {
    const { exporter, counts } = counted(bytes("abcd"));
    setGlobal(pyodide, "x", toPython(pyodide, exporter));
    expect(pythonValue(pyodide, "bytes(x)")).toEqual(bytes("abcd"));
    expect(pythonValue(pyodide, "a = array.array('B'); a.frombytes(x); list(a)")).toEqual([97, 98, 99, 100]);
    expect(counts).toEqual({ exports: 2, releases: 2 });
    pyodide.runPython("held = memoryview(x)");
    expect(counts).toEqual({ exports: 3, releases: 2 });
    pyodide.runPython("held.release()");
    expect(counts).toEqual({ exports: 3, releases: 3 });
  });
});

describe("__buffer__ and __release_buffer__ called by hand (PEP 688)", () => {
  it("releases only a view the object gave, once", () => {
    const { exporter, counts } = counted(bytes("abcd"));
    setGlobal(pyodide, "x", toPython(pyodide, exporter));
    pyodide.runPython("v = x.__buffer__(0)\nx.__release_buffer__(memoryview(b'other'))");
    expect(counts).toEqual({ exports: 1, releases: 0 });
    pyodide.runPython("x.__release_buffer__(v)\nx.__release_buffer__(v)");
    expect(counts).toEqual({ exports: 1, releases: 1 });
  });

  it("gives back the export of a view dropped unreleased once a new view lives at its address", () => {
    const { exporter, counts } = counted(bytes("abcd"));
    setGlobal(pyodide, "x", toPython(pyodide, exporter));
    // Each view is dropped without __release_buffer__; CPython's allocator
    // soon gives a later view the block of an earlier one.
    const addresses = pythonValue(pyodide, "len({id(x.__buffer__(0)) for _ in range(100)})") as number;
    expect(counts.exports).toBe(100);
    expect(addresses).toBeLessThan(100);
    // At most one export per distinct address is still held.
    expect(counts.exports - counts.releases).toBeLessThanOrEqual(addresses);
  });
});

describe("Python's request flags go to the exporter", () => {
  it("refuses a writable request of a read-only exporter with the exporter's BufferError", () => {
    setGlobal(pyodide, "x", toPython(pyodide, memoryview(new Uint8Array(2)).toReadonly()));
    expect(pythonRaises(pyodide, "x.__buffer__(inspect.BufferFlags.WRITABLE)".replace("inspect.", "__import__('inspect')."))).toEqual([
      "BufferError",
      "memoryview: underlying buffer is not writable",
    ]);
  });

  it("refuses a C-contiguous request of a strided exporter", () => {
    const strided = new NDArray([1, 2, 3, 4], { shape: [4], format: "B" }).get(slice(null, null, 2));
    setGlobal(pyodide, "x", toPython(pyodide, strided));
    expect(pythonRaises(pyodide, "x.__buffer__(__import__('inspect').BufferFlags.C_CONTIGUOUS)")).toEqual([
      "BufferError",
      "ndarray is not C-contiguous",
    ]);
  });
});

describe("memory in the Pyodide heap", () => {
  it("is shared zero-copy, both ways, with its exact strides", () => {
    const source = python(pyodide, "shared = _testbuffer.ndarray(list(range(12)), shape=[3, 4], format='i', flags=_testbuffer.ND_WRITABLE)[::-1, ::2]; shared");
    setGlobal(pyodide, "x", toPython(pyodide, fromPython(pyodide, source), { copy: "never" }));
    expect(pythonValue(pyodide, "m = memoryview(x); [list(m.strides), m.tolist()]")).toEqual([
      [-16, 8],
      [[8, 10], [4, 6], [0, 2]],
    ]);
    pyodide.runPython("m[0, 0] = 99");
    expect(pythonValue(pyodide, "shared.tolist()[0][0]")).toBe(99); // no copy: the write is in the original
    pyodide.runPython("m.release()");
  });

  it("holds the CPython export of the original while Python holds the view", () => {
    const original = python(pyodide, "lock = bytearray(b'xy'); lock");
    setGlobal(pyodide, "x", toPython(pyodide, fromPython(pyodide, original)));
    pyodide.runPython("m = memoryview(x)");
    expect(pythonRaises(pyodide, "lock.append(1)")[0]).toBe("BufferError");
    pyodide.runPython("m.release()");
    expect(pythonRaises(pyodide, "lock.append(1)")).toEqual(["no exception", ""]);
  });

  it("is handed on to Python for a fromPython exporter: each request is the object's own bf_getbuffer, no JavaScript on the way", () => {
    const original = python(pyodide, "handed = bytearray(b'abc'); handed");
    const exporter = fromPython(pyodide, original);
    setGlobal(pyodide, "x", toPython(pyodide, exporter, { copy: "never" }));
    expect(pythonValue(pyodide, "type(x).__name__")).toBe("HeapBuffer");
    // CPython's answers, flags and all: a read-only request of bytes is refused by bytes itself.
    setGlobal(pyodide, "y", toPython(pyodide, fromPython(pyodide, python(pyodide, "b'xyz'"))));
    expect(pythonRaises(pyodide, "y.__buffer__(1)")).toEqual(pythonRaises(pyodide, "b'xyz'.__buffer__(1)"));
    expect(pythonValue(pyodide, "m = memoryview(x); m[0] = 65; [m.obj is handed, bytes(handed)]")).toEqual([false, bytes("Abc")]);
    expect(pythonRaises(pyodide, "handed.append(1)")[0]).toBe("BufferError");
    pyodide.runPython("m.release()");
    expect(pythonRaises(pyodide, "handed.append(1)")).toEqual(["no exception", ""]);
    // By hand (PEP 688): __release_buffer__ gives the object's export back at once, and ignores a view it did not give.
    pyodide.runPython("v = x.__buffer__(0)\nx.__release_buffer__(memoryview(b'other'))");
    expect(pythonRaises(pyodide, "handed.append(1)")[0]).toBe("BufferError");
    pyodide.runPython("x.__release_buffer__(v)");
    expect(pythonRaises(pyodide, "handed.append(1)")).toEqual(["no exception", ""]);
    expect(exporter.exports).toBe(0);
  });

  it("goes through JavaScript for a Python class's buffer (its own __release_buffer__ must be called)", () => {
    pyodide.runPython(`
class Counted:
    def __init__(self):
        self.data, self.released = bytearray(b'pq'), 0
    def __buffer__(self, flags):
        return memoryview(self.data)
    def __release_buffer__(self, view):
        self.released += 1
        view.release()
counted = Counted()
`);
    setGlobal(pyodide, "x", toPython(pyodide, fromPython(pyodide, python(pyodide, "counted"))));
    expect(pythonValue(pyodide, "type(x).__name__")).toBe("JsBuffer");
    expect(pythonValue(pyodide, "bytes(x)")).toEqual(bytes("pq"));
    expect(pythonValue(pyodide, "counted.released")).toBe(1);
  });

  it("is copied under copy: 'always'", () => {
    pyodide.runPython("always = bytearray(b'ab')");
    setGlobal(pyodide, "x", toPython(pyodide, fromPython(pyodide, python(pyodide, "always")), { copy: "always" }));
    pyodide.runPython("m = memoryview(x); m[0] = 65");
    expect(pythonValue(pyodide, "bytes(always)")).toEqual(bytes("ab"));
    pyodide.runPython("m.release()");
    expect(pythonValue(pyodide, "bytes(always)")).toEqual(bytes("Ab"));
  });
});

describe("copy: 'never'", () => {
  it("raises BufferError naming the reason for memory outside the heap", () => {
    setGlobal(pyodide, "x", toPython(pyodide, new Uint8Array(3), { copy: "never" }));
    const [type, message] = pythonRaises(pyodide, "memoryview(x)");
    expect(type).toBe("BufferError");
    expect(message).toBe("toPython: the buffer's memory is outside the Pyodide heap and the copy policy is 'never'");
  });

  it("is checked when toPython is called", () => {
    expect(() => toPython(pyodide, new Uint8Array(1), { copy: "sometimes" as never })).toThrow(
      expect.objectContaining({ pythonType: "ValueError" }),
    );
  });
});

describe("formats whose native size is another ABI's", () => {
  it("refuses an 8-byte 'l' (lp64) where Pyodide's is 4 bytes", () => {
    const lp64 = new NDArray([1, 2], { format: "l", shape: [2] });
    setGlobal(pyodide, "x", toPython(pyodide, lp64, { abi: "lp64" }));
    const [type, message] = pythonRaises(pyodide, "memoryview(x)");
    expect([type, message]).toEqual(["BufferError", "toPython: format 'l' has itemsize 8 under the lp64 ABI but 4 in Pyodide (wasm32)"]);
  });
});

describe("allocate", () => {
  it("gives Python-owned heap memory as a Python object and an exporter, without copies", () => {
    const { object, exporter } = allocate(pyodide, "d", [2, 3]);
    expect(exporter.path).toBe("c-api");
    const view = memoryview(exporter);
    (view.toTypedArray() as Float64Array).set([1, 2, 3, 4, 5, 6]);
    setGlobal(pyodide, "allocated", object);
    expect(pythonValue(pyodide, "allocated.tolist()")).toEqual([[1, 2, 3], [4, 5, 6]]);
    pyodide.runPython("allocated[1, 2] = -1.0");
    expect(view.get([1, 2])).toBe(-1);
    view.release();
  });

  it("raises memoryview.cast's errors", () => {
    expect(() => allocate(pyodide, "<d", [2])).toThrow(
      expect.objectContaining({ pythonType: "ValueError", message: "memoryview: destination format must be a native single character format prefixed with an optional '@'" }),
    );
  });
});

describe("errors of a JavaScript exporter reach Python as Python exceptions", () => {
  it("keeps the exception type a core error names", () => {
    const refusing = { [getBufferSymbol]: (): never => { throw new BufferError("not now"); } };
    setGlobal(pyodide, "x", toPython(pyodide, refusing));
    expect(pythonRaises(pyodide, "bytes(x)")).toEqual(["BufferError", "not now"]);
  });
});
