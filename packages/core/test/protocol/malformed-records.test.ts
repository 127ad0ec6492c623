/**
 * A consumer never trusts an exporter (DESIGN.md): `getBuffer` validates the
 * record an exporter returns (the validity rule of Doc/c-api/buffer.rst plus
 * its request table, "Buffer request types") and refuses a malformed one with BufferError,
 * after handing it back to the exporter's release method exactly once.
 *
 * Every memory block here is just large enough for the record it backs, so a
 * validator that read one byte too far would throw a RangeError (DataView) or
 * see garbage; asserting that nothing but BufferError escapes shows that
 * nothing was read out of bounds.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import {
  BufferError,
  BufferFlags,
  getBuffer,
  getBufferSymbol,
  isPythonError,
  releaseBuffer,
  releaseBufferSymbol,
  type AbiName,
  type BufferRecord,
} from "../../src/index.ts";

/** An exporter that returns whatever `make` builds, and counts gets and releases. */
class Probe {
  gets = 0;
  returned: unknown = undefined;
  readonly released: unknown[] = [];
  readonly make: (self: Probe) => unknown;
  constructor(make: (self: Probe) => unknown) {
    this.make = make;
  }
  [getBufferSymbol](_flags: number): unknown {
    this.gets++;
    this.returned = this.make(this);
    return this.returned;
  }
  [releaseBufferSymbol](view: unknown): void {
    this.released.push(view);
  }
}

type RecordFields = { -readonly [K in keyof BufferRecord]: unknown };

/**
 * A sound 2x3 'B' record over exactly 6 bytes, answering FULL_RO; each case
 * breaks one thing in it.
 */
function record(self: object, changes: Partial<RecordFields> = {}): RecordFields {
  return {
    obj: self,
    memory: new ArrayBuffer(6),
    buf: 0,
    len: 6,
    itemsize: 1,
    readonly: true,
    format: "B",
    ndim: 2,
    shape: [2, 3],
    strides: [3, 1],
    suboffsets: null,
    internal: null,
    ...changes,
  };
}

/** A little-endian pointer table: `pointers[i]` stored at byte `i * size`, then `data` at `dataAt`. */
function pilMemory(length: number, pointers: readonly bigint[], size: 4 | 8, data: readonly number[] = [], dataAt = 0): ArrayBuffer {
  const memory = new ArrayBuffer(length);
  const view = new DataView(memory);
  pointers.forEach((p, i) => {
    if (size === 8) view.setBigUint64(i * 8, p, true);
    else view.setUint32(i * 4, Number(p), true);
  });
  new Uint8Array(memory).set(data, dataAt);
  return memory;
}

/** A 2x3 PIL record: two 8-byte pointers at 0 and 8, rows of 3 bytes behind them. */
function pil(self: object, memory: ArrayBuffer, changes: Partial<RecordFields> = {}): RecordFields {
  return record(self, { memory, strides: [8, 1], suboffsets: [0, -1], ...changes });
}

function detachedBuffer(): ArrayBuffer {
  const memory = new ArrayBuffer(6);
  structuredClone(memory, { transfer: [memory] });
  return memory;
}

interface Case {
  readonly name: string;
  readonly make: (self: Probe) => unknown;
  /** The request; FULL_RO unless stated. */
  readonly flags?: number;
  readonly abi?: AbiName;
}

/** Calls getBuffer expecting a refusal; any error other than BufferError fails the test. */
function refuse(probe: Probe, flags: number, abi?: AbiName): BufferError {
  try {
    getBuffer(probe, flags, abi === undefined ? {} : { abi });
  } catch (error) {
    if (isPythonError(error, "BufferError")) return error as BufferError;
    throw error;
  }
  throw new Error("getBuffer accepted a malformed record");
}

const FULL_RO = BufferFlags.FULL_RO;
const bigPointer = 2n ** 63n;

const malformed: readonly Case[] = [
  // The memory block itself.
  { name: "memory is a Uint8Array, not its buffer", make: (s) => record(s, { memory: new Uint8Array(6) }) },
  { name: "memory is a look-alike object", make: (s) => record(s, { memory: { byteLength: 6 } }) },
  { name: "memory is null", make: (s) => record(s, { memory: null }) },
  { name: "memory is a detached ArrayBuffer", make: (s) => record(s, { memory: detachedBuffer() }) },

  // Scalars that must be integers in range.
  { name: "len is not an integer", make: (s) => record(s, { len: 6.5 }) },
  { name: "len is negative", make: (s) => record(s, { len: -6 }) },
  { name: "len is a numeric string", make: (s) => record(s, { len: "6" }) },
  { name: "itemsize is 0", make: (s) => record(s, { itemsize: 0, len: 0 }) },
  { name: "itemsize is negative", make: (s) => record(s, { itemsize: -1, len: -6 }) },
  { name: "buf is NaN", make: (s) => record(s, { buf: Number.NaN }) },
  { name: "buf is not an integer", make: (s) => record(s, { buf: 0.5 }) },
  { name: "buf is missing", make: (s) => record(s, { buf: undefined }) },
  { name: "readonly is not a boolean", make: (s) => record(s, { readonly: 1 }) },
  { name: "format is neither a string nor null", make: (s) => record(s, { format: 66 }) },

  // ndim.
  { name: "ndim is -1", make: (s) => record(s, { ndim: -1 }) },
  {
    name: "ndim is 65 (PyBUF_MAX_NDIM is 64)",
    make: (s) => record(s, { ndim: 65, shape: Array(65).fill(1), strides: Array(65).fill(1), len: 1, memory: new ArrayBuffer(1) }),
  },
  { name: "ndim is not an integer", make: (s) => record(s, { ndim: 1.5 }) },
  { name: "ndim is a string", make: (s) => record(s, { ndim: "2" }) },

  // shape, strides, suboffsets: ndim integers each.
  { name: "shape is shorter than ndim", make: (s) => record(s, { shape: [6] }) },
  { name: "shape is longer than ndim", make: (s) => record(s, { shape: [2, 3, 1] }) },
  { name: "shape has a non-integer", make: (s) => record(s, { shape: [2, 3.5] }) },
  { name: "shape is array-like but not an array", make: (s) => record(s, { shape: { 0: 2, 1: 3, length: 2 } }) },
  { name: "strides is shorter than ndim", make: (s) => record(s, { strides: [3] }) },
  { name: "strides has NaN", make: (s) => record(s, { strides: [3, Number.NaN] }) },
  { name: "strides has a bigint", make: (s) => record(s, { strides: [3n, 1n] }) },
  { name: "suboffsets is shorter than ndim", make: (s) => record(s, { suboffsets: [-1] }) },
  { name: "suboffsets has a string", make: (s) => record(s, { suboffsets: [-1, "x"] }) },

  // Sizes.
  // The product of the extents is still 6 == len: only the sign gives it away.
  { name: "shape has negative extents", make: (s) => record(s, { shape: [-2, -3] }) },
  { name: "len != product(shape) * itemsize", make: (s) => record(s, { len: 5 }) },
  { name: "len counts items, not bytes", make: (s) => record(s, { itemsize: 2, format: "h", len: 6, memory: new ArrayBuffer(12), strides: [6, 2] }) },
  { name: "itemsize != calcsize(format)", make: (s) => record(s, { format: "i" }) },
  {
    name: "itemsize 3 for 'h'",
    make: (s) => record(s, { format: "h", itemsize: 3, len: 18, strides: [9, 3], memory: new ArrayBuffer(18) }),
  },
  {
    // 'l' is 8 bytes under the default LP64 profile.
    name: "itemsize 4 for 'l' under LP64",
    make: (s) => record(s, { format: "l", itemsize: 4, len: 24, strides: [12, 4], memory: new ArrayBuffer(24) }),
  },

  // ndim 0: a scalar has no shape, strides or suboffsets, and len == itemsize.
  { name: "0-d with an empty shape array", make: (s) => record(s, { ndim: 0, shape: [], strides: null, len: 1 }) },
  { name: "0-d with an empty strides array", make: (s) => record(s, { ndim: 0, shape: null, strides: [], len: 1 }) },
  { name: "0-d with suboffsets", make: (s) => record(s, { ndim: 0, shape: null, strides: null, suboffsets: [], len: 1 }) },
  { name: "0-d with len != itemsize", make: (s) => record(s, { ndim: 0, shape: null, strides: null, len: 2 }) },
  { name: "0-d item past the end", make: (s) => record(s, { ndim: 0, shape: null, strides: null, len: 1, buf: 6 }) },

  // Bounds.
  { name: "buf at the end of the memory", make: (s) => record(s, { buf: 6 }) },
  { name: "buf before the start of the memory", make: (s) => record(s, { buf: -1 }) },
  { name: "the last item overlaps the end", make: (s) => record(s, { buf: 1 }) },
  { name: "strides reach past the end", make: (s) => record(s, { strides: [3, 2] }) },
  { name: "negative strides reach before the start", make: (s) => record(s, { strides: [-3, 1] }) },
  { name: "negative strides from the middle reach before the start", make: (s) => record(s, { buf: 3, strides: [-3, -1] }) },
  { name: "a huge stride", make: (s) => record(s, { strides: [Number.MAX_SAFE_INTEGER, 1] }) },
  {
    name: "SIMPLE: len bytes from buf reach past the end",
    flags: BufferFlags.SIMPLE,
    make: (s) => record(s, { buf: 1, ndim: 1, shape: null, strides: null, format: null }),
  },
  {
    name: "ND without strides: implied C strides reach past the end",
    flags: BufferFlags.ND,
    make: (s) => record(s, { buf: 1, strides: null, format: null }),
  },

  // The request, not honoured (Doc/c-api/buffer.rst, "Buffer request types").
  { name: "WRITABLE requested, read-only record", flags: BufferFlags.FULL, make: (s) => record(s) },
  { name: "format set without FORMAT", flags: BufferFlags.STRIDED_RO, make: (s) => record(s) },
  {
    name: "ND requested, shape null",
    flags: BufferFlags.ND,
    make: (s) => record(s, { format: null, ndim: 1, shape: null, strides: null }),
  },
  {
    name: "shape set without ND",
    flags: BufferFlags.SIMPLE,
    make: (s) => record(s, { format: null, ndim: 1, shape: [6], strides: null }),
  },
  {
    // Filled in as C-contiguous, as CPython's memoryview does, then refused like any record reaching outside.
    name: "STRIDES requested, strides null, the implied C strides reach past the end",
    flags: BufferFlags.STRIDED_RO,
    make: (s) => record(s, { format: null, strides: null, memory: new ArrayBuffer(5) }),
  },
  { name: "strides set without STRIDES", flags: BufferFlags.ND, make: (s) => record(s, { format: null }) },
  { name: "suboffsets without INDIRECT", flags: BufferFlags.RECORDS_RO, make: (s) => record(s, { suboffsets: [-1, -1] }) },
  {
    name: "SIMPLE answered with two dimensions and no shape",
    flags: BufferFlags.SIMPLE,
    make: (s) => record(s, { format: null, shape: null, strides: null }),
  },
  {
    name: "C_CONTIGUOUS requested, Fortran strides",
    flags: BufferFlags.C_CONTIGUOUS,
    make: (s) => record(s, { format: null, strides: [1, 2] }),
  },
  {
    name: "F_CONTIGUOUS requested, C strides",
    flags: BufferFlags.F_CONTIGUOUS,
    make: (s) => record(s, { format: null }),
  },
  {
    name: "ANY_CONTIGUOUS requested, every other byte",
    flags: BufferFlags.ANY_CONTIGUOUS,
    make: (s) => record(s, { format: null, strides: [6, 2], memory: new ArrayBuffer(11) }),
  },
  {
    name: "C_CONTIGUOUS requested, PIL record",
    flags: BufferFlags.C_CONTIGUOUS | BufferFlags.INDIRECT,
    make: (s) => pil(s, pilMemory(19, [16n, 16n], 8), { format: null }),
  },

  // PIL: every pointer read and followed lies inside the memory.
  {
    // Two 8-byte pointers need 16 bytes; the block has 11 (one pointer and a 3-byte row).
    name: "PIL: the second pointer's bytes are outside the memory",
    make: (s) => pil(s, pilMemory(11, [8n], 8)),
  },
  {
    name: "PIL: a pointer's bytes before the start (negative pointer stride)",
    make: (s) => pil(s, pilMemory(19, [16n, 16n], 8), { strides: [-8, 1] }),
  },
  { name: "PIL: a pointer value past the end", make: (s) => pil(s, pilMemory(22, [16n, 1000n], 8)) },
  { name: "PIL: a pointer value beyond 2**53", make: (s) => pil(s, pilMemory(22, [16n, bigPointer], 8)) },
  { name: "PIL: a pointer leads to a row that overlaps the end", make: (s) => pil(s, pilMemory(22, [16n, 20n], 8)) },
  { name: "PIL: the suboffset carries a row past the end", make: (s) => pil(s, pilMemory(22, [16n, 16n], 8), { suboffsets: [4, -1] }) },
  {
    name: "PIL: an inner negative stride leads before the start of the memory",
    make: (s) => pil(s, pilMemory(22, [0n, 16n], 8), { strides: [8, -1] }),
  },
  {
    name: "PIL: the item behind the pointer is wider than what is left",
    // Rows of three 'h' at 16 and 22: the last item's second byte would be byte 27 of 27.
    make: (s) => pil(s, pilMemory(27, [16n, 22n], 8), { format: "h", itemsize: 2, len: 12, strides: [8, 2] }),
  },
  {
    // Two 4-byte wasm32 pointers read as one 8-byte LP64 pointer give 16 + 19 * 2**32.
    name: "PIL: wasm32 pointers read with the LP64 profile",
    make: (s) => pil(s, pilMemory(22, [16n, 19n], 4), { strides: [4, 1] }),
  },
];

describe("getBuffer refuses malformed records", () => {
  it.each(malformed)("$name", ({ make, flags = FULL_RO, abi }) => {
    const probe = new Probe(make);
    const error = refuse(probe, flags, abi);
    expect(error).toBeInstanceOf(BufferError);
    expect(error.pythonType).toBe("BufferError");
    expect(probe.gets).toBe(1);
    // Released once, with the very record the exporter returned.
    expect(probe.released).toHaveLength(1);
    expect(probe.released[0]).toBe(probe.returned);
  });

  it.each([
    ["a number", 42],
    ["null", null],
    ["undefined", undefined],
    ["a string", "record"],
    ["a function", () => record({})],
  ])("refuses %s instead of a record, with nothing to release", (_name, value) => {
    // The release method takes the record it is given back; there is none.
    const probe = new Probe(() => value);
    const error = refuse(probe, FULL_RO);
    expect(error.message).toContain("not a buffer record");
    expect(probe.released).toHaveLength(0);
  });

  it("releases a malformed redirect-style record on the object it names", () => {
    // The release goes to the record's obj (the root), as PyBuffer_Release does.
    const root = new Probe(() => null);
    const probe = new Probe(() => record(root, { len: 5 }));
    refuse(probe, FULL_RO);
    expect(root.released).toEqual([probe.returned]);
    expect(probe.released).toHaveLength(0);
  });
});

describe("getBuffer accepts sound records at the edges", () => {
  /** Gets, checks that the record is handed out unchanged, and releases once. */
  function accept(make: (self: Probe) => unknown, flags = FULL_RO, abi?: AbiName): BufferRecord {
    const probe = new Probe(make);
    const view = getBuffer(probe, flags, abi === undefined ? {} : { abi });
    const returned = probe.returned as RecordFields;
    expect({ ...view, obj: returned.obj }).toEqual(returned);
    expect(probe.released).toHaveLength(0);
    releaseBuffer(view);
    expect(probe.released).toEqual([returned]);
    return view;
  }

  it("a SharedArrayBuffer-backed record", () => {
    const view = accept((s) => record(s, { memory: new SharedArrayBuffer(6) }));
    expect(view.memory).toBeInstanceOf(SharedArrayBuffer);
  });

  it.each([
    ["T{i:x:}", 4],
    ["Zd", 16],
  ])("an unparseable NumPy-style format %s with a consistent itemsize %i", (format, itemsize) => {
    // struct cannot parse these, so itemsize cannot be checked; byte-level access still works.
    const view = accept((s) =>
      record(s, { format, itemsize, len: 6 * itemsize, strides: [3 * itemsize, itemsize], memory: new ArrayBuffer(6 * itemsize) }),
    );
    expect(view.format).toBe(format);
  });

  it("'l' with itemsize 4 under the wasm32 profile", () => {
    accept((s) => record(s, { format: "l", itemsize: 4, len: 24, strides: [12, 4], memory: new ArrayBuffer(24) }), FULL_RO, "wasm32");
  });

  it("ndim 64 (PyBUF_MAX_NDIM)", () => {
    const view = accept((s) => record(s, { ndim: 64, shape: Array(64).fill(1), strides: Array(64).fill(1), len: 1, memory: new ArrayBuffer(1) }));
    expect(view.ndim).toBe(64);
  });

  it("0-d: one item, no shape", () => {
    accept((s) => record(s, { ndim: 0, shape: null, strides: null, len: 1, buf: 5 }));
  });

  it("negative strides from the last byte", () => {
    accept((s) => record(s, { buf: 5, strides: [-3, -1] }));
  });

  it("stride 0 repeating one byte", () => {
    accept((s) => record(s, { memory: new ArrayBuffer(1), strides: [0, 0] }));
  });

  it.each([6, 7, -1])("an empty shape whose buf is %i, outside or at the end of the memory", (buf) => {
    // No item is reachable, so buf is unconstrained: CPython's empty slice of a
    // reversed view, nd[3:] with strides [-1], starts one item before the block.
    accept((s) => record(s, { shape: [0, 3], len: 0, buf }));
  });

  it("SIMPLE|FORMAT with a flat shape-less record (the built-in exporters' laxity)", () => {
    accept((s) => record(s, { ndim: 1, shape: null, strides: null }), BufferFlags.SIMPLE | BufferFlags.FORMAT);
  });

  it("a PIL record whose pointers and rows fit exactly", () => {
    const memory = pilMemory(22, [16n, 19n], 8, [1, 2, 3, 4, 5, 6], 16);
    accept((s) => pil(s, memory));
  });

  it("a PIL record with wasm32 pointers under the wasm32 profile", () => {
    accept((s) => pil(s, pilMemory(14, [8n, 11n], 4), { strides: [4, 1] }), FULL_RO, "wasm32");
  });

  it("a PIL record whose pointer stride is 0", () => {
    // Every row is behind the same pointer.
    accept((s) => pil(s, pilMemory(11, [8n], 8), { strides: [0, 1] }));
  });
});

describe("getBuffer validates what it hands out", () => {
  // An exporter's record is a JS object: a getter or a Proxy can answer
  // differently on each read. What getBuffer hands out must be what it
  // validated, so it may read each field (and each array element) once only.

  /** Values that fail validation, one per field. */
  const bad: Partial<RecordFields> = {
    memory: new ArrayBuffer(1),
    buf: 1000,
    len: 7,
    itemsize: 3,
    ndim: 3,
    shape: [2, 2],
    strides: [100, 100],
    format: "i",
    readonly: "no",
  };

  /** Comparable form of a field value (toEqual sees every ArrayBuffer as equal). */
  const comparable = (value: unknown): unknown => (value instanceof ArrayBuffer ? ["ArrayBuffer", value.byteLength] : value);

  /**
   * Gets a record built by `make(self, flip)`, where `flip()` counts reads
   * and tells whether this read should answer the bad value: first with
   * `flip` always false to count the reads of an honest record, then with
   * only the last of those reads answering bad. Returns the field as handed
   * out, or "refused".
   */
  function slipThrough<T>(make: (self: Probe, flip: () => boolean) => RecordFields, field: keyof RecordFields, pick: (view: BufferRecord) => T): T | "refused" {
    let reads = 0;
    releaseBuffer(getBuffer(new Probe((s) => make(s, () => (reads++, false))), FULL_RO));
    expect(reads).toBeGreaterThan(0);
    let count = 0;
    const probe = new Probe((s) => make(s, () => ++count === reads));
    try {
      const view = getBuffer(probe, FULL_RO);
      const handedOut = pick(view);
      releaseBuffer(view);
      return handedOut;
    } catch (error) {
      if (!isPythonError(error, "BufferError")) throw error;
      expect(probe.released, field).toHaveLength(1);
      return "refused";
    }
  }

  it("a field getter that changes its answer after validation is refused or handed out as validated", () => {
    const slipped: string[] = [];
    for (const field of Object.keys(bad) as (keyof RecordFields)[]) {
      const good = record({})[field];
      const outcome = slipThrough(
        (self, flip) => {
          const fields = record(self);
          return Object.defineProperty(fields, field, { get: () => (flip() ? bad[field] : good), enumerable: true });
        },
        field,
        (view) => comparable(view[field]),
      );
      if (outcome !== "refused" && !isDeepStrictEqual(outcome, comparable(good))) slipped.push(`${field}: ${String(outcome)}`);
    }
    expect(slipped).toEqual([]);
  });

  it("a Proxy array whose elements change after validation is refused or handed out as validated", () => {
    const slipped: string[] = [];
    for (const field of ["shape", "strides"] as const) {
      const good = record({})[field] as number[];
      const outcome = slipThrough(
        (self, flip) =>
          record(self, {
            // Array.isArray sees through a Proxy to its target.
            [field]: new Proxy([...good], {
              get: (target, key, receiver) =>
                typeof key === "string" && /^\d+$/.test(key) && flip() ? (bad[field] as number[])[Number(key)] : Reflect.get(target, key, receiver),
            }),
          }),
        field,
        (view) => [...(view[field] ?? [])],
      );
      if (outcome !== "refused" && !isDeepStrictEqual(outcome, good)) slipped.push(`${field}: ${String(outcome)}`);
    }
    expect(slipped).toEqual([]);
  });
});

describe("getBuffer fills in what CPython's memoryview fills in, and changes nothing else", () => {
  function filled(make: (self: Probe) => unknown, flags: number): { view: BufferRecord; returned: RecordFields } {
    const probe = new Probe(make);
    const view = getBuffer(probe, flags);
    const returned = probe.returned as RecordFields;
    releaseBuffer(view);
    expect(probe.released).toEqual([returned]);
    return { view, returned };
  }

  it("FORMAT requested, format null: read as 'B'", () => {
    const { view, returned } = filled((s) => record(s, { format: null }), FULL_RO);
    expect({ ...view, obj: returned.obj }).toEqual({ ...returned, format: "B" });
  });

  it("STRIDES requested, strides null: C-contiguous strides (init_strides_from_shape)", () => {
    const { view, returned } = filled((s) => record(s, { format: null, strides: null }), BufferFlags.STRIDED_RO);
    expect({ ...view, obj: returned.obj }).toEqual({ ...returned, strides: [3, 1] });
  });
});
