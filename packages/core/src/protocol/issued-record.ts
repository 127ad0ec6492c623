/**
 * Which records `getBuffer` issued, and what releasing each one needs.
 *
 * The mark is a private field on the record itself (see `privateMark`), not
 * a WeakMap entry: `WeakMap#set` of a fresh record cost more than the rest
 * of `memoryview(typedArray)` together.
 *
 * @module
 */

import { privateMark } from "../internal/stamp.ts";
import type { BufferRecord } from "./buffer-record.ts";

/**
 * What releasing an issued record needs: the exporter's own record, and its
 * `obj` as getBuffer's snapshot read it (the record is never read again).
 */
export interface Issue {
  readonly exported: BufferRecord;
  readonly owner: unknown;
  released: boolean;
}

const issued = privateMark<Issue>();

/** Marks a record core just built as issued by `getBuffer`. */
export function markIssued(record: BufferRecord, issue: Issue): void {
  issued.mark(record, issue);
}

/** The {@link Issue} of a record `getBuffer` issued; `undefined` for anything else. */
export function issueOf(value: unknown): Issue | undefined {
  return issued.read(value);
}
