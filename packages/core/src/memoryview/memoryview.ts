/**
 * `MemoryView`: CPython 3.14's memoryview (Objects/memoryobject.c), zero-copy
 * over any exporter, with JavaScript manners. Behaviour reference:
 * Objects/memoryobject.c and the memoryview section of Doc/library/stdtypes.rst.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import { optionChecks, readOptions, type OptionChecks } from "../internal/options.ts";
import { BufferError, NotImplementedError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { Ellipsis, Slice } from "../indexing/slice.ts";
import { dataViewOf } from "../internal/data-view-cache.ts";
import { assertListSize, assertStringLength } from "../internal/result-limits.ts";
import { copyOfBlockRange } from "../internal/fresh-bytes.ts";
import { pythonLengthSymbol } from "../internal/python-length.ts";
import { instanceOfSafely, isArraySafely, lookCause } from "../internal/safe-look.ts";
import { argumentTypeName, pythonTypeName, pythonTypeNameSymbol } from "../internal/python-type-name.ts";
import type { BufferExporter, BufferRecord, MemoryBlock } from "../protocol/buffer-record.ts";
import { toContiguous } from "../protocol/contiguous-copy.ts";
import { currentBlock } from "../protocol/live-memory.ts";
import { BufferFlags } from "../protocol/flags.ts";
import { acquireBuffer, releaseBuffer, type ConsumerTerms } from "../protocol/get-buffer.ts";
import { serveRequest, type RequestMessages } from "../protocol/serve-request.ts";
import { itemAddress } from "../protocol/strided-walk.ts";
import { getBufferSymbol, releaseBufferSymbol } from "../protocol/symbols.ts";
import { abiProfile, type AbiName, type AbiProfile } from "../format/abi.ts";
import { castLayout } from "./cast.ts";
import { copyViewInto } from "./copy-into.ts";
import { elementCacheOf, integerKeyAddress, type ElementCache } from "./element-cache.ts";
import type { ItemElements } from "./typed-array-view.ts";
import { viewsEqual } from "./equality.ts";
import { hexLength, hexOf } from "./hex.ts";
import { itemFormat, type ItemFormat } from "./item-format.ts";
import { itemEquals, searchRange, sliceIndexArgument } from "./item-search.ts";
import { ManagedBuffer } from "./managed-buffer.ts";
import { assignSlice, copyRun, scatterRun, typedArraySlice, type SliceTarget } from "./slice-assignment.ts";
import { boundIndex, classifyKey, indexValue, oversizedKey, sliceKeys, tupleIndices } from "./subscript-key.ts";
import { isHostOrder, typedArrayOf } from "./typed-array-view.ts";
import {
  layoutFlags,
  LayoutFlags,
  layoutOfRecord,
  recordOfLayout,
  sliceDimensions,
  sliceFirstDimension,
  type ViewLayout,
} from "./view-layout.ts";

const RELEASED = "operation forbidden on released memoryview object";

const MESSAGES: RequestMessages = {
  notWritable: "memoryview: underlying buffer is not writable",
  notCContiguous: "memoryview: underlying buffer is not C-contiguous",
  notFortranContiguous: "memoryview: underlying buffer is not Fortran contiguous",
  notContiguous: "memoryview: underlying buffer is not contiguous",
  needsSuboffsets: "memoryview: underlying buffer requires suboffsets",
  formatWithoutShape: "memoryview: cannot cast to unsigned bytes if the format flag is present",
};

/**
 * Options of {@link MemoryView}.
 *
 * @example
 * ```ts
 * import { memoryview, type MemoryViewOptions } from "@pybuffer/core";
 * const options: MemoryViewOptions = { abi: "wasm32" };
 * memoryview(new Uint8Array(4), options).cast("l").shape; // [1]
 * ```
 *
 * @since 0.1.0
 */
export interface MemoryViewOptions {
  /**
   * Native sizes for formats, when the exporter's record does not name an ABI; default `lp64`.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
  /**
   * Read items of PEP 3118's extended grammar (NumPy's `T{...}` records,
   * `Zd`, `3s`, `w`) as plain objects, strings and arrays: an extension.
   * Default `false`: CPython's NotImplementedError, exactly.
   *
   * @since 0.1.0
   */
  readonly extendedFormats?: boolean;
}

const MEMORYVIEW_OPTIONS: OptionChecks<MemoryViewOptions> = { abi: optionChecks.abi, extendedFormats: optionChecks.boolean };

/**
 * A key for {@link MemoryView.get} and {@link MemoryView.set}.
 *
 * @since 0.1.0
 */
export type MemoryViewKey = number | bigint | boolean | Slice | typeof Ellipsis | readonly (number | bigint | boolean | Slice)[];

/** The parts of a view made by `memoryview(obj)`: the family it joins, its layout and how it reads items. */
class Seed {
  readonly buffer: ManagedBuffer;
  readonly layout: ViewLayout;
  readonly abi: AbiProfile;
  readonly extendedFormats: boolean;
  constructor(buffer: ManagedBuffer, layout: ViewLayout, abi: AbiProfile, extendedFormats = false) {
    this.buffer = buffer;
    this.layout = layout;
    this.abi = abi;
    this.extendedFormats = extendedFormats;
  }
}

/** What the constructor is handed by {@link deriveView}: the fields are filled in by it, not from a seed. */
const DERIVING = Object.freeze({});

/**
 * A new view of `buffer`'s family (slices, casts, read-only copies,
 * temporary records): no seed object and no options check per view, as
 * CPython's `mbuf_add_view` fills one object. Set in MemoryView's static
 * block, the one place that can write its private fields.
 */
let deriveView: (buffer: ManagedBuffer, layout: ViewLayout, abi: AbiProfile, extendedFormats: boolean) => MemoryView;

let nextId = 0x7f0000001000;

/**
 * A view over a temporary record, for `memoryViewFromMemory` and
 * `memoryViewFromBuffer` (CPython: Objects/memoryobject.c,
 * `PyMemoryView_FromBuffer`). Not exported from the package.
 */
export function viewOfTemporaryRecord(record: BufferRecord, abi?: AbiName): MemoryView {
  return deriveView(new ManagedBuffer(record, false), layoutOfRecord(record), abiProfile(record.abi ?? abi), false);
}

/**
 * Python's `memoryview`: a view of any exporter's memory, sharing it (no
 * copy), with CPython 3.14's attributes, methods, checks and messages.
 *
 * @example
 * ```ts
 * import { memoryview, slice } from "@pybuffer/core";
 * const m = memoryview(new Int16Array([1, 2, 3, 4]));
 * m.format; // "h"
 * m.get(-1); // 4
 * m.get(slice(1, 3)).toList(); // [2, 3]
 * m.cast("B").length; // 8
 * m.release();
 * ```
 *
 * @since 0.1.0
 */
export class MemoryView implements BufferExporter, Iterable<unknown> {
  /** The family this view belongs to; `null` once released, so a released view kept around pins nothing. */
  #buffer!: ManagedBuffer | null;
  /** Replaced only to follow a grown WebAssembly.Memory to its current buffer (see {@link #afterGrowth}). */
  #layout!: ViewLayout;
  /** memoryview's flags ({@link LayoutFlags}), derived on first use: -1 until then. */
  #flags = -1;
  /** Set once, by the constructor or by {@link deriveView}. */
  #abi!: AbiProfile;
  #extendedFormats!: boolean;
  /** One past the highest byte an item can occupy (PIL views check per item), derived on first use: -1 until then. */
  #end = -1;
  #item: ItemFormat | NotImplementedError | undefined;
  #cachedReader: { readonly codec: ItemFormat["codec"]; readonly view: DataView } | undefined;
  /**
   * The items as TypedArray elements (see {@link ElementCache}): `null` when
   * they are not (or the view is released), `undefined` until first looked for.
   * The cache's fields that `get` reads are copied here as scalars: read
   * through the cache object, `get(i)` in a loop took 1.35x as long (V8
   * reloads and re-checks the object every call).
   */
  #elements: ItemElements | null | undefined;
  #extent = 0;
  #elementBase = 0;
  #elementStride = 0;
  #released = false;
  #exports = 0;
  /** The fake address `repr` shows, assigned on first use (a number this large is a heap allocation in V8). */
  #id: number | undefined;

  /**
   * `memoryview(obj)`: one FULL_RO request to `obj`, or, for another
   * MemoryView, a new view sharing its buffer.
   *
   * @throws PyTypeError "memoryview: a bytes-like object is required, not 'X'".
   * @throws ValueError for a released view, or more than 64 dimensions.
   * @throws BufferError when the exporter refuses FULL_RO.
   *
   * @since 0.1.0
   */
  constructor(obj: unknown, options?: MemoryViewOptions) {
    if (obj === DERIVING) return; // deriveView fills the fields in
    const seed = MemoryView.#seedOf(obj, readOptions(options, "memoryview", MEMORYVIEW_OPTIONS));
    this.#buffer = seed.buffer;
    this.#layout = seed.layout;
    this.#abi = seed.abi;
    this.#extendedFormats = seed.extendedFormats;
    seed.buffer.attach();
  }

  /** The parts of a new view of `obj` (`memory_new`: a view of a view shares its managed buffer). */
  static #seedOf(obj: unknown, options: MemoryViewOptions): Seed {
    if (instanceOfSafely(obj, MemoryView)) {
      obj.#assertNotReleased();
      return new Seed(obj.#family(), obj.#layout, obj.#abi, options.extendedFormats ?? obj.#extendedFormats);
    }
    // One look for the exporter: acquireBuffer raises memoryview's own error for anything else.
    const abi = options.abi;
    const record = acquireBuffer(obj, BufferFlags.FULL_RO, abi === undefined ? {} : { abi }, MASTER_TERMS);
    return new Seed(new ManagedBuffer(record, true), layoutOfRecord(record), abiProfile(record.abi ?? abi), options.extendedFormats);
  }

  static {
    deriveView = (buffer, layout, abi, extendedFormats) => {
      const view = new MemoryView(DERIVING);
      view.#buffer = buffer;
      view.#layout = layout;
      view.#abi = abi;
      view.#extendedFormats = extendedFormats;
      buffer.attach();
      return view;
    };
  }

  #derive(layout: ViewLayout): MemoryView {
    return deriveView(this.#family(), layout, this.#abi, this.#extendedFormats);
  }

  /** The view's family, after checking the view is not released. */
  #family(): ManagedBuffer {
    if (this.#buffer === null) throw new ValueError(RELEASED);
    return this.#buffer;
  }

  /** The view's {@link LayoutFlags}: CPython computes them in `init_flags` at creation; no view here needs them before its first use. */
  #layoutFlags(): number {
    return this.#flags >= 0 ? this.#flags : (this.#flags = layoutFlags(this.#layout));
  }

  /** One past the highest byte an item can occupy (0 for PIL and empty views). */
  #endByte(): number {
    return this.#end >= 0 ? this.#end : (this.#end = highestByte(this.#layout));
  }

  #assertNotReleased(): void {
    if (this.#released) throw new ValueError(RELEASED);
  }

  /** The layout, after checking the view is live and its memory still there. */
  #live(): ViewLayout {
    if (this.#released) throw new ValueError(RELEASED);
    const layout = this.#layout;
    // A detached block has length 0; so has a PIL view's #end (checked per item).
    const size = blockByteLength(layout.memory);
    if (size < this.#endByte() || size === 0) return this.#afterGrowth(layout);
    return layout;
  }

  /**
   * The layout once its memory looked gone: over the current buffer of the
   * WebAssembly.Memory that grew and detached it (same offsets, caches
   * dropped), or, when the memory is really gone, an error.
   */
  #afterGrowth(layout: ViewLayout): ViewLayout {
    const memory = currentBlock(layout.memory);
    if (memory !== layout.memory) {
      layout = this.#layout = { ...layout, memory };
      this.#cachedReader = undefined;
      this.#elements = undefined;
    }
    if (blockByteLength(layout.memory) < this.#endByte()) throw memoryGone(layout);
    return layout;
  }

  #itemFormat(): ItemFormat {
    const item = (this.#item ??= itemFormat(this.#layout.format, this.#layout.itemsize, this.#abi, this.#extendedFormats));
    if (item instanceof NotImplementedError) throw new NotImplementedError(item.message);
    return item;
  }

  /** Looks once for the view's {@link ElementCache} (there is none for formats memoryview cannot read). */
  #findElements(): void {
    const layout = this.#layout;
    const item = (this.#item ??= itemFormat(layout.format, layout.itemsize, this.#abi, this.#extendedFormats));
    const cache = item instanceof NotImplementedError ? null : elementCacheOf(layout, item, this.#endByte());
    this.#elements = cache === null ? null : cache.elements;
    if (cache !== null) {
      this.#extent = cache.extent;
      this.#elementBase = cache.base;
      this.#elementStride = cache.stride;
    }
  }

  /** The view's item codec and its memory's DataView, cached for the hot paths. */
  #reader(): { readonly codec: ItemFormat["codec"]; readonly view: DataView } {
    return (this.#cachedReader ??= { codec: this.#itemFormat().codec, view: dataViewOf(this.#layout.memory) });
  }

  // ---- attributes -------------------------------------------------------

  /**
   * The exporter (the original one for derived views), or `null` for `memoryViewFromMemory`/`memoryViewFromBuffer`.
   *
   * @since 0.1.0
   */
  get obj(): object | null {
    this.#assertNotReleased();
    return this.#family().master.obj;
  }
  /**
   * `product(shape) * itemsize`.
   *
   * @since 0.1.0
   */
  get nbytes(): number {
    this.#assertNotReleased();
    return this.#layout.len;
  }
  /** @since 0.1.0 */
  get readonly(): boolean {
    this.#assertNotReleased();
    return this.#layout.readonly;
  }
  /** @since 0.1.0 */
  get itemsize(): number {
    this.#assertNotReleased();
    return this.#layout.itemsize;
  }
  /**
   * The format exactly as the exporter or `cast` gave it.
   *
   * @since 0.1.0
   */
  get format(): string {
    this.#assertNotReleased();
    return this.#layout.format;
  }
  /** @since 0.1.0 */
  get ndim(): number {
    this.#assertNotReleased();
    return this.#layout.ndim;
  }
  /** @since 0.1.0 */
  get shape(): number[] {
    this.#assertNotReleased();
    return [...this.#layout.shape];
  }
  /** @since 0.1.0 */
  get strides(): number[] {
    this.#assertNotReleased();
    return [...this.#layout.strides];
  }
  /**
   * `[]` when the view has none.
   *
   * @since 0.1.0
   */
  get suboffsets(): number[] {
    this.#assertNotReleased();
    return [...(this.#layout.suboffsets ?? [])];
  }
  /** @since 0.1.0 */
  get cContiguous(): boolean {
    this.#assertNotReleased();
    return (this.#layoutFlags() & (LayoutFlags.C | LayoutFlags.SCALAR)) !== 0;
  }
  /** @since 0.1.0 */
  get fContiguous(): boolean {
    this.#assertNotReleased();
    return (this.#layoutFlags() & (LayoutFlags.FORTRAN | LayoutFlags.SCALAR)) !== 0;
  }
  /** @since 0.1.0 */
  get contiguous(): boolean {
    this.#assertNotReleased();
    return (this.#layoutFlags() & (LayoutFlags.C | LayoutFlags.FORTRAN | LayoutFlags.SCALAR)) !== 0;
  }
  /**
   * Whether {@link release} has been called.
   *
   * @since 0.1.0
   */
  get released(): boolean {
    return this.#released;
  }
  /**
   * The ABI whose native sizes this view's format uses.
   *
   * @since 0.1.0
   */
  get abi(): AbiName {
    return this.#abi.name;
  }

  /**
   * `len(m)`: the extent of dimension 0.
   *
   * @throws PyTypeError "0-dim memory has no length".
   *
   * @since 0.1.0
   */
  get length(): number {
    const layout = this.#layout;
    this.#assertNotReleased();
    if (layout.ndim === 0) throw new PyTypeError("0-dim memory has no length");
    return layout.shape[0]!;
  }

  // ---- lifetime ---------------------------------------------------------

  /**
   * Releases the view; the exporter's buffer goes back when the last view
   * sharing it is released. Idempotent.
   *
   * @throws BufferError "memoryview has N exported buffer(s)" while buffers taken from this view are held.
   *
   * @since 0.1.0
   */
  release(): void {
    if (this.#released) return;
    if (this.#exports > 0) {
      throw new BufferError(`memoryview has ${this.#exports} exported buffer${this.#exports === 1 ? "" : "s"}`);
    }
    this.#released = true;
    this.#family().detach();
    this.#buffer = null;
    this.#elements = null;
  }

  /**
   * `with m:`: releases the view (so `using m = memoryview(x)` works).
   *
   * @since 0.1.0
   */
  [Symbol.dispose](): void {
    this.release();
  }

  /**
   * A new read-only view of the same memory (never `this`).
   *
   * @since 0.1.0
   */
  toReadonly(): MemoryView {
    this.#assertNotReleased();
    return this.#derive({ ...this.#layout, readonly: true });
  }

  // ---- the buffer protocol ---------------------------------------------

  /**
   * `memory_getbuf`: the decision procedure with memoryview's messages; counts as an export.
   *
   * @since 0.1.0
   */
  [getBufferSymbol](flags: number): BufferRecord {
    this.#assertNotReleased();
    const layout = this.#layout;
    const base = recordOfLayout(layout, this.#abi.name);
    const view = serveRequest(
      base,
      flags,
      this,
      { cContiguous: (this.#layoutFlags() & (LayoutFlags.C | LayoutFlags.SCALAR)) !== 0, fortranContiguous: (this.#layoutFlags() & (LayoutFlags.FORTRAN | LayoutFlags.SCALAR)) !== 0 },
      MESSAGES,
    );
    this.#exports++;
    return view.ndim === 0 ? { ...view, shape: null, strides: null } : view;
  }

  /** @since 0.1.0 */
  [releaseBufferSymbol](): void {
    this.#exports--;
  }

  // ---- conversions ------------------------------------------------------

  /**
   * The bytes in `order`: 'C' (default) or 'F' give the logical items in that
   * order; 'A' gives the physical bytes of a C- or F-contiguous view.
   *
   * @throws ValueError "order must be 'C', 'F' or 'A'".
   *
   * @since 0.1.0
   */
  toBytes(order: "C" | "F" | "A" | null = "C"): Uint8Array {
    this.#assertNotReleased();
    if (order !== null && typeof order !== "string") {
      throw new PyTypeError(`tobytes() argument 'order' must be str or None, not ${argumentTypeName(order)}`);
    }
    const resolved = order ?? "C";
    if (resolved !== "C" && resolved !== "F" && resolved !== "A") throw new ValueError("order must be 'C', 'F' or 'A'");
    // Already contiguous in the order asked: one copy of the bytes as they lie.
    const flags = this.#layoutFlags();
    const asIs =
      ((resolved === "C" || resolved === "A") && flags & (LayoutFlags.C | LayoutFlags.SCALAR)) ||
      ((resolved === "F" || resolved === "A") && flags & (LayoutFlags.FORTRAN | LayoutFlags.SCALAR));
    if (asIs) {
      const layout = this.#live();
      // An empty view's start may lie anywhere (past the end, after a slice): nothing is read.
      return layout.len === 0 ? new Uint8Array(0) : copyOfBlockRange(layout.memory, layout.buf, layout.len);
    }
    return toContiguous(this.#record(), resolved, undefined, { abi: this.#abi.name });
  }

  /**
   * Writes the bytes {@link toBytes} would return into `target` (any
   * writable bytes-like object: a TypedArray, DataView, ArrayBuffer or
   * writable exporter) from its first byte, and returns how many were
   * written, {@link nbytes}; a longer target keeps its tail. No new buffer is
   * made. Not in CPython, whose nearest are `readinto` and the C-API's
   * `PyBuffer_ToContiguous`. A target sharing the view's memory gets the
   * bytes as they were before the copy began.
   *
   * @throws PyTypeError when `target` is not a read-write bytes-like object.
   * @throws ValueError "order must be 'C', 'F' or 'A'"; on a released view.
   * @throws BufferError "destination is too small to receive data from source";
   * when the view's or the target's memory is gone.
   * @example
   * ```ts
   * import { memoryview } from "@pybuffer/core";
   * const m = memoryview(new Uint8Array([1, 2, 3, 4])).cast("B", [2, 2]);
   * const target = new Uint8Array(5);
   * m.copyInto(target, "F"); // 4
   * target; // Uint8Array [1, 3, 2, 4, 0]
   * ```
   *
   * @since 0.1.0
   */
  copyInto(target: unknown, order: "C" | "F" | "A" | null = "C"): number {
    const layout = this.#live();
    // Contiguous in the order asked: one copy of the bytes as they lie, no record.
    const flags = this.#layoutFlags();
    const asIs =
      ((order === "C" || order === "A" || order === null) && flags & (LayoutFlags.C | LayoutFlags.SCALAR)) ||
      ((order === "F" || order === "A") && flags & (LayoutFlags.FORTRAN | LayoutFlags.SCALAR));
    const source = asIs ? new Uint8Array(layout.memory, layout.len === 0 ? 0 : layout.buf, layout.len) : this.#record();
    return copyViewInto(source, target, order, this.#abi.name);
  }

  /**
   * Two lowercase hex digits per byte, in C order, with an optional
   * one-character separator between groups of `bytesPerSep` bytes (from the
   * right when positive, from the left when negative).
   *
   * @example
   * ```ts
   * import { memoryview } from "@pybuffer/core";
   * memoryview(new Uint8Array([1, 2, 3, 4, 5])).hex(":", 2); // "01:0203:0405"
   * ```
   *
   * @since 0.1.0
   */
  hex(sep?: string | Uint8Array, bytesPerSep: number | bigint | boolean = 1): string {
    this.#assertNotReleased();
    assertStringLength(hexLength(this.#layout.len, 0), "memoryview.hex"); // before the copy a strided view needs
    return hexOf(this.#contiguousBytes(), sep, bytesPerSep);
  }

  /** The C-order bytes, without a copy when the view is C-contiguous. */
  #contiguousBytes(): Uint8Array {
    const layout = this.#live();
    if (layout.len === 0) return new Uint8Array(0);
    if (this.#layoutFlags() & (LayoutFlags.C | LayoutFlags.SCALAR)) {
      return new Uint8Array(layout.memory, layout.buf, layout.len);
    }
    return toContiguous(this.#record(), "C", undefined, { abi: this.#abi.name });
  }

  /**
   * The items as nested arrays (a bare value for 0-d).
   *
   * @throws NotImplementedError for formats without item access.
   *
   * @since 0.1.0
   */
  toList(): unknown {
    this.#assertNotReleased();
    const { codec } = this.#itemFormat();
    const layout = this.#live();
    assertListSize(layout.len / layout.itemsize, "memoryview.tolist");
    const view = dataViewOf(layout.memory);
    if (layout.ndim === 0) return codec.read(view, layout.buf);
    if (layout.suboffsets !== null) return this.#listIndirect(layout);
    const fast = this.#ndim1Fast(layout);
    if (fast !== undefined) return fast;
    const build = (dim: number, offset: number): unknown[] => {
      const extent = layout.shape[dim]!;
      const stride = layout.strides[dim]!;
      const items = new Array<unknown>(extent);
      if (dim === layout.ndim - 1) {
        for (let i = 0; i < extent; i++, offset += stride) items[i] = codec.read(view, offset);
      } else {
        for (let i = 0; i < extent; i++, offset += stride) items[i] = build(dim + 1, offset);
      }
      return items;
    };
    return build(0, layout.buf);
  }

  /** 1-D, aligned, native-order numbers: copied out of a TypedArray in one go. */
  #ndim1Fast(layout: ViewLayout): unknown[] | undefined {
    if (layout.ndim !== 1 || layout.strides[0] !== layout.itemsize) return undefined;
    const typed = typedArrayOf(layout, this.#itemFormat()) as unknown as ArrayLike<number | bigint> | undefined;
    if (typed === undefined) return undefined;
    const items = new Array<number | bigint>(typed.length);
    for (let i = 0; i < items.length; i++) items[i] = typed[i]!;
    return items;
  }

  #listIndirect(layout: ViewLayout): unknown {
    const { codec } = this.#itemFormat();
    const index = new Array<number>(layout.ndim).fill(0);
    const build = (dim: number): unknown[] => {
      const items = new Array<unknown>(layout.shape[dim]!);
      for (let i = 0; i < items.length; i++) {
        index[dim] = i;
        items[i] = dim === layout.ndim - 1 ? this.#readAt(itemAddress(layout.memory, layout, index, this.#abi), codec) : build(dim + 1);
      }
      index[dim] = 0;
      return items;
    };
    return build(0);
  }

  #readAt(address: number, codec: ItemFormat["codec"]): unknown {
    const memory = this.#layout.memory;
    if (address < 0 || address + this.#layout.itemsize > blockByteLength(memory)) throw memoryGone(this.#layout);
    return codec.read(dataViewOf(memory), address);
  }

  /**
   * A zero-copy TypedArray over the view's items: an extension for views
   * that are C-contiguous, aligned and in native byte order.
   *
   * @throws ValueError naming why otherwise (layout, alignment, byte order, or format).
   * @example
   * ```ts
   * import { memoryview } from "@pybuffer/core";
   * const data = new Float64Array([1, 2, 3]);
   * memoryview(data).toTypedArray()[1] = 5; // writes data[1]
   * ```
   *
   * @since 0.1.0
   */
  toTypedArray(): ArrayBufferView {
    this.#assertNotReleased();
    const layout = this.#live();
    const refuse = (reason: string): ValueError => new ValueError(`toTypedArray: ${reason}`);
    if (layout.suboffsets !== null || !(this.#layoutFlags() & (LayoutFlags.C | LayoutFlags.SCALAR))) {
      throw refuse("the view is not C-contiguous");
    }
    const format = itemFormat(layout.format, layout.itemsize, this.#abi);
    if (format instanceof NotImplementedError || format.codec.size !== layout.itemsize) {
      throw refuse(`format ${layout.format} has no TypedArray counterpart`);
    }
    if (!isHostOrder(layout.format, format.codec.size)) throw refuse(`format ${layout.format} is not in the host's byte order`);
    if (layout.len !== 0 && layout.buf % layout.itemsize !== 0) {
      throw refuse(`the data at byte ${layout.buf} is not aligned to ${layout.itemsize} bytes`);
    }
    // An empty view may start outside its memory (an empty slice of a reversed view).
    const flat: ViewLayout = { ...layout, buf: layout.len === 0 ? 0 : layout.buf, ndim: 1, shape: [layout.len / layout.itemsize], strides: [layout.itemsize] };
    const typed = typedArrayOf(flat, format);
    if (typed === undefined) {
      throw refuse(
        format.char === "e"
          ? "format e needs Float16Array, which this runtime lacks"
          : `format ${layout.format} has no TypedArray counterpart`,
      );
    }
    // Last: a TypedArray cannot be read-only, so it would let writes through.
    if (layout.readonly) throw refuse("the view is read-only, and a TypedArray cannot be (toBytes() gives a copy)");
    return typed;
  }

  // ---- casting ----------------------------------------------------------

  /**
   * A view of the same memory with another format (and shape): 1-D to N-D or
   * N-D to 1-D, from or to a byte format, C-contiguous views only.
   *
   * @example
   * ```ts
   * import { memoryview } from "@pybuffer/core";
   * memoryview(new Uint8Array(8)).cast("i", [2, 1]).shape; // [2, 1]
   * ```
   *
   * @since 0.1.0
   */
  cast(format: string, shape?: readonly (number | bigint)[]): MemoryView {
    this.#assertNotReleased();
    return this.#derive(castLayout(this.#layout, this.#layoutFlags(), format, shape, this.#abi));
  }

  // ---- items ------------------------------------------------------------

  /**
   * `m[key]`: an integer (1-D), an array of integers (one per dimension),
   * a {@link Slice} (dimension 0), {@link Ellipsis} or `[]` (0-d). As an
   * extension, an array holding slices slices several dimensions (NumPy's
   * basic indexing), where CPython raises NotImplementedError.
   *
   * @example
   * ```ts
   * import { memoryview, slice } from "@pybuffer/core";
   * const m = memoryview(new Uint8Array([1, 2, 3, 4, 5, 6])).cast("B", [2, 3]);
   * m.get([1, 2]); // 6
   * m.get([slice(null), 0]).toList(); // [1, 4] (extension)
   * ```
   *
   * @since 0.1.0
   */
  get(key: MemoryViewKey): unknown {
    // The hot path, kept small enough for V8 to inline into the caller's
    // loop: an integer in range on a 1-D view, read straight from a
    // TypedArray when the items are its elements. `undefined` from it means
    // the memory is gone (see ItemElements); the general path raises then.
    const elements = this.#elements;
    if (elements != null) {
      if (typeof key === "number") {
        const extent = this.#extent;
        const index = key < 0 ? key + extent : key;
        if (index >= 0 && index < extent && Number.isInteger(index)) {
          const value = elements[this.#elementBase + index * this.#elementStride];
          if (value !== undefined) return value;
        }
      } else if (isArraySafely(key)) {
        const address = integerKeyAddress(this.#layout, key);
        const value = address < 0 ? undefined : elements[address / this.#layout.itemsize];
        if (value !== undefined) return value;
      }
    }
    return this.#getItem(key);
  }

  /** {@link get} for every key and view the hot path does not take. */
  #getItem(key: MemoryViewKey): unknown {
    const layout = this.#layout;
    if (this.#elements === undefined && !this.#released) this.#findElements();
    if (typeof key === "number" && layout.ndim === 1 && !this.#released) {
      const extent = layout.shape[0]!;
      const index = key < 0 ? key + extent : key;
      if (index >= 0 && index < extent && Number.isInteger(index) && layout.suboffsets === null) {
        if (blockByteLength(layout.memory) < this.#endByte()) this.#afterGrowth(layout);
        const { codec, view } = this.#reader();
        return codec.read(view, layout.buf + index * layout.strides[0]!);
      }
    } else if (isArraySafely(key) && layout.ndim > 1 && layout.suboffsets === null && !this.#released) {
      const address = integerKeyAddress(layout, key);
      if (address >= 0) {
        if (blockByteLength(layout.memory) < this.#endByte()) this.#afterGrowth(layout);
        const { codec, view } = this.#reader();
        return codec.read(view, address);
      }
    }
    return this.#getSlow(key);
  }

  #getSlow(key: unknown): unknown {
    this.#assertNotReleased();
    const layout = this.#layout;
    const subscript = classifyKey(key);
    if (layout.ndim === 0) {
      if (subscript.kind === "ellipsis") return this;
      if (subscript.kind === "indices" && subscript.key.length === 0) return this.#readItem([]);
      throw new PyTypeError("invalid indexing of 0-dim memory");
    }
    switch (subscript.kind) {
      case "index": {
        const index = indexValue(subscript.key, this.#abi);
        this.#itemFormat();
        if (layout.ndim > 1) throw new NotImplementedError("multi-dimensional sub-views are not implemented");
        return this.#readItem([boundIndex(index, layout.shape[0]!, 1)]);
      }
      case "slice":
        return this.#derive(sliceFirstDimension(layout, subscript.key, this.#abi.ssizeMax));
      case "oversized":
        throw oversizedKey(subscript.length, layout.ndim);
      case "indices":
        // memory_item_multi: format, then sub-views, then the tuple itself.
        this.#itemFormat();
        if (subscript.key.length < layout.ndim) throw new NotImplementedError("sub-views are not implemented");
        return this.#readItem(tupleIndices(subscript.key, layout.shape, this.#abi));
      case "slices":
        return this.#derive(sliceDimensions(layout, sliceKeys(subscript.key, layout.ndim, this.#abi), this.#abi.ssizeMax));
      default:
        throw new PyTypeError("memoryview: invalid slice key", lookCause(key));
    }
  }

  #addressOf(indices: readonly number[]): number {
    const layout = this.#layout;
    if (layout.suboffsets !== null) return itemAddress(layout.memory, layout, indices, this.#abi);
    let address = layout.buf;
    for (let dim = 0; dim < indices.length; dim++) address += layout.strides[dim]! * indices[dim]!;
    return address;
  }

  #readItem(indices: readonly number[]): unknown {
    const { codec } = this.#itemFormat();
    this.#live();
    return this.#readAt(this.#addressOf(indices), codec);
  }

  /**
   * `m[key] = value`: an item (packed with memoryview's checks), or, for a
   * slice key, the items of another exporter of exactly the same structure
   * (overlap-safe; the view never resizes).
   *
   * @throws PyTypeError "cannot modify read-only memory", "memoryview: invalid type for format 'X'".
   * @throws ValueError "memoryview: invalid value for format 'X'",
   * "memoryview assignment: lvalue and rvalue have different structures".
   *
   * @since 0.1.0
   */
  set(key: MemoryViewKey, value: unknown): void {
    this.#assertNotReleased();
    const layout = this.#layout;
    const format = this.#itemFormat();
    if (layout.readonly) throw new PyTypeError("cannot modify read-only memory");
    if (layout.ndim === 1 && instanceOfSafely(key, Slice)) {
      // The commonest slice assignment, m[a:b:c] = typedArray, ahead of the general path.
      const target = typedArraySlice(layout, this.#abi, value, key);
      if (target !== null) {
        this.#writeSlice(target, value as ArrayBufferView);
        return;
      }
    }
    const subscript = classifyKey(key);
    if (layout.ndim === 0) {
      if (subscript.kind === "ellipsis" || (subscript.kind === "indices" && subscript.key.length === 0)) {
        this.#writeItem([], format, value);
        return;
      }
      throw new PyTypeError("invalid indexing of 0-dim memory");
    }
    const live = (): MemoryBlock => this.#live().memory;
    switch (subscript.kind) {
      case "index":
        // memory_ass_sub checks the dimensions before converting the index.
        if (layout.ndim > 1) throw new NotImplementedError("sub-views are not implemented");
        this.#writeItem([boundIndex(indexValue(subscript.key, this.#abi), layout.shape[0]!, 1)], format, value);
        return;
      case "slice":
        if (layout.ndim > 1) throw new NotImplementedError("memoryview slice assignments are currently restricted to ndim = 1");
        assignSlice(this.#abi, value, () => sliceFirstDimension(layout, subscript.key, this.#abi.ssizeMax), live);
        return;
      case "oversized":
        throw oversizedKey(subscript.length, layout.ndim);
      case "indices":
        if (subscript.key.length < layout.ndim) throw new NotImplementedError("sub-views are not implemented");
        this.#writeItem(tupleIndices(subscript.key, layout.shape, this.#abi), format, value);
        return;
      case "slices":
        assignSlice(this.#abi, value, () => sliceDimensions(layout, sliceKeys(subscript.key, layout.ndim, this.#abi), this.#abi.ssizeMax), live);
        return;
      default:
        throw new PyTypeError("memoryview: invalid slice key", lookCause(key));
    }
  }

  /**
   * Writes the items of a TypedArray of the view's item type where
   * `typedArraySlice` found they go. A run of contiguous items goes through
   * the view's element cache when it has one: one TypedArray#set between
   * arrays of one type, which copies the bits exactly (ECMA-262
   * SetTypedArrayFromTypedArray).
   */
  #writeSlice({ start, step }: SliceTarget, source: ArrayBufferView): void {
    const layout = this.#live();
    const stride = layout.strides[0]!;
    const offset = layout.buf + start * stride;
    if (step !== 1 || stride !== layout.itemsize) {
      scatterRun(layout.memory, offset, step * stride, source, layout.itemsize);
      return;
    }
    if (this.#elements === undefined) this.#findElements();
    const elements = this.#elements as unknown as { set(source: ArrayBufferView, offset: number): void } | null | undefined;
    if (elements != null) elements.set(source, this.#elementBase + start);
    else copyRun(layout.memory, offset, source);
  }

  #writeItem(indices: readonly number[], format: ItemFormat, value: unknown): void {
    const converted = format.convert(value);
    // The conversion may have run user code (valueOf) that released the view (gh-92888).
    this.#live();
    const address = this.#addressOf(indices);
    if (address < 0 || address + this.#layout.itemsize > blockByteLength(this.#layout.memory)) throw memoryGone(this.#layout);
    format.codec.write(dataViewOf(this.#layout.memory), address, converted);
  }

  // ---- sequences ----------------------------------------------------------

  /**
   * Iterates over a 1-D view's items.
   *
   * @throws PyTypeError "invalid indexing of 0-dim memory"; NotImplementedError for ndim > 1.
   *
   * @since 0.1.0
   */
  [Symbol.iterator](): Iterator<unknown> {
    this.#assertNotReleased();
    const layout = this.#layout;
    if (layout.ndim === 0) throw new PyTypeError("invalid indexing of 0-dim memory");
    if (layout.ndim !== 1) throw new NotImplementedError("multi-dimensional sub-views are not implemented");
    this.#itemFormat();
    let index = 0;
    return {
      next: (): IteratorResult<unknown> => {
        if (this.#released) throw new ValueError(RELEASED);
        if (index >= layout.shape[0]!) return { done: true, value: undefined };
        return { done: false, value: this.#readItem([index++]) };
      },
    };
  }

  /**
   * `m.count(value)`: how many items equal `value` (3.14).
   *
   * @since 0.1.0
   */
  count(value: unknown): number {
    let found = 0;
    for (const item of this) if (itemEquals(item, value)) found++;
    return found;
  }

  /**
   * `m.index(value, start, stop)`: the first index of `value` (3.14).
   *
   * @throws ValueError "memoryview.index(x): x not found".
   *
   * @since 0.1.0
   */
  index(value: unknown, start: number | bigint = 0, stop: number | bigint = Number.MAX_SAFE_INTEGER): number {
    // Argument Clinic converts the bounds before the body runs.
    const from = sliceIndexArgument(start);
    const to = sliceIndexArgument(stop);
    this.#assertNotReleased();
    const layout = this.#layout;
    if (layout.ndim === 0) throw new PyTypeError("invalid lookup on 0-dim memory");
    if (layout.ndim > 1) throw new NotImplementedError("multi-dimensional lookup is not implemented");
    const [first, last] = searchRange(from, to, layout.shape[0]!);
    for (let i = first; i < last; i++) {
      if (itemEquals(this.#readItem([i]), value)) return i;
    }
    throw new ValueError("memoryview.index(x): x not found");
  }

  // ---- comparison -------------------------------------------------------

  /**
   * `m == other`: format-aware equality with CPython's rules (NaN is never
   * equal; 'c' never equals 'B'; mixed formats compare through struct). A
   * non-exporter, or a format struct cannot parse, is simply unequal.
   *
   * @since 0.1.0
   */
  equals(other: unknown): boolean {
    const otherView = instanceOfSafely(other, MemoryView);
    if (this.#released || (otherView && other.#released)) return this === other;
    if (otherView) {
      return viewsEqual({ layout: this.#live(), abi: this.#abi }, { layout: other.#live(), abi: other.#abi });
    }
    let record: BufferRecord;
    try {
      record = acquireBuffer(other, BufferFlags.FULL_RO, { abi: this.#abi.name }, { keptPrivate: true });
    } catch {
      return false;
    }
    try {
      return viewsEqual({ layout: this.#live(), abi: this.#abi }, { layout: layoutOfRecord(record), abi: abiProfile(record.abi ?? this.#abi.name) });
    } finally {
      releaseBuffer(record);
    }
  }

  // ---- presentation -----------------------------------------------------

  /**
   * Python's `repr`: `<memory at 0x...>`, or `<released memory at 0x...>`.
   *
   * @since 0.1.0
   */
  toString(): string {
    return `<${this.#released ? "released " : ""}memory at 0x${(this.#id ??= nextId += 0x40).toString(16)}>`;
  }

  /**
   * A one-line summary for Node's `util.inspect` (no import of Node needed).
   *
   * @since 0.1.0
   */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    if (this.#released) return "MemoryView <released>";
    const { format, shape, readonly } = this.#layout;
    return `MemoryView { format: '${format}', shape: [${shape.join(", ")}], readonly: ${readonly} }`;
  }

  /** @since 0.1.0 */
  get [pythonTypeNameSymbol](): string {
    return "memoryview";
  }

  /**
   * `__len__` for Python truth: an empty view is false, a 0-d one raises (`memory_length`).
   *
   * @since 0.1.0
   */
  [pythonLengthSymbol](): number {
    return this.length;
  }

  #record(): BufferRecord {
    return recordOfLayout(this.#live(), this.#abi.name);
  }
}

/**
 * `memoryview(obj)`, the Python spelling of `new MemoryView(obj)`.
 *
 * @example
 * ```ts
 * import { memoryview } from "@pybuffer/core";
 * using m = memoryview(new ArrayBuffer(4));
 * m.nbytes; // 4
 * ```
 *
 * @since 0.1.0
 */
export function memoryview(obj: unknown, options?: MemoryViewOptions): MemoryView {
  return new MemoryView(obj, options);
}

/** memoryview's error past 64 dimensions. */
export const tooManyDimensions = (): ValueError => new ValueError("memoryview: number of dimensions must not exceed 64");

/**
 * How a memoryview takes its master record: memoryview's own errors for a
 * non-exporter and past 64 dimensions, and the record kept to the view's family.
 */
const MASTER_TERMS: ConsumerTerms = {
  tooManyDimensions,
  keptPrivate: true,
  notAnExporter: (obj) => new PyTypeError(`memoryview: a bytes-like object is required, not '${pythonTypeName(obj)}'`, lookCause(obj)),
};

/** The error for a view whose memory was detached or shrunk under it. */
function memoryGone(layout: ViewLayout): BufferError {
  return new BufferError(
    blockByteLength(layout.memory) === 0
      ? "memoryview: the underlying memory is gone (detached or resized to zero)"
      : `memoryview: the underlying memory shrank to ${blockByteLength(layout.memory)} bytes, below the view's items`,
  );
}

/** One past the last byte any item of a non-PIL layout occupies (0 when empty). */
function highestByte(layout: ViewLayout): number {
  if (layout.suboffsets !== null) return 0; // checked per item, through the pointers
  if (layout.ndim > 0 && layout.shape.includes(0)) return 0;
  let high = 0;
  for (let dim = 0; dim < layout.ndim; dim++) {
    const span = layout.strides[dim]! * (layout.shape[dim]! - 1);
    if (span > 0) high += span;
  }
  return layout.buf + high + layout.itemsize;
}
