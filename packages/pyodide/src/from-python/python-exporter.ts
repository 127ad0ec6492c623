/**
 * `PythonExporter`: a Python object in Pyodide as a JavaScript exporter.
 * Each request goes to CPython's own `bf_getbuffer` through
 * `PyObject_GetBuffer` (Objects/abstract.c) with the request's flags, so
 * CPython's decision procedure and messages answer; where the C API is not
 * reachable, `PyProxy.getBuffer()` takes a `PyBUF_RECORDS_RO` buffer and
 * core's `serveRequest` answers the flags from it.
 *
 * @module
 */

import {
  getBufferSymbol,
  isContiguous,
  MemoryError,
  PyTypeError,
  releaseBufferSymbol,
  serveRequest,
  ValueError,
  type BufferExporter,
  type BufferRecord,
  type RequestMessages,
} from "@pybuffer/core";
import { growableBlockOf } from "@pybuffer/core/internal";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { interpreterArgument, option, optionsArgument, proxyArgument, requestFlags, shown } from "../internal/arguments.ts";
import { cApiOf, type CApi } from "../internal/c-api.ts";
import { ExportTracker } from "../internal/export-tracker.ts";
import { PY_BUFFER_SIZE, readPyBuffer } from "../internal/py-buffer.ts";
import { raisedError } from "../internal/raised.ts";

/**
 * How a {@link PythonExporter} answers requests: `"c-api"` through
 * `PyObject_GetBuffer` with the request's own flags, `"getBuffer"` through
 * `PyProxy.getBuffer()` (one `PyBUF_RECORDS_RO` request) and core's
 * decision procedure.
 *
 * @example
 * ```ts
 * import type { ExportPath } from "@pybuffer/pyodide";
 * const path: ExportPath = "c-api";
 * ```
 *
 * @since 0.1.0
 */
export type ExportPath = "c-api" | "getBuffer";

/**
 * Options of {@link fromPython}.
 *
 * @example
 * ```ts
 * import type { FromPythonOptions } from "@pybuffer/pyodide";
 * const options: FromPythonOptions = { path: "getBuffer" };
 * ```
 *
 * @since 0.1.0
 */
export interface FromPythonOptions {
  /**
   * Which path to take; default `"auto"`: the C API when reachable. `"c-api"` throws when it is not.
   *
   * @since 0.1.0
   */
  readonly path?: ExportPath | "auto";
}

/** The messages of the fallback path, where CPython's own are out of reach (PyBuffer_FillInfo's for writing). */
const FALLBACK_MESSAGES: RequestMessages = {
  notWritable: "Object is not writable.",
  notCContiguous: "the Python object's buffer is not C-contiguous",
  notFortranContiguous: "the Python object's buffer is not Fortran contiguous",
  notContiguous: "the Python object's buffer is not contiguous",
  needsSuboffsets: "the Python object's buffer requires suboffsets",
  formatWithoutShape: "the Python object's buffer: FORMAT requested without ND",
};

/** `PyProxy.getBuffer("u8")`'s answer, as far as it is used (offset and strides in bytes). */
interface ProxyBufferView {
  readonly data: Uint8Array;
  readonly offset: number;
  readonly readonly: boolean | number;
  readonly format: string;
  readonly itemsize: number;
  readonly ndim: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  release(): void;
}

/** Whether `value` is a {@link PythonExporter} (set by its static block); never throws. */
export let isPythonExporter: (value: unknown) => value is PythonExporter;

/** The module's way to make a {@link PythonExporter} (set by its static block), and the token it passes. */
const CONSTRUCTION_TOKEN = Symbol("PythonExporter construction");
let createExporter: (pyodide: PyodideAPI, object: PyProxy | number, api: CApi | null, fallbackReason: string | null) => PythonExporter;

/** Drops the reference a collected C API exporter held to its object. */
const objectReferences = new FinalizationRegistry<{ readonly api: CApi; readonly pointer: number }>(({ api, pointer }) => api._Py_DecRef(pointer));

/**
 * A Python object that supports the buffer protocol, as an exporter: every
 * JavaScript export holds one CPython export (so `bytearray.append` raises
 * `BufferError` meanwhile), given back on release or when the record is
 * garbage-collected. Records use the `wasm32` ABI and the interpreter's
 * `WebAssembly.Memory`, so held views survive the heap's growth. Made only
 * by {@link fromPython}: `new PythonExporter()` throws `PyTypeError`.
 *
 * @example
 * ```ts
 * import { loadPyodide } from "pyodide";
 * import { memoryview } from "@pybuffer/core";
 * import { fromPython } from "@pybuffer/pyodide";
 * const pyodide = await loadPyodide();
 * const array = pyodide.runPython("import array; array.array('d', [1.5, 2.5])");
 * const exporter = fromPython(pyodide, array);
 * exporter.path;                       // "c-api"
 * const m = memoryview(exporter);
 * [m.format, m.toList()];              // ["d", [1.5, 2.5]]
 * m.release();
 * ```
 *
 * @since 0.1.0
 */
export class PythonExporter implements BufferExporter {
  readonly #pyodide: PyodideAPI;
  readonly #api: CApi | null;
  /** The object's address on the C API path (this exporter holds a reference to it), else 0. */
  readonly #pointer: number;
  /** The object's proxy: made on first use on the C API path (a proxy per exporter cost each fromPython a Pyodide registration). */
  #object: PyProxy | undefined;
  /** Held exports: a `Py_buffer` address on the C API path, Pyodide's `PyBuffer` on the other. */
  readonly #exports: ExportTracker<number> | ExportTracker<ProxyBufferView>;
  /**
   * The path every request takes.
   *
   * @since 0.1.0
   */
  readonly path: ExportPath;
  /**
   * Why the C API is not used, when {@link path} is `"getBuffer"`; `null` otherwise.
   *
   * @since 0.1.0
   */
  readonly fallbackReason: string | null;

  // Only fromPython constructs (it checks the proxy and finds the C API): the
  // constructor is private to TypeScript, and at run time it wants a token
  // only this module's factory (set in the static block) has.
  private constructor(token: unknown, pyodide: PyodideAPI, object: PyProxy | number, api: CApi | null, fallbackReason: string | null) {
    // CPython's message for calling a type without tp_new (Objects/typeobject.c, type_call).
    if (token !== CONSTRUCTION_TOKEN) throw new PyTypeError("cannot create 'PythonExporter' instances");
    this.#pyodide = pyodide;
    this.#pointer = typeof object === "number" ? object : 0;
    this.#object = typeof object === "number" ? undefined : object;
    this.#api = api;
    this.#exports =
      api === null
        ? new ExportTracker<ProxyBufferView>((view) => view.release())
        : new ExportTracker<number>((view) => {
            api._PyBuffer_Release(view);
            api._free(view);
          });
    this.path = api === null ? "getBuffer" : "c-api";
    this.fallbackReason = fallbackReason;
  }

  static {
    createExporter = (pyodide, object, api, fallbackReason) => new PythonExporter(CONSTRUCTION_TOKEN, pyodide, object, api, fallbackReason);
    // A brand check: `#field in value` runs no trap of a Proxy, unlike instanceof.
    isPythonExporter = (value): value is PythonExporter => typeof value === "object" && value !== null && #pointer in value;
  }

  /**
   * The Python object (a proxy this exporter owns; do not destroy it).
   *
   * @since 0.1.0
   */
  get object(): PyProxy {
    return (this.#object ??= this.#api!.pyproxy_new(this.#pointer));
  }

  /**
   * CPython exports held: taken by JavaScript and not yet released or collected.
   *
   * @since 0.1.0
   */
  get exports(): number {
    return this.#exports.count;
  }

  /**
   * `bf_getbuffer`: one `PyObject_GetBuffer(obj, view, flags)` (or the fallback), as a record.
   *
   * @since 0.1.0
   */
  [getBufferSymbol](flags: number): BufferRecord {
    const checked = requestFlags(flags);
    return this.#api === null ? this.#fromProxyBuffer(checked) : this.#fromCApi(this.#api, checked);
  }

  /**
   * `bf_releasebuffer`: `PyBuffer_Release` of the export behind `view` (anything else is not this exporter's: ignored).
   *
   * @since 0.1.0
   */
  [releaseBufferSymbol](view: BufferRecord): void {
    const internal = recordInternal(view);
    if (this.#exports.owns(internal)) internal.release();
  }

  #fromCApi(api: CApi, flags: number): BufferRecord {
    const view = api._malloc(PY_BUFFER_SIZE);
    if (view === 0) throw new MemoryError("cannot allocate a Py_buffer in the Pyodide heap");
    if (api._PyObject_GetBuffer(this.#pointer, view, flags) !== 0) {
      api._free(view);
      throw raisedError(this.#pyodide, api);
    }
    // Read after the call: CPython may have grown the heap.
    const fields = readPyBuffer(new DataView(api.memory.buffer), view);
    const internal = (this.#exports as ExportTracker<number>).track(view);
    return { obj: this, memory: growableBlockOf(api.memory), ...fields, internal, abi: "wasm32" };
  }

  #fromProxyBuffer(flags: number): BufferRecord {
    const proxy = this.object as unknown as { getBuffer(type: string): ProxyBufferView };
    let view: ProxyBufferView;
    try {
      view = proxy.getBuffer("u8");
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      throw type === "TypeError" || type === undefined
        ? new PyTypeError((error as Error).message)
        : new ValueError((error as Error).message);
    }
    const api = cApiOf(this.#pyodide);
    const heap = view.data.buffer as ArrayBuffer;
    const memory = typeof api !== "string" && heap === api.memory.buffer ? growableBlockOf(api.memory) : heap;
    const ndim = view.ndim;
    const shape = ndim === 0 ? [] : [...view.shape];
    const strides = ndim === 0 ? [] : [...view.strides];
    const len = shape.reduce((n, extent) => n * extent, view.itemsize);
    const base: BufferRecord = {
      obj: this,
      memory,
      buf: view.data.byteOffset + view.offset,
      len,
      itemsize: view.itemsize,
      readonly: Boolean(view.readonly),
      format: view.format,
      ndim,
      shape: ndim === 0 ? null : shape,
      strides: ndim === 0 ? null : strides,
      suboffsets: null,
      internal: null,
      abi: "wasm32",
    };
    const layout = { ...base, shape, strides };
    let record: BufferRecord;
    try {
      record = serveRequest(
        base,
        flags,
        this,
        { cContiguous: isContiguous(layout, "C"), fortranContiguous: isContiguous(layout, "F") },
        FALLBACK_MESSAGES,
      );
    } catch (error) {
      view.release();
      throw error;
    }
    return { ...record, internal: (this.#exports as ExportTracker<ProxyBufferView>).track(view) };
  }
}

/** A record's `internal`, or undefined for what is no record (looking at it may throw: a revoked Proxy). */
function recordInternal(view: unknown): unknown {
  if (typeof view !== "object" || view === null) return undefined;
  try {
    return (view as BufferRecord).internal;
  } catch {
    return undefined;
  }
}

/**
 * An exporter for the Python object behind `proxy`, which must support the
 * buffer protocol. The exporter keeps its own reference to the object.
 *
 * @throws PyTypeError "a bytes-like object is required, not 'X'" (CPython's
 * message) when the object does not support the buffer protocol, or when
 * `pyodide` is not an interpreter or `proxy` not a PyProxy.
 * @throws ValueError when `proxy` has been destroyed, for an unknown `path`,
 * or when `path: "c-api"` is asked for and the C API is not reachable (the reason is given).
 * @example
 * ```ts
 * import { loadPyodide } from "pyodide";
 * import { getBuffer, releaseBuffer, BufferFlags } from "@pybuffer/core";
 * import { fromPython } from "@pybuffer/pyodide";
 * const pyodide = await loadPyodide();
 * const data = fromPython(pyodide, pyodide.runPython("bytearray(b'abc')"));
 * const record = getBuffer(data, BufferFlags.WRITABLE);  // CPython's bytearray_getbuffer answers
 * releaseBuffer(record);
 * ```
 *
 * @since 0.1.0
 */
export function fromPython(pyodide: PyodideAPI, proxy: PyProxy, options: FromPythonOptions = {}): PythonExporter {
  pyodide = interpreterArgument(pyodide, "fromPython");
  const path = option(optionsArgument(options, "fromPython"), "path", "fromPython") ?? "auto";
  if (path !== "auto" && path !== "c-api" && path !== "getBuffer") {
    throw new ValueError(`fromPython: path must be "auto", "c-api" or "getBuffer", not ${shown(path)}`);
  }
  proxy = proxyArgument(pyodide, proxy, "fromPython");
  const found = cApiOf(pyodide);
  const api = path === "getBuffer" || typeof found === "string" ? null : found;
  if (path === "c-api" && api === null) throw new ValueError(`fromPython: the C API is not reachable: ${String(found)}`);
  if (api !== null && api._PyObject_CheckBuffer(api.PyProxy_getPtr(proxy)) === 0) {
    throw new PyTypeError(`a bytes-like object is required, not '${proxy.type}'`);
  }
  if (api === null) return createExporter(pyodide, proxy.copy(), null, path === "getBuffer" ? "asked for" : String(found));
  // Its own reference to the object, by address (no proxy): the caller may destroy `proxy`.
  const pointer = api.PyProxy_getPtr(proxy);
  api._Py_IncRef(pointer);
  const exporter = createExporter(pyodide, pointer, api, null);
  objectReferences.register(exporter, { api, pointer });
  return exporter;
}
