/**
 * No public function of `@pybuffer/pyodide` throws an error without
 * `pythonType`, and none hangs: every entry point is called with hostile
 * values in each position a JavaScript caller can get wrong (the
 * interpreter, the proxy, the exporter, the options, flags and records
 * given to a `PythonExporter`): wrong kinds, revoked and trapping Proxies,
 * destroyed and foreign proxies, released exports and views, exporters that
 * lie or throw. A value or a Python error is fine; a bare JavaScript error
 * is not. For `toPython`, whose exporter is only asked when Python takes
 * the buffer, Python takes it, and must see a Python exception, never
 * Pyodide's `JsException` (a JavaScript error crossing as it is).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BufferFlags, getBuffer, getBufferSymbol, memoryview, releaseBuffer, releaseBufferSymbol, type BufferRecord } from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { allocate, fromPython, PythonException, toPython } from "../../src/index.ts";
import { interpreter, python, pythonRaises, setGlobal } from "../helpers/pyodide.ts";

let pyodide: PyodideAPI;
beforeAll(async () => {
  pyodide = await interpreter();
});

/** A Proxy whose every trap throws a bare Error. */
function trappingProxy(): object {
  const trap = (): never => {
    throw new Error("trap");
  };
  return new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap, apply: trap });
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** An exporter answering `answer()`. */
const answering = (answer: () => unknown): object => ({ [getBufferSymbol]: answer });

/** A record in the Pyodide heap that lies about its bounds: `len` bytes from `buf`. */
function heapRecord(buf: number, len: number): BufferRecord {
  const memory = (pyodide as unknown as { _module: { HEAP8: Int8Array } })._module.HEAP8.buffer as ArrayBuffer;
  return { obj: null, memory, buf, len, itemsize: 1, readonly: false, format: "B", ndim: 1, shape: [len], strides: [1], suboffsets: null, internal: null };
}

let heapBlock: number | undefined;
/** The address of 16 bytes of the Pyodide heap: a bytearray's, held for the file (every Pyodide has them; not all export `_malloc`). */
const heapAddress = (): number =>
  (heapBlock ??= getBuffer(fromPython(pyodide, python(pyodide, "_hostile_block = bytearray(16); _hostile_block")), BufferFlags.SIMPLE).buf);

/** An exporter of heap memory whose release method throws a bare Error. */
function throwingRelease(): object {
  const exporter = {
    [getBufferSymbol]: (): BufferRecord => ({ ...heapRecord(heapAddress(), 8), obj: exporter }),
    [releaseBufferSymbol](): never {
      throw new Error("bare release");
    },
  };
  return exporter;
}

/** Values for any position, made fresh for each call (a released view, a destroyed proxy). */
const HOSTILE: readonly (readonly [string, () => unknown])[] = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["0", () => 0],
  ["-1", () => -1],
  ["NaN", () => Number.NaN],
  ["2**53", () => 2 ** 53],
  ["2n**64n", () => 2n ** 64n],
  ["true", () => true],
  ["'B'", () => "B"],
  ["'never'", () => "never"],
  ["Symbol", () => Symbol("s")],
  ["[]", () => []],
  ["[2, -3]", () => [2, -3]],
  ["{}", () => ({})],
  ["function", () => () => 1],
  ["revoked Proxy", revokedProxy],
  ["trapping Proxy", trappingProxy],
  ["options with a trapping getter", () => ({ get copy(): never { throw new Error("getter"); }, get path(): never { throw new Error("getter"); } })],
  ["Uint8Array(4)", () => new Uint8Array(4)],
  ["the interpreter", () => pyodide],
  ["a bytearray proxy", () => python(pyodide, "bytearray(b'abcd')")],
  ["a list proxy", () => python(pyodide, "[1, 2]")],
  ["a callable proxy", () => python(pyodide, "len")],
  [
    "a destroyed bytearray proxy",
    () => {
      const proxy = python(pyodide, "bytearray(4)");
      proxy.destroy();
      return proxy;
    },
  ],
  ["a released Python memoryview", () => python(pyodide, "m = memoryview(b'abcd'); m.release(); m")],
  ["a fake PyProxy", () => Object.create(pyodide.ffi.PyProxy.prototype as object)],
  ["a Python object raising in __buffer__", () => python(pyodide, "type('Raiser', (), {'__buffer__': lambda self, flags: 1 / 0})()")],
  ["a Python object whose __buffer__ returns a list", () => python(pyodide, "type('Liar', (), {'__buffer__': lambda self, flags: [1]})()")],
  ["a fromPython exporter", () => fromPython(pyodide, python(pyodide, "bytearray(b'xy')"))],
  [
    "a released memoryview of a fromPython exporter",
    () => {
      const m = memoryview(fromPython(pyodide, python(pyodide, "bytearray(2)")));
      m.release();
      return m;
    },
  ],
  ["a released record of a fromPython exporter", () => {
    const record = getBuffer(fromPython(pyodide, python(pyodide, "bytearray(2)")), BufferFlags.FULL_RO);
    releaseBuffer(record);
    return record;
  }],
  ["an exporter throwing a bare Error", () => answering(() => { throw new Error("bare"); })],
  ["an exporter answering a trapping Proxy", () => answering(trappingProxy)],
  ["an exporter answering a revoked Proxy", () => answering(revokedProxy)],
  ["an exporter answering a heap record past the heap's end", () => answering(() => heapRecord(2 ** 32 - 8, 16))],
  ["an exporter answering a heap record with a negative start", () => answering(() => heapRecord(-4, 8))],
  ["an exporter answering a heap record whose obj is a trapping Proxy", () => answering(() => ({ ...heapRecord(heapAddress(), 8), obj: trappingProxy() }))],
  ["an exporter whose release method throws a bare Error", throwingRelease],
];

const hostile = fc.constantFrom(...HOSTILE);

/** Runs `call`; null when it returned or threw an error with `pythonType`, else what it threw. */
function bareError(call: () => unknown): string | null {
  try {
    call();
    return null;
  } catch (error) {
    if (typeof (error as { pythonType?: unknown } | null)?.pythonType === "string") return null;
    return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split("\n").slice(1, 4).join("\n")}` : String(error);
  }
}

/** Python takes a buffer of `object` (made by toPython); the exception it sees, if any. */
function pythonTakes(object: unknown): string | null {
  setGlobal(pyodide, "_hostile", object);
  const [type, message] = pythonRaises(pyodide, "with memoryview(_hostile) as _m: bytes(_m)");
  return type === "no exception" ? null : `${type}: ${message}`;
}

type Entry = readonly [string, (a: unknown, b: unknown) => unknown];

const bytearrayExporter = () => fromPython(pyodide, python(pyodide, "bytearray(b'abcdefgh')"));
const PYTHON_EXCEPTION = /^(BufferError|TypeError|ValueError|IndexError|OverflowError|MemoryError|NotImplementedError|error|SystemError|ZeroDivisionError): /;

const ENTRIES: readonly Entry[] = [
  ["fromPython(a, proxy)", (a) => fromPython(a as PyodideAPI, python(pyodide, "b'x'"))],
  ["fromPython(pyodide, a)", (a) => fromPython(pyodide, a as PyProxy)],
  ["fromPython(pyodide, a, b)", (a, b) => fromPython(pyodide, a as PyProxy, b as never)],
  ["fromPython(pyodide, proxy, { path: a })", (a) => fromPython(pyodide, python(pyodide, "b'x'"), { path: a as never })],
  ["memoryview(fromPython(pyodide, a, { path: 'getBuffer' }))", (a) => memoryview(fromPython(pyodide, a as PyProxy, { path: "getBuffer" })).toList()],
  ["getBuffer(exporter, a)", (a) => releaseBuffer(getBuffer(bytearrayExporter(), a as number))],
  ["exporter[getBufferSymbol](a)", (a) => bytearrayExporter()[getBufferSymbol](a as number)],
  ["exporter[releaseBufferSymbol](a)", (a) => bytearrayExporter()[releaseBufferSymbol](a as BufferRecord)],
  ["toPython(a, u8)", (a) => toPython(a as PyodideAPI, new Uint8Array(2))],
  ["toPython(pyodide, u8, a)", (a) => toPython(pyodide, new Uint8Array(2), a as never)],
  ["toPython(pyodide, u8, { copy: a, abi: b })", (a, b) => toPython(pyodide, new Uint8Array(2), { copy: a, abi: b } as never)],
  ["allocate(a, 'B', [1])", (a) => allocate(a as PyodideAPI, "B", [1])],
  ["allocate(pyodide, a, b)", (a, b) => allocate(pyodide, a as string, b as number[])],
  ["allocate(pyodide, 'd', a)", (a) => allocate(pyodide, "d", a as number[])],
  ["new PythonException(a, b)", (a, b) => new PythonException(a as string, b as string)],
];

describe("the public surface raises only Python errors on hostile input", () => {
  it("every entry point, hostile values in its open positions", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENTRIES), hostile, hostile, ([name, call], [aName, a], [bName, b]) => {
        expect(bareError(() => call(a(), b())), `${name} with a = ${aName}, b = ${bName}`).toBeNull();
      }),
      { numRuns: 600 },
    );
  });

  it("toPython over any hostile exporter: Python taking the buffer sees a Python exception or the bytes", () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom("never", "if-needed", "always"), ([name, exporter], copy) => {
        let object: PyProxy;
        try {
          object = toPython(pyodide, exporter(), { copy });
        } catch (error) {
          expect(bareError(() => { throw error; }), name).toBeNull();
          return;
        }
        const seen = pythonTakes(object);
        if (seen !== null) expect(seen, `${name}, copy ${copy}`).toMatch(PYTHON_EXCEPTION);
        object.destroy();
      }),
      { numRuns: 200 },
    );
  });

  it("toPython over any hostile exporter: a Python caller of __buffer__ (FULL_RO) and __release_buffer__ sees a Python exception or none", () => {
    for (const [name, exporter] of HOSTILE) {
      let object: PyProxy;
      try {
        object = toPython(pyodide, exporter(), { copy: "if-needed" });
      } catch {
        continue; // the first test's business
      }
      setGlobal(pyodide, "_hostile", object);
      const [type, message] = pythonRaises(pyodide, "_view = _hostile.__buffer__(0x11C)\ntry:\n    _hostile.__release_buffer__(_view)\nfinally:\n    _view.release()");
      if (type !== "no exception") expect(`${type}: ${message}`, name).toMatch(PYTHON_EXCEPTION);
      object.destroy();
    }
    const [type, message] = (() => {
      setGlobal(pyodide, "_hostile", toPython(pyodide, throwingRelease(), { copy: "never" }));
      return pythonRaises(pyodide, "_view = _hostile.__buffer__(0x11C)\ntry:\n    _hostile.__release_buffer__(_view)\nfinally:\n    _view.release()");
    })();
    expect([type, message]).toEqual(["BufferError", "dict's release method raised Error: bare release"]);
  });

  it("holds no CPython export for a refused request, and one for each granted one until it is released", () => {
    const exporter = bytearrayExporter();
    for (const [name, value] of HOSTILE) {
      let record: BufferRecord | undefined;
      const bare = bareError(() => (record = exporter[getBufferSymbol](value() as number)));
      expect(bare, name).toBeNull();
      expect(exporter.exports, name).toBe(record === undefined ? 0 : 1);
      if (record !== undefined) exporter[releaseBufferSymbol](record);
      expect(exporter.exports, name).toBe(0);
    }
  });

  it("answers flags as CPython's __buffer__ does", () => {
    const exporter = bytearrayExporter();
    const refusal = (flags: unknown): [unknown, string] => {
      try {
        exporter[getBufferSymbol](flags as number);
      } catch (error) {
        return [(error as { pythonType?: unknown }).pythonType, (error as Error).message];
      }
      return ["no exception", ""];
    };
    for (const flags of ["1.5", "'x'", "None", "2**31", "2**40", "-2**31 - 1", "-1", "-2**31"]) {
      const value = pyodide.runPython(flags) as unknown;
      expect(refusal(value === undefined ? null : value), flags).toEqual(pythonRaises(pyodide, `bytearray(b'abcdefgh').__buffer__(${flags})`));
    }
    expect(refusal(2n ** 40n)).toEqual(pythonRaises(pyodide, "bytearray(b'abcdefgh').__buffer__(2**40)"));
    expect(refusal(-1n)).toEqual(pythonRaises(pyodide, "bytearray(b'abcdefgh').__buffer__(-1)"));
  });
});
