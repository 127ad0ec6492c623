/**
 * The checks of an exporter-driven adapter's instance: its content must add
 * up (a format of the manifest, a shape, exactly the bytes of its items),
 * or the case cannot be judged and the adapter is at fault.
 *
 * @module
 */

import type { AbiName } from "@pybuffer/core";
import type { Capabilities } from "../adapter/types.ts";
import { structFor } from "./items.ts";
import { product } from "./layout.ts";

/** What is wrong with an instance's content (as "returned ..."), or `null`. */
export function instanceProblem(value: unknown, caps: Capabilities & { readonly abi: AbiName }): string | null {
  if (typeof value !== "object" || value === null) return `returned ${String(value)}, not { exporter, format, shape, bytes, readonly }`;
  const v = value as Record<string, unknown>;
  if ((typeof v["exporter"] !== "object" && typeof v["exporter"] !== "function") || v["exporter"] === null) return "returned no exporter object";
  if (typeof v["format"] !== "string" || !caps.formats.includes(v["format"])) return `returned format ${JSON.stringify(v["format"])}, which is not in the manifest's formats`;
  const shape = v["shape"];
  if (!Array.isArray(shape) || !shape.every((e) => Number.isSafeInteger(e) && e >= 0)) return "returned a shape that is not an array of extents";
  if (shape.length < caps.minNdim || shape.length > caps.maxNdim) return `returned ${shape.length} dimensions, outside the manifest's ${caps.minNdim}..${caps.maxNdim}`;
  if (!(v["bytes"] instanceof Uint8Array)) return "returned bytes that are not a Uint8Array";
  const expected = product(shape) * structFor(v["format"], caps.abi).size;
  if (v["bytes"].length !== expected) return `returned ${v["bytes"].length} bytes, but shape ${JSON.stringify(shape)} of ${JSON.stringify(v["format"])} holds ${expected}`;
  if (typeof v["readonly"] !== "boolean") return "returned readonly that is not a boolean";
  if (v["readonly"] ? !caps.readonly : !caps.writable) return `returned a ${v["readonly"] ? "read-only" : "writable"} instance, but the manifest declares ${v["readonly"] ? "readonly" : "writable"}: false`;
  return null;
}
