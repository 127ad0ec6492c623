/**
 * The JavaScript twin of test/oracle/ndarray_oracle.py: runs the same JSON
 * cases on `NDArray` and answers in the same shape, so a test compares our
 * answer with CPython's in one `toEqual`. The case language is defined in
 * the header of ndarray_oracle.py.
 */
import {
  Ellipsis,
  getBuffer,
  isPythonError,
  NDArray,
  releaseBuffer,
  slice,
  type AbiName,
  type BufferRecord,
  type NDArrayOptions,
} from "../../src/index.ts";
import { canonical, fromHex, fromTagged, toHex, toTagged, type Tagged } from "../oracle/tagged.ts";

/** A JSON-encoded JS value: plain JSON, a {@link Tagged} value, or a container tag. */
export type Encoded = unknown;

export interface BuildSpec {
  readonly items: Encoded;
  readonly shape?: Encoded;
  readonly strides?: Encoded;
  readonly offset?: Encoded;
  readonly format?: Encoded;
  readonly flags?: Encoded;
  readonly getbuf?: Encoded;
}

export type SliceSpec = readonly [number | null, number | null, number | null];

export type Key =
  | { readonly index: number }
  | { readonly slice: SliceSpec }
  | { readonly slices: readonly SliceSpec[] }
  | { readonly empty: true }
  | { readonly ellipsis: true };

export interface NDArrayCase {
  readonly build: BuildSpec;
  readonly push?: BuildSpec;
  readonly pop?: boolean;
  readonly keys?: readonly Key[];
  readonly requests?: readonly number[];
}

export interface ErrorResult {
  readonly error: string;
  readonly message: string;
}

/** Every attribute of an ndarray, as ndarray_oracle.describe lists them. */
export interface Description {
  readonly flags: number;
  readonly offset: number;
  readonly obj: boolean;
  readonly nbytes: number;
  readonly readonly: boolean;
  readonly itemsize: number;
  readonly format: string;
  readonly ndim: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly suboffsets: readonly number[];
  readonly c_contiguous: boolean;
  readonly f_contiguous: boolean;
  readonly contiguous: boolean;
  readonly tolist: { readonly ok: unknown } | ErrorResult;
  readonly tobytes: string;
}

export type CaseResult =
  | ErrorResult
  | { readonly item: unknown }
  | { readonly ok: Description; readonly getbuf?: readonly (Description | ErrorResult)[] };

const TAGS = new Set(["number", "bigint", "bool", "bytes", "complex", "str", "null"]);

function isTagged(value: unknown): value is Tagged {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && TAGS.has(keys[0]!);
}

/** The JS value an encoded value stands for. */
export function decode(value: Encoded): unknown {
  if (isTagged(value)) return fromTagged(value);
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value === "object" && value !== null) {
    const [[kind, body]] = Object.entries(value) as [[string, unknown]];
    switch (kind) {
      case "list":
        return (body as unknown[]).map(decode);
      case "set":
        return new Set((body as unknown[]).map(decode));
      case "dict":
        return Object.fromEntries(Object.entries(body as object).map(([k, v]) => [k, decode(v)]));
      case "bytearray":
        return fromHex(body as string).buffer;
    }
    throw new Error(`unknown value tag ${kind}`);
  }
  return value;
}

/** The options object of a spec; wrong-typed values pass through on purpose (they are the test). */
function options(spec: BuildSpec, abi: AbiName | undefined): NDArrayOptions {
  const out: Record<string, unknown> = {};
  for (const name of ["shape", "strides", "offset", "format", "flags", "getbuf"] as const) {
    if (name in spec) out[name] = decode(spec[name]);
  }
  if (abi !== undefined) out["abi"] = abi;
  return out as NDArrayOptions;
}

export function buildNDArray(spec: BuildSpec, abi?: AbiName): NDArray {
  return new NDArray(decode(spec.items), options(spec, abi));
}

function toSlice([start, stop, step]: SliceSpec) {
  return slice(start, stop, step);
}

export function applyKey(x: NDArray, key: Key): unknown {
  if ("index" in key) return x.get(key.index);
  if ("slice" in key) return x.get(toSlice(key.slice));
  if ("slices" in key) return x.get(key.slices.map(toSlice));
  if ("empty" in key) return x.get([]);
  return x.get(Ellipsis);
}

/** Tags toList() output the way tag_value does: nested arrays, tagged leaves. */
export function tagDeep(value: unknown): unknown {
  return Array.isArray(value) ? value.map(tagDeep) : toTagged(value);
}

/**
 * A Python answer with its numbers spelled the way {@link toTagged} spells
 * ours ("1.0" becomes "1"), everywhere in it.
 */
export function canonicalAnswer<T>(answer: T): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== "object" || value === null) return value;
    if (isTagged(value)) return canonical(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  };
  return walk(answer) as T;
}

/** An error as error_of spells it; anything that is not a Python error shows up as a JS error. */
export function errorOf(error: unknown): ErrorResult {
  if (isPythonError(error)) return { error: error.pythonType, message: error.message };
  if (error instanceof Error) return { error: `JS ${error.name}`, message: error.message };
  return { error: "JS throw", message: String(error) };
}

function attempt<T>(fn: () => T): { ok: T } | ErrorResult {
  try {
    return { ok: fn() };
  } catch (error) {
    return errorOf(error);
  }
}

/** CPython's tobytes() never fails; if ours does, the error text takes the place of the hex, as a visible difference. */
function tobytesHex(nd: NDArray): string {
  try {
    return toHex(nd.toBytes());
  } catch (error) {
    const { error: type, message } = errorOf(error);
    return `${type}: ${message}`;
  }
}

export function describe(nd: NDArray): Description {
  return {
    flags: nd.flags,
    offset: nd.offset,
    obj: nd.obj !== null,
    nbytes: nd.nbytes,
    readonly: nd.readonly,
    itemsize: nd.itemsize,
    format: nd.format,
    ndim: nd.ndim,
    shape: nd.shape,
    strides: nd.strides,
    suboffsets: nd.suboffsets,
    c_contiguous: nd.cContiguous,
    f_contiguous: nd.fContiguous,
    contiguous: nd.contiguous,
    tolist: attempt(() => tagDeep(nd.toList())),
    tobytes: tobytesHex(nd),
  };
}

/**
 * `ndarray(x, getbuf=req)`, described. The record `getBuffer` returns for
 * the same request must agree with what the consumer reports, field by field
 * (CPython's `()` is our `null`).
 */
export function describeRequest(x: NDArray, request: number, abi: AbiName | undefined): Description | ErrorResult {
  const opts = abi === undefined ? {} : { abi };
  let consumer: NDArray;
  try {
    consumer = new NDArray(x, { getbuf: request, ...opts });
  } catch (error) {
    return errorOf(error);
  }
  try {
    const description = describe(consumer);
    const record = getBuffer(x, request, opts);
    const mismatch = recordMismatch(record, description);
    releaseBuffer(record);
    if (mismatch !== null) return { error: "record disagrees with the consumer", message: mismatch };
    return description;
  } finally {
    consumer.release();
  }
}

function recordMismatch(record: BufferRecord, d: Description): string | null {
  const fields: [string, unknown, unknown][] = [
    ["format", record.format ?? "", d.format],
    ["itemsize", record.itemsize, d.itemsize],
    ["ndim", record.ndim, d.ndim],
    ["len", record.len, d.nbytes],
    ["readonly", record.readonly, d.readonly],
    ["shape", JSON.stringify(record.shape ?? []), JSON.stringify(d.shape)],
    ["strides", JSON.stringify(record.strides ?? []), JSON.stringify(d.strides)],
    ["suboffsets", JSON.stringify(record.suboffsets ?? []), JSON.stringify(d.suboffsets)],
  ];
  const bad = fields.filter(([, a, b]) => a !== b);
  return bad.length === 0 ? null : bad.map(([name, a, b]) => `${name}: ${String(a)} vs ${String(b)}`).join("; ");
}

/** run_case, on NDArray. */
export function runCase(c: NDArrayCase, abi?: AbiName): CaseResult {
  let x: unknown;
  try {
    const nd = buildNDArray(c.build, abi);
    if (c.push !== undefined) nd.push(decode(c.push.items), options(c.push, undefined));
    if (c.pop === true) nd.pop();
    x = nd;
    for (const key of c.keys ?? []) {
      if (!(x instanceof NDArray)) break; // an item: the remaining keys do not apply
      x = applyKey(x, key);
    }
  } catch (error) {
    return errorOf(error);
  }
  if (!(x instanceof NDArray)) return { item: tagDeep(x) };
  const ok = describe(x);
  if (c.requests === undefined) return { ok };
  return { ok, getbuf: c.requests.map((r) => describeRequest(x as NDArray, r, abi)) };
}
