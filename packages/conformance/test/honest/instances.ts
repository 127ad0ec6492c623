/**
 * Exporter-driven adapters: images of their own, whose rows the exporter
 * aligns to 4 items itself (no description asks for it), with the content
 * each must show. One honest sampler, one honest fast-check arbitrary, and
 * realistic bugs of such adapters.
 */

import * as fc from "fast-check";
import { Struct, type BufferRecord } from "@pybuffer/core";
import { ndarrayFrom } from "../../adapters/ndarray.js";
import { presetCapabilities, type ExporterInstance, type InstanceAdapter } from "../../src/index.ts";
import { Wrapped, type Fault } from "../broken/harness.ts";
import { frozenResize } from "./honest.ts";

const FORMATS = ["B", "<H", "f"] as const;

/** What an image holds: its format, rows, columns, item bytes in C order, and whether it is frozen. */
interface ImageContent {
  readonly format: string;
  readonly rows: number;
  readonly columns: number;
  readonly bytes: Uint8Array;
  readonly frozen: boolean;
}

/** A deterministic image content for a seed (a small linear congruential generator). */
function contentFor(seed: number): ImageContent {
  let state = seed >>> 0 || 1;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const format = FORMATS[next(FORMATS.length)]!;
  const rows = 1 + next(4);
  const columns = 1 + next(4);
  const itemsize = new Struct(format).size;
  const struct = new Struct(format);
  const bytes = new Uint8Array(rows * columns * itemsize);
  for (let k = 0; k < rows * columns; k++) bytes.set(struct.pack(format === "f" ? next(1000) / 8 : next(200)), k * itemsize);
  return { format, rows, columns, bytes, frozen: next(2) === 0 };
}

/**
 * The image object: rows stored 4-item aligned, exporting itself through a
 * correct NDArray, with its own fault; `declared` is the content the
 * adapter says it holds (the same, for an honest adapter).
 */
function image(content: ImageContent, fault: Fault, declared: ImageContent = content): ExporterInstance<Wrapped> {
  const struct = new Struct(content.format);
  const itemsize = struct.size;
  const rowItems = Math.ceil(content.columns / 4) * 4;
  const items: unknown[] = new Array(content.rows * rowItems).fill(struct.unpack(new Uint8Array(itemsize))[0]);
  for (let r = 0; r < content.rows; r++) {
    for (let c = 0; c < content.columns; c++) items[r * rowItems + c] = struct.unpackFrom(content.bytes, (r * content.columns + c) * itemsize)[0];
  }
  const inner = ndarrayFrom({
    format: content.format,
    itemsize,
    ndim: 2,
    shape: [content.rows, content.columns],
    strides: [rowItems * itemsize, itemsize],
    offset: 0,
    bytes: new Uint8Array(0),
    items: items as never,
    readonly: content.frozen,
    indirect: false,
    abi: "lp64",
    layout: "padded",
  });
  return { exporter: new Wrapped(inner, fault), format: declared.format, shape: [declared.rows, declared.columns], bytes: declared.bytes, readonly: declared.frozen };
}

const CAPABILITIES = presetCapabilities("image", { formats: [...FORMATS], maxNdim: 2, countsExports: true, resizable: "writable" });

/** An exporter-driven image adapter over a sampler, with one fault (none: honest). */
export function sampledImages(name: string, fault: Fault = {}, declare: (content: ImageContent) => ImageContent = (c) => c): InstanceAdapter<Wrapped> {
  return {
    name,
    capabilities: CAPABILITIES,
    instances: (seed) => {
      const content = contentFor(seed);
      return image(content, { ...fault, resize: fault.resize ?? frozenResize }, declare(content));
    },
    exportCount: (w) => w.exports,
    resize: (w) => w.resize(),
  };
}

/** The same images from a fast-check arbitrary. */
export function arbitraryImages(): InstanceAdapter<Wrapped> {
  const contents = fc.integer().map((seed) => contentFor(seed));
  return {
    ...sampledImages("honest-image-arbitrary"),
    instances: contents.map((content) => image(content, { resize: frozenResize })),
  };
}

/** A frozen image whose records claim writable memory: its crop code forgot the flag. */
export const writableFrozenCrop = sampledImages("frozen-crop-writable", {
  answer: (record: BufferRecord, _flags: number, w: Wrapped) => (w.inner.readonly ? { ...record, readonly: false } : record),
});

/** A refused request still counts an export (the count is taken before deciding). */
export const countsRefusals = sampledImages("instance-counts-refusals", { countRefusals: true });

/** The content it declares differs from what it exports: the last byte is off by one (a stale cache of the pixels). */
export const wrongContent = sampledImages("instance-wrong-content", {}, (c) => {
  const bytes = c.bytes.slice();
  bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) & 0xff;
  return { ...c, bytes };
});

/**
 * Crops that share their parent: the sampler caches one parent image per
 * seed and hands out crops of it, whose memory and export count are the
 * parent's, so two instances are not independent.
 */
export function sharedParentCrops(): InstanceAdapter<Wrapped> {
  const parents = new Map<number, Wrapped>();
  const honest = sampledImages("crop-shares-parent");
  const sample = honest.instances as (seed: number) => ExporterInstance<Wrapped>;
  return {
    ...honest,
    instances: (seed) => {
      const first = sample(seed);
      const parent = parents.get(seed) ?? first.exporter;
      parents.set(seed, parent);
      const crop = new Wrapped(parent.inner, { resize: frozenResize });
      Object.defineProperty(crop, "exports", { get: () => parent.exports, set: (n: number) => (parent.exports = n) });
      return { ...first, exporter: crop };
    },
  };
}
