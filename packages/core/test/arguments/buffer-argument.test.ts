/**
 * The argument helpers after PyArg_ParseTuple's buffer codes: `bytesArgument`
 * (y*), `textOrBytesArgument` (s*), `optionalTextOrBytesArgument` (z*) and
 * `writableBytesArgument` (w*). What each accepts and the messages of what it
 * refuses were checked against CPython 3.13's `_testcapi.getargs_y_star`,
 * `getargs_s_star`, `getargs_z_star` and `getargs_w_star` (3.14 in Pyodide
 * agrees), and the unnamed w* messages against `PyArg_Parse` and
 * `PyArg_ParseTuple` through ctypes. The window, `readonly`, release and
 * memory-gone behaviour is this library's.
 */
import { describe, expect, it } from "vitest";
import {
  BufferArgument,
  bytesArgument,
  memoryview,
  NDArray,
  NDArrayFlags,
  optionalTextOrBytesArgument,
  slice,
  textOrBytesArgument,
  writableBytesArgument,
} from "../../src/index.ts";
import { heldBufferArgument } from "../../src/internal.ts";
import { b, bytearray, bytes, py, thrown } from "../memoryview/helpers.ts";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const held = (arg: BufferArgument | null) => (arg === null ? null : [...arg.bytes]);
const required = (name: string) => py("TypeError", `a bytes-like object is required, not '${name}'`);

/** The helpers that read (y*, s*, z*), for what they share. */
const READERS = [
  ["y* (bytesArgument)", bytesArgument],
  ["s* (textOrBytesArgument)", textOrBytesArgument],
  ["z* (optionalTextOrBytesArgument)", optionalTextOrBytesArgument],
] as const;

describe.each(READERS)("%s", (_, read) => {
  it("takes any contiguous exporter, read-only or not", () => {
    // getargs_y_star(b"abc"), (bytearray(b"abc")), (memoryview(b"abc")), (array('i', [1, 2])), (b"")
    expect(held(read(bytes("abc")))).toEqual([97, 98, 99]);
    expect(held(read(bytearray("abc")))).toEqual([97, 98, 99]);
    expect(held(read(memoryview(b("abc"))))).toEqual([97, 98, 99]);
    expect(held(read(memoryview(bytearray("ab")).toReadonly()))).toEqual([97, 98]);
    expect(held(read(new Int32Array([1, 2])))).toEqual([1, 0, 0, 0, 2, 0, 0, 0]);
    expect(held(read(new Uint8Array(0)))).toEqual([]);
    // A writable 0-d ndarray: b'\x05'
    expect(held(read(new NDArray(5, { shape: [], flags: NDArrayFlags.WRITABLE })))).toEqual([5]);
  });

  it("takes JavaScript's binary types: ArrayBuffer, SharedArrayBuffer, DataView windows", () => {
    expect(held(read(new ArrayBuffer(2)))).toEqual([0, 0]);
    expect(read(new SharedArrayBuffer(3))!.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const memory = Uint8Array.of(1, 2, 3, 4).buffer;
    expect(held(read(new DataView(memory, 1, 2)))).toEqual([2, 3]);
  });

  it("refuses non-exporters with TypeError naming the type", () => {
    for (const [value, name] of [[1, "int"], [[1], "list"], [{}, "dict"]] as const) {
      expect(thrown(() => read(value))).toEqual(required(name));
    }
  });

  it("passes on the exporter's BufferError for what is not C-contiguous", () => {
    // getargs_y_star(memoryview(b"abc")[::-1]) and ndarrays with ND_FORTRAN, ND_PIL, strides [2], ND_GETBUF_FAIL
    expect(thrown(() => read(memoryview(b("abc")).get(slice(null, null, -1))))).toEqual(
      py("BufferError", "memoryview: underlying buffer is not C-contiguous"),
    );
    const W = NDArrayFlags.WRITABLE;
    expect(thrown(() => read(new NDArray(range(6), { shape: [2, 3], flags: NDArrayFlags.FORTRAN | W })))).toEqual(
      py("BufferError", "ndarray is not C-contiguous"),
    );
    expect(thrown(() => read(new NDArray([1, 2], { shape: [2], flags: NDArrayFlags.PIL | W })))).toEqual(
      py("BufferError", "ndarray cannot be represented without suboffsets"),
    );
    expect(thrown(() => read(new NDArray(range(6), { shape: [3], strides: [2], flags: W })))).toEqual(
      py("BufferError", "ndarray is not C-contiguous"),
    );
    expect(thrown(() => read(new NDArray([1], { shape: [1], flags: NDArrayFlags.GETBUF_FAIL })))).toEqual(
      py("BufferError", "ND_GETBUF_FAIL: forced test exception"),
    );
  });

  it("is read-only, a window on the memory (no copy), and says its length", () => {
    const data = Uint8Array.of(0, 1, 2, 3, 4, 5);
    const arg = read(data.subarray(2, 5))!;
    expect([arg.readonly, arg.length, arg.bytes.buffer === data.buffer, arg.bytes.byteOffset]).toEqual([true, 3, true, 2]);
    data[3] = 9;
    expect([...arg.bytes]).toEqual([2, 9, 4]);
  });
});

describe("y* refuses str and None; s* encodes str; z* takes None", () => {
  it("y*: getargs_y_star('é') and (None) are TypeError", () => {
    expect(thrown(() => bytesArgument("é"))).toEqual(required("str"));
    expect(thrown(() => bytesArgument(null))).toEqual(required("NoneType"));
    expect(thrown(() => bytesArgument(undefined))).toEqual(required("NoneType"));
  });

  it("s*: a str is its UTF-8 encoding (getargs_s_star('é') == b'\\xc3\\xa9'); None is TypeError", () => {
    expect(held(textOrBytesArgument("é"))).toEqual([0xc3, 0xa9]);
    expect(held(textOrBytesArgument(""))).toEqual([]);
    expect(thrown(() => textOrBytesArgument(null))).toEqual(required("NoneType"));
  });

  it("s*: a lone surrogate is UnicodeEncodeError, not a replacement character", () => {
    // getargs_s_star('\ud800')
    expect(thrown(() => textOrBytesArgument("\ud800"))).toEqual(
      py("UnicodeEncodeError", "'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed"),
    );
  });

  it("z*: None (null or undefined) gives null; a str is encoded", () => {
    expect([optionalTextOrBytesArgument(null), optionalTextOrBytesArgument(undefined)]).toEqual([null, null]);
    expect(held(optionalTextOrBytesArgument("é"))).toEqual([0xc3, 0xa9]);
  });
});

describe("w* (writableBytesArgument)", () => {
  const where = { functionName: "getargs_w_star", position: 1 };
  const message = (name: string) => py("TypeError", `getargs_w_star() argument 1 must be read-write bytes-like object, not ${name}`);

  it("takes writable contiguous exporters and writes through", () => {
    // getargs_w_star(bytearray(b"abc")) writes '[' and ']' at the ends: b'[b]'
    const target = bytearray("abc");
    const arg = writableBytesArgument(target, where);
    arg.bytes[0] = "[".charCodeAt(0);
    arg.bytes[arg.length - 1] = "]".charCodeAt(0);
    expect([arg.readonly, String(target)]).toEqual([false, "[b]"]);
    arg.release();
    // array('i', [1, 2]): b'[\x00\x00\x00\x02\x00\x00]'; a writable memoryview; a writable 0-d ndarray
    expect(held(writableBytesArgument(new Int32Array([1, 2]), where))).toEqual([1, 0, 0, 0, 2, 0, 0, 0]);
    expect(held(writableBytesArgument(memoryview(bytearray("abcd")), where))).toEqual([97, 98, 99, 100]);
    expect(held(writableBytesArgument(new NDArray(5, { shape: [], flags: NDArrayFlags.WRITABLE }), where))).toEqual([5]);
  });

  it("refuses read-only, non-contiguous and non-exporters alike, with one TypeError", () => {
    expect(thrown(() => writableBytesArgument(memoryview(b("abc")).toReadonly(), where))).toEqual(message("memoryview"));
    expect(thrown(() => writableBytesArgument(memoryview(bytearray("abc")).get(slice(null, null, -1)), where))).toEqual(message("memoryview"));
    for (const [value, name] of [["é", "str"], [null, "None"], [undefined, "None"], [1, "int"], [[1], "list"], [{}, "dict"]] as const) {
      expect(thrown(() => writableBytesArgument(value, where))).toEqual(message(name));
    }
  });

  it("names the argument as PyArg_Parse and PyArg_ParseTuple do", () => {
    const readOnly = () => memoryview(b("x")).toReadonly();
    // PyArg_Parse(b"x", "w*"): no position
    expect(thrown(() => writableBytesArgument(readOnly()))).toEqual(
      py("TypeError", "argument must be read-write bytes-like object, not memoryview"),
    );
    // parse_tuple_and_keywords((bytearray(b'x'), b'x'), {}, 'w*w*:fn', ['a', 'b'])
    expect(thrown(() => writableBytesArgument(readOnly(), { functionName: "fn", position: 2 }))).toEqual(
      py("TypeError", "fn() argument 2 must be read-write bytes-like object, not memoryview"),
    );
    // ... and with 'w*w*' (no name): "argument 2 must be ..."
    expect(thrown(() => writableBytesArgument(readOnly(), { position: 2 }))).toEqual(
      py("TypeError", "argument 2 must be read-write bytes-like object, not memoryview"),
    );
  });
});

describe("holding and releasing", () => {
  it("holds one export until released; release() is idempotent; `using` releases", () => {
    const exporter = bytes("abc");
    const arg = bytesArgument(exporter);
    expect(exporter.exports).toBe(1);
    arg.release();
    arg.release();
    expect([exporter.gets, exporter.releases, exporter.exports]).toEqual([1, 1, 0]);
    {
      using scoped = bytesArgument(exporter);
      expect(scoped.length).toBe(3);
      expect(exporter.exports).toBe(1);
    }
    expect(exporter.exports).toBe(0);
  });

  it("a held memoryview argument blocks the view's release, like a C consumer", () => {
    const m = memoryview(b("abc"));
    const arg = bytesArgument(m);
    expect(thrown(() => m.release())).toEqual(py("BufferError", "memoryview has 1 exported buffer"));
    arg.release();
    m.release();
    expect(m.released).toBe(true);
  });

  it("bytes after release() is ValueError", () => {
    const arg = bytesArgument(new Uint8Array(2));
    arg.release();
    expect(thrown(() => arg.bytes)).toEqual(py("ValueError", "operation forbidden on a released buffer argument"));
  });

  it("bytes of memory that is gone is BufferError, never an empty window", () => {
    const memory = new ArrayBuffer(4);
    const detached = bytesArgument(memory);
    structuredClone(memory, { transfer: [memory] });
    expect(thrown(() => detached.bytes)).toEqual(py("BufferError", "the argument's memory is gone (detached or resized)"));
    const resizable = new ArrayBuffer(8, { maxByteLength: 8 });
    const shrunk = writableBytesArgument(new Uint8Array(resizable, 2, 4));
    resizable.resize(4);
    expect(thrown(() => shrunk.bytes)).toEqual(py("BufferError", "the argument's memory is gone (detached or resized)"));
  });
});

describe("BufferArgument is made only by the argument functions", () => {
  it("refuses construction by anyone else, with CPython's words for a type without tp_new", () => {
    const New = BufferArgument as unknown as new (...args: unknown[]) => unknown;
    const window = { memory: new ArrayBuffer(4), offset: -8, length: 100, release: () => {} };
    expect(thrown(() => new New(window, true))).toEqual(py("TypeError", "cannot create 'BufferArgument' instances"));
    expect(thrown(() => new New(Symbol("BufferArgument"), window, true))).toEqual(py("TypeError", "cannot create 'BufferArgument' instances"));
  });

  it("heldBufferArgument (the internal subpath) wraps a window, which it releases once", () => {
    let releases = 0;
    const memory = new Uint8Array([1, 2, 3, 4]).buffer;
    const arg = heldBufferArgument({ memory, offset: 1, length: 2, release: () => releases++ }, false);
    expect(arg).toBeInstanceOf(BufferArgument);
    expect([[...arg.bytes], arg.readonly, arg.length]).toEqual([[2, 3], false, 2]);
    arg.release();
    arg.release();
    expect(releases).toBe(1);
  });
});
