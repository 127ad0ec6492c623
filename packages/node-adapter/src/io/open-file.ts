/**
 * Functions given a path open it, use the descriptor and close it again.
 * A failure to open is reported as such; a failure to close only when the
 * work itself succeeded (otherwise the work's own failure is the one that
 * matters, and the close is still attempted).
 *
 * @module
 */

import type { Mode, OpenMode } from "node:fs";
import { promised, type AsyncFileSystem, type SyncFileSystem } from "./file-system.ts";
import { describeTarget } from "./file-target.ts";

/** Builds the error for a failed `open` or `close` of the file. */
export type FileFailure = (action: string, error: unknown, stage: "open" | "close") => Error;

/** Opens `path`, runs `work` on the descriptor, closes it. */
export function withFileSync<T>(
  fs: SyncFileSystem,
  path: string | URL,
  flags: OpenMode,
  mode: Mode | undefined,
  failure: FileFailure,
  work: (fd: number) => T,
): T {
  let fd: number;
  try {
    fd = fs.openSync(path, flags, mode);
  } catch (error) {
    throw failure(`open ${describeTarget(path)}`, error, "open");
  }
  let result: T;
  try {
    result = work(fd);
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      // The work's failure is the one to report.
    }
    throw error;
  }
  try {
    fs.closeSync(fd);
  } catch (error) {
    throw failure(`close ${describeTarget(path)}`, error, "close");
  }
  return result;
}

/** Opens `path`, awaits `work` on the descriptor, closes it. */
export async function withFile<T>(
  fs: AsyncFileSystem,
  path: string | URL,
  flags: OpenMode,
  mode: Mode | undefined,
  failure: FileFailure,
  work: (fd: number) => Promise<T>,
): Promise<T> {
  let fd: number;
  try {
    fd = await promised.open(fs, path, flags, mode);
  } catch (error) {
    throw failure(`open ${describeTarget(path)}`, error, "open");
  }
  let result: T;
  try {
    result = await work(fd);
  } catch (error) {
    try {
      await promised.close(fs, fd);
    } catch {
      // The work's failure is the one to report.
    }
    throw error;
  }
  try {
    await promised.close(fs, fd);
  } catch (error) {
    throw failure(`close ${describeTarget(path)}`, error, "close");
  }
  return result;
}
