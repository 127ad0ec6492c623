/**
 * The JavaScript values that `struct` packs and unpacks.
 *
 * | code | unpacks to | packs from |
 * | --- | --- | --- |
 * | `b B h H i I` (and `l L n N P` when 4 bytes wide) | `number` | `number` (integral), `bigint`, `boolean` |
 * | `q Q` (and `l L n N P` when 8 bytes wide) | `bigint` | `number` (integral), `bigint`, `boolean` |
 * | `e f d` | `number` | `number`, `bigint`, `boolean` |
 * | `F D` | {@link Complex} | `Complex`, `number`, `bigint`, `boolean` |
 * | `?` | `boolean` | anything (Python truthiness) |
 * | `c s p` | `Uint8Array` (a copy) | `Uint8Array` |
 *
 * @module
 */

/**
 * A complex number, the value of the `F` (two floats) and `D` (two doubles) codes.
 *
 * @example
 * ```ts
 * import { pack, unpack, type Complex } from "@pybuffer/core";
 * const [z] = unpack("D", pack("D", { real: 1, imag: -2 })) as [Complex]; // { real: 1, imag: -2 }
 * ```
 *
 * @since 0.1.0
 */
export interface Complex {
  /** @since 0.1.0 */
  readonly real: number;
  /** @since 0.1.0 */
  readonly imag: number;
}

/**
 * One value produced by unpacking.
 *
 * @example
 * ```ts
 * import { unpack, type StructValue } from "@pybuffer/core";
 * const values: StructValue[] = unpack("<hq?", new Uint8Array(11));
 * ```
 *
 * @since 0.1.0
 */
export type StructValue = number | bigint | boolean | Uint8Array | Complex;
