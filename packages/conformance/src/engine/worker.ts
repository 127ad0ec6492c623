/**
 * The worker thread that runs an adapter's properties when the run is
 * isolated: the main thread gives each property a deadline and stops this
 * worker when it is missed, so a synchronous infinite loop in an exporter
 * fails its property instead of hanging the run.
 *
 * @module
 */

import { parentPort, workerData } from "node:worker_threads";
import { manifestChanged, validateAdapter, type ValidatedAdapter } from "../adapter/validate.ts";
import { propertyById } from "../properties/catalog.ts";
import { loadAdapterModule } from "./load.ts";
import { runProperty, type PropertyRunOptions } from "./run-property.ts";
import { traceWriter } from "./trace-memory.ts";
import { setTraceSink } from "../properties/trace.ts";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./worker-protocol.ts";

const port = parentPort;
if (port === null) throw new Error("worker.js runs in a worker thread only");
const init = workerData as WorkerInit;
setTraceSink(traceWriter(init.trace));

function send(reply: WorkerReply): void {
  port!.postMessage(reply);
}

let validated: ValidatedAdapter | undefined;

async function start(): Promise<void> {
  try {
    const adapters = await loadAdapterModule(new URL(init.module));
    const found = adapters.find((a) => (a as { name?: unknown } | null)?.name === init.adapter);
    if (found === undefined) throw new Error(`${init.module} no longer exports an adapter named '${init.adapter}'`);
    validated = validateAdapter(found, init.adapter);
    await validated.adapter.setup?.();
    send({ type: "ready" });
  } catch (error) {
    send({ type: "fatal", message: String((error as Error)?.message ?? error) });
  }
}

port.on("message", (request: WorkerRequest) => {
  void handle(request);
});

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === "close") {
    let message: string | undefined;
    try {
      await validated?.adapter.teardown?.();
    } catch (error) {
      message = `adapter.teardown threw: ${String((error as Error)?.message ?? error)}`;
    }
    send({ type: "closed", ...(message === undefined ? {} : { error: message }) });
    // Deno's worker_threads port has no close(); there the main thread's terminate() ends the worker.
    if (typeof (port as { close?: unknown }).close === "function") port!.close();
    return;
  }
  const property = propertyById(request.id);
  if (validated === undefined || property === undefined) {
    send({ type: "fatal", message: `cannot run ${request.id}` });
    return;
  }
  const raw = runProperty(validated, property, request.options as PropertyRunOptions);
  send({ type: "result", id: request.id, raw, manifestChanged: manifestChanged(validated) });
}

await start();
