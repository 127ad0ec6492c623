// @ts-check
/**
 * Adapters for `@pybuffer/node-adapter`'s exporters: `ResizableBytes` (the
 * bytearray of this world: counts its exports, refuses to resize while
 * exported) and `MemoryRegion` over each kind of memory that can grow
 * (a resizable ArrayBuffer, a growable SharedArrayBuffer, a
 * WebAssembly.Memory, whose native sizes are wasm32's).
 *
 * @module
 */

import { MemoryRegion, ResizableBytes } from "@pybuffer/node-adapter";
import { presetCapabilities } from "@pybuffer/conformance";
import { NDARRAY_FORMATS } from "./ndarray.js";

/** @typedef {import("@pybuffer/conformance").ExporterDescription} ExporterDescription */

/** WebAssembly.Memory (the compiler's libs here have no WebAssembly types). */
const WasmMemory = /** @type {new (descriptor: { initial: number }) => { buffer: ArrayBuffer }} */ (
  /** @type {any} */ (globalThis).WebAssembly.Memory
);
/** @typedef {import("@pybuffer/conformance").Capabilities} Capabilities */

/**
 * A region over `memory` holding the description's bytes at the same offsets.
 *
 * @param {ArrayBuffer | SharedArrayBuffer} block where the bytes are copied
 * @param {object} source what the region is made over (the block, or a WebAssembly.Memory)
 * @param {ExporterDescription} d
 */
function region(block, source, d) {
  new Uint8Array(block).set(d.bytes);
  return new MemoryRegion(/** @type {any} */ (source), {
    byteOffset: d.offset,
    format: d.format,
    shape: d.shape,
    strides: d.strides,
    readonly: d.readonly,
    abi: d.abi,
  });
}

/** @param {Partial<Capabilities>} overrides @returns {Capabilities} */
function regionCapabilities(overrides = {}) {
  return presetCapabilities("ndarray", { formats: NDARRAY_FORMATS, countsExports: true, ...overrides });
}

/** @type {import("@pybuffer/conformance").ConformanceAdapter<any>[]} */
export const nodeAdapterAdapters = [
  {
    name: "node-adapter-ResizableBytes",
    capabilities: presetCapabilities("bytes-like", { readonly: false, countsExports: true, resizable: true }),
    create: (d) => new ResizableBytes(d.bytes.subarray(d.offset, d.offset + /** @type {number} */ (d.shape[0]))),
    exportCount: (bytes) => bytes.exports,
    resize: (bytes) => bytes.append(0),
  },
  {
    name: "node-adapter-MemoryRegion-ArrayBuffer",
    capabilities: regionCapabilities(),
    create: (d) => {
      const memory = new ArrayBuffer(d.bytes.length, { maxByteLength: d.bytes.length + 64 });
      return region(memory, memory, d);
    },
    exportCount: (r) => r.exports,
  },
  {
    name: "node-adapter-MemoryRegion-SharedArrayBuffer",
    capabilities: regionCapabilities(),
    create: (d) => {
      const memory = new SharedArrayBuffer(d.bytes.length, { maxByteLength: d.bytes.length + 64 });
      return region(memory, memory, d);
    },
    exportCount: (r) => r.exports,
  },
  {
    name: "node-adapter-MemoryRegion-WebAssembly.Memory",
    capabilities: regionCapabilities({ abi: "wasm32" }),
    create: (d) => {
      const memory = new WasmMemory({ initial: Math.max(1, Math.ceil(d.bytes.length / 65536)) });
      return region(memory.buffer, memory, d);
    },
    exportCount: (r) => r.exports,
  },
];
