/**
 * Straight-line code for small structs. Packing and unpacking walk the runs
 * of a format and call each item's codec; across the formats of a program
 * that one call site sees many codecs, so V8 can inline none of them. Code
 * generated per struct gives every item its own call site, which V8 then
 * inlines: `unpack` of a mixed record costs about half. Hosts that forbid
 * generating code (a Content-Security-Policy without 'unsafe-eval') get
 * `null`, and the struct keeps its loops.
 *
 * @module
 */

import type { ItemCodec } from "./item-codec.ts";
import type { StructValue } from "./values.ts";

/** Reads every value of a record at byte `base` of a whole-memory DataView. */
export type RecordReader = (view: DataView, base: number) => StructValue[];

/**
 * Reads every value of a record at index `base` of a `Uint8Array`, through
 * the codecs' `readBytes` (byte-readers.ts); the caller has checked the bounds.
 */
export type RecordBytesReader = (bytes: Uint8Array, base: number) => StructValue[];

/** Converts and writes every value of a record into a view that starts at the record. */
export type RecordWriter = (view: DataView, values: readonly unknown[]) => void;

/** The generated reader and writer of one struct. */
export interface RecordCode {
  readonly read: RecordReader;
  /** Null when a code has no byte reader (`F`, `D`, `c`, `s`, `p`). */
  readonly readBytes: RecordBytesReader | null;
  readonly write: RecordWriter;
}

/** One run of a format: `repeat` items of `itemSize` bytes from byte `offset`, each read and written by `codec`. */
export interface CodeRun {
  readonly codec: ItemCodec;
  readonly offset: number;
  readonly repeat: number;
  readonly itemSize: number;
}

/** Past this many values the generated code grows faster than the loop it replaces. */
const MAX_VALUES = 32;

/** Whether this host lets code be generated (a Content-Security-Policy without 'unsafe-eval' does not). */
export const generationAllowed = (() => {
  try {
    return new Function("return true")() === true;
  } catch {
    return false;
  }
})();

/**
 * The generated reader and writer for `runs`, or null when there are too
 * many values or the host forbids generating code. Only numbers and offsets
 * are written into the source; the codecs come in as arguments.
 */
export function recordCode(runs: readonly CodeRun[]): RecordCode | null {
  const valueCount = runs.reduce((count, run) => count + run.repeat, 0);
  if (!generationAllowed || valueCount > MAX_VALUES) return null;
  const reads: string[] = [];
  const byteReads: string[] = [];
  const writes: string[] = [];
  runs.forEach((run, r) => {
    for (let i = 0; i < run.repeat; i++) {
      const offset = run.offset + i * run.itemSize;
      reads.push(`c${r}.read(view, base + ${offset})`);
      byteReads.push(`c${r}.readBytes(bytes, base + ${offset})`);
      writes.push(`c${r}.write(view, ${offset}, c${r}.coerce(values[${writes.length}]));`);
    }
  });
  const codecNames = runs.map((_, r) => `c${r}`);
  const readsBytes = runs.every((run) => run.codec.readBytes !== undefined);
  const factory = new Function(
    ...codecNames,
    `return { read: (view, base) => [${reads.join(", ")}], ` +
      `readBytes: ${readsBytes ? `(bytes, base) => [${byteReads.join(", ")}]` : "null"}, ` +
      `write: (view, values) => { ${writes.join(" ")} } };`,
  ) as (...codecs: ItemCodec[]) => RecordCode;
  return factory(...runs.map((run) => run.codec));
}
