/**
 * ABI profiles: the native sizes and alignments that CPython's `struct` uses
 * in native mode (`@` or no prefix), for the platforms whose data we read.
 * Standard-size modes (`=`, `<`, `>`, `!`) never consult a profile.
 *
 * @module
 */

import { ValueError } from "../errors/python-errors.ts";

/**
 * Names of the supported ABI profiles.
 *
 * - `lp64`: 64-bit Linux and macOS (CPython's default build there): `long`,
 *   `size_t` and pointers are 8 bytes.
 * - `wasm32`: WebAssembly (Pyodide): `long`, `size_t` and pointers are 4
 *   bytes; `long long` and `double` are 8-byte aligned.
 * - `ilp32`: 32-bit platforms with 8-byte alignment for 8-byte types (ARM
 *   EABI); the same table as `wasm32`.
 * - `llp64`: 64-bit Windows: `long` is 4 bytes, `size_t` and pointers 8.
 *
 * @example
 * ```ts
 * import { calcsize } from "@pybuffer/core";
 * calcsize("l", { abi: "wasm32" }); // 4
 * calcsize("l"); // 8 (lp64)
 * ```
 *
 * @since 0.1.0
 */
export type AbiName = "lp64" | "ilp32" | "wasm32" | "llp64";

/**
 * Native sizes, in bytes, of the C types whose width varies between ABIs.
 *
 * @since 0.1.0
 */
export interface AbiProfile {
  /** @since 0.1.0 */
  readonly name: AbiName;
  /**
   * `sizeof(long)`: the `l` and `L` codes.
   *
   * @since 0.1.0
   */
  readonly long: 4 | 8;
  /**
   * `sizeof(size_t)`: the `n` and `N` codes.
   *
   * @since 0.1.0
   */
  readonly sizeT: 4 | 8;
  /**
   * `sizeof(void *)`: the `P` code, and the width of suboffset pointers.
   *
   * @since 0.1.0
   */
  readonly pointer: 4 | 8;
  /**
   * `PY_SSIZE_T_MAX` where a double holds it exactly (`2**31 - 1`), else `Number.MAX_SAFE_INTEGER`.
   *
   * @since 0.1.0
   */
  readonly ssizeMax: number;
}

const PROFILES: Readonly<Record<AbiName, AbiProfile>> = {
  lp64: { name: "lp64", long: 8, sizeT: 8, pointer: 8, ssizeMax: Number.MAX_SAFE_INTEGER },
  ilp32: { name: "ilp32", long: 4, sizeT: 4, pointer: 4, ssizeMax: 2 ** 31 - 1 },
  wasm32: { name: "wasm32", long: 4, sizeT: 4, pointer: 4, ssizeMax: 2 ** 31 - 1 },
  llp64: { name: "llp64", long: 4, sizeT: 8, pointer: 8, ssizeMax: Number.MAX_SAFE_INTEGER },
};

/**
 * Whether `name` is one of the supported ABI profile names.
 *
 * @example
 * ```ts
 * import { isAbiName } from "@pybuffer/core";
 * isAbiName("wasm32"); // true
 * ```
 *
 * @since 0.1.0
 */
export function isAbiName(name: unknown): name is AbiName {
  return typeof name === "string" && Object.hasOwn(PROFILES, name);
}

/**
 * The profile used when none is given: CPython on 64-bit Linux and macOS.
 *
 * @since 0.1.0
 */
export const DEFAULT_ABI: AbiName = "lp64";

/**
 * Looks up an ABI profile by name.
 *
 * @throws ValueError for an unknown name.
 * @example
 * ```ts
 * import { abiProfile } from "@pybuffer/core";
 * abiProfile("wasm32").pointer; // 4
 * ```
 *
 * @since 0.1.0
 */
export function abiProfile(name: AbiName = DEFAULT_ABI): AbiProfile {
  // A switch: every view and record check asks, and V8 11 does not inline Object.hasOwn.
  switch (name) {
    case "lp64":
      return PROFILES.lp64;
    case "wasm32":
      return PROFILES.wasm32;
    case "ilp32":
      return PROFILES.ilp32;
    case "llp64":
      return PROFILES.llp64;
    default:
      throw new ValueError(`unknown ABI profile '${String(name)}' (expected one of ${Object.keys(PROFILES).join(", ")})`);
  }
}

