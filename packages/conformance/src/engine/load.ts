/**
 * Loading adapter modules: a file path (relative to the working directory)
 * whose default export is an adapter or an array of adapters.
 *
 * @module
 */

import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ConformanceAdapter, InstanceAdapter } from "../adapter/types.ts";
import { AdapterModuleError } from "./errors.ts";

export { AdapterModuleError };

/** The file URL of an adapter module path (or URL). */
export function moduleUrl(specifier: string | URL, cwd: string): URL {
  if (specifier instanceof URL) return specifier;
  if (/^file:/.test(specifier)) return new URL(specifier);
  return pathToFileURL(isAbsolute(specifier) ? specifier : resolve(cwd, specifier));
}

/** Imports an adapter module and returns its adapters (unvalidated). */
export async function loadAdapterModule(url: URL): Promise<unknown[]> {
  let module: { default?: unknown };
  try {
    module = (await import(url.href)) as { default?: unknown };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes(url.pathname)) {
      throw new AdapterModuleError(`adapter module not found: ${url.pathname}`);
    }
    if (e.code === "ERR_UNKNOWN_FILE_EXTENSION" && /\.[cm]?ts$/.test(url.pathname)) {
      throw new AdapterModuleError(
        `cannot import ${url.pathname}: this Node.js (${process.version}) does not run TypeScript; compile the adapter to JavaScript, or use Node.js 22.18 or later (type stripping)`,
      );
    }
    throw new AdapterModuleError(`cannot import adapter module ${url.pathname}: ${String(e.message ?? error)}`);
  }
  const value = module.default;
  if (value === undefined) {
    throw new AdapterModuleError(`${url.pathname} has no default export: \`export default adapter\` (or an array of adapters)`);
  }
  return Array.isArray(value) ? value : [value];
}

export type AdapterTarget =
  | ConformanceAdapter<any>
  | InstanceAdapter<any>
  | readonly (ConformanceAdapter<any> | InstanceAdapter<any>)[]
  | string
  | URL
  | readonly (string | URL)[];
