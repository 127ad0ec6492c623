/**
 * Feature detection: each flag agrees with what the engine does, the
 * package works either way (both branches are exercised across the Node
 * lines CI runs), and on a plain `node` the flags match the table measured
 * on each Node line.
 */
import { memoryview, pack } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { bufferOf, features, MemoryRegion, ResizableBytes } from "../../src/index.ts";

const major = Number(process.versions.node.split(".")[0]);

describe("features", () => {
  it("match the measured table for this Node line, when no V8 flags are set", () => {
    expect(process.execArgv.filter((arg) => arg.startsWith("--js-") || arg.startsWith("--harmony"))).toEqual([]);
    const table = {
      float16Array: major >= 24,
      arrayBufferTransfer: major >= 22,
      standardDispose: major >= 24,
      usingDeclarations: major >= 24,
      disposableStack: major >= 24,
      wasmResizableBuffer: major >= 26,
    };
    expect({ ...features }).toEqual(table);
    expect(Object.isFrozen(features)).toBe(true);
  });

  it("Float16Array: half floats are read either way", () => {
    const bytes = pack("<ee", 1.5, -0.25);
    expect(memoryview(new MemoryRegion(bytes.buffer as ArrayBuffer, { format: "<e", shape: [2] })).toList()).toEqual([1.5, -0.25]);
    const Float16 = (globalThis as { Float16Array?: new (values: number[]) => ArrayBufferView }).Float16Array;
    if (features.float16Array) {
      expect(memoryview(new Float16!([1.5])).toList()).toEqual([1.5]);
    } else {
      expect(Float16).toBeUndefined();
    }
  });

  it("transfer(): a detached buffer is recognised with or without the `detached` getter", () => {
    const memory = new ArrayBuffer(8);
    const region = new MemoryRegion(memory, { shape: [8] });
    if (features.arrayBufferTransfer) {
      expect(typeof memory.transfer).toBe("function");
      memory.transfer();
    } else {
      expect("detached" in memory).toBe(false);
      structuredClone(memory, { transfer: [memory] });
    }
    expect(() => region.check()).toThrow("its ArrayBuffer was detached");
  });

  it("Symbol.dispose: releases work through whichever symbol the runtime has, and through `using` where it parses", () => {
    expect(Symbol.dispose.description).toBe(features.standardDispose ? "Symbol.dispose" : "nodejs.dispose");
    const bytes = new ResizableBytes(4);
    const conversion = bufferOf(bytes);
    if (features.usingDeclarations) {
      const scope = new Function("conversion", "{ using held = conversion; } return conversion;") as (c: unknown) => unknown;
      scope(conversion);
    } else {
      expect(() => new Function("{ using held = null; }")).toThrow(SyntaxError);
      conversion[Symbol.dispose]();
    }
    expect(bytes.exports).toBe(0);
    const view = memoryview(bytes);
    if (features.disposableStack) {
      const Stack = (globalThis as unknown as { DisposableStack: new () => { use(value: unknown): void; dispose(): void } }).DisposableStack;
      const stack = new Stack();
      stack.use(view);
      stack.dispose();
    } else {
      view[Symbol.dispose]();
    }
    expect(bytes.exports).toBe(0);
  });

  it("toResizableBuffer: detected on WebAssembly.Memory itself", () => {
    const prototype = (globalThis as unknown as { WebAssembly: { Memory: { prototype: object } } }).WebAssembly.Memory.prototype;
    expect(features.wasmResizableBuffer).toBe("toResizableBuffer" in prototype);
  });
});
