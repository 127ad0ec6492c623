/**
 * The few `node:fs` functions the I/O helpers call, as interfaces, so that
 * a caller can pass another implementation (memfs, a wrapper that injects
 * faults) through the `fs` option. `node:fs` itself is the default.
 *
 * @module
 */

import * as nodeFs from "node:fs";

/** A Node system error as the callbacks receive it. */
type SystemError = NodeJS.ErrnoException | null;

/**
 * The synchronous file functions used by {@link writeSync} and {@link readIntoSync}.
 *
 * @example
 * ```ts
 * import * as fs from "node:fs";
 * import { writeSync, type SyncFileSystem } from "@pybuffer/node-adapter";
 * // At most 7 bytes per call: writeSync still writes everything.
 * const slow: SyncFileSystem = { ...fs, writeSync: (fd, b, o, n, p) => fs.writeSync(fd, b, o, Math.min(n, 7), p) };
 * writeSync("/tmp/out.bin", new Uint8Array(100), { fs: slow }); // 100
 * ```
 *
 * @since 0.1.0
 */
export interface SyncFileSystem {
  /** @since 0.1.0 */
  openSync(path: nodeFs.PathLike, flags: nodeFs.OpenMode, mode?: nodeFs.Mode | null): number;
  /** @since 0.1.0 */
  closeSync(fd: number): void;
  /** @since 0.1.0 */
  fsyncSync(fd: number): void;
  /** @since 0.1.0 */
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  /** @since 0.1.0 */
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
}

/**
 * The callback-style file functions used by {@link write} and {@link readInto}.
 *
 * @example
 * ```ts
 * import * as fs from "node:fs";
 * import type { AsyncFileSystem } from "@pybuffer/node-adapter";
 * const failing: AsyncFileSystem = {
 *   ...fs,
 *   write: (fd, buffer, offset, length, position, callback) =>
 *     callback(Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" }), 0),
 * };
 * ```
 *
 * @since 0.1.0
 */
export interface AsyncFileSystem {
  /** @since 0.1.0 */
  open(
    path: nodeFs.PathLike,
    flags: nodeFs.OpenMode,
    mode: nodeFs.Mode | null | undefined,
    callback: (error: SystemError, fd: number) => void,
  ): void;
  /** @since 0.1.0 */
  close(fd: number, callback: (error: SystemError) => void): void;
  /** @since 0.1.0 */
  fsync(fd: number, callback: (error: SystemError) => void): void;
  /** @since 0.1.0 */
  write(
    fd: number,
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
    callback: (error: SystemError, written: number) => void,
  ): void;
  /** @since 0.1.0 */
  read(
    fd: number,
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
    callback: (error: SystemError, bytesRead: number) => void,
  ): void;
}

/** `node:fs`, seen through both interfaces. */
export const defaultFileSystem: SyncFileSystem & AsyncFileSystem = nodeFs;

/** Promise forms of the callback functions. */
export const promised = {
  open(fs: AsyncFileSystem, path: nodeFs.PathLike, flags: nodeFs.OpenMode, mode: nodeFs.Mode | undefined): Promise<number> {
    return new Promise((resolve, reject) => fs.open(path, flags, mode, (error, fd) => (error ? reject(error) : resolve(fd))));
  },
  close(fs: AsyncFileSystem, fd: number): Promise<void> {
    return new Promise((resolve, reject) => fs.close(fd, (error) => (error ? reject(error) : resolve())));
  },
  fsync(fs: AsyncFileSystem, fd: number): Promise<void> {
    return new Promise((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve())));
  },
  write(fs: AsyncFileSystem, fd: number, bytes: Uint8Array, offset: number, position: number | null): Promise<number> {
    return new Promise((resolve, reject) =>
      fs.write(fd, bytes, offset, bytes.length - offset, position, (error, written) => (error ? reject(error) : resolve(written))),
    );
  },
  read(fs: AsyncFileSystem, fd: number, bytes: Uint8Array, offset: number, position: number | null): Promise<number> {
    return new Promise((resolve, reject) =>
      fs.read(fd, bytes, offset, bytes.length - offset, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
    );
  },
};
