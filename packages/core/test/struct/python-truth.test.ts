/**
 * Python truth values of this project's own objects wherever one is taken
 * (`struct`'s `'?'`, an item of a `'?'` view): `PyObject_IsTrue` falls back
 * to `len()`, so an empty memoryview is false and a 0-d or released one
 * raises what `len()` raises; `_testbuffer.ndarray` has no `len()` and is
 * always true. Each expectation was checked on CPython 3.13 and 3.14:
 *
 *     struct.pack('?', memoryview(b''))                 # b'\x00'
 *     struct.pack('?', memoryview(bytes(4)).cast('i', []))  # TypeError: 0-dim memory has no length
 *     struct.pack('?', ndarray([1], shape=[0], format='B'))  # b'\x01'
 */
import { describe, expect, it } from "vitest";
import { memoryview, NDArray, pack, packInto, pythonLengthSymbol, slice, Struct } from "../../src/index.ts";
import { py, RELEASED, thrown } from "../memoryview/helpers.ts";

const empty = () => memoryview(new Uint8Array(0));
const zeroDim = () => memoryview(new Uint8Array(4)).cast("i", []);

describe("a MemoryView as a Python truth value", () => {
  it("packs as '?' by its length: empty is false, any item makes it true", () => {
    expect([...pack("??", empty(), memoryview(new Uint8Array(1)))]).toEqual([0, 1]);
    // Its length counts, not its bytes: a view of one zero byte is still true.
    expect([...pack("?", memoryview(new Uint8Array([0])))]).toEqual([1]);
    // An empty slice of a non-empty view is false.
    expect([...pack("?", memoryview(new Uint8Array(3)).get(slice(1, 1)))]).toEqual([0]);
  });

  it("a 0-d view has no length, so its truth raises TypeError", () => {
    expect(thrown(() => pack("?", zeroDim()))).toEqual(py("TypeError", "0-dim memory has no length"));
  });

  it("a released view raises as len() does, and packInto writes nothing", () => {
    const view = memoryview(new Uint8Array(2));
    view.release();
    const target = new Uint8Array([7, 7]);
    expect(thrown(() => packInto("??", target, 0, true, view))).toEqual(RELEASED);
    expect([...target]).toEqual([7, 7]);
  });

  it("an item of a '?' view takes the truth of a view assigned to it", () => {
    const flags = memoryview(new Uint8Array([1, 0, 1])).cast("?");
    flags.set(0, empty());
    flags.set(1, memoryview(new Uint8Array(2)));
    expect(flags.toList()).toEqual([false, true, true]);
    expect(thrown(() => flags.set(2, zeroDim()))).toEqual(py("TypeError", "0-dim memory has no length"));
    expect(flags.toList()).toEqual([false, true, true]);
  });
});

describe("other objects", () => {
  it("an NDArray has no Python length and is always true, as _testbuffer.ndarray is", () => {
    expect([...new Struct("?").pack(new NDArray([1], { shape: [0], format: "B" }))]).toEqual([1]);
  });

  it("any object may declare a length under pythonLengthSymbol", () => {
    const sized = (n: number) => ({ [pythonLengthSymbol]: () => n });
    expect([...pack("??", sized(0), sized(3))]).toEqual([0, 1]);
  });
});
