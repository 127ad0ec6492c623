/**
 * Garbage collection on demand (vitest.config.ts passes `--expose-gc`), and
 * waiting for FinalizationRegistry callbacks, which run in a later task.
 */
import { setImmediate as nextTask } from "node:timers/promises";

/** Collects and lets finalizers run until `condition` holds, or gives up after `attempts` rounds. */
export async function collectUntil(condition: () => boolean, attempts = 50): Promise<boolean> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") throw new Error("gc() is not exposed: run the tests with --expose-gc (see vitest.config.ts)");
  for (let i = 0; i < attempts; i++) {
    if (condition()) return true;
    gc();
    await nextTask();
  }
  return condition();
}
