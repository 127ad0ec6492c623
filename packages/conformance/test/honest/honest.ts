/**
 * Honest exporters written from the README alone, as a new user would: each
 * keeps the protocol but makes a choice the protocol leaves open, so the
 * suite must pass them with an honest manifest and an empty baseline.
 */

import { BufferError, type NDArray } from "@pybuffer/core";
import { ndarrayFrom } from "../../adapters/ndarray.js";
import { contiguousStrides } from "../../src/model/layout.ts";
import { presetCapabilities, unsupported, type Capabilities, type ConformanceAdapter, type ExporterDescription, type Unsupported } from "../../src/index.ts";
import { BASE_CAPS, faulty, Wrapped } from "../broken/harness.ts";

/** The description's items in C order (what the exporter shows), walked through its strides. */
function logicalItems(d: ExporterDescription): ExporterDescription["items"][number][] {
  if (d.ndim === 0) return [d.items[d.offset / d.itemsize]!];
  const out: ExporterDescription["items"][number][] = [];
  if (d.shape.includes(0)) return out;
  const index = new Array<number>(d.ndim).fill(0);
  for (;;) {
    let p = d.offset;
    for (let i = 0; i < d.ndim; i++) p += index[i]! * d.strides[i]!;
    out.push(d.items[p / d.itemsize]!);
    let k = d.ndim - 1;
    for (; k >= 0; k--) {
      if (++index[k]! < d.shape[k]!) break;
      index[k] = 0;
    }
    if (k < 0) return out;
  }
}

/**
 * An always-packed column: it copies the items into fresh C-order memory
 * and reports CPython's canonical strides (`PyBuffer_FillContiguousStrides`),
 * whatever strides the description chose on extents 0 and 1.
 */
export const packedColumn: ConformanceAdapter<NDArray> = {
  name: "honest-packed",
  capabilities: { ...BASE_CAPS, layouts: ["C"], maxNdim: 3 },
  create: (d) => ndarrayFrom({ ...d, items: logicalItems(d), offset: 0, strides: contiguousStrides(d.shape, d.itemsize, "C") }),
};

/** A frozen instance has no resize at all: it throws the way `bytes` lacks `resize`. */
export function frozenResize(exporter: Wrapped): void {
  if (exporter.inner.readonly) throw new TypeError("a frozen image cannot be resized");
  if (exporter.exports > 0) throw new BufferError(`cannot resize: ${exporter.exports} exported buffer(s)`);
  exporter.resized++;
}

/** An image whose writable instances resize and whose frozen (read-only) instances never do. */
export function frozenImage(resizable: Capabilities["resizable"]): ConformanceAdapter<Wrapped> {
  return faulty(`honest-frozen-${String(resizable)}`, { resize: frozenResize }, { countsExports: true, resizable });
}

/**
 * An image: two or three dimensions (rows, columns, channels), rows padded
 * as described but axes never reordered, no empty dimension, frozen
 * (read-only) instances that can never be resized, and at most three
 * channels (RGB): a description with more is declined as unsupported.
 */
export function paddedImage(seen: ExporterDescription[] = []): ConformanceAdapter<Wrapped | Unsupported> {
  const base = faulty("honest-image", { resize: frozenResize }, presetCapabilities("image", { formats: ["B", "<H", "f"], countsExports: true, resizable: "writable" }));
  return {
    ...base,
    create: (d) => {
      seen.push(d);
      if (d.ndim === 3 && d.shape[2]! > 3) return unsupported(`${d.shape[2]} channels; an RGB image has at most 3`);
      return base.create(d);
    },
  } as ConformanceAdapter<Wrapped | Unsupported>;
}
