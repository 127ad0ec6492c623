/**
 * The adapter an implementer writes: one factory that builds a fresh exporter
 * from a description, a capability manifest that says which descriptions the
 * factory can build and which optional behaviours the exporter has, and a few
 * optional hooks. The suite never guesses a capability.
 *
 * @module
 */

import type { AbiName, BufferRecord, StructValue } from "@pybuffer/core";
import type { Unsupported } from "./unsupported.ts";

/**
 * Stride patterns a description may ask for (see the README's "Capabilities").
 *
 * - `C`: C-contiguous (row-major) strides.
 * - `F`: Fortran-contiguous (column-major) strides.
 * - `strided`: positive strides with gaps between items (every other row, ...).
 * - `negative`: at least one negative stride (a reversed dimension).
 * - `zero`: at least one stride of 0 on an extent above 1 (a broadcast dimension).
 * - `padded`: C order with padding after rows only (an image whose rows are
 *   aligned): the last dimension packed, every other stride at least the
 *   span of the block inside it; axes never reordered.
 *
 * @since 0.1.0
 */
export type Layout = "C" | "F" | "strided" | "negative" | "zero" | "padded";

/**
 * The capability manifest: what the factory can build and how the exporter
 * behaves where the protocol allows a choice. The suite reads it once,
 * freezes a copy, checks it is unchanged after the run, and reports every
 * property it rules out as SKIPPED with the reason.
 *
 * @example
 * ```ts
 * const capabilities: Capabilities = {
 *   formats: ["d"], minNdim: 2, maxNdim: 2, layouts: ["C", "F", "strided", "negative"],
 *   suboffsets: false, readonly: true, writable: true, formatWithoutShape: "refuse",
 *   countsExports: true, resizable: true, redirect: false,
 * };
 * ```
 *
 * @since 0.1.0
 */
export interface Capabilities {
  /**
   * `struct` formats the factory can export, each verbatim (`"<i"` stays `"<i"`).
   *
   * @since 0.1.0
   */
  readonly formats: readonly string[];
  /**
   * Fewest dimensions the factory can build (0 allows scalars).
   *
   * @since 0.1.0
   */
  readonly minNdim: number;
  /**
   * Most dimensions the factory can build (at most 64).
   *
   * @since 0.1.0
   */
  readonly maxNdim: number;
  /**
   * Stride patterns the factory can reproduce exactly.
   *
   * @since 0.1.0
   */
  readonly layouts: readonly Layout[];
  /**
   * Whether the factory can export PIL-style (suboffsets) when a description sets `indirect`.
   *
   * @since 0.1.0
   */
  readonly suboffsets: boolean;
  /**
   * Whether the factory can build exporters of read-only memory.
   *
   * @since 0.1.0
   */
  readonly readonly: boolean;
  /**
   * Whether the factory can build exporters of writable memory.
   *
   * @since 0.1.0
   */
  readonly writable: boolean;
  /**
   * A request for FORMAT without ND (`SIMPLE|FORMAT`, `WRITABLE|FORMAT`):
   * `"refuse"` with BufferError, like memoryview and `_testbuffer.ndarray`, or
   * `"serve"` it (format set, shape null), like bytes, bytearray and array.array.
   *
   * @since 0.1.0
   */
  readonly formatWithoutShape: "refuse" | "serve";
  /**
   * Whether the exporter counts its exports; requires the adapter's `exportCount` hook.
   *
   * @since 0.1.0
   */
  readonly countsExports: boolean;
  /**
   * Whether the exporter has an operation it must refuse with BufferError
   * while buffers are exported (resize, push/pop, close, release); requires
   * the adapter's `resize` hook. `"writable"`: only writable instances have
   * it, read-only ones are frozen for good (as `bytes` beside `bytearray`).
   *
   * @since 0.1.0
   */
  readonly resizable: boolean | "writable";
  /**
   * Whether records name another object (the root of a chain) as `obj`; requires the adapter's `root` hook.
   *
   * @since 0.1.0
   */
  readonly redirect: boolean;
  /**
   * Native sizes of the exporter's formats and pointers; default `"lp64"`.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
  /**
   * The smallest extent the factory builds (default 0; 1 refuses empty dimensions).
   *
   * @since 0.1.0
   */
  readonly minExtent?: number;
  /**
   * The largest extent the factory builds (default: the profile's).
   *
   * @since 0.1.0
   */
  readonly maxExtent?: number;
  /**
   * The most items one exporter may hold (default: the profile's).
   *
   * @since 0.1.0
   */
  readonly maxItems?: number;
}

/**
 * What the factory must build: an exporter whose logical items, format,
 * shape and strides are exactly these. `bytes` and `offset` suggest a
 * physical layout that reproduces the strides; an exporter may place the
 * items anywhere in its own memory block as long as its records report
 * these strides (or PIL-style strides when `indirect` is set).
 *
 * @since 0.1.0
 */
export interface ExporterDescription {
  /**
   * The `struct` format, one of the manifest's.
   *
   * @since 0.1.0
   */
  readonly format: string;
  /**
   * `calcsize(format)` under the manifest's ABI.
   *
   * @since 0.1.0
   */
  readonly itemsize: number;
  /** @since 0.1.0 */
  readonly ndim: number;
  /**
   * Extents; `[]` for a scalar.
   *
   * @since 0.1.0
   */
  readonly shape: readonly number[];
  /**
   * Byte strides, multiples of `itemsize`; `[]` for a scalar.
   *
   * @since 0.1.0
   */
  readonly strides: readonly number[];
  /**
   * Byte offset of item `[0, ..., 0]` in `bytes` (a multiple of `itemsize`).
   *
   * @since 0.1.0
   */
  readonly offset: number;
  /**
   * The physical memory: `items` packed with `format`. A fresh copy for every call.
   *
   * @since 0.1.0
   */
  readonly bytes: Uint8Array;
  /**
   * The physical memory as items, one per `itemsize` bytes (a tuple for a multi-value format).
   *
   * @since 0.1.0
   */
  readonly items: readonly (StructValue | readonly StructValue[])[];
  /**
   * Whether the exporter's memory must be read-only.
   *
   * @since 0.1.0
   */
  readonly readonly: boolean;
  /**
   * Whether to export PIL-style, with suboffsets (only when the manifest allows it).
   *
   * @since 0.1.0
   */
  readonly indirect: boolean;
  /**
   * The manifest's ABI.
   *
   * @since 0.1.0
   */
  readonly abi: AbiName;
  /**
   * The layout class of `strides` (`"C"` for a scalar).
   *
   * @since 0.1.0
   */
  readonly layout: Layout;
}

/**
 * One of the exporter's own objects, with the logical content it must show
 * (exporter-driven mode): the records are judged against this content and
 * the protocol's rules, in whatever layout the exporter chose.
 *
 * @example
 * ```ts
 * import type { ExporterInstance } from "@pybuffer/conformance";
 * import { Matrix } from "./matrix.js";
 * const items = new Float64Array([1, 2, 3, 4, 5, 6]);
 * const instance: ExporterInstance<Matrix> = {
 *   exporter: new Matrix(2, 3, { data: items.slice() }), format: "d", shape: [2, 3], readonly: false,
 *   bytes: new Uint8Array(items.buffer), // the items in C order
 * };
 * instance.bytes.length; // 48
 * ```
 *
 * @since 0.1.0
 */
export interface ExporterInstance<E extends object = object> {
  /**
   * A fresh object, not shared with any other instance.
   *
   * @since 0.1.0
   */
  readonly exporter: E;
  /**
   * The `struct` format its records must report.
   *
   * @since 0.1.0
   */
  readonly format: string;
  /**
   * Its extents (`[]` for a scalar).
   *
   * @since 0.1.0
   */
  readonly shape: readonly number[];
  /**
   * Its items in C order, packed with `format`: `itemsize * product(shape)` bytes.
   *
   * @since 0.1.0
   */
  readonly bytes: Uint8Array;
  /**
   * Whether its memory is read-only (WRITABLE must then be refused).
   *
   * @since 0.1.0
   */
  readonly readonly: boolean;
}

/**
 * A fast-check arbitrary of instances (typed structurally: any fast-check 4 arbitrary fits).
 *
 * @since 0.1.0
 */
export interface InstanceArbitrary<E extends object = object> {
  /** @since 0.1.0 */
  generate(...args: never[]): unknown;
  /** @since 0.1.0 */
  canShrinkWithoutContext(value: unknown): value is ExporterInstance<E>;
}

/**
 * The adapter module's export. `create` is required; everything else the
 * manifest asks for. Hooks are adapter code: an exception from `create`,
 * `exportCount` or `root` is reported as ERROR (an adapter fault), never as
 * a failure of the exporter.
 *
 * @example
 * ```ts
 * import { validateAdapter, type ConformanceAdapter } from "@pybuffer/conformance";
 * import { Matrix } from "./matrix.js";
 * const adapter: ConformanceAdapter<Matrix> = {
 *   name: "acme-matrix", version: "1.2.0",
 *   capabilities: { formats: ["d"], minNdim: 2, maxNdim: 2, layouts: ["C"], suboffsets: false,
 *     readonly: false, writable: true, formatWithoutShape: "refuse", countsExports: false,
 *     resizable: false, redirect: false },
 *   create: (d) => new Matrix(d.shape[0]!, d.shape[1]!, {
 *     data: new Float64Array(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength / 8),
 *     rowStride: d.strides[0]! / 8, colStride: d.strides[1]! / 8, offset: d.offset / 8, readonly: d.readonly,
 *   }),
 * };
 * validateAdapter(adapter).name; // "acme-matrix"
 * ```
 *
 * @since 0.1.0
 */
export interface ConformanceAdapter<E extends object = object> {
  /**
   * A stable name for reports and baselines: letters, digits and `._:@+-`, no spaces or slashes.
   *
   * @since 0.1.0
   */
  readonly name: string;
  /**
   * The implementation's version, for the report.
   *
   * @since 0.1.0
   */
  readonly version?: string;
  /**
   * The implementation's home page, for the report.
   *
   * @since 0.1.0
   */
  readonly homepage?: string;
  /**
   * Where to file issues, for the report.
   *
   * @since 0.1.0
   */
  readonly issues?: string;
  /** @since 0.1.0 */
  readonly capabilities: Capabilities;
  /**
   * Builds a fresh, isolated exporter for every call. Must not throw for a
   * description the manifest allows; to decline one the manifest cannot
   * say it excludes, return `unsupported(reason)`: the case is
   * counted and reported as not applicable with the reason, never an error.
   *
   * @since 0.1.0
   */
  create(description: ExporterDescription): E | Unsupported;
  /**
   * Runs once before any property (load a WebAssembly module, ...).
   *
   * @since 0.1.0
   */
  setup?(): void | Promise<void>;
  /**
   * Runs once after the last property.
   *
   * @since 0.1.0
   */
  teardown?(): void | Promise<void>;
  /**
   * The exporter's current export count; required when `capabilities.countsExports`.
   *
   * @since 0.1.0
   */
  exportCount?(exporter: E): number;
  /**
   * Performs the operation the exporter must refuse while exported (resize,
   * push, close, ...); required when `capabilities.resizable`. It must throw
   * the exporter's BufferError when refused and return normally when done.
   *
   * @since 0.1.0
   */
  resize?(exporter: E): void;
  /**
   * The object records name as `obj`; required when `capabilities.redirect`.
   *
   * @since 0.1.0
   */
  root?(exporter: E): object;
  /**
   * Raw access for exporters without a method under `Symbol.for("pybuffer.getbuffer")`
   * (ECMAScript built-ins, answered by a library); the report says it was used.
   *
   * @since 0.1.0
   */
  getBuffer?(exporter: E, flags: number): BufferRecord;
  /**
   * The release to pair with {@link ConformanceAdapter.getBuffer}.
   *
   * @since 0.1.0
   */
  releaseBuffer?(exporter: E, record: BufferRecord): void;
}

/**
 * An exporter-driven adapter: instead of `create`, the exporter's own
 * objects. `instances` is a sampler (`(seed) => instance`, deterministic:
 * one seed, one content, a fresh object on every call) or a fast-check
 * arbitrary of instances (sampled with the case's seed). Every exporter
 * property runs on them, judging records against each instance's content
 * and the protocol's rules; a counterexample is `{ "instance": <seed> }`.
 * The manifest still declares the behaviours (read-only instances,
 * `formatWithoutShape`, counting, resizing); `formats`, dimensions and
 * layouts describe the instances but generate nothing.
 *
 * @example
 * ```ts
 * import { presetCapabilities, validateAdapter, type InstanceAdapter } from "@pybuffer/conformance";
 * import { Matrix } from "./matrix.js";
 * const adapter: InstanceAdapter<Matrix> = {
 *   name: "acme-matrix-instances",
 *   capabilities: presetCapabilities("ndarray", { formats: ["d"], minNdim: 2, maxNdim: 2, layouts: ["C"], readonly: false }),
 *   instances: (seed) => {
 *     const items = Float64Array.from({ length: 6 }, (_, i) => seed + i); // one seed, one content
 *     const matrix = new Matrix(2, 3, { data: items.slice() });
 *     return { exporter: matrix, format: "d", shape: [2, 3], bytes: new Uint8Array(items.buffer), readonly: false };
 *   },
 * };
 * validateAdapter(adapter).name; // "acme-matrix-instances"
 * ```
 *
 * @since 0.1.0
 */
export interface InstanceAdapter<E extends object = object> extends Omit<ConformanceAdapter<E>, "create"> {
  /** @since 0.1.0 */
  readonly instances: ((seed: number) => ExporterInstance<E>) | InstanceArbitrary<E>;
}
