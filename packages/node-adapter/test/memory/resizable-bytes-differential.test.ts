/**
 * ResizableBytes against CPython 3.14's bytearray (Pyodide, in process):
 * random sequences of appends, extends, pops, resizes, clears, item reads
 * and writes, and memoryview exports and releases give the same results,
 * the same exceptions with the same messages, the same bytes and the same
 * export count.
 */
import { readFileSync } from "node:fs";
import { isPythonError, memoryview, type MemoryView } from "@pybuffer/core";
import fc from "fast-check";
import { loadPyodide } from "pyodide";
import { beforeAll, describe, expect, it } from "vitest";
import { ResizableBytes } from "../../src/index.ts";

type Op =
  | { readonly op: "append"; readonly value: number }
  | { readonly op: "extend"; readonly values: readonly number[] }
  | { readonly op: "pop"; readonly index?: number }
  | { readonly op: "resize"; readonly size: number }
  | { readonly op: "clear" }
  | { readonly op: "set"; readonly index: number; readonly value: number }
  | { readonly op: "get"; readonly index: number }
  | { readonly op: "export" }
  | { readonly op: "release" };

type Result = { readonly ok: unknown } | { readonly error: string; readonly message: string };

interface Outcome {
  readonly results: Result[];
  readonly data: number[];
  readonly exports: number;
}

const byte = fc.integer({ min: -2, max: 258 });
const index = fc.integer({ min: -6, max: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("append" as const), value: byte }),
  fc.record({ op: fc.constant("extend" as const), values: fc.array(byte, { maxLength: 4 }) }),
  fc.record({ op: fc.constant("pop" as const), index }, { requiredKeys: ["op"] }),
  fc.record({ op: fc.constant("resize" as const), size: fc.integer({ min: -2, max: 12 }) }),
  fc.constant({ op: "clear" as const }),
  fc.record({ op: fc.constant("set" as const), index, value: byte }),
  fc.record({ op: fc.constant("get" as const), index }),
  fc.constant({ op: "export" as const }),
  fc.constant({ op: "export" as const }),
  fc.constant({ op: "release" as const }),
  fc.constant({ op: "release" as const }),
);

function runJs(ops: readonly Op[]): Outcome {
  const data = new ResizableBytes();
  const views: MemoryView[] = [];
  const results = ops.map((step): Result => {
    try {
      switch (step.op) {
        case "append":
          return { ok: data.append(step.value) ?? null };
        case "extend":
          return { ok: data.extend(step.values) ?? null };
        case "pop":
          return { ok: step.index === undefined ? data.pop() : data.pop(step.index) };
        case "resize":
          return { ok: data.resize(step.size) ?? null };
        case "clear":
          return { ok: data.clear() ?? null };
        case "set":
          return { ok: data.set(step.index, step.value) ?? null };
        case "get":
          return { ok: data.get(step.index) };
        case "export":
          views.push(memoryview(data));
          return { ok: null };
        case "release":
          views.pop()?.release();
          return { ok: null };
      }
    } catch (error) {
      if (!isPythonError(error)) throw error;
      return { error: error.pythonType, message: error.message };
    }
  });
  return { results, data: [...data], exports: data.exports };
}

let runPython: (batch: readonly (readonly Op[])[]) => Outcome[];

beforeAll(async () => {
  const py = await loadPyodide();
  const namespace = py.toPy({});
  py.runPython(readFileSync(new URL("../oracle/bytearray_oracle.py", import.meta.url), "utf8"), { globals: namespace });
  const runJson = namespace.get("run_json") as (text: string) => string;
  runPython = (batch) => JSON.parse(runJson(JSON.stringify(batch))) as Outcome[];
});

describe("ResizableBytes behaves as CPython's bytearray", () => {
  it("on random operation sequences with exports held and released", () => {
    const sequences = fc.sample(fc.array(op, { minLength: 1, maxLength: 14 }), { numRuns: 400, seed: 20260501 });
    const python = runPython(sequences);
    // The sample reaches the export lock, and the value and index checks.
    const kinds = new Set(python.flatMap((outcome) => outcome.results.flatMap((r) => ("error" in r ? [r.error] : []))));
    expect([...kinds].sort()).toEqual(["BufferError", "IndexError", "ValueError"]);
    sequences.forEach((ops, i) => {
      expect({ ops, outcome: runJs(ops) }).toEqual({ ops, outcome: python[i] });
    });
  });

  it("refuses a resize while a memoryview is held, with CPython's exact message", () => {
    const [python] = runPython([[{ op: "append", value: 1 }, { op: "export" }, { op: "append", value: 2 }]]);
    expect(python!.results[2]).toEqual({ error: "BufferError", message: "Existing exports of data: object cannot be re-sized" });
    expect(runJs([{ op: "append", value: 1 }, { op: "export" }, { op: "append", value: 2 }]).results[2]).toEqual(python!.results[2]);
  });
});
