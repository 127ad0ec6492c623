/**
 * No public function or method of the legacy-buffer package throws an
 * error without `pythonType`: each is called with core's hostile values
 * (wrong kinds, revoked and trapping Proxies, huge lengths, gone memory,
 * exporters that lie or throw) in every argument position. A value or a
 * Python error is fine; a bare JavaScript error, a hang or a crash is not.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bareError, detachedBytes, hostileValueArb, hugeArray, outcome, revokedProxy, trappedProxy } from "../../../core/test/hostile/hostile-values.ts";
import * as legacy from "../../src/index.ts";

type Entry = readonly [string, (a: unknown, b: unknown) => unknown];
type Int = legacy.IntegerArgument;

const bytes = (): Uint8Array => Uint8Array.of(1, 2, 3, 4);
const readOnly = (): legacy.LegacyBuffer => legacy.buffer(bytes(), 1);
const writable = (): legacy.LegacyBuffer => legacy.bufferFromReadWriteMemory(new ArrayBuffer(8), 0, 8);

const ENTRIES: readonly Entry[] = [
  ["asCharBuffer(a)", (a) => legacy.asCharBuffer(a)],
  ["asReadBuffer(a)", (a) => legacy.asReadBuffer(a)],
  ["asWriteBuffer(a)", (a) => legacy.asWriteBuffer(a)],
  ["buffer(a, b)", (a, b) => legacy.buffer(a, b as Int)],
  ["buffer(u8, a, b)", (a, b) => legacy.buffer(bytes(), a as Int, b as Int)],
  ["new LegacyBuffer(a, b)", (a, b) => new legacy.LegacyBuffer(a, b as Int)],
  ["bufferArgument(a, b)", (a, b) => legacy.bufferArgument(a, b as never).release()],
  ["bufferFromMemory(a, b, 4)", (a, b) => legacy.bufferFromMemory(a as ArrayBuffer, b as Int, 4)],
  ["bufferFromMemory(memory, a, b)", (a, b) => legacy.bufferFromMemory(new ArrayBuffer(8), a as Int, b as Int)],
  ["bufferFromReadWriteMemory(a, b, 4)", (a, b) => legacy.bufferFromReadWriteMemory(a as ArrayBuffer, b as Int, 4)],
  ["bufferFromReadWriteMemory(memory, a, b)", (a, b) => legacy.bufferFromReadWriteMemory(new ArrayBuffer(8), a as Int, b as Int)],
  ["charBufferArgument(a, b)", (a, b) => legacy.charBufferArgument(a, b as never)],
  ["checkReadBuffer(a)", (a) => legacy.checkReadBuffer(a)],
  ["fromObject(a, b)", (a, b) => legacy.fromObject(a, b as Int)],
  ["fromObject(u8, a, b)", (a, b) => legacy.fromObject(bytes(), a as Int, b as Int)],
  ["fromReadWriteObject(a, b)", (a, b) => legacy.fromReadWriteObject(a, b as Int)],
  ["newBuffer(a)", (a) => legacy.newBuffer(a as Int)],
  ["objectId(a)", (a) => legacy.objectId(a as object)],
  ["optionalBufferArgument(a, b)", (a, b) => legacy.optionalBufferArgument(a, b as never)?.release()],
  ["optionalReadBufferArgument(a, b)", (a, b) => legacy.optionalReadBufferArgument(a, b as never)],
  ["readBufferArgument(a, b)", (a, b) => legacy.readBufferArgument(a, b as never)],
  ["writableBufferArgument(a, b)", (a, b) => legacy.writableBufferArgument(a, b as never).release()],
  ["writeBufferArgument(a, b)", (a, b) => legacy.writeBufferArgument(a, b as never)],
  ["new SegmentedBytes(a)", (a) => new legacy.SegmentedBytes(a as never).toBytes()],
  ["new SegmentedBytes([u8, a])", (a) => new legacy.SegmentedBytes([bytes(), a] as never).toBytes()],
  ["b.compare(a)", (a) => readOnly().compare(a as legacy.LegacyBuffer)],
  ["b.concat(a)", (a) => readOnly().concat(a)],
  ["b.delete(a)", (a) => writable().delete(a as Int)],
  ["b.equals(a)", (a) => readOnly().equals(a)],
  ["b.get(a)", (a) => readOnly().get(a as Int)],
  ["b.includes(a)", (a) => readOnly().includes(a)],
  ["b.repeat(a)", (a) => readOnly().repeat(a as Int)],
  ["b.set(a, b)", (a, b) => writable().set(a as Int, b)],
  ["b.set(0, a)", (a) => writable().set(0, a)],
  ["buffer(a).hash()", (a) => legacy.buffer(a).hash()],
  ["buffer(a).repr()", (a) => legacy.buffer(a).repr()],
  ["buffer(a).toBytes()", (a) => legacy.buffer(a).toBytes()],
  ["buffer(a) iterated", (a) => [...legacy.buffer(a)]],
  ["String(buffer(a))", (a) => String(legacy.buffer(a))],
];

describe("the legacy-buffer public surface raises only Python errors on hostile input", () => {
  it("every function and method, hostile values (throwing Proxies included) in its open positions", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENTRIES), hostileValueArb, hostileValueArb, ([name, call], [aName, a], [bName, b]) => {
        expect(bareError(() => call(a(), b())), `${name} with a = ${aName}, b = ${bName}`).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});

describe("what the property found, fixed", () => {
  it("throwing Proxies, null positions, gone chunks and huge chunks give Python errors", () => {
    const u8 = bytes();
    expect(outcome(() => legacy.asCharBuffer(trappedProxy()))).toBe("TypeError");
    expect(outcome(() => legacy.buffer(revokedProxy()))).toBe("TypeError");
    expect(outcome(() => legacy.optionalBufferArgument(trappedProxy(), null as never))).toBe("TypeError");
    expect(outcome(() => writable().delete(trappedProxy() as never))).toBe("TypeError");
    expect(outcome(() => readOnly().repeat(revokedProxy() as never))).toBe("TypeError");
    expect(outcome(() => legacy.objectId(null as never))).toBe("TypeError");
    expect(outcome(() => new legacy.SegmentedBytes(null as never))).toBe("TypeError");
    expect(outcome(() => new legacy.SegmentedBytes([u8, hugeArray()]))).toBe("MemoryError");
    expect(outcome(() => new legacy.SegmentedBytes([u8, detachedBytes()]).toBytes())).toBe("BufferError");
    expect([...new legacy.SegmentedBytes([u8, [5]]).toBytes()]).toEqual([1, 2, 3, 4, 5]);
  });
});
