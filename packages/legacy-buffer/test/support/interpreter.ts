/**
 * Runs a fixture case against the package: the same small operation
 * language as scripts/gen-fixtures.py, on the package's functions and the
 * models of Python 2 types (python2-types.ts), giving each step's outcome in
 * the script's encoding so the two can be compared as data.
 */
import { getBuffer, isPythonError, memoryview, releaseBuffer, slice, type BufferArgument, type MemoryView, type SliceBound } from "@pybuffer/core";
import {
  asCharBuffer,
  asReadBuffer,
  asWriteBuffer,
  buffer,
  bufferArgument,
  charBufferArgument,
  checkReadBuffer,
  bufferFromMemory,
  fromObject,
  bufferFromReadWriteMemory,
  fromReadWriteObject,
  getCharBufferSymbol,
  getReadBufferSymbol,
  getSegmentCountSymbol,
  getWriteBufferSymbol,
  LegacyBuffer,
  newBuffer,
  objectId,
  optionalBufferArgument,
  optionalReadBufferArgument,
  readBufferArgument,
  writableBufferArgument,
  writeBufferArgument,
  type Segment,
} from "../../src/index.ts";
import type { FixtureArg, FixtureCase, FixtureResult } from "./fixture.ts";
import { PYTHON_TYPE_NAME, PyArray, PyByteArray, PyCtypes, PyMmap, PyObject, PyStr, PyUnicode } from "./python2-types.ts";

export interface RunOptions {
  /** Unicode values become JS strings instead of UCS4 `unicode` models. */
  readonly jsString?: boolean;
}

export interface StepOutcome {
  readonly op: string;
  readonly args: readonly FixtureArg[];
  readonly expected: FixtureResult;
  readonly actual: FixtureResult;
}

/** A result already in the script's encoding (a repr, a record, a tuple, ...). */
class Encoded {
  readonly result: FixtureResult;
  constructor(result: FixtureResult) {
    this.result = result;
  }
}

const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const WHERE = { functionName: "f", position: 1 };
const SLOTS: Record<string, symbol> = { read: getReadBufferSymbol, write: getWriteBufferSymbol, char: getCharBufferSymbol };

class Interpreter {
  readonly env = new Map<string, unknown>();
  /** Names whose value is a memory block or a PyBuffer_New buffer, for {ptr:NAME}. */
  readonly pointers = new Map<string, number>();
  readonly options: RunOptions;
  constructor(options: RunOptions) {
    this.options = options;
  }

  value(arg: FixtureArg): unknown {
    if (arg === null || typeof arg === "boolean" || typeof arg === "number" || typeof arg === "string") return arg;
    if ("int" in arg) return BigInt(arg.int);
    if ("ref" in arg) return this.env.get(arg.ref);
    if ("str" in arg) return new PyStr(fromHex(arg.str));
    if ("unicode" in arg) return this.options.jsString ? arg.unicode : new PyUnicode(arg.unicode);
    if ("float" in arg) return arg.float;
    if ("slice" in arg) {
      const [start, stop, step] = arg.slice.map((b) => this.value(b)) as SliceBound[];
      return slice(start, stop, step);
    }
    if ("none" in arg) return null;
    if ("list" in arg) return [];
    if ("object" in arg) return new PyObject();
    return [1]; // tuple
  }

  /** Addresses in a repr, as the script's placeholders. */
  placeholders(repr: string): string {
    const names = new Map<number, string>();
    for (const [name, value] of [...this.env].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if ((typeof value === "object" && value !== null) || typeof value === "string") {
        if (!names.has(objectId(value))) names.set(objectId(value), `{id:${name}}`);
      }
    }
    for (const [name, address] of this.pointers) names.set(address, `{ptr:${name}}`);
    return repr.replace(/0x[0-9a-f]+/g, (hex) => names.get(parseInt(hex, 16)) ?? hex);
  }

  run(op: string, args: unknown[]): unknown {
    const [a, b, c, d] = args as [any, any, any, any];
    switch (op) {
      case "value":
        return a;
      case "bytearray":
        return new PyByteArray(fromHex(a));
      case "array":
        return new PyArray(a, fromHex(b));
      case "mmap":
        return new PyMmap(fromHex(a), b);
      case "c_int": {
        const bytes = new Uint8Array(4);
        new DataView(bytes.buffer).setInt32(0, Number(a), true);
        return new PyCtypes(bytes, "c_int", "<i", []);
      }
      case "c_chars": {
        const bytes = fromHex(a);
        return new PyCtypes(bytes, `c_char_Array_${bytes.length}`, "<c", [bytes.length]);
      }
      case "cmem":
        return fromHex(a).buffer;
      case "memoryview":
        return memoryview(a);
      case "buffer":
        return (buffer as (...xs: unknown[]) => LegacyBuffer)(...args);
      case "from_object":
        return fromObject(a, b, c);
      case "from_rw_object":
        return fromReadWriteObject(a, b, c);
      case "from_memory":
        return bufferFromMemory(a, 0, b);
      case "from_rw_memory":
        return bufferFromReadWriteMemory(a, 0, b);
      case "new_buffer":
        return newBuffer(a);
      case "len":
        return (a as LegacyBuffer).length;
      case "bool":
        return (a as LegacyBuffer).length !== 0;
      case "bytes":
        return (a as LegacyBuffer).toBytes();
      case "repr":
        return new Encoded({ repr: this.placeholders((a as LegacyBuffer).repr()) });
      case "getitem":
        return (a as LegacyBuffer).get(b);
      case "getslice":
        return (a as LegacyBuffer).get(slice(b, c));
      case "setitem":
        return (a as LegacyBuffer).set(b, c);
      case "setslice":
        return (a as LegacyBuffer).set(slice(b, c), d);
      case "delitem":
        return (a as LegacyBuffer).delete(b);
      case "delslice":
        return (a as LegacyBuffer).delete(slice(b, c));
      case "concat": {
        const result = (a as LegacyBuffer).concat(b);
        return result === b ? new Encoded({ sameAsArgument: 1 }) : result;
      }
      case "repeat":
        return (a as LegacyBuffer).repeat(b);
      case "rrepeat":
        return (b as LegacyBuffer).repeat(a);
      case "cmp":
      case "dunder_cmp":
        return (a as LegacyBuffer).compare(b);
      case "eq":
        return (a as LegacyBuffer).equals(b);
      case "hash":
        return (a as LegacyBuffer).hash();
      case "list":
        return [...(a as LegacyBuffer)];
      case "iter":
        return (a as LegacyBuffer)[Symbol.iterator]();
      case "next": {
        const next = (a as Iterator<Uint8Array>).next();
        return next.done === true ? new Encoded({ stop: true }) : next.value;
      }
      case "contains":
        return (a as LegacyBuffer).includes(b);
      case "ba_del":
        return (a as PyByteArray).deleteSlice(b, c);
      case "ba_extend":
        return (a as PyByteArray).extend(fromHex(b));
      case "ba_set":
        return (a as PyByteArray).setItem(b, c);
      case "ba_bytes":
      case "arr_bytes":
      case "mm_bytes":
        return (a as { bytes: Uint8Array }).bytes.slice();
      case "arr_extend":
        return (a as PyArray).extend(fromHex(b));
      case "arr_pop":
        return (a as PyArray).pop();
      case "mm_resize":
        return (a as PyMmap).resize(b);
      case "mm_close":
        return (a as PyMmap).close();
      case "cmem_bytes":
        return new Uint8Array(a as ArrayBuffer).slice();
      case "slot": {
        const method = (a as Record<symbol, unknown>)[SLOTS[b]!];
        if (typeof method !== "function") return new Encoded({ nullSlot: true });
        const segment = (method as (s: number) => Segment | ArrayBufferView).call(a, c);
        return ArrayBuffer.isView(segment)
          ? new Uint8Array(segment.buffer, segment.byteOffset, segment.byteLength).slice()
          : new Uint8Array(segment.memory, segment.offset, segment.length).slice();
      }
      case "segcount": {
        const method = (a as Record<symbol, unknown>)[getSegmentCountSymbol];
        if (typeof method !== "function") return new Encoded({ nullSlot: true });
        const { count, length } = (method as () => { count: number; length: number }).call(a);
        return new Encoded({ tuple: [{ int: String(count) }, { int: String(length) }] });
      }
      case "as_read":
        return asReadBuffer(a).slice();
      case "as_char":
        return asCharBuffer(a).slice();
      case "as_write":
        return asWriteBuffer(a).slice();
      case "check_read":
        return checkReadBuffer(a);
      case "arg":
        return this.argument(a, b);
      case "getbuffer": {
        const record = getBuffer(a, b);
        try {
          return new Encoded({
            record: {
              hex: toHex(new Uint8Array(record.memory, record.buf, record.len)),
              readonly: record.readonly,
              format: record.format,
              itemsize: record.itemsize,
              ndim: record.ndim,
              shape: record.shape === null ? null : [...record.shape],
              strides: record.strides === null ? null : [...record.strides],
              objIsExporter: record.obj === a,
            },
          });
        } finally {
          releaseBuffer(record);
        }
      }
      case "mv_bytes":
        return (a as MemoryView).toBytes();
      case "mv_info": {
        const m = a as MemoryView;
        return new Encoded({ record: { readonly: m.readonly, format: m.format, itemsize: m.itemsize, ndim: m.ndim, shape: m.shape, strides: m.strides } });
      }
      case "mv_setitem":
        return (a as MemoryView).set(b, (c as PyStr).bytes[0]!);
      default:
        throw new Error(`unknown fixture operation ${op}`);
    }
  }

  argument(code: string, arg: unknown): unknown {
    const held = (result: BufferArgument | null): unknown => {
      if (result === null) return null;
      try {
        return new Encoded({ record: { hex: toHex(result.bytes), readonly: result.readonly } });
      } finally {
        result.release();
      }
    };
    switch (code) {
      case "s#":
        return readBufferArgument(arg, WHERE).slice();
      case "z#":
        return optionalReadBufferArgument(arg, WHERE)?.slice() ?? null;
      case "t#":
        return charBufferArgument(arg, WHERE).slice();
      case "w#":
        return writeBufferArgument(arg, WHERE).slice();
      case "s*":
        return held(bufferArgument(arg, WHERE));
      case "z*":
        return held(optionalBufferArgument(arg, WHERE));
      case "w*":
        return held(writableBufferArgument(arg, WHERE));
      default:
        throw new Error(`unknown argument code ${code}`);
    }
  }
}

function typeName(value: unknown): string {
  const declared = (value as { [PYTHON_TYPE_NAME]?: unknown })[PYTHON_TYPE_NAME];
  return typeof declared === "string" ? declared : Object.prototype.toString.call(value);
}

/** A JS value in the script's result encoding. */
function encode(value: unknown): FixtureResult {
  if (value === undefined || value === null) return { none: true };
  if (value instanceof Uint8Array) return { bytes: toHex(value) };
  if (typeof value === "boolean") return { bool: value };
  if (typeof value === "number" || typeof value === "bigint") return { int: String(value) };
  if (Array.isArray(value)) return { list: value.map(encode) };
  if (value instanceof Encoded) return value.result;
  return { object: typeName(value) };
}

function encodeError(error: unknown): FixtureResult {
  if (isPythonError(error)) return { error: error.pythonType, message: error.message };
  const e = error as Error;
  return { error: `JS ${e?.name}`, message: String(e?.message ?? e) };
}

/** What the script records, reduced to what the package can be held to. */
function comparable(expected: FixtureResult): FixtureResult {
  if ("created" in expected) return { created: true };
  if ("pendingError" in expected) return { bool: expected["bool"] }; // the C exception left set has no JS equivalent
  return expected;
}

/** Runs every step of `fixtureCase`, giving Python's and the package's outcome side by side. */
export function runCase(fixtureCase: FixtureCase, options: RunOptions = {}): StepOutcome[] {
  const interpreter = new Interpreter(options);
  return fixtureCase.steps.map((step) => {
    let actual: FixtureResult;
    try {
      const result = interpreter.run(step.op, step.args.map((arg) => interpreter.value(arg)));
      if (step.let !== undefined) {
        interpreter.env.set(step.let, result);
        if (step.op === "cmem") interpreter.pointers.set(step.let, objectId(result as ArrayBuffer));
        if (step.op === "new_buffer") {
          const bytes = asReadBuffer(result);
          interpreter.pointers.set(step.let, objectId(bytes.buffer) + bytes.byteOffset);
        }
        actual = { created: true };
      } else {
        actual = encode(result);
      }
    } catch (error) {
      actual = encodeError(error);
    }
    return { op: step.op, args: step.args, expected: comparable(step.result), actual };
  });
}

