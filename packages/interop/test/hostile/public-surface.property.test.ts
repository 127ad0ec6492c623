/**
 * No public function of @pybuffer/interop (its three subpaths and the
 * shared root) throws an error without `pythonType`: each is called with
 * core's hostile values (wrong kinds, revoked and trapping Proxies, huge
 * lengths, gone memory, exporters that lie or throw) in every argument
 * position, as options, and as each field of an otherwise honest library
 * object. A value or a Python error is fine; a bare JavaScript error or a
 * hang is not. What a call returns is used (a memoryview over an exporter,
 * an item of an array), so a lie that passed the call fails there.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeVector, Type } from "apache-arrow";
import ndarray from "ndarray";
import { getBufferSymbol, memoryview } from "@pybuffer/core";
import {
  bareError,
  detachedBytes,
  exporterOf,
  hostileValueArb,
  hugeArray,
  outcome,
  revokedProxy,
  thrownBy,
  trappedProxy,
} from "../../../core/test/hostile/hostile-values.ts";
import * as root from "../../src/index.ts";
import * as arrow from "../../src/apache-arrow/index.ts";
import * as scijs from "../../src/ndarray/index.ts";
import * as stdlib from "../../src/stdlib-ndarray/index.ts";
import { stdlibArray } from "../helpers/stdlib.ts";

type Entry = readonly [string, (a: unknown, b: unknown, field: string) => unknown];

/** An object with every field of `fields`, and `field` a getter that throws a bare Error. */
function throwingGetter(fields: Record<string, unknown>, field: string): object {
  const object = { ...fields };
  Object.defineProperty(object, field, {
    enumerable: true,
    get: () => {
      throw new Error("getter");
    },
  });
  return object;
}

/** A scijs ndarray's fields, as plain data (a look-alike the bridge reads as it reads the real one). */
const scijsFields = (): Record<string, unknown> => {
  const a = ndarray(new Int16Array([1, 2, 3, 4, 5, 6]), [2, 3]);
  return {
    data: a.data,
    shape: a.shape,
    stride: a.stride,
    offset: a.offset,
    dtype: a.dtype,
  };
};
const stdlibValue = (): stdlib.StdlibNdarray =>
  stdlibArray("int32", new ArrayBuffer(24), {
    length: 6,
    shape: [2, 3],
    strides: [3, 1],
    offset: 0,
  });
const stdlibFields = (): Record<string, unknown> => {
  const x = stdlibValue();
  return {
    dtype: x.dtype,
    data: x.data,
    shape: x.shape,
    strides: x.strides,
    offset: x.offset,
    order: x.order,
    flags: x.flags,
  };
};
const arrowData = (): Record<string, unknown> => {
  const data = makeVector(new Int32Array([1, 2, 3])).data[0]!;
  return {
    type: data.type,
    length: data.length,
    nullCount: data.nullCount,
    values: data.values,
    children: data.children,
  };
};
const layoutFields = (): Record<string, unknown> => ({
  memory: new ArrayBuffer(8),
  byteOffset: 0,
  length: 4,
  format: "h",
  itemsize: 2,
  shape: [4],
  strides: [1],
  offset: 0,
  readonly: false,
});
const FIELD_NAMES = [
  "data",
  "shape",
  "stride",
  "strides",
  "offset",
  "dtype",
  "flags",
  "type",
  "length",
  "nullCount",
  "values",
  "children",
  "memory",
  "byteOffset",
  "format",
  "itemsize",
  "readonly",
];

/** Uses an exporter as a consumer would: a memoryview's items, then released. */
function consume(exporter: unknown): unknown {
  const m = memoryview(exporter);
  try {
    return m.toList();
  } finally {
    m.release();
  }
}

const FROM: readonly (readonly [string, (e: unknown, o?: unknown) => { get?: (...i: number[]) => unknown }])[] = [
  ["ndarray", (e, o) => scijs.fromExporter(e, o as never)],
  ["stdlib-ndarray", (e, o) => stdlib.fromExporter(e, o as never)],
  ["apache-arrow", (e, o) => arrow.fromExporter(e, o as never) as never],
];

/** Each library's toExporter, an honest array of it, and its fields as plain data. */
const TO: readonly (readonly [string, (value: unknown, options?: unknown) => unknown, () => unknown, () => Record<string, unknown>])[] = [
  ["ndarray", (v, o) => scijs.toExporter(v as never, o as never), () => ndarray(new Float32Array(4)), scijsFields],
  ["stdlib-ndarray", (v, o) => stdlib.toExporter(v as never, o as never), stdlibValue, stdlibFields],
  ["apache-arrow", (v, o) => arrow.toExporter(v as never, o as never), () => makeVector(new Int32Array(3)), arrowData],
];

const ENTRIES: readonly Entry[] = [
  ...FROM.flatMap(([name, from]): Entry[] => [
    [`${name}.fromExporter(a, b)`, (a, b) => from(a, b)],
    [`${name}.fromExporter(u8, a)`, (a) => from(new Uint8Array(4), a)],
    [`${name}.fromExporter(a, { copy: "if-needed" })`, (a) => from(a, { copy: "if-needed" })],
    [`${name}.fromExporter(u8, { copy: a })`, (a) => from(new Uint8Array(4), { copy: a })],
  ]),
  ...TO.flatMap(([name, to, sample, fields]): Entry[] => [
    [`${name}.toExporter(a, b)`, (a, b) => consume(to(a, b))],
    [`${name}.toExporter(array, a)`, (a) => consume(to(sample(), a))],
    [`${name}.toExporter({ ...fields, [field]: b })`, (_a, b, field) => consume(to({ ...fields(), [field]: b }))],
  ]),
  ["apache-arrow.toExporter({ data: [a] })", (a) => consume(arrow.toExporter({ data: [a] } as never))],
  ["new ElementExporter(a, b, 'x')", (a, b) => consume(new root.ElementExporter(a, b as never, "x"))],
  [
    "new ElementExporter(null, { ...layout, [field]: b }, a)",
    (a, b, field) => consume(new root.ElementExporter(null, { ...layoutFields(), [field]: b } as never, a as never)),
  ],
  ["exporter[getBufferSymbol](a)", (a) => scijs.toExporter(ndarray(new Uint8Array(4)))[getBufferSymbol](a as number)],
];

/** Every field of each library object, and each layout field, as a getter that throws. */
const THROWING_FIELDS: readonly (readonly [string, () => unknown])[] = [
  ...TO.flatMap(([name, to, , fields]) =>
    Object.keys(fields()).map((f) => [`${name} field ${f}`, () => consume(to(throwingGetter(fields(), f)))] as const),
  ),
  ...Object.keys(layoutFields()).map(
    (f) => [`layout field ${f}`, () => consume(new root.ElementExporter(null, throwingGetter(layoutFields(), f) as never, "x"))] as const,
  ),
];

describe("the interop public surface raises only Python errors on hostile input", () => {
  it("every function, hostile values (throwing Proxies included) in its open positions and in the fields it reads", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENTRIES),
        hostileValueArb,
        hostileValueArb,
        fc.constantFrom(...FIELD_NAMES),
        ([name, call], [aName, a], [bName, b], field) => {
          expect(
            bareError(() => call(a(), b(), field)),
            `${name} with a = ${aName}, b = ${bName}, field = ${field}`,
          ).toBeNull();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each(THROWING_FIELDS)("a getter that throws: %s", (_name, call) => {
    expect(bareError(call)).toBeNull();
  });

  it("arrays whose data is detached are refused when exported or consumed, with the Python error", () => {
    const bytes = detachedBytes();
    expect(outcome(() => consume(scijs.toExporter(ndarray(bytes))))).toBe("BufferError");
    const live = new Int32Array(4);
    const exporter = scijs.toExporter(ndarray(live));
    structuredClone(live.buffer, { transfer: [live.buffer] });
    expect(outcome(() => consume(exporter))).toBe("BufferError");
    expect(outcome(() => scijs.fromExporter(exporter))).toBe("BufferError");
  });

  it("an exporter that lies or throws is refused by fromExporter with core's BufferError", () => {
    for (const [, from] of FROM) {
      expect(outcome(() => from(exporterOf(trappedProxy)))).toBe("BufferError");
      expect(outcome(() => from(exporterOf(() => null)))).toBe("BufferError");
    }
  });
});

describe("what the property found, fixed", () => {
  it("a dtype or an Arrow type that is a huge array is named by its kind, never joined into a string (that took 80 s)", () => {
    expect(thrownBy(() => consume(stdlib.toExporter({ ...stdlibFields(), dtype: hugeArray() } as never)))).toMatchObject({
      pythonType: "TypeError",
      message: "@stdlib/ndarray: dtype must be a string, not 'list'",
    });
    expect(outcome(() => consume(arrow.toExporter({ ...arrowData(), type: hugeArray() } as never)))).toMatch(/Error$/);
    expect(bareError(() => consume(arrow.toExporter({ ...arrowData(), type: hugeArray() } as never)))).toBeNull();
  });

  it("options go through core's one check: not a plain object of known options is a TypeError, a bad choice a ValueError", () => {
    const u8 = (): Uint8Array => new Uint8Array(4);
    for (const [, from] of FROM) {
      expect(outcome(() => from(u8(), trappedProxy()))).toBe("TypeError");
      expect(outcome(() => from(u8(), revokedProxy()))).toBe("TypeError");
      expect(outcome(() => from(u8(), null))).toBe("TypeError");
      expect(outcome(() => from(u8(), { cpy: "if-needed" }))).toBe("TypeError");
      expect(outcome(() => from(u8(), { copy: "always" }))).toBe("ValueError");
      expect(outcome(() => from(u8(), { copy: "never" }))).toBe("returned");
    }
    expect(
      outcome(() =>
        scijs.toExporter(ndarray(new Int8Array(2)), {
          readonly: "yes",
        } as never),
      ),
    ).toBe("TypeError");
    expect(outcome(() => stdlib.toExporter(stdlibValue(), trappedProxy() as never))).toBe("TypeError");
    expect(
      outcome(() =>
        arrow.toExporter(makeVector(new Int8Array(2)), {
          nulls: "fill",
        } as never),
      ),
    ).toBe("ValueError");
    expect(outcome(() => arrow.toExporter(makeVector(new Int8Array(2)), revokedProxy() as never))).toBe("TypeError");
    expect(thrownBy(() => scijs.fromExporter(u8(), { copy: "always" } as never))).toMatchObject({
      message: "ndarray.fromExporter() argument 'copy' must be one of 'never', 'if-needed', not 'always'",
    });
  });

  it("a library object or layout that cannot be read is a TypeError that keeps the cause", () => {
    expect(outcome(() => scijs.toExporter(trappedProxy() as never))).toBe("TypeError");
    expect(outcome(() => stdlib.toExporter(revokedProxy() as never))).toBe("TypeError");
    expect(outcome(() => stdlib.toExporter({ ...stdlibFields(), dtype: trappedProxy() } as never))).toBe("TypeError");
    expect(outcome(() => arrow.toExporter({ data: [trappedProxy()] } as never))).toBe("TypeError");
    expect(outcome(() => new root.ElementExporter(null, null as never, "x"))).toBe("TypeError");
    expect(thrownBy(() => scijs.toExporter(1.5 as never))).toMatchObject({ message: "ndarray expected, not 'float'" });
    expect(outcome(() => new root.ElementExporter(null, revokedProxy() as never, "x"))).toBe("TypeError");
    const error = thrownBy(() => scijs.toExporter(throwingGetter(scijsFields(), "stride") as never)) as Error;
    expect(error).toMatchObject({
      pythonType: "TypeError",
      message: "ndarray.toExporter: the ndarray cannot be read: Error: getter",
    });
    expect((error.cause as Error).message).toBe("getter");
  });

  it("a shape of length 2**32 - 1 is refused before it is copied, and a FixedSizeList that is its own child is refused", () => {
    expect(outcome(() => scijs.toExporter({ ...scijsFields(), shape: hugeArray() } as never))).toBe("BufferError");
    expect(outcome(() => stdlib.toExporter({ ...stdlibFields(), strides: hugeArray() } as never))).toBe("BufferError");
    const cycle: Record<string, unknown> = {
      type: { typeId: Type.FixedSizeList, listSize: 1 },
      length: 1,
      nullCount: 0,
    };
    cycle["children"] = [cycle];
    expect(thrownBy(() => arrow.toExporter(cycle as never))).toMatchObject({
      pythonType: "BufferError",
      message: expect.stringMatching(/more than 64 FixedSizeList levels/),
    });
  });

  it("a layout whose format or readonly is of the wrong kind, or a library name that is not a string, gives Python errors", () => {
    expect(outcome(() => consume(new root.ElementExporter(null, { ...layoutFields(), format: 1 } as never, "x")))).toBe("BufferError");
    expect(outcome(() => consume(new root.ElementExporter(null, { ...layoutFields(), readonly: "no" } as never, "x")))).toBe("BufferError");
    expect(consume(new root.ElementExporter(null, layoutFields() as never, Symbol("s") as never))).toEqual([0, 0, 0, 0]);
  });
});
