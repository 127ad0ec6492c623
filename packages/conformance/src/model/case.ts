/**
 * A generated case as a JSON literal (`CaseSpec`), what the factory gets for
 * it (`ExporterDescription`) and what every property expects of the exporter
 * (`Model`). A case is plain data so that it can be printed as the
 * counterexample, pasted into `replay --case`, and pinned in a regression file.
 *
 * @module
 */

import type { AbiName } from "@pybuffer/core";
import type { Capabilities, ExporterDescription } from "../adapter/types.ts";
import {
  contiguity,
  contiguousStrides,
  indexTuples,
  isRowPadded,
  layoutAllowed,
  layoutClass,
  nest,
  product,
  sliceIndices,
  type Tri,
} from "./layout.ts";
import { decodeItem, encodeItem, fromHex, isItemFormat, randomBytes, structFor, type Item } from "./items.ts";

/** Which object the properties look at: the exporter, or a view derived from `memoryview(exporter)`. */
export type ViewKind = "exporter" | "slice" | "cast" | "readonly";

/** How a derived view is made from `memoryview(exporter)`. */
export type ViewSpec =
  | { readonly kind: "slice"; readonly start: number | null; readonly stop: number | null; readonly step: number }
  | { readonly kind: "cast"; readonly format: string; readonly shape: "flat" | "2d" | "scalar" }
  | { readonly kind: "readonly" };

/** A case of an exporter-driven adapter: the seed of one of its own instances. */
export interface InstanceCase {
  /** The seed passed to the adapter's `instances` sampler (or the arbitrary's sampling seed). */
  readonly instance: number;
  readonly view?: ViewSpec;
}

/** One generated case, as a JSON literal: a description for `create`, or an instance seed. */
export type CaseSpec = DescribedCase | InstanceCase;

/** Whether a case names an instance of an exporter-driven adapter. */
export function isInstanceCase(spec: CaseSpec): spec is InstanceCase {
  return (spec as { instance?: unknown }).instance !== undefined;
}

/** One generated description, as a JSON literal. */
export interface DescribedCase {
  readonly format: string;
  readonly shape: readonly number[];
  /** Byte strides. */
  readonly strides: readonly number[];
  /** Byte offset of item `[0, ..., 0]`. */
  readonly offset: number;
  /** Items in the physical memory. */
  readonly memoryItems: number;
  readonly readonly: boolean;
  readonly indirect: boolean;
  /**
   * The physical memory: hex bytes, or a seed the bytes are generated from
   * (see `randomBytes`); decoded and re-encoded so that bytes and items agree.
   */
  readonly data: string | number;
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

/** Builds the description and the model; the spec must be valid (see {@link caseProblem}). */
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

interface ModelInit {
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

function makeModel(init: ModelInit): Model {
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

/** The model of `m[start:stop:step]` (dimension 0), or why the view cannot be made. */
export function sliceModel(model: Model, start: number | null, stop: number | null, step: number): Model | string {
  if (model.ndim === 0) return "a 0-d view cannot be sliced";
  const n0 = model.shape[0]!;
  const s = sliceIndices(start, stop, step, n0);
  const rest = model.shape.slice(1);
  const rowItems = product(rest);
  const items: Item[] = [];
  for (let k = 0; k < s.length; k++) {
    const row = s.start + k * s.step;
    for (let j = 0; j < rowItems; j++) items.push(model.items[row * rowItems + j]!);
  }
  const shape = [s.length, ...rest];
  const strides = model.strides === null ? null : [model.strides[0]! * step, ...model.strides.slice(1)];
  return makeModel({
    ...modelBase(model),
    shape,
    strides,
    items,
    ...orderedBytes(items, shape, model),
  });
}

/**
 * The cast a case's view names, made to apply: a format whose size does not
 * divide the view's bytes falls back to "B", a shape that does not fit falls
 * back to flat. (Deterministic, so a case literal always names one cast.)
 */
export function resolveCast(nbytes: number, abi: AbiName, format: string, shape: "flat" | "2d" | "scalar"): { format: string; shape: number[] } {
  const target = nbytes % structFor(format, abi).size === 0 ? format : "B";
  const count = nbytes / structFor(target, abi).size;
  if (shape === "scalar" && count === 1) return { format: target, shape: [] };
  const a = [2, 3, 5, 7].find((d) => count % d === 0);
  if (shape === "2d" && a !== undefined && count > 0) return { format: target, shape: [a, count / a] };
  return { format: target, shape: [count] };
}

/** The model of `m.cast("B").cast(format, shape)`, or why the cast does not apply. */
export function castModel(model: Model, requested: string, shapeKind: "flat" | "2d" | "scalar"): Model | string {
  if (model.c !== "yes") return "casts need a C-contiguous view";
  if (model.ndim !== 1 && model.shape.includes(0)) return "a view with zeros in its shape cannot be cast";
  const { format, shape } = resolveCast(model.len, model.abi, requested, shapeKind);
  const struct = structFor(format, model.abi);
  const size = struct.size;
  const count = model.len / size;
  const bytes = model.bytesC;
  const items: Item[] = [];
  for (let k = 0; k < count; k++) items.push(decodeItem(struct, bytes, k * size));
  const strides = contiguousStrides(shape, size, "C");
  const init: ModelInit = {
    format,
    itemsize: size,
    shape,
    strides,
    readonly: model.readonly,
    indirect: false,
    abi: model.abi,
    formatWithoutShape: "refuse",
    items,
    bytesC: bytes.slice(),
    bytesF: fortranBytes(bytes, shape, size),
  };
  return makeModel(init);
}

/** The model of `m.toReadonly()`. */
export function readonlyModel(model: Model): Model {
  return makeModel({ ...modelBase(model), shape: model.shape, strides: model.strides, items: model.items, bytesC: model.bytesC, bytesF: model.bytesF, readonly: true });
}

function modelBase(model: Model): Omit<ModelInit, "shape" | "strides" | "items" | "bytesC" | "bytesF"> {
  return {
    format: model.format,
    itemsize: model.itemsize,
    readonly: model.readonly,
    indirect: model.indirect,
    abi: model.abi,
    formatWithoutShape: "refuse",
  };
}

/** A derived model of a memoryview over the exporter: step 7 is memoryview's (refuse). */
export function viewModel(model: Model): Model {
  return makeModel({ ...modelBase(model), shape: model.shape, strides: model.strides, items: model.items, bytesC: model.bytesC, bytesF: model.bytesF });
}

function orderedBytes(items: readonly Item[], shape: readonly number[], model: Model): { bytesC: Uint8Array; bytesF: Uint8Array } {
  const struct = structFor(model.format, model.abi);
  const bytesC = concat(items.map((item) => encodeItem(struct, item)));
  return { bytesC, bytesF: fortranBytes(bytesC, shape, model.itemsize) };
}

/** Reorders C-order item bytes into Fortran order. */
function fortranBytes(bytesC: Uint8Array, shape: readonly number[], itemsize: number): Uint8Array {
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

function concat(chunks: readonly Uint8Array[]): Uint8Array {
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

/** What breaks the manifest's size restrictions (`minExtent`, `maxExtent`, `maxItems`) in `shape`, or `null`. */
export function sizeRestrictionProblem(shape: readonly number[], caps: Capabilities): string | null {
  if (caps.minExtent !== undefined && shape.some((e) => e < caps.minExtent!)) return `an extent is below the manifest's minExtent ${caps.minExtent}`;
  if (caps.maxExtent !== undefined && shape.some((e) => e > caps.maxExtent!)) return `an extent is above the manifest's maxExtent ${caps.maxExtent}`;
  if (caps.maxItems !== undefined && product(shape) > caps.maxItems) return `${product(shape)} items exceed the manifest's maxItems ${caps.maxItems}`;
  return null;
}

/** The model of the view a case names (or of the exporter). */
export function derivedModel(model: Model, view: ViewSpec | undefined): Model | string {
  if (view === undefined) return model;
  switch (view.kind) {
    case "slice":
      return sliceModel(viewModel(model), view.start, view.stop, view.step);
    case "cast":
      return castModel(viewModel(model), view.format, view.shape);
    case "readonly":
      return readonlyModel(viewModel(model));
  }
}

/**
 * What is wrong with a case for this manifest (a pinned counterexample from
 * an older manifest, or a hand-written `--case`), or `null` when it is valid.
 */
export function caseProblem(value: unknown, caps: Capabilities & { readonly abi: AbiName }, view: ViewKind, instances = false): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "a case must be a JSON object";
  const s = value as Record<string, unknown>;
  if (instances !== ("instance" in s)) {
    return instances ? 'this adapter supplies its own instances: a case is { "instance": <seed> }' : "this adapter builds from descriptions: a case has no 'instance'";
  }
  if (instances) {
    for (const key of Object.keys(s)) if (key !== "instance" && key !== "view") return `unknown case field '${key}'`;
    if (!Number.isSafeInteger(s["instance"])) return "instance must be an integer seed";
    return viewProblem(s["view"], view);
  }
  const known = ["format", "shape", "strides", "offset", "memoryItems", "readonly", "indirect", "data", "view"];
  for (const key of Object.keys(s)) if (!known.includes(key)) return `unknown case field '${key}'`;
  if (typeof s["format"] !== "string" || !caps.formats.includes(s["format"])) {
    return `format ${JSON.stringify(s["format"])} is not in the manifest's formats`;
  }
  const ints = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isSafeInteger(x));
  if (!ints(s["shape"]) || s["shape"].some((e) => e < 0)) return "shape must be an array of non-negative integers";
  if (!ints(s["strides"]) || s["strides"].length !== s["shape"].length) return "strides must be an array of ndim integers";
  if (!Number.isSafeInteger(s["offset"]) || !Number.isSafeInteger(s["memoryItems"])) return "offset and memoryItems must be integers";
  if (typeof s["readonly"] !== "boolean" || typeof s["indirect"] !== "boolean") return "readonly and indirect must be booleans";
  if (typeof s["data"] !== "string" && !Number.isSafeInteger(s["data"])) return "data must be a hex string or an integer seed";
  const shape = s["shape"];
  const strides = s["strides"];
  const ndim = shape.length;
  if (ndim < caps.minNdim || ndim > caps.maxNdim) return `ndim ${ndim} is outside the manifest's ${caps.minNdim}..${caps.maxNdim}`;
  const itemsize = structFor(s["format"], caps.abi).size;
  const offset = s["offset"] as number;
  const memoryItems = s["memoryItems"] as number;
  if (memoryItems < 0) return "memoryItems must not be negative";
  if (typeof s["data"] === "string" && s["data"].length !== memoryItems * itemsize * 2) return `data must hold ${memoryItems * itemsize} bytes`;
  if (offset % itemsize !== 0 || strides.some((x) => x % itemsize !== 0)) return "offset and strides must be multiples of the itemsize";
  if (!shape.includes(0)) {
    let low = offset;
    let high = offset;
    for (let i = 0; i < ndim; i++) {
      const span = (shape[i]! - 1) * strides[i]!;
      if (span < 0) low += span;
      else high += span;
    }
    if (low < 0 || high + itemsize > memoryItems * itemsize) return "the strides reach outside the memory";
  }
  const sizeProblem = sizeRestrictionProblem(shape, caps);
  if (sizeProblem !== null) return sizeProblem;
  if (!layoutAllowed(caps.layouts, shape, strides, itemsize) && !(ndim === 0)) {
    return `layout ${layoutClass(shape, strides, itemsize)} is not in the manifest's layouts`;
  }
  if (s["readonly"] ? !caps.readonly : !caps.writable) return `the manifest cannot build ${s["readonly"] ? "read-only" : "writable"} exporters`;
  if (s["indirect"] && (!caps.suboffsets || ndim === 0)) return "indirect (PIL) is not allowed here";
  return viewProblem(s["view"], view);
}

/** What is wrong with a case's view for a property of `view`, or `null`. */
function viewProblem(v: unknown, view: ViewKind): string | null {
  if (view === "exporter") {
    if (v !== undefined) return "this property takes no view";
  } else if (typeof v !== "object" || v === null || (v as { kind?: unknown }).kind !== view) {
    return `this property needs a view of kind '${view}'`;
  } else if (view === "slice") {
    const x = v as Record<string, unknown>;
    const bound = (b: unknown): boolean => b === null || Number.isSafeInteger(b);
    if (!bound(x["start"]) || !bound(x["stop"]) || !Number.isSafeInteger(x["step"]) || x["step"] === 0) return "bad slice view";
  } else if (view === "cast") {
    const x = v as Record<string, unknown>;
    if (typeof x["format"] !== "string" || !["flat", "2d", "scalar"].includes(x["shape"] as string)) return "bad cast view";
  }
  return null;
}
