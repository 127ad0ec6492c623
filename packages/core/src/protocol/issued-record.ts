/**
 * Which records `getBuffer` issued, and what releasing each one needs. The
 * issue lives in a private slot of the record itself (see `CoreRecord`), not
 * in a WeakMap: `WeakMap#set` of a fresh record cost more than the rest of
 * `memoryview(typedArray)` together.
 *
 * @module
 */

import { issueSlot, setIssue, type CoreRecord, type Issue } from "./core-record.ts";

/** Records `issue` on `record`, which core built for a consumer. */
export function markIssued(record: CoreRecord, issue: Issue): void {
  setIssue(record, issue);
}

/** The issue of a record from `getBuffer`; `undefined` for anything else. */
export function issueOf(value: unknown): Issue | undefined {
  return issueSlot(value);
}
