/**
 * The exporter every `toExporter` returns: a library's array, described in
 * elements (data, offset, shape, strides), served as a buffer record in
 * bytes. Requests are answered by core's `serveRequest`, which runs the
 * decision procedure of `memory_getbuf` (Objects/memoryobject.c).
 *
 * @module
 */

import {
  BufferError,
  checkedBase,
  getBufferSymbol,
  isDetached,
  isMemoryBlock,
  MAX_NDIM,
  pythonTypeNameSymbol,
  serveRequest,
  type BufferExporter,
  type BufferRecord,
  type ExporterContiguity,
  type MemoryBlock,
  type RequestMessages,
} from "@pybuffer/core";
import { isLayoutContiguous, pythonTypeName } from "@pybuffer/core/internal";
import { asObject, readingForeign } from "./read-fields.ts";

/**
 * An array in element units, over `length` elements at `byteOffset` of
 * `memory`: what an {@link ElementExporter} serves.
 *
 * @example
 * ```ts
 * import { ElementExporter, type ElementLayout } from "@pybuffer/interop";
 * import { memoryview } from "@pybuffer/core";
 * const data = new Float32Array([1, 2, 3, 4, 5, 6]);
 * const layout: ElementLayout = {
 *   memory: data.buffer, byteOffset: 0, length: 6, format: "f", itemsize: 4,
 *   shape: [3], strides: [-2], offset: 4, readonly: false,
 * };
 * memoryview(new ElementExporter(data, layout, "my-array")).toList(); // [5, 3, 1]
 * ```
 *
 * @since 0.1.0
 */
export interface ElementLayout {
  /** @since 0.1.0 */
  readonly memory: MemoryBlock;
  /**
   * Byte offset of element 0 of the data in `memory`.
   *
   * @since 0.1.0
   */
  readonly byteOffset: number;
  /**
   * Elements the data holds: no index may reach past it.
   *
   * @since 0.1.0
   */
  readonly length: number;
  /**
   * The `struct` format of one element, and its size in bytes.
   *
   * @since 0.1.0
   */
  readonly format: string;
  /** @since 0.1.0 */
  readonly itemsize: number;
  /** @since 0.1.0 */
  readonly shape: readonly number[];
  /**
   * Strides in elements (negative allowed).
   *
   * @since 0.1.0
   */
  readonly strides: readonly number[];
  /**
   * Element index of item `[0, ..., 0]` in the data.
   *
   * @since 0.1.0
   */
  readonly offset: number;
  /** @since 0.1.0 */
  readonly readonly: boolean;
}

const messagesByLibrary = new Map<string, RequestMessages>();

/** The refusal messages of `library`'s exporters, made once per library. */
function messages(library: string): RequestMessages {
  let found = messagesByLibrary.get(library);
  if (found === undefined) messagesByLibrary.set(library, (found = newMessages(library)));
  return found;
}

function newMessages(library: string): RequestMessages {
  return {
    // PyBuffer_FillInfo's message (Objects/abstract.c), which memory_getbuf also gives for read-only memory.
    notWritable: "Object is not writable.",
    notCContiguous: `${library}: the view is not C-contiguous`,
    notFortranContiguous: `${library}: the view is not Fortran contiguous`,
    notContiguous: `${library}: the view is not contiguous`,
    needsSuboffsets: `${library}: the view requires suboffsets`,
    formatWithoutShape: `${library}: cannot cast to unsigned bytes if the format flag is present`,
  };
}

function isIndex(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/** An {@link ElementLayout} read once, field by field, with shape and strides (in bytes) copied. */
interface Geometry {
  readonly memory: MemoryBlock;
  readonly byteOffset: number;
  readonly length: number;
  readonly itemsize: number;
  readonly shape: readonly number[];
  readonly byteStrides: readonly number[];
  readonly offset: number;
  /** Items the view holds: the product of the shape. */
  readonly items: number;
  readonly format: string;
  readonly readonly: boolean;
}

/**
 * Reads the geometry a foreign object claims, each field once (a getter
 * cannot answer the check and the copy differently), and checks it: nothing
 * may reach outside its data.
 */
function readGeometry(layout: ElementLayout, library: string): Geometry {
  const { memory, byteOffset, itemsize, shape, strides, offset, length, format, readonly } = layout;
  if (typeof format !== "string" || typeof readonly !== "boolean") {
    throw new BufferError(`${library}: the format must be a string and readonly a boolean`);
  }
  if (!isMemoryBlock(memory)) throw new BufferError(`${library}: the memory must be an ArrayBuffer or SharedArrayBuffer`);
  if (!isIndex(byteOffset) || !isIndex(length) || !isIndex(itemsize) || byteOffset < 0 || length < 0 || itemsize < 1) {
    throw new BufferError(`${library}: byteOffset, length and itemsize must be non-negative integers (itemsize at least 1)`);
  }
  if (byteOffset + length * itemsize > memory.byteLength) {
    throw new BufferError(`${library}: the data (${length} elements at byte ${byteOffset}) reaches past the memory's ${memory.byteLength} bytes`);
  }
  if (!Array.isArray(shape) || !Array.isArray(strides) || shape.length !== strides.length) {
    throw new BufferError(`${library}: shape and strides must be arrays of the same length`);
  }
  const ndim = shape.length;
  if (ndim > MAX_NDIM) throw new BufferError(`${library}: ndim ${ndim} exceeds the maximum of ${MAX_NDIM}`);
  // Loops rather than every() and map(): this runs on every toExporter.
  const extents = new Array<number>(ndim);
  const steps = new Array<number>(ndim);
  let integers = isIndex(offset);
  for (let dim = 0; dim < ndim; dim++) {
    const extent: unknown = shape[dim];
    const step: unknown = strides[dim];
    integers &&= isIndex(extent) && extent >= 0 && isIndex(step);
    extents[dim] = extent as number;
    steps[dim] = step as number;
  }
  if (!integers) throw new BufferError(`${library}: shape, strides and offset must be integers (extents non-negative)`);
  let low = offset;
  let high = offset;
  let items = 1;
  for (let dim = 0; dim < ndim; dim++) {
    const span = (extents[dim]! - 1) * steps[dim]!;
    if (span < 0) low += span;
    else high += span;
    items *= extents[dim]!;
    steps[dim] = steps[dim]! * itemsize;
  }
  if (items > 0 && (low < 0 || high >= length)) {
    throw new BufferError(`${library}: the view reaches elements ${low} to ${high}, outside its data of ${length} elements`);
  }
  // Not frozen here: checkedBase keeps its own frozen copies.
  return { memory, byteOffset, length, itemsize, shape: extents, byteStrides: steps, offset, items, format, readonly };
}

/**
 * A library's array as a buffer exporter. It shares the array's memory: a
 * write through either side is seen by the other.
 *
 * @example
 * ```ts
 * import ndarray from "ndarray";
 * import { memoryview } from "@pybuffer/core";
 * import { toExporter } from "@pybuffer/interop/ndarray";
 * const exporter = toExporter(ndarray(new Int16Array([1, 2, 3, 4]), [2, 2]));
 * exporter.source.shape;              // [2, 2]: the scijs array it exports
 * memoryview(exporter).toList();      // [[1, 2], [3, 4]]
 * ```
 *
 * @since 0.1.0
 */
export class ElementExporter<Source> implements BufferExporter {
  /**
   * The library's object this exporter serves.
   *
   * @since 0.1.0
   */
  readonly source: Source;
  readonly #library: string;
  readonly #messages: RequestMessages;
  /**
   * The base every request is answered from: as built for the first
   * request (whose consumer checks it like any exporter's answer), then, from
   * the second, core's checked copy, whose records consumers take without a
   * second check. An exporter viewed once pays no check of its own.
   */
  #base: BufferRecord;
  #state: "new" | "asked" | "checked" = "new";
  readonly #contiguity: ExporterContiguity;
  /** One past the last byte of the data: the memory must still reach it at every request. */
  readonly #end: number;

  /**
   * @throws BufferError when the geometry is not integers or reaches outside the data.
   * @throws TypeError when `layout` is not an object or a field of it cannot be read (a getter that throws).
   *
   * @since 0.1.0
   */
  constructor(source: Source, layout: ElementLayout, library: string) {
    // The name goes into every message: a hostile one is shown as its type's name.
    const name = typeof library === "string" ? library : pythonTypeName(library);
    const { memory, byteOffset, length, itemsize, shape, byteStrides, offset, items, format, readonly } = readingForeign(`${name}: the layout`, () =>
      readGeometry(asObject(layout, `${name}: a layout`) as unknown as ElementLayout, name),
    );
    this.source = source;
    this.#library = name;
    this.#messages = messages(name);
    // An empty view reaches no byte; its start is clamped into the data so the record stays inside the block.
    const start = items === 0 ? Math.min(Math.max(offset, 0), length) : offset;
    const ndim = shape.length;
    // Built once: every request shares it (serveRequest never mutates its base).
    const base: BufferRecord = {
      obj: this,
      memory,
      buf: byteOffset + start * itemsize,
      len: items * itemsize,
      itemsize,
      readonly,
      format,
      ndim,
      // A 0-d buffer has neither (Py_buffer docs: "If ndim is 0, ... shape and strides ... NULL").
      shape: ndim === 0 ? null : shape,
      strides: ndim === 0 ? null : byteStrides,
      suboffsets: null,
      internal: null,
    };
    this.#base = base;
    // The geometry was checked above: the unchecked test (the public isContiguous re-reads and re-checks its argument).
    this.#contiguity = { cContiguous: isLayoutContiguous(base, "C"), fortranContiguous: isLayoutContiguous(base, "F") };
    this.#end = byteOffset + length * itemsize;
  }

  /**
   * The name errors give this exporter: the library's.
   *
   * @since 0.1.0
   */
  get [pythonTypeNameSymbol](): string {
    return this.#library;
  }

  /**
   * `bf_getbuffer`: answers `flags` in CPython's order.
   *
   * @throws BufferError for a request the view cannot meet, or when its memory is gone.
   *
   * @since 0.1.0
   */
  [getBufferSymbol](flags: number): BufferRecord {
    const memory = this.#base.memory;
    if (isDetached(memory) || memory.byteLength < this.#end) {
      throw new BufferError(`${this.#library}: the array's memory is gone (detached or shrunk)`);
    }
    if (this.#state === "asked") {
      // Asked again: the base is checked once, for this request and those to come.
      this.#base = checkedBase(this.#base);
      this.#state = "checked";
    } else if (this.#state === "new") {
      this.#state = "asked";
    }
    return serveRequest(this.#base, flags, this, this.#contiguity, this.#messages);
  }
}
