/**
 * `toPython` of a JavaScript exporter over the Pyodide heap, export by
 * export: the memoryview is made from the exporter's answer to each request,
 * and its release crosses back into JavaScript only when there is work
 * there (a copy to write back, an exporter's release method to call). Around
 * that path: the heap's growth, exporters whose answer changes, release
 * semantics, and the same results with or without a release method.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  BufferFlags,
  fillInfo,
  getBuffer,
  getBufferSymbol,
  currentBlock,
  releaseBuffer,
  releaseBufferSymbol,
  type BufferRecord,
} from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { fromPython, toPython } from "../../src/index.ts";
import { interpreter, python, pythonValue, setGlobal } from "../helpers/pyodide.ts";

let pyodide: PyodideAPI;
/**
 * A block of the heap as fromPython's records give it: it follows the heap's
 * growth (currentBlock). Taken from a record rather than from the module,
 * since Pyodide 0.26 to 0.29 export neither the Memory nor `_malloc`
 * (scripts/version-matrix.mjs runs this file over them).
 */
let heapRoot: ArrayBuffer;
/** The heap's current buffer. */
const heapBlock = (): ArrayBuffer => currentBlock(heapRoot) as ArrayBuffer;
beforeAll(async () => {
  pyodide = await interpreter();
  const record = getBuffer(fromPython(pyodide, python(pyodide, "_heap_blocks = [bytearray(1)]; _heap_blocks[0]")), BufferFlags.SIMPLE);
  heapRoot = record.memory as ArrayBuffer;
  releaseBuffer(record);
  // Python counts the crossings back into JavaScript by standing in for a JsBuffer's release.
  pyodide.runPython(`
def count_releases(x):
    calls = []
    release = x._release
    def counted(key):
        calls.append(key)
        release(key)
    x._release = counted
    return calls
`);
});

/** `bytes` copied into a new block of the heap (a bytearray Python holds for the file); its address. */
function inHeap(bytes: readonly number[]): number {
  const block = python(pyodide, `_heap_blocks.append(bytearray(${Math.max(bytes.length, 1)})); _heap_blocks[-1]`);
  const record = getBuffer(fromPython(pyodide, block), BufferFlags.SIMPLE);
  const address = record.buf;
  releaseBuffer(record);
  new Uint8Array(heapBlock()).set(bytes, address);
  return address;
}

/** A plain exporter (no release method) of `len` bytes at `address` in the heap. */
function heapExporter(address: number, len: number, readonly = false): object {
  const exporter = { [getBufferSymbol]: (flags: number) => fillInfo(exporter, heapBlock(), address, len, readonly, flags) };
  return exporter;
}

/** `toPython(exporter)` bound to `name` in Python, with `<name>_calls` counting its releases that cross into JavaScript. */
function bound(name: string, exporter: object, options: Parameters<typeof toPython>[2] = { copy: "never" }): PyProxy {
  const object = toPython(pyodide, exporter, options);
  setGlobal(pyodide, name, object);
  pyodide.runPython(`${name}_calls = count_releases(${name})`);
  return object;
}

describe("an exporter without a release method", () => {
  it("shares the heap and never crosses back into JavaScript on release", () => {
    const address = inHeap([1, 2, 3, 4]);
    bound("plain", heapExporter(address, 4));
    expect(pythonValue(pyodide, "m = memoryview(plain); r = [m.tolist(), m.readonly]; m[0] = 9; r")).toEqual([[1, 2, 3, 4], false]);
    expect(new Uint8Array(heapBlock())[address]).toBe(9); // shared, not copied
    expect(pythonValue(pyodide, "m.release(); bytes(plain)")).toEqual(new Uint8Array([9, 2, 3, 4]));
    expect(pythonValue(pyodide, "[len(plain_calls), len(plain._held)]")).toEqual([0, 0]);
  });

  it("is asked again for every request, so an answer that changes is seen at once", () => {
    const first = inHeap([1, 2, 3, 4]);
    const second = inHeap([5, 0, 6, 0, 7, 0]);
    let answer = 0;
    const exporter: object = {
      [getBufferSymbol](flags: number): BufferRecord {
        answer++;
        if (answer % 2 === 1) return fillInfo(exporter, heapBlock(), first, 4, true, flags);
        const record = fillInfo(exporter, heapBlock(), second, 6, false, flags);
        return { ...record, itemsize: 2, format: "h", shape: [3], strides: [2], ndim: 1 };
      },
    };
    bound("changing", exporter);
    // Each view keeps the layout it was made with while the next differs.
    expect(pythonValue(pyodide, "a = memoryview(changing); b = memoryview(changing); c = memoryview(changing); [[v.format, v.readonly, v.tolist()] for v in (a, b, c)]")).toEqual([
      ["B", true, [1, 2, 3, 4]],
      ["h", false, [5, 6, 7]],
      ["B", true, [1, 2, 3, 4]],
    ]);
    pyodide.runPython("a.release(); b.release(); c.release()");
    expect(answer).toBe(3);
    expect(pythonValue(pyodide, "len(changing_calls)")).toBe(0);
  });

  it("reads and writes the same addresses after the heap grows, for held views and new ones", () => {
    const address = inHeap([10, 20, 30, 40]);
    bound("growing", heapExporter(address, 4));
    pyodide.runPython("held = memoryview(growing)");
    const before = heapBlock();
    pyodide.runPython(`big = bytearray(${before.byteLength})`);
    expect(before.byteLength).toBe(0); // the heap grew: the old ArrayBuffer is detached
    expect(pythonValue(pyodide, "held[3] = 41; [held.tolist(), memoryview(growing).tolist()]")).toEqual([
      [10, 20, 30, 41],
      [10, 20, 30, 41],
    ]);
    expect(new Uint8Array(heapBlock(), address, 4)).toEqual(new Uint8Array([10, 20, 30, 41]));
    pyodide.runPython("held.release(); del big");
  });

  it("answering the heap's ArrayBuffer from before a growth reads the same addresses in the current one", () => {
    const address = inHeap([1, 2]);
    const before = heapBlock();
    const exporter: object = {
      [getBufferSymbol]: (): BufferRecord => ({
        obj: exporter,
        memory: before,
        buf: address,
        len: 2,
        itemsize: 1,
        readonly: false,
        format: "B",
        ndim: 1,
        shape: [2],
        strides: [1],
        suboffsets: null,
        internal: null,
      }),
    };
    bound("stale", exporter);
    expect(pythonValue(pyodide, "bytes(stale)")).toEqual(new Uint8Array([1, 2]));
    pyodide.runPython(`big = bytearray(${before.byteLength})`);
    expect(before.byteLength).toBe(0);
    // core takes a detached buffer of the heap's memory for its current one (the addresses stay valid).
    expect(pythonValue(pyodide, "bytes(stale)")).toEqual(new Uint8Array([1, 2]));
    pyodide.runPython("del big");
    expect(pythonValue(pyodide, "len(stale_calls)")).toBe(0);
  });
});

describe("release semantics", () => {
  it("gives an exporter with a release method exactly one release per export, each with its own record", () => {
    const address = inHeap([1, 2, 3]);
    const released: BufferRecord[] = [];
    const handed: BufferRecord[] = [];
    const exporter: object = {
      [getBufferSymbol](flags: number): BufferRecord {
        const record = fillInfo(exporter, heapBlock(), address, 3, false, flags);
        handed.push(record);
        return record;
      },
      [releaseBufferSymbol](record: BufferRecord): void {
        released.push(record);
      },
    };
    bound("counted", exporter);
    pyodide.runPython("views = [memoryview(counted) for _ in range(5)]");
    expect([handed.length, released.length]).toEqual([5, 0]);
    expect(pythonValue(pyodide, "len(counted._held)")).toBe(5);
    pyodide.runPython("views[3].release(); views[0].release()");
    expect(released).toEqual([handed[3], handed[0]]);
    pyodide.runPython("del views");
    expect(released.length).toBe(5);
    expect(new Set(released).size).toBe(5);
    expect(pythonValue(pyodide, "bytes(counted); bytes(counted); [len(counted_calls), len(counted._held)]")).toEqual([7, 0]);
    expect(released.length).toBe(7);
  });

  it("releases to the record's obj, as PyBuffer_Release does, and crosses back only then", () => {
    const address = inHeap([7]);
    let releases = 0;
    const root = { [releaseBufferSymbol]: () => void releases++ };
    const redirecting = { [getBufferSymbol]: (flags: number) => fillInfo(root, heapBlock(), address, 1, false, flags) };
    bound("redirecting", redirecting);
    expect(pythonValue(pyodide, "bytes(redirecting); bytes(redirecting); len(redirecting_calls)")).toBe(2);
    expect(releases).toBe(2);
  });

  it("decides when the export is made: a release method added later is called for the exports made after", () => {
    const address = inHeap([1]);
    const exporter: Record<symbol, unknown> = {};
    exporter[getBufferSymbol] = (flags: number) => fillInfo(exporter, heapBlock(), address, 1, false, flags);
    bound("late", exporter);
    pyodide.runPython("before = memoryview(late)");
    let releases = 0;
    exporter[releaseBufferSymbol] = () => void releases++;
    pyodide.runPython("after = memoryview(late); before.release(); after.release()");
    expect(releases).toBe(1);
    expect(pythonValue(pyodide, "len(late_calls)")).toBe(1);
  });

  it("crosses back for a copy (written back and freed) even without a release method", () => {
    const data = new Uint8Array([1, 2, 3]);
    const exporter: object = { [getBufferSymbol]: (flags: number) => fillInfo(exporter, data.buffer, 0, 3, false, flags) };
    bound("copied", exporter, { copy: "if-needed" });
    pyodide.runPython("m = memoryview(copied); m[0] = 5");
    expect(data[0]).toBe(1);
    expect(pythonValue(pyodide, "len(copied._held)")).toBe(1);
    pyodide.runPython("m.release()");
    expect(data[0]).toBe(5);
    expect(pythonValue(pyodide, "[len(copied_calls), len(copied._held)]")).toEqual([1, 0]);
  });

  it("gives back a dropped view's export when a view without release work takes its address", () => {
    const address = inHeap([1, 2]);
    let releases = 0;
    let exports = 0;
    // The first 50 exports need a release, the next 50 do not.
    const exporter: object = {
      [getBufferSymbol]: (flags: number) => fillInfo(++exports <= 50 ? exporter : {}, heapBlock(), address, 2, false, flags),
      [releaseBufferSymbol]: () => void releases++,
    };
    bound("mixed", exporter);
    // Views made by hand and dropped without __release_buffer__ (PEP 688 says to call it):
    // CPython's allocator gives a later view the block of an earlier one.
    const [first, common, kept] = pythonValue(
      pyodide,
      "ids = [id(mixed.__buffer__(0)) for _ in range(100)]; first, second = set(ids[:50]), set(ids[50:]); [len(first), len(first & second), len(first - second)]",
    ) as [number, number, number];
    expect(exports).toBe(100);
    expect(common).toBeGreaterThan(0);
    // At each address only the last export is still held; a view without release work there gave it back.
    expect(pythonValue(pyodide, "len(mixed._held)")).toBe(kept);
    expect(releases).toBe(50 - kept);
    expect(first).toBe(common + kept);
  });
});

describe("the same results with and without release work", () => {
  /** Python's description of `x.__buffer__(flags)`: the view's layout and bytes, or the exception. */
  beforeAll(() => {
    pyodide.runPython(`
def describe(x, flags):
    try:
        m = x.__buffer__(flags)
    except Exception as e:
        return [type(e).__name__, str(e)]
    try:
        return [m.format, m.itemsize, m.ndim, list(m.shape), list(m.strides), list(m.suboffsets), m.readonly,
                m.nbytes, m.c_contiguous, m.f_contiguous, m.contiguous, m.tobytes().hex()]
    finally:
        x.__release_buffer__(m)
        m.release()
`);
  });

  const LAYOUTS = [
    "_testbuffer.ndarray(list(range(24)), shape=[2, 3, 4], format='i', flags=_testbuffer.ND_WRITABLE)",
    "_testbuffer.ndarray(list(range(24)), shape=[2, 3, 4], format='i', flags=_testbuffer.ND_FORTRAN)",
    "_testbuffer.ndarray(list(range(12)), shape=[3, 4], format='h', flags=_testbuffer.ND_WRITABLE)[::-1, ::2]",
    "_testbuffer.ndarray(list(range(12)), shape=[3, 4], format='B', flags=_testbuffer.ND_PIL)",
    "_testbuffer.ndarray(7, shape=[], format='q', flags=_testbuffer.ND_WRITABLE)",
    "_testbuffer.ndarray([1.5, 2.5], shape=[2], format='d')",
    "_testbuffer.ndarray(list(range(6)), shape=[6], format='<I', flags=_testbuffer.ND_WRITABLE)[::-2]",
  ];
  const REQUESTS = Object.entries(BufferFlags).filter(([name]) => name !== "READ" && name !== "WRITE");

  it("for every request of every layout, as Python's own exporter answers it", () => {
    const held: BufferRecord[] = [];
    const sources = LAYOUTS.map((layout) => {
      setGlobal(pyodide, "source", python(pyodide, layout));
      return fromPython(pyodide, python(pyodide, "source"));
    });
    for (const [index, layout] of LAYOUTS.entries()) {
      const source = sources[index]!;
      setGlobal(pyodide, "source", source.object);
      // Both answer each request as CPython answers the source object; only one has a release method.
      const answer = (owner: object) => (flags: number): BufferRecord => {
        const record = getBuffer(source, flags, { abi: "wasm32" });
        held.push(record);
        return { ...record, obj: owner };
      };
      const plain: object = { [getBufferSymbol]: (flags: number) => answer(plain)(flags) };
      const releasing: object = {
        [getBufferSymbol]: (flags: number) => answer(releasing)(flags),
        [releaseBufferSymbol]: () => undefined,
      };
      setGlobal(pyodide, "plain", toPython(pyodide, plain, { copy: "never" }));
      setGlobal(pyodide, "releasing", toPython(pyodide, releasing, { copy: "never" }));
      for (const [name, flags] of REQUESTS) {
        const expected = pythonValue(pyodide, `describe(source, ${flags})`);
        expect(pythonValue(pyodide, `describe(plain, ${flags})`), `${layout}, ${name}`).toEqual(expected);
        expect(pythonValue(pyodide, `describe(releasing, ${flags})`), `${layout}, ${name}`).toEqual(expected);
      }
      expect(pythonValue(pyodide, "[len(plain._held), len(releasing._held)]")).toEqual([0, 0]);
    }
    expect(held.length).toBeGreaterThan(LAYOUTS.length * 2);
    for (const record of held) releaseBuffer(record);
    expect(sources.map((source) => source.exports)).toEqual(LAYOUTS.map(() => 0));
  });
});
