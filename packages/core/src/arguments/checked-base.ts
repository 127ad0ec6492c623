/**
 * `checkedBase`: a base record checked once, for exporters that answer
 * request after request from the same full buffer with `serveRequest`.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { readOptions } from "../internal/options.ts";
import type { BufferRecord } from "../protocol/buffer-record.ts";
import { isContiguous } from "../protocol/contiguity.ts";
import { GET_BUFFER_OPTIONS, validatedSnapshot, type GetBufferOptions } from "../protocol/get-buffer.ts";
import { freezeCheckedBase } from "../protocol/served-record.ts";
import { assertObject } from "./record-argument.ts";

/**
 * Checks `base` once, as {@link getBuffer} checks an exporter's answer
 * (the request its fields answer), and returns a frozen copy of it. The
 * records {@link serveRequest} answers from that copy are frozen too, and
 * this package's consumers (`getBuffer`, `memoryview`, `NDArray`) take them
 * without checking them again, as long as the memory keeps the size it had
 * here (a resize, a detach or a WebAssembly.Memory's growth sends them back
 * to the full check). Serving from a base that is not checked works as
 * before: every record is checked.
 *
 * Only a base with a format, a shape and strides (for ndim > 0), no
 * suboffsets and non-empty memory is marked; any other is checked and
 * frozen, and its records are checked each time.
 *
 * @throws PyTypeError for a `base` that is no object, or options that are not a plain object of known options.
 * @throws ValueError for an unknown `abi` option.
 * @throws BufferError naming the first problem of `base` (its cause kept when reading it threw).
 * @example
 * ```ts
 * import { checkedBase, serveRequest, fillInfo, memoryview, BufferFlags, getBufferSymbol } from "@pybuffer/core";
 * const messages = {
 *   notWritable: "read-only", notCContiguous: "not C", notFortranContiguous: "not F",
 *   notContiguous: "not contiguous", needsSuboffsets: "suboffsets", formatWithoutShape: "format without shape",
 * };
 * const base = checkedBase(fillInfo(null, new ArrayBuffer(8), 0, 8, false, BufferFlags.FULL));
 * const exporter = {
 *   [getBufferSymbol]: (flags: number) =>
 *     serveRequest(base, flags, exporter, { cContiguous: true, fortranContiguous: true }, messages),
 * };
 * Object.isFrozen(base); // true
 * memoryview(exporter).nbytes; // 8
 * ```
 *
 * @since 0.1.0
 */
export function checkedBase(base: BufferRecord, options?: GetBufferOptions): BufferRecord {
  const { abi } = readOptions(options, "checkedBase", GET_BUFFER_OPTIONS);
  assertObject(base, "checkedBase", "a buffer record");
  const copy = validatedSnapshot(base, "as-present", abi);
  const markable =
    copy.suboffsets === null &&
    copy.format !== null &&
    (copy.ndim === 0 || (copy.shape !== null && copy.strides !== null)) &&
    blockByteLength(copy.memory) > 0;
  if (!markable) return Object.freeze(copy);
  return freezeCheckedBase(copy, {
    abi: copy.abi ?? abi,
    byteLength: blockByteLength(copy.memory),
    cContiguous: isContiguous(copy, "C"),
    fortranContiguous: isContiguous(copy, "F"),
  });
}
