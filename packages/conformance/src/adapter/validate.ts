/**
 * Strict validation of an adapter and its capability manifest, with errors
 * that say what to write instead. The manifest is copied and frozen once;
 * {@link manifestChanged} tells whether the adapter's own object was changed
 * during the run.
 *
 * @module
 */

import { calcsize, isAbiName, type AbiName } from "@pybuffer/core";
import type { Capabilities, ConformanceAdapter, Layout } from "./types.ts";
import * as fc from "fast-check";
import { closest } from "../internal/closest.ts";

/** The layouts a manifest may list. */
export const LAYOUTS: readonly Layout[] = Object.freeze(["C", "F", "strided", "negative", "zero", "padded"]);

const CAPABILITY_KEYS = [
  "formats",
  "minNdim",
  "maxNdim",
  "layouts",
  "suboffsets",
  "readonly",
  "writable",
  "formatWithoutShape",
  "countsExports",
  "resizable",
  "redirect",
  "abi",
  "minExtent",
  "maxExtent",
  "maxItems",
] as const;

/** Capabilities that may be left out. */
const OPTIONAL_CAPABILITIES: readonly string[] = ["abi", "minExtent", "maxExtent", "maxItems"];

const ADAPTER_KEYS = [
  "name",
  "version",
  "homepage",
  "issues",
  "capabilities",
  "create",
  "instances",
  "setup",
  "teardown",
  "exportCount",
  "resize",
  "root",
  "getBuffer",
  "releaseBuffer",
] as const;

/** Adapter names: usable in file names, baselines and the text report. */
export const ADAPTER_NAME = /^[A-Za-z0-9@][A-Za-z0-9._:@+-]*$/;

/**
 * An adapter that is not usable as written: every problem found, one per line.
 *
 * @example
 * ```ts
 * import { AdapterDefinitionError } from "@pybuffer/conformance";
 * try { validateAdapter({}); } catch (e) { e instanceof AdapterDefinitionError; }
 * ```
 *
 * @since 0.1.0
 */
export class AdapterDefinitionError extends Error {
  /** @since 0.1.0 */
  override readonly name = "AdapterDefinitionError";
  /** @since 0.1.0 */
  readonly problems: readonly string[];
  /** @since 0.1.0 */
  constructor(where: string, problems: readonly string[]) {
    super(`${where}: invalid adapter\n  - ${problems.join("\n  - ")}`);
    this.problems = problems;
  }
}

/**
 * An adapter after validation: the manifest copied and frozen, the ABI resolved.
 *
 * @since 0.1.0
 */
export interface ValidatedAdapter {
  /** @since 0.1.0 */
  readonly adapter: ConformanceAdapter;
  /** @since 0.1.0 */
  readonly name: string;
  /** @since 0.1.0 */
  readonly capabilities: Capabilities & { readonly abi: AbiName };
  /**
   * The manifest as first read, for {@link manifestChanged}.
   *
   * @since 0.1.0
   */
  readonly manifestJson: string;
  /**
   * Exporter-driven adapters: instance number `seed` of the adapter's own objects.
   *
   * @since 0.1.0
   */
  readonly sample?: (seed: number) => unknown;
}

/** The adapter's `instances` as a sampler, or `undefined` when it is neither a function nor an arbitrary. */
function instanceSampler(instances: unknown): ((seed: number) => unknown) | undefined {
  if (typeof instances === "function") return instances as (seed: number) => unknown;
  if (typeof instances === "object" && instances !== null && typeof (instances as { generate?: unknown }).generate === "function") {
    const arbitrary = instances as fc.Arbitrary<unknown>;
    return (seed) => fc.sample(arbitrary, { seed, numRuns: 1 })[0];
  }
  return undefined;
}

/**
 * Checks an adapter and its manifest; throws {@link AdapterDefinitionError}
 * listing every problem.
 *
 * @since 0.1.0
 */
export function validateAdapter(value: unknown, where = "adapter"): ValidatedAdapter {
  const problems: string[] = [];
  if (typeof value !== "object" || value === null) {
    throw new AdapterDefinitionError(where, [
      `expected an adapter object ({ name, capabilities, create }), got ${describe(value)}`,
    ]);
  }
  const a = value as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (!(ADAPTER_KEYS as readonly string[]).includes(key)) {
      const hint = closest(key, ADAPTER_KEYS);
      problems.push(`unknown adapter key '${key}'${hint ? ` (did you mean '${hint}'?)` : ""}`);
    }
  }
  if (typeof a["name"] !== "string" || !ADAPTER_NAME.test(a["name"])) {
    problems.push(
      `name must be a string of letters, digits and ._:@+- (no spaces or slashes), got ${describe(a["name"])}`,
    );
  }
  for (const key of ["version", "homepage", "issues"] as const) {
    if (a[key] !== undefined && typeof a[key] !== "string") problems.push(`${key} must be a string when given`);
  }
  const sample = instanceSampler(a["instances"]);
  if (a["instances"] !== undefined && sample === undefined) {
    problems.push("instances must be a sampler (seed) => { exporter, format, shape, bytes, readonly } or a fast-check arbitrary of such instances");
  }
  if (a["instances"] !== undefined && a["create"] !== undefined) {
    problems.push("give create (the suite describes each exporter) or instances (your own objects), not both");
  } else if (a["instances"] === undefined && typeof a["create"] !== "function") {
    problems.push("create must be a function (description) => exporter (or give instances: your own objects)");
  }
  for (const key of ["setup", "teardown", "exportCount", "resize", "root", "getBuffer", "releaseBuffer"] as const) {
    if (a[key] !== undefined && typeof a[key] !== "function") problems.push(`${key} must be a function when given`);
  }
  if (a["releaseBuffer"] !== undefined && a["getBuffer"] === undefined) {
    problems.push("releaseBuffer is given without getBuffer; it pairs with getBuffer only");
  }

  const caps = a["capabilities"];
  let frozen: (Capabilities & { abi: AbiName }) | undefined;
  if (typeof caps !== "object" || caps === null) {
    problems.push("capabilities must be an object (the capability manifest; see the README)");
  } else {
    frozen = validateCapabilities(caps as Record<string, unknown>, a, problems);
  }
  if (problems.length > 0 || frozen === undefined) throw new AdapterDefinitionError(where, problems);
  return {
    adapter: value as ConformanceAdapter,
    name: a["name"] as string,
    capabilities: frozen,
    manifestJson: JSON.stringify(caps),
    ...(sample !== undefined ? { sample } : {}),
  };
}

function validateCapabilities(
  c: Record<string, unknown>,
  a: Record<string, unknown>,
  problems: string[],
): (Capabilities & { abi: AbiName }) | undefined {
  for (const key of Object.keys(c)) {
    if (!(CAPABILITY_KEYS as readonly string[]).includes(key)) {
      const hint = closest(key, CAPABILITY_KEYS);
      problems.push(`unknown capability '${key}'${hint ? ` (did you mean '${hint}'?)` : ""}`);
    }
  }
  for (const key of CAPABILITY_KEYS) {
    if (!OPTIONAL_CAPABILITIES.includes(key) && c[key] === undefined) problems.push(`capabilities.${key} is required: capabilities are declared, never guessed`);
  }
  const abi = c["abi"] ?? "lp64";
  if (!isAbiName(abi)) problems.push(`capabilities.abi must be one of lp64, ilp32, wasm32, llp64, got ${describe(abi)}`);

  const formats = c["formats"];
  if (formats !== undefined) {
    if (!Array.isArray(formats) || formats.length === 0 || !formats.every((f) => typeof f === "string")) {
      problems.push("capabilities.formats must be a non-empty array of struct format strings");
    } else if (isAbiName(abi)) {
      for (const format of formats as string[]) {
        let size: number;
        try {
          size = calcsize(format, { abi });
        } catch (error) {
          problems.push(`capabilities.formats: ${JSON.stringify(format)} is not a struct format (${(error as Error).message})`);
          continue;
        }
        if (size === 0) problems.push(`capabilities.formats: ${JSON.stringify(format)} has itemsize 0`);
      }
      if (new Set(formats).size !== formats.length) problems.push("capabilities.formats lists a format twice");
    }
  }
  for (const key of ["minNdim", "maxNdim"] as const) {
    const v = c[key];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 64)) {
      problems.push(`capabilities.${key} must be an integer from 0 to 64, got ${describe(v)}`);
    }
  }
  if (Number.isInteger(c["minNdim"]) && Number.isInteger(c["maxNdim"]) && (c["minNdim"] as number) > (c["maxNdim"] as number)) {
    problems.push("capabilities.minNdim is greater than capabilities.maxNdim");
  }
  const layouts = c["layouts"];
  if (layouts !== undefined) {
    if (!Array.isArray(layouts) || layouts.length === 0) {
      problems.push(`capabilities.layouts must be a non-empty array of ${LAYOUTS.join(", ")}`);
    } else {
      for (const layout of layouts) {
        if (!(LAYOUTS as readonly unknown[]).includes(layout)) {
          const hint = typeof layout === "string" ? closest(layout, LAYOUTS) : undefined;
          problems.push(`capabilities.layouts: unknown layout ${describe(layout)}${hint ? ` (did you mean '${hint}'?)` : ""}`);
        }
      }
    }
  }
  for (const key of ["suboffsets", "readonly", "writable", "countsExports", "redirect"] as const) {
    if (c[key] !== undefined && typeof c[key] !== "boolean") problems.push(`capabilities.${key} must be true or false, got ${describe(c[key])}`);
  }
  if (c["resizable"] !== undefined && typeof c["resizable"] !== "boolean" && c["resizable"] !== "writable") {
    problems.push(`capabilities.resizable must be true, false or "writable", got ${describe(c["resizable"])}`);
  }
  if (c["readonly"] === false && c["writable"] === false) {
    problems.push("capabilities.readonly and capabilities.writable are both false: the factory could build nothing");
  }
  if (c["formatWithoutShape"] !== undefined && c["formatWithoutShape"] !== "refuse" && c["formatWithoutShape"] !== "serve") {
    problems.push(`capabilities.formatWithoutShape must be "refuse" or "serve", got ${describe(c["formatWithoutShape"])}`);
  }
  if (c["suboffsets"] === true && c["maxNdim"] === 0) problems.push("capabilities.suboffsets needs maxNdim >= 1");
  for (const [key, min] of [["minExtent", 0], ["maxExtent", 1], ["maxItems", 1]] as const) {
    const v = c[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || (v as number) < min)) problems.push(`capabilities.${key} must be an integer >= ${min}, got ${describe(v)}`);
  }
  if (Number.isSafeInteger(c["minExtent"]) && Number.isSafeInteger(c["maxExtent"]) && (c["minExtent"] as number) > (c["maxExtent"] as number)) {
    problems.push("capabilities.minExtent is greater than capabilities.maxExtent");
  }
  const hooks: [keyof Capabilities, string][] = [
    ["countsExports", "exportCount"],
    ["resizable", "resize"],
    ["redirect", "root"],
  ];
  for (const [capability, hook] of hooks) {
    if (c[capability] !== undefined && c[capability] !== false && typeof a[hook] !== "function") {
      problems.push(`capabilities.${capability} is ${describe(c[capability])} but the adapter has no ${hook}() hook`);
    }
    if (c[capability] === false && a[hook] !== undefined) {
      problems.push(`the adapter has a ${hook}() hook but capabilities.${capability} is false; declare it or remove the hook`);
    }
  }
  if (problems.length > 0) return undefined;
  return Object.freeze({
    formats: Object.freeze([...(formats as string[])]),
    minNdim: c["minNdim"] as number,
    maxNdim: c["maxNdim"] as number,
    layouts: Object.freeze([...(layouts as Layout[])]),
    suboffsets: c["suboffsets"] as boolean,
    readonly: c["readonly"] as boolean,
    writable: c["writable"] as boolean,
    formatWithoutShape: c["formatWithoutShape"] as "refuse" | "serve",
    countsExports: c["countsExports"] as boolean,
    resizable: c["resizable"] as boolean | "writable",
    redirect: c["redirect"] as boolean,
    abi: abi as AbiName,
    ...(c["minExtent"] !== undefined ? { minExtent: c["minExtent"] as number } : {}),
    ...(c["maxExtent"] !== undefined ? { maxExtent: c["maxExtent"] as number } : {}),
    ...(c["maxItems"] !== undefined ? { maxItems: c["maxItems"] as number } : {}),
  });
}

/** Whether the adapter's manifest object was changed since it was validated. */
export function manifestChanged(validated: ValidatedAdapter): boolean {
  let now: string;
  try {
    now = JSON.stringify(validated.adapter.capabilities);
  } catch {
    return true;
  }
  return now !== validated.manifestJson;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
