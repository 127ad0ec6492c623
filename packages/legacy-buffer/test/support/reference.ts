/**
 * Reference semantics for the properties, written from Python's definitions
 * rather than from the package: the window formula of `get_buf` (Objects/bufferobject.c), Python's
 * slice indices, and bases of every kind that can change size.
 */
import { PyByteArray } from "./python2-types.ts";

/** `get_buf`'s window of `bytes` for a stored offset and size (Objects/bufferobject.c). */
export function windowOf(bytes: Uint8Array, offset: number, size: number): Uint8Array {
  const count = bytes.length;
  const start = Math.min(offset, count);
  const length = Math.min(size === -1 ? count : size, count - start);
  return bytes.slice(start, start + length);
}

/** The indices `range(*slice(start, stop, step).indices(length))` visits, from the language reference's rules. */
export function sliceIndices(length: number, start: number | null, stop: number | null, step: number | null): number[] {
  const by = step ?? 1;
  const indices: number[] = [];
  if (by > 0) {
    const clamp = (i: number): number => Math.min(Math.max(i < 0 ? i + length : i, 0), length);
    const from = start === null ? 0 : clamp(start);
    const to = stop === null ? length : clamp(stop);
    for (let i = from; i < to; i += by) indices.push(i);
  } else {
    const clamp = (i: number): number => {
      const j = i < 0 ? i + length : i;
      return j < 0 ? -1 : Math.min(j, length - 1);
    };
    const from = start === null ? length - 1 : clamp(start);
    const to = stop === null ? -1 : clamp(stop);
    for (let i = from; i > to; i += by) indices.push(i);
  }
  return indices;
}

/** A base whose bytes the test can read and whose size it can change. */
export interface TestBase {
  readonly kind: string;
  readonly object: object;
  bytes(): Uint8Array;
  /** Shrinks or grows to `length`, new bytes taken from `fill`. */
  resize(length: number, fill: Uint8Array): void;
}

const MAX = 64;

export const BASE_KINDS = ["Uint8Array", "resizable ArrayBuffer", "length-tracking view", "bytearray model"] as const;

export function makeBase(kind: (typeof BASE_KINDS)[number], initial: Uint8Array): TestBase {
  switch (kind) {
    case "Uint8Array": {
      const bytes = Uint8Array.from(initial);
      return { kind, object: bytes, bytes: () => bytes, resize: () => {} };
    }
    case "resizable ArrayBuffer":
    case "length-tracking view": {
      const memory = new ArrayBuffer(initial.length, { maxByteLength: MAX });
      new Uint8Array(memory).set(initial);
      const object = kind === "resizable ArrayBuffer" ? memory : new Uint8Array(memory);
      return {
        kind,
        object,
        bytes: () => new Uint8Array(memory),
        resize: (length, fill) => {
          const before = memory.byteLength;
          memory.resize(length);
          if (length > before) new Uint8Array(memory, before).set(fill.subarray(0, length - before));
        },
      };
    }
    case "bytearray model": {
      const model = new PyByteArray(initial);
      return {
        kind,
        object: model,
        bytes: () => model.bytes,
        resize: (length, fill) => {
          const before = model.bytes.length;
          if (length < before) model.deleteSlice(length, null);
          else model.extend(fill.subarray(0, length - before));
        },
      };
    }
  }
}
