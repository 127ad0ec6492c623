/**
 * Conformance adapters over CPython's own exporters, running in Pyodide and
 * reached through `fromPython`: bytes, bytearray, array.array of every
 * typecode `struct` knows, memoryview (of an ndarray, and cast and sliced
 * from a bytearray), mmap, `_testbuffer.ndarray` in every
 * layout (PIL and 0-d included) and ctypes arrays. Every record the suite
 * judges is CPython's answer to the suite's own flags.
 */
import { BufferError } from "@pybuffer/core";
import type { Capabilities, ConformanceAdapter, ExporterDescription } from "@pybuffer/conformance";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { fromPython, type PythonExporter } from "../../src/index.ts";
import { interpreter } from "../helpers/pyodide.ts";

/** The formats the suite may ask of exporters that take any `struct` format (as core's NDArray adapter). */
const ANY_FORMAT = ["B", "b", "c", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "e", "f", "d", "P",
  "@i", "<h", ">i", "=q", "!d", "<d", ">f", "2h", "bi", "<Hq", "3s", "x?"];

/** Python builders, one per exporter kind; each takes the description's fields. */
const BUILDERS = `
import array, ctypes, mmap, struct
from _testbuffer import ndarray, ND_WRITABLE, ND_PIL

def _items(fmt, data):
    return [v[0] if len(v) == 1 else v for v in struct.iter_unpack(fmt, data)]

def make_ndarray(fmt, data, shape, strides, offset, readonly, indirect):
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

let pyodide: PyodideAPI | undefined;
let builders: Map<string, (...args: unknown[]) => PyProxy> | undefined;

async function setup(): Promise<void> {
  pyodide ??= await interpreter();
  if (builders !== undefined) return;
  const namespace = pyodide.runPython("{}") as PyProxy & { get(key: string): unknown };
  pyodide.runPython(BUILDERS, { globals: namespace });
  builders = new Map();
  for (const name of ["make_ndarray", "make_memoryview", "make_cast", "make_bytes", "make_bytearray", "make_array", "make_mmap", "make_ctypes"]) {
    builders.set(name, namespace.get(name) as (...args: unknown[]) => PyProxy);
  }
}

/** A fresh Python object from builder `name`, as an exporter (the builder's own proxy is dropped). */
function build(name: string, ...args: unknown[]): PythonExporter {
  const make = builders?.get(name);
  if (pyodide === undefined || make === undefined) throw new Error("the adapter's setup() has not run");
  const object = make(...args);
  try {
    return fromPython(pyodide, object);
  } finally {
    object.destroy();
  }
}

/** The description's items as one C-ordered run: the bytes a 1-D C exporter holds. */
function run(d: ExporterDescription): [Uint8Array, number, number] {
  return [d.bytes, d.offset, d.shape.reduce((n, extent) => n * extent, d.itemsize)];
}

/** Calls `operation` on the Python object; Python's BufferError becomes core's (the suite's refusal). */
function refusedWhileExported(exporter: PythonExporter, operation: string): void {
  try {
    (exporter.object as unknown as Record<string, (value: number) => void>)[operation]!(0);
  } catch (error) {
    if ((error as { type?: unknown }).type === "BufferError") {
      throw new BufferError((error as Error).message.trimEnd().split("\n").at(-1)!.replace(/^BufferError: /, ""));
    }
    throw error;
  }
}

function oneDimensional(overrides: Partial<Capabilities>): Capabilities {
  return {
    formats: ["B"],
    minNdim: 1,
    maxNdim: 1,
    layouts: ["C"],
    suboffsets: false,
    readonly: false,
    writable: true,
    formatWithoutShape: "serve",
    countsExports: true,
    resizable: false,
    redirect: false,
    abi: "wasm32",
    ...overrides,
  };
}

const exportCount = (exporter: PythonExporter): number => exporter.exports;

/** struct's format for each array.array typecode (the 'u' and 'w' typecodes have no struct code). */
const ARRAY_TYPECODES = ["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "f", "d"];

/** What `_testbuffer.ndarray`, and a memoryview of one, can be: any format, layout and ndim, PIL included. */
const ANY_LAYOUT: Capabilities = {
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
function shapedAdapter(name: string, builder: string): ConformanceAdapter<PythonExporter> {
  return {
    name,
    capabilities: ANY_LAYOUT,
    setup,
    create: (d) => build(builder, d.format, d.bytes, d.shape, d.strides, d.offset, d.readonly, d.indirect),
    exportCount,
  };
}

/** The adapters, one per CPython exporter kind. */
export const cpythonAdapters: ConformanceAdapter<PythonExporter>[] = [
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
    (typecode): ConformanceAdapter<PythonExporter> => ({
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
