/**
 * `node:fs` with faults injected into its read and write calls: partial
 * transfers, EAGAIN, EINTR, and a hard error once a number of bytes went
 * through. The bytes that do go through are really written or read, so a
 * test can compare the file with what the functions report.
 */
import * as fs from "node:fs";
import type { AsyncFileSystem, SyncFileSystem } from "../../src/index.ts";

export interface Faults {
  /** The most bytes one call transfers. */
  readonly maxPerCall?: number;
  /** Calls (numbered from 0) that fail with this code before transferring anything. */
  readonly failCalls?: ReadonlyMap<number, "EAGAIN" | "EINTR" | "EIO">;
  /** Once this many bytes went through, every further call fails with `hardError`. */
  readonly failAfterBytes?: number;
  readonly hardError?: string;
}

export function systemError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${syscall}`), { code, syscall, errno: -1 });
}

export interface FaultyFileSystem extends SyncFileSystem, AsyncFileSystem {
  /** Read or write calls made so far. */
  readonly calls: number;
  /** Bytes that went through. */
  readonly transferred: number;
}

export function faultyFs(faults: Faults): FaultyFileSystem {
  let calls = 0;
  let transferred = 0;
  /** The length this call may transfer, or the error it fails with. */
  const plan = (length: number, syscall: string): number | NodeJS.ErrnoException => {
    const call = calls++;
    const code = faults.failCalls?.get(call);
    if (code !== undefined) return systemError(code, syscall);
    let allowed = Math.min(length, faults.maxPerCall ?? length);
    if (faults.failAfterBytes !== undefined) {
      if (transferred >= faults.failAfterBytes) return systemError(faults.hardError ?? "EIO", syscall);
      allowed = Math.min(allowed, faults.failAfterBytes - transferred);
    }
    return allowed;
  };
  const system: FaultyFileSystem = {
    get calls() {
      return calls;
    },
    get transferred() {
      return transferred;
    },
    openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
    closeSync: (fd) => fs.closeSync(fd),
    fsyncSync: (fd) => fs.fsyncSync(fd),
    open: (path, flags, mode, callback) => fs.open(path, flags, mode, callback),
    close: (fd, callback) => fs.close(fd, callback),
    fsync: (fd, callback) => fs.fsync(fd, callback),
    writeSync(fd, buffer, offset, length, position) {
      const allowed = plan(length, "write");
      if (typeof allowed !== "number") throw allowed;
      const count = fs.writeSync(fd, buffer, offset, allowed, position);
      transferred += count;
      return count;
    },
    readSync(fd, buffer, offset, length, position) {
      const allowed = plan(length, "read");
      if (typeof allowed !== "number") throw allowed;
      const count = fs.readSync(fd, buffer, offset, allowed, position);
      transferred += count;
      return count;
    },
    write(fd, buffer, offset, length, position, callback) {
      const allowed = plan(length, "write");
      if (typeof allowed !== "number") {
        setImmediate(() => callback(allowed, 0));
        return;
      }
      fs.write(fd, buffer, offset, allowed, position, (error, count) => {
        if (!error) transferred += count;
        callback(error, count);
      });
    },
    read(fd, buffer, offset, length, position, callback) {
      const allowed = plan(length, "read");
      if (typeof allowed !== "number") {
        setImmediate(() => callback(allowed, 0));
        return;
      }
      fs.read(fd, buffer, offset, allowed, position, (error, count) => {
        if (!error) transferred += count;
        callback(error, count);
      });
    },
  };
  return system;
}
