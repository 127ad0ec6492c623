/**
 * Views that lie about their window: a `Uint8Array` subclass, or an
 * instance with own `buffer`, `byteOffset`, `byteLength`, `length`,
 * `BYTES_PER_ELEMENT`, `subarray` or `slice`, handed to `loadNpy`,
 * `loadNpz` or `new NpyArray` (and an array's public `data` redefined after
 * loading). The package reads such a view's window through the built-in
 * getters only, so each call sees exactly the bytes of the window: a decoy
 * file before it and garbage after it in the same ArrayBuffer are never
 * read, and writes through the array stay inside it. DataViews, detached
 * buffers and windows cut off by a resize are Python errors.
 */
import { BufferError, BufferFlags, getBuffer, memoryview, releaseBuffer, type BufferRecord } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { descrToDType } from "../../src/dtype/dtype.ts";
import { loadNpy, loadNpz, NpyArray, saveNpy, saveNpz } from "../../src/index.ts";
import type { NpyArrayParts } from "../../src/npy/npy-array.ts";

const VALUES = [1.5, -2.5, 3.25, 1e300];
const GARBAGE = 0xee;

/** A block holding a decoy before the window (at 0) and garbage after it; the window holds `content` at a multiple of 64. */
function placed(content: Uint8Array, decoy: Uint8Array): { block: ArrayBuffer; start: number; window: Uint8Array } {
  const start = Math.ceil(decoy.length / 64) * 64;
  const block = new ArrayBuffer(start + content.length + 64);
  const bytes = new Uint8Array(block).fill(GARBAGE);
  bytes.set(decoy, 0);
  bytes.set(content, start);
  return { block, start, window: new Uint8Array(block, start, content.length) };
}

/** Every window property of `view` answering `lie`, and `subarray`/`slice` handing out the whole block. */
function lying(view: Uint8Array, lie: unknown): Uint8Array {
  const block = new Uint8Array(realBuffer(view));
  for (const key of ["buffer", "byteOffset", "byteLength", "length"]) Object.defineProperty(view, key, { get: () => lie });
  Object.defineProperty(view, "BYTES_PER_ELEMENT", { value: 8 });
  Object.defineProperty(view, "subarray", { value: () => block });
  Object.defineProperty(view, "slice", { value: () => block });
  return view;
}

/** The real ArrayBuffer under `view`, through the built-in getter. */
function realBuffer(view: Uint8Array): ArrayBufferLike {
  const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, "buffer")!.get!;
  return getter.call(view) as ArrayBufferLike;
}

/** A subclass whose window getters lie, whose species and copies hand out the whole block. */
class LyingBytes extends Uint8Array {
  static get [Symbol.species](): Uint8ArrayConstructor {
    return WholeBlock as unknown as Uint8ArrayConstructor;
  }
  override get byteOffset(): number {
    return 0;
  }
  override get byteLength(): number {
    return 1 << 20;
  }
  override get length(): number {
    return 1 << 20;
  }
  override subarray(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(realBuffer(this) as ArrayBuffer);
  }
  override slice(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(realBuffer(this) as ArrayBuffer);
  }
}

/** The species of {@link LyingBytes}: asked for a view (the built-in subarray), a view of the whole block. */
class WholeBlock extends Uint8Array {
  constructor(buffer: ArrayBufferLike) {
    super(typeof buffer === "number" ? buffer : (buffer as ArrayBuffer));
  }
}

/** Hostile views of `window`: own-property liars (several lies) and the lying subclass. */
function liarsOf(window: Uint8Array): [string, Uint8Array][] {
  const copy = () => new Uint8Array(realBuffer(window), window.byteOffset, window.length);
  return [
    ...[0, 8, 1e9, -5, new ArrayBuffer(4096)].map((lie): [string, Uint8Array] => [`own properties answering ${lie instanceof ArrayBuffer ? "another ArrayBuffer" : String(lie)}`, lying(copy(), lie)]),
    ["a subclass with lying getters, subarray and species", new LyingBytes(realBuffer(window) as ArrayBuffer, window.byteOffset, window.length)],
  ];
}

/** What an exporter's record reaches: its memory and its byte range. */
function reach(exporter: unknown): { memory: unknown; from: number; to: number } {
  const record: BufferRecord = getBuffer(exporter, BufferFlags.FULL_RO);
  try {
    return { memory: record.memory, from: record.buf, to: record.buf + record.len };
  } finally {
    releaseBuffer(record);
  }
}

const pythonType = (call: () => unknown): string | undefined => {
  try {
    call();
  } catch (error) {
    return (error as { pythonType?: string }).pythonType ?? `bare ${String(error)}`;
  }
  return undefined;
};

describe("loadNpy reads only the window of the bytes it is given", () => {
  const file = saveNpy(new Float64Array(VALUES));
  const decoy = saveNpy(new Int8Array([7, 7, 7]));
  for (let k = 0; k < liarsOf(placed(file, decoy).window).length; k++) {
    const { block, start, window } = placed(file, decoy);
    const [name, view] = liarsOf(window)[k]!;
    it(name, () => {
      const a = loadNpy(view, { writable: true });
      expect([a.dtype, a.shape, a.toList()]).toEqual(["<f8", [VALUES.length], VALUES]);
      // Zero-copy, inside the window: the data are the window's last bytes.
      const { memory, from, to } = reach(a);
      expect(memory).toBe(block);
      expect([from, to]).toEqual([start + file.length - 8 * VALUES.length, start + file.length]);
      // Writes through the array land in the window only.
      const m = memoryview(a);
      for (let i = 0; i < VALUES.length; i++) m.set(i, -1);
      const bytes = new Uint8Array(block);
      expect(bytes.subarray(0, decoy.length)).toEqual(decoy);
      expect([...bytes.subarray(start + file.length)].every((byte) => byte === GARBAGE)).toBe(true);
      expect(loadNpy(view, { copy: true }).toList()).toEqual(Array(VALUES.length).fill(-1));
    });
  }

  it("a DataView, or one dressed as a Uint8Array, is a TypeError", () => {
    const { block, start } = placed(file, decoy);
    expect(pythonType(() => loadNpy(new DataView(block, start, file.length) as never))).toBe("TypeError");
    expect(pythonType(() => loadNpy(Object.setPrototypeOf(new DataView(block, start, file.length), Uint8Array.prototype) as never))).toBe("TypeError");
  });

  it("bytes whose buffer was detached, or whose window a resize cut off, are a BufferError, not an empty file", () => {
    const detached = new Uint8Array(file);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expect(pythonType(() => loadNpy(detached))).toBe("BufferError");
    const resizable = new ArrayBuffer(64 + file.length, { maxByteLength: 64 + file.length });
    const cut = new Uint8Array(resizable, 64, file.length);
    cut.set(file);
    resizable.resize(96);
    expect(pythonType(() => loadNpy(cut))).toBe("BufferError");
    expect(pythonType(() => loadNpz(cut))).toBe("BufferError");
  });
});

describe("loadNpz reads only the window of the archive it is given", () => {
  const archive = saveNpz({ x: new Float64Array(VALUES) });
  const decoy = saveNpz({ y: new Int8Array([7]) });
  for (let k = 0; k < liarsOf(placed(archive, decoy).window).length; k++) {
    const { window } = placed(archive, decoy);
    const [name, view] = liarsOf(window)[k]!;
    it(name, () => {
      const arrays = loadNpz(view);
      expect([...arrays.keys()]).toEqual(["x"]);
      expect(arrays.get("x")!.toList()).toEqual(VALUES);
    });
  }
});

describe("NpyArray takes its data's window once, through the built-in getters", () => {
  const parts = (data: Uint8Array): NpyArrayParts => ({
    version: "1.0", descr: "<f8", dtype: descrToDType("<f8"), shape: [VALUES.length], fortranOrder: false, data, readonly: false,
  });

  it("lying data: the items are the window's, and the record reaches the window only", () => {
    const content = new Uint8Array(new Float64Array(VALUES).buffer);
    for (const [name, view] of liarsOf(placed(content, new Uint8Array(64).fill(1)).window)) {
      const a = new NpyArray(parts(view));
      expect(a.toList(), name).toEqual(VALUES);
      const { from, to } = reach(a);
      expect([from, to], name).toEqual([64, 64 + content.length]);
    }
  });

  it("data whose real window is shorter than the shape needs is a ValueError, whatever its byteLength says", () => {
    const short = new Uint8Array(new ArrayBuffer(64), 8, 16);
    Object.defineProperty(short, "byteLength", { get: () => 8 * VALUES.length });
    expect(pythonType(() => new NpyArray(parts(short)))).toBe("ValueError");
    const gone = new Uint8Array(8 * VALUES.length);
    structuredClone(gone.buffer, { transfer: [gone.buffer] });
    expect(pythonType(() => new NpyArray(parts(gone)))).toBe("BufferError");
  });

  it("an array's public data redefined after loading changes nothing it exports or reads", () => {
    const a = loadNpy(saveNpy(new Float64Array(VALUES)));
    const before = reach(a);
    for (const key of ["buffer", "byteOffset", "byteLength", "length"]) Object.defineProperty(a.data, key, { get: () => 0 });
    expect(reach(a)).toEqual(before);
    expect(a.toList()).toEqual(VALUES);
    expect(memoryview(a).toList()).toEqual(VALUES);
  });

  it("memory detached after loading is a BufferError, even when data's own byteLength says all is well", () => {
    const a = loadNpy(saveNpy(new Float64Array(VALUES)));
    const nbytes = a.nbytes;
    structuredClone(a.data.buffer, { transfer: [a.data.buffer as ArrayBuffer] });
    Object.defineProperty(a.data, "byteLength", { get: () => nbytes });
    expect(pythonType(() => a.toList())).toBe("BufferError");
    expect(pythonType(() => getBuffer(a, BufferFlags.SIMPLE))).toBe("BufferError");
    expect(() => a.toList()).toThrow(BufferError);
  });
});

describe("saveNpy of a lying TypedArray (core reads it)", () => {
  it("writes the window's items, as for an honest view", () => {
    const honest = new Float64Array(new Float64Array([9, ...VALUES, 9]).buffer, 8, VALUES.length);
    const liar = new Float64Array(honest.buffer, 8, VALUES.length);
    for (const key of ["buffer", "byteOffset", "byteLength", "length"]) Object.defineProperty(liar, key, { get: () => 0 });
    Object.defineProperty(liar, "BYTES_PER_ELEMENT", { value: 1 });
    expect(saveNpy(liar)).toEqual(saveNpy(honest));
  });
});
