/**
 * Garbage collection on demand (the project's vitest config passes
 * `--expose-gc`), and waiting for FinalizationRegistry callbacks, which run
 * in a later task than the collection.
 */
import { setImmediate as nextTask } from "node:timers/promises";

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (typeof collect !== "function") throw new Error("gc() is not exposed: run the tests with --expose-gc (see vitest.config.ts)");
  collect();
}

/** Collects and lets finalizers run until `condition` holds, or gives up after `attempts` rounds. */
export async function collectUntil(condition: () => boolean, attempts = 50): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (condition()) return true;
    gc();
    await nextTask();
  }
  return condition();
}
