/**
 * `Struct#unpackFrom` reads a plain TypedArray or DataView in place, without
 * the buffer protocol's round trip. The in-place path must answer exactly as
 * the general one does for the same bytes behind an exporter: values, and
 * errors with their Python type and message, at every offset; and memory
 * that is gone stays an error.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPythonError, Struct } from "../../src/index.ts";
import { exporterOf } from "./bytes-exporter.ts";

function outcome(read: () => unknown): unknown {
  try {
    return { ok: read() };
  } catch (error) {
    if (isPythonError(error)) return { error: error.pythonType, message: error.message };
    return { bare: String(error) };
  }
}

const FORMATS = ["<bhiqfd?", ">I", "@ci", "=2s", "<q", "x", "0s", "<10H", "@dP"];
const offsetArb = fc.oneof(
  fc.integer({ min: -40, max: 40 }),
  fc.constantFrom<unknown>(0n, -1n, 2n ** 63n, -(2n ** 63n) - 1n, 2 ** 53, -(2 ** 60), true, false, 1.5, "1", null),
);

describe("unpackFrom reads a plain view in place, exactly as through the protocol", () => {
  it("gives the same values or the same error, for every kind of plain view and offset", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMATS),
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.nat({ max: 8 }),
        fc.constantFrom("uint8array", "dataview", "int16array", "buffer"),
        offsetArb,
        (format, data, skip, kind, offset) => {
          const at = Math.min(skip, data.length - 1);
          const bytes = data.subarray(at);
          const plain =
            kind === "dataview"
              ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
              : kind === "int16array" && bytes.byteOffset % 2 === 0 && bytes.byteLength % 2 === 0
                ? new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2)
                : kind === "buffer"
                  ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
                  : bytes;
          const struct = new Struct(format);
          const general = outcome(() => struct.unpackFrom(exporterOf(bytes), offset as number));
          expect(outcome(() => struct.unpackFrom(plain, offset as number))).toEqual(general);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("refuses memory that is gone: a detached view and a view a resize cut off", () => {
    const struct = new Struct("<i");
    const detached = new Uint8Array(8);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expect(outcome(() => struct.unpackFrom(detached))).toMatchObject({ error: "BufferError" });

    const memory = new ArrayBuffer(8, { maxByteLength: 16 });
    const fixed = new Uint8Array(memory, 0, 8);
    const tracking = new Uint8Array(memory);
    memory.resize(4);
    expect(outcome(() => struct.unpackFrom(fixed))).toMatchObject({ error: "BufferError" });
    expect(outcome(() => struct.unpackFrom(tracking, 1))).toEqual({
      error: "struct.error",
      message: "unpack_from requires a buffer of at least 5 bytes for unpacking 4 bytes at offset 1 (actual buffer size is 4)",
    });
    expect(outcome(() => struct.unpackFrom(tracking))).toEqual({ ok: [0] });
  });
});
