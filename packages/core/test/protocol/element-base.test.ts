/**
 * `checkedElementBase`: the base record of an array described in elements,
 * checked once by core when its exporter is made. It must accept exactly
 * the geometries whose every item lies inside the data (found here by
 * visiting every index), build a base that a consumer's full check accepts
 * for every request, and read each field of a hostile geometry once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BufferFlags, getBufferSymbol, memoryview, type BufferRecord } from "../../src/index.ts";
import { checkedElementBase, type ElementGeometry } from "../../src/internal.ts";
import { recordProblem } from "../../src/protocol/validate-record.ts";
import { MESSAGES, REQUESTS } from "./serving.ts";

/** Whether every item the geometry reaches lies inside its data, found by visiting each index. */
function everyItemInside({ shape, strides, offset, length }: ElementGeometry): boolean {
  const index = shape.map(() => 0);
  if (shape.some((extent) => extent === 0)) return true;
  for (;;) {
    const element = index.reduce((sum, i, dim) => sum + i * strides[dim]!, offset);
    if (element < 0 || element >= length) return false;
    let dim = shape.length - 1;
    while (dim >= 0 && ++index[dim]! === shape[dim]) index[dim--] = 0;
    if (dim < 0) return true;
  }
}

const FORMATS: ReadonlyArray<readonly [string, number]> = [
  ["B", 1],
  ["h", 2],
  ["f", 4],
  ["d", 8],
  ["3s", 3],
];

const geometries = fc
  .record({
    kind: fc.constantFrom(...FORMATS),
    memoryBytes: fc.integer({ min: 0, max: 96 }),
    byteOffset: fc.integer({ min: 0, max: 16 }),
    length: fc.integer({ min: 0, max: 12 }),
    dims: fc.array(fc.record({ extent: fc.integer({ min: 0, max: 4 }), stride: fc.integer({ min: -5, max: 5 }) }), { maxLength: 3 }),
    offset: fc.integer({ min: -3, max: 14 }),
    readonly: fc.boolean(),
  })
  .map(
    ({ kind: [format, itemsize], memoryBytes, byteOffset, length, dims, offset, readonly }): ElementGeometry => ({
      memory: new ArrayBuffer(memoryBytes),
      byteOffset,
      length,
      format,
      itemsize,
      shape: dims.map((dim) => dim.extent),
      strides: dims.map((dim) => dim.stride),
      offset,
      readonly,
    }),
  );

describe("checkedElementBase", () => {
  it("accepts exactly the geometries whose items lie inside their data, inside their memory, and builds a base every request's full check accepts", () => {
    fc.assert(
      fc.property(geometries, (geometry) => {
        const fits = geometry.byteOffset + geometry.length * geometry.itemsize <= geometry.memory.byteLength;
        const expected = fits && everyItemInside(geometry);
        const owner = {};
        let elements: ReturnType<typeof checkedElementBase> | undefined;
        try {
          elements = checkedElementBase(owner, geometry, "lib", MESSAGES);
        } catch (error) {
          expect(error).toMatchObject({ pythonType: "BufferError" });
          expect((error as Error).message.startsWith("lib: ")).toBe(true);
        }
        expect(elements !== undefined).toBe(expected);
        if (elements === undefined) return;
        for (const flags of REQUESTS) {
          let record: BufferRecord;
          try {
            record = elements.serve(flags);
          } catch (error) {
            expect(error).toMatchObject({ pythonType: "BufferError" });
            continue;
          }
          expect(record.obj).toBe(owner);
          expect(recordProblem({ ...record }, flags, undefined)).toBeNull();
          // Served from a checked base (frozen), unless the memory is empty (a detached buffer looks the same).
          expect(Object.isFrozen(record)).toBe(geometry.memory.byteLength > 0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps its base and check to itself: nothing to change after the check", () => {
    const elements = checkedElementBase({}, { memory: new ArrayBuffer(8), byteOffset: 0, length: 8, format: "B", itemsize: 1, shape: [8], strides: [1], offset: 0, readonly: false }, "lib", MESSAGES);
    expect(Object.keys(elements)).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(elements)).sort()).toEqual(["constructor", "serve"]);
  });

  it("serves views that read the items the geometry describes", () => {
    const data = new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]);
    // Rows 1 and 0 (reversed), columns 3, 1 of a 2x4 array stored row-major.
    const geometry: ElementGeometry = {
      memory: data.buffer,
      byteOffset: 0,
      length: 8,
      format: "d",
      itemsize: 8,
      shape: [2, 2],
      strides: [-4, -2],
      offset: 7,
      readonly: false,
    };
    const exporter = { [getBufferSymbol]: (flags: number) => elements.serve(flags) };
    const elements = checkedElementBase(exporter, geometry, "lib", MESSAGES);
    expect(memoryview(exporter).toList()).toEqual([
      [7, 5],
      [3, 1],
    ]);
  });

  it("copies and freezes shape and strides: the caller's arrays changed later change nothing", () => {
    const shape = [2, 3];
    const strides = [3, 1];
    const elements = checkedElementBase({}, { memory: new ArrayBuffer(48), byteOffset: 0, length: 6, format: "d", itemsize: 8, shape, strides, offset: 0, readonly: false }, "lib", MESSAGES);
    shape[0] = 1000;
    strides[0] = 1000;
    const base = elements.serve(BufferFlags.FULL_RO);
    expect([base.shape, base.strides]).toEqual([
      [2, 3],
      [24, 8],
    ]);
    expect(Object.isFrozen(base.shape) && Object.isFrozen(base.strides)).toBe(true);
  });

  it("reads each field of the geometry once, so a getter cannot answer the check and the record differently", () => {
    const reads = new Map<string, number>();
    const values: Record<string, unknown> = { memory: new ArrayBuffer(64), byteOffset: 0, length: 8, format: "d", itemsize: 8, shape: [8], strides: [1], offset: 0, readonly: false };
    const geometry = new Proxy(values, {
      get(target, key: string) {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        // A second read of the shape would reach past the data.
        return key === "shape" && reads.get(key)! > 1 ? [1000] : target[key];
      },
    });
    const elements = checkedElementBase({}, geometry as unknown as ElementGeometry, "lib", MESSAGES);
    expect(elements.serve(BufferFlags.FULL_RO).shape).toEqual([8]);
    expect([...reads.values()].every((count) => count === 1)).toBe(true);
  });

  it.each([
    [{ format: 1 }, "lib: the format must be a string and readonly a boolean"],
    [{ memory: new Uint8Array(8) }, "lib: the memory must be an ArrayBuffer or SharedArrayBuffer"],
    [{ itemsize: 0 }, "lib: byteOffset, length and itemsize must be non-negative integers (itemsize at least 1)"],
    [{ length: 9 }, "lib: the data (9 elements at byte 0) reaches past the memory's 64 bytes"],
    [{ itemsize: 4 }, 'lib: itemsize 4 != calcsize("d") = 8'],
    [{ strides: [1, 1] }, "lib: shape and strides must be arrays of the same length"],
    [{ shape: [1.5] }, "lib: shape, strides and offset must be integers (extents non-negative)"],
    [{ offset: 1 }, "lib: the view reaches elements 1 to 8, outside its data of 8 elements"],
    [{ shape: new Array(65).fill(1), strides: new Array(65).fill(0) }, "lib: ndim 65 exceeds the maximum of 64"],
    // What a consumer checks of any record's layout: a len and strides a Py_ssize_t holds.
    [{ shape: [2 ** 40, 2 ** 40], strides: [0, 0] }, "lib: len 9.671406556917033e+24 is not a non-negative integer"],
    [{ format: "2048s", itemsize: 2048, memory: new ArrayBuffer(2048 * 8), strides: [2 ** 53 - 1], shape: [1] }, "lib: strides is not null or an array of 1 integers"],
  ])("refuses %o with a BufferError saying why", (change, message) => {
    const geometry = { memory: new ArrayBuffer(64), byteOffset: 0, length: 8, format: "d", itemsize: 8, shape: [8], strides: [1], offset: 0, readonly: false, ...change };
    expect(() => checkedElementBase({}, geometry as ElementGeometry, "lib", MESSAGES)).toThrow(expect.objectContaining({ pythonType: "BufferError", message }));
  });
});
