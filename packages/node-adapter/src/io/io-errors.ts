/**
 * I/O errors that say how far they got. CPython reports a partial write only
 * for `BlockingIOError` (`characters_written`); here every failure of a
 * write or a read carries the number of bytes that really went out or came
 * in, and never counts bytes that did not.
 *
 * @module
 */

import { isPythonError, type OSErrorType } from "@pybuffer/core";

/**
 * The Python exception CPython raises for an I/O failure: `OSError` or the
 * subclass PEP 3151 picks for the errno; `BufferError` when the data's
 * memory went away during the operation; `TypeError` when a stream gave
 * something other than bytes after some bytes had arrived.
 *
 * @example
 * ```ts
 * import type { IOErrorType } from "@pybuffer/node-adapter";
 * const kind: IOErrorType = "FileNotFoundError";
 * ```
 *
 * @since 0.1.0
 */
export type IOErrorType = OSErrorType | "BufferError" | "TypeError";

/** PEP 3151: the OSError subclass for each errno, as CPython's `errnomap`. */
const OS_ERROR_BY_CODE: Readonly<Record<string, IOErrorType>> = {
  EAGAIN: "BlockingIOError",
  EWOULDBLOCK: "BlockingIOError",
  EALREADY: "BlockingIOError",
  EINPROGRESS: "BlockingIOError",
  EPIPE: "BrokenPipeError",
  ESHUTDOWN: "BrokenPipeError",
  ECONNABORTED: "ConnectionAbortedError",
  ECONNREFUSED: "ConnectionRefusedError",
  ECONNRESET: "ConnectionResetError",
  EEXIST: "FileExistsError",
  ENOENT: "FileNotFoundError",
  EINTR: "InterruptedError",
  EISDIR: "IsADirectoryError",
  ENOTDIR: "NotADirectoryError",
  EACCES: "PermissionError",
  EPERM: "PermissionError",
  ETIMEDOUT: "TimeoutError",
};

/** The `code` of a Node system error (`EIO`, `ENOENT`, ...), if `error` has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The Python kind of the failure `error`. */
function ioErrorType(error: unknown): IOErrorType {
  if (isPythonError(error, "BufferError")) return "BufferError";
  if (isPythonError(error, "TypeError")) return "TypeError";
  const code = errorCode(error);
  return code === undefined ? "OSError" : (OS_ERROR_BY_CODE[code] ?? "OSError");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A write that failed part way. `bytesWritten` counts only bytes the system
 * (or the stream) confirmed; the first `bytesWritten` bytes of the data are
 * at the destination, in order, and nothing after them is.
 *
 * @example
 * ```ts
 * import { writeSync, WriteError } from "@pybuffer/node-adapter";
 * try {
 *   writeSync("/no/such/dir/file", new Uint8Array(4));
 * } catch (e) {
 *   if (e instanceof WriteError) [e.pythonType, e.bytesWritten]; // ["FileNotFoundError", 0]
 * }
 * ```
 *
 * @since 0.1.0
 */
export class WriteError extends Error {
  /** @since 0.1.0 */
  override readonly name = "WriteError";
  /**
   * The Python exception CPython would raise (see {@link IOErrorType}).
   *
   * @since 0.1.0
   */
  readonly pythonType: IOErrorType;
  /**
   * Node's error code (`EIO`, `EAGAIN`, `ENOENT`, ...), when the system gave one.
   *
   * @since 0.1.0
   */
  readonly code: string | undefined;
  /**
   * Bytes confirmed written before the failure (CPython's `characters_written`).
   *
   * @since 0.1.0
   */
  readonly bytesWritten: number;
  /**
   * Bytes the write was asked to write.
   *
   * @since 0.1.0
   */
  readonly bytesTotal: number;

  /**
   * Wraps `cause`, the failure, met after `bytesWritten` of `bytesTotal` bytes while doing `action`.
   *
   * @since 0.1.0
   */
  constructor(action: string, cause: unknown, bytesWritten: number, bytesTotal: number) {
    super(`${action} failed after ${bytesWritten} of ${bytesTotal} bytes: ${messageOf(cause)}`, { cause });
    this.pythonType = ioErrorType(cause);
    this.code = errorCode(cause);
    this.bytesWritten = bytesWritten;
    this.bytesTotal = bytesTotal;
  }
}

/**
 * A read that failed part way. The first `bytesRead` bytes of the target
 * (in C order) hold data that arrived; the failure is the `cause`.
 *
 * @example
 * ```ts
 * import { readIntoSync, ReadError } from "@pybuffer/node-adapter";
 * try {
 *   readIntoSync("/no/such/file", new Uint8Array(4));
 * } catch (e) {
 *   if (e instanceof ReadError) [e.pythonType, e.bytesRead]; // ["FileNotFoundError", 0]
 * }
 * ```
 *
 * @since 0.1.0
 */
export class ReadError extends Error {
  /** @since 0.1.0 */
  override readonly name = "ReadError";
  /**
   * The Python exception CPython would raise (see {@link IOErrorType}).
   *
   * @since 0.1.0
   */
  readonly pythonType: IOErrorType;
  /**
   * Node's error code, when the system gave one.
   *
   * @since 0.1.0
   */
  readonly code: string | undefined;
  /**
   * Bytes stored in the target before the failure.
   *
   * @since 0.1.0
   */
  readonly bytesRead: number;

  /**
   * Wraps `cause`, the failure, met after `bytesRead` bytes were stored while doing `action`.
   *
   * @since 0.1.0
   */
  constructor(action: string, cause: unknown, bytesRead: number) {
    super(`${action} failed after ${bytesRead} bytes were read: ${messageOf(cause)}`, { cause });
    this.pythonType = ioErrorType(cause);
    this.code = errorCode(cause);
    this.bytesRead = bytesRead;
  }
}
