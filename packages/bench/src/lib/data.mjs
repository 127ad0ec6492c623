/**
 * Inputs shared by the cases. Each helper has a Python twin of the same name
 * in ../python/runner.py that builds the same values.
 *
 * @module
 */

/** Columns of the 2-D cases: a 2-D case of n items has shape [n / 100, 100]. */
export const COLUMNS = 100;

/**
 * `[n / COLUMNS, COLUMNS]`.
 *
 * @param {number} n
 * @returns {[number, number]}
 */
export function shape2(n) {
  return [Math.max(1, Math.floor(n / COLUMNS)), COLUMNS];
}

/**
 * Doubles i + 0.5 (never small integers, so no engine stores them specially).
 *
 * @param {number} n
 * @returns {Float64Array<ArrayBuffer>}
 */
export function f64(n) {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = i + 0.5;
  return a;
}

/**
 * Int32 i.
 *
 * @param {number} n
 * @returns {Int32Array<ArrayBuffer>}
 */
export function i32(n) {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/**
 * Bytes i & 255.
 *
 * @param {number} n
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function u8(n) {
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = i & 255;
  return a;
}

/** The codes of the random struct formats: standard sizes on which python-struct agrees with CPython. */
const FORMAT_CODES = "xcbB?hHiIlLqQfds";
const FORMAT_ORDERS = "<>!=";

/**
 * `n` distinct struct formats in standard-size modes, e.g. "<2hIq3sd",
 * from the MINSTD generator (the same sequence as the Python
 * twin). Each is made distinct by a leading pad count.
 *
 * @param {number} n
 * @returns {string[]}
 */
export function formats(n) {
  let state = 12345;
  const next = (/** @type {number} */ bound) => {
    state = (state * 48271) % 2147483647;
    return state % bound;
  };
  const out = [];
  for (let k = 0; k < n; k++) {
    let text = `${FORMAT_ORDERS[next(4)]}${k + 1}x`;
    const items = 1 + next(8);
    for (let j = 0; j < items; j++) {
      const code = /** @type {string} */ (FORMAT_CODES[next(FORMAT_CODES.length)]);
      const count = next(4);
      text += `${count > 1 || code === "s" ? count + 1 : ""}${code}`;
    }
    out.push(text);
  }
  return out;
}

/**
 * Whether two results are the same: numbers (NaN equals NaN), bigints,
 * strings, booleans, byte arrays (any TypedArray compared byte for byte),
 * and arrays of these, nested.
 *
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
export function sameResult(a, b) {
  if (Object.is(a, b)) return true;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameResult(a[i], b[i])) return false;
    return true;
  }
  return false;
}
