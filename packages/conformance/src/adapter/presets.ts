/**
 * Capability manifests for the kinds of exporter people have, so that an
 * adapter states only where it differs: a bytes-like object, an ndarray, an
 * image with padded rows, a packed column.
 *
 * @module
 */

import type { Capabilities } from "./types.ts";

/**
 * The names of the presets.
 *
 * @since 0.1.0
 */
export type CapabilityPreset = "bytes-like" | "ndarray" | "image" | "column";

/** Freezes a preset (its arrays too), typed as a manifest. */
function preset(capabilities: Capabilities): Capabilities {
  return Object.freeze({ ...capabilities, formats: Object.freeze([...capabilities.formats]), layouts: Object.freeze([...capabilities.layouts]) });
}

const NO_LIFETIME = { countsExports: false, resizable: false, redirect: false } as const;

/** One packed dimension: bytes-like objects, and (refusing FORMAT without ND) columns. */
const BYTES_LIKE: Capabilities = {
  formats: ["B"],
  minNdim: 1,
  maxNdim: 1,
  layouts: ["C"],
  suboffsets: false,
  readonly: true,
  writable: true,
  formatWithoutShape: "serve",
  ...NO_LIFETIME,
};

/** Any dimensions and every non-PIL layout, refusing FORMAT without ND: ndarrays, and (narrowed) images. */
const NDARRAY: Capabilities = {
  formats: ["B"],
  minNdim: 0,
  maxNdim: 64,
  layouts: ["C", "F", "strided", "negative", "zero"],
  suboffsets: false,
  readonly: true,
  writable: true,
  formatWithoutShape: "refuse",
  ...NO_LIFETIME,
};

/**
 * The presets, each a complete manifest:
 *
 * - `bytes-like`: `bytes`, `bytearray`, `array.array`, a TypedArray: one
 *   dimension, packed, serving FORMAT without ND (format set, shape null);
 * - `ndarray`: `_testbuffer.ndarray`, NumPy: any dimensions (0 to 64) and
 *   every non-PIL layout, refusing FORMAT without ND like memoryview;
 * - `image`: two or three dimensions, rows padded but axes never reordered,
 *   no empty dimension;
 * - `column`: an Arrow-like column: one dimension, always packed.
 *
 * Formats default to `["B"]`; read-only and writable instances both.
 *
 * @example
 * ```ts
 * import { CAPABILITY_PRESETS } from "@pybuffer/conformance";
 * CAPABILITY_PRESETS.image.layouts; // ["C", "padded"]
 * ```
 *
 * @since 0.1.0
 */
export const CAPABILITY_PRESETS: Readonly<Record<CapabilityPreset, Capabilities>> = Object.freeze({
  "bytes-like": preset(BYTES_LIKE),
  ndarray: preset(NDARRAY),
  image: preset({ ...NDARRAY, minNdim: 2, maxNdim: 3, layouts: ["C", "padded"], minExtent: 1 }),
  column: preset({ ...BYTES_LIKE, formatWithoutShape: "refuse" }),
});

/**
 * A preset's manifest with your differences applied (a new object: declare
 * it once, as a constant).
 *
 * @example
 * ```ts
 * import { presetCapabilities } from "@pybuffer/conformance";
 * const capabilities = presetCapabilities("image", { formats: ["B", "<H"], countsExports: true });
 * ```
 *
 * @since 0.1.0
 */
export function presetCapabilities(preset: CapabilityPreset, overrides: Partial<Capabilities> = {}): Capabilities {
  const base = CAPABILITY_PRESETS[preset];
  if (base === undefined) throw new TypeError(`unknown capability preset ${JSON.stringify(preset)}: use ${Object.keys(CAPABILITY_PRESETS).join(", ")}`);
  return { ...base, ...overrides };
}
