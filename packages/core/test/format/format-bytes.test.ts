/**
 * formatBytes reads a format's characters as bytes for the scan, through the
 * host's TextEncoder from 48 characters and a `charCodeAt` loop below (and
 * wherever the host has no TextEncoder). Both must give the character codes
 * of an ASCII format and refuse any other, at every length.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatBytes } from "../../src/format/format-bytes.ts";

/** What formatBytes must answer: the codes of an ASCII text, else null. */
function expected(text: string): number[] | null {
  const codes = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  return codes.every((c) => c <= 0x7f) ? codes : null;
}

function answer(read: (text: string) => Uint8Array | null, text: string): number[] | null {
  const bytes = read(text);
  return bytes === null ? null : Array.from(bytes.subarray(0, text.length));
}

/** UTF-16 code units, mostly format characters, some outside ASCII (lone surrogates included). */
const unitArb = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(..."<>=!@ 0123456789xcbB?hHiIlLqQnNPefdFDsp\0\t") },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  // Codes whose low byte is a format character: a byte cast would read them as one.
  { weight: 1, arbitrary: fc.constantFrom("\u0169", "\u0173", "\u0142", "\u2069", "\ud869", "\udc73") },
);
const textArb = fc.oneof(
  fc.string({ unit: unitArb, maxLength: 60 }),
  fc.string({ unit: unitArb, minLength: 40, maxLength: 400 }),
);

describe("formatBytes", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("gives the codes of an ASCII format and null for any other, short or long", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(answer(formatBytes, text)).toEqual(expected(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads the same without a host TextEncoder (the charCodeAt loop at every length)", async () => {
    vi.stubGlobal("TextEncoder", undefined);
    vi.resetModules();
    const loopOnly = (await import("../../src/format/format-bytes.ts")).formatBytes;
    fc.assert(
      fc.property(textArb, (text) => {
        expect(answer(loopOnly, text)).toEqual(answer(formatBytes, text));
      }),
      { numRuns: 1000 },
    );
  });

  it("gives a format past 64 KiB its own array, and a short one after it is read right", () => {
    const long = "<" + "b".repeat(70_000);
    const bytes = formatBytes(long);
    expect(bytes?.length).toBe(long.length);
    expect(bytes?.[0]).toBe(0x3c);
    expect(bytes?.every((c, i) => i === 0 || c === 0x62)).toBe(true);
    expect(formatBytes(long + "\u00e9")).toBeNull();
    expect(formatBytes("\ud800" + long)).toBeNull();
    // The shared array holds leftovers of a longer format past the short one's length.
    formatBytes("=" + "s".repeat(1000));
    expect(answer(formatBytes, ">hh")).toEqual([0x3e, 0x68, 0x68]);
    expect(answer(formatBytes, "")).toEqual([]);
  });
});
