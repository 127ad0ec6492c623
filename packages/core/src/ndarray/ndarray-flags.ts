/**
 * The flags of `_testbuffer.ndarray`, with their CPython values.
 *
 * @module
 */

/**
 * Flags for {@link NDArray}: creation options (`WRITABLE`, `FORTRAN`, `PIL`,
 * `VAREXPORT`, `REDIRECT`, `GETBUF_FAIL`, `GETBUF_UNDEFINED`) and the
 * internal layout bits that `NDArray#flags` also reports (`SCALAR`, `C`,
 * `OWN_ARRAYS`).
 *
 * @example
 * ```ts
 * import { NDArray, NDArrayFlags } from "@pybuffer/core";
 * const nd = new NDArray([1, 2, 3, 4], { shape: [2, 2], flags: NDArrayFlags.WRITABLE | NDArrayFlags.FORTRAN });
 * nd.strides; // [1, 2]
 * ```
 *
 * @since 0.1.0
 */
export const NDArrayFlags = Object.freeze({
  /** Allow push/pop while buffers are exported (each export pins its base). */
  VAREXPORT: 0x001,
  /** The base buffer is writable (the default is read-only). */
  WRITABLE: 0x002,
  /** Fortran strides; not allowed with explicit strides. */
  FORTRAN: 0x004,
  /** Internal: ndim 0. */
  SCALAR: 0x008,
  /** Convert to PIL style: dimension 0 becomes an array of pointers. */
  PIL: 0x010,
  /** A re-exporter forwards requests to its exporter, so `obj` is the root. */
  REDIRECT: 0x020,
  /** Every request fails with "ND_GETBUF_FAIL: forced test exception". */
  GETBUF_FAIL: 0x040,
  /** With GETBUF_FAIL: CPython leaves a garbage `obj`; here it changes nothing. */
  GETBUF_UNDEFINED: 0x080,
  /** Internal: C-contiguous. */
  C: 0x100,
  /** Internal: the consumer owns its geometry arrays. */
  OWN_ARRAYS: 0x200,
} as const);

/**
 * `ND_MAX_NDIM`: twice `PyBUF_MAX_NDIM`, so consumers' limit can be tested.
 *
 * @since 0.1.0
 */
export const ND_MAX_NDIM = 128;
