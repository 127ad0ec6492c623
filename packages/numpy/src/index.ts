/**
 * `@pybuffer/numpy`: NumPy's `.npy` and `.npz` files, and its dtypes as PEP
 * 3118 formats, for JavaScript and TypeScript.
 *
 * @module
 */

export { type Descr, type DescrField } from "./dtype/dtype.ts";
export { dtypeToFormat, type DtypeToFormatOptions } from "./dtype/dtype-to-format.ts";
export { formatToDtype } from "./dtype/format-to-dtype.ts";
export { type NpyVersion } from "./header/npy-header.ts";
export { NpyArray } from "./npy/npy-array.ts";
export { loadNpy, type LoadNpyOptions } from "./npy/load-npy.ts";
export { saveNpy, type SaveNpyOptions } from "./npy/save-npy.ts";
export { loadNpz, saveNpz, type LoadNpzOptions, type SaveNpzOptions } from "./npz/npz.ts";
