/**
 * What the current case is doing, told to whoever watches the run: the
 * worker isolation records it in shared memory, so that when a case never
 * returns the main thread can name the request (or hook) that hung and the
 * case it hung on, although the worker itself is stuck.
 *
 * @module
 */

import type { CaseSpec } from "../model/case.ts";

/** The adapter or exporter call a case is inside. */
export type Activity = "idle" | "create" | "request" | "memoryview" | "release" | "resize" | "exportCount" | "root";

/** The activities in a fixed order (their index is what shared memory holds). */
export const ACTIVITIES: readonly Activity[] = ["idle", "create", "request", "memoryview", "release", "resize", "exportCount", "root"];

/** Receives the trace of a run. */
export interface TraceSink {
  /** A case starts. */
  readonly case: (spec: CaseSpec) => void;
  /** A call starts (`flags` for a request, else -1). */
  readonly activity: (activity: Activity, flags: number) => void;
}

let sink: TraceSink | undefined;

/** Installs the sink for this thread (the worker does; in-thread runs trace nothing). */
export function setTraceSink(next: TraceSink | undefined): void {
  sink = next;
}

export function traceCase(spec: CaseSpec): void {
  sink?.case(spec);
}

/** Runs `call` as `activity`, then goes back to idle. */
export function traced<T>(activity: Activity, flags: number, call: () => T): T {
  if (sink === undefined) return call();
  sink.activity(activity, flags);
  try {
    return call();
  } finally {
    sink.activity("idle", -1);
  }
}
