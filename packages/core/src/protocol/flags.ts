/**
 * Buffer request flags, with CPython's names and values (`Include/pybuffer.h`;
 * `inspect.BufferFlags` in Python 3.12+).
 *
 * @module
 */

/**
 * The `PyBUF_*` request flags, and `READ`/`WRITE`, which are not request
 * flags but the `buffertype` argument of {@link memoryViewFromMemory}-style functions
 * (`READ` shares the `INDIRECT` bit).
 *
 * @example
 * ```ts
 * import { BufferFlags, getBuffer, releaseBuffer } from "@pybuffer/core";
 * const view = getBuffer(new Float64Array(4), BufferFlags.RECORDS_RO);
 * view.format; // "d"
 * releaseBuffer(view);
 * ```
 *
 * @since 0.1.0
 */
export const BufferFlags = Object.freeze({
  SIMPLE: 0x000,
  WRITABLE: 0x001,
  /** Alias of `WRITABLE`, as in CPython. */
  WRITEABLE: 0x001,
  FORMAT: 0x004,
  ND: 0x008,
  STRIDES: 0x010 | 0x008,
  C_CONTIGUOUS: 0x020 | 0x018,
  F_CONTIGUOUS: 0x040 | 0x018,
  ANY_CONTIGUOUS: 0x080 | 0x018,
  INDIRECT: 0x100 | 0x018,
  CONTIG: 0x008 | 0x001,
  CONTIG_RO: 0x008,
  STRIDED: 0x018 | 0x001,
  STRIDED_RO: 0x018,
  RECORDS: 0x018 | 0x001 | 0x004,
  RECORDS_RO: 0x018 | 0x004,
  FULL: 0x118 | 0x001 | 0x004,
  FULL_RO: 0x118 | 0x004,
  READ: 0x100,
  WRITE: 0x200,
} as const);

/**
 * `PyBUF_MAX_NDIM`: the most dimensions a buffer may have.
 *
 * @example
 * ```ts
 * import { MAX_NDIM } from "@pybuffer/core";
 * MAX_NDIM; // 64
 * ```
 *
 * @since 0.1.0
 */
export const MAX_NDIM = 64;

/** Whether `flags` contains every bit of `request` (CPython's `REQ_*` macros). */
export function requests(flags: number, request: number): boolean {
  return (flags & request) === request;
}
