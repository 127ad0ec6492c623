/**
 * A generated case as a JSON literal (`CaseSpec`), what the factory gets for
 * it (`ExporterDescription`) and what every property expects of the exporter
 * (`Model`). A case is plain data so that it can be printed as the
 * counterexample, pasted into `replay --case`, and pinned in a regression file.
 * The models of derived views are in `view-models.ts`; what makes a case
 * invalid for a manifest is in `case-problems.ts`.
 *
 * @module
 */

import type { AbiName } from "@pybuffer/core";
import type { Capabilities, ExporterDescription } from "../adapter/types.ts";
import { contiguity, contiguousStrides, indexTuples, isRowPadded, layoutClass, nest, product, type Tri } from "./layout.ts";
import { decodeItem, encodeItem, fromHex, isItemFormat, randomBytes, structFor, type Item } from "./items.ts";

/**
 * Which object the properties look at: the exporter, or a view derived from `memoryview(exporter)`.
 *
 * @since 0.1.0
 */
export type ViewKind = "exporter" | "slice" | "cast" | "readonly";

/**
 * How a derived view is made from `memoryview(exporter)`.
 *
 * @since 0.1.0
 */
export type ViewSpec =
  | { readonly kind: "slice"; readonly start: number | null; readonly stop: number | null; readonly step: number }
  | { readonly kind: "cast"; readonly format: string; readonly shape: "flat" | "2d" | "scalar" }
  | { readonly kind: "readonly" };

/**
 * A case of an exporter-driven adapter: the seed of one of its own instances.
 *
 * @since 0.1.0
 */
export interface InstanceCase {
  /**
   * The seed passed to the adapter's `instances` sampler (or the arbitrary's sampling seed).
   *
   * @since 0.1.0
   */
  readonly instance: number;
  /** @since 0.1.0 */
  readonly view?: ViewSpec;
}

/**
 * One generated case, as a JSON literal: a description for `create`, or an instance seed.
 *
 * @since 0.1.0
 */
export type CaseSpec = DescribedCase | InstanceCase;

/** Whether a case names an instance of an exporter-driven adapter. */
export function isInstanceCase(spec: CaseSpec): spec is InstanceCase {
  return (spec as { instance?: unknown }).instance !== undefined;
}

/**
 * One generated description, as a JSON literal.
 *
 * @since 0.1.0
 */
export interface DescribedCase {
  /** @since 0.1.0 */
  readonly format: string;
  /** @since 0.1.0 */
  readonly shape: readonly number[];
  /**
   * Byte strides.
   *
   * @since 0.1.0
   */
  readonly strides: readonly number[];
  /**
   * Byte offset of item `[0, ..., 0]`.
   *
   * @since 0.1.0
   */
  readonly offset: number;
  /**
   * Items in the physical memory.
   *
   * @since 0.1.0
   */
  readonly memoryItems: number;
  /** @since 0.1.0 */
  readonly readonly: boolean;
  /** @since 0.1.0 */
  readonly indirect: boolean;
  /**
   * The physical memory: hex bytes, or a seed the bytes are generated from
   * (see `randomBytes`); decoded and re-encoded so that bytes and items agree.
   *
   * @since 0.1.0
   */
  readonly data: string | number;
  /** @since 0.1.0 */
  readonly view?: ViewSpec;
}

/** What a buffer must look like: the description's geometry, or a derived view's. */
export interface Model {
  readonly format: string;
  readonly itemsize: number;
  readonly ndim: number;
  readonly shape: readonly number[];
  /** The strides records must report; `null` when the exporter chooses them (PIL). */
  readonly strides: readonly number[] | null;
  readonly readonly: boolean;
  readonly indirect: boolean;
  readonly len: number;
  readonly c: Tri;
  readonly f: Tri;
  readonly abi: AbiName;
  /** Step 7 of the decision procedure, as declared (derived views are memoryviews: refuse). */
  readonly formatWithoutShape: "refuse" | "serve";
  /** Items in C order. */
  readonly items: readonly Item[];
  /** Item bytes in C order, and in Fortran order. */
  readonly bytesC: Uint8Array;
  readonly bytesF: Uint8Array;
  /** `tolist()`. */
  readonly list: unknown;
  /** Whether memoryview can read items of this format (memoryobject.c: get_native_fmtchar). */
  readonly itemAccess: boolean;
}

/** A built case: how to make a fresh exporter for it, and the model every property expects of it. */
export interface BuiltCase {
  readonly spec: CaseSpec;
  /** A fresh exporter: `create(description)`, or a fresh instance of the adapter's own. */
  readonly make: { readonly kind: "create"; readonly description: () => ExporterDescription } | { readonly kind: "instance"; readonly instance: () => object };
  readonly model: Model;
}

/** Builds the description and the model; the spec must be valid (see `caseProblem` in `case-problems.ts`). */
export function buildCase(spec: DescribedCase, caps: Capabilities & { readonly abi: AbiName }): BuiltCase {
  const struct = structFor(spec.format, caps.abi);
  const itemsize = struct.size;
  const size = spec.memoryItems * itemsize;
  const raw = typeof spec.data === "number" ? randomBytes(spec.data, size) : fromHex(spec.data);
  const bytes = new Uint8Array(spec.memoryItems * itemsize);
  const items: Item[] = [];
  // One integer or byte code round-trips every bit pattern; anything else is re-encoded so that
  // bytes and items agree (padding becomes zeros, a '?' byte 2 reads True and packs back as 1,
  // NaNs canonicalise).
  const exact = /^[@=<>!]?\d*[bBhHiIlLqQnNPcs]$/.test(spec.format);
  if (exact) bytes.set(raw.subarray(0, bytes.length));
  for (let k = 0; k < spec.memoryItems; k++) {
    if (!exact) bytes.set(encodeItem(struct, decodeItem(struct, raw, k * itemsize)), k * itemsize);
    items.push(decodeItem(struct, bytes, k * itemsize));
  }
  const ndim = spec.shape.length;
  const logicalC: Item[] = [];
  const chunksC: Uint8Array[] = [];
  const chunksF: Uint8Array[] = [];
  const at = (index: readonly number[]): number => {
    let p = spec.offset;
    for (let i = 0; i < ndim; i++) p += index[i]! * spec.strides[i]!;
    return p;
  };
  if (ndim === 0) {
    logicalC.push(items[spec.offset / itemsize]!);
    chunksC.push(bytes.subarray(spec.offset, spec.offset + itemsize));
    chunksF.push(chunksC[0]!);
  } else {
    for (const index of indexTuples(spec.shape, "C")) {
      const p = at(index);
      logicalC.push(items[p / itemsize]!);
      chunksC.push(bytes.subarray(p, p + itemsize));
    }
    for (const index of indexTuples(spec.shape, "F")) {
      const p = at(index);
      chunksF.push(bytes.subarray(p, p + itemsize));
    }
  }
  const model = makeModel({
    format: spec.format,
    itemsize,
    shape: spec.shape,
    strides: spec.indirect ? null : spec.strides,
    readonly: spec.readonly,
    indirect: spec.indirect,
    abi: caps.abi,
    formatWithoutShape: caps.formatWithoutShape,
    items: logicalC,
    bytesC: concat(chunksC),
    bytesF: concat(chunksF),
    geometryStrides: spec.strides,
  });
  const cls = layoutClass(spec.shape, spec.strides, itemsize);
  const padded = cls === "strided" && caps.layouts.includes("padded") && !caps.layouts.includes("strided") && isRowPadded(spec.shape, spec.strides, itemsize);
  const layout = padded ? "padded" : cls;
  const frozenItems = Object.freeze([...items]);
  const description = (): ExporterDescription =>
      Object.freeze({
        format: spec.format,
        itemsize,
        ndim,
        shape: Object.freeze([...spec.shape]),
        strides: Object.freeze([...spec.strides]),
        offset: spec.offset,
        bytes: bytes.slice(),
        items: frozenItems,
        readonly: spec.readonly,
        indirect: spec.indirect,
        abi: caps.abi,
        layout,
      });
  return { spec, model, make: { kind: "create", description } };
}

/**
 * The model of an exporter's own instance: its content (format, shape, the
 * C-order item bytes), and the geometry its FULL_RO record chose (`strides`
 * and `suboffsets`; canonical C strides when that record is unusable, which
 * the raw properties report).
 */
export function contentModel(
  content: { readonly format: string; readonly shape: readonly number[]; readonly bytes: Uint8Array; readonly readonly: boolean },
  geometry: { readonly strides: readonly number[]; readonly indirect: boolean },
  caps: Capabilities & { readonly abi: AbiName },
): Model {
  const struct = structFor(content.format, caps.abi);
  const itemsize = struct.size;
  const items: Item[] = [];
  for (let k = 0; k * itemsize < content.bytes.length; k++) items.push(decodeItem(struct, content.bytes, k * itemsize));
  return makeModel({
    format: content.format,
    itemsize,
    shape: content.shape,
    strides: geometry.indirect ? null : geometry.strides,
    readonly: content.readonly,
    indirect: geometry.indirect,
    abi: caps.abi,
    formatWithoutShape: caps.formatWithoutShape,
    items,
    bytesC: content.bytes.slice(),
    bytesF: fortranBytes(content.bytes, content.shape, itemsize),
    geometryStrides: geometry.strides,
  });
}

/** What a model is made from; the views' models in `view-models.ts` build on it too. */
export interface ModelInit {
  readonly format: string;
  readonly itemsize: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[] | null;
  readonly readonly: boolean;
  readonly indirect: boolean;
  readonly abi: AbiName;
  readonly formatWithoutShape: "refuse" | "serve";
  readonly items: readonly Item[];
  readonly bytesC: Uint8Array;
  readonly bytesF: Uint8Array;
  /** Strides for contiguity when `strides` is null but the layout is known. */
  readonly geometryStrides?: readonly number[];
}

/** A frozen model, its contiguity, length and nested list derived from `init`. */
export function makeModel(init: ModelInit): Model {
  const ndim = init.shape.length;
  const geometry = init.strides ?? init.geometryStrides ?? null;
  return Object.freeze({
    format: init.format,
    itemsize: init.itemsize,
    ndim,
    shape: Object.freeze([...init.shape]),
    strides: init.strides === null ? null : Object.freeze([...init.strides]),
    readonly: init.readonly,
    indirect: init.indirect,
    len: product(init.shape) * init.itemsize,
    c: contiguity(init.shape, geometry, init.itemsize, init.indirect, "C"),
    f: contiguity(init.shape, geometry, init.itemsize, init.indirect, "F"),
    abi: init.abi,
    formatWithoutShape: init.formatWithoutShape,
    items: init.items,
    bytesC: init.bytesC,
    bytesF: init.bytesF,
    list: nest(init.items, init.shape),
    itemAccess: isItemFormat(init.format),
  });
}

/** Reorders C-order item bytes into Fortran order. */
export function fortranBytes(bytesC: Uint8Array, shape: readonly number[], itemsize: number): Uint8Array {
  if (shape.length <= 1) return bytesC.slice();
  const cStrides = contiguousStrides(shape, itemsize, "C");
  const out: Uint8Array[] = [];
  for (const index of indexTuples(shape, "F")) {
    let p = 0;
    for (let i = 0; i < shape.length; i++) p += index[i]! * cStrides[i]!;
    out.push(bytesC.subarray(p, p + itemsize));
  }
  return concat(out);
}

/** The chunks joined into one new array. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
