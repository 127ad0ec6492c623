/**
 * The exporter decision procedure (Doc/c-api/buffer.rst, "Buffer request
 * types"): how an exporter with a full base buffer answers a request. `memory_getbuf` in memoryobject.c and
 * `ndarray_getbuf` in _testbuffer.c run the same steps in the same order;
 * only their messages differ, so the messages are a parameter.
 *
 * @module
 */

import { BufferError } from "../errors/python-errors.ts";
import type { BufferRecord } from "./buffer-record.ts";
import { CoreRecord } from "./core-record.ts";
import { BufferFlags, requests } from "./flags.ts";
import { assertRequestFlags } from "./request-flags.ts";
import { baseCheckOf, freezeServedRecord } from "./served-record.ts";

/** The bits of C_CONTIGUOUS, F_CONTIGUOUS and ANY_CONTIGUOUS beyond STRIDES. */
const CONTIGUITY_BITS = (BufferFlags.C_CONTIGUOUS | BufferFlags.F_CONTIGUOUS | BufferFlags.ANY_CONTIGUOUS) & ~BufferFlags.STRIDES;

/**
 * The `BufferError` messages of one exporter type, by step of the procedure.
 *
 * @example
 * ```ts
 * import type { RequestMessages } from "@pybuffer/core";
 * const messages: RequestMessages = {
 *   notWritable: "image is read-only", notCContiguous: "image is not C-contiguous",
 *   notFortranContiguous: "image is not Fortran contiguous", notContiguous: "image is not contiguous",
 *   needsSuboffsets: "image requires suboffsets", formatWithoutShape: "image: format requires shape",
 * };
 * ```
 *
 * @since 0.1.0
 */
export interface RequestMessages {
  /**
   * Step 2: WRITABLE requested of a read-only buffer.
   *
   * @since 0.1.0
   */
  readonly notWritable: string;
  /**
   * Steps 4 and 6: C-contiguity required but absent.
   *
   * @since 0.1.0
   */
  readonly notCContiguous: string;
  /**
   * Step 4: Fortran contiguity required but absent.
   *
   * @since 0.1.0
   */
  readonly notFortranContiguous: string;
  /**
   * Step 4: any contiguity required but absent.
   *
   * @since 0.1.0
   */
  readonly notContiguous: string;
  /**
   * Step 5: INDIRECT not requested of a buffer with suboffsets.
   *
   * @since 0.1.0
   */
  readonly needsSuboffsets: string;
  /**
   * Step 7: FORMAT requested without ND.
   *
   * @since 0.1.0
   */
  readonly formatWithoutShape: string;
}

/**
 * The exporter's own view of its layout, which may differ from `isContiguous` (memoryview's 1-D rule).
 *
 * @since 0.1.0
 */
export interface ExporterContiguity {
  /** @since 0.1.0 */
  readonly cContiguous: boolean;
  /** @since 0.1.0 */
  readonly fortranContiguous: boolean;
}

/**
 * Answers request `flags` from the full `base` buffer, in CPython's order:
 * writable, format, contiguity (C, F, ANY), suboffsets, strides, shape. The
 * result's `obj` is `owner`. Arrays are shared with `base`, never mutated.
 * Served from a {@link checkedBase}, the result is frozen, and consumers
 * take it without checking it again.
 *
 * @example
 * ```ts
 * import { serveRequest, fillInfo, BufferFlags } from "@pybuffer/core";
 * const base = fillInfo(null, new ArrayBuffer(4), 0, 4, true, BufferFlags.FULL_RO);
 * const owner = {};
 * serveRequest(base, BufferFlags.ND, owner, { cContiguous: true, fortranContiguous: true }, {
 *   notWritable: "read-only", notCContiguous: "not C", notFortranContiguous: "not F",
 *   notContiguous: "not contiguous", needsSuboffsets: "suboffsets", formatWithoutShape: "format without shape",
 * }).shape; // [4]
 * ```
 *
 * @since 0.1.0
 */
export function serveRequest(
  base: BufferRecord,
  flags: number,
  owner: object,
  contiguity: ExporterContiguity,
  messages: RequestMessages,
): BufferRecord {
  assertRequestFlags(flags);
  const check = baseCheckOf(base);
  // Each claim read once, so a getter cannot answer one step and the mark
  // below differently; and only when a step needs it: a contiguity request,
  // a request without strides, or a checked base whose claims are not its
  // own check (those claim exactly what the check found, computed on demand).
  const claimsNeeded = (flags & CONTIGUITY_BITS) !== 0 || !requests(flags, BufferFlags.STRIDES) || (check !== undefined && contiguity !== check);
  const cContiguous = claimsNeeded && Boolean(contiguity.cContiguous);
  const fortranContiguous = claimsNeeded && Boolean(contiguity.fortranContiguous);
  if (requests(flags, BufferFlags.WRITABLE) && base.readonly) throw new BufferError(messages.notWritable);

  const format = requests(flags, BufferFlags.FORMAT) ? base.format ?? "B" : null;

  if (requests(flags, BufferFlags.C_CONTIGUOUS) && !cContiguous) {
    throw new BufferError(messages.notCContiguous);
  }
  if (requests(flags, BufferFlags.F_CONTIGUOUS) && !fortranContiguous) {
    throw new BufferError(messages.notFortranContiguous);
  }
  if (requests(flags, BufferFlags.ANY_CONTIGUOUS) && !cContiguous && !fortranContiguous) {
    throw new BufferError(messages.notContiguous);
  }
  if (!requests(flags, BufferFlags.INDIRECT) && base.suboffsets !== null) {
    throw new BufferError(messages.needsSuboffsets);
  }

  let { ndim, shape, strides } = base;
  if (!requests(flags, BufferFlags.STRIDES)) {
    if (!cContiguous) throw new BufferError(messages.notCContiguous);
    strides = null;
  }
  if (!requests(flags, BufferFlags.ND)) {
    // SIMPLE or WRITABLE: one flat dimension; len and itemsize stay as they are.
    if (format !== null) throw new BufferError(messages.formatWithoutShape);
    ndim = 1;
    shape = null;
  }

  const record = new CoreRecord(owner, base.memory, base.buf, base.len, base.itemsize, base.readonly, format, ndim, shape, strides, base.suboffsets, base.internal, base.abi);
  // From a checked base, with no contiguity claimed that the base lacks, the
  // record is sound by construction: consumers take it without a second check.
  if (check !== undefined && (contiguity === check || ((check.cContiguous || !cContiguous) && (check.fortranContiguous || !fortranContiguous)))) {
    return freezeServedRecord(record, { check, flags });
  }
  return record;
}
