/**
 * No public function or method of node-adapter throws, or rejects with, an
 * error without `pythonType`: each is called with core's hostile values
 * (wrong kinds, revoked and trapping Proxies, huge lengths, gone memory,
 * exporters that lie or throw) in its open positions, and every async call
 * must settle within a bound (a hang is a failure). File and stream
 * positions get a file in a temporary directory, never a hostile path or
 * descriptor (a hostile `0` would read standard input).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { settlesWithPythonError } from "../../../core/test/hostile/async-surface.ts";
import { hostileValueArb, outcome, revokedProxy, trappedProxy } from "../../../core/test/hostile/hostile-values.ts";
import * as node from "../../src/index.ts";
import { tempDirectory } from "../helpers/temp.ts";

type Entry = readonly [string, (a: unknown, b: unknown) => unknown];

const file = tempDirectory("surface");
const bytes = (): Uint8Array => Uint8Array.of(1, 2, 3, 4);
const resizable = (): node.ResizableBytes => new node.ResizableBytes([1, 2, 3, 4]);

const ENTRIES: readonly Entry[] = [
  ["bufferOf(a, b)", (a, b) => node.bufferOf(a, b as never).release()],
  ["toBuffer(a, b)", (a, b) => node.toBuffer(a, b as never)],
  ["toBuffer(u8, a)", (a) => node.toBuffer(bytes(), a as never)],
  ["isPooledBuffer(a)", (a) => node.isPooledBuffer(a as never)],
  ["new MemoryRegion(a, b)", (a, b) => new node.MemoryRegion(a as never, b as never)],
  ["new MemoryRegion(memory, a)", (a) => new node.MemoryRegion(new ArrayBuffer(8), a as never)],
  ["new ResizableBytes(a, b)", (a, b) => new node.ResizableBytes(a as never, b as never)],
  ["r.append(a)", (a) => resizable().append(a as never)],
  ["r.extend(a)", (a) => resizable().extend(a as never)],
  ["r.get(a)", (a) => resizable().get(a as never)],
  ["r.pop(a)", (a) => resizable().pop(a as never)],
  ["r.resize(a)", (a) => resizable().resize(a as never)],
  ["r.set(a, b)", (a, b) => resizable().set(a as never, b as never)],
  ["shareView(a, b)", (a, b) => node.shareView(a, b as never)],
  ["fromSharedView(a)", (a) => node.fromSharedView(a)],
  ["isSharedViewDescriptor(a)", (a) => node.isSharedViewDescriptor(a)],
  ["writeSync(file, a, b)", (a, b) => node.writeSync(file("w-sync"), a, b as never)],
  ["readIntoSync(file, a, b)", (a, b) => node.readIntoSync(file("w-sync"), a, b as never)],
  ["write(file, a, b)", (a, b) => node.write(file("w-async"), a, b as never)],
  ["readInto(file, a, b)", (a, b) => node.readInto(file("w-async"), a, b as never)],
];

describe("the node-adapter public surface raises only Python errors on hostile input", () => {
  it("every function and method, hostile values (throwing Proxies included) in its open positions", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENTRIES), hostileValueArb, hostileValueArb, async ([name, call], [aName, a], [bName, b]) => {
        expect(await settlesWithPythonError(() => call(a(), b())), `${name} with a = ${aName}, b = ${bName}`).toBeNull();
      }),
      { numRuns: 1500 },
    );
  });
});

describe("what the property found, fixed", () => {
  it("options that are not a plain object of known options, and throwing Proxies, give Python errors", async () => {
    expect(outcome(() => node.bufferOf(bytes(), null as never))).toBe("TypeError");
    expect(outcome(() => node.toBuffer(bytes(), { copy: "always", cpy: 1 } as never))).toBe("TypeError");
    expect(outcome(() => node.shareView(new SharedArrayBuffer(4), { abi: "bogus" } as never))).toBe("ValueError");
    expect(outcome(() => new node.ResizableBytes([1], revokedProxy() as never))).toBe("TypeError");
    expect(outcome(() => new node.MemoryRegion(new ArrayBuffer(8), 5 as never))).toBe("TypeError");
    expect(outcome(() => node.writeSync(file("fixed"), bytes(), { onProgress: 1 } as never))).toBe("TypeError");
    await expect(node.write(file("fixed"), bytes(), { flush: "yes" } as never)).rejects.toMatchObject({ pythonType: "TypeError" });
    await expect(node.readInto(file("fixed"), new Uint8Array(4), [] as never)).rejects.toMatchObject({ pythonType: "TypeError" });
    expect(outcome(() => node.isPooledBuffer(null as never))).toBe("TypeError");
    expect(outcome(() => new node.ResizableBytes(trappedProxy()))).toBe("TypeError");
    expect(node.isSharedViewDescriptor(revokedProxy())).toBe(false);
    expect(outcome(() => new node.MemoryRegion(revokedProxy() as never))).toBe("TypeError");
    expect(node.toBuffer(bytes(), { copy: "always" }).length).toBe(4);
  });
});
