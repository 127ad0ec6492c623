/**
 * The checks every public function makes of what its caller passed before
 * using it: the interpreter, the proxy, the options bag and request flags.
 * Any value may be hostile (a revoked or trapping Proxy, a destroyed
 * PyProxy, a getter that throws); each check reads it once, under `try`,
 * and refuses it with a Python error, never a bare JavaScript one.
 *
 * @module
 */

import { OverflowError, PyTypeError, ValueError } from "@pybuffer/core";
import { argumentTypeName, pythonTypeName } from "@pybuffer/core/internal";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";

/** `obj[key]`, or undefined when looking throws (a revoked or trapping Proxy, a throwing getter). */
function safeGet(obj: object, key: string): { value: unknown } | undefined {
  try {
    return { value: (obj as Record<string, unknown>)[key] };
  } catch {
    return undefined;
  }
}

/**
 * `value` as a Pyodide interpreter (what `loadPyodide()` resolves to):
 * an object with `runPython` and `ffi.PyProxy`.
 *
 * @throws PyTypeError naming `caller` otherwise.
 */
export function interpreterArgument(value: unknown, caller: string): PyodideAPI {
  if (checked.has(value as object)) return value as PyodideAPI;
  const refuse = (): never => {
    throw new PyTypeError(`${caller}: expected a Pyodide interpreter (what loadPyodide() gives), not '${argumentTypeName(value)}'`);
  };
  if (typeof value !== "object" || value === null) return refuse();
  const runPython = safeGet(value, "runPython");
  const ffi = safeGet(value, "ffi");
  if (typeof runPython?.value !== "function" || typeof ffi?.value !== "object" || ffi.value === null) return refuse();
  const proxyClass = safeGet(ffi.value, "PyProxy");
  if (typeof proxyClass?.value !== "function") return refuse();
  const version = safeGet(value, "version")?.value;
  if (!isSupportedVersion(version)) {
    throw new ValueError(
      `${caller}: Pyodide ${String(version)} is not supported: @pybuffer/pyodide needs Pyodide ${LOWEST_SUPPORTED.join(".")} or later (CPython 3.12 or later, for PEP 688's __buffer__)`,
    );
  }
  checked.add(value);
  return value as PyodideAPI;
}

/** Interpreters that passed {@link interpreterArgument}: checked once each. */
const checked = new WeakSet<object>();

/**
 * The first Pyodide with CPython 3.12 (0.26): PEP 688's `__buffer__`, which
 * `toPython`'s objects are built on, and `PyErr_GetRaisedException`.
 * 0.25 (CPython 3.11) fails both ways (see scripts/version-matrix.mjs).
 */
const LOWEST_SUPPORTED = [0, 26] as const;

/** Whether `version` (`pyodide.version`: "0.26.4", "314.0.7") is at least {@link LOWEST_SUPPORTED}; an unreadable one is let through. */
function isSupportedVersion(version: unknown): boolean {
  const match = typeof version === "string" ? /^(\d+)\.(\d+)/.exec(version) : null;
  if (match === null) return true;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major !== LOWEST_SUPPORTED[0] ? major > LOWEST_SUPPORTED[0] : minor >= LOWEST_SUPPORTED[1];
}

/**
 * `value` as a live `PyProxy` of `pyodide`: an instance of its class whose
 * `type` can be read (a destroyed proxy's cannot; nor can a fake made from
 * the prototype).
 *
 * @throws PyTypeError for anything else; ValueError for a destroyed proxy.
 */
export function proxyArgument(pyodide: PyodideAPI, value: unknown, caller: string): PyProxy {
  let isProxy: boolean;
  try {
    isProxy = value instanceof pyodide.ffi.PyProxy;
  } catch {
    isProxy = false;
  }
  if (!isProxy) throw new PyTypeError(`${caller}: expected a PyProxy, not '${argumentTypeName(value)}'`);
  try {
    void (value as PyProxy).type;
  } catch (error) {
    const destroyed = error instanceof Error && /destroyed/.test(error.message);
    if (destroyed) throw new ValueError(`${caller}: the PyProxy has been destroyed`);
    throw new PyTypeError(`${caller}: expected a PyProxy, not a broken imitation of one`);
  }
  return value as PyProxy;
}

/** The options bag: `undefined` is `{}`; anything else must be an object. */
export function optionsArgument(value: unknown, caller: string): object {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null) {
    throw new PyTypeError(`${caller}: options must be an object, not '${argumentTypeName(value)}'`);
  }
  return value;
}

/**
 * One option of `options` (from {@link optionsArgument}); undefined when
 * absent.
 *
 * @throws PyTypeError when reading it throws.
 */
export function option(options: object, key: string, caller: string): unknown {
  const found = safeGet(options, key);
  if (found === undefined) throw new PyTypeError(`${caller}: the option '${key}' could not be read`);
  return found.value;
}

/** A value in an error message: strings quoted, anything else by its Python type name. */
export function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : `a value of type '${argumentTypeName(value)}'`;
}

const INT_MAX = 0x7fffffff;

/**
 * Request flags as Pyodide's CPython takes them in `__buffer__`
 * (`wrapper_buffer`, Objects/typeobject.c): an integer that fits
 * `Py_ssize_t` (32 bits on wasm32, so `PyNumber_AsSsize_t` refuses what
 * 64-bit CPython's "buffer flags too large" would), masked with `INT_MAX`
 * (a negative one keeps its low bits).
 *
 * @throws PyTypeError for a non-integer; OverflowError outside 32 bits.
 */
export function requestFlags(flags: unknown): number {
  if (typeof flags === "number" && (flags & INT_MAX) === flags) return flags;
  const integral = typeof flags === "bigint" || (typeof flags === "number" && Number.isInteger(flags));
  if (!integral) throw new PyTypeError(`'${pythonTypeName(flags)}' object cannot be interpreted as an integer`);
  if (flags > INT_MAX || flags < -INT_MAX - 1) throw new OverflowError("cannot fit 'int' into an index-sized integer");
  return Number(flags) & INT_MAX;
}
