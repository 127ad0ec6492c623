/**
 * Every public method of a legacy `buffer` whose memory is gone (detached,
 * or shrunk below its window) raises a Python error, never a bare
 * JavaScript error, zeros or `undefined`; over a new-protocol exporter as
 * over raw memory (issue 12, the class "methods on gone memory").
 */
import { BufferFlags, getBuffer, memoryview, releaseBuffer, slice } from "@pybuffer/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buffer, bufferFromReadWriteMemory, objectId, type LegacyBuffer } from "../../src/index.ts";

const METHODS: readonly (readonly [string, (b: LegacyBuffer) => unknown])[] = [
  ["get", (b) => b.get(0)],
  ["get slice", (b) => b.get(slice(0, 2))],
  ["set", (b) => b.set(0, Uint8Array.of(1))],
  ["length", (b) => b.length],
  ["toBytes", (b) => b.toBytes()],
  ["repeat", (b) => b.repeat(2)],
  ["concat", (b) => b.concat(Uint8Array.of(1))],
  ["equals", (b) => b.equals(Uint8Array.of(1, 2))],
  ["compare", (b) => b.compare(buffer(Uint8Array.of(1)))],
  ["hash", (b) => b.hash()],
  ["includes", (b) => b.includes(Uint8Array.of(0))],
  ["iterate", (b) => [...b]],
  ["repr", (b) => b.repr()],
  ["memoryview", (b) => memoryview(b).toList()],
  ["getBuffer", (b) => releaseBuffer(getBuffer(b, BufferFlags.SIMPLE))],
];

type Source = "memory" | "exporter";
type Gone = "detached" | "shrunk";

function goneBuffer(source: Source, how: Gone): LegacyBuffer {
  const memory = new ArrayBuffer(16, { maxByteLength: 16 });
  const b = source === "memory" ? bufferFromReadWriteMemory(memory, 4, 8) : buffer(new Uint8Array(memory, 4, 8));
  if (how === "detached") structuredClone(memory, { transfer: [memory] });
  else memory.resize(2);
  return b;
}

describe("legacy buffers over memory that is gone", () => {
  it("every method raises a Python error", () => {
    fc.assert(
      fc.property(fc.constantFrom<Source>("memory", "exporter"), fc.constantFrom<Gone>("detached", "shrunk"), fc.constantFrom(...METHODS), (source, how, [name, call]) => {
        const b = goneBuffer(source, how);
        let outcome: unknown = "returned";
        try {
          const result = call(b);
          // 2.7's bytearray comparison: a side that cannot give its bytes is unequal (documented), never equal.
          if (name === "equals") outcome = result === false ? "unequal" : "equal";
        } catch (error) {
          outcome = (error as { pythonType?: unknown }).pythonType ?? `bare ${String(error)}`;
        }
        // repr and objectId need no memory (Python 2's repr prints the pointer and size).
        if (name === "equals") expect(outcome).not.toBe("equal");
        else if (name === "repr") expect(["returned", "BufferError", "TypeError", "ValueError"]).toContain(outcome);
        else expect(typeof outcome === "string" && !outcome.startsWith("bare") && outcome !== "returned", `${source} ${how} ${name}: ${String(outcome)}`).toBe(true);
        expect(typeof objectId(b)).not.toBe("undefined");
      }),
      { numRuns: 300 },
    );
  });
});
