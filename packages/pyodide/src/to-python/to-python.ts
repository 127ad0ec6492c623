/**
 * `toPython`: any exporter as a Python object with PEP 688's `__buffer__`
 * and `__release_buffer__`, so `memoryview(x)`, `bytes(x)` and NumPy take
 * it. Each Python request goes to the exporter with Python's flags; memory
 * in the Pyodide heap is shared as it lies, other memory is copied into the
 * heap as the copy policy allows.
 *
 * @module
 */

import {
  BufferError,
  calcsize,
  fillContiguousStrides,
  fromContiguous,
  getBuffer,
  isAbiName,
  isPythonError,
  MemoryError,
  releaseBuffer,
  toContiguous,
  ValueError,
  type AbiName,
  type BufferRecord,
} from "@pybuffer/core";
import { hasReleaseMethod, pythonTypeName } from "@pybuffer/core/internal";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { interpreterArgument, option, optionsArgument, shown } from "../internal/arguments.ts";
import { isPythonExporter } from "../from-python/python-exporter.ts";
import { cApiOf, type CApi } from "../internal/c-api.ts";
import { pythonHelpers } from "../internal/python-helpers.ts";
import { heapView } from "./heap-view.ts";

/**
 * When {@link toPython} copies: `"never"` (memory outside the Pyodide heap is
 * a `BufferError`), `"if-needed"` (only memory outside the heap, copied in
 * when Python takes the buffer and back when Python releases it), `"always"`.
 *
 * @example
 * ```ts
 * import type { CopyPolicy } from "@pybuffer/pyodide";
 * const policy: CopyPolicy = "if-needed";
 * ```
 *
 * @since 0.1.0
 */
export type CopyPolicy = "never" | "if-needed" | "always";

/**
 * Options of {@link toPython}.
 *
 * @example
 * ```ts
 * import type { ToPythonOptions } from "@pybuffer/pyodide";
 * const options: ToPythonOptions = { copy: "never" };
 * ```
 *
 * @since 0.1.0
 */
export interface ToPythonOptions {
  /**
   * Default `"if-needed"`.
   *
   * @since 0.1.0
   */
  readonly copy?: CopyPolicy;
  /**
   * The ABI of records that name none; default `wasm32`, Pyodide's.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

/** One Python export: the JavaScript record behind it and the memoryview made of it. */
interface PythonExport {
  readonly record: BufferRecord;
  /** The memoryview's address: a new reference, handed to Python. */
  readonly view: number;
  /** The heap copy, or 0 when the memoryview shows the exporter's own memory. */
  readonly copy: number;
}

/**
 * `exporter` as a Python buffer object (a `JsBuffer`): every Python request
 * (`memoryview(x)`, `bytes(x)`, NumPy) is one request to `exporter` with
 * Python's flags, released when Python releases its buffer. A view held in
 * Python keeps the JavaScript export alive.
 *
 * Memory in the Pyodide heap (a `fromPython` exporter's, an `allocate`d
 * one's) is shared with its exact format, shape and strides; a
 * `fromPython` exporter is handed on (a Python `HeapBuffer` whose requests
 * are the object's own `__buffer__`, no JavaScript per export). Other memory
 * follows `copy`: copied into the heap in C order (one pass) when Python
 * takes the buffer, and, when the exporter is writable, back into it (one
 * pass) when Python releases it; in between, the two sides do not see each
 * other's writes.
 *
 * @throws ValueError for an unknown copy policy or ABI, a Pyodide before 0.26, or when the C API is not reachable.
 * @throws PyTypeError when `pyodide` is not an interpreter or `options` not an object.
 * @example
 * ```ts
 * import { loadPyodide } from "pyodide";
 * import { toPython } from "@pybuffer/pyodide";
 * const pyodide = await loadPyodide();
 * const data = toPython(pyodide, new Float64Array([1.5, 2.5]));
 * pyodide.globals.set("data", data);
 * pyodide.runPython("memoryview(data).tolist()").toJs(); // [1.5, 2.5]
 * ```
 *
 * @since 0.1.0
 */
export function toPython(pyodide: PyodideAPI, exporter: unknown, options: ToPythonOptions = {}): PyProxy {
  pyodide = interpreterArgument(pyodide, "toPython");
  const bag = optionsArgument(options, "toPython");
  const policy = option(bag, "copy", "toPython") ?? "if-needed";
  if (policy !== "never" && policy !== "if-needed" && policy !== "always") {
    throw new ValueError(`toPython: copy must be "never", "if-needed" or "always", not ${shown(policy)}`);
  }
  const abi = option(bag, "abi", "toPython") ?? "wasm32";
  if (!isAbiName(abi)) throw new ValueError(`toPython: abi must be "lp64", "ilp32", "wasm32" or "llp64", not ${shown(abi)}`);
  const api = cApiOf(pyodide);
  if (typeof api === "string") throw new ValueError(`toPython: the C API is not reachable: ${api}`);
  const helpers = pythonHelpers(pyodide);
  // A fromPython exporter's requests are its object's own bf_getbuffer: Python
  // can ask the object itself, with no JavaScript on the way.
  if (policy !== "always" && isPythonExporter(exporter) && exporter.path === "c-api") {
    const handedOn = helpers.heapBuffer(exporter.object);
    if (handedOn !== undefined) return handedOn;
  }
  const taken = api.PyProxy_getPtr(helpers.taken);
  /**
   * The exports Python holds whose release needs JavaScript, by the address
   * of the memoryview each was given as (Python keeps the same addresses).
   */
  const held = new Map<number, PythonExport>();

  // Python raises what the release raised (a Python caller of
  // __release_buffer__ sees it; CPython's slot_bf_releasebuffer reports it as
  // unraisable), never a bare JavaScript error.
  const release = (address: number): unknown => {
    const made = held.get(address);
    if (made === undefined) return undefined;
    held.delete(address);
    try {
      giveBack(made);
    } catch (error) {
      return raisedByRelease(error, exporter);
    }
    return undefined;
  };
  const giveBack = (made: PythonExport): void => {
    try {
      if (made.copy !== 0 && !made.record.readonly) {
        fromContiguous(made.record, new Uint8Array(api.memory.buffer, made.copy, made.record.len), "C", { abi });
      }
    } finally {
      releaseBuffer(made.record);
      if (made.copy !== 0) api._free(made.copy);
    }
  };
  // One crossing per export and no proxy: the memoryview goes to Python
  // through the `taken` slot. Its release crosses back (with the view's
  // address, CPython's id()) only when there is something to do: a copy to
  // write back and free, or an exporter's release method to call.
  const get = (flags: number): unknown => {
    let made: PythonExport;
    try {
      made = exportToPython(pyodide, api, exporter, flags, abi, policy);
    } catch (error) {
      // Python raises the same exception; anything else is a bug to see as is.
      if (isPythonError(error)) return [error.pythonType, error.message];
      throw error;
    }
    const address = made.view;
    // PyBuffer_Release has nothing to do for an owner without a release method
    // (a type without bf_releasebuffer, Objects/abstract.c) but forget the record.
    const needsRelease = made.copy !== 0 || hasReleaseMethod(made.record.obj);
    // An export still held at this address belongs to a memoryview that died
    // without __release_buffer__ (a caller of __buffer__ that broke PEP 688's
    // rule): the new view lives there now, so the old export can go.
    const stale = held.get(address);
    if (needsRelease) held.set(address, made);
    else if (stale !== undefined) held.delete(address);
    api._PyList_SetItem(taken, 0, address);
    if (stale !== undefined) {
      try {
        giveBack(stale);
      } catch {
        // The view it was for is gone, and the request it would fail succeeded:
        // as an exception in a dead object's release, it has nowhere to go.
      }
    }
    return needsRelease;
  };
  return helpers.JsBuffer(get, release);
}

function exportToPython(
  pyodide: PyodideAPI,
  api: CApi,
  exporter: unknown,
  flags: number,
  abi: AbiName,
  policy: CopyPolicy,
): PythonExport {
  const record = getBuffer(exporter, flags, { abi });
  try {
    assertPythonItemsize(record, abi);
    const inHeap = record.memory === api.memory.buffer;
    if (inHeap && policy !== "always") return { record, view: heapView(pyodide, api, record), copy: 0 };
    if (policy === "never") {
      throw new BufferError("toPython: the buffer's memory is outside the Pyodide heap and the copy policy is 'never'");
    }
    return copiedIn(pyodide, api, record, abi);
  } catch (error) {
    releaseBuffer(record);
    throw error;
  }
}

/** The record's items copied into the heap in C order, as a C-contiguous memoryview. */
function copiedIn(pyodide: PyodideAPI, api: CApi, record: BufferRecord, abi: AbiName): PythonExport {
  const copy = api._malloc(Math.max(record.len, 1));
  if (copy === 0) throw new MemoryError(`toPython: cannot allocate ${record.len} bytes in the Pyodide heap`);
  try {
    toContiguous(record, "C", new Uint8Array(api.memory.buffer, copy, record.len), { abi });
    const strides = record.strides === null || record.shape === null ? null : fillContiguousStrides(record.shape, record.itemsize, "C");
    const view = heapView(pyodide, api, { ...record, buf: copy, strides, suboffsets: null });
    return { record, view, copy };
  } catch (error) {
    api._free(copy);
    throw error;
  }
}

/**
 * `[exception name, message]` for Python of an error releasing an export of `exporter`: a
 * Python error as it is, a bare JavaScript error (a release method's bug)
 * as a BufferError naming it, as core's `getBuffer` names one from a
 * get-buffer method.
 */
function raisedByRelease(error: unknown, exporter: unknown): [string, string] {
  if (isPythonError(error)) return [error.pythonType, error.message];
  let described = pythonTypeName(error);
  try {
    if (error instanceof Error) described = `${String(error.name)}: ${String(error.message)}`;
  } catch {
    // An error whose name or message getter throws is named by its type alone.
  }
  return ["BufferError", `${pythonTypeName(exporter)}'s release method raised ${described}`];
}

/**
 * A record whose native-size format was sized for another ABI (an `'l'` of
 * 8 bytes) would be misread by Python's struct rules on wasm32: refused.
 */
function assertPythonItemsize(record: BufferRecord, abi: AbiName): void {
  if (record.format === null || (record.abi ?? abi) === "wasm32") return;
  let size: number;
  try {
    size = calcsize(record.format, { abi: "wasm32" });
  } catch {
    return; // a format struct cannot parse: Python treats it as opaque bytes too
  }
  if (size !== record.itemsize) {
    throw new BufferError(
      `toPython: format '${record.format}' has itemsize ${record.itemsize} under the ${record.abi ?? abi} ABI but ${size} in Pyodide (wasm32)`,
    );
  }
}
