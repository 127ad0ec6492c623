/**
 * The case registry: every `*.mjs` file in ../cases (except those starting
 * with `_`) is a case file, loaded in name order. Adding a case is adding one
 * file; nothing else needs to know about it.
 *
 * @module
 */

import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The sizes (items) a case runs at when it does not say otherwise: 10^3 .. 10^7. */
export const DEFAULT_SIZES = Object.freeze([1e3, 1e4, 1e5, 1e6, 1e7]);

/**
 * ours/Pyodide for cases where Python walks item by item (item reads,
 * `toList`, item comparisons, struct records): there JavaScript must be far
 * ahead. Elsewhere the target is 1: copy-bound work runs at WebAssembly's
 * `memcpy` speed in Pyodide, which no JavaScript beats by much.
 */
export const ITEM_WISE_PYODIDE = 0.2;

/**
 * Ratios of ours to a column that the speed issue requires (at most this).
 *
 * @typedef {object} Targets
 * @property {number} [cpython]  ours / CPython
 * @property {number} [pyodide]  ours / Pyodide
 * @property {number} [floor]    ours / floor
 * @property {number} [peer]     ours / the JavaScript peer
 */

/**
 * One benchmark case. `S` is whatever `setup` builds for the JS columns.
 *
 * @template [S=any]
 * @typedef {object} BenchCase
 * @property {string} name          unique; what `--filter` matches (with the group)
 * @property {string} group         the family in the issue: "item read", "toList", "toBytes", ...
 * @property {readonly number[]} [sizes]  the sizes to run at; default DEFAULT_SIZES
 * @property {boolean} [fixedSizes]  `sizes` is part of what the case measures (1,000 formats): --sizes leaves it alone
 * @property {string} [unit]        what a size counts: "items" (default), "bytes", "records"
 * @property {boolean} [flat]       the cost must not grow with the size (cast, slicing)
 * @property {Targets} [targets]    ratios required beyond the defaults (cpython 1, pyodide 1, peer 1)
 * @property {string} floorLabel    what the floor column runs, in a few words
 * @property {(n: number) => S | Promise<S>} setup  builds the inputs for ours and the floor at size n (not timed; may be async)
 * @property {(state: S) => unknown} ours  the work, through the pybuffer packages
 * @property {(state: S) => unknown} floor the same work, hand-written on TypedArrays/DataView/Buffer
 * @property {(ours: unknown, floor: unknown, state: S) => boolean} [check]
 *   whether ours and the floor computed the same thing (run once at the smallest size, so a floor
 *   that does less work is caught); default: a structural comparison of the two results
 * @property {PythonCode | null} python    the same work for CPython and Pyodide; null: no Python counterpart
 * @property {Peer<S>} [peer]  the same work through the JavaScript package people use for it today
 * @property {string} [unavailable]  set by a case file whose package is missing: the case is listed, not run
 */

/**
 * The Python side of a case. Both strings are indented into
 *
 *     def make(n):
 *         <setup>
 *         def run():
 *             <stmt>
 *         return run
 *
 * so the names `setup` binds are closure variables of the timed function,
 * as with `timeit`. The runner's prelude (runner.py) provides `struct`,
 * `array`, `Struct`, and the data helpers `f64(n)`, `i32(n)`, `u8(n)`.
 *
 * A case with `requires: "numpy"` runs its Python side on a CPython that
 * imports NumPy (its time fills the CPython column, labelled with NumPy's
 * version); Pyodide's worker has no NumPy, so its column is unavailable.
 *
 * @typedef {object} PythonCode
 * @property {string} setup
 * @property {string} stmt
 * @property {"numpy"} [requires]
 */

/**
 * The JavaScript peer of a case: another npm package doing the same work
 * (python-struct for struct, npyjs for .npy), in its own column.
 *
 * @template [S=any]
 * @typedef {object} Peer
 * @property {string} label  the package and version, e.g. "python-struct 1.1.3"
 * @property {(state: S) => unknown} run  the work through the peer
 * @property {(ours: unknown, peer: unknown, state: S) => boolean} check
 *   whether ours and the peer computed the same thing (their result types differ)
 */

/**
 * Loads every case file.
 *
 * @returns {Promise<BenchCase[]>}
 */
export async function loadCases() {
  const directory = new URL("../cases/", import.meta.url);
  const files = readdirSync(fileURLToPath(directory))
    .filter((file) => file.endsWith(".mjs") && !file.startsWith("_"))
    .sort();
  /** @type {BenchCase[]} */
  const cases = [];
  const names = new Set();
  for (const file of files) {
    const module = await import(pathToFileURL(fileURLToPath(new URL(file, directory))).href);
    const exported = module.default;
    /** @type {unknown} */
    const list = typeof exported === "function" ? await exported() : exported;
    if (!Array.isArray(list)) throw new Error(`bench: cases/${file} must export default an array of cases (or a function returning one)`);
    for (const item of list) {
      validateCase(item, file);
      if (names.has(item.name)) throw new Error(`bench: duplicate case name '${item.name}' (cases/${file})`);
      names.add(item.name);
      cases.push(item);
    }
  }
  return cases;
}

/**
 * @param {any} item
 * @param {string} file
 */
function validateCase(item, file) {
  const where = `bench: a case in cases/${file}`;
  if (typeof item !== "object" || item === null) throw new Error(`${where} is not an object`);
  if (typeof item.name !== "string" || item.name === "") throw new Error(`${where} has no name`);
  if (typeof item.group !== "string") throw new Error(`${where} ('${item.name}') has no group`);
  if (typeof item.unavailable === "string") return;
  for (const key of ["setup", "ours", "floor"]) {
    if (typeof item[key] !== "function") throw new Error(`${where} ('${item.name}') has no ${key}() function`);
  }
  if (typeof item.floorLabel !== "string") throw new Error(`${where} ('${item.name}') has no floorLabel`);
  if (item.python !== null && (typeof item.python?.setup !== "string" || typeof item.python?.stmt !== "string")) {
    throw new Error(`${where} ('${item.name}') needs python: { setup, stmt } (or python: null)`);
  }
  if (item.peer !== undefined && (typeof item.peer?.label !== "string" || typeof item.peer?.run !== "function" || typeof item.peer?.check !== "function")) {
    throw new Error(`${where} ('${item.name}') needs peer: { label, run, check } (or no peer)`);
  }
}

/**
 * Imports an optional workspace package for a case file: the module, or the
 * reason it cannot be used (so the case is listed as unavailable, never
 * silently dropped).
 *
 * @param {string} specifier
 * @param {readonly string[]} names exports the case needs
 * @returns {Promise<{ module: Record<string, any> } | { unavailable: string }>}
 */
export async function optionalImport(specifier, names) {
  let module;
  try {
    module = await import(specifier);
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "").replace(/ imported from .*$/, "") : String(error);
    return { unavailable: `${specifier} cannot be imported (${message}; is it built?)` };
  }
  const missing = names.filter((name) => !(name in module));
  if (missing.length > 0) return { unavailable: `${specifier} does not export ${missing.join(", ")}` };
  return { module };
}

/**
 * A case placeholder for a case file whose package is unavailable.
 *
 * @param {string} name
 * @param {string} group
 * @param {string} reason
 * @returns {BenchCase}
 */
export function unavailableCase(name, group, reason) {
  return /** @type {BenchCase} */ ({ name, group, unavailable: reason });
}

/**
 * Identity, for type inference in case files: `defineCase({ setup, ours, ... })`
 * types `ours` and `floor` by what `setup` returns.
 *
 * @template S
 * @param {BenchCase<S>} benchCase
 * @returns {BenchCase<S>}
 */
export function defineCase(benchCase) {
  return benchCase;
}
