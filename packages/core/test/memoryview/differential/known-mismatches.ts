/**
 * Differences between MemoryView and CPython 3.14 that these tests found and
 * that are engine bugs still to fix (src/ is not this suite's to change).
 * The random properties tolerate exactly these differences, so that they go
 * on exploring everything else; known-mismatches.test.ts holds one minimal
 * repro per entry, which fails until the engine is fixed. Delete an entry
 * once its repro passes.
 */
import type { Step, StepResult } from "../../oracle/engine-memoryview.ts";

export interface KnownMismatch {
  readonly id: string;
  /** Whether this entry explains why our answer to `step` differs from CPython's. */
  explains(step: Step, theirs: StepResult, ours: StepResult): boolean;
}

/**
 * Empty: every mismatch these tests found has been fixed, and its repro in
 * known-mismatches.test.ts stays as a regression test. Add an entry (with a
 * repro) when a new one is found and cannot be fixed at once.
 */
export const KNOWN_MISMATCHES: readonly KnownMismatch[] = [];

/** The entry explaining a difference, if any. */
export function knownMismatch(step: Step, theirs: StepResult, ours: StepResult): KnownMismatch | undefined {
  return KNOWN_MISMATCHES.find((m) => m.explains(step, theirs, ours));
}
