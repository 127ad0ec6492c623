/**
 * No Python-level entry point of core throws an error without `pythonType`.
 * Every function and method that takes arbitrary objects from its caller
 * (an exporter, a format, a value, a key, an index: the parameters typed
 * `unknown` or a union a JS caller can get wrong) is called with hostile
 * values in those positions: wrong kinds, revoked and trapping Proxies,
 * huge lengths, gone memory, exporters that lie or throw. A value or a
 * Python error is fine; a bare JavaScript error, a hang or a crash is not.
 *
 * Not covered: the C-API helpers typed to take a `BufferRecord` obtained
 * from `getBuffer` (`toContiguous`, `getPointer`, ...) and options objects,
 * whose TypeScript types already exclude these values; and Proxies whose
 * every look throws (revoked, or trapping) passed directly as an argument:
 * they are covered inside records, exporters' answers and pack values
 * (hostile-records.test.ts), not yet at every argument position.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as core from "../../src/index.ts";
import * as internal from "../../src/internal.ts";
import { bareError, hostileArgumentArb } from "./hostile-values.ts";

type Entry = readonly [string, (a: unknown, b: unknown) => unknown];

const view = (): core.MemoryView => core.memoryview(new Uint8Array(8));
const nd = (): core.NDArray => new core.NDArray([1, 2, 3, 4], { shape: [4], format: "h", flags: core.NDArrayFlags.WRITABLE });
const struct = (): core.Struct => new core.Struct("<hh");

const ENTRIES: readonly Entry[] = [
  ["memoryview(a)", (a) => core.memoryview(a)],
  ["getBuffer(a, SIMPLE)", (a) => core.getBuffer(a, core.BufferFlags.SIMPLE)],
  ["getBuffer(a, FULL_RO)", (a) => core.getBuffer(a, core.BufferFlags.FULL_RO)],
  ["getBuffer(u8, a)", (a) => core.getBuffer(new Uint8Array(4), a as number)],
  ["checkBuffer(a)", (a) => core.checkBuffer(a)],
  ["pythonTypeName(a)", (a) => internal.pythonTypeName(a)],
  ["argumentTypeName(a)", (a) => internal.argumentTypeName(a)],
  ["isPythonError(a)", (a) => core.isPythonError(a)],
  ["calcsize(a)", (a) => core.calcsize(a as string)],
  ["pack(a, b)", (a, b) => core.pack(a as string, b)],
  ["pack('<h?dD4s', b, b, b, b, b)", (_a, b) => core.pack("<h?dD4s", b, b, b, b, b)],
  ["unpack(a, b)", (a, b) => core.unpack(a as string, b)],
  ["unpack('<h', b)", (_a, b) => core.unpack("<h", b)],
  ["unpackFrom('<h', a, b)", (a, b) => core.unpackFrom("<h", a, b as number)],
  ["packInto('<h', a, b, 1)", (a, b) => core.packInto("<h", a, b as number, 1)],
  ["iterUnpack(a, b)", (a, b) => core.iterUnpack(a as string, b)],
  ["new Struct(a)", (a) => new core.Struct(a as string)],
  ["Struct.pack(a, b)", (a, b) => struct().pack(a, b)],
  ["Struct.unpack(a)", (a) => struct().unpack(a)],
  ["Struct.unpackFrom(a, b)", (a, b) => struct().unpackFrom(a, b as number)],
  ["Struct.packInto(a, b, 1, 2)", (a, b) => struct().packInto(a, b as number, 1, 2)],
  ["Struct.iterUnpack(a)", (a) => struct().iterUnpack(a)],
  ["bytesArgument(a)", (a) => core.bytesArgument(a).release()],
  ["writableBytesArgument(a)", (a) => core.writableBytesArgument(a).release()],
  ["textOrBytesArgument(a)", (a) => core.textOrBytesArgument(a).release()],
  ["optionalTextOrBytesArgument(a)", (a) => core.optionalTextOrBytesArgument(a)?.release()],
  ["copyData(a, b)", (a, b) => core.copyData(a, b)],
  ["copyData(u8, a)", (a) => core.copyData(new Uint8Array(8), a)],
  ["getContiguous(a, b)", (a, b) => core.getContiguous(a, core.BufferFlags.READ, b as "C")],
  ["m.get(a)", (a) => view().get(a as number)],
  ["m.get([a, b])", (a, b) => view().cast("B", [2, 4]).get([a, b] as never)],
  ["m.set(a, b)", (a, b) => view().set(a as number, b)],
  ["m.set(0, a) of '?'", (a) => view().cast("?").set(0, a)],
  ["m.set(slice, a)", (a) => view().set(core.slice(0, 8), a)],
  ["m.count(a)", (a) => view().count(a)],
  ["m.index(a, b)", (a, b) => view().index(a, b as number)],
  ["m.equals(a)", (a) => view().equals(a)],
  ["m.cast(a, b)", (a, b) => view().cast(a as string, b as number[])],
  ["m.toBytes(a)", (a) => view().toBytes(a as "C")],
  ["m.hex(a, b)", (a, b) => view().hex(a as string, b as number)],
  ["m.toList()", (a) => core.memoryview(a).toList()],
  ["nd.get(a)", (a) => nd().get(a)],
  ["nd.set(a, b)", (a, b) => nd().set(a, b)],
  ["new NDArray(a)", (a) => new core.NDArray(a)],
  ["new NDArray([1], { shape: a })", (a) => new core.NDArray([1], { shape: a as number[] })],
  ["slice(a, b)", (a, b) => core.slice(a as number, b as number)],
];

describe("the public surface raises only Python errors on hostile input", () => {
  it("every Python-level entry point, hostile values in its open positions", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENTRIES), hostileArgumentArb, hostileArgumentArb, ([name, call], [aName, a], [bName, b]) => {
        const bare = bareError(() => call(a(), b()));
        expect(bare, `${name} with a = ${aName}, b = ${bName}`).toBeNull();
      }),
      { numRuns: 4000 },
    );
  });
});
