/**
 * Python exceptions raised inside the interpreter, as the errors a
 * JavaScript caller catches: core's classes for the exception types core
 * knows (so `pythonType` and the message are CPython's own), and
 * {@link PythonException} for any other.
 *
 * @module
 */

import {
  BufferError,
  IndexError,
  MemoryError,
  NotImplementedError,
  OverflowError,
  PyTypeError,
  StructError,
  SystemError,
  UnicodeEncodeError,
  ValueError,
} from "@pybuffer/core";

/**
 * A Python exception of a type core has no class for (a `KeyError` raised by
 * a Python `__buffer__`, say): `pythonType` is its type's qualified name.
 *
 * @example
 * ```ts
 * import { PythonException } from "@pybuffer/pyodide";
 * const error = new PythonException("KeyError", "'x'");
 * [error.pythonType, error.message]; // ["KeyError", "'x'"]
 * ```
 *
 * @since 0.1.0
 */
export class PythonException extends Error {
  /** @since 0.1.0 */
  override readonly name = "PythonException";
  /**
   * The Python exception's type name (`__qualname__`, with its module unless builtin).
   *
   * @since 0.1.0
   */
  readonly pythonType: string;
  /**
   * @throws PyTypeError unless both are strings (a message built from a hostile value could throw).
   *
   * @since 0.1.0
   */
  constructor(pythonType: string, message: string) {
    if (typeof pythonType !== "string" || typeof message !== "string") {
      throw new PyTypeError("PythonException: pythonType and message must be strings");
    }
    super(message);
    this.pythonType = pythonType;
  }
}

/** Core's class for each Python exception type, by `module.qualname`. */
const CORE_ERRORS: Readonly<Record<string, new (message: string) => Error>> = {
  "builtins.BufferError": BufferError,
  "builtins.TypeError": PyTypeError,
  "builtins.ValueError": ValueError,
  "builtins.IndexError": IndexError,
  "builtins.OverflowError": OverflowError,
  "builtins.NotImplementedError": NotImplementedError,
  "builtins.SystemError": SystemError,
  "builtins.UnicodeEncodeError": UnicodeEncodeError,
  "builtins.MemoryError": MemoryError,
  "struct.error": StructError,
};

/**
 * The JavaScript error for a Python exception whose class and bases are
 * `mro` (`module.qualname`, the exception's own class first) and whose
 * `str()` is `message`: core's class for the nearest type it knows, else a
 * {@link PythonException}.
 */
export function errorForPython(mro: readonly string[], message: string): Error {
  for (const name of mro) {
    if (name === "builtins.Exception") break;
    const Class = CORE_ERRORS[name];
    if (Class !== undefined) return new Class(message);
  }
  const own = mro[0] ?? "builtins.Exception";
  return new PythonException(own.startsWith("builtins.") ? own.slice("builtins.".length) : own, message);
}
