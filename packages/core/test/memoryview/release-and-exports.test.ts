/**
 * Release and exports (memoryobject.c: memory_release, mbuf_release): the managed buffer gives
 * the exporter's buffer back exactly once, when the last view sharing it
 * (slices, casts, `toReadonly()`, `memoryview(m)`) is released or collected;
 * buffers taken from a view block its release. Ports test_memoryview.py's
 * `test_release`, `test_contextmanager`, `_check_released` and
 * `test_toreadonly`, and test_buffer.py's `test_memoryview_release` and
 * `test_memoryview_check_released`. Expectations come from CPython 3.13
 * (iteration of a released view: 3.14); Python's `del x` of a re-exporter is
 * `x.release()` here, `with m:` is `using m`.
 */
import { describe, expect, it } from "vitest";
import {
  BufferFlags,
  fillInfo,
  getBuffer,
  getBufferSymbol,
  memoryview,
  NDArray,
  NDArrayFlags,
  releaseBuffer,
  releaseBufferSymbol,
  slice,
  type MemoryView,
} from "../../src/index.ts";
import { bytearray, bytes, MATRIX, py, RELEASED, thrown } from "./helpers.ts";

const EXPORTED_1 = py("BufferError", "memoryview has 1 exported buffer");

/** `_check_released(m, tp)` of test_memoryview.py. */
function checkReleased(m: MemoryView, fresh: () => object): void {
  for (const operation of [
    () => m.toBytes(),
    () => m.toList(),
    () => m.get(0),
    () => m.set(0, 120),
    () => m.length,
    () => m.format,
    () => m.itemsize,
    () => m.ndim,
    () => m.readonly,
    () => m.shape,
    () => m.strides,
    () => m.hex(),
    () => memoryview(m),
  ]) {
    expect(thrown(operation)).toEqual(RELEASED);
  }
  // str() and repr() still function
  expect(String(m)).toMatch(/^<released memory at 0x[0-9a-f]+>$/);
  expect(m.equals(m)).toBe(true);
  expect(m.equals(memoryview(fresh()))).toBe(false);
  expect(m.equals(fresh())).toBe(false);
}

describe.each(MATRIX)("test_release / test_contextmanager / test_toreadonly ($name)", ({ source, indirection }) => {
  const types = [source.ro, source.rw].filter((tp) => tp !== undefined);

  it("test_release: every operation is ValueError afterwards; release() twice is a no-op", () => {
    for (const tp of types) {
      const m = indirection.view(tp(indirection.source));
      m.release();
      checkReleased(m, () => tp(indirection.source));
      m.release();
      checkReleased(m, () => tp(indirection.source));
    }
  });

  it("test_contextmanager: `using` releases at the end of the block; release() inside is fine", () => {
    for (const tp of types) {
      const obj = tp(indirection.source);
      let kept: MemoryView | undefined;
      {
        using m = indirection.view(obj);
        kept = m;
        expect(m.released).toBe(false);
      }
      checkReleased(kept, () => tp(indirection.source));
      {
        using m = indirection.view(obj);
        m.release();
      }
    }
  });

  it("test_toreadonly: a new read-only view; releasing it leaves the original usable", () => {
    for (const tp of types) {
      const m = indirection.view(tp(indirection.source));
      const mm = m.toReadonly();
      expect(mm).not.toBe(m);
      expect([mm.readonly, memoryview(mm).readonly]).toEqual([true, true]);
      expect(mm.toList()).toEqual(m.toList());
      mm.release();
      expect(m.toList()).toEqual([97, 98, 99, 100, 101, 102]);
    }
  });
});

describe("test_memoryview_check_released", () => {
  it("memoryview(m), cast, getbuffer, tolist, tobytes, `in`, get and set raise ValueError", () => {
    // a = array('d', [1.1, 2.2, 3.3]); m = memoryview(a); m.release()
    const m = memoryview(new Float64Array([1.1, 2.2, 3.3]));
    m.release();
    for (const operation of [
      () => memoryview(m),
      () => m.cast("c"),
      () => new NDArray(m),
      () => getBuffer(m, BufferFlags.FULL_RO),
      () => m.toList(),
      () => m.toBytes(),
      () => m.count(1.0),
      () => m.get(0),
      () => m.set(0, 1),
      () => m.toReadonly(),
    ]) {
      expect(thrown(operation)).toEqual(RELEASED);
    }
  });

  it("iter(released) is ValueError (3.14; 3.13.0 raised SystemError), and so is next() after a release", () => {
    const m = memoryview(bytes("abc"));
    const iterator = m[Symbol.iterator]();
    expect(iterator.next()).toEqual({ done: false, value: 97 });
    m.release();
    expect(thrown(() => iterator.next())).toEqual(RELEASED);
    expect(thrown(() => [...m])).toEqual(RELEASED);
  });
});

describe("the managed buffer: one exporter buffer per family of views", () => {
  it("memoryview(x) takes one buffer; derived views share it; the last release gives it back once", () => {
    const exporter = bytearray("abcdef");
    const m = memoryview(exporter);
    const derived = [m.get(slice(1, 4)) as MemoryView, m.cast("c"), m.toReadonly(), memoryview(m)];
    expect([exporter.gets, exporter.exports]).toEqual([1, 1]);
    m.release();
    for (const view of derived.slice(0, -1)) {
      view.release();
      expect(exporter.exports).toBe(1);
    }
    derived.at(-1)!.release();
    expect([exporter.gets, exporter.releases, exporter.exports]).toEqual([1, 1, 0]);
  });

  it("the order of releases does not matter, and releasing twice counts once", () => {
    const exporter = bytearray("abcdef");
    const m = memoryview(exporter);
    const s = m.get(slice(null, null, 2)) as MemoryView;
    const c = s.toReadonly();
    c.release();
    c.release();
    s.release();
    expect(exporter.exports).toBe(1);
    m.release();
    m.release();
    expect([exporter.releases, exporter.exports]).toEqual([1, 0]);
  });

  it("a derived view keeps working after the view it came from is released", () => {
    const m = memoryview(bytes("abcdef"));
    const tail = m.get(slice(3, null)) as MemoryView;
    const again = memoryview(m);
    m.release();
    expect([tail.toList(), again.get(0)]).toEqual([[100, 101, 102], 97]);
  });

  it("memoryview(m) does not count as an export of m: m.release() succeeds", () => {
    const m = memoryview(bytes("abc"));
    const n = memoryview(m);
    m.release();
    expect(n.toList()).toEqual([97, 98, 99]);
  });

  it("every memoryview(x) of the same exporter is its own family", () => {
    const exporter = bytes("abc");
    const first = memoryview(exporter);
    const second = memoryview(exporter);
    expect(exporter.exports).toBe(2);
    first.release();
    expect(exporter.exports).toBe(1);
    second.release();
    expect(exporter.exports).toBe(0);
  });
});

describe("test_memoryview_release: buffers taken from a view", () => {
  it("a re-exporter blocks release until it is released itself", () => {
    // a = bytearray([1,2,3]); m = memoryview(a); nd = ndarray(m); m.release() -> BufferError; del nd; m.release()
    const m = memoryview(new Uint8Array([1, 2, 3]));
    const nd = new NDArray(m);
    expect(thrown(() => m.release())).toEqual(EXPORTED_1);
    expect(m.released).toBe(false);
    nd.release();
    m.release();
    expect(m.released).toBe(true);
  });

  it("two exports: 'memoryview has 2 exported buffers'", () => {
    const m = memoryview(new Uint8Array([1, 2, 3]));
    const first = getBuffer(m, BufferFlags.SIMPLE);
    const second = getBuffer(m, BufferFlags.FULL_RO);
    expect(thrown(() => m.release())).toEqual(py("BufferError", "memoryview has 2 exported buffers"));
    releaseBuffer(first);
    expect(thrown(() => m.release())).toEqual(EXPORTED_1);
    releaseBuffer(second);
    m.release();
  });

  it("REDIRECT chains: nd2.obj is m, and m stays exported until both are released", () => {
    const m = memoryview(new Uint8Array([1, 2, 3]));
    const nd1 = new NDArray(m, { getbuf: BufferFlags.FULL_RO, flags: NDArrayFlags.REDIRECT });
    const nd2 = new NDArray(nd1, { getbuf: BufferFlags.FULL_RO, flags: NDArrayFlags.REDIRECT });
    expect(nd2.obj).toBe(m);
    expect(thrown(() => m.release())).toMatchObject({ pythonType: "BufferError" });
    nd1.release();
    nd2.release();
    m.release();
  });

  it("chained views: m1.release() works while m2 = memoryview(m1) is exported; m2 does not", () => {
    for (const flags of [0, NDArrayFlags.REDIRECT]) {
      const m1 = memoryview(new Uint8Array([1, 2, 3]));
      const m2 = memoryview(m1);
      const nd1 = new NDArray(m2, { getbuf: BufferFlags.FULL_RO, flags });
      const nd2 = flags === 0 ? undefined : new NDArray(nd1, { getbuf: BufferFlags.FULL_RO, flags });
      if (nd2 !== undefined) expect(nd2.obj).toBe(m2);
      m1.release();
      expect(thrown(() => m2.release())).toMatchObject({ pythonType: "BufferError" });
      nd1.release();
      nd2?.release();
      m2.release();
    }
  });

  it("VAREXPORT: views keep the base they were made on across push and pop", () => {
    // nd = ndarray([1,2,3], shape=[3], flags=ND_VAREXPORT); m1 = memoryview(nd); nd.push([4,5,6,7,8], shape=[5])
    const nd = new NDArray([1, 2, 3], { shape: [3], flags: NDArrayFlags.VAREXPORT });
    const m1 = memoryview(nd);
    nd.push([4, 5, 6, 7, 8], { shape: [5] });
    const m2 = memoryview(nd);
    const x = memoryview(m1);
    expect(x.toList()).toEqual(m1.toList());
    const y = memoryview(m2);
    expect([y.toList(), nd.toList()]).toEqual([[4, 5, 6, 7, 8], [4, 5, 6, 7, 8]]);
    m2.release();
    y.release();
    nd.pop();
    expect(x.toList()).toEqual(nd.toList());
    m1.release();
    x.release();
  });

  it("catch22: nested `using` blocks over one managed buffer", () => {
    const catch22 = (view: MemoryView) => {
      using inner = memoryview(view);
      expect(inner.released).toBe(false);
    };
    {
      using m1 = memoryview(bytearray("123"));
      catch22(m1);
      expect(m1.get(0)).toBe("1".charCodeAt(0));
    }
    // x = ndarray(list(range(12)), shape=[2,2,3], format='l'); y, z = REDIRECT re-exporters; z.obj is x
    const x = new NDArray(Array.from({ length: 12 }, (_, i) => i), { shape: [2, 2, 3], format: "l" });
    const y = new NDArray(x, { getbuf: BufferFlags.FULL_RO, flags: NDArrayFlags.REDIRECT });
    const z = new NDArray(y, { getbuf: BufferFlags.FULL_RO, flags: NDArrayFlags.REDIRECT });
    expect(z.obj).toBe(x);
    {
      using m = memoryview(z);
      catch22(m);
      expect((m.get(slice(0, 1)) as MemoryView).toList()).toEqual([[[0n, 1n, 2n], [3n, 4n, 5n]]]);
    }
  });

  it("`using` with an export still held: the release at the end of the block is BufferError", () => {
    // with memoryview(x) as m: ex = ndarray(m) -> BufferError at __exit__
    let nd: NDArray | undefined;
    expect(
      thrown(() => {
        using m = memoryview(bytearray("123"));
        nd = new NDArray(m);
      }),
    ).toEqual(EXPORTED_1);
    nd!.release();
  });
});

/** `gc()` from --expose-gc (set in vitest.config.ts), or from V8 directly when run without it. */
async function collector(): Promise<() => void> {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed;
  const { setFlagsFromString } = await import("node:v8");
  const { runInNewContext } = await import("node:vm");
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/**
 * Collects garbage and yields to finalizers until `done()` or about a second has passed.
 * `WeakRef.deref()` keeps its target alive until the current job ends, so `done()` and `gc()`
 * never run in the same job.
 */
async function collectUntil(done: () => boolean): Promise<void> {
  const gc = await collector();
  for (let round = 0; round < 40; round++) {
    await tick();
    gc();
    await tick();
    if (done()) return;
  }
}

describe("views collected without release()", () => {
  it("give the exporter's buffer back once the whole family is collected", async () => {
    const exporter = bytearray("abcdef");
    const collected: WeakRef<MemoryView>[] = [];
    // The views live only inside this function (a forgotten view: no release(), no `using`).
    (() => {
      const m = memoryview(exporter);
      const family = [m, m.get(slice(1, 4)) as MemoryView, m.cast("c"), m.toReadonly(), memoryview(m)];
      for (const view of family) collected.push(new WeakRef(view));
      expect(exporter.exports).toBe(1);
    })();
    await collectUntil(() => collected.every((ref) => ref.deref() === undefined) && exporter.exports === 0);
    expect(collected.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect([exporter.gets, exporter.releases, exporter.exports]).toEqual([1, 1, 0]);
  });

  it("test_gc: a cycle through the exporter (b.m = m) is collected", async () => {
    // class MySource(bytearray); b = MySource(b'abc'); m = memoryview(b); b.m = m; b.o = o; del b, m, o:
    // gc.collect() frees o (the cycle goes through the managed buffer and is broken)
    const watched: WeakRef<object>[] = [];
    (() => {
      const source = Object.assign(bytearray("abc"), { m: undefined as unknown, o: {} });
      source.m = memoryview(source);
      watched.push(new WeakRef(source.o));
    })();
    await collectUntil(() => watched[0]!.deref() === undefined);
    expect(watched[0]!.deref()).toBeUndefined();
  });

  it("test_gc: a cycle through an object holding the view (m.x = m) is collected", async () => {
    // class MyView: def __init__(self, base): self.m = memoryview(base); m = MyView(b'abc'); m.x = m; m.o = o
    const watched: WeakRef<object>[] = [];
    (() => {
      const holder: { m: MemoryView; x?: unknown; o: object } = { m: memoryview(bytearray("abc")), o: {} };
      holder.x = holder;
      watched.push(new WeakRef(holder.o));
    })();
    await collectUntil(() => watched[0]!.deref() === undefined);
    expect(watched[0]!.deref()).toBeUndefined();
  });

  it("a live view keeps the family's buffer while the others are collected", async () => {
    const exporter = bytearray("abcdef");
    const dropped: WeakRef<MemoryView>[] = [];
    const kept = (() => {
      const m = memoryview(exporter);
      dropped.push(new WeakRef(m), new WeakRef(m.get(slice(1)) as MemoryView));
      return m.cast("c");
    })();
    await collectUntil(() => dropped.every((ref) => ref.deref() === undefined));
    await tick();
    expect([dropped.every((ref) => ref.deref() === undefined), exporter.exports]).toEqual([true, 1]);
    expect(kept.toList()).toEqual([..."abcdef"].map((char) => Uint8Array.of(char.charCodeAt(0))));
  });

  it("a released view still referenced does not pin the buffer its dropped siblings held", async () => {
    // Dropped views are not watched one by one (see managed-buffer.ts): the count they hold up
    // is settled when the family is collected, which a released view no longer prevents.
    const exporter = bytearray("abcdef");
    const kept = (() => {
      const m = memoryview(exporter);
      m.get(slice(1));
      return m.cast("c");
    })();
    kept.release();
    await collectUntil(() => exporter.exports === 0);
    expect([kept.released, exporter.gets, exporter.releases, exporter.exports]).toEqual([true, 1, 1, 0]);
  });

  it("a release method that throws when the family is collected goes nowhere: no crash, the release was tried", async () => {
    // PyErr_WriteUnraisable's case: nobody is there to catch it.
    let attempts = 0;
    const exporter = {
      [getBufferSymbol]: (flags: number) => fillInfo(exporter, new ArrayBuffer(4), 0, 4, true, flags),
      [releaseBufferSymbol]: () => {
        attempts++;
        throw new Error("release failed");
      },
    };
    (() => {
      memoryview(exporter).cast("B");
    })();
    await collectUntil(() => attempts > 0);
    expect(attempts).toBe(1);
  });

  it("an exporter without a release method is not watched: its views and the exporter itself are collected", async () => {
    const watched: WeakRef<object>[] = [];
    (() => {
      const exporter = new Float64Array(4);
      const m = memoryview(exporter);
      watched.push(new WeakRef(exporter), new WeakRef(m), new WeakRef(m.cast("B")));
    })();
    await collectUntil(() => watched.every((ref) => ref.deref() === undefined));
    expect(watched.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined]);
  });

  it("releasing every view gives the buffer back at once, with no collection", () => {
    const exporter = bytearray("abcdef");
    const m = memoryview(exporter);
    const family = [m.get(slice(1)) as MemoryView, m.cast("c"), m.toReadonly(), memoryview(m)];
    m.release();
    for (const view of family.slice(0, -1)) view.release();
    expect(exporter.exports).toBe(1);
    family.at(-1)!.release();
    expect([exporter.releases, exporter.exports]).toEqual([1, 0]);
  });
});
