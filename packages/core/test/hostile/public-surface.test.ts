/**
 * No Python-level entry point of core throws an error without `pythonType`.
 * Every function and method that takes arbitrary objects from its caller
 * (an exporter, a format, a value, a key, an index: the parameters typed
 * `unknown` or a union a JS caller can get wrong) is called with hostile
 * values in those positions: wrong kinds, revoked Proxies and Proxies whose
 * every trap throws, huge lengths, gone memory, exporters that lie or throw.
 * A value or a Python error is fine; a bare JavaScript error, a hang or a
 * crash is not. ENTRIES covers every public method of `MemoryView`,
 * `NDArray`, `Struct` and `StructUnpackIterator` and every struct function
 * (see api/core.api.md); item writes are tried for every format code, since
 * each converts its value its own way.
 *
 * Left out on purpose:
 * - the C-API helpers typed to take a `BufferRecord` obtained from
 *   `getBuffer` (`toContiguous`, `getPointer`, `memoryViewFromBuffer`, ...),
 *   the release slots (`[releaseBufferSymbol](view)`, which like C's
 *   `bf_releasebuffer` take back only a record their own get-buffer slot
 *   gave), and options objects: their TypeScript types exclude these
 *   values, and they are checked where they are defined;
 * - the attribute getters and argument-less methods (`shape`, `toList()`,
 *   `release()`, ...) take no argument: they are called here on views and
 *   arrays made from each hostile value ("...all" entries).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as core from "../../src/index.ts";
import * as internal from "../../src/internal.ts";
import { bareError, HOSTILE_VALUES, hostileValueArb, revokedProxy, trappedProxy } from "./hostile-values.ts";

type Entry = readonly [string, (a: unknown, b: unknown) => unknown];

const view = (): core.MemoryView => core.memoryview(new Uint8Array(16));
const nd = (): core.NDArray => new core.NDArray([1, 2, 3, 4], { shape: [4], format: "h", flags: core.NDArrayFlags.WRITABLE });
const nd2 = (): core.NDArray => new core.NDArray([1, 2, 3, 4], { shape: [2, 2], format: "h", flags: core.NDArrayFlags.WRITABLE });
const struct = (): core.Struct => new core.Struct("<hh");

/** An initializer item of `format`, for a writable NDArray of two of them. */
function ndItem(format: string): unknown {
  if (format === "hh") return [1, 2];
  if (format === "c" || format.endsWith("s") || format.endsWith("p")) return new Uint8Array(1);
  if (format === "?") return true;
  return format === "F" || format === "D" ? { real: 1, imag: 0 } : 1;
}
const ndOf = (format: string): core.NDArray => new core.NDArray([ndItem(format), ndItem(format)], { shape: [2], format, flags: core.NDArrayFlags.WRITABLE });

/** `new StructUnpackIterator(...)`, which CPython refuses and so does core. */
const UnpackIterator = core.StructUnpackIterator as unknown as new (...args: unknown[]) => core.StructUnpackIterator;

const ENTRIES: readonly Entry[] = [
  // memoryview
  ["memoryview(a)", (a) => core.memoryview(a)],
  ["new MemoryView(a)", (a) => new core.MemoryView(a)],
  ["memoryview(a): every argument-less method", (a) => {
    const m = core.memoryview(a);
    [m.obj, m.nbytes, m.readonly, m.itemsize, m.format, m.ndim, m.shape, m.strides, m.suboffsets, m.cContiguous, m.fContiguous, m.contiguous, m.abi];
    m.toList(); m.toReadonly(); m.toBytes(); m.hex(); m.toTypedArray(); [...m]; m.toString(); m.length; m[core.pythonLengthSymbol]();
    m.release();
  }],
  ["m.get(a)", (a) => view().get(a as number)],
  ["m.get([a])", (a) => view().get([a] as never)],
  ["m.get([a, b]) of 2-D", (a, b) => view().cast("B", [4, 4]).get([a, b] as never)],
  ["0-d m.get(a)", (a) => core.memoryview(new Uint8Array(8)).cast("d", []).get(a as never)],
  ["m.set(a, b)", (a, b) => view().set(a as number, b)],
  ["m.set([a, b], 1) of 2-D", (a, b) => view().cast("B", [4, 4]).set([a, b] as never, 1)],
  ["m.set(slice, a)", (a) => view().set(core.slice(0, 16), a)],
  ["m.set([slice, 0], a) of 2-D", (a) => view().cast("B", [4, 4]).set([core.slice(0, 4), 0] as never, a)],
  ...[..."bBhHiIlLqQnNPefdFD?c"].map((f): Entry => [`m.set(0, a) of '${f}'`, (a) => view().cast(f).set(0, a)]),
  ["m.count(a)", (a) => view().count(a)],
  ["m.index(a, b)", (a, b) => view().index(a, b as number)],
  ["m.index(0, a, b)", (a, b) => view().index(0, a as number, b as number)],
  ["m.equals(a)", (a) => view().equals(a)],
  ["m.cast(a, b)", (a, b) => view().cast(a as string, b as number[])],
  ["m.cast('B', [a, b])", (a, b) => view().cast("B", [a, b] as number[])],
  ["m.toBytes(a)", (a) => view().toBytes(a as "C")],
  ["m.hex(a, b)", (a, b) => view().hex(a as string, b as number)],
  ["m[getBufferSymbol](a)", (a) => view()[core.getBufferSymbol](a as number)],
  // NDArray
  ["new NDArray(a)", (a) => new core.NDArray(a)],
  ["new NDArray(a, { shape: [1] })", (a) => new core.NDArray(a, { shape: [1] })],
  ["new NDArray([1], { shape: a })", (a) => new core.NDArray([1], { shape: a as number[] })],
  ["new NDArray([1], { shape: [a, b] })", (a, b) => new core.NDArray([1], { shape: [a, b] })],
  ["new NDArray([1], { shape: [1], strides: a })", (a) => new core.NDArray([1], { shape: [1], strides: a as number[] })],
  ["new NDArray([1], { shape: [1], strides: [a] })", (a) => new core.NDArray([1], { shape: [1], strides: [a] })],
  ["new NDArray([1], { shape: [1], format: a })", (a) => new core.NDArray([1], { shape: [1], format: a as string })],
  ["new NDArray([1], { shape: [1], offset: a, flags: b })", (a, b) => new core.NDArray([1], { shape: [1], offset: a as number, flags: b as number })],
  ["new NDArray(u8, { getbuf: a })", (a) => new core.NDArray(new Uint8Array(4), { getbuf: a as number })],
  ["new NDArray(a): every argument-less method", (a) => {
    const n = new core.NDArray(a);
    [n.flags, n.offset, n.obj, n.nbytes, n.readonly, n.itemsize, n.format, n.ndim, n.shape, n.strides, n.suboffsets, n.cContiguous, n.fContiguous, n.contiguous];
    n.toList(); n.toBytes(); [...n]; n.addSuboffsets(); n.pop(); n.release();
  }],
  ["nd.get(a)", (a) => nd().get(a)],
  ["nd.get([a, b]) of 2-D", (a, b) => nd2().get([a, b])],
  ["nd.set(a, b)", (a, b) => nd().set(a, b)],
  ["nd.set(a, b) of 2-D", (a, b) => nd2().set(a, b)],
  ...["B", "b", "h", "q", "Q", "P", "e", "f", "d", "F", "D", "?", "c", "3s", "3p", "hh"].map(
    (f): Entry => [`nd.set(0, a) of '${f}'`, (a) => ndOf(f).set(0, a)],
  ),
  ["nd.push(a, { shape: [b] })", (a, b) => nd().push(a, { shape: [b] })],
  ["nd.push([1], { shape: a })", (a) => nd().push([1], { shape: a as number[] })],
  ["nd[getBufferSymbol](a)", (a) => nd()[core.getBufferSymbol](a as number)],
  // struct functions
  ["calcsize(a)", (a) => core.calcsize(a as string)],
  ["pack(a, b)", (a, b) => core.pack(a as string, b)],
  ...["b", "B", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "P", "e", "f", "d", "F", "D", "?", "c", "s", "4s", "p", "4p"].map(
    (f): Entry => [`pack('${f}', a)`, (a) => core.pack(f, a)],
  ),
  ["pack('<h?dD4s', b, b, b, b, b)", (_a, b) => core.pack("<h?dD4s", b, b, b, b, b)],
  ["unpack(a, b)", (a, b) => core.unpack(a as string, b)],
  ["unpack('<h', a)", (a) => core.unpack("<h", a)],
  ["unpackFrom(a, b)", (a, b) => core.unpackFrom(a as string, b)],
  ["unpackFrom('<h', a, b)", (a, b) => core.unpackFrom("<h", a, b as number)],
  ["packInto(a, b)", (a, b) => (core.packInto as (...args: unknown[]) => void)(a, b)],
  ["packInto('<h', a, b, 1)", (a, b) => core.packInto("<h", a, b as number, 1)],
  ["packInto('<h', u8, a, b)", (a, b) => core.packInto("<h", new Uint8Array(4), a as number, b)],
  ["iterUnpack(a, b)", (a, b) => core.iterUnpack(a as string, b)],
  // Struct and StructUnpackIterator
  ["new Struct(a)", (a) => new core.Struct(a as string)],
  ["Struct.pack(a, b)", (a, b) => struct().pack(a, b)],
  ["Struct.unpack(a)", (a) => struct().unpack(a)],
  ["Struct.unpackFrom(a, b)", (a, b) => struct().unpackFrom(a, b as number)],
  ["Struct.packInto(a, b, 1, 2)", (a, b) => struct().packInto(a, b as number, 1, 2)],
  ["Struct.packInto(u8, 0, a, b)", (a, b) => struct().packInto(new Uint8Array(4), 0, a, b)],
  ["Struct.iterUnpack(a): every iterator method", (a) => {
    const iterator = struct().iterUnpack(a);
    iterator.lengthHint(); iterator.next(); iterator[Symbol.iterator](); iterator.return(); iterator.lengthHint(); struct().toString();
  }],
  ["new StructUnpackIterator(a, b, a)", (a, b) => new UnpackIterator(a, b, a)],
  // the protocol and the argument helpers
  ["getBuffer(a, SIMPLE)", (a) => core.getBuffer(a, core.BufferFlags.SIMPLE)],
  ["getBuffer(a, FULL_RO)", (a) => core.getBuffer(a, core.BufferFlags.FULL_RO)],
  ["getBuffer(u8, a)", (a) => core.getBuffer(new Uint8Array(4), a as number)],
  ["checkBuffer(a)", (a) => core.checkBuffer(a)],
  ["pythonTypeName(a)", (a) => internal.pythonTypeName(a)],
  ["argumentTypeName(a)", (a) => internal.argumentTypeName(a)],
  ["isPythonError(a)", (a) => core.isPythonError(a)],
  ["bytesArgument(a)", (a) => core.bytesArgument(a).release()],
  ["writableBytesArgument(a)", (a) => core.writableBytesArgument(a).release()],
  ["textOrBytesArgument(a)", (a) => core.textOrBytesArgument(a).release()],
  ["optionalTextOrBytesArgument(a)", (a) => core.optionalTextOrBytesArgument(a)?.release()],
  ["copyData(a, b)", (a, b) => core.copyData(a, b)],
  ["copyData(u8, a)", (a) => core.copyData(new Uint8Array(8), a)],
  ["getContiguous(a, b)", (a, b) => core.getContiguous(a, core.BufferFlags.READ, b as "C")],
  ["slice(a, b)", (a, b) => core.slice(a as number, b as number)],
];

/** The Proxies whose every look throws. */
const THROWING: readonly (readonly [string, () => unknown])[] = [
  ["revoked Proxy", revokedProxy],
  ["trapped Proxy", trappedProxy],
];

describe("the public surface raises only Python errors on hostile input", () => {
  it("every Python-level entry point, hostile values in its open positions", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENTRIES), hostileValueArb, hostileValueArb, ([name, call], [aName, a], [bName, b]) => {
        const bare = bareError(() => call(a(), b()));
        expect(bare, `${name} with a = ${aName}, b = ${bName}`).toBeNull();
      }),
      { numRuns: 4000 },
    );
  });

  it("every entry point, a throwing Proxy in each position, every hostile value in the other", () => {
    const bare: string[] = [];
    for (const [name, call] of ENTRIES) {
      for (const [proxyName, proxy] of THROWING) {
        for (const [otherName, other] of HOSTILE_VALUES) {
          const asA = bareError(() => call(proxy(), other()));
          if (asA !== null) bare.push(`${name} with a = ${proxyName}, b = ${otherName}: ${asA}`);
          const asB = bareError(() => call(other(), proxy()));
          if (asB !== null) bare.push(`${name} with a = ${otherName}, b = ${proxyName}: ${asB}`);
        }
      }
    }
    expect(bare).toEqual([]);
  });
});
