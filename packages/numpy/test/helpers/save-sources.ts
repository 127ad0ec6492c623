/**
 * Exporters of every layout saveNpy must handle (strided, reversed,
 * Fortran, PIL, 0-d, empty, records), with the dtype, shape and order NumPy
 * gives them: shared by the in-memory and the streaming writer's tests.
 */
import { getBufferSymbol, NDArray, NDArrayFlags, slice, type BufferRecord } from "@pybuffer/core";

const values = (n: number): number[] => Array.from({ length: n }, (_, i) => ((i * 37) % 23) - 11);

/** A NumPy-style record exporter: 2 records of T{<i:a:(2)d:b:3s:c:} (itemsize 23). */
export function records(): object {
  const bytes = new Uint8Array(46);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 2; i++) {
    view.setInt32(i * 23, i - 5, true);
    view.setFloat64(i * 23 + 4, 0.5 * i, true);
    view.setFloat64(i * 23 + 12, -i, true);
    bytes.set([0x61 + i, 0x62], i * 23 + 20);
  }
  const exporter = {
    [getBufferSymbol](): BufferRecord {
      return {
        obj: exporter, memory: bytes.buffer, buf: 0, len: 46, itemsize: 23, readonly: true, format: "T{<i:a:(2)d:b:3s:c:}",
        ndim: 1, shape: [2], strides: [23], suboffsets: null, internal: null,
      };
    },
  };
  return exporter;
}

/** Sources with their expected dtype, shape and order. */
export const SOURCES: { name: string; make: () => object; dtype: unknown; shape: number[]; fortran: boolean }[] = [
  { name: "Float64Array", make: () => new Float64Array([1.5, -2, 1e300]), dtype: "<f8", shape: [3], fortran: false },
  { name: "C int16 2x3", make: () => new NDArray(values(6), { shape: [2, 3], format: "h" }), dtype: "<i2", shape: [2, 3], fortran: false },
  { name: "Fortran uint32 2x3", make: () => new NDArray(values(6).map(Math.abs), { shape: [2, 3], format: "I", flags: NDArrayFlags.FORTRAN }), dtype: "<u4", shape: [2, 3], fortran: true },
  {
    name: "reversed columns of a big-endian int32 view",
    make: () => new NDArray(values(12), { shape: [3, 4], format: ">i" }).get([slice(null), slice(null, null, -1)]) as object,
    dtype: ">i4", shape: [3, 4], fortran: false,
  },
  {
    name: "every other row, every third column (strided)",
    make: () => new NDArray(values(60), { shape: [6, 10], format: "<q" }).get([slice(null, null, 2), slice(1, null, 3)]) as object,
    dtype: "<i8", shape: [3, 3], fortran: false,
  },
  { name: "PIL float32 3x2", make: () => new NDArray(values(6), { shape: [3, 2], format: "f", flags: NDArrayFlags.PIL }), dtype: "<f4", shape: [3, 2], fortran: false },
  { name: "0-d half float", make: () => new NDArray(-0.5, { shape: [], format: "e" }), dtype: "<f2", shape: [], fortran: false },
  { name: "empty 0x3 bool", make: () => new NDArray([true, false, true, true, false, false], { shape: [2, 3], format: "?" }).get([slice(1, 1), slice(null)]) as object, dtype: "|b1", shape: [0, 3], fortran: false },
  { name: "native long (NumPy's int64)", make: () => new NDArray([1, -2], { shape: [2], format: "l" }), dtype: "<i8", shape: [2], fortran: false },
  { name: "records", make: records, dtype: [["a", "<i4"], ["b", "<f8", [2]], ["c", "|S3"]], shape: [2], fortran: false },
];

