/**
 * The order of checks of the pack/unpack family against CPython 3.14
 * (Pyodide): arguments of the wrong kind together with bad formats, bad
 * offsets and wrong sizes, so that every call fails (or succeeds) on the
 * same check CPython makes first, with its error type and message
 * (issue 12, item 10).
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { iterUnpack, pack, packInto, unpack, unpackFrom } from "../../src/index.ts";
import { loadOracle, type PythonOracle } from "../oracle/pyodide-oracle.ts";

let python: PythonOracle;
beforeAll(async () => {
  python = await loadOracle("struct_oracle", ["struct_oracle.py"]);
});

/** An argument, spelled once for each side. */
interface Arg {
  readonly py: string;
  readonly js: () => unknown;
}

const FORMATS = ["", "h", "3x", "<q", "2h", "bad$", "2", "?", "4s", "0s", ">I"];
const bufferArb: fc.Arbitrary<{ readonly size: number } | Arg> = fc.oneof(
  fc.integer({ min: 0, max: 9 }).map((size) => ({ size })),
  fc.constantFrom<Arg>(
    { py: "None", js: () => null },
    { py: "1", js: () => 1 },
    { py: "'ab'", js: () => "ab" },
    { py: "[1, 2]", js: () => [1, 2] },
  ),
);
const offsetArb = fc.constantFrom<Arg | null>(
  null,
  { py: "0", js: () => 0 },
  { py: "-1", js: () => -1 },
  { py: "-20", js: () => -20 },
  { py: "3", js: () => 3 },
  { py: "100", js: () => 100 },
  { py: "'1'", js: () => "1" },
  { py: "1.5", js: () => 1.5 },
  { py: "None", js: () => null },
);
const valueArb = fc.constantFrom<Arg>(
  { py: "1", js: () => 1 },
  { py: "-1", js: () => -1 },
  { py: "None", js: () => null },
  { py: "'x'", js: () => "x" },
  { py: "b'ab'", js: () => Uint8Array.of(97, 98) },
  { py: "1.5", js: () => 1.5 },
);

type Op = "pack" | "pack_into" | "unpack" | "unpack_from" | "iter_unpack";
const opArb = fc.constantFrom<Op>("pack", "pack_into", "unpack", "unpack_from", "iter_unpack");

function bufferArg(buffer: { readonly size: number } | Arg, writable: boolean): Arg {
  if (!("size" in buffer)) return buffer;
  return { py: `${writable ? "bytearray" : "bytes"}(range(${buffer.size}))`, js: () => Uint8Array.from({ length: buffer.size }, (_, i) => i) };
}

/** "ok" or "Type: message" of a Python call. */
function onPython(call: string): string {
  return python.evaluate(
    `import struct\ntry:\n    ${call}\n    _r = 'ok'\nexcept Exception as e:\n    _r = ('struct.error' if isinstance(e, struct.error) else type(e).__name__) + ': ' + str(e)\n_r`,
  );
}

function onEngine(call: () => unknown): string {
  try {
    const result = call();
    if (result !== null && typeof result === "object" && Symbol.iterator in result) [...(result as Iterable<unknown>)];
    return "ok";
  } catch (error) {
    const kind = (error as { pythonType?: unknown }).pythonType;
    return `${typeof kind === "string" ? kind : `bare ${String(error)}`}: ${(error as Error).message}`;
  }
}

describe("order of checks of the pack/unpack family", () => {
  it("iterUnpack('', None): the zero size first", () => {
    expect(onEngine(() => iterUnpack("", null))).toBe("struct.error: cannot iteratively unpack with a struct of length 0");
    expect(onPython("struct.iter_unpack('', None)")).toBe("struct.error: cannot iteratively unpack with a struct of length 0");
  });

  it("agrees with CPython on random calls mixing wrong kinds and bad formats", () => {
    fc.assert(
      fc.property(
        opArb,
        fc.constantFrom(...FORMATS),
        bufferArb,
        offsetArb,
        fc.array(valueArb, { maxLength: 3 }),
        (op, format, buffer, offset, values) => {
          const f = JSON.stringify(format);
          const buf = bufferArg(buffer, op === "pack_into");
          const off = offset ?? { py: "0", js: () => 0 };
          const vs = values.map((v) => v.py).join(", ");
          let py: string;
          let js: () => unknown;
          switch (op) {
            case "pack":
              py = `struct.pack(${[f, vs].filter((s) => s !== "").join(", ")})`;
              js = () => pack(format, ...values.map((v) => v.js()));
              break;
            case "pack_into":
              py = `struct.pack_into(${[f, buf.py, off.py, vs].filter((s) => s !== "").join(", ")})`;
              js = () => packInto(format, buf.js() as never, off.js() as never, ...values.map((v) => v.js()));
              break;
            case "unpack":
              py = `struct.unpack(${f}, ${buf.py})`;
              js = () => unpack(format, buf.js() as never);
              break;
            case "unpack_from":
              py = offset === null ? `struct.unpack_from(${f}, ${buf.py})` : `struct.unpack_from(${f}, ${buf.py}, ${off.py})`;
              js = () => (offset === null ? unpackFrom(format, buf.js() as never) : unpackFrom(format, buf.js() as never, off.js() as never));
              break;
            case "iter_unpack":
              py = `struct.iter_unpack(${f}, ${buf.py})`;
              js = () => iterUnpack(format, buf.js() as never);
              break;
          }
          expect(onEngine(js), py).toBe(onPython(py));
        },
      ),
      { numRuns: 400 },
    );
  });
});
