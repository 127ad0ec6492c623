/**
 * Messages between the main thread and an adapter's worker.
 *
 * @module
 */

import type { PropertyRunOptions, RawResult } from "./run-property.ts";

export interface WorkerInit {
  /** The adapter module's file URL. */
  readonly module: string;
  /** The adapter's name in that module. */
  readonly adapter: string;
  /** Where the worker traces its current case (see trace-memory.ts). */
  readonly trace: SharedArrayBuffer;
}

export type WorkerRequest =
  | { readonly type: "run"; readonly id: string; readonly options: PropertyRunOptions }
  | { readonly type: "close" };

export type WorkerReply =
  | { readonly type: "ready" }
  | { readonly type: "fatal"; readonly message: string }
  | { readonly type: "result"; readonly id: string; readonly raw: RawResult; readonly manifestChanged: boolean }
  | { readonly type: "closed"; readonly error?: string };
