/**
 * The JavaScript twin of memoryview_oracle.py: runs the same JSON scripts on
 * `MemoryView` (wasm32 like Pyodide by default; lp64 for the fixtures of a
 * 64-bit CPython) and answers in the same shape, so a
 * test compares our answers with CPython's in one `toEqual`. The language is
 * defined in the header of memoryview_oracle.py.
 */
import {
  BufferFlags,
  Ellipsis,
  getBufferSymbol,
  MemoryView,
  memoryview,
  NDArray,
  slice,
  type AbiName,
  type BufferExporter,
  type BufferRecord,
} from "../../src/index.ts";
import { buildNDArray, canonicalAnswer, errorOf, type BuildSpec, type ErrorResult } from "../ndarray/helpers.ts";
import { fromHex, fromTagged, toHex, toTagged, type Tagged } from "./tagged.ts";

export type Exporter =
  | { readonly ndarray: BuildSpec }
  | { readonly ctypes: { readonly count: number | null; readonly hex: string } };

export type Arg =
  | Tagged
  | { readonly var: number }
  | { readonly slice: readonly [Tagged | null, Tagged | null, Tagged | null] }
  | { readonly tuple: readonly Arg[] }
  | { readonly ellipsis: true }
  | { readonly hook: Tagged }
  | { readonly list: readonly Arg[] }
  | { readonly bytearray: string };

export type Op =
  | "memoryview"
  | "attrs"
  | "describe"
  | "len"
  | "tolist"
  | "tobytes"
  | "hex"
  | "iter"
  | "count"
  | "index"
  | "get"
  | "set"
  | "cast"
  | "toreadonly"
  | "release"
  | "eq"
  | "repr"
  | "export"
  | "drop"
  | "bytes"
  | "nd_slice"
  | "nd_get"
  | "nd_set"
  | "typed";

export interface Step {
  readonly op: Op;
  readonly on: number;
  readonly args?: readonly Arg[];
  /** Put the result (a view, a consumer) in the next register. */
  readonly keep?: boolean;
}

export interface MemoryViewCase {
  readonly exporters: readonly Exporter[];
  readonly steps: readonly Step[];
}

export type StepResult = { readonly ok: unknown } | ErrorResult;
export type MemoryViewCaseResult = { readonly exporters: ErrorResult } | { readonly steps: readonly StepResult[] };

/** ctypes' format for `Structure{c_int x}` on wasm32 (c_int is c_long there): struct cannot parse it. */
export const CTYPES_FORMAT = "T{<l:x:}";

/**
 * The twin of a ctypes array of `Structure{c_int x}` (or one structure):
 * writable, itemsize 4, a format `struct` cannot parse. Like ctypes, it
 * fills every field whatever the request.
 */
class CtypesLike implements BufferExporter {
  readonly memory: ArrayBuffer;
  readonly count: number | null;
  constructor(count: number | null, bytes: Uint8Array) {
    this.count = count;
    this.memory = bytes.slice().buffer;
  }
  [getBufferSymbol](flags: number): BufferRecord {
    const shape = this.count === null ? null : [this.count];
    return {
      obj: this,
      memory: this.memory,
      buf: 0,
      len: this.memory.byteLength,
      itemsize: 4,
      readonly: false,
      format: flags & BufferFlags.FORMAT ? CTYPES_FORMAT : null,
      ndim: shape === null ? 0 : 1,
      shape: shape !== null && (flags & BufferFlags.ND) === BufferFlags.ND ? shape : null,
      strides: shape !== null && (flags & BufferFlags.STRIDES) === BufferFlags.STRIDES ? [4] : null,
      suboffsets: null,
      internal: null,
    };
  }
}

function buildExporter(spec: Exporter, abi: AbiName): unknown {
  if ("ndarray" in spec) return buildNDArray(spec.ndarray, abi);
  return new CtypesLike(spec.ctypes.count, fromHex(spec.ctypes.hex));
}

const TAGS = new Set(["number", "bigint", "bool", "bytes", "complex", "str", "null"]);

function isTagged(value: object): value is Tagged {
  const keys = Object.keys(value);
  return keys.length === 1 && TAGS.has(keys[0]!);
}

/** The twin of memoryview_oracle.Hook: `valueOf()` is our conversion hook for item values (Python's __index__/__float__). */
class Hook {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
  valueOf(): unknown {
    return this.value;
  }
}

class Unset extends Error {
  readonly pythonType = "Unset";
  constructor() {
    super("no value in this register");
  }
}

const ATTRIBUTES = [
  ["obj", (m: MemoryView) => m.obj],
  ["nbytes", (m: MemoryView) => m.nbytes],
  ["readonly", (m: MemoryView) => m.readonly],
  ["itemsize", (m: MemoryView) => m.itemsize],
  ["format", (m: MemoryView) => m.format],
  ["ndim", (m: MemoryView) => m.ndim],
  ["shape", (m: MemoryView) => m.shape],
  ["strides", (m: MemoryView) => m.strides],
  ["suboffsets", (m: MemoryView) => m.suboffsets],
  ["c_contiguous", (m: MemoryView) => m.cContiguous],
  ["f_contiguous", (m: MemoryView) => m.fContiguous],
  ["contiguous", (m: MemoryView) => m.contiguous],
] as const;

function attempt(fn: () => unknown): StepResult {
  try {
    return { ok: fn() };
  } catch (error) {
    return errorOf(error);
  }
}

/** Items and lists of items, tagged as memoryview_oracle.tag_item tags them. */
function tagItem(value: unknown): unknown {
  return Array.isArray(value) ? value.map(tagItem) : toTagged(value);
}

/** The twin of memoryview_oracle.Machine. */
class Machine {
  readonly regs: unknown[];
  readonly abi: AbiName;
  constructor(exporters: readonly Exporter[], abi: AbiName) {
    this.abi = abi;
    this.regs = exporters.map((e) => buildExporter(e, abi));
  }

  decode(arg: Arg): unknown {
    if (isTagged(arg)) return fromTagged(arg);
    if ("var" in arg) return this.regs[arg.var];
    if ("slice" in arg) {
      const [a, b, c] = arg.slice.map((bound) => (bound === null ? null : (fromTagged(bound) as number | bigint | null)));
      return slice(a, b, c);
    }
    if ("tuple" in arg) return arg.tuple.map((a) => this.decode(a));
    if ("ellipsis" in arg) return Ellipsis;
    if ("hook" in arg) return new Hook(fromTagged(arg.hook));
    if ("list" in arg) return arg.list.map((a) => this.decode(a));
    return fromHex(arg.bytearray).buffer;
  }

  registerOf(value: unknown): number | null {
    const r = this.regs.indexOf(value);
    return r === -1 ? null : r;
  }

  attribute(m: MemoryView, name: string, read: (m: MemoryView) => unknown): unknown {
    const value = read(m);
    if (name === "obj") {
      const r = this.registerOf(value);
      return r !== null ? { var: r } : value === null ? "none" : "other";
    }
    return value;
  }

  attrs(m: MemoryView): Record<string, StepResult> {
    return Object.fromEntries(ATTRIBUTES.map(([name, read]) => [name, attempt(() => this.attribute(m, name, read))]));
  }

  describe(m: MemoryView): Record<string, StepResult> {
    return {
      ...this.attrs(m),
      tolist: attempt(() => tagItem(m.toList())),
      tobytes: attempt(() => ({ bytes: toHex(m.toBytes()) })),
    };
  }

  answerView(v: MemoryView): unknown {
    return { view: this.describe(v), is: this.registerOf(v) };
  }

  step(s: Step): unknown {
    const x = this.regs[s.on];
    if (x === null || x === undefined) throw new Unset();
    const args = (s.args ?? []).map((a) => this.decode(a));
    const kept = <T>(value: T): T => {
      if (s.keep === true) this.regs.push(value);
      return value;
    };
    const m = x as MemoryView;
    // Calls with the arguments exactly as given (wrong types are part of the test).
    const call = (fn: (...a: never[]) => unknown): unknown => (fn as (...a: unknown[]) => unknown).apply(m, args);
    switch (s.op) {
      case "memoryview":
        return this.answerView(kept(memoryview(x, { abi: this.abi })));
      case "attrs":
        return this.attrs(m);
      case "describe":
        return this.describe(m);
      case "len":
        return { number: String(m.length) };
      case "tolist":
        return tagItem(m.toList());
      case "tobytes":
        return { bytes: toHex(call(m.toBytes) as Uint8Array) };
      case "hex":
        return { str: call(m.hex) };
      case "iter":
        return [...m].map(tagItem);
      case "count":
        return { number: String(call(m.count)) };
      case "index":
        return { number: String(call(m.index)) };
      case "get": {
        const value = m.get(args[0] as never);
        return value instanceof MemoryView ? this.answerView(kept(value)) : tagItem(value);
      }
      case "set":
        m.set(args[0] as never, args[1]);
        return { null: true };
      case "cast":
        return this.answerView(kept(call(m.cast) as MemoryView));
      case "toreadonly":
        return this.answerView(kept(m.toReadonly()));
      case "release":
        m.release();
        return { null: true };
      case "eq":
        return { bool: m.equals(args[0]) };
      case "repr":
        return { str: String(m).replace(/0x[0-9a-f]+/g, "0x?") };
      case "export":
        kept(new NDArray(x, { abi: this.abi }));
        return { null: true };
      case "drop":
        if (x instanceof NDArray) x.release();
        this.regs[s.on] = null;
        return { null: true };
      case "bytes":
        return { bytes: toHex((x as NDArray | MemoryView).toBytes()) };
      case "nd_slice":
        kept((x as NDArray).get(args[0]));
        return { null: true };
      // Our extensions, answered the way memoryview_oracle.py's models answer (errors as their Python type only).
      case "nd_get":
        try {
          const v = m.get(args[0] as never) as MemoryView;
          return { shape: v.shape, strides: v.strides, tolist: tagItem(v.toList()) };
        } catch (error) {
          return { error: errorOf(error).error };
        }
      case "nd_set":
        try {
          m.set(args[0] as never, args[1]);
          return { tolist: tagItem(m.toList()) };
        } catch (error) {
          return { error: errorOf(error).error };
        }
      case "typed":
        try {
          return { typed: Array.from(m.toTypedArray() as unknown as ArrayLike<unknown>, toTagged) };
        } catch (error) {
          return { typed: errorOf(error) };
        }
    }
  }
}

/** run_case, on MemoryView, with the native sizes of `abi` (Pyodide's by default). */
export function runMemoryViewCase(c: MemoryViewCase, abi: AbiName = "wasm32"): MemoryViewCaseResult {
  let machine: Machine;
  try {
    machine = new Machine(c.exporters, abi);
  } catch (error) {
    return { exporters: errorOf(error) };
  }
  const steps = c.steps.map((s) => {
    const before = machine.regs.length;
    const result = attempt(() => machine.step(s));
    if (s.keep === true && machine.regs.length === before) machine.regs.push(null); // a failed kept step still takes its register
    return result;
  });
  return { steps };
}

/** CPython's answer with its numbers spelled as ours are. */
export function canonicalResult(result: MemoryViewCaseResult): MemoryViewCaseResult {
  return canonicalAnswer(result);
}
