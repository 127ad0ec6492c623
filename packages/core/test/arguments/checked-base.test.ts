/**
 * `checkedBase`: a base record checked once. What a consumer gets from an
 * exporter serving from it must be exactly what it gets from the same
 * exporter serving from an unchecked copy (the full check of every record),
 * request by request, refusals included; and anything the one check relied
 * on (the request, the ABI, the memory's size, honest contiguity claims)
 * that changes sends the record back to the full check.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BufferFlags,
  checkedBase,
  getBuffer,
  getBufferSymbol,
  isContiguous,
  isPythonError,
  memoryview,
  releaseBuffer,
  serveRequest,
  type BufferRecord,
  type ExporterContiguity,
} from "../../src/index.ts";
import { MESSAGES, REQUESTS } from "../protocol/serving.ts";

/** An exporter answering every request from `base` with `serveRequest`. */
function exporterOver(base: BufferRecord, contiguity: ExporterContiguity): { served: BufferRecord[] } {
  const exporter = {
    served: [] as BufferRecord[],
    [getBufferSymbol]: (flags: number) => {
      const record = serveRequest(base, flags, exporter, contiguity, MESSAGES);
      exporter.served.push(record);
      return record;
    },
  };
  return exporter;
}

/** What a consumer gets for `flags`: the record's fields (its `obj` aside), or the error's kind and message. */
function answer(exporter: object, flags: number, abi?: "lp64" | "wasm32"): unknown {
  try {
    const { obj: _obj, ...fields } = getBuffer(exporter, flags, abi === undefined ? undefined : { abi });
    return { ...fields, shape: fields.shape && [...fields.shape], strides: fields.strides && [...fields.strides] };
  } catch (error) {
    return { error: (error as { pythonType?: string }).pythonType, message: (error as Error).message };
  }
}

const FORMATS = [
  ["B", 1],
  ["h", 2],
  ["<i", 4],
  ["d", 8],
  ["q", 8],
  ["l", 8],
] as const;

/** A base over a block: a C-ordered array of `shape`, its dimensions permuted and some reversed, at an offset. */
const baseArb = fc
  .record({
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 }),
    format: fc.constantFrom(...FORMATS),
    reversed: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    order: fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 0, 2], [0, 2, 1]),
    padding: fc.integer({ min: 0, max: 16 }),
    readonly: fc.boolean(),
  })
  .map(({ shape, format: [format, itemsize], reversed, order, padding, readonly }): BufferRecord => {
    const ndim = shape.length;
    const cStrides = new Array<number>(ndim);
    let stride = itemsize;
    for (let dim = ndim - 1; dim >= 0; dim--) {
      cStrides[dim] = stride;
      stride *= shape[dim]!;
    }
    const len = stride;
    const dims = order.filter((dim) => dim < ndim);
    let buf = padding;
    const strides = dims.map((dim) => {
      if (!reversed[dim] || shape[dim]! === 0) return cStrides[dim]!;
      buf += cStrides[dim]! * (shape[dim]! - 1);
      return -cStrides[dim]!;
    });
    return {
      obj: null,
      memory: new ArrayBuffer(padding + len + 8),
      buf,
      len,
      itemsize,
      readonly,
      format,
      ndim,
      // A 0-d buffer has neither (Py_buffer: "If ndim is 0, ... shape and strides ... NULL").
      shape: ndim === 0 ? null : dims.map((dim) => shape[dim]!),
      strides: ndim === 0 ? null : strides,
      suboffsets: null,
      internal: null,
    };
  });

/** The contiguity a correct exporter claims for `base`. */
function trueContiguity(base: BufferRecord): ExporterContiguity {
  return { cContiguous: isContiguous(base, "C"), fortranContiguous: isContiguous(base, "F") };
}

describe("checkedBase", () => {
  it("serves, request by request, exactly what the full check of every record gives (refusals included)", () => {
    fc.assert(
      fc.property(baseArb, (base) => {
        const checked = exporterOver(checkedBase(base), trueContiguity(base));
        const unchecked = exporterOver(Object.freeze({ ...base }), trueContiguity(base));
        for (const flags of REQUESTS) {
          expect(answer(checked, flags), `flags ${flags}`).toEqual(answer(unchecked, flags));
        }
        // Every record served from the checked base was marked (frozen), none from the other.
        expect(checked.served.every((record) => Object.isFrozen(record))).toBe(true);
        expect(unchecked.served.some((record) => Object.isFrozen(record))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("returns a frozen copy, and the records served from it are frozen: nobody can change them after the check", () => {
    const base = checkedBase({
      obj: null, memory: new ArrayBuffer(24), buf: 0, len: 24, itemsize: 8, readonly: false,
      format: "d", ndim: 2, shape: [3, 1], strides: [8, 8], suboffsets: null, internal: null,
    });
    expect([Object.isFrozen(base), Object.isFrozen(base.shape), Object.isFrozen(base.strides)]).toEqual([true, true, true]);
    const record = serveRequest(base, BufferFlags.FULL_RO, {}, { cContiguous: true, fortranContiguous: true }, MESSAGES);
    expect(() => {
      (record as { buf: number }).buf = 1000;
    }).toThrow(TypeError);
  });

  it("the consumer's copy is its own: release sets its obj to null, and memoryview reads the items", () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const base = checkedBase({
      obj: null, memory: data.buffer, buf: 0, len: 48, itemsize: 8, readonly: false,
      format: "d", ndim: 2, shape: [2, 3], strides: [24, 8], suboffsets: null, internal: null,
    });
    const exporter = exporterOver(base, trueContiguity(base));
    const view = getBuffer(exporter, BufferFlags.FULL_RO);
    expect(Object.isFrozen(view)).toBe(false);
    // Taken without a second check: it shares the base's frozen arrays (the full check copies them).
    expect([view.shape === base.shape, view.strides === base.strides]).toEqual([true, true]);
    releaseBuffer(view);
    expect(view.obj).toBeNull();
    expect(memoryview(exporter).toList()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it("a contiguity the base lacks, claimed by the exporter, sends the record to the full check, which refuses it", () => {
    const base: BufferRecord = {
      obj: null, memory: new ArrayBuffer(16), buf: 0, len: 8, itemsize: 4, readonly: false,
      format: "i", ndim: 1, shape: [2], strides: [8], suboffsets: null, internal: null,
    };
    const lying = { cContiguous: true, fortranContiguous: true };
    const checked = exporterOver(checkedBase(base), lying);
    const unchecked = exporterOver(base, lying);
    for (const flags of REQUESTS) expect(answer(checked, flags), `flags ${flags}`).toEqual(answer(unchecked, flags));
    // Where the record shows its strides, the full check sees through the claim.
    for (const flags of [BufferFlags.C_CONTIGUOUS, BufferFlags.F_CONTIGUOUS, BufferFlags.ANY_CONTIGUOUS]) {
      const got = answer(checked, flags) as { error?: string; message?: string };
      expect(got.error).toBe("BufferError");
      expect(got.message).toMatch(/exported an invalid buffer/);
    }
    expect(checked.served.some((record) => Object.isFrozen(record))).toBe(false);
  });

  it("memory resized or detached after the check: the full check answers, never a record outside the block", () => {
    const memory = new ArrayBuffer(32, { maxByteLength: 64 });
    const base = checkedBase({
      obj: null, memory, buf: 0, len: 32, itemsize: 8, readonly: false,
      format: "d", ndim: 1, shape: [4], strides: [8], suboffsets: null, internal: null,
    });
    const exporter = exporterOver(base, trueContiguity(base));
    expect(memoryview(exporter).length).toBe(4);
    memory.resize(16);
    const shrunk = answer(exporter, BufferFlags.FULL_RO) as { error?: string; message?: string };
    expect(shrunk.error).toBe("BufferError");
    expect(shrunk.message).toMatch(/outside the memory block of 16 bytes/);
    memory.resize(64); // grown: still inside, so the full check accepts it
    expect(memoryview(exporter).toList()).toEqual([0, 0, 0, 0]);
    structuredClone(memory, { transfer: [memory] }); // detaches it
    expect((answer(exporter, BufferFlags.FULL_RO) as { error?: string }).error).toBe("BufferError");
  });

  it("a consumer with another ABI checks the record in full: 'l' is 8 bytes on lp64, 4 on wasm32", () => {
    const base = checkedBase({
      obj: null, memory: new ArrayBuffer(16), buf: 0, len: 16, itemsize: 8, readonly: true,
      format: "l", ndim: 1, shape: [2], strides: [8], suboffsets: null, internal: null,
    });
    const exporter = exporterOver(base, trueContiguity(base));
    expect((answer(exporter, BufferFlags.FULL_RO, "lp64") as { itemsize: number }).itemsize).toBe(8);
    const refused = answer(exporter, BufferFlags.FULL_RO, "wasm32") as { error?: string; message?: string };
    expect(refused.error).toBe("BufferError");
    expect(refused.message).toMatch(/itemsize 8 != calcsize\("l"\) = 4/);
  });

  it("a copy of a served record is no served record: an exporter cannot forge the mark", () => {
    const memory = new ArrayBuffer(8);
    const base = checkedBase({
      obj: null, memory, buf: 0, len: 8, itemsize: 1, readonly: false,
      format: "B", ndim: 1, shape: [8], strides: [1], suboffsets: null, internal: null,
    });
    const served = serveRequest(base, BufferFlags.FULL_RO, {}, trueContiguity(base), MESSAGES);
    const forger = { [getBufferSymbol]: () => Object.freeze({ ...served, obj: forger, len: 4096, shape: [4096] }) };
    const forged = answer(forger, BufferFlags.FULL_RO) as { error?: string; message?: string };
    expect(forged.error).toBe("BufferError");
    expect(forged.message).toMatch(/outside the memory block/);
    // A served record answered to another request than the one asked is checked in full too.
    const mismatched = { [getBufferSymbol]: () => serveRequest(base, BufferFlags.SIMPLE, mismatched, trueContiguity(base), MESSAGES) };
    expect((answer(mismatched, BufferFlags.FULL_RO) as { error?: string }).error).toBe("BufferError");
  });

  it("a base it cannot mark (no format, or suboffsets) is still checked and frozen, and its records are checked each time", () => {
    const base = checkedBase({
      obj: null, memory: new ArrayBuffer(8), buf: 0, len: 8, itemsize: 1, readonly: false,
      format: null, ndim: 1, shape: [8], strides: [1], suboffsets: null, internal: null,
    });
    expect(Object.isFrozen(base)).toBe(true);
    const record = serveRequest(base, BufferFlags.FULL_RO, {}, trueContiguity(base), MESSAGES);
    expect(Object.isFrozen(record)).toBe(false);
  });

  it("refuses what is no sound base with the right Python error", () => {
    const sound: BufferRecord = {
      obj: null, memory: new ArrayBuffer(8), buf: 0, len: 8, itemsize: 1, readonly: false,
      format: "B", ndim: 1, shape: [8], strides: [1], suboffsets: null, internal: null,
    };
    const kinds = [
      () => checkedBase(5 as never),
      () => checkedBase({ ...sound, strides: [16] }),
      () => checkedBase(sound, { abi: "bogus" as never }),
      () => checkedBase(sound, { flags: 1 } as never),
    ].map((call) => {
      try {
        call();
        return "no error";
      } catch (error) {
        return isPythonError(error) ? (error as { pythonType: string }).pythonType : "bare";
      }
    });
    expect(kinds).toEqual(["TypeError", "BufferError", "ValueError", "TypeError"]);
  });
});
