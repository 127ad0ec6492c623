/**
 * Runs an adapter's properties in a worker thread with a deadline per
 * property. A missed deadline stops the worker (even inside a synchronous
 * infinite loop); the property is reported as a timeout and the next one
 * gets a fresh worker.
 *
 * @module
 */

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { IsolationUnavailableError } from "./errors.ts";
import type { PropertyRunOptions, RawResult } from "./run-property.ts";
import { createTraceMemory, readTrace, type StuckAt } from "./trace-memory.ts";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./worker-protocol.ts";

export { IsolationUnavailableError };

/**
 * The worker's script. From the built package it is `worker.js` beside this
 * file; from the TypeScript sources (this repository's tests) it is the
 * built copy in `dist/`, which must exist.
 */
export function workerScript(): URL {
  const here = import.meta.url;
  if (here.endsWith(".js")) return new URL("./worker.js", here);
  const built = new URL("../../dist/engine/worker.js", here);
  if (existsSync(fileURLToPath(built))) return built;
  throw new IsolationUnavailableError(
    "worker isolation runs the built worker (dist/engine/worker.js), which does not exist: build the package, or use isolation: \"none\"",
  );
}

/** What running one property in a worker gave. */
export type IsolatedOutcome =
  | { readonly kind: "result"; readonly raw: RawResult; readonly manifestChanged: boolean }
  | { readonly kind: "timeout"; readonly elapsedMs: number; readonly stuckAt: StuckAt }
  | { readonly kind: "crash"; readonly message: string };

/** One adapter's worker, restarted after a deadline is missed or it crashes. */
export class IsolatedAdapter {
  readonly #module: string;
  readonly #adapter: string;
  #worker: Worker | undefined;
  #pending: ((reply: WorkerReply | { type: "exit"; message: string }) => void) | undefined;
  readonly #trace = createTraceMemory();

  constructor(module: URL, adapter: string) {
    this.#module = module.href;
    this.#adapter = adapter;
  }

  /** Starts the worker (loads the module, runs `setup`); throws with the worker's reason when it cannot. */
  async start(): Promise<void> {
    const worker = new Worker(workerScript(), { workerData: { module: this.#module, adapter: this.#adapter, trace: this.#trace } satisfies WorkerInit });
    this.#worker = worker;
    worker.on("message", (reply: WorkerReply) => this.#pending?.(reply));
    worker.on("error", (error) => this.#pending?.({ type: "exit", message: `the worker crashed: ${String(error?.stack ?? error)}` }));
    worker.on("exit", (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#pending?.({ type: "exit", message: `the worker exited with code ${code}` });
    });
    const reply = await this.#next();
    if (reply.type !== "ready") {
      await this.#stop();
      throw new Error(reply.type === "fatal" || reply.type === "exit" ? reply.message : `unexpected reply ${reply.type}`);
    }
  }

  #next(): Promise<WorkerReply | { type: "exit"; message: string }> {
    return new Promise((resolve) => {
      this.#pending = (reply) => {
        this.#pending = undefined;
        resolve(reply);
      };
    });
  }

  /** Runs one property; the deadline covers the whole property, shrinking included. */
  async run(id: string, options: PropertyRunOptions, deadlineMs: number): Promise<IsolatedOutcome> {
    if (this.#worker === undefined) await this.start();
    const started = performance.now();
    const reply = this.#next();
    this.#worker!.postMessage({ type: "run", id, options } satisfies WorkerRequest);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), deadlineMs);
    });
    const outcome = await Promise.race([reply, deadline]);
    clearTimeout(timer);
    if (outcome === "timeout") {
      this.#pending = undefined;
      const stuckAt = readTrace(this.#trace);
      await this.#stop();
      return { kind: "timeout", elapsedMs: Math.round(performance.now() - started), stuckAt };
    }
    if (outcome.type === "result") return { kind: "result", raw: outcome.raw, manifestChanged: outcome.manifestChanged };
    await this.#stop();
    return { kind: "crash", message: outcome.type === "fatal" || outcome.type === "exit" ? outcome.message : `unexpected reply ${outcome.type}` };
  }

  /** Runs `teardown` and stops the worker; returns teardown's error, if any. */
  async close(): Promise<string | undefined> {
    if (this.#worker === undefined) return undefined;
    const reply = this.#next();
    this.#worker.postMessage({ type: "close" } satisfies WorkerRequest);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([reply, new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), 10_000)))]);
    clearTimeout(timer);
    await this.#stop();
    if (outcome === "timeout") return "adapter.teardown did not finish within 10 s";
    return outcome.type === "closed" ? outcome.error : undefined;
  }

  async #stop(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker !== undefined) await worker.terminate();
  }
}
