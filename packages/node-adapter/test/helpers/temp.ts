/** A temporary directory per test file, removed afterwards. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

export function tempDirectory(prefix: string): (name: string) => string {
  const directory = mkdtempSync(join(tmpdir(), `pybuffer-${prefix}-`));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return (name) => join(directory, name);
}

/** `length` bytes of a pattern that repeats every 251 bytes (a prime, so no power-of-two stride aliases it). */
export function patternBytes(length: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + seed) % 251;
  return bytes;
}
