/**
 * The trace of a worker's current case in a SharedArrayBuffer: the worker
 * writes it as cases run, the main thread reads it when a deadline passes
 * (the worker may be stuck in a synchronous loop and cannot answer).
 *
 * @module
 */

import type { CaseSpec } from "../model/case.ts";
import { ACTIVITIES, type Activity, type TraceSink } from "../properties/trace.ts";

const HEADER = 3; // activity, flags, case byte length
const CASE_BYTES = 256 * 1024;

/** Where a stuck case was. */
export interface StuckAt {
  readonly activity: Activity;
  /** The request flags, when the activity is a request (else -1). */
  readonly flags: number;
  /** The case, when it fitted in shared memory. */
  readonly case: CaseSpec | null;
}

/** Shared memory for one worker's trace. */
export function createTraceMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER * 4 + CASE_BYTES);
}

/** The worker's side: a sink that writes into `memory`. */
export function traceWriter(memory: SharedArrayBuffer): TraceSink {
  const header = new Int32Array(memory, 0, HEADER);
  const bytes = new Uint8Array(memory, HEADER * 4);
  const encoder = new TextEncoder();
  return {
    case(spec) {
      const json = JSON.stringify(spec);
      const { read, written } = encoder.encodeInto(json, bytes);
      // A case too big for the buffer is not kept (its JSON would be cut short).
      Atomics.store(header, 2, read === json.length ? written : 0);
      Atomics.store(header, 0, 0);
      Atomics.store(header, 1, -1);
    },
    activity(activity, flags) {
      Atomics.store(header, 1, flags);
      Atomics.store(header, 0, ACTIVITIES.indexOf(activity));
    },
  };
}

/** The main thread's side: where the worker's case is now. */
export function readTrace(memory: SharedArrayBuffer): StuckAt {
  const header = new Int32Array(memory, 0, HEADER);
  const length = Atomics.load(header, 2);
  let spec: CaseSpec | null = null;
  if (length > 0) {
    try {
      spec = JSON.parse(new TextDecoder().decode(new Uint8Array(memory, HEADER * 4, length).slice())) as CaseSpec;
    } catch {
      spec = null;
    }
  }
  return { activity: ACTIVITIES[Atomics.load(header, 0)] ?? "idle", flags: Atomics.load(header, 1), case: spec };
}
