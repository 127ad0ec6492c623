/**
 * The exporter every `toExporter` returns: a library's array, described in
 * elements (data, offset, shape, strides), served as a buffer record in
 * bytes. Requests are answered by core's `serveRequest`, which runs the
 * decision procedure of `memory_getbuf` (Objects/memoryobject.c).
 *
 * @module
 */

import { getBufferSymbol, pythonTypeNameSymbol, type BufferExporter, type BufferRecord, type MemoryBlock, type RequestMessages } from "@pybuffer/core";
import { checkedElementBase, pythonTypeName, type CheckedElements } from "@pybuffer/core/internal";
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
  /** The base every request is answered from, checked by core when the exporter is made: consumers take its records without a second check. */
  readonly #elements: CheckedElements;

  /**
   * @throws BufferError when the geometry is not integers, reaches outside the data, or its itemsize disagrees with its format.
   * @throws TypeError when `layout` is not an object or a field of it cannot be read (a getter that throws).
   *
   * @since 0.1.0
   */
  constructor(source: Source, layout: ElementLayout, library: string) {
    // The name goes into every message: a hostile one is shown as its type's name.
    const name = typeof library === "string" ? library : pythonTypeName(library);
    this.#elements = readingForeign(`${name}: the layout`, () =>
      checkedElementBase(this, asObject(layout, `${name}: a layout`) as unknown as ElementLayout, name, messages(name)),
    );
    this.source = source;
    this.#library = name;
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
    return this.#elements.serve(flags);
  }
}
