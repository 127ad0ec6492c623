/**
 * loadNpy shares the file's bytes when they are aligned, copies when not,
 * and never reads memory that is gone.
 */
import { BufferError, memoryview, MemoryError } from "@pybuffer/core";
import { describe, expect, it } from "vitest";
import { loadNpy, saveNpy } from "../../src/index.ts";

describe("loadNpy", () => {
  it("shares aligned data with the file's bytes (zero-copy)", () => {
    const file = saveNpy(new Float64Array([1, 2, 3]));
    const a = loadNpy(file);
    expect(a.data.buffer).toBe(file.buffer);
    file[file.length - 1] = file[file.length - 1]! | 0x80; // the sign bit of the last double, written in the file
    expect(a.toList()).toEqual([1, 2, -3]);
  });

  it("copies misaligned data into an aligned buffer, and on request", () => {
    const file = saveNpy(new Float64Array([1, 2, 3]));
    const shifted = new Uint8Array(file.length + 1).subarray(1);
    shifted.set(file);
    const a = loadNpy(shifted);
    expect(a.data.buffer).not.toBe(shifted.buffer);
    expect(a.data.byteOffset % 8).toBe(0);
    expect(a.toList()).toEqual([1, 2, 3]);
    expect(loadNpy(file, { copy: true }).data.buffer).not.toBe(file.buffer);
  });

  it("exports read-only by default and writable on request", () => {
    const file = saveNpy(new Int32Array([5, 6]));
    expect(memoryview(loadNpy(file)).readonly).toBe(true);
    const m = memoryview(loadNpy(file, { writable: true }));
    m.set(0, 7);
    expect(loadNpy(file).toList()).toEqual([7, 6]);
  });

  it("refuses to read once the file's ArrayBuffer is detached", () => {
    const file = saveNpy(new Float32Array([1, 2]));
    const a = loadNpy(file);
    structuredClone(file.buffer, { transfer: [file.buffer as ArrayBuffer] });
    expect(() => a.toList()).toThrow(BufferError);
    expect(() => memoryview(a)).toThrow("NpyArray: the underlying memory is gone (detached or resized)");
  });

  it("refuses to list more items than an array holds, without trying", () => {
    const header = "{'descr': '|S0', 'fortran_order': False, 'shape': (4294967296, 3), }";
    const file = new Uint8Array(10 + header.length + 1);
    file.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length + 1, 0]);
    file.set(Buffer.from(header, "latin1"), 10);
    file[file.length - 1] = 0x0a;
    const a = loadNpy(file);
    expect([a.size, a.nbytes]).toEqual([3 * 2 ** 32, 0]);
    expect(() => a.toList()).toThrow(MemoryError);
  });

  it("gives 0-d and Fortran-order arrays in index order", () => {
    expect(loadNpy(saveNpy(new Uint16Array([9]).subarray(0, 1))).shape).toEqual([1]);
    // np.save(f, np.array([[1, 3, 5], [2, 4, 6]], "u1", order="F"))
    const fortran = loadNpy(Uint8Array.from(Buffer.from(
      "934e554d5059010076007b276465736372273a20277c7531272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a010203040506",
      "hex",
    )));
    expect([fortran.fortranOrder, fortran.toList()]).toEqual([true, [[1, 3, 5], [2, 4, 6]]]);
    expect(memoryview(fortran).toList()).toEqual([[1, 3, 5], [2, 4, 6]]);
  });

  it("reads a header's bytes 0x80-0xFF as latin-1, not as the host's windows-1252 (NumPy's _read_array_header)", () => {
    /** A version 1.0 file of `header` (one byte a character) and 8 bytes of data. */
    const fileOf = (header: string): Uint8Array => {
      const padded = header + " ".repeat(63 - ((10 + header.length) % 64)) + "\n";
      const file = new Uint8Array(10 + padded.length + 8);
      file.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length & 0xff, padded.length >> 8]);
      file.set(Uint8Array.from(padded, (ch) => ch.charCodeAt(0)), 10);
      return file;
    };
    // Byte 0x85 is U+0085 in latin-1 (windows-1252: U+2026), 0xE9 is U+00E9 in both. Hosts differ
    // in what TextDecoder("latin1") gives (WHATWG: windows-1252; Node 20: latin-1): the result may not.
    const named = loadNpy(fileOf("{'descr': [('\x85\xe9', '<f8')], 'fortran_order': False, 'shape': (1,), }"));
    expect(named.dtype).toEqual([["\u0085\u00e9", "<f8"]]);
    // A type string laid out as NumPy writes it, with a byte 0x80 (windows-1252: the euro sign).
    expect(() => loadNpy(fileOf("{'descr': '<f\x80', 'fortran_order': False, 'shape': (1,), }"))).toThrow("'<f\\x80'");
  });
});
