/**
 * `MemoryRegion`: typed items in memory that can grow, shrink, move or be
 * detached under them: a resizable `ArrayBuffer`, a growable
 * `SharedArrayBuffer`, or a `WebAssembly.Memory` (whose `grow()` replaces
 * its `buffer` and detaches the old one). Nothing in JavaScript can veto
 * those changes, so the region checks, at every export and every access,
 * that its items are still inside the memory, and refuses with a
 * `BufferError` that says what happened instead of reading zeros.
 *
 * @module
 */

import { isWasmMemory as isCoreWasmMemory } from "@pybuffer/core";
import { blockByteLength, optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import {
  calcsize,
  fillContiguousStrides,
  isContiguous,
  isMemoryBlock,
  isSharedArrayBuffer,
  MAX_NDIM,
  PyTypeError,
  serveRequest,
  ValueError,
  getBufferSymbol,
  growableBlock,
  releaseBufferSymbol,
  type AbiName,
  type BufferExporter,
  type BufferRecord,
  type MemoryBlock,
  type RequestMessages,
} from "@pybuffer/core";
import { assertMemoryReaches } from "../platform/memory-state.ts";
import { ExportTracker } from "./export-tracker.ts";
import { markWasmBuffer } from "./memory-kinds.ts";

/**
 * A `WebAssembly.Memory`, as far as this package uses one (declared here so
 * that no DOM or WebAssembly type library is needed).
 *
 * @example
 * ```ts
 * import type { WebAssemblyMemory } from "@pybuffer/node-adapter";
 * const memory: WebAssemblyMemory = new WebAssembly.Memory({ initial: 1 });
 * memory.buffer.byteLength; // 65536
 * ```
 *
 * @since 0.1.0
 */
export interface WebAssemblyMemory {
  /**
   * The current memory block; `grow()` replaces it (and detaches the old one unless shared).
   *
   * @since 0.1.0
   */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /**
   * Adds `delta` pages of 64 KiB; returns the previous size in pages.
   *
   * @since 0.1.0
   */
  grow(delta: number): number;
}

/**
 * Memory a {@link MemoryRegion} can live in.
 *
 * @example
 * ```ts
 * import type { GrowableMemory } from "@pybuffer/node-adapter";
 * const sources: GrowableMemory[] = [
 *   new ArrayBuffer(8, { maxByteLength: 64 }),
 *   new SharedArrayBuffer(8, { maxByteLength: 64 }),
 *   new WebAssembly.Memory({ initial: 1 }),
 * ];
 * ```
 *
 * @since 0.1.0
 */
export type GrowableMemory = ArrayBuffer | SharedArrayBuffer | WebAssemblyMemory;

/**
 * Where a {@link MemoryRegion}'s items lie and what they are.
 *
 * @example
 * ```ts
 * import type { MemoryRegionOptions } from "@pybuffer/node-adapter";
 * const rows: MemoryRegionOptions = { byteOffset: 1024, format: "<f", shape: [4, 3] };
 * ```
 *
 * @since 0.1.0
 */
export interface MemoryRegionOptions {
  /**
   * Byte offset of item `[0, ..., 0]` in the memory; default 0.
   *
   * @since 0.1.0
   */
  readonly byteOffset?: number;
  /**
   * A `struct` format for one item; default `"B"`.
   *
   * @since 0.1.0
   */
  readonly format?: string;
  /**
   * The extents. Default: one dimension reaching to the end of the memory,
   * measured again at every export (like a length-tracking TypedArray).
   *
   * @since 0.1.0
   */
  readonly shape?: readonly number[];
  /**
   * Byte strides, one per dimension (negative allowed); default C order. Needs `shape`.
   *
   * @since 0.1.0
   */
  readonly strides?: readonly number[];
  /**
   * Export read-only; default `false`.
   *
   * @since 0.1.0
   */
  readonly readonly?: boolean;
  /**
   * Native sizes for the format; default `wasm32` for a WebAssembly.Memory, `lp64` otherwise.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

const MESSAGES: RequestMessages = {
  notWritable: "Object is not writable.",
  notCContiguous: "MemoryRegion: the region is not C-contiguous",
  notFortranContiguous: "MemoryRegion: the region is not Fortran contiguous",
  notContiguous: "MemoryRegion: the region is not contiguous",
  needsSuboffsets: "MemoryRegion: the region requires suboffsets",
  formatWithoutShape: "MemoryRegion: cannot cast to unsigned bytes if the format flag is present",
};

/** The geometry of the items at one moment. */
interface Geometry {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly len: number;
  /** One past the highest byte an item occupies (the byte offset, when there are no items). */
  readonly end: number;
}

/** core's brand check (it runs none of the value's code, so a revoked Proxy or a spoofed tag is simply not one). */
const isWasmMemory = (value: unknown): value is WebAssemblyMemory => isCoreWasmMemory(value);

function nonNegativeInteger(value: unknown, what: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new ValueError(`MemoryRegion: ${what} must be a non-negative integer, not ${String(value)}`);
  }
  return value as number;
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const MEMORY_REGION_OPTIONS: OptionChecks<MemoryRegionOptions> = { abi: optionChecks.abi, byteOffset: optionChecks.any as OptionCheck<never>, format: optionChecks.any as OptionCheck<never>, readonly: optionChecks.any as OptionCheck<never>, shape: optionChecks.any as OptionCheck<never>, strides: optionChecks.any as OptionCheck<never> };

/**
 * A region of growable memory, as an exporter: items with a `struct`
 * format, a shape and strides, at a byte offset. A record or view taken
 * before a `WebAssembly.Memory` grew goes on over the grown memory at the
 * same offsets (growth keeps every address; core's consumers follow it).
 * One taken before a resizable buffer shrank below its items, or before
 * its ArrayBuffer was transferred, is an error at its next access (core's
 * `MemoryView` and this package's I/O check every time). New exports always
 * see the memory as it is now.
 *
 * @example
 * ```ts
 * import { memoryview } from "@pybuffer/core";
 * import { MemoryRegion } from "@pybuffer/node-adapter";
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const points = new MemoryRegion(memory, { byteOffset: 64, format: "<i", shape: [3, 2] });
 * const view = memoryview(points);
 * view.set([0, 1], 7);        // writes the wasm module's memory
 * memory.grow(1);             // detaches the buffer the view was made over
 * view.get([0, 1]);           // 7: the view follows the grown memory
 * view.release();
 * ```
 *
 * @since 0.1.0
 */
export class MemoryRegion implements BufferExporter {
  readonly #source: GrowableMemory;
  readonly #byteOffset: number;
  readonly #format: string;
  readonly #itemsize: number;
  readonly #shape: readonly number[] | null;
  readonly #strides: readonly number[] | null;
  readonly #readonly: boolean;
  readonly #abi: AbiName | undefined;
  readonly #exports = new ExportTracker();

  /**
   * @throws PyTypeError when `source` is not an ArrayBuffer, SharedArrayBuffer or WebAssembly.Memory.
   * @throws ValueError for a bad offset, shape or strides, or items outside the memory as it is now.
   * @throws StructError for a bad format.
   *
   * @since 0.1.0
   */
  constructor(source: GrowableMemory, options: MemoryRegionOptions = {}) {
    options = readOptions(options, "MemoryRegion", MEMORY_REGION_OPTIONS);
    if (!isMemoryBlock(source) && !isWasmMemory(source)) {
      throw new PyTypeError("MemoryRegion: expected an ArrayBuffer, SharedArrayBuffer or WebAssembly.Memory");
    }
    this.#source = source;
    this.#byteOffset = nonNegativeInteger(options.byteOffset ?? 0, "byteOffset");
    this.#abi = options.abi ?? (isWasmMemory(source) ? "wasm32" : undefined);
    this.#format = options.format ?? "B";
    this.#itemsize = calcsize(this.#format, this.#abi === undefined ? {} : { abi: this.#abi });
    if (this.#itemsize === 0) throw new ValueError("MemoryRegion: itemsize cannot be zero");
    this.#readonly = options.readonly ?? false;
    const { shape, strides } = options;
    if (shape === undefined) {
      if (strides !== undefined) throw new ValueError("MemoryRegion: strides need a shape");
      this.#shape = null;
      this.#strides = null;
    } else {
      if (shape.length > MAX_NDIM) throw new ValueError(`MemoryRegion: ndim must not exceed ${MAX_NDIM}`);
      this.#shape = Object.freeze(shape.map((extent) => nonNegativeInteger(extent, "every extent")));
      if (strides !== undefined) {
        if (strides.length !== shape.length || !strides.every((s) => Number.isSafeInteger(s))) {
          throw new ValueError("MemoryRegion: strides must be one integer per dimension");
        }
        this.#strides = Object.freeze([...strides]);
      } else {
        this.#strides = null;
      }
    }
    const memory = this.#currentMemory();
    const geometry = this.#geometry(memory);
    const low = this.#lowestByte(geometry);
    if (low < 0 || geometry.end > blockByteLength(memory)) {
      throw new ValueError(
        `MemoryRegion: the items reach bytes ${low} to ${geometry.end}, outside the memory of ${blockByteLength(memory)} bytes`,
      );
    }
  }

  /** The memory block as it is now (a WebAssembly.Memory's current `buffer`). */
  #currentMemory(): MemoryBlock {
    const source = this.#source;
    if (!isWasmMemory(source)) return source;
    // growableBlock: records and views over it follow the memory's growth.
    const buffer = growableBlock(source);
    if (!isSharedArrayBuffer(buffer)) markWasmBuffer(buffer);
    return buffer;
  }

  #geometry(memory: MemoryBlock): Geometry {
    const itemsize = this.#itemsize;
    const shape = this.#shape ?? [Math.max(0, Math.floor((blockByteLength(memory) - this.#byteOffset) / itemsize))];
    const strides = this.#strides ?? fillContiguousStrides(shape, itemsize, "C");
    let len = itemsize;
    let high = 0;
    for (let dim = 0; dim < shape.length; dim++) {
      len *= shape[dim]!;
      const span = strides[dim]! * (shape[dim]! - 1);
      if (span > 0) high += span;
    }
    return { shape, strides, len, end: len === 0 ? this.#byteOffset : this.#byteOffset + high + itemsize };
  }

  #lowestByte(geometry: Geometry): number {
    if (geometry.len === 0) return this.#byteOffset;
    let low = this.#byteOffset;
    geometry.shape.forEach((extent, dim) => {
      const span = geometry.strides[dim]! * (extent - 1);
      if (span < 0) low += span;
    });
    return low;
  }

  /** The memory and geometry, after checking every item is still inside the memory. */
  #live(): { memory: MemoryBlock; geometry: Geometry } {
    const memory = this.#currentMemory();
    const geometry = this.#geometry(memory);
    assertMemoryReaches(memory, geometry.end, "the region");
    return { memory, geometry };
  }

  /**
   * What the region was made over: the ArrayBuffer, SharedArrayBuffer or WebAssembly.Memory.
   *
   * @since 0.1.0
   */
  get source(): GrowableMemory {
    return this.#source;
  }

  /**
   * The memory block now: a WebAssembly.Memory's current `buffer`.
   *
   * @throws BufferError when the items are no longer inside it (detached or shrunk).
   *
   * @since 0.1.0
   */
  get memory(): MemoryBlock {
    return this.#live().memory;
  }

  /**
   * Byte offset of item `[0, ..., 0]`.
   *
   * @since 0.1.0
   */
  get byteOffset(): number {
    return this.#byteOffset;
  }

  /** @since 0.1.0 */
  get format(): string {
    return this.#format;
  }

  /** @since 0.1.0 */
  get itemsize(): number {
    return this.#itemsize;
  }

  /** @since 0.1.0 */
  get readonly(): boolean {
    return this.#readonly;
  }

  /**
   * The ABI whose native sizes the format uses.
   *
   * @since 0.1.0
   */
  get abi(): AbiName | undefined {
    return this.#abi;
  }

  /**
   * The extents now (a region without a fixed shape follows the memory's length).
   *
   * @since 0.1.0
   */
  get shape(): number[] {
    return [...this.#geometry(this.#currentMemory()).shape];
  }

  /**
   * The byte strides now.
   *
   * @since 0.1.0
   */
  get strides(): number[] {
    return [...this.#geometry(this.#currentMemory()).strides];
  }

  /**
   * Buffers exported and not yet released (a holder that was garbage-collected counts as released).
   *
   * @since 0.1.0
   */
  get exports(): number {
    return this.#exports.count;
  }

  /**
   * Checks that every item is inside the memory now.
   *
   * @throws BufferError naming what happened: detached, or resized below the items.
   * @example
   * ```ts
   * import { MemoryRegion } from "@pybuffer/node-adapter";
   * const memory = new ArrayBuffer(16, { maxByteLength: 16 });
   * const region = new MemoryRegion(memory, { format: "<d", shape: [2] });
   * memory.resize(8);
   * try { region.check(); } catch (e) { (e as Error).message; } // "... resized to 8 bytes, below the 16 bytes ..."
   * ```
   *
   * @since 0.1.0
   */
  check(): void {
    this.#live();
  }

  /**
   * `bf_getbuffer`: CPython's decision procedure over the items as they are now.
   *
   * @since 0.1.0
   */
  [getBufferSymbol](flags: number): BufferRecord {
    const { memory, geometry } = this.#live();
    const ndim = geometry.shape.length;
    const base: BufferRecord = {
      obj: null,
      memory,
      buf: this.#byteOffset,
      len: geometry.len,
      itemsize: this.#itemsize,
      readonly: this.#readonly,
      format: this.#format,
      ndim,
      shape: ndim === 0 ? null : geometry.shape,
      strides: ndim === 0 ? null : geometry.strides,
      suboffsets: null,
      internal: null,
      ...(this.#abi === undefined ? {} : { abi: this.#abi }),
    };
    const layout = { ...base, shape: geometry.shape, strides: geometry.strides };
    const record = serveRequest(
      base,
      flags,
      this,
      { cContiguous: isContiguous(layout, "C"), fortranContiguous: isContiguous(layout, "F") },
      MESSAGES,
    );
    return { ...record, internal: this.#exports.track() };
  }

  /**
   * `bf_releasebuffer`.
   *
   * @since 0.1.0
   */
  [releaseBufferSymbol](view: BufferRecord): void {
    this.#exports.release(view);
  }
}
