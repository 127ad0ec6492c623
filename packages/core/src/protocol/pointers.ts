/**
 * Pointers inside a memory block: byte offsets stored as native unsigned
 * integers of the ABI's pointer size, little-endian (every supported
 * profile is), as a WebAssembly module or Pyodide writes them.
 *
 * @module
 */

import { blockByteLength } from "../internal/block-size.ts";
import type { AbiProfile } from "../format/abi.ts";
import type { MemoryBlock } from "./buffer-record.ts";

/**
 * Reads the pointer stored at byte `offset`, or returns `null` when the
 * pointer's own bytes are outside `memory` or its value cannot be an offset
 * into any JS buffer.
 */
export function readPointer(memory: MemoryBlock, offset: number, abi: AbiProfile): number | null {
  if (offset < 0 || offset + abi.pointer > blockByteLength(memory)) return null;
  const view = new DataView(memory, offset, abi.pointer);
  if (abi.pointer === 4) return view.getUint32(0, true);
  const value = view.getBigUint64(0, true);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}
