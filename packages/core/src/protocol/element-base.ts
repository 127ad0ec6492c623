/**
 * The base record of an array described in elements (a memory block, the
 * data's offset and length, shape, strides and start in items), as the
 * JavaScript array libraries describe theirs: checked here, by core, once,
 * when the exporter is made, and marked as checked, so that every request,
 * the first included, is answered with a record consumers take without a
 * second check (see `checkedBase`).
 *
 * The checks are a consumer's (`recordProblem`), asked in the terms the
 * library gave: every item lies inside the data, the data inside its
 * memory, the itemsize agrees with the format (`PyBuffer_SizeFromFormat`,
 * Objects/abstract.c), ndim is at most `PyBUF_MAX_NDIM`.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { BufferError } from "../errors/python-errors.ts";
import { abiProfile } from "../format/abi.ts";
import type { BufferRecord, MemoryBlock } from "./buffer-record.ts";
import { CoreRecord } from "./core-record.ts";
import { isDetached, isMemoryBlock } from "./builtin-exporters.ts";
import { isContiguous } from "./contiguity.ts";
import { MAX_NDIM } from "./flags.ts";
import { serveRequest, type RequestMessages } from "./serve-request.ts";
import { markCheckedBase, type BaseCheck } from "./served-record.ts";
import { itemsizeProblem } from "./validate-record.ts";

/** An array in element units, over `length` items at `byteOffset` of `memory`. */
export interface ElementGeometry {
  readonly memory: MemoryBlock;
  /** Byte offset of item 0 of the data in `memory`. */
  readonly byteOffset: number;
  /** Items the data holds: no index may reach past it. */
  readonly length: number;
  readonly format: string;
  readonly itemsize: number;
  readonly shape: readonly number[];
  /** Strides in items (negative allowed). */
  readonly strides: readonly number[];
  /** Item index of item `[0, ..., 0]` in the data. */
  readonly offset: number;
  readonly readonly: boolean;
}

/**
 * An element array's base, checked by core, and what serving it needs.
 * Nothing of it is reachable from outside: the base and its check are
 * private, so no caller can change them after the check.
 */
export class CheckedElements {
  readonly #base: CoreRecord;
  readonly #check: BaseCheck;
  readonly #end: number;
  readonly #library: string;
  readonly #messages: RequestMessages;

  constructor(base: CoreRecord, check: BaseCheck, end: number, library: string, messages: RequestMessages) {
    this.#base = base;
    this.#check = check;
    this.#end = end;
    this.#library = library;
    this.#messages = messages;
  }

  /**
   * `bf_getbuffer`: answers `flags` from the base for its owner, in CPython's order.
   *
   * @throws BufferError for a request the view cannot meet, or when its memory is gone.
   */
  serve(flags: number): BufferRecord {
    const memory = this.#base.memory;
    const size = blockByteLength(memory);
    if (size < this.#end || (size === 0 && isDetached(memory))) {
      throw new BufferError(`${this.#library}: the array's memory is gone (detached or shrunk)`);
    }
    return serveRequest(this.#base, flags, this.#base.obj!, this.#check, this.#messages);
  }
}

/**
 * The check of an element base, which is also its exporter's claim of
 * contiguity (it claims exactly what the layout has): each contiguity is
 * found on its first read, since a memoryview's request needs neither.
 */
class ElementCheck implements BaseCheck {
  readonly abi = undefined;
  readonly byteLength: number;
  readonly #base: CoreRecord;
  #cContiguous: boolean | undefined = undefined;
  #fortranContiguous: boolean | undefined = undefined;

  constructor(base: CoreRecord, byteLength: number) {
    this.#base = base;
    this.byteLength = byteLength;
  }

  get cContiguous(): boolean {
    return (this.#cContiguous ??= isContiguous(this.#base, "C"));
  }

  get fortranContiguous(): boolean {
    return (this.#fortranContiguous ??= isContiguous(this.#base, "F"));
  }
}

function isIndex(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/**
 * Reads `geometry`'s fields once each (a getter cannot answer the check and
 * the record differently), checks them, and builds the base record `owner`
 * serves: `library` starts every message. Shape and strides are copied.
 *
 * @throws BufferError for a geometry that is not integers, reaches outside its data or memory, or whose itemsize disagrees with its format.
 */
export function checkedElementBase(owner: object, geometry: ElementGeometry, library: string, messages: RequestMessages): CheckedElements {
  const { memory, byteOffset, itemsize, shape, strides, offset, length, format, readonly } = geometry;
  if (typeof format !== "string" || typeof readonly !== "boolean") {
    throw new BufferError(`${library}: the format must be a string and readonly a boolean`);
  }
  if (!isMemoryBlock(memory)) throw new BufferError(`${library}: the memory must be an ArrayBuffer or SharedArrayBuffer`);
  // Its real size: never a `byteLength` the block defines of its own.
  const memoryLength = blockByteLength(memory);
  if (!isIndex(byteOffset) || !isIndex(length) || !isIndex(itemsize) || byteOffset < 0 || length < 0 || itemsize < 1) {
    throw new BufferError(`${library}: byteOffset, length and itemsize must be non-negative integers (itemsize at least 1)`);
  }
  const end = byteOffset + length * itemsize;
  if (end > memoryLength) {
    throw new BufferError(`${library}: the data (${length} elements at byte ${byteOffset}) reaches past the memory's ${memoryLength} bytes`);
  }
  const sizeProblem = itemsizeProblem(format, itemsize, abiProfile());
  if (sizeProblem !== null) throw new BufferError(`${library}: ${sizeProblem}`);
  if (!Array.isArray(shape) || !Array.isArray(strides) || shape.length !== strides.length) {
    throw new BufferError(`${library}: shape and strides must be arrays of the same length`);
  }
  const ndim = shape.length;
  if (ndim > MAX_NDIM) throw new BufferError(`${library}: ndim ${ndim} exceeds the maximum of ${MAX_NDIM}`);
  // Loops rather than every() and map(): this runs for every exporter made.
  const extents = new Array<number>(ndim);
  const byteStrides = new Array<number>(ndim);
  let integers = isIndex(offset);
  for (let dim = 0; dim < ndim; dim++) {
    const extent: unknown = shape[dim];
    const step: unknown = strides[dim];
    integers &&= isIndex(extent) && extent >= 0 && isIndex(step);
    extents[dim] = extent as number;
    byteStrides[dim] = step as number;
  }
  if (!integers) throw new BufferError(`${library}: shape, strides and offset must be integers (extents non-negative)`);
  let low = offset;
  let high = offset;
  let items = 1;
  let widest = 0;
  for (let dim = 0; dim < ndim; dim++) {
    const span = (extents[dim]! - 1) * byteStrides[dim]!;
    if (span < 0) low += span;
    else high += span;
    items *= extents[dim]!;
    byteStrides[dim] = byteStrides[dim]! * itemsize;
    widest = Math.max(widest, Math.abs(byteStrides[dim]!));
  }
  if (items > 0 && (low < 0 || high >= length)) {
    throw new BufferError(`${library}: the view reaches elements ${low} to ${high}, outside its data of ${length} elements`);
  }
  // What a consumer checks of any record's layout (layoutProblem): a len and strides a Py_ssize_t holds.
  if (!Number.isSafeInteger(items * itemsize)) throw new BufferError(`${library}: len ${items * itemsize} is not a non-negative integer`);
  if (widest > 2 ** 63) throw new BufferError(`${library}: strides is not null or an array of ${ndim} integers`);
  // An empty view reaches no byte; its start is clamped into the data so the record stays inside the block.
  const start = items === 0 ? Math.min(Math.max(offset, 0), length) : offset;
  const base = new CoreRecord(
    owner,
    memory,
    byteOffset + start * itemsize,
    items * itemsize,
    itemsize,
    readonly,
    format,
    ndim,
    // A 0-d buffer has neither (Py_buffer docs: "If ndim is 0, ... shape and strides ... NULL").
    ndim === 0 ? null : Object.freeze(extents),
    ndim === 0 ? null : Object.freeze(byteStrides),
    null,
    null,
  );
  const check = new ElementCheck(base, memoryLength);
  // The base stays private, unfrozen (see markCheckedBase). An empty memory
  // block cannot tell a detached buffer from an empty one: its records take
  // the full check.
  if (memoryLength !== 0) markCheckedBase(base, check);
  return new CheckedElements(base, check, end, library, messages);
}
