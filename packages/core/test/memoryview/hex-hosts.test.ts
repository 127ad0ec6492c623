/**
 * `hex()` encodes through the host's native encoders when it has them
 * (Node's `Buffer`), else `TextDecoder`, else `String.fromCharCode`: every
 * host must give the same string (Node's `Buffer.prototype.hexSlice` and
 * `latin1Slice` called on the bytes, or a `Buffer` that has only `from`).
 * The module picks its encoder when loaded, so each host is a fresh import
 * with the globals it lacks removed.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";

type HexOf = (bytes: Uint8Array, sep?: unknown, bytesPerSep?: unknown) => string;

/** A `Buffer` with `from` and `toString` only: a host without Node's `hexSlice`/`latin1Slice` methods. */
const DOCUMENTED_BUFFER = { from: (memory: ArrayBuffer, offset: number, length: number) => Buffer.from(memory, offset, length) };

async function hexOfOnHost(missing: readonly ("Buffer" | "TextDecoder" | "Buffer#hexSlice")[]): Promise<HexOf> {
  vi.resetModules();
  for (const name of missing) {
    if (name === "Buffer#hexSlice") vi.stubGlobal("Buffer", DOCUMENTED_BUFFER);
    else vi.stubGlobal(name, undefined);
  }
  const module = await import("../../src/memoryview/hex.ts");
  vi.unstubAllGlobals();
  return module.hexOf;
}

/** The rule written the slow, obvious way: groups of |n| bytes from the right (n > 0) or left (n < 0). */
function reference(bytes: Uint8Array, sep?: string, perSep = 1): string {
  const digits = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0"));
  if (sep === undefined || perSep === 0) return digits.join("");
  const size = Math.abs(perSep);
  const groups: string[] = [];
  if (perSep > 0) {
    for (let end = digits.length; end > 0; end -= size) groups.unshift(digits.slice(Math.max(0, end - size), end).join(""));
  } else {
    for (let start = 0; start < digits.length; start += size) groups.push(digits.slice(start, start + size).join(""));
  }
  return groups.join(sep);
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe.each([
  ["Node (Buffer)", [] as const],
  ["a Buffer without Node's hexSlice and latin1Slice", ["Buffer#hexSlice"] as const],
  ["TextDecoder only", ["Buffer"] as const],
  ["neither Buffer nor TextDecoder", ["Buffer", "TextDecoder"] as const],
])("hex() on a host with %s", (_, missing) => {
  it("matches the reference for any bytes, separator and group", async () => {
    const hexOf = await hexOfOnHost(missing);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.option(fc.constantFrom(":", "-", " "), { nil: undefined }),
        fc.integer({ min: -6, max: 6 }),
        (bytes, sep, perSep) => {
          expect(hexOf(bytes, sep, perSep)).toBe(reference(bytes, sep, perSep));
        },
      ),
    );
  });

  it("encodes every byte value, and long inputs past the fallback's chunk size", async () => {
    const hexOf = await hexOfOnHost(missing);
    const all = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    expect(hexOf(all)).toBe(reference(all));
    const long = Uint8Array.from({ length: 20_001 }, (_, i) => (i * 37) & 255);
    expect(hexOf(long)).toBe(reference(long));
    expect(hexOf(long, ":", -3)).toBe(reference(long, ":", -3));
    // A view into a larger buffer, at an odd offset.
    const inner = long.subarray(3, 1_003);
    expect(hexOf(inner, "-", 2)).toBe(reference(inner, "-", 2));
  });

  it("one byte a group (four bytes a word store), and results past the reused scratch array", async () => {
    const hexOf = await hexOfOnHost(missing);
    // 3 codes a byte: 21,845 bytes fit the 64 KiB scratch, 21,846 do not.
    for (const length of [0, 1, 3, 4, 5, 7, 8, 21_845, 21_846, 40_003]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 101 + 7) & 255);
      expect(hexOf(bytes, ":")).toBe(reference(bytes, ":"));
      expect(hexOf(bytes.subarray(1), " ", -1)).toBe(reference(bytes.subarray(1), " ", -1));
    }
    // A long result then a short one: nothing of the first shows through the second.
    const long = new Uint8Array(20_000).fill(0xab);
    hexOf(long, ":");
    expect(hexOf(Uint8Array.of(1, 2, 3), "-", 2)).toBe("01-0203");
    expect(hexOf(Uint8Array.of(1, 2, 3), undefined, 0)).toBe("010203");
  });
});
