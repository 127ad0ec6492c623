/**
 * `numpy.save` of any exporter (`write_array` in numpy/lib/_format_impl.py):
 * the header for the exporter's format as NumPy would read it, then its
 * items in one strided pass.
 *
 * @module
 */

import { bytesToOverwrite, optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import { BufferFlags, getBuffer, isContiguous, releaseBuffer, toContiguous, ValueError, type BufferRecord } from "@pybuffer/core";
import { dtypeToDescr, type DType } from "../dtype/dtype.ts";
import { dtypeOfFormat } from "../dtype/format-to-dtype.ts";
import { npyDataLength, type NpyVersion } from "../header/npy-header.ts";
import { planNpyHeader, writeNpyHeaderInto, type NpyHeaderPlan } from "../header/write-npy-header.ts";
import { NpyArray, resolvedDTypeOf } from "./npy-array.ts";

/**
 * Options of {@link saveNpy}.
 *
 * @example
 * ```ts
 * import { saveNpy, type SaveNpyOptions } from "@pybuffer/numpy";
 * const options: SaveNpyOptions = { version: "2.0" };
 * saveNpy(new Uint8Array(3), options)[6]; // 2
 * ```
 *
 * @since 0.1.0
 */
export interface SaveNpyOptions {
  /**
   * The format version; default, as NumPy: the oldest that can hold the header.
   *
   * @since 0.1.0
   */
  readonly version?: NpyVersion;
}

/** What a header and the data copy need to know about a source. */
interface Plan {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly fortranOrder: boolean;
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const SAVE_NPY_OPTIONS: OptionChecks<SaveNpyOptions> = { version: optionChecks.any as OptionCheck<never> };

/**
 * The `.npy` bytes of any exporter, so that `numpy.load` returns the same
 * array: its format becomes NumPy's dtype (`_dtype_from_pep3118`), a
 * top-level sub-array joins the shape, strided, negative-stride and PIL
 * layouts are gathered in one pass, and a Fortran-contiguous source is
 * written in Fortran order as NumPy does. An {@link NpyArray} keeps its own
 * dtype (datetime units, titles).
 *
 * @throws ValueError "Object arrays cannot be saved when allow_pickle=False" for `O` items.
 * @throws BufferError when the exporter refuses a FULL_RO request.
 * @example
 * ```ts
 * import { loadNpy, saveNpy } from "@pybuffer/numpy";
 * import { NDArray, slice } from "@pybuffer/core";
 * const view = new NDArray([1, 2, 3, 4, 5, 6], { shape: [2, 3], format: "<i" }).get([slice(null), slice(null, null, -1)]);
 * const file = saveNpy(view); // np.load(...) gives array([[3, 2, 1], [6, 5, 4]], dtype=int32)
 * loadNpy(file).toList(); // [[3, 2, 1], [6, 5, 4]]
 * ```
 *
 * @since 0.1.0
 */
export function saveNpy(exporter: unknown, options?: SaveNpyOptions): Uint8Array {
  // Without options, readOptions answers at once (an empty object would be walked).
  options = readOptions(options, "saveNpy", SAVE_NPY_OPTIONS);
  const record = getBuffer(exporter, BufferFlags.FULL_RO);
  try {
    const { header, fortranOrder } = npyHeaderFor(exporter, record, options.version);
    // The file allocated once, unzeroed where the host can: the header and
    // the items gathered straight after it (core's word loops) write every byte.
    const out = bytesToOverwrite(header.byteLength + record.len);
    writeNpyHeaderInto(header, out);
    const items = out.subarray(header.byteLength);
    if (record.len > 0) toContiguous(record, fortranOrder ? "F" : "C", items);
    return out;
  } finally {
    releaseBuffer(record);
  }
}

/**
 * The `.npy` header for an exporter's held buffer, planned, and whether its
 * items go in Fortran order (then the buffer is Fortran-contiguous): what
 * {@link saveNpy} and the streaming writer both write first.
 */
export function npyHeaderFor(
  exporter: unknown,
  record: BufferRecord,
  version: NpyVersion | undefined,
): { header: NpyHeaderPlan; fortranOrder: boolean } {
  const plan = planFor(exporter, record);
  npyDataLength(plan); // refuses a size beyond a safe integer, as NumPy's "array is too big"
  return { header: planNpyHeader(dtypeToDescr(plan.dtype), plan.fortranOrder, plan.shape, version), fortranOrder: plan.fortranOrder };
}

function planFor(exporter: unknown, record: BufferRecord): Plan {
  const shape = record.ndim === 0 ? [] : record.shape ?? [record.len / record.itemsize];
  const fortranOrder = record.ndim > 1 && isContiguous(record, "F") && !isContiguous(record, "C");
  if (exporter instanceof NpyArray && record.format === exporter.format && record.itemsize === exporter.itemsize) {
    return { dtype: resolvedDTypeOf(exporter), shape, fortranOrder };
  }
  let dtype = dtypeOfFormat(record.format ?? "B");
  if (dtype.kind === "subarray" && dtype.itemsize === record.itemsize) {
    // NumPy turns an item that is a sub-array into more dimensions.
    return { dtype: dtype.base, shape: [...shape, ...dtype.shape], fortranOrder: false };
  }
  if (dtype.itemsize !== record.itemsize) dtype = resized(dtype, record.itemsize);
  return { dtype, shape, fortranOrder };
}

/**
 * A dtype stretched to the exporter's itemsize: NumPy's formats leave out the
 * padding after a struct's last field, and the consumer's itemsize is the truth.
 */
function resized(dtype: DType, itemsize: number): DType {
  if (dtype.kind === "struct" && itemsize > 0) {
    const end = dtype.fields.reduce((max, f) => Math.max(max, f.offset + f.dtype.itemsize), 0);
    if (end <= itemsize) return { ...dtype, itemsize };
  }
  if (dtype.itemsize < itemsize && dtype.kind !== "struct") {
    return { kind: "struct", fields: [{ name: "f0", offset: 0, dtype }], itemsize };
  }
  throw new ValueError(`itemsize ${itemsize} does not match the ${dtype.itemsize} bytes of its format`);
}
