/**
 * A buffer record passed to a C-API helper (`toContiguous`, `getPointer`,
 * ...). C trusts the `Py_buffer *` it is given; JavaScript cannot, so a
 * record that did not come from `getBuffer` is read once and validated
 * exactly like an exporter's answer (`validatedSnapshot`), and the helper
 * works on that snapshot. Records `getBuffer` issued are already known to
 * be sound and pass straight through (one private-slot lookup).
 *
 * @module
 */

import { BufferError, PyTypeError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import type { AbiName } from "../format/abi.ts";
import type { BufferRecord } from "../protocol/buffer-record.ts";
import type { BufferLayout } from "../protocol/contiguity.ts";
import { isIssued, validatedSnapshot } from "../protocol/get-buffer.ts";
import { layoutProblem } from "../protocol/validate-record.ts";

/** PyTypeError "caller() argument must be what, not 'X'" for anything but an object. */
export function assertObject(value: unknown, caller: string, what: string): asserts value is object {
  if (typeof value !== "object" || value === null) {
    throw new PyTypeError(`${caller}() argument must be ${what}, not '${pythonTypeName(value)}'`);
  }
}

/**
 * `value` as a sound record: itself when `getBuffer` issued it, else its
 * validated snapshot (the request its fields answer, `abi` for records
 * that name none).
 *
 * @throws PyTypeError for a non-object; BufferError naming the first problem
 * of a record (the cause kept when reading it threw).
 */
export function recordArgument(value: unknown, caller: string, abi?: AbiName): BufferRecord {
  if (isIssued(value)) return value;
  assertObject(value, caller, "a buffer record");
  return validatedSnapshot(value as BufferRecord, "as-present", abi);
}

/**
 * `value` as a sound {@link BufferLayout} (the fields contiguity depends
 * on), read once into a fresh object: a record `getBuffer` issued passes
 * straight through.
 *
 * @throws PyTypeError for a non-object; BufferError for fields of the wrong kind or length.
 */
export function layoutArgument(value: unknown, caller: string): BufferLayout {
  if (isIssued(value)) return value;
  assertObject(value, caller, "a buffer layout");
  let layout: Record<keyof BufferLayout, unknown>;
  try {
    const source = value as BufferLayout;
    const ndim = source.ndim;
    layout = {
      len: source.len,
      itemsize: source.itemsize,
      ndim,
      shape: copiedArray(source.shape, ndim),
      strides: copiedArray(source.strides, ndim),
      suboffsets: copiedArray(source.suboffsets, ndim),
    };
  } catch (error) {
    throw new BufferError(`invalid buffer layout: reading it raised ${describe(error)}`, { cause: error });
  }
  const problem = layoutProblem(layout) ?? structureProblem(layout as BufferLayout);
  if (problem !== null) throw new BufferError(`invalid buffer layout: ${problem}`);
  return layout as BufferLayout;
}

/** A copy of an array of exactly `ndim` (<= 64) elements, read once; anything else stays as it is, for the check to refuse. */
function copiedArray(values: unknown, ndim: unknown): unknown {
  if (!Array.isArray(values) || typeof ndim !== "number" || !(ndim >= 0 && ndim <= 64)) return values === null ? null : {};
  const length = values.length;
  if (length !== ndim) return {};
  return Array.from({ length }, (_, i) => values[i] as unknown);
}

/** What contiguity reads beyond the fields' kinds: a shape wherever strides are given or ndim is not 1. */
function structureProblem(layout: BufferLayout): string | null {
  if (layout.ndim > 0 && layout.shape === null && (layout.strides !== null || layout.ndim !== 1)) {
    return "a layout without shape must have ndim 1 and no strides";
  }
  return null;
}

/** `Name: message` of anything thrown, without trusting a hostile error's getters. */
function describe(error: unknown): string {
  try {
    if (error instanceof Error) return `${String(error.name)}: ${String(error.message)}`;
  } catch {
    // Named by its type below.
  }
  return pythonTypeName(error);
}
