/**
 * `NDArray`: the reference exporter, modelled on CPython's
 * `_testbuffer.ndarray` (Modules/_testbuffer.c), with its flags, checks and messages.
 * It is the fixture for every consumer test in this repository and the
 * exporter third parties compare theirs against.
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "../internal/options.ts";
import { BufferError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { Ellipsis } from "../indexing/slice.ts";
import { sameShapeUpToZero } from "../internal/shape.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { isArraySafely } from "../internal/safe-look.ts";
import type { BufferExporter, BufferRecord } from "../protocol/buffer-record.ts";
import { isContiguous } from "../protocol/contiguity.ts";
import { fromContiguous, toContiguous } from "../protocol/contiguous-copy.ts";
import { BufferFlags, requests } from "../protocol/flags.ts";
import { fullLayout } from "../protocol/full-layout.ts";
import { acquireBuffer, checkBuffer, getBuffer, releaseBuffer } from "../protocol/get-buffer.ts";
import { assertRequestFlags } from "../protocol/request-flags.ts";
import { serveRequest, type RequestMessages } from "../protocol/serve-request.ts";
import { getBufferSymbol, releaseBufferSymbol } from "../protocol/symbols.ts";
import { abiProfile, DEFAULT_ABI, type AbiName, type AbiProfile } from "../format/abi.ts";
import { buildBase, layoutFlags, type BaseBuffer } from "./base-buffer.ts";
import { consumerBase, forgetConsumer, releaseOnCollection } from "./consumer-base.ts";
import { addressOf, integerKey, selectSubArray, sliceGeometry } from "./ndarray-key.ts";
import { assertLiveGeometry, geometryRecord, itemsToBytes, itemsToList, packItem, unpackItem } from "./ndarray-items.ts";
import { ND_MAX_NDIM, NDArrayFlags } from "./ndarray-flags.ts";

/**
 * Construction options of {@link NDArray}. An original exporter takes
 * `shape` (required), `strides`, `offset`, `format` and `flags`; a
 * re-exporter (built over another exporter) takes only `getbuf` and `flags`.
 *
 * @example
 * ```ts
 * import type { NDArrayOptions } from "@pybuffer/core";
 * const options: NDArrayOptions = { shape: [2, 3], format: "<i", flags: 0x002 };
 * ```
 *
 * @since 0.1.0
 */
export interface NDArrayOptions {
  /** @since 0.1.0 */
  readonly shape?: readonly unknown[];
  /** @since 0.1.0 */
  readonly strides?: readonly unknown[];
  /**
   * Byte offset of the array start in its data; a multiple of the item size.
   *
   * @since 0.1.0
   */
  readonly offset?: number;
  /**
   * A `struct` format; default `"B"`.
   *
   * @since 0.1.0
   */
  readonly format?: string;
  /**
   * {@link NDArrayFlags}.
   *
   * @since 0.1.0
   */
  readonly flags?: number;
  /**
   * For a re-exporter: the request made of the exporter; default `FULL_RO`.
   *
   * @since 0.1.0
   */
  readonly getbuf?: number;
  /**
   * Native sizes for the format and the width of PIL pointers; default `lp64`.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

/** Each option read once; `_testbuffer`'s own checks of their values follow (offset, flags and getbuf below, the rest in buildBase). */
const NDARRAY_OPTIONS: OptionChecks<NDArrayOptions> = {
  shape: optionChecks.any as OptionCheck<readonly unknown[]>,
  strides: optionChecks.any as OptionCheck<readonly unknown[]>,
  offset: optionChecks.any as OptionCheck<number>,
  format: optionChecks.any as OptionCheck<string>,
  flags: optionChecks.any as OptionCheck<number>,
  getbuf: optionChecks.any as OptionCheck<number>,
  abi: optionChecks.abi,
};

const { getbuf: _getbuf, abi: _abi, ...PUSH_OPTIONS } = NDARRAY_OPTIONS;

/**
 * Options of {@link NDArray.push}: a new base's structure.
 *
 * @since 0.1.0
 */
export type NDArrayPushOptions = Pick<NDArrayOptions, "shape" | "strides" | "offset" | "format" | "flags">;

const MESSAGES: RequestMessages = {
  notWritable: "ndarray is not writable",
  notCContiguous: "ndarray is not C-contiguous",
  notFortranContiguous: "ndarray is not Fortran contiguous",
  notContiguous: "ndarray is not contiguous",
  needsSuboffsets: "ndarray cannot be represented without suboffsets",
  formatWithoutShape: "ndarray: cannot cast to unsigned bytes if the format flag is present",
};

/**
 * A multi-dimensional array that exports the buffer protocol, built from a
 * flat list of items, or re-exporting another exporter.
 *
 * @example
 * ```ts
 * import { NDArray, NDArrayFlags, slice, getBuffer, BufferFlags } from "@pybuffer/core";
 * const nd = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "h", flags: NDArrayFlags.WRITABLE });
 * nd.toList(); // [[1, 2, 3], [4, 5, 6]]
 * nd.get([slice(null), slice(null, null, 2)]).toList(); // [[1, 3], [4, 6]]
 * getBuffer(nd, BufferFlags.FULL_RO).strides; // [6, 2]
 * ```
 *
 * @since 0.1.0
 */
export class NDArray implements BufferExporter {
  readonly #abi: AbiProfile;
  /** Original mode: the bases, newest last (C's linked list from `head`). */
  readonly #bases: BaseBuffer[] = [];
  /** Consumer mode: the buffer taken from the exporter, released once. */
  #issued: BufferRecord | null = null;
  /** `nd->flags`: only VAREXPORT lives here. */
  readonly #varexport: boolean;
  #released = false;

  /**
   * @throws PyTypeError, ValueError, OverflowError or struct errors, as
   * `_testbuffer.ndarray` raises them for bad arguments; a re-exporter
   * propagates its exporter's BufferError.
   *
   * @since 0.1.0
   */
  constructor(obj: unknown, options: NDArrayOptions = {}) {
    options = readOptions(options, "ndarray", NDARRAY_OPTIONS);
    this.#abi = abiProfile(options.abi ?? DEFAULT_ABI);
    // PyArg_ParseTupleAndKeywords("O|OOnOii"): offset, flags and getbuf are integers.
    for (const name of ["offset", "flags", "getbuf"] as const) {
      const value = options[name];
      if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value))) {
        throw new PyTypeError(`'${pythonTypeName(value)}' object cannot be interpreted as an integer`);
      }
    }
    const flags = options.flags ?? 0;
    if (checkBuffer(obj) && options.shape === undefined) {
      const onlyExporterArguments =
        options.strides === undefined &&
        !options.offset &&
        (options.format === undefined || options.format === "B") &&
        (flags === 0 || flags === NDArrayFlags.REDIRECT);
      if (!onlyExporterArguments) {
        throw new PyTypeError("construction from exporter object only takes 'obj', 'getbuf' and 'flags' arguments");
      }
      this.#varexport = false;
      const record = acquireBuffer(obj, options.getbuf ?? BufferFlags.FULL_RO, { abi: this.#abi.name }, { maxNdim: ND_MAX_NDIM });
      this.#adoptConsumerBase(record, flags);
      return;
    }
    if (options.getbuf !== undefined) {
      throw new PyTypeError("getbuf argument only valid for construction from exporter object");
    }
    if (options.shape === undefined) {
      throw new PyTypeError("shape is a required argument when constructing from list, tuple or scalar");
    }
    this.#varexport = (flags & NDArrayFlags.VAREXPORT) !== 0;
    this.#bases.push(buildBase(obj, { ...options, shape: options.shape, flags: flags & ~NDArrayFlags.VAREXPORT }, this.#abi));
  }

  /** A consumer's single base: the exporter's record, with geometry of its own (consumer-base.ts). */
  #adoptConsumerBase(record: BufferRecord, userFlags: number): void {
    this.#issued = record;
    releaseOnCollection(this, record);
    this.#bases.push(consumerBase(record, userFlags));
  }

  get #head(): BaseBuffer {
    if (this.#released) throw new ValueError("operation forbidden on released ndarray object");
    return this.#bases[this.#bases.length - 1]!;
  }

  get #isConsumer(): boolean {
    return this.#issued !== null;
  }

  // ---- attributes -------------------------------------------------------

  /**
   * The head base's flags, internal layout bits included.
   *
   * @since 0.1.0
   */
  get flags(): number {
    return this.#head.flags;
  }
  /**
   * Byte offset of the array start in its data (-1 for a re-exporter).
   *
   * @since 0.1.0
   */
  get offset(): number {
    return this.#head.offset;
  }
  /**
   * The exporter a re-exporter consumes, or `null` for an original array.
   *
   * @since 0.1.0
   */
  get obj(): object | null {
    return this.#head.obj;
  }
  /** @since 0.1.0 */
  get nbytes(): number {
    return this.#head.geometry.len;
  }
  /** @since 0.1.0 */
  get readonly(): boolean {
    return this.#head.geometry.readonly;
  }
  /** @since 0.1.0 */
  get itemsize(): number {
    return this.#head.geometry.itemsize;
  }
  /**
   * The format, or `""` when the exporter gave none.
   *
   * @since 0.1.0
   */
  get format(): string {
    return this.#head.geometry.format ?? "";
  }
  /** @since 0.1.0 */
  get ndim(): number {
    return this.#head.geometry.ndim;
  }
  /** @since 0.1.0 */
  get shape(): number[] {
    return [...(this.#head.geometry.shape ?? [])];
  }
  /** @since 0.1.0 */
  get strides(): number[] {
    return [...(this.#head.geometry.strides ?? [])];
  }
  /** @since 0.1.0 */
  get suboffsets(): number[] {
    return [...(this.#head.geometry.suboffsets ?? [])];
  }
  /** @since 0.1.0 */
  get cContiguous(): boolean {
    return isContiguous(this.#head.geometry, "C");
  }
  /** @since 0.1.0 */
  get fContiguous(): boolean {
    return isContiguous(this.#head.geometry, "F");
  }
  /** @since 0.1.0 */
  get contiguous(): boolean {
    return isContiguous(this.#head.geometry, "A");
  }

  // ---- the buffer protocol ---------------------------------------------

  /**
   * `ndarray_getbuf`: the exporter decision procedure with ndarray's messages.
   *
   * @since 0.1.0
   */
  [getBufferSymbol](flags: number): BufferRecord {
    assertRequestFlags(flags); // before the bit tests below coerce a non-number
    const head = this.#head;
    const geometry = head.geometry;
    if (head.obj !== null && head.flags & NDArrayFlags.REDIRECT) {
      return getBuffer(head.obj, flags, { abi: this.#abi.name });
    }
    if (
      geometry.ndim !== 0 &&
      ((requests(flags, BufferFlags.ND) && geometry.shape === null) ||
        (requests(flags, BufferFlags.STRIDES) && geometry.strides === null))
    ) {
      throw new BufferError("re-exporter does not provide format, shape or strides");
    }
    if (head.flags & NDArrayFlags.GETBUF_FAIL) throw new BufferError("ND_GETBUF_FAIL: forced test exception");
    const base: BufferRecord = { ...geometry, obj: null, format: geometry.format ?? "B", internal: head, abi: this.#abi.name };
    const contiguity = {
      cContiguous: (head.flags & (NDArrayFlags.SCALAR | NDArrayFlags.C)) !== 0,
      fortranContiguous: (head.flags & (NDArrayFlags.SCALAR | NDArrayFlags.FORTRAN)) !== 0,
    };
    const view = serveRequest(base, flags, this, contiguity, MESSAGES);
    head.exports++;
    return view;
  }

  /**
   * `ndarray_releasebuf`: an export pins its base; a base no longer head goes with its last export.
   *
   * @since 0.1.0
   */
  [releaseBufferSymbol](view: BufferRecord): void {
    const base = view.internal as BaseBuffer;
    base.exports--;
    if (!this.#isConsumer && base.exports === 0 && base !== this.#bases[this.#bases.length - 1]) {
      this.#bases.splice(this.#bases.indexOf(base), 1);
    }
  }

  // ---- structure changes -----------------------------------------------

  /**
   * Pushes a new base (new items and structure) on top of the current one.
   *
   * @throws BufferError "cannot change structure: N exported buffer[s]" while
   * buffers are exported (unless created with VAREXPORT), or for a re-exporter.
   * @example
   * ```ts
   * import { NDArray } from "@pybuffer/core";
   * const nd = new NDArray([1, 2], { shape: [2] });
   * nd.push([1, 2, 3], { shape: [3] });
   * nd.shape; // [3]
   * ```
   *
   * @since 0.1.0
   */
  push(items: unknown, options: NDArrayPushOptions): void {
    options = readOptions(options, "push", PUSH_OPTIONS);
    const flags = options.flags ?? 0;
    if (flags & NDArrayFlags.VAREXPORT) {
      throw new ValueError("ND_VAREXPORT flag can only be used during object creation");
    }
    this.#assertMutableStructure(this.#varexport);
    if (options.shape === undefined) {
      throw new PyTypeError("function missing required argument 'shape' (pos 2)");
    }
    this.#bases.push(buildBase(items, { ...options, shape: options.shape }, this.#abi));
  }

  /**
   * Removes the newest base, going back to the previous structure.
   *
   * @throws BufferError while the head base is exported, for a single base, or for a re-exporter.
   *
   * @since 0.1.0
   */
  pop(): void {
    this.#assertMutableStructure(false);
    if (this.#bases.length === 1) throw new BufferError("list only has a single base");
    this.#bases.pop();
  }

  #assertMutableStructure(allowExports: boolean): void {
    if (this.#isConsumer) throw new BufferError("structure of re-exporting object is immutable");
    const exports = this.#head.exports;
    if (!allowExports && exports > 0) {
      throw new BufferError(`cannot change structure: ${exports} exported buffer${exports === 1 ? "" : "s"}`);
    }
  }

  /**
   * Adds redundant suboffsets (all -1), a PIL form with no indirection, for tests.
   *
   * @throws PyTypeError for a PIL array or one without strides.
   *
   * @since 0.1.0
   */
  addSuboffsets(): void {
    const head = this.#head;
    const geometry = head.geometry;
    if (geometry.suboffsets !== null) throw new PyTypeError("cannot add suboffsets to PIL-style array");
    if (geometry.strides === null) throw new PyTypeError("cannot add suboffsets to array without strides");
    geometry.suboffsets = new Array<number>(geometry.ndim).fill(-1);
    head.flags &= ~(NDArrayFlags.C | NDArrayFlags.FORTRAN);
  }

  // ---- contents ---------------------------------------------------------

  /**
   * The items as nested arrays (a bare value for ndim 0); multi-member
   * formats give an array per item.
   *
   * @throws ValueError "ndarray: tolist() does not support format=NULL, use tobytes()".
   *
   * @since 0.1.0
   */
  toList(): unknown {
    return itemsToList(this.#head.geometry, this.#abi);
  }

  /**
   * The items' bytes in C order.
   *
   * @since 0.1.0
   */
  toBytes(): Uint8Array {
    return itemsToBytes(this.#head.geometry, this.#abi);
  }

  /**
   * `nd[key]`: an integer gives an item (1-D) or a sub-array; a {@link Slice}
   * or an array of slices gives a sliced re-exporter; ndim 0 takes `[]` (the
   * item) or {@link Ellipsis} (the array itself).
   *
   * @throws IndexError "index out of bounds"; PyTypeError for other keys.
   *
   * @since 0.1.0
   */
  get(key: unknown): unknown {
    const geometry = this.#head.geometry;
    if (geometry.ndim === 0) {
      if (isArraySafely(key) && key.length === 0) {
        this.#assertLive();
        return unpackItem(geometry, geometry.buf, this.#abi);
      }
      if (key === Ellipsis) return this;
      throw new PyTypeError("invalid indexing of scalar");
    }
    const index = integerKey(key);
    if (index !== null) return this.#item(index);
    return this.#sliced(key);
  }

  /**
   * `nd[key] = value`: an item for an integer key on 1-D (or `[]`/{@link Ellipsis}
   * on 0-D); otherwise `value` is an exporter of exactly the selected structure.
   *
   * @throws PyTypeError "ndarray is not writable"; ValueError
   * "ndarray assignment: lvalue and rvalue have different structures".
   *
   * @since 0.1.0
   */
  set(key: unknown, value: unknown): void {
    const geometry = this.#head.geometry;
    if (geometry.readonly) throw new PyTypeError("ndarray is not writable");
    if (geometry.ndim === 0) {
      if (key === Ellipsis || (isArraySafely(key) && key.length === 0)) {
        packItem(geometry, geometry.buf, value, this.#abi);
        return;
      }
      throw new PyTypeError("invalid indexing of scalar");
    }
    const index = geometry.ndim === 1 ? integerKey(key) : null;
    if (index !== null) {
      packItem(geometry, addressOf(geometry, index, this.#abi), value, this.#abi);
      return;
    }
    const source = getBuffer(value, BufferFlags.FULL_RO, { abi: this.#abi.name });
    try {
      const target = this.get(key) as NDArray;
      try {
        target.#assignFrom(source);
      } finally {
        target.release();
      }
    } finally {
      releaseBuffer(source);
    }
  }

  /**
   * Releases a re-exporter's hold on its exporter (idempotent; nothing to do for an original array).
   *
   * @since 0.1.0
   */
  release(): void {
    if (this.#issued === null || this.#released) return;
    this.#released = true;
    forgetConsumer(this);
    releaseBuffer(this.#issued);
  }

  /** @since 0.1.0 */
  [Symbol.dispose](): void {
    this.release();
  }

  /**
   * Iterates over dimension 0, as Python's sequence protocol does through `nd[i]`.
   *
   * @since 0.1.0
   */
  *[Symbol.iterator](): Generator<unknown, void, undefined> {
    for (let i = 0; ; i++) {
      const geometry = this.#head.geometry;
      const count = geometry.ndim === 0 ? 0 : geometry.shape?.[0] ?? geometry.len;
      if (geometry.ndim !== 0 && i >= count) return;
      yield this.get(i);
    }
  }

  // ---- internals --------------------------------------------------------

  #assertLive(): void {
    assertLiveGeometry(this.#head.geometry, this.#abi);
  }

  /** `ndarray_item`. */
  #item(index: number): unknown {
    const geometry = this.#head.geometry;
    this.#assertLive();
    const address = addressOf(geometry, index, this.#abi);
    if (geometry.ndim === 1) return unpackItem(geometry, address, this.#abi);
    const sub = new NDArray(this, { abi: this.#abi.name });
    const g = sub.#head.geometry;
    selectSubArray(g, address);
    sub.#head.flags = (g.readonly ? 0 : NDArrayFlags.WRITABLE) | layoutFlags(g);
    return sub;
  }

  /** `ndarray_subscript` for slices: a re-exporter with adjusted geometry. */
  #sliced(key: unknown): NDArray {
    const sub = new NDArray(this, { abi: this.#abi.name });
    try {
      const g = sub.#head.geometry;
      sliceGeometry(g, key);
      // A sliced consumer owns copies of shape, strides and suboffsets (ND_OWN_ARRAYS).
      sub.#head.flags = (g.readonly ? 0 : NDArrayFlags.WRITABLE) | NDArrayFlags.OWN_ARRAYS | layoutFlags(g);
      return sub;
    } catch (error) {
      sub.release();
      throw error;
    }
  }

  /** `copy_buffer`: same structure required; the copy goes through a scratch buffer, so overlap is safe. */
  #assignFrom(source: BufferRecord): void {
    const g = this.#head.geometry;
    const sourceShape = fullLayout(source).shape;
    const sameStructure =
      (g.format ?? "B") === (source.format ?? "B") &&
      g.itemsize === source.itemsize &&
      g.ndim === source.ndim &&
      sameShapeUpToZero(g.shape ?? [], sourceShape);
    if (!sameStructure) throw new ValueError("ndarray assignment: lvalue and rvalue have different structures");
    const items = toContiguous(source, "C", undefined, { abi: this.#abi.name });
    fromContiguous(geometryRecord(g), items, "C", { abi: this.#abi.name });
  }
}
