/**
 * The struct engine's fast paths against its general ones. A Struct used
 * often enough reads a plain Uint8Array through its elements
 * (src/format/byte-readers.ts) instead of a DataView over its memory; 8-byte
 * integers are read as two 32-bit words, and a safe integer packs into an
 * 8-byte code without becoming a bigint; an iterator keeps its DataView.
 * Each must answer exactly as the general path: same values bit for bit
 * (-0 included), same errors, and memory that is gone still an error. A
 * NaN's payload and sign are compared where the reader returns it
 * (test/format/byte-readers.test.ts), not inside a result array: V8 itself
 * stores NaNs into an all-number array sometimes as they are and sometimes
 * as its canonical NaN, whichever path read them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getBufferSymbol, isPythonError, pack, Struct, type StructValue } from "../../src/index.ts";
import { bytePoolArb, bytesFromPool, formatSpecArb } from "../oracle/struct-arbitraries.ts";
import { exporterOf } from "./bytes-exporter.ts";

/** More uses than a Struct waits for before it generates its code (and its byte reader). */
const WARM_UP = 40;

const doubleBits = new DataView(new ArrayBuffer(8));

/** A value as text that tells every double but NaN apart by its bits (-0 included), and bigints from numbers. */
function exact(value: StructValue): string {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "number:NaN";
    doubleBits.setFloat64(0, value);
    return `number:${doubleBits.getBigUint64(0).toString(16)}`;
  }
  if (typeof value === "bigint") return `bigint:${value}`;
  if (value instanceof Uint8Array) return `bytes:${[...value].join(",")}`;
  if (typeof value === "object") return `complex:${exact(value.real)},${exact(value.imag)}`;
  return `${typeof value}:${String(value)}`;
}

function outcome(read: () => StructValue[]): unknown {
  try {
    return { ok: read().map(exact) };
  } catch (error) {
    if (isPythonError(error)) return { error: error.pythonType, message: error.message };
    return { bare: String(error) };
  }
}

/** A Struct past its warm-up, so that its generated code and byte reader are in use. */
function warmStruct(format: string, abi: "lp64" | "wasm32"): Struct {
  const struct = new Struct(format, { abi });
  const zeros = new Uint8Array(struct.size);
  for (let use = 0; use < WARM_UP; use++) struct.unpack(zeros);
  return struct;
}

const offsetArb = fc.oneof(fc.integer({ min: -20, max: 40 }), fc.constantFrom<number | bigint>(0n, -1n, 2 ** 53, -(2n ** 63n)));

describe("a warm Struct reads a plain Uint8Array through its elements", () => {
  it("gives unpackFrom's values bit for bit, or its error, as the protocol's DataView path does", () => {
    fc.assert(
      fc.property(formatSpecArb, fc.constantFrom<"lp64" | "wasm32">("lp64", "wasm32"), bytePoolArb, fc.nat(9), offsetArb, (spec, abi, pool, extra, offset) => {
        const struct = warmStruct(spec.text, abi);
        const bytes = bytesFromPool(pool, struct.size + extra).subarray(extra > 4 ? 3 : 0);
        const general = outcome(() => struct.unpackFrom(exporterOf(bytes), offset));
        expect(outcome(() => struct.unpackFrom(bytes, offset))).toEqual(general);
        expect(outcome(() => struct.unpackFrom(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), offset))).toEqual(general);
        expect(outcome(() => struct.unpack(bytes))).toEqual(outcome(() => struct.unpack(exporterOf(bytes))));
      }),
      { numRuns: 1500 },
    );
  });

  it("reads the 64-bit boundaries, -0, infinities and NaNs in both byte orders", () => {
    const cases: [string, number[]][] = [
      ["<q", [0, 0, 0, 0, 0, 0, 0x20, 0]], // 2**53
      ["<q", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1f, 0]], // 2**53 - 1
      ["<q", [0, 0, 0, 0, 0, 0, 0, 0x80]], // -2**63
      ["<q", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]], // -1
      ["<Q", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]], // 2**64 - 1
      [">Q", [0x80, 0, 0, 0, 0, 0, 0, 1]], // 2**63 + 1
      [">q", [0x80, 0, 0, 0, 0, 0, 0, 0]], // -2**63
      ["<d", [0, 0, 0, 0, 0, 0, 0, 0x80]], // -0
      [">d", [0xff, 0xf0, 0, 0, 0, 0, 0, 0]], // -inf
      ["<d", [1, 0, 0, 0, 0, 0, 0xf0, 0x7f]], // a signalling NaN with payload 1
      [">d", [0xff, 0xf8, 0, 0, 0, 0, 0xbe, 0xef]], // a negative quiet NaN with a payload
      ["<f", [1, 0, 0x80, 0xff]], // a negative signalling NaN of single precision
      [">f", [0x80, 0, 0, 0]], // -0
      ["<e", [1, 0x7c]], // a half-precision NaN with a payload
      [">e", [0xfc, 0]], // -inf
      ["<i", [0, 0, 0, 0x80]],
      [">I", [0xff, 0xff, 0xff, 0xff]],
      ["<h", [0, 0x80]],
      [">H", [0xff, 0xfe]],
      ["b", [0x80]],
      ["<?", [0x02]],
      ["@P", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
      ["@l", [0, 0, 0, 0, 0, 0, 0, 0x80]],
    ];
    for (const [format, data] of cases) {
      const struct = warmStruct(format, "lp64");
      const bytes = Uint8Array.from(data);
      const general = outcome(() => struct.unpack(exporterOf(bytes)));
      expect(outcome(() => struct.unpack(bytes)), format).toEqual(general);
      expect(general, format).toEqual(outcome(() => new Struct(format).unpack(new DataView(bytes.buffer))));
    }
    expect(warmStruct("<Q", "lp64").unpack(new Uint8Array(8).fill(0xff))).toEqual([2n ** 64n - 1n]);
    expect(warmStruct(">q", "lp64").unpack(Uint8Array.of(0x80, 0, 0, 0, 0, 0, 0, 0))).toEqual([-(2n ** 63n)]);
  });

  it("leaves memory that is gone an error: a detached array and one a resize cut off", () => {
    const struct = warmStruct("<iq", "lp64");
    const detached = new Uint8Array(12);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expect(outcome(() => struct.unpackFrom(detached))).toMatchObject({ error: "BufferError" });
    expect(outcome(() => struct.unpack(detached))).toMatchObject({ error: "BufferError" });

    const memory = new ArrayBuffer(16, { maxByteLength: 32 });
    const fixed = new Uint8Array(memory, 0, 12);
    const tracking = new Uint8Array(memory);
    memory.resize(8);
    expect(outcome(() => struct.unpack(fixed))).toMatchObject({ error: "BufferError" });
    expect(outcome(() => struct.unpackFrom(tracking))).toEqual({
      error: "struct.error",
      message: "unpack_from requires a buffer of at least 12 bytes for unpacking 12 bytes at offset 0 (actual buffer size is 8)",
    });
  });

  it("trusts no overridden length: reads only bytes that are there, and says what the true length is", () => {
    class Longer extends Uint8Array {
      override get length(): number {
        return 1000;
      }
    }
    class Shorter extends Uint8Array {
      override get length(): number {
        return 1;
      }
    }
    const struct = warmStruct("<iq", "lp64");
    for (const lying of [new Longer(8), new Shorter(12), Object.defineProperty(new Uint8Array(4), "length", { value: 12 })]) {
      const truth = new Uint8Array(lying.buffer, lying.byteOffset, lying.byteLength);
      for (const offset of [0, 1, 4, -12]) {
        expect(outcome(() => struct.unpackFrom(lying, offset))).toEqual(outcome(() => struct.unpackFrom(exporterOf(truth), offset)));
      }
      expect(outcome(() => struct.unpack(lying))).toEqual(outcome(() => struct.unpack(exporterOf(truth))));
    }
    expect(outcome(() => struct.unpackFrom(new Longer(8)))).toEqual({
      error: "struct.error",
      message: "unpack_from requires a buffer of at least 12 bytes for unpacking 12 bytes at offset 0 (actual buffer size is 8)",
    });
  });

  it("takes the protocol's path for a Uint8Array that is an exporter of its own", () => {
    const struct = warmStruct("<h", "lp64");
    const own = Object.assign(Uint8Array.of(1, 0), {
      [getBufferSymbol]: () => {
        throw new Error("asked");
      },
    });
    expect(() => struct.unpack(own)).toThrow("asked");
  });
});

describe("a safe integer packs into an 8-byte code as its bigint does", () => {
  const SAFE_EDGES = [0, -0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, -(2 ** 32), 2 ** 53 - 1, -(2 ** 53 - 1)];
  const FORMATS = ["<q", ">q", "<Q", ">Q", "@q", "@Q", "@l", "@L", "@n", "@N", "<3q", "<10q", "<10Q", ">10q", "@10q", "@x9q"];

  it("writes the same bytes, alone, in runs and in bulk, before and after the struct's code is generated", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMATS),
        fc.oneof(fc.constantFrom(...SAFE_EDGES), fc.maxSafeInteger(), fc.maxSafeNat()),
        (format, value) => {
          const struct = new Struct(format);
          const values = Array.from({ length: struct.valueCount }, (_, i) => (i % 2 === 0 ? value : -value));
          const outcomes = Array.from({ length: WARM_UP }, () => packOutcome(() => struct.pack(...values)));
          const asBigints = packOutcome(() => pack(format, ...values.map((v) => BigInt(v))));
          for (const later of outcomes) expect(later).toEqual(asBigints);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("keeps the bigint path's limits and errors: 2**53, -2**63, 2**64 - 1, negatives for Q, bools", () => {
    const struct = new Struct("<Q");
    for (let use = 0; use < WARM_UP; use++) {
      expect(struct.pack(2 ** 53)).toEqual(pack("<Q", 2n ** 53n));
      expect(struct.pack(2 ** 64 - 2048)).toEqual(pack("<Q", 2n ** 64n - 2048n));
      expect(struct.pack(2n ** 64n - 1n)).toEqual(new Uint8Array(8).fill(0xff));
      expect(struct.pack(true)).toEqual(pack("<Q", 1n));
      expect(packOutcome(() => struct.pack(-1))).toEqual({ error: "struct.error", message: "'Q' format requires 0 <= number <= 18446744073709551615" });
      expect(packOutcome(() => struct.pack(2 ** 64))).toEqual({ error: "struct.error", message: "'Q' format requires 0 <= number <= 18446744073709551615" });
      expect(packOutcome(() => struct.pack(0.5))).toEqual({ error: "struct.error", message: "required argument is not an integer" });
    }
    const signed = new Struct(">q");
    for (let use = 0; use < WARM_UP; use++) {
      expect(signed.pack(-(2 ** 63))).toEqual(Uint8Array.of(0x80, 0, 0, 0, 0, 0, 0, 0));
      expect(signed.pack(-(2 ** 53))).toEqual(pack(">q", -(2n ** 53n)));
      expect(signed.pack(false)).toEqual(new Uint8Array(8));
      expect(packOutcome(() => signed.pack(2 ** 63))).toEqual({ error: "struct.error", message: "'q' format requires -9223372036854775808 <= number <= 9223372036854775807" });
    }
  });

  it("coerces '?' from booleans and from anything else by Python's truth, as before", () => {
    const struct = new Struct("<??????");
    const values = [true, false, Number.NaN, 0, [], new Uint8Array(1)];
    for (let use = 0; use < WARM_UP; use++) expect(struct.pack(...values)).toEqual(Uint8Array.of(1, 0, 1, 0, 0, 1));
  });
});

function packOutcome(action: () => Uint8Array): unknown {
  try {
    return { ok: [...action()] };
  } catch (error) {
    if (isPythonError(error)) return { error: error.pythonType, message: error.message };
    return { bare: String(error) };
  }
}

describe("an iterator keeps its DataView, and still finds memory that is gone", () => {
  it("stops with BufferError when the memory is detached or shrunk between records", () => {
    const bytes = new Uint8Array(24);
    const iterator = new Struct("<q").iterUnpack(bytes);
    expect(iterator.next().value).toEqual([0n]);
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    expect(outcome(() => iterator.next().value as StructValue[])).toMatchObject({ error: "BufferError" });

    const memory = new ArrayBuffer(24, { maxByteLength: 24 });
    new Uint8Array(memory).set([1, 0, 0, 0, 0, 0, 0, 0, 2]);
    const shrinking = new Struct("<q").iterUnpack(new Uint8Array(memory, 0, 24));
    expect(shrinking.next().value).toEqual([1n]);
    memory.resize(12);
    expect(outcome(() => shrinking.next().value as StructValue[])).toMatchObject({ error: "BufferError" });
  });

  it("reads every record as unpackFrom through the protocol does", () => {
    fc.assert(
      fc.property(formatSpecArb, bytePoolArb, fc.integer({ min: 1, max: 6 }), (spec, pool, records) => {
        const struct = new Struct(spec.text, { abi: "wasm32" });
        fc.pre(struct.size > 0);
        const bytes = bytesFromPool(pool, struct.size * records);
        const cold = [...struct.iterUnpack(bytes)].map((values) => ({ ok: values.map(exact) }));
        const one = Array.from({ length: records }, (_, r) => outcome(() => struct.unpackFrom(exporterOf(bytes), r * struct.size)));
        expect(cold).toEqual(one);
        // A warm struct hands its generated reader to the iterator.
        for (let use = 0; use < WARM_UP; use++) struct.unpack(bytes.subarray(0, struct.size));
        expect([...struct.iterUnpack(bytes)].map((values) => ({ ok: values.map(exact) }))).toEqual(one);
      }),
      { numRuns: 300 },
    );
  });
});
