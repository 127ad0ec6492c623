/**
 * Case validation: what is wrong with a case for an adapter's manifest (a
 * pinned counterexample from an older manifest, or a hand-written
 * `--case`), and the manifest's size restrictions the generator honours too.
 *
 * @module
 */

import type { AbiName } from "@pybuffer/core";
import type { Capabilities } from "../adapter/types.ts";
import type { ViewKind } from "./case.ts";
import { structFor } from "./items.ts";
import { layoutAllowed, layoutClass, product } from "./layout.ts";

/** What breaks the manifest's size restrictions (`minExtent`, `maxExtent`, `maxItems`) in `shape`, or `null`. */
export function sizeRestrictionProblem(shape: readonly number[], caps: Capabilities): string | null {
  if (caps.minExtent !== undefined && shape.some((e) => e < caps.minExtent!)) return `an extent is below the manifest's minExtent ${caps.minExtent}`;
  if (caps.maxExtent !== undefined && shape.some((e) => e > caps.maxExtent!)) return `an extent is above the manifest's maxExtent ${caps.maxExtent}`;
  if (caps.maxItems !== undefined && product(shape) > caps.maxItems) return `${product(shape)} items exceed the manifest's maxItems ${caps.maxItems}`;
  return null;
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
