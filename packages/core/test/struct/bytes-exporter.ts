/**
 * Test helper: the bytes of a Uint8Array behind a plain exporter, so that
 * struct takes the buffer protocol's general path (a DataView over the
 * memory) where the array itself would take a fast path.
 */
import { BufferFlags, getBufferSymbol } from "../../src/index.ts";

/** The same bytes behind a plain exporter, which answers what the flags ask. */
export function exporterOf(bytes: Uint8Array): object {
  return {
    [getBufferSymbol]: (flags: number) => ({
      obj: null,
      memory: bytes.buffer,
      buf: bytes.byteOffset,
      len: bytes.byteLength,
      itemsize: 1,
      readonly: true,
      format: flags & BufferFlags.FORMAT ? "B" : null,
      ndim: 1,
      shape: flags & BufferFlags.ND ? [bytes.byteLength] : null,
      strides: (flags & BufferFlags.STRIDES) === BufferFlags.STRIDES ? [1] : null,
      suboffsets: null,
      internal: null,
    }),
  };
}
