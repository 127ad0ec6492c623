// @ts-check
/**
 * Conformance adapters over CPython's own exporters, running in Pyodide and
 * reached through `fromPython`: bytes, bytearray, array.array of every
 * typecode `struct` knows, memoryview (of an ndarray, and cast and sliced
 * from a bytearray), mmap, `_testbuffer.ndarray` in every
 * layout (PIL and 0-d included) and ctypes arrays. Every record the suite
 * judges is CPython's answer to the suite's own flags. The root
 * `npm run conformance` runs them with `cpython.baseline.json`;
 * `test/conformance/cpython-conformance.test.ts` runs them in vitest.
 * Pyodide is loaded once per module instance, on the first adapter's setup.
 *
 * @module
 */

import { presetCapabilities } from "@pybuffer/conformance";
import { BufferError } from "@pybuffer/core";
import { fromPython } from "@pybuffer/pyodide";
import { loadPyodideUnderTest } from "./load-pyodide.js";

/** @typedef {import("@pybuffer/conformance").Capabilities} Capabilities */
/** @typedef {import("@pybuffer/conformance").ExporterDescription} ExporterDescription */
/** @typedef {import("@pybuffer/pyodide").PythonExporter} PythonExporter */
/** @typedef {import("@pybuffer/conformance").ConformanceAdapter<PythonExporter>} CPythonAdapter */
/** @typedef {import("pyodide/ffi").PyProxy} PyProxy */

/** The formats the suite may ask of exporters that take any `struct` format (as core's NDArray adapter). */
const ANY_FORMAT = ["B", "b", "c", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "e", "f", "d", "P",
  "@i", "<h", ">i", "=q", "!d", "<d", ">f", "2h", "bi", "<Hq", "3s", "x?"];

/** Python builders, one per exporter kind; each takes the description's fields. */
const BUILDERS = `
import array, ctypes, mmap, struct

def _items(fmt, data):
    return [v[0] if len(v) == 1 else v for v in struct.iter_unpack(fmt, data)]

def make_ndarray(fmt, data, shape, strides, offset, readonly, indirect):
    # Imported here: Pyodide before 314 ships no _testbuffer offline, and
    # the other builders work without it.
    from _testbuffer import ndarray, ND_WRITABLE, ND_PIL
    flags = (0 if readonly else ND_WRITABLE) | (ND_PIL if indirect else 0)
    items = _items(fmt, data.to_bytes())
    if not shape:
        # _testbuffer takes a 0-d array's one item alone (the suite lets it lie anywhere).
        return ndarray(items[offset // struct.calcsize(fmt)], shape=[], format=fmt, flags=flags)
    if 0 in shape:
        # _testbuffer refuses an empty initializer: an empty array gets one
        # unreachable item, and its offset (which no index reaches) 0.
        items, offset = _items(fmt, bytes(struct.calcsize(fmt))), 0
    return ndarray(items, shape=list(shape), strides=list(strides), offset=offset, format=fmt, flags=flags)

def make_memoryview(*args):
    return memoryview(make_ndarray(*args))

def make_cast(fmt, data, shape, strides, offset, readonly):
    # memoryview.cast of a bytearray, then a slice for the strides (1-D only).
    m = memoryview(bytearray(data.to_bytes())).cast(fmt)
    if readonly:
        m = m.toreadonly()
    size, count = struct.calcsize(fmt), shape[0]
    if count == 0:
        return m[0:0]
    start, step = offset // size, strides[0] // size
    stop = start + step * (count - 1) + (1 if step > 0 else -1)
    return m[start:(stop if stop >= 0 else None):step]

def window(data, offset, length):
    return data.to_bytes()[offset:offset + length]

def make_bytes(data, offset, length):
    return bytes(window(data, offset, length))

def make_bytearray(data, offset, length):
    return bytearray(window(data, offset, length))

def make_array(typecode, data, offset, length):
    return array.array(typecode, window(data, offset, length))

def make_mmap(data, offset, length):
    m = mmap.mmap(-1, length)
    m[:] = window(data, offset, length)
    return m

_CTYPES = {"<l": ctypes.c_long, "<d": ctypes.c_double, "<B": ctypes.c_uint8, "<h": ctypes.c_int16}

def make_ctypes(fmt, data, offset, length, count):
    return (_CTYPES[fmt] * count).from_buffer_copy(window(data, offset, length))
`;

/** @typedef {{ pyodide: import("pyodide").PyodideAPI, builders: Map<string, (...args: unknown[]) => PyProxy> }} Interpreter */

/** @type {Promise<Interpreter> | undefined} */
let loading;
/** @type {Interpreter | undefined} */
let loaded;

/** Loads Pyodide and defines the builders, once for every adapter of the module. */
async function setup() {
  loaded = await (loading ??= loadPyodideUnderTest().then((pyodide) => {
    const namespace = /** @type {PyProxy & { get(key: string): unknown }} */ (pyodide.runPython("{}"));
    pyodide.runPython(BUILDERS, { globals: namespace });
    /** @type {Interpreter["builders"]} */
    const builders = new Map();
    for (const name of ["make_ndarray", "make_memoryview", "make_cast", "make_bytes", "make_bytearray", "make_array", "make_mmap", "make_ctypes"]) {
      builders.set(name, /** @type {(...args: unknown[]) => PyProxy} */ (namespace.get(name)));
    }
    namespace.destroy();
    return { pyodide, builders };
  }));
}

/**
 * A fresh Python object from builder `name`, as an exporter (the builder's own proxy is dropped).
 *
 * @param {string} name @param {unknown[]} args @returns {PythonExporter}
 */
function build(name, ...args) {
  const make = loaded?.builders.get(name);
  if (loaded === undefined || make === undefined) throw new Error("the adapter's setup() has not run");
  const object = make(...args);
  try {
    return fromPython(loaded.pyodide, object);
  } finally {
    object.destroy();
  }
}

/**
 * The description's items as one C-ordered run: the bytes a 1-D C exporter holds.
 *
 * @param {ExporterDescription} d @returns {[Uint8Array, number, number]}
 */
function run(d) {
  return [d.bytes, d.offset, d.shape.reduce((n, extent) => n * extent, d.itemsize)];
}

/**
 * Calls `operation` on the Python object; Python's BufferError becomes core's (the suite's refusal).
 *
 * @param {PythonExporter} exporter @param {string} operation
 */
function refusedWhileExported(exporter, operation) {
  try {
    const object = /** @type {Record<string, ((value: number) => void) | undefined>} */ (/** @type {unknown} */ (exporter.object));
    if (typeof object[operation] !== "function") throw new TypeError(`the Python object has no method ${operation}`);
    object[operation](0);
  } catch (error) {
    if (/** @type {{ type?: unknown }} */ (error).type === "BufferError") {
      const last = /** @type {Error} */ (error).message.trimEnd().split("\n").at(-1) ?? "";
      throw new BufferError(last.replace(/^BufferError: /, ""));
    }
    throw error;
  }
}

/** @param {Partial<Capabilities>} overrides @returns {Capabilities} */
function oneDimensional(overrides) {
  return presetCapabilities("bytes-like", { readonly: false, countsExports: true, abi: "wasm32", ...overrides });
}

/** @param {PythonExporter} exporter */
const exportCount = (exporter) => exporter.exports;

/** struct's format for each array.array typecode (the 'u' and 'w' typecodes have no struct code). */
const ARRAY_TYPECODES = ["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "f", "d"];

/** What `_testbuffer.ndarray`, and a memoryview of one, can be: any format, layout and ndim, PIL included. */
/** @type {Capabilities} */
const ANY_LAYOUT = {
  formats: ANY_FORMAT,
  minNdim: 0,
  maxNdim: 64,
  layouts: ["C", "F", "strided", "negative", "zero"],
  suboffsets: true,
  readonly: true,
  writable: true,
  formatWithoutShape: "refuse",
  countsExports: true,
  resizable: false,
  redirect: false,
  abi: "wasm32",
};

/** An adapter over Python builder `builder`, which takes the whole description. */
/** @param {string} name @param {string} builder @returns {CPythonAdapter} */
function shapedAdapter(name, builder) {
  return {
    name,
    capabilities: ANY_LAYOUT,
    setup,
    create: (d) => build(builder, d.format, d.bytes, d.shape, d.strides, d.offset, d.readonly, d.indirect),
    exportCount,
  };
}

/** The adapters, one per CPython exporter kind. @type {CPythonAdapter[]} */
const adapters = [
  shapedAdapter("cpython-_testbuffer.ndarray", "make_ndarray"),
  shapedAdapter("cpython-memoryview", "make_memoryview"),
  {
    name: "cpython-memoryview-cast-slice",
    capabilities: oneDimensional({
      // memoryview.cast takes native single-character formats (optionally after '@').
      formats: ["B", "b", "c", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "e", "f", "d", "P", "@i"],
      layouts: ["C", "strided", "negative"],
      readonly: true,
      formatWithoutShape: "refuse",
    }),
    setup,
    create: (d) => build("make_cast", d.format, d.bytes, d.shape, d.strides, d.offset, d.readonly),
    exportCount,
  },
  {
    name: "cpython-bytes",
    capabilities: oneDimensional({ readonly: true, writable: false }),
    setup,
    create: (d) => build("make_bytes", ...run(d)),
    exportCount,
  },
  {
    name: "cpython-bytearray",
    capabilities: oneDimensional({ resizable: true }),
    setup,
    create: (d) => build("make_bytearray", ...run(d)),
    exportCount,
    resize: (exporter) => refusedWhileExported(exporter, "append"),
  },
  ...ARRAY_TYPECODES.map(
    /** @returns {CPythonAdapter} */ (typecode) => ({
      name: `cpython-array.array-${typecode}`,
      capabilities: oneDimensional({ formats: [typecode], resizable: true }),
      setup,
      create: (d) => build("make_array", typecode, ...run(d)),
      exportCount,
      resize: (exporter) => refusedWhileExported(exporter, "append"),
    }),
  ),
  {
    name: "cpython-mmap",
    capabilities: oneDimensional({}),
    setup,
    create: (d) => build("make_mmap", ...run(d)),
    exportCount,
  },
  {
    name: "cpython-ctypes-array",
    capabilities: oneDimensional({ formats: ["<l", "<d", "<B", "<h"] }),
    setup,
    create: (d) => build("make_ctypes", d.format, ...run(d), d.shape[0]),
    exportCount,
  },
];

export default adapters;
