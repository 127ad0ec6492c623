/**
 * What every differential test file shares: CPython 3.14 (Pyodide, wasm32)
 * loaded once per file, one comparison of a script on both sides, and the
 * count of cases and steps compared, printed when the file ends.
 */
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, expect } from "vitest";
import {
  canonicalResult,
  runMemoryViewCase,
  type MemoryViewCase,
  type MemoryViewCaseResult,
  type Step,
  type StepResult,
} from "../../oracle/engine-memoryview.ts";
import { loadPythonMemoryView, type PythonMemoryView } from "../../oracle/pyodide-memoryview.ts";
import { knownMismatch } from "./known-mismatches.ts";

/**
 * Item access for one standard-size code ('<i', '>d', '=H') is our
 * extension: where CPython answers NotImplementedError "memoryview:
 * unsupported format <i", our answer is not compared here (extensions.test.ts
 * checks it against a native twin).
 */
const EXTENSION_FORMAT = /^memoryview: unsupported format [<>=!][?cbBhHiIlLqQefd]$/;

/**
 * Answers that are no reference: our extension (above), and reads of '?'
 * bytes other than 0 and 1, undefined behaviour in C (memoryview_oracle.py's
 * has_undefined_bools).
 */
function isUncompared(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { error?: unknown; message?: unknown };
  if (v.error === "UndefinedBehaviour") return true;
  return v.error === "NotImplementedError" && typeof v.message === "string" && EXTENSION_FORMAT.test(v.message);
}

/** `ours`, with CPython's answer put in every place where CPython's answer is no reference (see isUncompared). */
export function maskUncompared(theirs: unknown, ours: unknown): unknown {
  if (isUncompared(theirs)) return theirs;
  if (Array.isArray(theirs) && Array.isArray(ours)) return ours.map((o, i) => (i < theirs.length ? maskUncompared(theirs[i], o) : o));
  if (typeof theirs === "object" && theirs !== null && typeof ours === "object" && ours !== null && !Array.isArray(ours)) {
    const t = theirs as Record<string, unknown>;
    return Object.fromEntries(Object.entries(ours).map(([k, o]) => [k, k in t ? maskUncompared(t[k], o) : o]));
  }
  return ours;
}

/** `ours`, with CPython's answer in each step whose difference a known engine mismatch explains (counted in `tally`). */
function tolerateKnown(c: MemoryViewCase, theirs: MemoryViewCaseResult, ours: MemoryViewCaseResult, tally: Map<string, number>): MemoryViewCaseResult {
  if (!("steps" in theirs) || !("steps" in ours)) return ours;
  // After a tolerated difference in a write, the memory differs: the rest of the case is not compared.
  let diverged = false;
  return {
    steps: ours.steps.map((result, i) => {
      const expected = theirs.steps[i];
      if (diverged && expected !== undefined) return expected;
      if (expected === undefined || isDeepStrictEqual(result, expected)) return result;
      const step = c.steps[i]!;
      const known = knownMismatch(step, expected, result);
      if (known === undefined) return result;
      tally.set(known.id, (tally.get(known.id) ?? 0) + 1);
      diverged = step.op === "set" || step.op === "nd_set";
      return expected;
    }),
  };
}

export interface Differential {
  /** The interpreter (available inside tests). */
  readonly python: PythonMemoryView;
  /** Runs `c` on MemoryView and on CPython's memoryview; every step's answer must be the same. */
  agree(c: MemoryViewCase): void;
  /** CPython's answer to `c`, canonicalised. */
  cpython(c: MemoryViewCase): MemoryViewCaseResult;
  /**
   * Expects `ours` to be `theirs` for the steps of `c`, as {@link agree} does (uncompared answers masked,
   * known engine mismatches tolerated), for answers obtained some other way.
   */
  expectSame(c: MemoryViewCase, theirs: MemoryViewCaseResult, ours: MemoryViewCaseResult): void;
  /** Whether a known engine mismatch explains a difference (and counts it when it does). */
  tolerates(step: Step, theirs: StepResult, ours: StepResult): boolean;
  /** Counts a comparison made outside {@link agree}. */
  counted(steps: number): void;
  /**
   * Expects CPython's answers so far to have included each of `answers`
   * ("Type: message" for errors, "eq: true"/"eq: false" for comparisons):
   * a guard that the generators still reach every case they are meant to.
   */
  expectReached(answers: readonly (string | RegExp)[]): void;
}

/** Adds what `result` shows to `seen`: every error as "Type: message", every comparison as "eq: bool". */
function collectAnswers(c: MemoryViewCase, result: MemoryViewCaseResult, seen: Set<string>): void {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === "object" && value !== null) {
      const v = value as { error?: unknown; message?: unknown };
      if (typeof v.error === "string" && typeof v.message === "string") seen.add(`${v.error}: ${v.message}`);
      else Object.values(value).forEach(walk);
    }
  };
  walk(result);
  if ("steps" in result) {
    result.steps.forEach((answer, i) => {
      if (c.steps[i]?.op === "eq" && "ok" in answer) seen.add(`eq: ${String((answer.ok as { bool: boolean }).bool)}`);
    });
  }
}

export function differential(title: string): Differential {
  let python: PythonMemoryView | undefined;
  let cases = 0;
  let steps = 0;
  const tolerated = new Map<string, number>();
  const seen = new Set<string>();
  beforeAll(async () => {
    python = await loadPythonMemoryView();
  });
  afterAll(() => {
    const known = [...tolerated].map(([id, n]) => `${id} x${n}`).join(", ");
    console.log(
      `${title}: ${cases} cases (${steps} operations) compared with CPython ${python?.version.split(" ")[0] ?? "?"}` +
        (known === "" ? "" : `; known engine mismatches tolerated: ${known}`),
    );
  });
  const self: Differential = {
    get python(): PythonMemoryView {
      if (python === undefined) throw new Error("CPython is not loaded yet");
      return python;
    },
    cpython(c) {
      const answer = canonicalResult(self.python.runAll([c])[0]!);
      collectAnswers(c, answer, seen);
      return answer;
    },
    agree(c) {
      const theirs = self.cpython(c);
      const ours = runMemoryViewCase(c);
      self.counted(c.steps.length);
      self.expectSame(c, theirs, ours);
    },
    expectSame(c, theirs, ours) {
      expect(tolerateKnown(c, theirs, maskUncompared(theirs, ours) as MemoryViewCaseResult, tolerated)).toEqual(theirs);
    },
    tolerates(step, theirs, ours) {
      const known = knownMismatch(step, theirs, ours);
      if (known !== undefined) tolerated.set(known.id, (tolerated.get(known.id) ?? 0) + 1);
      return known !== undefined;
    },
    counted(n) {
      cases++;
      steps += n;
    },
    expectReached(answers) {
      const missing = answers.filter((a) => (typeof a === "string" ? !seen.has(a) : ![...seen].some((s) => a.test(s))));
      expect(missing, `never answered by CPython in these cases: ${missing.join(" | ")}`).toEqual([]);
    },
  };
  return self;
}
