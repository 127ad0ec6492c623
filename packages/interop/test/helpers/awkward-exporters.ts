/** Exporters whose memory a TypedArray cannot address in place, built with core's own types. */
import { memoryview, NDArray, NDArrayFlags, slice, type MemoryView } from "@pybuffer/core";

/** Doubles starting at byte 1 of their block: a Float64Array cannot start there. */
export function misalignedDoubles(values: readonly number[]): MemoryView {
  const bytes = new Uint8Array(1 + values.length * 8);
  values.forEach((v, i) => new DataView(bytes.buffer).setFloat64(1 + i * 8, v, true));
  return (memoryview(bytes).get(slice(1, null)) as MemoryView).cast("d");
}

/** A PIL-style (suboffsets) 2-D array of int32: rows reached through pointers. */
export function pilArray(rows: number, cols: number): NDArray {
  const items = Array.from({ length: rows * cols }, (_, i) => i * 10);
  return new NDArray(items, { shape: [rows, cols], format: "i", flags: NDArrayFlags.PIL | NDArrayFlags.WRITABLE });
}
