/**
 * Seeds. A run has one seed, printed before anything runs and written to the
 * report; each property's fast-check seed is derived from it, the adapter's
 * name and the property id, so filtering properties or adapters never
 * changes another property's cases.
 *
 * @module
 */

import { ConfigurationError } from "./errors.ts";

/** The fast-check seed of one property in a run. */
export function propertySeed(runSeed: number, adapter: string, property: string): number {
  // FNV-1a over the text, as a signed 32-bit integer.
  let hash = 0x811c9dc5;
  const text = `${runSeed}/${adapter}/${property}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** A fresh random run seed (a signed 32-bit integer, like fast-check's). */
export function randomSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}

/**
 * The seed to use: the explicit one, else `CONFORMANCE_SEED` from the
 * environment, else a random one.
 *
 * @throws ConfigurationError when the environment variable is not an integer.
 */
export function resolveSeed(explicit: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (explicit !== undefined) return explicit | 0;
  const raw = env["CONFORMANCE_SEED"];
  if (raw !== undefined && raw !== "") {
    const value = Number(raw);
    if (!Number.isInteger(value)) throw new ConfigurationError(`CONFORMANCE_SEED must be an integer, got ${JSON.stringify(raw)}`);
    return value | 0;
  }
  return randomSeed();
}
