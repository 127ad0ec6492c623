/**
 * Looks at an object a caller passed (a key, a value, a format, a shape)
 * that cannot throw. A revoked Proxy throws a TypeError on any look at it
 * (`instanceof`, `Array.isArray`, a property read), and a Proxy's traps can
 * throw anything. CPython's answer to an object a call cannot use is that
 * call's own wrong-kind error ("memoryview: invalid slice key", "shape must
 * be a list or a tuple"), so here a look that throws answers "not of that
 * kind", and the call raises its usual error. What the look threw is kept
 * for that error's `cause` ({@link lookCause}).
 *
 * These run only where arguments are classified: hot paths test `typeof`
 * first, so a number never reaches them.
 *
 * @module
 */

/** The last look that threw, and at what (one slot: JavaScript runs one call at a time). */
let lastFailure: { readonly value: unknown; readonly error: unknown } | undefined;

function failed(value: unknown, error: unknown): false {
  lastFailure = { value, error };
  return false;
}

/** `Array.isArray(value)`, false when the look throws (a revoked Proxy). */
export function isArraySafely(value: unknown): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch (error) {
    return failed(value, error);
  }
}

/** `value instanceof type`, false when the look throws (a revoked Proxy, a throwing `getPrototypeOf` trap). */
export function instanceOfSafely<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  try {
    return value instanceof type;
  } catch (error) {
    return failed(value, error);
  }
}

/** `value[key]`, `undefined` when the read throws (a revoked Proxy, a throwing getter or `get` trap). */
export function readPropertySafely(value: object, key: PropertyKey): unknown {
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch (error) {
    failed(value, error);
    return undefined;
  }
}

/**
 * `{ cause }` for the error that refuses `value`, when the last look that
 * threw was at `value` (the options argument of an Error constructor);
 * `undefined` otherwise.
 */
export function lookCause(value: unknown): { cause: unknown } | undefined {
  const failure = lastFailure;
  if (failure === undefined || failure.value !== value) return undefined;
  lastFailure = undefined;
  return { cause: failure.error };
}
