/**
 * `.npz` archives (`numpy.savez`, `numpy.savez_compressed`, `numpy.load` of
 * an archive): a zip of `.npy` members, stored or deflated, through fflate.
 *
 * @module
 */

import { PyTypeError, ValueError } from "@pybuffer/core";
import { optionChecks, pythonTypeName, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { unzipSync, zipSync, type Zippable } from "fflate";
import { callerBytes } from "../npy/caller-bytes.ts";
import { loadNpy, type LoadNpyOptions } from "../npy/load-npy.ts";
import type { NpyArray } from "../npy/npy-array.ts";
import { saveNpy, type SaveNpyOptions } from "../npy/save-npy.ts";

/**
 * Options of {@link loadNpz}.
 *
 * @example
 * ```ts
 * import { loadNpz, type LoadNpzOptions } from "@pybuffer/numpy";
 * const options: LoadNpzOptions = { maxMemberBytes: 2 ** 20 };
 * ```
 *
 * @since 0.1.0
 */
export interface LoadNpzOptions extends Omit<LoadNpyOptions, "copy"> {
  /**
   * Refuse a member that declares more uncompressed bytes than this (default 2**31 - 1): a zip bomb guard.
   *
   * @since 0.1.0
   */
  readonly maxMemberBytes?: number;
}

/**
 * Options of {@link saveNpz}.
 *
 * @example
 * ```ts
 * import { saveNpz, type SaveNpzOptions } from "@pybuffer/numpy";
 * const options: SaveNpzOptions = { compress: true }; // np.savez_compressed
 * ```
 *
 * @since 0.1.0
 */
export interface SaveNpzOptions extends SaveNpyOptions {
  /**
   * Deflate the members, as `numpy.savez_compressed` (default: stored, as `numpy.savez`).
   *
   * @since 0.1.0
   */
  readonly compress?: boolean;
}

/**
 * Reads an `.npz` archive: each `name.npy` member as an {@link NpyArray}
 * under `name`, in archive order. Members that are not `.npy` files are left out.
 *
 * @throws ValueError for a member too large, or anything `loadNpy` refuses (the member is named).
 * @throws ValueError "File is not a zip file" for bytes that are not a zip archive.
 * @example
 * ```ts
 * import { loadNpz, saveNpz } from "@pybuffer/numpy";
 * const arrays = loadNpz(saveNpz({ x: new Float32Array([1]), y: new Uint8Array([2]) }));
 * [...arrays.keys()]; // ["x", "y"]
 * ```
 *
 * @since 0.1.0
 */
export function loadNpz(bytes: Uint8Array, options: LoadNpzOptions = {}): Map<string, NpyArray> {
  options = readOptions(options, "loadNpz", LOAD_NPZ_OPTIONS);
  bytes = callerBytes(bytes, "loadNpz", "loadNpz: expected a Uint8Array of the archive's bytes");
  const limit = options.maxMemberBytes ?? 2 ** 31 - 1;
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, {
      filter: (file) => {
        if (!file.name.endsWith(".npy")) return false;
        if (file.originalSize > limit) throw new ValueError(`npz member ${file.name} declares ${file.originalSize} bytes, more than ${limit}`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ValueError) throw error;
    throw new ValueError(`File is not a zip file (${error instanceof Error ? error.message : String(error)})`);
  }
  const arrays = new Map<string, NpyArray>();
  for (const [name, member] of Object.entries(members)) {
    if (member.length > limit) throw new ValueError(`npz member ${name} holds more than ${limit} bytes`);
    try {
      arrays.set(name.slice(0, -".npy".length), loadNpy(member, options));
    } catch (error) {
      if (error instanceof Error) error.message = `${name}: ${error.message}`;
      throw error;
    }
  }
  return arrays;
}

/**
 * Writes an `.npz` archive of exporters, each as `name.npy` (NumPy's `savez`
 * keywords). Stored by default, deflated with `compress: true`.
 *
 * @example
 * ```ts
 * import { saveNpz } from "@pybuffer/numpy";
 * const zip = saveNpz({ weights: new Float64Array([0.5, 1.5]) }, { compress: true });
 * // np.load(io.BytesIO(zip))["weights"] -> array([0.5, 1.5])
 * ```
 *
 * @since 0.1.0
 */
export function saveNpz(arrays: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>, options: SaveNpzOptions = {}): Uint8Array {
  options = readOptions(options, "saveNpz", SAVE_NPZ_OPTIONS);
  const entries = arrayEntries(arrays);
  const zippable: Zippable = {};
  const level = options.compress === true ? 6 : 0;
  for (const [name, exporter] of entries) {
    zippable[`${name}.npy`] = [saveNpy(exporter, options.version === undefined ? {} : { version: options.version }), { level }];
  }
  return zipSync(zippable);
}

const LOAD_NPZ_OPTIONS: OptionChecks<LoadNpzOptions> = {
  maxHeaderSize: optionChecks.any as OptionCheck<never>,
  writable: optionChecks.any as OptionCheck<never>,
  maxMemberBytes: optionChecks.any as OptionCheck<never>,
};

const SAVE_NPZ_OPTIONS: OptionChecks<SaveNpzOptions> = { version: optionChecks.any as OptionCheck<never>, compress: optionChecks.any as OptionCheck<never> };

/** The named arrays of a Map or a plain object; anything else (null, a Proxy that throws) is a TypeError. */
function arrayEntries(arrays: unknown): [string, unknown][] {
  try {
    if (arrays instanceof Map) return [...(arrays as Map<string, unknown>)];
    if (typeof arrays === "object" && arrays !== null) return Object.entries(arrays);
  } catch (error) {
    throw new PyTypeError(`saveNpz() arrays cannot be read: ${pythonTypeName(arrays)}`, { cause: error });
  }
  throw new PyTypeError(`saveNpz() argument 'arrays' must be a Map or an object of named arrays, not '${pythonTypeName(arrays)}'`);
}
