/**
 * How errors name a file or stream, as node-adapter's I/O errors name them.
 *
 * @module
 */

import type { ReadSource, WriteTarget } from "@pybuffer/node-adapter";

/** `fd 3`, `'/tmp/a.npy'` or `the stream`. */
export function targetName(target: ReadSource | WriteTarget): string {
  if (typeof target === "number") return `fd ${target}`;
  return typeof target === "string" || target instanceof URL ? `'${String(target)}'` : "the stream";
}
