/**
 * Proxies whose every look throws (revoked, or with throwing traps), passed
 * directly as an argument, get the error CPython raises for an object of the
 * wrong kind there, with CPython's message (checked on CPython 3.13 with
 * `object()` in the Proxy's place: `memoryview(object())`,
 * `memoryview(b'ab')[object()]`, `_testbuffer.ndarray(object(), shape=[1])`,
 * ...), and what the look threw as its `cause`.
 */
import { describe, expect, it } from "vitest";
import * as core from "../../src/index.ts";
import { hugeArray, revokedProxy, thrownBy, trappedProxy } from "./hostile-values.ts";

const PROXIES = [
  ["revoked Proxy", revokedProxy],
  ["trapped Proxy", trappedProxy],
] as const;

const bytes16 = (): core.MemoryView => core.memoryview(new Uint8Array(16));
const nd = (): core.NDArray => new core.NDArray([1, 2], { shape: [2], format: "h", flags: core.NDArrayFlags.WRITABLE });

/** The error `run` throws, checked to be the Python error `pythonType` with `message`, and returned. */
function expectPythonError(run: () => unknown, pythonType: string, message: string): Error {
  const error = thrownBy(run) as Error & { pythonType?: string };
  expect(error, "threw").toBeInstanceOf(Error);
  expect({ pythonType: error.pythonType, message: error.message }).toEqual({ pythonType, message });
  return error;
}

describe("a revoked or trapped Proxy passed directly as an argument", () => {
  const cases: readonly (readonly [string, (p: unknown) => unknown, string, string])[] = [
    ["memoryview(p)", (p) => core.memoryview(p), "TypeError", "memoryview: a bytes-like object is required, not 'object'"],
    ["m.get(p)", (p) => bytes16().get(p as number), "TypeError", "memoryview: invalid slice key"],
    ["m.get([0, p]) of a 2-D view", (p) => bytes16().cast("B", [4, 4]).get([0, p] as never), "TypeError", "memoryview: invalid slice key"],
    ["m.set(p, 1)", (p) => bytes16().set(p as number, 1), "TypeError", "memoryview: invalid slice key"],
    ["m.set(0, p) of 'B'", (p) => bytes16().set(0, p), "TypeError", "memoryview: invalid type for format 'B'"],
    ["m.set(0, p) of 'd'", (p) => bytes16().cast("d").set(0, p), "TypeError", "memoryview: invalid type for format 'd'"],
    ["m.cast('B', p)", (p) => bytes16().cast("B", p as number[]), "TypeError", "shape must be a list or a tuple"],
    ["m.hex(p)", (p) => bytes16().hex(p as string), "TypeError", "object of type 'object' has no len()"],
    ["m.index(p)", (p) => bytes16().index(p), "ValueError", "memoryview.index(x): x not found"],
    ["calcsize(p)", (p) => core.calcsize(p as string), "TypeError", "Struct() argument 1 must be a str or bytes object, not object"],
    ["pack(p)", (p) => core.pack(p as string), "TypeError", "Struct() argument 1 must be a str or bytes object, not object"],
    ["unpack(p, bytes)", (p) => core.unpack(p as string, new Uint8Array(1)), "TypeError", "Struct() argument 1 must be a str or bytes object, not object"],
    ["nd.get(p)", (p) => nd().get(p), "TypeError", 'cannot index memory using "object"'],
    ["new NDArray(p, { shape: [1] })", (p) => new core.NDArray(p, { shape: [1] }), "TypeError", "items must be a list or a tuple"],
    ["new NDArray([1], { shape: p })", (p) => new core.NDArray([1], { shape: p as number[] }), "TypeError", "shape must be a list or a tuple"],
    ["new NDArray([1], { shape: [1], strides: p })", (p) => new core.NDArray([1], { shape: [1], strides: p as number[] }), "TypeError", "strides must be a list or a tuple"],
    ["nd.set(0, p)", (p) => nd().set(0, p), "ValueError", "mismatch between initializer element and format string"],
    ["nd.push(p, { shape: [1] })", (p) => nd().push(p, { shape: [1] }), "TypeError", "items must be a list or a tuple"],
    ["nd[getBufferSymbol](p)", (p) => nd()[core.getBufferSymbol](p as number), "TypeError", "'object' object cannot be interpreted as an integer"],
  ];

  it.each(cases)("%s raises CPython's error for an object of the wrong kind", (_label, call, pythonType, message) => {
    for (const [, proxy] of PROXIES) expectPythonError(() => call(proxy()), pythonType, message);
  });

  it.each(PROXIES)("a %s keeps what the look threw as the cause", (_name, proxy) => {
    const error = expectPythonError(() => bytes16().get(proxy() as never), "TypeError", "memoryview: invalid slice key");
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as { pythonType?: unknown }).pythonType).toBeUndefined();
  });

  it.each(PROXIES)("a %s is an item no view holds: count 0, never equal", (_name, proxy) => {
    expect(bytes16().count(proxy())).toBe(0);
    expect(bytes16().equals(proxy())).toBe(false);
  });
});

describe("StructUnpackIterator", () => {
  it("cannot be constructed directly, as CPython's _struct.unpack_iterator", () => {
    const construct = core.StructUnpackIterator as unknown as new (...args: unknown[]) => unknown;
    expectPythonError(() => new construct(), "TypeError", "cannot create '_struct.unpack_iterator' instances");
    expectPythonError(() => new construct(revokedProxy(), 1, null), "TypeError", "cannot create '_struct.unpack_iterator' instances");
    // iterUnpack still makes them.
    const iterator = core.iterUnpack("<h", new Uint8Array([1, 0, 2, 0]));
    expect(iterator).toBeInstanceOf(core.StructUnpackIterator);
    expect([...iterator]).toEqual([[1], [2]]);
  });
});

describe("NDArray items", () => {
  it("a sparse array claiming 2**32 - 1 items fails at its first hole, as None would, at once", () => {
    expectPythonError(() => new core.NDArray(hugeArray(), { shape: [1] }), "ValueError", "mismatch between initializer element and format string");
  });

  it("a hole in a short items array is an error, never a zero item", () => {
    // eslint-disable-next-line no-sparse-arrays
    expectPythonError(() => new core.NDArray([1, , 3], { shape: [3] }), "ValueError", "mismatch between initializer element and format string");
  });
});
