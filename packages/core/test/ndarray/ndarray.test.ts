/**
 * `NDArray` behaviour the fixtures do not reach: structure changes while
 * exported, the VAREXPORT linked list, re-exporters (REDIRECT, GETBUF_FAIL,
 * SIMPLE-only, release), item and slice access, slice assignment, and
 * `addSuboffsets`. Every expectation was checked against CPython 3.13's
 * `_testbuffer` (the Python spelling is in the comments).
 */
import { describe, expect, it } from "vitest";
import {
  BufferFlags,
  Ellipsis,
  getBuffer,
  NDArray,
  NDArrayFlags,
  releaseBuffer,
  slice,
  type BufferRecord,
} from "../../src/index.ts";

/** Runs `fn` and returns what it threw, so a test can assert on type and message together. */
function thrown(fn: () => unknown): { pythonType: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    return { pythonType: (error as { pythonType?: unknown }).pythonType, message: (error as Error).message };
  }
  throw new Error("expected an exception");
}

function py(pythonType: string, message: string) {
  return { pythonType, message };
}

const EXPORTED_1 = py("BufferError", "cannot change structure: 1 exported buffer");
const EXPORTED_2 = py("BufferError", "cannot change structure: 2 exported buffers");
const SINGLE_BASE = py("BufferError", "list only has a single base");

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe("push and pop while buffers are exported", () => {
  it("refuse with the number of exports, and work again once they are released", () => {
    // nd = ndarray([9], [1]); nd.push([1], [1]); m = memoryview(nd)
    const nd = new NDArray([9], { shape: [1] });
    nd.push([1], { shape: [1] });
    const first = getBuffer(nd, BufferFlags.FULL_RO);
    expect(thrown(() => nd.push([1], { shape: [1] }))).toEqual(EXPORTED_1);
    expect(thrown(() => nd.pop())).toEqual(EXPORTED_1);
    const second = getBuffer(nd, BufferFlags.SIMPLE);
    expect(thrown(() => nd.push([1], { shape: [1] }))).toEqual(EXPORTED_2);
    releaseBuffer(first);
    expect(thrown(() => nd.pop())).toEqual(EXPORTED_1);
    releaseBuffer(second);
    nd.pop();
    expect(nd.toList()).toEqual([9]);
    expect(thrown(() => nd.pop())).toEqual(SINGLE_BASE);
  });

  it("count a re-exporter, a slice and a sub-array as exports until released", () => {
    const nd = new NDArray([1, 2, 3, 4], { shape: [2, 2] });
    const consumer = new NDArray(nd);
    const sliced = nd.get(slice(1)) as NDArray;
    const row = nd.get(0) as NDArray; // nd[0]
    // A slice of the sub-array exports from the sub-array, not from nd.
    const rowSlice = row.get(slice(1, null)) as NDArray;
    expect(thrown(() => nd.push([1], { shape: [1] }))).toEqual(py("BufferError", "cannot change structure: 3 exported buffers"));
    consumer.release();
    sliced.release();
    expect(thrown(() => nd.push([1], { shape: [1] }))).toEqual(EXPORTED_1);
    rowSlice.release();
    row.release();
    nd.push([1], { shape: [1] });
    expect(nd.shape).toEqual([1]);
  });

  it("are refused to a re-exporter, whose structure is its exporter's", () => {
    const consumer = new NDArray(new NDArray([1, 2, 3], { shape: [3] }));
    const immutable = py("BufferError", "structure of re-exporting object is immutable");
    expect(thrown(() => consumer.push([1], { shape: [1] }))).toEqual(immutable);
    expect(thrown(() => consumer.pop())).toEqual(immutable);
  });

  it("VAREXPORT is a creation flag only", () => {
    const nd = new NDArray([9], { shape: [1], flags: NDArrayFlags.VAREXPORT });
    expect(thrown(() => nd.push([1], { shape: [1], flags: NDArrayFlags.VAREXPORT }))).toEqual(
      py("ValueError", "ND_VAREXPORT flag can only be used during object creation"),
    );
    // VAREXPORT lives on the array, not on its bases: flags shows only the layout bits.
    expect(nd.flags).toBe(NDArrayFlags.C | NDArrayFlags.FORTRAN);
  });
});

describe("VAREXPORT: the linked list of bases", () => {
  it("lets push go on under exports, but never pops an exported head", () => {
    const nd = new NDArray([1, 2, 3], { shape: [3], flags: NDArrayFlags.VAREXPORT });
    const old = getBuffer(nd, BufferFlags.FULL_RO);
    nd.push([4, 5], { shape: [2] });
    expect(nd.toList()).toEqual([4, 5]);
    const head = getBuffer(nd, BufferFlags.FULL_RO);
    expect(thrown(() => nd.pop())).toEqual(EXPORTED_1);
    // The covered base stays alive for its export: the record still describes it.
    expect([old.shape, new Uint8Array(old.memory, old.buf, old.len)]).toEqual([[3], Uint8Array.of(1, 2, 3)]);
    releaseBuffer(head);
    nd.pop();
    expect(nd.toList()).toEqual([1, 2, 3]);
    releaseBuffer(old);
  });

  it("keeps a covered base that was never exported", () => {
    const nd = new NDArray([1, 2, 3], { shape: [3], flags: NDArrayFlags.VAREXPORT });
    nd.push([4, 5], { shape: [2] });
    nd.pop();
    expect(nd.shape).toEqual([3]);
  });

  it("drops a covered base with its last export", () => {
    // m0 = memoryview(nd); nd.push([4, 5], [2]); m0.release(); nd.pop() -> BufferError
    const nd = new NDArray([1, 2, 3], { shape: [3], flags: NDArrayFlags.VAREXPORT });
    const views = [getBuffer(nd, BufferFlags.SIMPLE), getBuffer(nd, BufferFlags.ND)];
    nd.push([4, 5], { shape: [2] });
    releaseBuffer(views[0]!);
    nd.push([6], { shape: [1] });
    nd.pop(); // the base of [4, 5] was never exported: it stays
    releaseBuffer(views[1]!);
    expect(thrown(() => nd.pop())).toEqual(SINGLE_BASE);
    expect(nd.toList()).toEqual([4, 5]);
  });

  it("test_ndarray_linked_list: five exported bases, released in every order", () => {
    for (const order of permutations([0, 1, 2, 3, 4])) {
      const nd = new NDArray([1, 2, 3], { shape: [3], flags: NDArrayFlags.VAREXPORT });
      const views: BufferRecord[] = [getBuffer(nd, BufferFlags.FULL_RO)];
      for (let i = 1; i < 5; i++) {
        nd.push([1, 2, 3], { shape: [3] });
        views.push(getBuffer(nd, BufferFlags.FULL_RO));
      }
      for (const i of order) releaseBuffer(views[i]!);
      expect(thrown(() => nd.pop())).toEqual(SINGLE_BASE);
    }
  });
});

describe("re-exporters", () => {
  it("REDIRECT hands out the root's buffer: obj is the root, and the root counts the export", () => {
    const root = new NDArray([1, 2, 3], { shape: [3] });
    const redirect = new NDArray(root, { flags: NDArrayFlags.REDIRECT });
    expect([redirect.flags, redirect.offset, redirect.obj]).toEqual([
      NDArrayFlags.REDIRECT | NDArrayFlags.C | NDArrayFlags.FORTRAN,
      -1,
      root,
    ]);
    const view = getBuffer(redirect, BufferFlags.FULL_RO);
    expect(view.obj).toBe(root);
    // One export for the redirector itself, one for the view.
    expect(thrown(() => root.push([1], { shape: [1] }))).toEqual(EXPORTED_2);
    releaseBuffer(view);
    expect(thrown(() => root.push([1], { shape: [1] }))).toEqual(EXPORTED_1);
    redirect.release();
    root.push([1], { shape: [1] });
  });

  it("REDIRECT forwards one level: to the exporter it consumes, itself redirected or not", () => {
    const root = new NDArray([1, 2, 3], { shape: [3] });
    const plain = new NDArray(root);
    const second = new NDArray(plain, { flags: NDArrayFlags.REDIRECT });
    const third = new NDArray(second, { flags: NDArrayFlags.REDIRECT });
    // memoryview(second).obj is plain; memoryview(third).obj is plain; and so is
    // third.obj, the obj of the (redirected) buffer third consumes.
    const views = [getBuffer(second, BufferFlags.FULL_RO), getBuffer(third, BufferFlags.FULL_RO)];
    expect(views[0]!.obj).toBe(plain);
    expect(views[1]!.obj).toBe(plain);
    expect(second.obj).toBe(plain);
    expect(third.obj).toBe(plain);
    views.forEach(releaseBuffer);
  });

  it("GETBUF_FAIL refuses every request, with GETBUF_UNDEFINED too", () => {
    const fail = new NDArray([1, 2, 3], { shape: [3], flags: NDArrayFlags.GETBUF_FAIL });
    const undef = new NDArray([1, 2, 3], { shape: [3], flags: NDArrayFlags.GETBUF_FAIL | NDArrayFlags.GETBUF_UNDEFINED });
    expect([fail.flags, undef.flags]).toEqual([0x144, 0x1c4]);
    const forced = py("BufferError", "ND_GETBUF_FAIL: forced test exception");
    expect(thrown(() => new NDArray(fail))).toEqual(forced);
    expect(thrown(() => getBuffer(undef, BufferFlags.SIMPLE))).toEqual(forced);
    // A failed request is not an export.
    fail.push([1], { shape: [1] });
  });

  it("a SIMPLE-only re-exporter refuses requests that need a shape or strides", () => {
    // base = ndarray([9], [1]); ex = ndarray(base, getbuf=PyBUF_SIMPLE)
    const ex = new NDArray(new NDArray([9], { shape: [1] }), { getbuf: BufferFlags.SIMPLE });
    expect([ex.ndim, ex.shape, ex.strides, ex.format, ex.flags]).toEqual([1, [], [], "", NDArrayFlags.C | NDArrayFlags.FORTRAN]);
    const lacking = py("BufferError", "re-exporter does not provide format, shape or strides");
    for (const request of [BufferFlags.ND, BufferFlags.STRIDES, BufferFlags.C_CONTIGUOUS, BufferFlags.F_CONTIGUOUS, BufferFlags.ANY_CONTIGUOUS, BufferFlags.FULL_RO]) {
      expect(thrown(() => new NDArray(ex, { getbuf: request }))).toEqual(lacking);
    }
    // WRITABLE needs no shape: it fails on the read-only base instead; FORMAT without ND fails at step 7.
    expect(thrown(() => new NDArray(ex, { getbuf: BufferFlags.WRITABLE }))).toEqual(py("BufferError", "ndarray is not writable"));
    expect(thrown(() => new NDArray(ex, { getbuf: BufferFlags.FORMAT }))).toEqual(
      py("BufferError", "ndarray: cannot cast to unsigned bytes if the format flag is present"),
    );
    expect(new NDArray(ex, { getbuf: BufferFlags.SIMPLE }).toBytes()).toEqual(Uint8Array.of(9));
  });

  it("an ND-only re-exporter refuses STRIDES but answers ND; a 0-d SIMPLE one refuses ND", () => {
    const ndOnly = new NDArray(new NDArray([1, 2, 3, 4], { shape: [2, 2] }), { getbuf: BufferFlags.ND });
    expect(thrown(() => new NDArray(ndOnly, { getbuf: BufferFlags.STRIDES }))).toEqual(
      py("BufferError", "re-exporter does not provide format, shape or strides"),
    );
    expect(new NDArray(ndOnly, { getbuf: BufferFlags.ND }).shape).toEqual([2, 2]);
    const scalar = new NDArray(new NDArray(7, { shape: [], format: "b" }), { getbuf: BufferFlags.SIMPLE });
    // A SIMPLE view of a scalar is 1-d without a shape.
    expect([scalar.ndim, scalar.shape]).toEqual([1, []]);
    expect(thrown(() => new NDArray(scalar, { getbuf: BufferFlags.ND }))).toEqual(
      py("BufferError", "re-exporter does not provide format, shape or strides"),
    );
  });

  it("release() gives the export back once; a released re-exporter is unusable", () => {
    const root = new NDArray([1, 2, 3], { shape: [3] });
    const consumer = new NDArray(root);
    consumer.release();
    consumer.release();
    consumer[Symbol.dispose]();
    root.push([4], { shape: [1] }); // no export left
    // JS only (CPython frees a consumer when it is collected): the message follows memoryview's.
    const released = py("ValueError", "operation forbidden on released ndarray object");
    expect(thrown(() => consumer.shape)).toEqual(released);
    expect(thrown(() => consumer.toList())).toEqual(released);
    expect(thrown(() => getBuffer(consumer, BufferFlags.SIMPLE))).toEqual(released);
  });

  it("release() of an original array does nothing", () => {
    const nd = new NDArray([1, 2], { shape: [2] });
    nd.release();
    expect(nd.toList()).toEqual([1, 2]);
  });
});

describe("items: get", () => {
  const nd = new NDArray([1, 2, 3, 4, 5], { shape: [5], format: "h", flags: NDArrayFlags.WRITABLE });

  it("takes integers, negatives from the end, and booleans as 0 and 1", () => {
    expect([nd.get(0), nd.get(-1), nd.get(true), nd.get(2n)]).toEqual([1, 5, 2, 3]);
  });

  it("bounds-checks, and converts like Py_ssize_t", () => {
    const bounds = py("IndexError", "index out of bounds");
    expect(thrown(() => nd.get(5))).toEqual(bounds);
    expect(thrown(() => nd.get(-6))).toEqual(bounds);
    expect(thrown(() => nd.get(2n ** 64n))).toEqual(py("OverflowError", "Python int too large to convert to C ssize_t"));
  });

  it("names the type of any other key", () => {
    expect(thrown(() => nd.get(1.5))).toEqual(py("TypeError", 'cannot index memory using "float"'));
    expect(thrown(() => nd.get(null))).toEqual(py("TypeError", 'cannot index memory using "NoneType"'));
    expect(thrown(() => nd.get("a"))).toEqual(py("TypeError", 'cannot index memory using "str"'));
    expect(thrown(() => nd.get([slice(0, 2), 1]))).toEqual(py("TypeError", 'cannot index memory using "int"'));
    // nd[...] on a 1-d array
    expect(thrown(() => nd.get(Ellipsis))).toEqual(py("TypeError", 'cannot index memory using "ellipsis"'));
  });

  it("gives a sub-array for ndim > 1, indexable in turn", () => {
    const two = new NDArray([...Array(12).keys()], { shape: [3, 4], format: "b" });
    const row = two.get(1) as NDArray;
    expect([row.toList(), row.shape, row.strides, row.offset, row.obj]).toEqual([[4, 5, 6, 7], [4], [1], -1, two]);
    expect((two.get(-1) as NDArray).get(2)).toBe(10);
    expect(thrown(() => two.get(3))).toEqual(py("IndexError", "index out of bounds"));
  });

  it("on 0-d: [] is the item, Ellipsis the array itself, anything else an error", () => {
    const scalar = new NDArray(7, { shape: [], format: "i" });
    expect(scalar.get([])).toBe(7);
    expect(scalar.get(Ellipsis)).toBe(scalar);
    const invalid = py("TypeError", "invalid indexing of scalar");
    expect(thrown(() => scalar.get(0))).toEqual(invalid);
    expect(thrown(() => scalar.get(slice(0, 1)))).toEqual(invalid);
  });

  it("too many slices: IndexError, where _testbuffer writes past its shape array", () => {
    // CPython's ndarray[1:, :] on a 1-d array does not check and corrupts memory
    // (undefined behaviour); NDArray refuses, which is the sane reading.
    const nd1 = new NDArray([1, 2, 3], { shape: [3] });
    expect(thrown(() => nd1.get([slice(1, null), slice(null)]))).toEqual(
      py("IndexError", "too many slices for a 1-dimensional ndarray"),
    );
  });
});

describe("items: set", () => {
  it("packs one item, bounds-checked, with struct's errors", () => {
    const nd = new NDArray([1, 2, 3, 4, 5], { shape: [5], format: "h", flags: NDArrayFlags.WRITABLE });
    nd.set(-1, 50);
    expect(nd.toList()).toEqual([1, 2, 3, 4, 50]);
    expect(thrown(() => nd.set(5, 1))).toEqual(py("IndexError", "index out of bounds"));
    expect(thrown(() => nd.set(0, 2 ** 20))).toEqual(py("struct.error", "'h' format requires -32768 <= number <= 32767"));
    expect(thrown(() => nd.set(0, 1.5))).toEqual(py("struct.error", "required argument is not an integer"));
    expect(thrown(() => nd.set(0, [1, 2]))).toEqual(py("ValueError", "mismatch between initializer element and format string"));
  });

  it("refuses any write to a read-only array before looking at the key", () => {
    const ro = new NDArray([1, 2, 3], { shape: [3] });
    const notWritable = py("TypeError", "ndarray is not writable");
    expect(thrown(() => ro.set(0, 1))).toEqual(notWritable);
    expect(thrown(() => ro.set(5, 1))).toEqual(notWritable);
    expect(thrown(() => ro.set(slice(0, 1), new NDArray([1], { shape: [1] })))).toEqual(notWritable);
  });

  it("on 0-d: [] and Ellipsis write the item, other keys are errors", () => {
    const scalar = new NDArray(7, { shape: [], format: "i", flags: NDArrayFlags.WRITABLE });
    scalar.set([], 8);
    expect(scalar.get([])).toBe(8);
    scalar.set(Ellipsis, 9);
    expect(scalar.toList()).toBe(9);
    const invalid = py("TypeError", "invalid indexing of scalar");
    expect(thrown(() => scalar.set(0, 1))).toEqual(invalid);
    expect(thrown(() => scalar.set(slice(null), 1))).toEqual(invalid);
  });

  it("an integer key on ndim > 1 assigns a row, from an exporter only", () => {
    const two = new NDArray([...Array(12).keys()], { shape: [3, 4], format: "b", flags: NDArrayFlags.WRITABLE });
    expect(thrown(() => two.set(0, 5))).toEqual(py("TypeError", "a bytes-like object is required, not 'int'"));
    two.set(0, new NDArray([9, 9, 9, 9], { shape: [4], format: "b" }));
    two.set([slice(null), slice(null, null, 3)], new NDArray([7, 7, 7, 7, 7, 7], { shape: [3, 2], format: "b" }));
    expect(two.toList()).toEqual([
      [7, 9, 9, 7],
      [7, 5, 6, 7],
      [7, 9, 10, 7],
    ]);
  });
});

describe("slice assignment", () => {
  const bytes = (n: number) => new NDArray([...Array(n).keys()], { shape: [n], format: "B", flags: NDArrayFlags.WRITABLE });

  it("copies overlapping ranges of the same array as if through a temporary", () => {
    const a = bytes(10);
    a.set(slice(0, 3), a.get(slice(2, 5))); // a[0:3] = a[2:5]
    expect(a.toList()).toEqual([2, 3, 4, 3, 4, 5, 6, 7, 8, 9]);
    const b = bytes(10);
    b.set(slice(2, 5), b.get(slice(0, 3))); // b[2:5] = b[0:3]
    expect(b.toList()).toEqual([0, 1, 0, 1, 2, 5, 6, 7, 8, 9]);
    const c = bytes(5);
    c.set(slice(null), c.get(slice(null, null, -1))); // c[:] = c[::-1]
    expect(c.toList()).toEqual([4, 3, 2, 1, 0]);
  });

  it("takes any exporter of the same structure: a Uint8Array is bytes", () => {
    const a = bytes(4);
    a.set(slice(0, 2), Uint8Array.of(120, 121));
    a.set(slice(4, 4), bytes(10).get(slice(9, 9))); // empty into empty
    expect(a.toList()).toEqual([120, 121, 2, 3]);
  });

  it("requires the same format (exactly), itemsize, ndim and shape", () => {
    const a = bytes(10);
    const different = py("ValueError", "ndarray assignment: lvalue and rvalue have different structures");
    expect(thrown(() => a.set(slice(0, 2), new NDArray([1, 2], { shape: [2], format: "b" })))).toEqual(different);
    // Unlike memoryview, ndarray does not strip '@'.
    expect(thrown(() => a.set(slice(0, 2), new NDArray([1, 2], { shape: [2], format: "@B" })))).toEqual(different);
    expect(thrown(() => a.set(slice(0, 2), new NDArray([1, 2, 3], { shape: [3] })))).toEqual(different);
    expect(thrown(() => a.set(slice(0, 4), new NDArray([1, 2, 3, 4], { shape: [2, 2] })))).toEqual(different);
    expect(a.toList()).toEqual([...Array(10).keys()]);
  });

  it("needs an exporter and a valid slice", () => {
    const a = bytes(4);
    expect(thrown(() => a.set(slice(0, 2), [1, 2]))).toEqual(py("TypeError", "a bytes-like object is required, not 'list'"));
    expect(thrown(() => a.set(slice(0, 2, 0), Uint8Array.of(1, 2)))).toEqual(py("ValueError", "slice step cannot be zero"));
  });
});

describe("addSuboffsets", () => {
  it("adds redundant suboffsets (all -1): same items, no longer contiguous", () => {
    const q = new NDArray([1, 2, 3, 4], { shape: [2, 2] });
    q.addSuboffsets();
    expect([q.suboffsets, q.flags, q.cContiguous, q.fContiguous, q.toList()]).toEqual([[-1, -1], 0, false, false, [[1, 2], [3, 4]]]);
    const full = new NDArray(q, { getbuf: BufferFlags.INDIRECT });
    expect([full.suboffsets, full.flags]).toEqual([[-1, -1], NDArrayFlags.PIL]);
    // memory_getbuf's suboffsets step: without INDIRECT, refuse. (_testbuffer tests its ND_PIL flag instead and returns
    // the suboffsets to a STRIDES request, which the protocol forbids.)
    expect(thrown(() => new NDArray(q, { getbuf: BufferFlags.STRIDES }))).toEqual(
      py("BufferError", "ndarray cannot be represented without suboffsets"),
    );
  });

  it("works on a slice", () => {
    const sliced = new NDArray([0, 1, 2, 3, 4, 5], { shape: [6] }).get(slice(null, null, 2)) as NDArray;
    sliced.addSuboffsets();
    expect([sliced.suboffsets, sliced.toList()]).toEqual([[-1], [0, 2, 4]]);
  });

  it("refuses PIL arrays (or a second call) and arrays without strides", () => {
    const pil = py("TypeError", "cannot add suboffsets to PIL-style array");
    const noStrides = py("TypeError", "cannot add suboffsets to array without strides");
    expect(thrown(() => new NDArray([1, 2, 3, 4], { shape: [2, 2], flags: NDArrayFlags.PIL }).addSuboffsets())).toEqual(pil);
    const q = new NDArray([1, 2], { shape: [2] });
    q.addSuboffsets();
    expect(thrown(() => q.addSuboffsets())).toEqual(pil);
    expect(thrown(() => new NDArray(new NDArray([1, 2, 3, 4], { shape: [2, 2] }), { getbuf: BufferFlags.ND }).addSuboffsets())).toEqual(noStrides);
    expect(thrown(() => new NDArray(5, { shape: [] }).addSuboffsets())).toEqual(noStrides);
  });
});

describe("cases the differential tests found", () => {
  it("an empty slice may start outside the memory block, as a C pointer may", () => {
    // ndarray([1,2,3], shape=[3], strides=[-1], offset=2)[3:]: shape (0,), tolist [], tobytes b''
    const nd = new NDArray([1, 2, 3], { shape: [3], strides: [-1], offset: 2 });
    const empty = nd.get(slice(3, null)) as NDArray;
    expect([empty.shape, empty.strides, empty.toList(), empty.toBytes()]).toEqual([[0], [-1], [], new Uint8Array(0)]);
    expect(new NDArray(empty, { getbuf: BufferFlags.FULL_RO }).shape).toEqual([0]);
  });

  it("slices are flagged ND_OWN_ARRAYS, as in _testbuffer", () => {
    // ndarray(list(range(6)), shape=[2,3])[:].flags == 768; [::2] == 772 (C|F for one row); [:, ::2] == 512
    const nd = new NDArray([0, 1, 2, 3, 4, 5], { shape: [2, 3] });
    const flags = [slice(null), slice(null, null, 2)].map((k) => (nd.get(k) as NDArray).flags);
    expect(flags).toEqual([0x300, 0x304]);
    expect((nd.get([slice(null), slice(null, null, 2)]) as NDArray).flags).toBe(0x200);
    // A sub-array from an integer index is not (nd[0].flags == 260).
    expect((nd.get(0) as NDArray).flags).toBe(0x104);
  });

  it("a zero stride sliced backwards stays 0, not -0", () => {
    const nd = new NDArray([7], { shape: [3], strides: [0] });
    expect(Object.is((nd.get(slice(null, null, -1)) as NDArray).strides[0], 0)).toBe(true);
  });
});
