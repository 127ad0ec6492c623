/**
 * fast-check arbitraries for cases, after CPython's `rand_structure`: a
 * random shape, a stride pattern the manifest allows (C, Fortran, gaps,
 * reversed or broadcast dimensions, PIL), slack before and after the items,
 * random item bytes; and, for derived views, a slice or a cast.
 *
 * @module
 */

import * as fc from "fast-check";
import type { AbiName } from "@pybuffer/core";
import type { Capabilities, Layout } from "../adapter/types.ts";
import type { DescribedCase, InstanceCase, ViewKind, ViewSpec } from "./case.ts";
import { sizeRestrictionProblem } from "./case-problems.ts";
import { contiguousStrides, layoutAllowed, product } from "./layout.ts";
import { structFor } from "./items.ts";

/**
 * Size limits of a run (CPython's `SHORT_TEST` switch).
 *
 * @since 0.1.0
 */
export interface Profile {
  /** @since 0.1.0 */
  readonly name: "quick" | "full";
  /** @since 0.1.0 */
  readonly numRuns: number;
  /** @since 0.1.0 */
  readonly maxNdim: number;
  /** @since 0.1.0 */
  readonly maxExtent: number;
  /** @since 0.1.0 */
  readonly maxItems: number;
}

/**
 * The two built-in profiles.
 *
 * @since 0.1.0
 */
export const PROFILES: Readonly<Record<"quick" | "full", Profile>> = Object.freeze({
  quick: Object.freeze({ name: "quick", numRuns: 25, maxNdim: 3, maxExtent: 4, maxItems: 48 }),
  full: Object.freeze({ name: "full", numRuns: 200, maxNdim: 5, maxExtent: 6, maxItems: 256 }),
});

interface DimParams {
  readonly extent: number;
  readonly step: number;
  /** Items of padding after each block of this dimension (layout `padded`). */
  readonly pad: number;
  readonly negate: boolean;
  readonly zero: boolean;
}

interface Params {
  readonly format: string;
  readonly ndim: number;
  readonly kind: Layout;
  readonly order: "C" | "F";
  readonly readonly: boolean;
  readonly indirect: boolean;
  readonly before: number;
  readonly after: number;
  readonly dims: readonly DimParams[];
}

/** Cast targets of derived `cast/` views: native single characters memoryview can read. */
export const CAST_FORMATS: readonly string[] = Object.freeze(["B", "b", "c", "?", "h", "H", "i", "I", "q", "f", "d"]);

/** Cases within the manifest and the profile; `view` adds the derived view's parameters. */
export function caseArbitrary(
  caps: Capabilities & { readonly abi: AbiName },
  profile: Profile,
  view: ViewKind,
): fc.Arbitrary<DescribedCase> {
  const maxNdim = Math.max(caps.minNdim, Math.min(caps.maxNdim, profile.maxNdim));
  const minNdim = view === "slice" ? Math.max(1, caps.minNdim) : caps.minNdim;
  const modes: boolean[] = [];
  if (caps.readonly) modes.push(true);
  if (caps.writable) modes.push(false);
  const dim = fc.record({
    extent: fc.oneof(
      { weight: 1, arbitrary: fc.constant(0) },
      { weight: 12, arbitrary: fc.integer({ min: 1, max: profile.maxExtent }) },
    ),
    step: fc.integer({ min: 1, max: 3 }),
    pad: fc.integer({ min: 0, max: 2 }),
    negate: fc.boolean(),
    zero: fc.boolean(),
  });
  // A cast needs a C-contiguous view: cast cases use C layouts when the manifest has them.
  const castable = view === "cast" && caps.layouts.includes("C");
  const params: fc.Arbitrary<Params> = fc.record({
    format: fc.constantFrom(...caps.formats),
    ndim: fc.integer({ min: Math.min(minNdim, maxNdim), max: maxNdim }),
    kind: castable ? fc.constant<Layout>("C") : fc.constantFrom(...caps.layouts),
    order: fc.constantFrom<"C" | "F">("C", "F"),
    readonly: fc.constantFrom(...modes),
    indirect: caps.suboffsets && !castable ? fc.boolean() : fc.constant(false),
    before: fc.integer({ min: 0, max: 2 }),
    after: fc.integer({ min: 0, max: 2 }),
    dims: fc.array(dim, { minLength: maxNdim, maxLength: maxNdim }),
  });
  const base = fc
    .tuple(params, fc.integer())
    .map(([p, dataSeed]) => {
      const g = geometry(p, caps.abi, sizeLimits(caps, profile));
      const spec: DescribedCase = {
        format: g.format,
        shape: g.shape,
        strides: g.strides,
        offset: g.offset,
        memoryItems: g.memoryItems,
        readonly: g.readonly,
        indirect: g.indirect,
        data: dataSeed,
      };
      return spec;
    })
    .filter((s) => s.shape.length === 0 || layoutAllowed(caps.layouts, s.shape, s.strides, structFor(s.format, caps.abi).size))
    .filter((s) => sizeRestrictionProblem(s.shape, caps) === null);
  if (view === "exporter") return base;
  return fc.tuple(base, viewArbitrary(view)).map(([spec, v]) => ({ ...spec, view: v }));
}

/** Cases of an exporter-driven adapter: an instance seed (and the derived view's parameters). */
export function instanceCaseArbitrary(view: ViewKind): fc.Arbitrary<InstanceCase> {
  const seeds = fc.integer().map((instance) => ({ instance }));
  if (view === "exporter") return seeds;
  return fc.tuple(seeds, viewArbitrary(view)).map(([spec, v]) => ({ ...spec, view: v }));
}

function viewArbitrary(view: Exclude<ViewKind, "exporter">): fc.Arbitrary<ViewSpec> {
  switch (view) {
    case "slice": {
      const bound = fc.option(fc.integer({ min: -6, max: 6 }), { nil: null });
      return fc.record({
        kind: fc.constant("slice" as const),
        start: bound,
        stop: bound,
        step: fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0),
      });
    }
    case "cast":
      return fc.record({
        kind: fc.constant("cast" as const),
        format: fc.constantFrom(...CAST_FORMATS),
        shape: fc.constantFrom<"flat" | "2d" | "scalar">("flat", "2d", "scalar"),
      });
    case "readonly":
      return fc.constant({ kind: "readonly" as const });
  }
}

/** Extent and size limits: the profile's, narrowed by the manifest's restrictions. */
interface SizeLimits {
  readonly minExtent: number;
  readonly maxExtent: number;
  readonly maxItems: number;
}

function sizeLimits(caps: Capabilities, profile: Profile): SizeLimits {
  const minExtent = caps.minExtent ?? 0;
  return {
    minExtent,
    maxExtent: Math.max(minExtent, Math.min(caps.maxExtent ?? profile.maxExtent, profile.maxExtent)),
    maxItems: Math.min(caps.maxItems ?? profile.maxItems, profile.maxItems),
  };
}

interface Geometry {
  readonly format: string;
  readonly itemsize: number;
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
  readonly memoryItems: number;
  readonly readonly: boolean;
  readonly indirect: boolean;
}

/** C order with padding after rows: `pad` items after each block of every dimension but the last. */
function paddedGeometry(p: Params, shape: number[], itemsize: number, common: Pick<Geometry, "format" | "itemsize" | "readonly">): Geometry {
  const ndim = shape.length;
  const strideItems = new Array<number>(ndim);
  strideItems[ndim - 1] = 1;
  for (let i = ndim - 2; i >= 0; i--) strideItems[i] = strideItems[i + 1]! * Math.max(1, shape[i + 1]!) + p.dims[i]!.pad;
  const empty = shape.includes(0);
  let span = 1;
  for (let i = 0; i < ndim; i++) span += strideItems[i]! * Math.max(0, shape[i]! - 1);
  return {
    ...common,
    shape,
    strides: strideItems.map((s) => s * itemsize),
    offset: p.before * itemsize,
    memoryItems: p.before + (empty ? 0 : span) + p.after,
    indirect: false,
  };
}

/** Turns parameters into a geometry of the requested layout kind. */
function geometry(p: Params, abi: AbiName, limits: SizeLimits): Geometry {
  const itemsize = structFor(p.format, abi).size;
  const ndim = p.ndim;
  const common = { format: p.format, itemsize, readonly: p.readonly };
  if (ndim === 0) {
    return { ...common, shape: [], strides: [], offset: p.before * itemsize, memoryItems: p.before + 1 + p.after, indirect: false };
  }
  const dims = p.dims.slice(0, ndim);
  const shape = dims.map((d) => Math.min(limits.maxExtent, Math.max(limits.minExtent, d.extent)));
  // Keep the product within the limits: shrink the largest extents first (never below minExtent).
  const floor = Math.max(1, limits.minExtent);
  while (product(shape) > limits.maxItems && shape.some((e) => e > floor)) {
    const i = shape.indexOf(Math.max(...shape));
    shape[i] = Math.max(floor, Math.floor(shape[i]! / 2));
  }
  if (p.kind === "padded") return paddedGeometry(p, shape, itemsize, common);
  const long = shape.map((e) => e > 1);
  const firstLong = long.indexOf(true);
  let steps = dims.map(() => 1);
  let negate = dims.map(() => false);
  let zero = dims.map(() => false);
  let order: "C" | "F" = "C";
  switch (p.kind) {
    case "C":
      break;
    case "F":
      order = "F";
      break;
    case "strided":
      order = p.order;
      steps = dims.map((d) => d.step);
      if (firstLong >= 0 && !steps.some((s, i) => s > 1 && long[i])) steps[firstLong] = 2;
      break;
    case "negative":
      order = p.order;
      steps = dims.map((d) => d.step);
      negate = dims.map((d, i) => d.negate && long[i]!);
      if (firstLong >= 0 && !negate.some(Boolean)) negate[firstLong] = true;
      break;
    case "zero":
      order = p.order;
      zero = dims.map((d, i) => d.zero && long[i]!);
      if (firstLong >= 0 && !zero.some(Boolean)) zero[firstLong] = true;
      break;
  }
  const physical = shape.map((e, i) => (zero[i] ? 1 : Math.max(1, (e - 1) * steps[i]! + 1)));
  const physicalStrides = contiguousStrides(physical, 1, order);
  const strideItems = shape.map((_, i) => (zero[i] ? 0 : physicalStrides[i]! * steps[i]! * (negate[i] ? -1 : 1)));
  const empty = shape.includes(0);
  // An empty array reaches no item; its offset stays inside the memory all the same.
  let offsetItems = p.before;
  if (!empty) for (let i = 0; i < ndim; i++) if (negate[i] && shape[i]! > 0) offsetItems += (shape[i]! - 1) * -strideItems[i]!;
  return {
    ...common,
    shape,
    strides: strideItems.map((s) => s * itemsize),
    offset: offsetItems * itemsize,
    memoryItems: p.before + (empty ? 0 : product(physical)) + p.after,
    indirect: p.indirect,
  };
}
