/**
 * Errors that carry the name of the Python exception CPython raises in the
 * same situation. Each class extends the JavaScript error a JS user would
 * catch for that kind of failure (`TypeError`, `RangeError` or `Error`), and
 * every one has a `pythonType` field, so callers can branch on the Python kind
 * without `instanceof` (which fails across realms and duplicate installs).
 *
 * @module
 */

/**
 * Names of the Python exceptions that pybuffer raises.
 *
 * @example
 * ```ts
 * import { pack, type PythonErrorType } from "@pybuffer/core";
 * try { pack("B", 300); } catch (e) { const kind: PythonErrorType = (e as { pythonType: PythonErrorType }).pythonType; }
 * ```
 *
 * @since 0.1.0
 */
export type PythonErrorType =
  | "BufferError"
  | "TypeError"
  | "ValueError"
  | "IndexError"
  | "OverflowError"
  | "NotImplementedError"
  | "SystemError"
  | "UnicodeEncodeError"
  | "MemoryError"
  | "RuntimeError"
  | "struct.error"
  | OSErrorType;

/**
 * `OSError` and its PEP 3151 subclasses, for the packages that do I/O.
 *
 * @example
 * ```ts
 * import type { OSErrorType } from "@pybuffer/core";
 * const kind: OSErrorType = "FileNotFoundError";
 * ```
 *
 * @since 0.1.0
 */
export type OSErrorType =
  | "OSError"
  | "BlockingIOError"
  | "BrokenPipeError"
  | "ConnectionAbortedError"
  | "ConnectionRefusedError"
  | "ConnectionResetError"
  | "FileExistsError"
  | "FileNotFoundError"
  | "InterruptedError"
  | "IsADirectoryError"
  | "NotADirectoryError"
  | "PermissionError"
  | "TimeoutError";

/**
 * Anything pybuffer throws: a JS error with the Python exception name.
 *
 * @example
 * ```ts
 * import { calcsize, isPythonError } from "@pybuffer/core";
 * try { calcsize("Z"); } catch (e) { if (isPythonError(e, "struct.error")) console.log(e.message); }
 * ```
 *
 * @since 0.1.0
 */
export interface PythonError extends Error {
  /** @since 0.1.0 */
  readonly pythonType: PythonErrorType;
}

/**
 * Tells whether `error` is a pybuffer error, optionally of one Python kind.
 * Works across realms and across two copies of the package.
 *
 * @example
 * ```ts
 * import { unpack, isPythonError } from "@pybuffer/core";
 * try { unpack("i", new Uint8Array(3)); } catch (e) { isPythonError(e, "struct.error"); } // true
 * ```
 *
 * @since 0.1.0
 */
export function isPythonError(error: unknown, pythonType?: PythonErrorType): error is PythonError {
  if (typeof error !== "object" || error === null) return false;
  let kind: unknown;
  try {
    kind = (error as { pythonType?: unknown }).pythonType;
  } catch {
    return false; // a revoked Proxy, or a getter that throws: not a Python error
  }
  return typeof kind === "string" && (pythonType === undefined || kind === pythonType);
}

/**
 * Python's `BufferError`: a buffer request that the exporter cannot meet, a
 * malformed buffer record, or an operation refused while buffers are exported.
 *
 * @example
 * ```ts
 * import { BufferError, getBuffer, BufferFlags } from "@pybuffer/core";
 * const exporter = new Uint8Array(4);
 * try { getBuffer(exporter, BufferFlags.F_CONTIGUOUS); } catch (e) { e instanceof BufferError; }
 * ```
 *
 * @since 0.1.0
 */
export class BufferError extends Error implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "BufferError" as const;
  /** @since 0.1.0 */
  override readonly name = "BufferError";
}

/**
 * Python's `struct.error`, raised by the `struct` engine for bad formats and
 * for values that do not fit their format code.
 *
 * @example
 * ```ts
 * import { StructError, pack } from "@pybuffer/core";
 * try { pack("B", 256); } catch (e) { (e as StructError).message; } // "'B' format requires 0 <= number <= 255"
 * ```
 *
 * @since 0.1.0
 */
export class StructError extends Error implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "struct.error" as const;
  /** @since 0.1.0 */
  override readonly name = "StructError";
}

/**
 * Python's `TypeError`, as a JavaScript `TypeError`.
 *
 * @example
 * ```ts
 * import { PyTypeError, getBuffer, BufferFlags } from "@pybuffer/core";
 * try { getBuffer({}, BufferFlags.SIMPLE); } catch (e) { e instanceof PyTypeError && e instanceof TypeError; } // true
 * ```
 *
 * @since 0.1.0
 */
export class PyTypeError extends TypeError implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "TypeError" as const;
  /** @since 0.1.0 */
  override readonly name = "TypeError";
}

/**
 * Python's `ValueError`.
 *
 * @example
 * ```ts
 * import { ValueError } from "@pybuffer/core";
 * new ValueError("order must be 'C', 'F' or 'A'").pythonType; // "ValueError"
 * ```
 *
 * @since 0.1.0
 */
export class ValueError extends Error implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "ValueError" as const;
  /** @since 0.1.0 */
  override readonly name = "ValueError";
}

/**
 * Python's `IndexError`, as a JavaScript `RangeError` (it is a bounds failure).
 *
 * @example
 * ```ts
 * import { IndexError } from "@pybuffer/core";
 * new IndexError("index out of bounds on dimension 1") instanceof RangeError; // true
 * ```
 *
 * @since 0.1.0
 */
export class IndexError extends RangeError implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "IndexError" as const;
  /** @since 0.1.0 */
  override readonly name = "IndexError";
}

/**
 * Python's `OverflowError`, as a JavaScript `RangeError`.
 *
 * @example
 * ```ts
 * import { OverflowError, pack } from "@pybuffer/core";
 * try { pack("<e", 1e300); } catch (e) { e instanceof OverflowError; } // true
 * ```
 *
 * @since 0.1.0
 */
export class OverflowError extends RangeError implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "OverflowError" as const;
  /** @since 0.1.0 */
  override readonly name = "OverflowError";
}

/**
 * Python's `NotImplementedError`.
 *
 * @example
 * ```ts
 * import { NotImplementedError } from "@pybuffer/core";
 * new NotImplementedError("multi-dimensional sub-views are not implemented").pythonType; // "NotImplementedError"
 * ```
 *
 * @since 0.1.0
 */
export class NotImplementedError extends Error implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "NotImplementedError" as const;
  /** @since 0.1.0 */
  override readonly name = "NotImplementedError";
}

/**
 * Python's `SystemError`: a call the C API rejects as a bad internal argument
 * (for example `PyBUF_READ` passed as a request).
 *
 * @example
 * ```ts
 * import { SystemError, getBuffer, BufferFlags } from "@pybuffer/core";
 * try { getBuffer(new Uint8Array(1), BufferFlags.READ); } catch (e) { e instanceof SystemError; } // true
 * ```
 *
 * @since 0.1.0
 */
export class SystemError extends Error implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "SystemError" as const;
  /** @since 0.1.0 */
  override readonly name = "SystemError";
}

/**
 * Python's `UnicodeEncodeError`: a format string with non-ASCII characters.
 *
 * @example
 * ```ts
 * import { UnicodeEncodeError, calcsize } from "@pybuffer/core";
 * try { calcsize("é"); } catch (e) { e instanceof UnicodeEncodeError; } // true
 * ```
 *
 * @since 0.1.0
 */
export class UnicodeEncodeError extends Error implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "UnicodeEncodeError" as const;
  /** @since 0.1.0 */
  override readonly name = "UnicodeEncodeError";
}

/**
 * Python's `MemoryError`: a request for more memory than a JavaScript buffer
 * can hold (for example packing a format whose size is 10**18 bytes).
 *
 * @example
 * ```ts
 * import { MemoryError, pack } from "@pybuffer/core";
 * try { pack("1000000000000000000x"); } catch (e) { e instanceof MemoryError; } // true
 * ```
 *
 * @since 0.1.0
 */
export class MemoryError extends RangeError implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "MemoryError" as const;
  /** @since 0.1.0 */
  override readonly name = "MemoryError";
}

/**
 * Python's `RuntimeError`: NumPy raises it for a PEP 3118 struct that names
 * a field twice (`numpy/_core/_internal.py`, `__dtype_from_pep3118`).
 *
 * @example
 * ```ts
 * import { RuntimeError, parseExtendedFormat } from "@pybuffer/core";
 * try { parseExtendedFormat("T{i:a:i:a:}"); } catch (e) { e instanceof RuntimeError; } // true
 * ```
 *
 * @since 0.1.0
 */
export class RuntimeError extends Error implements PythonError {
  /** @since 0.1.0 */
  readonly pythonType = "RuntimeError" as const;
  /** @since 0.1.0 */
  override readonly name = "RuntimeError";
}
