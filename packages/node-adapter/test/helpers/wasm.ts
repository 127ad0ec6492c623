/** `WebAssembly.Memory` without a WebAssembly type library (this package declares none). */
import type { WebAssemblyMemory } from "../../src/index.ts";

interface MemoryDescriptor {
  readonly initial: number;
  readonly maximum?: number;
  readonly shared?: boolean;
}

const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: new (descriptor: MemoryDescriptor) => WebAssemblyMemory } })
  .WebAssembly.Memory;

/** `new WebAssembly.Memory(descriptor)`; a page is 64 KiB. */
export function wasmMemory(descriptor: MemoryDescriptor): WebAssemblyMemory {
  return new WasmMemory(descriptor);
}

export const WASM_PAGE = 65536;
