/**
 * Shape comparisons shared by memoryview, NDArray and equality.
 *
 * @module
 */

/**
 * CPython's structure rule for assignment and equality: extents equal up to
 * and including the first zero, where the comparison stops (`[0, 2]` ~ `[0, 5]`).
 */
export function sameShapeUpToZero(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
    if (a[i] === 0) break;
  }
  return true;
}
