/**
 * saveNpy's bytes, exactly: the header NumPy's `_write_array_header` and
 * `_wrap_header` write (built here from the literal's generic `repr`, not
 * the writer's shortcut), then the items as `memoryview.tobytes(order)`
 * gathers them. Whatever path the writer takes (one allocation, the header
 * written in place, word copies, a reversed run), the file must equal this.
 */
import { getBufferSymbol, memoryview, NDArray, NDArrayFlags, slice, type BufferRecord } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { descrLiteral, type Descr } from "../../src/dtype/dtype.ts";
import { formatToDtype, saveNpy, type NpyVersion } from "../../src/index.ts";
import { npyHeaderText, writeNpyHeader } from "../../src/header/write-npy-header.ts";
import { pythonRepr, PyTuple, type PyLiteral } from "../../src/header/python-literal.ts";
import { SOURCES } from "../helpers/save-sources.ts";

/** `_write_array_header`'s dict text: `repr` of each sorted item, a `, ` after each. */
function referenceDict(descr: Descr, fortranOrder: boolean, shape: readonly number[]): string {
  const items: [string, PyLiteral][] = [["descr", descrLiteral(descr)], ["fortran_order", fortranOrder], ["shape", new PyTuple(shape.map((n) => BigInt(n)))]];
  return `{${items.map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}, `).join("")}}`;
}

/** The dict, then room for the growth axis to widen. */
function referenceText(descr: Descr, fortranOrder: boolean, shape: readonly number[]): string {
  const growth = shape.length === 0 ? "" : String(BigInt(shape[fortranOrder ? shape.length - 1 : 0]!));
  return referenceDict(descr, fortranOrder, shape) + " ".repeat(shape.length === 0 ? 0 : Math.max(0, 21 - growth.length));
}

/** `_wrap_header`: magic, version, little-endian length, the text, 1 to 64 spaces and a newline to a multiple of 64 bytes. */
function referenceHeader(descr: Descr, fortranOrder: boolean, shape: readonly number[], version: NpyVersion): Uint8Array {
  const text = referenceText(descr, fortranOrder, shape);
  const encoded = version === "3.0" ? new TextEncoder().encode(text) : Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  const lengthSize = version === "1.0" ? 2 : 4;
  const hlen = encoded.length + 1;
  const total = 8 + lengthSize + hlen + 64 - ((8 + lengthSize + hlen) % 64); // a full 64 when already aligned, as NumPy pads
  const out = new Uint8Array(total).fill(0x20);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, Number(version[0]), 0]);
  for (let i = 0, length = total - 8 - lengthSize; i < lengthSize; i++, length = Math.floor(length / 256)) out[8 + i] = length % 256;
  out.set(encoded, 8 + lengthSize);
  out[total - 1] = 0x0a;
  return out;
}

/** The file NumPy's `write_array` makes of an exporter with this descr, order and shape. */
function referenceFile(exporter: object, descr: Descr, fortranOrder: boolean, shape: readonly number[], version: NpyVersion): Uint8Array {
  const header = referenceHeader(descr, fortranOrder, shape, version);
  const items = memoryview(exporter, { extendedFormats: true }).toBytes(fortranOrder ? "F" : "C");
  const file = new Uint8Array(header.length + items.length);
  file.set(header);
  file.set(items, header.length);
  return file;
}

/** An exporter of `memory` with any geometry (validated by getBuffer like any exporter's). */
function exporterOf(memory: ArrayBuffer, format: string, itemsize: number, buf: number, shape: number[], strides: number[]): object {
  const len = shape.reduce((a, b) => a * b, 1) * itemsize;
  const exporter = {
    [getBufferSymbol]: (): BufferRecord => ({
      obj: exporter, memory, buf, len, itemsize, readonly: true, format, ndim: shape.length, shape, strides, suboffsets: null, internal: null,
    }),
  };
  return exporter;
}

/** Formats with their itemsize: word-sized and odd-sized items, both byte orders, records. */
const FORMATS: readonly [format: string, itemsize: number][] = [
  ["<d", 8], [">d", 8], ["<f", 4], ["<i", 4], [">h", 2], ["B", 1], ["<q", 8], ["<Zd", 16], ["<Zf", 8], ["<e", 2], ["3s", 3], ["T{<i:a:d:b:}", 12], ["T{<h:a:5s:b:}", 7],
];

/**
 * A strided view of a C-contiguous block: per dimension a step (negative:
 * reversed), optionally the axes reversed (a transposed, often
 * Fortran-contiguous view).
 */
const stridedViews = fc
  .record({
    format: fc.constantFrom(...FORMATS),
    dims: fc.array(fc.record({ extent: fc.integer({ min: 1, max: 24 }), step: fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0) }), { minLength: 1, maxLength: 3 }),
    transposed: fc.boolean(),
    seed: fc.nat(),
  })
  .map(({ format: [format, itemsize], dims, transposed, seed }) => {
    const base = dims.map((d) => d.extent);
    const baseStrides = base.map((_, k) => base.slice(k + 1).reduce((a, b) => a * b, itemsize));
    const memory = new ArrayBuffer(base.reduce((a, b) => a * b, itemsize));
    const bytes = new Uint8Array(memory);
    for (let i = 0, x = seed | 1; i < bytes.length; i++) bytes[i] = x = (x * 1103515245 + 12345) >>> 16;
    let buf = 0;
    const shape = dims.map((d) => Math.ceil(d.extent / Math.abs(d.step)));
    const strides = dims.map((d, k) => {
      if (d.step < 0) buf += (d.extent - 1) * baseStrides[k]!;
      return baseStrides[k]! * d.step;
    });
    if (transposed) {
      shape.reverse();
      strides.reverse();
    }
    return { format, itemsize, exporter: exporterOf(memory, format, itemsize, buf, shape, strides), shape, strides };
  });

/** Whether a record of this geometry is Fortran- and not C-contiguous (then NumPy writes it in Fortran order). */
function fortranOnly(shape: readonly number[], strides: readonly number[], itemsize: number): boolean {
  const contiguous = (order: number[]): boolean => {
    let expected = itemsize;
    for (const k of order) {
      if (shape[k]! > 1 && strides[k] !== expected) return false;
      expected *= shape[k]!;
    }
    return true;
  };
  const axes = shape.map((_, k) => k);
  return shape.length > 1 && contiguous(axes) && !contiguous([...axes].reverse());
}

describe("saveNpy's bytes are NumPy's header and the items in order", () => {
  for (const source of SOURCES) {
    it(source.name, () => {
      for (const version of ["1.0", "2.0", "3.0"] as const) {
        const exporter = source.make();
        expect(saveNpy(exporter, { version })).toEqual(referenceFile(exporter, source.dtype as Descr, source.fortran, source.shape, version));
      }
    });
  }

  it("long runs: reversed, every other item, Fortran and PIL layouts of 10^4 items", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i * 0.25 - 1000);
    const cases: [object, boolean, number[]][] = [
      [memoryview(new Float64Array(values)).get(slice(null, null, -1)) as object, false, [10_000]],
      [memoryview(new Float64Array(values)).get(slice(1, null, 2)) as object, false, [5_000]],
      [memoryview(new Int16Array(values.map(Math.trunc))).get(slice(null, null, -3)) as object, false, [3_334]],
      [new NDArray(values, { shape: [100, 100], format: "d", flags: NDArrayFlags.FORTRAN }), true, [100, 100]],
      [new NDArray(values, { shape: [50, 200], format: "d", flags: NDArrayFlags.PIL }), false, [50, 200]],
      [new NDArray(values, { shape: [100, 100], format: "d" }).get([slice(null, null, -1), slice(null, null, 3)]) as object, false, [100, 34]],
    ];
    for (const [exporter, fortran, shape] of cases) {
      const descr = formatToDtype(memoryview(exporter).format);
      expect(saveNpy(exporter)).toEqual(referenceFile(exporter, descr, fortran, shape, "1.0"));
    }
  });

  it("any strided, negative-stride or transposed view, of any format", () => {
    fc.assert(
      fc.property(stridedViews, ({ format, itemsize, exporter, shape, strides }) => {
        const fortran = fortranOnly(shape, strides, itemsize);
        expect(saveNpy(exporter)).toEqual(referenceFile(exporter, formatToDtype(format), fortran, shape, "1.0"));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the header writer's shortcut for type strings", () => {
  it("writes the text the literal's repr gives, for plain and unusual descrs", () => {
    const descrs = fc.oneof(
      fc.constantFrom("<f8", "|S7", "<U3", "<M8[ns]", "|V5", ">c16"),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: "grapheme", maxLength: 4 }),
    );
    const shapes = fc.array(fc.oneof(fc.nat(20), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), { maxLength: 4 });
    fc.assert(
      fc.property(descrs, fc.boolean(), shapes, (descr, fortranOrder, shape) => {
        expect(npyHeaderText(descr, fortranOrder, shape)).toBe(referenceDict(descr, fortranOrder, shape));
      }),
    );
  });

  it("chooses the version NumPy chooses: 1.0, 2.0 past 65535 bytes, 3.0 beyond Latin-1", () => {
    const long: Descr = Array.from({ length: 4000 }, (_, i) => [`field${i}`, "<f8"] as [string, string]);
    const cases: [Descr, NpyVersion][] = [["<f8", "1.0"], [[["\u00e9", "<f8"]], "1.0"], [long, "2.0"], [[["\u03b1", "<f8"]], "3.0"]];
    for (const [descr, version] of cases) expect(writeNpyHeader(descr, false, [2])).toEqual(referenceHeader(descr, false, [2], version));
  });
});
