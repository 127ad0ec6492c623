/**
 * Files the I/O functions accept: an open file descriptor, or a path to open.
 *
 * @module
 */

/**
 * A file to write to or read from: an open file descriptor (left open), or a
 * path (opened, and closed again before the function returns).
 *
 * @example
 * ```ts
 * import type { FileTarget } from "@pybuffer/node-adapter";
 * const targets: FileTarget[] = [1, "/tmp/out.bin", new URL("file:///tmp/out.bin")];
 * ```
 *
 * @since 0.1.0
 */
export type FileTarget = number | string | URL;

/** Whether `value` is a {@link FileTarget}. */
export function isFileTarget(value: unknown): value is FileTarget {
  return typeof value === "number" || typeof value === "string" || value instanceof URL;
}

/** How a target is named in messages: `fd 3`, `'/tmp/out.bin'`. */
export function describeTarget(target: FileTarget): string {
  return typeof target === "number" ? `fd ${target}` : `'${String(target)}'`;
}
