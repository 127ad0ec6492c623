/**
 * The C-API helpers, options objects and the slice and byte helpers on
 * hostile input: a record that did not come from getBuffer is checked like
 * an exporter's answer, options go through one check, and every argument
 * position, throwing Proxies included, gives a Python error or a value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as core from "../../src/index.ts";
import * as internal from "../../src/internal.ts";
import { bareError, cutOffBytes, detachedBytes, hostileValueArb, outcome, revokedProxy, thrownBy, trappedProxy } from "./hostile-values.ts";

type Entry = readonly [string, (a: unknown, b: unknown) => unknown];

const issued = (): core.BufferRecord => core.getBuffer(new Uint8Array(8), core.BufferFlags.FULL);
const temporary = (): core.BufferRecord => core.fillInfo(null, new ArrayBuffer(8), 0, 8, false, core.BufferFlags.FULL);

const ENTRIES: readonly Entry[] = [
  ["toContiguous(a, b)", (a, b) => core.toContiguous(a as never, b as "C")],
  ["toContiguous(issued, 'C', a, b)", (a, b) => core.toContiguous(issued(), "C", a as Uint8Array, b as never)],
  ["fromContiguous(a, b)", (a, b) => core.fromContiguous(a as never, b as Uint8Array)],
  ["fromContiguous(temporary, a, 'C', b)", (a, b) => core.fromContiguous(temporary(), a as Uint8Array, "C", b as never)],
  ["getPointer(a, b)", (a, b) => core.getPointer(a as never, b as number[])],
  ["getPointer(issued, [0], a)", (a) => core.getPointer(issued(), [0], a as never)],
  ["isContiguous(a, b)", (a, b) => core.isContiguous(a as never, b as string)],
  ["fillContiguousStrides(a, b, 'C')", (a, b) => core.fillContiguousStrides(a as number[], b as number, "C")],
  ["fillInfo(a, b, 0, 8, true, 0)", (a, b) => core.fillInfo(a as object, b as ArrayBuffer, 0, 8, true, 0)],
  ["fillInfo(null, memory, a, b, false, 0)", (a, b) => core.fillInfo(null, new ArrayBuffer(8), a as number, b as number, false, 0)],
  ["fillInfo(null, memory, 0, 8, a, b)", (a, b) => core.fillInfo(null, new ArrayBuffer(8), 0, 8, a as boolean, b as number)],
  ["memoryViewFromBuffer(a, b)", (a, b) => core.memoryViewFromBuffer(a as never, b as never)],
  ["memoryViewFromMemory(a, b, 4, WRITE)", (a, b) => core.memoryViewFromMemory(a as ArrayBuffer, b as number, 4, core.BufferFlags.WRITE)],
  ["memoryViewFromMemory(memory, 0, a, b)", (a, b) => core.memoryViewFromMemory(new ArrayBuffer(8), 0, a as number, b as number)],
  ["releaseBuffer(a)", (a) => core.releaseBuffer(a as never)],
  ["serveRequest(a, b, ...)", (a, b) => core.serveRequest(a as never, b as number, {}, { cContiguous: true, fortranContiguous: true }, {} as never)],
  ["checkedBase(a, b)", (a, b) => core.checkedBase(a as never, b as never)],
  ["serveRequest(checkedBase(temporary), a, ...)", (a) => core.serveRequest(core.checkedBase(temporary()), a as number, {}, { cContiguous: true, fortranContiguous: true }, {} as never)],
  ["isDetached(a)", (a) => core.isDetached(a as ArrayBuffer)],
  ["currentBlock(a)", (a) => core.currentBlock(a as ArrayBuffer)],
  ["growableBlock(a)", (a) => core.growableBlock(a as never)],
  ["getBuffer(u8, SIMPLE, a)", (a) => core.getBuffer(new Uint8Array(4), 0, a as never)],
  ["getBuffer(exporter, SIMPLE, a)", (a) => core.getBuffer(core.memoryview(new Uint8Array(4)), 0, a as never)],
  ["memoryview(u8, a)", (a) => core.memoryview(new Uint8Array(4), a as never)],
  ["copyData(u8, u8, a)", (a) => core.copyData(new Uint8Array(4), new Uint8Array(4), a as never)],
  ["sizeFromFormat(a, b)", (a, b) => core.sizeFromFormat(a as string, b as never)],
  ["parseExtendedFormat(a, b)", (a, b) => core.parseExtendedFormat(a as string, b as never)],
  ["adjustSliceIndices(a, b, 0, 1)", (a, b) => core.adjustSliceIndices(a as number, b as number, 0, 1)],
  ["adjustSliceIndices(8, 0, a, b)", (a, b) => core.adjustSliceIndices(8, 0, a as number, b as number)],
  ["unpackSlice(a, b)", (a, b) => core.unpackSlice(a as core.Slice, b as number)],
  ["slice(a, b).indices(8)", (a, b) => core.slice(a as number, b as number).indices(8)],
  ["slice(1).indices(a)", (a) => core.slice(1).indices(a as number)],
  ["copyOfBytes(a)", (a) => internal.copyOfBytes(a as Uint8Array)],
  ["concatBytes(a)", (a) => internal.concatBytes(a as Uint8Array[])],
  ["concatBytes([u8, a])", (a) => internal.concatBytes([new Uint8Array(2), a as Uint8Array])],
  ["readOptions(a, 'f', checks)", (a) => internal.readOptions(a, "f", { abi: internal.optionChecks.abi, n: internal.optionChecks.integer })],
  ["readOptions({ abi: a, n: b }, 'f', checks)", (a, b) => internal.readOptions({ abi: a, n: b }, "f", { abi: internal.optionChecks.abi, n: internal.optionChecks.integerArray })],
];

describe("the C-API helpers, options and byte helpers raise only Python errors on hostile input", () => {
  it("every entry, hostile values (throwing Proxies included) in its open positions", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENTRIES), hostileValueArb, hostileValueArb, ([name, call], [aName, a], [bName, b]) => {
        expect(bareError(() => call(a(), b())), `${name} with a = ${aName}, b = ${bName}`).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});

describe("a record that did not come from getBuffer is checked like an exporter's answer", () => {
  it("garbage is a TypeError naming the helper", () => {
    for (const value of [null, 0, "B", undefined]) {
      expect(outcome(() => core.toContiguous(value as never))).toBe("TypeError");
      expect(outcome(() => core.getPointer(value as never, []))).toBe("TypeError");
      expect(outcome(() => core.isContiguous(value as never, "C"))).toBe("TypeError");
      expect(outcome(() => core.memoryViewFromBuffer(value as never))).toBe("TypeError");
      expect(outcome(() => core.releaseBuffer(value as never))).toBe("TypeError");
    }
    expect((thrownBy(() => core.toContiguous(null as never)) as Error).message).toBe("toContiguous() argument must be a buffer record, not 'NoneType'");
  });

  it("a record missing fields, or lying about its length, is a BufferError and nothing is read", () => {
    const lying = { ...temporary(), len: 1 << 20, shape: [1 << 20] };
    expect(outcome(() => core.toContiguous({ memory: new ArrayBuffer(8) } as never))).toBe("BufferError");
    const error = thrownBy(() => core.toContiguous(lying)) as Error;
    expect(core.isPythonError(error, "BufferError")).toBe(true);
    expect(error.message).toMatch(/^invalid buffer record: .*outside the memory block/);
    expect(outcome(() => core.fromContiguous(lying, new Uint8Array(4)))).toBe("BufferError");
    expect(outcome(() => core.getPointer({ ...temporary(), strides: [1 << 20] }, [0]))).toBe("BufferError");
    expect(outcome(() => core.isContiguous({ len: 8, itemsize: 1, ndim: 3, shape: null, strides: null, suboffsets: null }, "F"))).toBe("BufferError");
  });

  it("a revoked or trapping Proxy as the record is a BufferError with the cause kept", () => {
    for (const proxy of [revokedProxy(), trappedProxy()]) {
      for (const call of [() => core.toContiguous(proxy as never), () => core.memoryViewFromBuffer(proxy as never), () => core.isContiguous(proxy as never, "C")]) {
        const error = thrownBy(call) as Error;
        expect(core.isPythonError(error, "BufferError")).toBe(true);
        expect(error.cause).toBeInstanceOf(Error);
      }
    }
  });

  it("reads each field of a foreign record once: a getter cannot pass the check and then answer otherwise", () => {
    let reads = 0;
    const record = { ...temporary() } as Record<string, unknown>;
    Object.defineProperty(record, "len", {
      get: () => (++reads === 1 ? 8 : 1 << 30),
      enumerable: true,
    });
    expect(core.toContiguous(record as never)).toEqual(new Uint8Array(8));
    expect(reads).toBe(1);
  });

  it("sound records, issued or built by fillInfo, keep working", () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const view = core.getBuffer(bytes, core.BufferFlags.FULL);
    expect(core.toContiguous(view)).toEqual(bytes);
    expect(core.getPointer(view, [3])).toBe(3);
    core.fromContiguous(core.fillInfo(null, bytes.buffer, 1, 2, false, core.BufferFlags.FULL), new Uint8Array([9, 9]));
    expect([...bytes]).toEqual([1, 9, 9, 4]);
    core.releaseBuffer(view);
    core.releaseBuffer(core.fillInfo(null, bytes.buffer, 0, 4, true, 0)); // a temporary record: nothing to release
  });

  it("byte arrays and memory blocks given to the helpers are checked for kind and for memory that is gone", () => {
    expect(outcome(() => core.toContiguous(issued(), "C", detachedBytes()))).toBe("BufferError");
    expect(outcome(() => core.fromContiguous(issued(), cutOffBytes()))).toBe("BufferError");
    expect(outcome(() => core.fromContiguous(issued(), [1, 2] as never))).toBe("TypeError");
    expect(outcome(() => core.fillInfo(null, null as never, 0, 0, true, 0))).toBe("TypeError");
    expect(outcome(() => core.memoryViewFromMemory({} as never, 0, 0, core.BufferFlags.READ))).toBe("TypeError");
    expect(outcome(() => core.memoryViewFromMemory(new ArrayBuffer(8), trappedProxy() as never, 4, core.BufferFlags.READ))).toBe("TypeError");
    expect(outcome(() => core.isDetached(null as never))).toBe("TypeError");
    expect(outcome(() => core.currentBlock(revokedProxy() as never))).toBe("TypeError");
    expect(outcome(() => core.growableBlock({ buffer: new ArrayBuffer(1) } as never))).toBe("TypeError");
    expect(outcome(() => core.fillContiguousStrides([2, -1], 1, "C"))).toBe("ValueError");
    expect(outcome(() => core.fillContiguousStrides(new Array(2 ** 32 - 1), 1, "C"))).toBe("ValueError");
    expect(outcome(() => core.getPointer(issued(), ["0"] as never))).toBe("TypeError");
  });
});

describe("options objects go through one check", () => {
  it("refuses options that are not a plain object, unknown options and values of the wrong kind with TypeError", () => {
    const u8 = new Uint8Array(4);
    expect((thrownBy(() => core.getBuffer(u8, 0, 1 as never)) as Error).message).toBe("getBuffer() options must be a plain object, not 'int'");
    expect((thrownBy(() => core.getBuffer(u8, 0, { abi: "lp64", abl: 1 } as never)) as Error).message).toBe(
      "getBuffer() got an unexpected keyword argument 'abl'",
    );
    expect((thrownBy(() => core.getBuffer(u8, 0, { abi: 64 } as never)) as Error).message).toBe("getBuffer() argument 'abi' must be str, not 'int'");
    expect(outcome(() => core.getBuffer(u8, 0, new Map() as never))).toBe("TypeError");
    expect(outcome(() => core.sizeFromFormat("l", [] as never))).toBe("TypeError");
    expect(outcome(() => core.parseExtendedFormat("l", { abi: null } as never))).toBe("TypeError");
    expect(outcome(() => core.toContiguous(issued(), "C", undefined, { order: "C" } as never))).toBe("TypeError");
  });

  it("refuses a bad value of the right kind with ValueError, for built-in exporters as for custom ones", () => {
    expect(outcome(() => core.getBuffer(new Uint8Array(4), 0, { abi: "bogus" as never }))).toBe("ValueError");
    expect(outcome(() => core.getBuffer(core.memoryview(new Uint8Array(4)), 0, { abi: "bogus" as never }))).toBe("ValueError");
    expect(outcome(() => core.memoryViewFromBuffer(temporary(), "bogus" as never))).toBe("ValueError");
    expect(core.sizeFromFormat("l", { abi: "wasm32" })).toBe(4);
    expect(core.parseExtendedFormat("l", { abi: undefined } as never).size).toBe(8);
  });

  it("reads each option once, and a revoked Proxy as options is a TypeError with the cause kept", () => {
    let reads = 0;
    const options = {
      get abi() {
        reads++;
        return "wasm32";
      },
    };
    expect(core.sizeFromFormat("l", options as never)).toBe(4);
    expect(reads).toBe(1);
    expect(outcome(() => internal.readOptions({ shape: revokedProxy() }, "f", { shape: internal.optionChecks.integerArray }))).toBe("TypeError");
    const error = thrownBy(() => core.getBuffer(new Uint8Array(4), 0, revokedProxy() as never)) as Error;
    expect(core.isPythonError(error, "TypeError")).toBe(true);
    expect(error.cause).toBeInstanceOf(TypeError);
  });
});

describe("the slice and byte helpers check their arguments (PySlice_Unpack, PySlice_AdjustIndices)", () => {
  it("adjustSliceIndices refuses non-integers, a negative length and a zero step", () => {
    expect(outcome(() => core.adjustSliceIndices("5" as never, 0, 5, 1))).toBe("TypeError");
    expect(outcome(() => core.adjustSliceIndices(5, Number.NaN, 5, 1))).toBe("TypeError");
    expect(outcome(() => core.adjustSliceIndices(5, 0, 5, 0))).toBe("ValueError");
    expect((thrownBy(() => core.slice(1).indices(-1)) as Error).message).toBe("length should not be negative");
    expect(core.adjustSliceIndices(2 ** 53, -1, 2 ** 60, 1)).toEqual([2 ** 53 - 1, 2 ** 53, 1, 1]);
  });

  it("unpackSlice takes a Slice only", () => {
    expect((thrownBy(() => core.unpackSlice({ start: 0, stop: 1, step: 1 } as never)) as Error).message).toBe("expected a slice, not 'dict'");
    expect(outcome(() => core.unpackSlice(revokedProxy() as never))).toBe("TypeError");
    expect(outcome(() => core.unpackSlice(core.slice(1), 0))).toBe("ValueError");
  });

  it("copyOfBytes and concatBytes refuse non-arrays, gone memory and lists past what a heap holds", () => {
    expect(outcome(() => internal.copyOfBytes(detachedBytes()))).toBe("BufferError");
    expect(outcome(() => internal.copyOfBytes(cutOffBytes()))).toBe("BufferError");
    expect(outcome(() => internal.copyOfBytes([1] as never))).toBe("TypeError");
    expect(outcome(() => internal.concatBytes(new Uint8Array(2) as never))).toBe("TypeError");
    expect(outcome(() => internal.concatBytes([new Uint8Array(1), detachedBytes()]))).toBe("BufferError");
    const claimsHuge = new Proxy([new Uint8Array(0)], { get: (target, key) => (key === "length" ? 2 ** 32 - 1 : target[0]) });
    expect(outcome(() => internal.concatBytes(claimsHuge))).toBe("MemoryError");
    expect(internal.concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])])).toEqual(new Uint8Array([1, 2, 3]));
  });
});
