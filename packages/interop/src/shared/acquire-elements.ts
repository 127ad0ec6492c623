/**
 * The `fromExporter` side shared by every bridge: take a buffer from any
 * exporter and describe its items in element units, in place when a
 * TypedArray can address them, else as a C-order copy (when allowed).
 *
 * @module
 */

import {
  BufferError,
  BufferFlags,
  getBuffer,
  isContiguous,
  releaseBuffer,
  toContiguous,
  type BufferRecord,
} from "@pybuffer/core";
import type { CopyPolicy } from "./copy-policy.ts";
import { kindOfFormat, type ElementKind } from "./element-kinds.ts";
import type { ElementLayout } from "./element-exporter.ts";

/** What a bridge needs of the buffer it builds its object over. */
export interface ElementRequest {
  /** The library's name, first in every message. */
  readonly library: string;
  readonly copy: CopyPolicy;
  /** Whether the library needs writable memory (it has no read-only arrays): read-only memory then needs a copy. */
  readonly needsWritable: boolean;
  /** Whether the library has no strides (Arrow): a layout that is not C-contiguous then needs a copy. */
  readonly needsCContiguous: boolean;
  /** Why the library cannot hold items of `kind`, or `null` when it can. */
  readonly refuseKind: (kind: ElementKind) => string | null;
}

/** An element type, or `"bytes"`: an item of `itemsize` opaque bytes (`struct` format `<k>s`). */
export type BlockKind = ElementKind | "bytes";

/**
 * The exporter's items in element units, as an {@link ElementLayout}
 * describes an array (`length` elements at `byteOffset` of `memory`), with
 * the element type instead of the format.
 */
export interface ElementBlock<Kind extends BlockKind = ElementKind> extends Omit<ElementLayout, "format"> {
  readonly kind: Kind;
  /**
   * The export the block reads, to be held by the library's data until it
   * is collected; `null` for a copy (already released).
   */
  readonly held: BufferRecord | null;
}

/** A buffer from `exporter`, writable if the exporter can give one and the library wants one. */
function takeBuffer(exporter: unknown, wantWritable: boolean): BufferRecord {
  if (wantWritable) {
    try {
      return getBuffer(exporter, BufferFlags.FULL);
    } catch (error) {
      // Read-only memory refuses WRITABLE with BufferError; anything else (not an exporter...) propagates.
      if (!(error instanceof BufferError)) throw error;
    }
  }
  return getBuffer(exporter, BufferFlags.FULL_RO);
}

/** Why `record` cannot be addressed in place by the library's TypedArray, or `null` when it can. */
function reasonToCopy(record: BufferRecord, request: ElementRequest, kind: BlockKind): string | null {
  const { itemsize } = record;
  if (record.suboffsets !== null) return "its memory is PIL-style (suboffsets), which a TypedArray cannot follow";
  // node-adapter's toBuffer refuses the same: a fixed-length TypedArray over memory that shrinks reads `undefined`.
  if (record.memory instanceof ArrayBuffer && record.memory.resizable) {
    return "its memory is a resizable ArrayBuffer that nothing stops from shrinking under the library's TypedArray";
  }
  if (request.needsWritable && record.readonly) {
    return "its memory is read-only, and the library's arrays cannot be made read-only";
  }
  // A TypedArray starts at a multiple of its element size; opaque bytes are read through a Uint8Array.
  if (kind !== "bytes" && record.buf % itemsize !== 0) {
    return `its first item is at byte ${record.buf}, not a multiple of the itemsize ${itemsize}`;
  }
  const strides = record.strides ?? [];
  // Loops, not array builtins, over the record's arrays: V8 takes a slow path for those over frozen arrays.
  for (let dim = 0; dim < strides.length; dim++) {
    if (strides[dim]! % itemsize !== 0) return `its strides ${JSON.stringify(strides)} are not multiples of the itemsize ${itemsize}`;
  }
  if (request.needsCContiguous && !isContiguous(record, "C")) return "it is not C-contiguous, and the library has no strides";
  return null;
}

function inPlace<Kind extends BlockKind>(record: BufferRecord, kind: Kind): ElementBlock<Kind> {
  const itemsize = record.itemsize;
  const shape = record.shape ?? [];
  const strides = record.strides ?? [];
  let low = record.buf;
  let high = record.buf;
  const items = record.len / itemsize;
  for (let dim = 0; dim < shape.length; dim++) {
    const span = (shape[dim]! - 1) * strides[dim]!;
    if (span < 0) low += span;
    else high += span;
  }
  // The data covers exactly the items the view reaches, never the rest of the block.
  const length = items === 0 ? 0 : (high - low) / itemsize + 1;
  return {
    memory: record.memory,
    // No item, no byte to reach: an empty TypedArray at 0 (any other start may be misaligned or past the end).
    byteOffset: items === 0 ? 0 : low,
    length,
    kind,
    itemsize,
    shape,
    strides: elementStrides(strides, itemsize),
    offset: items === 0 ? 0 : (record.buf - low) / itemsize,
    readonly: record.readonly,
    held: record,
  };
}

/** Byte strides as element strides (a loop: see reasonToCopy). */
function elementStrides(strides: readonly number[], itemsize: number): number[] {
  const steps = new Array<number>(strides.length);
  for (let dim = 0; dim < strides.length; dim++) steps[dim] = strides[dim]! / itemsize;
  return steps;
}

function copied<Kind extends BlockKind>(record: BufferRecord, kind: Kind): ElementBlock<Kind> {
  const bytes = toContiguous(record, "C");
  const memory = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(memory).set(bytes);
  const shape = record.shape ?? [];
  const strides: number[] = new Array<number>(shape.length);
  for (let dim = shape.length - 1, step = 1; dim >= 0; dim--) {
    strides[dim] = step;
    step *= shape[dim]!;
  }
  return {
    memory,
    byteOffset: 0,
    length: record.len / record.itemsize,
    kind,
    itemsize: record.itemsize,
    shape,
    strides,
    offset: 0,
    readonly: false,
    held: null,
  };
}

/** Whether a record's items are `<k>s`: k opaque bytes each. */
function isBytesFormat(format: string | null): boolean {
  return format !== null && /^[@=<>!]?\d+s$/.test(format);
}

/**
 * The items of `exporter`, in place or copied as `request` allows. The
 * caller builds its object over the block and, for a block read in place,
 * hands `held` to `holdExportWhileAlive` with the object's data.
 *
 * @throws BufferError for items the library cannot hold, or a layout that needs a copy under `copy: "never"`.
 */
export function acquireElements(exporter: unknown, request: ElementRequest): ElementBlock {
  return acquire(exporter, request, false) as ElementBlock;
}

/**
 * As {@link acquireElements}, and items of format `<k>s` (k bytes each,
 * Arrow's FixedSizeBinary) are accepted too, as kind `"bytes"`.
 */
export function acquireItems(exporter: unknown, request: ElementRequest): ElementBlock<BlockKind> {
  return acquire(exporter, request, true);
}

function acquire(exporter: unknown, request: ElementRequest, acceptsBytes: boolean): ElementBlock<BlockKind> {
  const record = takeBuffer(exporter, request.needsWritable);
  try {
    const kind: BlockKind | null = acceptsBytes && isBytesFormat(record.format) ? "bytes" : kindOfFormat(record.format, record.itemsize);
    if (kind === null) {
      throw new BufferError(
        `${request.library}.fromExporter: format ${JSON.stringify(record.format ?? "B")} (itemsize ${record.itemsize}) is not one native number; ` +
          `cast the buffer to one (memoryview.cast) first`,
      );
    }
    const refused = kind === "bytes" ? null : request.refuseKind(kind);
    if (refused !== null) throw new BufferError(`${request.library}.fromExporter: ${refused}`);
    const reason = reasonToCopy(record, request, kind);
    if (reason === null) return inPlace(record, kind);
    if (request.copy === "never") {
      throw new BufferError(`${request.library}.fromExporter: the buffer cannot be used in place: ${reason}; pass { copy: "if-needed" } to copy it`);
    }
    const block = copied(record, kind);
    releaseBuffer(record);
    return block;
  } catch (error) {
    releaseBuffer(record);
    throw error;
  }
}
