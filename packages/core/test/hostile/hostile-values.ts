/**
 * A pool of hostile JavaScript values for the properties of this folder:
 * every kind an attacker (or a careless caller) can pass where a buffer, a
 * format, an index, a flag or an option is expected. Each entry is a thunk,
 * so every call gets a fresh value (a released view, a detached buffer).
 */
import fc from "fast-check";
import { getBufferSymbol, memoryview } from "../../src/index.ts";

/** A Proxy whose every trap throws a bare Error: any look at it fails. */
export function trappedProxy(): object {
  const fail = (): never => {
    throw new Error("trap");
  };
  return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getPrototypeOf: fail, getOwnPropertyDescriptor: fail });
}

export function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable([1], {});
  revoke();
  return proxy;
}

export function detachedBytes(): Uint8Array {
  const bytes = new Uint8Array(8);
  structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
  return bytes;
}

export function cutOffBytes(): Uint8Array {
  const memory = new ArrayBuffer(8, { maxByteLength: 8 });
  const bytes = new Uint8Array(memory, 4, 4);
  memory.resize(2);
  return bytes;
}

export function hugeArray(): number[] {
  const values = [1];
  values.length = 2 ** 32 - 1;
  return values;
}

/** An exporter whose get-buffer method answers `answer()`. */
export function exporterOf(answer: () => unknown): object {
  return { [getBufferSymbol]: answer };
}

export const HOSTILE_VALUES: readonly (readonly [string, () => unknown])[] = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["0", () => 0],
  ["-1", () => -1],
  ["1.5", () => 1.5],
  ["NaN", () => Number.NaN],
  ["Infinity", () => Number.POSITIVE_INFINITY],
  ["2**53", () => 2 ** 53],
  ["-2n**63n", () => -(2n ** 63n)],
  ["2n**64n", () => 2n ** 64n],
  ["true", () => true],
  ["''", () => ""],
  ["'B'", () => "B"],
  ["'<3hq'", () => "<3hq"],
  ["'é'", () => "é"],
  ["'\\0'", () => "\0"],
  ["'9999999999999999999x'", () => "9999999999999999999x"],
  ["Symbol", () => Symbol("s")],
  ["[]", () => []],
  ["[1, 2]", () => [1, 2]],
  ["huge array", hugeArray],
  ["{}", () => ({})],
  ["function", () => () => 1],
  ["revoked Proxy", revokedProxy],
  ["trapped Proxy", trappedProxy],
  ["Uint8Array(4)", () => new Uint8Array(4)],
  ["Float64Array(2)", () => new Float64Array(2)],
  ["detached Uint8Array", detachedBytes],
  ["cut-off Uint8Array", cutOffBytes],
  ["memoryview", () => memoryview(new Uint8Array(8))],
  [
    "released memoryview",
    () => {
      const m = memoryview(new Uint8Array(8));
      m.release();
      return m;
    },
  ],
  ["exporter answering null", () => exporterOf(() => null)],
  ["exporter answering a revoked Proxy", () => exporterOf(revokedProxy)],
  ["exporter answering a trapped Proxy", () => exporterOf(trappedProxy)],
  [
    "exporter throwing a bare Error",
    () =>
      exporterOf(() => {
        throw new Error("bare");
      }),
  ],
  [
    "exporter answering a huge shape",
    () =>
      exporterOf(() => ({
        obj: null, memory: new ArrayBuffer(16), buf: 0, len: 16, itemsize: 1, readonly: false, format: "B",
        ndim: 1, shape: hugeArray(), strides: [1], suboffsets: null, internal: null,
      })),
  ],
];

/** One hostile value, with its name for the report. */
export const hostileValueArb: fc.Arbitrary<readonly [string, () => unknown]> = fc.constantFrom(...HOSTILE_VALUES);

/** Runs `call`; returns null when it returned or threw a Python error, else a description of the bare error. */
export function bareError(call: () => unknown): string | null {
  try {
    const result = call();
    // Iterators are run a little: their errors are the call's errors.
    if (result !== null && typeof result === "object" && typeof (result as { next?: unknown }).next === "function") {
      for (let i = 0; i < 4; i++) if ((result as Iterator<unknown>).next().done === true) break;
    }
    return null;
  } catch (error) {
    const kind = (error as { pythonType?: unknown } | null)?.pythonType;
    if (typeof kind === "string") return null;
    return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split("\n").slice(1, 4).join("\n")}` : String(error);
  }
}

/** The Python kind of what `run` throws, "returned", or "bare ..." for an error without one. */
export function outcome(run: () => unknown): string {
  try {
    run();
    return "returned";
  } catch (error) {
    const kind = (error as { pythonType?: unknown } | null)?.pythonType;
    return typeof kind === "string" ? kind : `bare ${String(error)}`;
  }
}

/** What `run` throws (undefined when it returns). */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
