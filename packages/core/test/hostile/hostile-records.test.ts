/**
 * Records that attack their consumer rather than merely being malformed:
 * array fields of hostile length (2**32 - 1, or a Proxy's), getters and
 * Proxies that throw or are revoked, and PIL pointer graphs built so that
 * following every path costs 2**ndim. Each is refused with a BufferError
 * (or accepted, when sound) quickly, and the export is handed back.
 */
import { describe, expect, it } from "vitest";
import {
  BufferError,
  BufferFlags,
  checkBuffer,
  getBuffer,
  getBufferSymbol,
  memoryview,
  NDArray,
  pack,
  releaseBuffer,
  releaseBufferSymbol,
} from "../../src/index.ts";
import { outcome, thrownBy } from "./hostile-values.ts";

/** An exporter whose get-buffer method returns `make()`, counting releases. */
class Exporter {
  released = 0;
  readonly make: () => unknown;
  constructor(make: () => unknown) {
    this.make = make;
  }
  [getBufferSymbol](_flags: number): unknown {
    current = this;
    return this.make();
  }
  [releaseBufferSymbol](_view: unknown): void {
    this.released++;
  }
}

/** The exporter being asked: the records below name it as their `obj`. */
let current: Exporter | null = null;

function sound(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    obj: current,
    memory: new ArrayBuffer(16),
    buf: 0,
    len: 16,
    itemsize: 1,
    readonly: false,
    format: "B",
    ndim: 1,
    shape: [16],
    strides: [1],
    suboffsets: null,
    internal: null,
    ...changes,
  };
}

function hugeArray(): number[] {
  const values = [16];
  values.length = 2 ** 32 - 1;
  return values;
}

/** A Proxy over `[16]` whose length is 2**32 - 1 and that counts element reads. */
function hugeProxy(reads: { count: number }): number[] {
  return new Proxy([16], {
    get(target, key, receiver) {
      if (key === "length") return 2 ** 32 - 1;
      if (typeof key === "string" && /^\d+$/.test(key)) reads.count++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe("array fields of hostile length are refused before they are copied (issue 12, item 1)", () => {
  for (const field of ["shape", "strides", "suboffsets"] as const) {
    it(`${field} as an array of length 2**32 - 1`, () => {
      const e = new Exporter(() => sound({ [field]: hugeArray() }));
      expect(outcome(() => memoryview(e))).toBe("BufferError");
      expect(e.released).toBe(1);
    });

    it(`${field} as a Proxy of length 2**32 - 1: no element is read`, () => {
      const reads = { count: 0 };
      const e = new Exporter(() => sound({ [field]: hugeProxy(reads) }));
      expect(outcome(() => getBuffer(e, BufferFlags.FULL))).toBe("BufferError");
      expect(reads.count).toBe(0);
    });
  }

  it("with ndim 2**32 - 1 as well, the ndim limit refuses it first", () => {
    const e = new Exporter(() => sound({ ndim: 2 ** 32 - 1, shape: hugeArray(), strides: hugeArray() }));
    expect(outcome(() => memoryview(e))).toBe("ValueError");
    expect(outcome(() => getBuffer(e, BufferFlags.FULL))).toBe("BufferError");
  });

  it("each field is read exactly once", () => {
    const reads = new Map<string | symbol, number>();
    const record = new Proxy(sound(), {
      get(target, key, receiver) {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const view = getBuffer(new Exporter(() => record), BufferFlags.FULL);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(view.shape).toEqual([16]);
    releaseBuffer(view);
  });

  it("each field is read exactly once by memoryview and by NDArray's base too (their release on collection keeps the snapshot)", () => {
    for (const consume of [(e: object) => memoryview(e).release(), (e: object) => new NDArray(e).toList()]) {
      const reads = new Map<string | symbol, number>();
      const record = new Proxy(sound(), {
        get(target, key, receiver) {
          const count = (reads.get(key) ?? 0) + 1;
          reads.set(key, count);
          if (count > 1) throw new Error(`${String(key)} read twice`);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      consume(new Exporter(() => record));
      expect([...reads.values()].every((n) => n === 1)).toBe(true);
    }
  });
});

describe("the exporter's arrays are copied: changing them later changes nothing a consumer holds", () => {
  it("getBuffer's record has frozen copies, so its caller cannot change what core trusts either", () => {
    const shape = [4, 4];
    const strides = [4, 1];
    const view = getBuffer(new Exporter(() => sound({ ndim: 2, shape, strides })), BufferFlags.FULL_RO);
    shape[0] = 1000;
    strides[0] = 1000;
    expect([view.shape, view.strides]).toEqual([[4, 4], [4, 1]]);
    expect(Object.isFrozen(view.shape) && Object.isFrozen(view.strides)).toBe(true);
    expect(() => {
      (view.shape as number[])[0] = 1000;
    }).toThrow(TypeError);
    releaseBuffer(view);
  });

  it("a memoryview's private copy does not follow the exporter's arrays either", () => {
    const shape = [4, 4];
    const strides = [4, 1];
    const m = memoryview(new Exporter(() => sound({ ndim: 2, shape, strides })));
    shape[0] = 1000;
    strides[1] = -1000;
    expect([m.shape, m.strides, m.nbytes]).toEqual([[4, 4], [4, 1], 16]);
    expect(m.get([3, 3])).toBe(0);
    m.release();
  });
});

describe("records that throw while read are refused as BufferError, and released (items 12 and 13)", () => {
  const throwing = (key: string) =>
    new Proxy(sound(), {
      get(target, k, receiver) {
        if (k === key) throw new Error(`no ${key} today`);
        return Reflect.get(target, k, receiver) as unknown;
      },
    });
  for (const key of ["memory", "format", "shape", "ndim", "internal"]) {
    it(`a getter of ${key} that throws`, () => {
      const e = new Exporter(() => throwing(key));
      const caught = thrownBy(() => memoryview(e));
      expect(caught).toBeInstanceOf(BufferError);
      expect((caught as Error).message).toContain(`no ${key} today`);
      expect(e.released).toBe(1);
    });
  }

  it("a revoked Proxy as the whole record", () => {
    const { proxy, revoke } = Proxy.revocable(sound(), {});
    revoke();
    const e = new Exporter(() => proxy);
    expect(outcome(() => memoryview(e))).toBe("BufferError");
    // Its obj cannot be read: the release goes to the object that was asked.
    expect(e.released).toBe(1);
  });

  it("a revoked Proxy as shape", () => {
    const { proxy, revoke } = Proxy.revocable([16], {});
    revoke();
    const e = new Exporter(() => sound({ shape: proxy }));
    expect(outcome(() => memoryview(e))).toBe("BufferError");
    expect(e.released).toBe(1);
  });

  it("a get-buffer method that throws a bare error raises a BufferError with it as cause", () => {
    const bug = new RangeError("oops");
    const e = new Exporter(() => {
      throw bug;
    });
    const caught = thrownBy(() => memoryview(e));
    expect(caught).toBeInstanceOf(BufferError);
    expect((caught as Error).cause).toBe(bug);
  });

  it("a get-buffer method that throws a Python error passes it through", () => {
    const refusal = new BufferError("no");
    const e = new Exporter(() => {
      throw refusal;
    });
    expect(() => memoryview(e)).toThrow(refusal);
  });

  it("a revoked Proxy as the exporter itself", () => {
    const { proxy, revoke } = Proxy.revocable(new Exporter(() => sound()), {});
    revoke();
    expect(outcome(() => getBuffer(proxy, BufferFlags.SIMPLE))).toBe("TypeError");
    expect(checkBuffer(proxy)).toBe(false);
  });
});

/**
 * `ndim` tables of two 8-byte pointers, each pointing at the next table;
 * the last table's cells point at 16 data bytes. Every path through the
 * graph is valid, and there are 2**ndim of them.
 */
function chainOfTables(ndim: number, lastTarget?: number): ArrayBuffer {
  const memory = new ArrayBuffer(16 * ndim + 16);
  const view = new DataView(memory);
  for (let t = 0; t < ndim; t++) {
    const next = t + 1 < ndim ? 16 * (t + 1) : (lastTarget ?? 16 * ndim);
    view.setBigUint64(16 * t, BigInt(next), true);
    view.setBigUint64(16 * t + 8, BigInt(next), true);
  }
  return memory;
}

function pilRecord(memory: ArrayBuffer, ndim: number): Record<string, unknown> {
  return sound({
    memory,
    len: 2 ** ndim,
    readonly: true,
    ndim,
    shape: Array<number>(ndim).fill(2),
    strides: Array<number>(ndim).fill(8),
    suboffsets: Array<number>(ndim).fill(0),
  });
}

describe("validating a PIL record costs the distinct tables, not the paths (item 2)", () => {
  for (const ndim of [26, 40, 52]) {
    it(`a chain of ${ndim} shared tables is accepted`, () => {
      const view = getBuffer(new Exporter(() => pilRecord(chainOfTables(ndim), ndim)), BufferFlags.FULL_RO);
      expect(view.suboffsets).toHaveLength(ndim);
      releaseBuffer(view);
    });

    it(`the same chain whose last pointer leaves the block is refused`, () => {
      const memory = chainOfTables(ndim, 1 << 20);
      expect(outcome(() => getBuffer(new Exporter(() => pilRecord(memory, ndim)), BufferFlags.FULL_RO))).toBe("BufferError");
    });
  }

  it("a table pointing at itself (a cycle) through 52 dimensions", () => {
    const memory = new ArrayBuffer(32);
    const view = new DataView(memory);
    view.setBigUint64(0, 0n, true);
    view.setBigUint64(8, 0n, true);
    const m = memoryview(new Exporter(() => pilRecord(memory, 52)));
    expect(m.shape).toHaveLength(52);
    // Every element reads byte 0 of the table: the low byte of the pointer 0.
    expect(m.get(Array<number>(52).fill(1))).toBe(0);
  });
});

describe("getBuffer's options are validated the same way for every exporter (item 15)", () => {
  for (const [name, exporter] of [
    ["a Uint8Array", () => new Uint8Array(4)],
    ["an ArrayBuffer", () => new ArrayBuffer(4)],
    ["a custom exporter", () => new Exporter(() => sound())],
  ] as const) {
    it(`${name} with abi "bogus" is a ValueError`, () => {
      expect(outcome(() => getBuffer(exporter(), BufferFlags.SIMPLE, { abi: "bogus" as never }))).toBe("ValueError");
    });
    it(`${name} with options null is a TypeError`, () => {
      expect(outcome(() => getBuffer(exporter(), BufferFlags.SIMPLE, null as never))).toBe("TypeError");
    });
  }
});

describe("revoked Proxies and throwing getters as pack values (item 13)", () => {
  const revoked = (): object => {
    const { proxy, revoke } = Proxy.revocable([1], {});
    revoke();
    return proxy;
  };
  for (const format of ["?", "F", "D", "<F", ">D"]) {
    it(`pack(${JSON.stringify(format)}, revokedProxy) is a TypeError`, () => {
      expect(outcome(() => pack(format, revoked()))).toBe("TypeError");
    });
  }
  it("a complex whose real getter throws a Python error passes it through", () => {
    const value = {
      get real(): number {
        throw new BufferError("no real");
      },
      imag: 0,
    };
    expect(outcome(() => pack("D", value))).toBe("BufferError");
  });
  it("a revoked Proxy in a memoryview item assignment of '?'", () => {
    const m = memoryview(new Uint8Array(1)).cast("?");
    expect(outcome(() => m.set(0, revoked()))).toBe("TypeError");
  });
});

describe("fields left out are filled in as CPython's memoryview does, then validated", () => {
  it("a ctypes-like record: FULL_RO answered with strides null", () => {
    const memory = new ArrayBuffer(24);
    new Int32Array(memory).set([1, 2, 3, 4, 5, 6]);
    const m = memoryview(new Exporter(() => sound({ memory, len: 24, itemsize: 4, format: "<i", ndim: 2, shape: [2, 3], strides: null })));
    expect(m.strides).toEqual([12, 4]);
    expect(m.toList()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("a record with format null reads as 'B'", () => {
    const m = memoryview(new Exporter(() => sound({ format: null })));
    expect(m.format).toBe("B");
    expect(m.get(0)).toBe(0);
  });

  it("filled-in strides that reach outside the block are still refused", () => {
    const e = new Exporter(() => sound({ memory: new ArrayBuffer(15), strides: null }));
    expect(outcome(() => memoryview(e))).toBe("BufferError");
    expect(e.released).toBe(1);
  });

  it("a hostile shape is not used to fill in strides", () => {
    const e = new Exporter(() => sound({ shape: [-1], strides: null }));
    expect(outcome(() => memoryview(e))).toBe("BufferError");
  });
});
