/**
 * `@pybuffer/numpy/node`: `.npy` files written to and read from paths, file
 * descriptors and streams, a chunk at a time, on `@pybuffer/node-adapter`'s
 * I/O. Node.js only; the main entry stays free of Node's modules.
 *
 * @module
 */

export { saveNpyFile, type SaveNpyFileOptions } from "./save-npy-file.ts";
export { loadNpyFile, type LoadNpyFileOptions } from "./load-npy-file.ts";
