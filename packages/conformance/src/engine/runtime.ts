/**
 * What the engine needs from its host, without importing Node.js: the
 * working directory and environment when there is a `process`, facts about
 * the platform for the report, and file reading, which only the Node.js
 * host provides (a browser run takes a baseline object, not a path).
 *
 * @module
 */

import { ConfigurationError } from "./errors.ts";

/** Reads a text file relative to a directory; throws with the file system's message. */
export type ReadText = (cwd: string, path: string) => string;

interface ProcessLike {
  readonly version?: string;
  readonly platform?: string;
  readonly arch?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  cwd?(): string;
}

const host = (globalThis as { process?: ProcessLike }).process;

/** The working directory (`/` where there is none). */
export function currentDirectory(): string {
  return typeof host?.cwd === "function" ? host.cwd() : "/";
}

/** The environment (empty where there is none). */
export function environment(): Readonly<Record<string, string | undefined>> {
  return host?.env ?? {};
}

/** The report's facts about where the run happened. */
export function runtimeFacts(): { node: string; platform: string; arch: string; endianness: "LE" | "BE" } {
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  return {
    node: host?.version ?? "none",
    platform: host?.platform ?? (agent !== undefined ? `browser (${agent})` : "unknown"),
    arch: host?.arch ?? "unknown",
    endianness: little ? "LE" : "BE",
  };
}

/** The reader of hosts without files: a path is a configuration error. */
export const noFiles: ReadText = (_cwd, path) => {
  throw new ConfigurationError(`cannot read ${path}: files need Node.js (here, pass the baseline as an object)`);
};

/** Node.js's reader, loaded only when a run names a file. */
export async function nodeReadText(): Promise<ReadText> {
  if (host?.version === undefined) return noFiles;
  return (await import("./node-read.ts")).readTextFile;
}
