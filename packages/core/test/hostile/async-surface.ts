/**
 * The async side of the whole-surface properties of the packages built on
 * core (node-adapter, numpy): a call may return a promise, which must
 * settle within a bound and, when it rejects, with a Python error.
 */
import { bareError } from "./hostile-values.ts";

/** Resolves to null when `call` returned, or threw or rejected with a Python error, within `ms`; else a description. */
export async function settlesWithPythonError(call: () => unknown, ms = 5000): Promise<string | null> {
  let result: unknown;
  const bare = bareError(() => {
    result = call();
  });
  if (bare !== null || !(result instanceof Promise)) return bare;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`did not settle within ${ms} ms`), ms);
  });
  const settled = result.then(
    () => null,
    (error: unknown) =>
      bareError(() => {
        throw error;
      }),
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
