/**
 * Module hooks for the profiled child: the workspace packages resolve to
 * source-mapped builds, so profile lines map back to their src/*.ts.
 *
 * @module
 */

/** @type {Record<string, string>} */
let urls = {};

/** @param {{ urls: Record<string, string> }} data */
export function initialize(data) {
  urls = data.urls;
}

/**
 * @param {string} specifier
 * @param {unknown} context
 * @param {(specifier: string, context: unknown) => Promise<unknown>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  const url = Object.hasOwn(urls, specifier) ? urls[specifier] : undefined;
  if (url !== undefined) return { url, shortCircuit: true };
  return nextResolve(specifier, context);
}
