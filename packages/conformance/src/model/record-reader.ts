/**
 * Reading and writing items through a raw record with the suite's own
 * address arithmetic (`PyBuffer_GetPointer`), independent of the consumer
 * under test, and the bounds rule of `verify_structure` extended to PIL
 * pointers.
 *
 * @module
 */

import { abiProfile, type AbiName, type BufferRecord } from "@pybuffer/core";
import { contiguousStrides, indexTuples } from "./layout.ts";

/** Pointer width for an ABI. */
export function pointerSize(abi: AbiName): number {
  return abiProfile(abi).pointer;
}

function readPointer(memory: ArrayBuffer | SharedArrayBuffer, at: number, size: number): number | null {
  if (at < 0 || at + size > memory.byteLength) return null;
  const view = new DataView(memory);
  return size === 8 ? Number(view.getBigUint64(at, true)) : view.getUint32(at, true);
}

function geometryOf(record: BufferRecord): { shape: readonly number[]; strides: readonly number[] } {
  if (record.ndim === 0 && record.shape === null) return { shape: [], strides: [] };
  const shape = record.shape ?? [record.len / record.itemsize];
  return { shape, strides: record.strides ?? contiguousStrides(shape, record.itemsize, "C") };
}

/** The byte address of an item (`PyBuffer_GetPointer`), or `null` when a pointer lies outside the memory. */
export function itemAddress(record: BufferRecord, index: readonly number[], pointer: number): number | null {
  return addressIn(record, geometryOf(record).strides, index, pointer);
}

function addressIn(record: BufferRecord, strides: readonly number[], index: readonly number[], pointer: number): number | null {
  let p = record.buf;
  for (let i = 0; i < index.length; i++) {
    p += strides[i]! * index[i]!;
    const sub = record.suboffsets?.[i];
    if (sub !== undefined && sub >= 0) {
      const target = readPointer(record.memory, p, pointer);
      if (target === null) return null;
      p = target + sub;
    }
  }
  return p;
}

/** Every item's bytes in C order, or `null` when an item lies outside the memory. */
export function readItemsC(record: BufferRecord, pointer: number): Uint8Array | null {
  const { shape, strides } = geometryOf(record);
  const size = record.itemsize;
  const bytes = new Uint8Array(record.memory);
  const tuples = shape.length === 0 ? [[]] : [...indexTuples(shape, "C")];
  const out = new Uint8Array(tuples.length * size);
  let k = 0;
  for (const index of tuples) {
    const p = addressIn(record, strides, index, pointer);
    if (p === null || p < 0 || p + size > bytes.length) return null;
    out.set(bytes.subarray(p, p + size), k);
    k += size;
  }
  return out;
}

/** What part of the bounds rule a record breaks, or `null` (Lib/test/test_buffer.py: `verify_structure`). */
export function boundsProblem(record: BufferRecord, pointer: number): { check: "buf" | "items" | "pointer"; message: string } | null {
  const memoryLength = record.memory.byteLength;
  if (record.len === 0) return null;
  if (record.shape === null && record.ndim !== 0) {
    return record.buf >= 0 && record.buf + record.len <= memoryLength
      ? null
      : { check: "buf", message: `buf ${record.buf} + len ${record.len} lies outside the memory block of ${memoryLength} bytes` };
  }
  const { shape, strides } = geometryOf(record);
  if (shape.includes(0)) return null;
  if (record.suboffsets === null) {
    let low = 0;
    let high = 0;
    for (let i = 0; i < shape.length; i++) {
      const span = strides[i]! * (shape[i]! - 1);
      if (span < 0) low += span;
      else high += span;
    }
    if (record.buf + low < 0 || record.buf + high + record.itemsize > memoryLength) {
      return {
        check: "items",
        message: `items span bytes ${record.buf + low}..${record.buf + high + record.itemsize} (buf ${record.buf}, shape [${shape.join(", ")}], strides [${strides.join(", ")}]) but the memory block has ${memoryLength} bytes`,
      };
    }
    return null;
  }
  for (const index of indexTuples(shape, "C")) {
    const p = addressIn(record, strides, index, pointer);
    if (p === null) return { check: "pointer", message: `a suboffset pointer for item [${index.join(", ")}] lies outside the memory block of ${memoryLength} bytes` };
    if (p < 0 || p + record.itemsize > memoryLength) {
      return { check: "pointer", message: `item [${index.join(", ")}] at byte ${p} (through suboffsets) lies outside the memory block of ${memoryLength} bytes` };
    }
  }
  return null;
}
