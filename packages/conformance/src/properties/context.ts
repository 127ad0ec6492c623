/**
 * What a property body works with: the adapter's hooks wrapped so that an
 * adapter fault is told apart from an exporter failure, subjects (the
 * exporter, or a view derived from `memoryview(exporter)`), and the
 * bookkeeping of muted checks and cases that did not apply. How a case
 * fails is in `failures.ts`; the shared group evaluations in
 * `group-evaluations.ts`.
 *
 * @module
 */

import {
  BufferFlags,
  getBufferSymbol,
  memoryview,
  releaseBufferSymbol,
  slice,
  type BufferRecord,
  type MemoryView,
} from "@pybuffer/core";
import type { ValidatedAdapter } from "../adapter/validate.ts";
import type { ExporterDescription, ExporterInstance } from "../adapter/types.ts";
import {
  buildCase,
  contentModel,
  isInstanceCase,
  type BuiltCase,
  type CaseSpec,
  type InstanceCase,
  type Model,
  type ViewKind,
} from "../model/case.ts";
import { derivedModel, resolveCast } from "../model/view-models.ts";
import { instanceProblem } from "../model/instance.ts";
import { contiguousStrides } from "../model/layout.ts";
import { structFor } from "../model/items.ts";
import { pointerSize } from "../model/record-reader.ts";
import { answerValid, classify, examine, releaseQuietly, type Answer, type Problem, type Subject } from "./examine.ts";
import { requestName } from "./requests.ts";
import { traced } from "./trace.ts";
import { unsupportedReason } from "../adapter/unsupported.ts";
import { AdapterFault, CheckFailure, NotApplicable, RAW_MUST_IDS } from "./failures.ts";
import { cachedEvaluation, type GroupEvaluation } from "./group-evaluations.ts";

/** Per-property run state shared by every case of one `fc.check`. */
export class PropertyContext {
  readonly adapter: ValidatedAdapter;
  /** The property's base id (without the view prefix). */
  readonly base: string;
  readonly view: ViewKind;
  readonly muted: ReadonlySet<string>;
  readonly mutedHits = new Map<string, number>();
  readonly notApplicable = new Map<string, number>();
  cases = 0;
  /** Whether errors keep their stack traces (off while cases run: stack capture dominates refusals). */
  stacks = false;
  /** Requests that never returned earlier in the run (flags to the property they hung in): not asked again. */
  hung: ReadonlyMap<number, string> = new Map();
  /** Exporters and views opened by the current case, closed by {@link PropertyContext.cleanup}. */
  #open: (() => void)[] = [];

  constructor(adapter: ValidatedAdapter, base: string, view: ViewKind, muted: ReadonlySet<string>) {
    this.adapter = adapter;
    this.base = base;
    this.view = view;
    this.muted = muted;
  }

  get caps(): ValidatedAdapter["capabilities"] {
    return this.adapter.capabilities;
  }

  /** Reports problems of this property; throws the first one whose check is not muted. */
  report(problems: readonly Problem[]): void {
    for (const p of problems) {
      if (p.property !== this.base) continue;
      if (this.muted.has(p.check)) {
        this.mutedHits.set(p.check, (this.mutedHits.get(p.check) ?? 0) + 1);
        continue;
      }
      throw new CheckFailure(p.check, p.message);
    }
  }

  /** Fails `check` of this property (unless muted). */
  fail(check: string, message: string): void {
    this.report([{ property: this.base, check, message }]);
  }

  /** Ends the case without a verdict: it does not apply. */
  skipCase(reason: string): never {
    throw new NotApplicable(reason);
  }

  /** Runs one case; returns normally when it passes or does not apply. */
  runCase(body: () => void): void {
    this.cases++;
    const limit = Error.stackTraceLimit;
    if (!this.stacks) Error.stackTraceLimit = 0;
    try {
      body();
    } catch (error) {
      if (error instanceof NotApplicable) {
        this.notApplicable.set(error.reason, (this.notApplicable.get(error.reason) ?? 0) + 1);
        return;
      }
      throw error;
    } finally {
      this.cleanup();
      Error.stackTraceLimit = limit;
    }
  }

  /**
   * The group's evaluation of this case, computed once per adapter, view and
   * case; then this property's part of it: skipped, or its problems reported.
   */
  group(group: string, spec: CaseSpec, evaluate: () => GroupEvaluation): void {
    const evaluation = cachedEvaluation(this.adapter, `${group}|${this.view}|${JSON.stringify(spec)}`, evaluate);
    if (evaluation.blocked !== undefined) this.skipCase(evaluation.blocked);
    const reason = evaluation.notApplicable[this.base];
    if (reason !== undefined) this.skipCase(reason);
    this.report(evaluation.problems);
  }

  /** Registers a cleanup for the current case. */
  onCleanup(close: () => void): void {
    this.#open.push(close);
  }

  cleanup(): void {
    const open = this.#open;
    this.#open = [];
    for (const close of open.reverse()) {
      try {
        close();
      } catch {
        // best effort: release rules are lifetime.release's
      }
    }
  }

  build(spec: CaseSpec): BuiltCase {
    return isInstanceCase(spec) ? this.#buildInstance(spec) : buildCase(spec, this.caps);
  }

  /**
   * An instance case: the adapter's instance for the seed, its content as
   * the model, and the geometry its FULL_RO record chose (asked once, on an
   * instance of its own, and given back).
   */
  #buildInstance(spec: InstanceCase): BuiltCase {
    const sample = (): ExporterInstance => this.#sample(spec.instance);
    const first = sample();
    let geometry = { strides: contiguousStrides(first.shape, structFor(first.format, this.caps.abi).size, "C"), indirect: false };
    const answer = this.exporterSubject(first.exporter, contentModel(first, geometry, this.caps)).get(BufferFlags.FULL_RO);
    if (answer.kind === "served") {
      const r = answer.record;
      if (Array.isArray(r.strides) && r.strides.length === first.shape.length && r.strides.every((x) => Number.isSafeInteger(x))) {
        geometry = { strides: r.strides, indirect: Array.isArray(r.suboffsets) && r.suboffsets.some((x) => x >= 0) };
      }
      try {
        releaseThroughObj(r);
      } catch {
        // lifetime.release reports it
      }
    }
    return { spec, model: contentModel(first, geometry, this.caps), make: { kind: "instance", instance: () => sample().exporter } };
  }

  /** The adapter's instance for `seed`, checked: content that does not add up is an adapter fault. */
  #sample(seed: number): ExporterInstance {
    let value: unknown;
    try {
      value = traced("create", -1, () => this.adapter.sample!(seed));
    } catch (error) {
      throw new AdapterFault(`adapter.instances threw for seed ${seed}: ${String((error as Error)?.stack ?? error)}`, { cause: error });
    }
    const declined = unsupportedReason(value);
    if (declined !== undefined) this.skipCase(`unsupported: adapter.instances declined seed ${seed} (${declined})`);
    const problem = instanceProblem(value, this.caps);
    if (problem !== null) throw new AdapterFault(`adapter.instances(${seed}) ${problem}`);
    return value as ExporterInstance;
  }

  /** A fresh exporter for a built case: `adapter.create(description)` or a fresh instance. */
  make(built: BuiltCase): object {
    return built.make.kind === "create" ? this.create(built.make.description()) : built.make.instance();
  }

  /** `adapter.create(description)`; a throw is an adapter fault. */
  create(description: ExporterDescription): object {
    let exporter: unknown;
    try {
      exporter = traced("create", -1, () => this.adapter.adapter.create(description));
    } catch (error) {
      throw new AdapterFault(`adapter.create threw for a description its manifest allows: ${String((error as Error)?.stack ?? error)}`, { cause: error });
    }
    const declined = unsupportedReason(exporter);
    if (declined !== undefined) this.skipCase(`unsupported: adapter.create declined the description (${declined})`);
    if ((typeof exporter !== "object" && typeof exporter !== "function") || exporter === null) {
      throw new AdapterFault(`adapter.create returned ${String(exporter)}, not an exporter object`);
    }
    return exporter;
  }

  /** The exporter's export count, through the adapter's hook. */
  exportCount(exporter: object): number {
    let count: unknown;
    try {
      count = traced("exportCount", -1, () => this.adapter.adapter.exportCount!(exporter));
    } catch (error) {
      throw new AdapterFault(`adapter.exportCount threw: ${String((error as Error)?.stack ?? error)}`, { cause: error });
    }
    if (!Number.isSafeInteger(count)) throw new AdapterFault(`adapter.exportCount returned ${String(count)}, not an integer`);
    return count as number;
  }

  /**
   * Why the case's instance has no resize operation, or `null` when it has
   * one: with `resizable: "writable"` read-only instances are frozen.
   */
  notResizable(readonly: boolean): string | null {
    const resizable = this.caps.resizable;
    if (resizable === false) return "the manifest declares resizable: false";
    if (resizable === "writable" && readonly) return 'the instance is read-only and the manifest declares resizable: "writable"';
    return null;
  }

  /** Attempts the locked operation; returns the error it threw, or `undefined` when it went through. */
  resize(exporter: object): { threw: false } | { threw: true; error: unknown } {
    try {
      traced("resize", -1, () => this.adapter.adapter.resize!(exporter));
      return { threw: false };
    } catch (error) {
      return { threw: true, error };
    }
  }

  /** The object records of `exporter` must name. */
  expectedObj(exporter: object): object {
    if (!this.caps.redirect) return exporter;
    let root: unknown;
    try {
      root = traced("root", -1, () => this.adapter.adapter.root!(exporter));
    } catch (error) {
      throw new AdapterFault(`adapter.root threw: ${String(error)}`, { cause: error });
    }
    if ((typeof root !== "object" && typeof root !== "function") || root === null) throw new AdapterFault("adapter.root returned no object");
    return root;
  }

  /** A subject over the exporter itself: raw access through its method (or the adapter's hook). */
  exporterSubject(exporter: object, model: Model): Subject {
    const adapter = this.adapter.adapter;
    const method = (exporter as { [getBufferSymbol]?: unknown })[getBufferSymbol];
    const pointer = pointerSize(model.abi);
    const expectedObj = this.expectedObj(exporter);
    if (typeof method === "function") {
      return {
        target: exporter,
        expectedObj,
        model,
        pointer,
        get: (flags) => this.#ask(flags, () => (method as (f: number) => unknown).call(exporter, flags)),
        release: once((record) => releaseThroughObj(record)),
      };
    }
    if (adapter.getBuffer === undefined) {
      throw new AdapterFault(
        "the exporter has no method under Symbol.for(\"pybuffer.getbuffer\") and the adapter has no getBuffer hook",
      );
    }
    return {
      target: exporter,
      expectedObj,
      model,
      pointer,
      get: (flags) => this.#ask(flags, () => adapter.getBuffer!(exporter, flags)),
      release: once((record) => adapter.releaseBuffer?.(exporter, record)),
    };
  }

  /**
   * Builds a fresh exporter for the case, and the subject the property's
   * view looks at. For a derived view, the exporter's FULL_RO answer must be
   * valid (else the case is blocked: the raw properties report it), then
   * `memoryview(exporter)` is derived into the view.
   */
  openSubject(built: BuiltCase): { exporter: object; subject: Subject } {
    const exporter = this.make(built);
    const base = this.exporterSubject(exporter, built.model);
    if (this.view === "exporter") return { exporter, subject: base };
    const m = this.consumerView(exporter, base);
    const model = derivedModel(built.model, built.spec.view);
    if (typeof model === "string") this.skipCase(model);
    const view = deriveView(m, built.spec);
    this.onCleanup(() => view.release());
    return {
      exporter,
      subject: {
        target: view,
        expectedObj: view,
        model,
        pointer: pointerSize(model.abi),
        get: (flags) => classify(flags, () => view[getBufferSymbol](flags)),
        release: once((record) => releaseThroughObj(record)),
      },
    };
  }

  /** One raw request to the exporter, unless it hung before in this run (then the case does not apply). */
  #ask(flags: number, get: () => unknown): Answer {
    this.#skipHung(flags);
    return traced("request", flags, () => classify(flags, get));
  }

  #skipHung(flags: number): void {
    const property = this.hung.get(flags);
    if (property !== undefined) this.skipCase(`request ${requestName(flags)} never returned in ${property}; the run no longer asks it`);
  }

  /**
   * `memoryview(exporter)` for consumer-side checks. The case is blocked when
   * the exporter's raw FULL_RO answer breaks a MUST rule (the raw properties
   * name it) or when the consumer refuses it (consumer.memoryview names that).
   */
  consumerView(exporter: object, base: Subject): MemoryView {
    this.requireValid(base, BufferFlags.FULL_RO, false);
    let m: MemoryView;
    try {
      this.#skipHung(BufferFlags.FULL_RO);
      m = traced("memoryview", BufferFlags.FULL_RO, () => memoryview(exporter, { abi: base.model.abi }));
    } catch (error) {
      if (error instanceof NotApplicable) throw error;
      this.skipCase("blocked: memoryview(exporter) was refused (see consumer.memoryview)");
    }
    this.onCleanup(() => m.release());
    return m;
  }

  /**
   * Blocks the case unless `subject`'s raw answer to `flags` passes every
   * MUST rule; returns the answer, held until the case ends (or given back
   * at once when `hold` is false).
   */
  requireValid(subject: Subject, flags: number, hold = true): Answer & { kind: "served" } {
    const answers = [subject.get(flags)];
    const problems = examine(subject, answers);
    if (hold) this.onCleanup(() => releaseQuietly(subject, answers));
    else releaseQuietly(subject, answers);
    const answer = answers[0]!;
    if (answer.kind !== "served" || !answerValid(problems, flags, RAW_MUST_IDS)) {
      this.skipCase(`blocked: the exporter's raw ${flags === BufferFlags.FULL_RO ? "FULL_RO" : `0x${flags.toString(16)}`} answer breaks a MUST rule (see the getbuf.* and record.* properties)`);
    }
    return answer;
  }
}

/** Each record is given back at most once, however often the suite's cleanup asks. */
function once(release: (record: BufferRecord) => void): (record: BufferRecord) => void {
  const released = new WeakSet<object>();
  return (record) => {
    if (released.has(record)) return;
    released.add(record);
    release(record);
  };
}

/** `PyBuffer_Release` without clearing `obj`: the record's `obj`'s release method, if any. */
export function releaseThroughObj(record: BufferRecord): void {
  const owner = record.obj as unknown;
  if ((typeof owner !== "object" && typeof owner !== "function") || owner === null) return;
  const release = (owner as { [releaseBufferSymbol]?: unknown })[releaseBufferSymbol];
  if (typeof release === "function") traced("release", -1, () => (release as (r: BufferRecord) => void).call(owner, record));
}

/** Makes the derived view a case names from `memoryview(exporter)`. */
function deriveView(m: MemoryView, spec: CaseSpec): MemoryView {
  const view = spec.view!;
  switch (view.kind) {
    case "slice":
      return m.get(slice(view.start, view.stop, view.step)) as MemoryView;
    case "readonly":
      return m.toReadonly();
    case "cast": {
      const bytes = m.cast("B");
      try {
        const { format, shape } = resolveCast(bytes.nbytes, m.abi, view.format, view.shape);
        // An empty 1-D view casts without a shape (a shape with a zero is refused).
        return shape.length === 1 ? bytes.cast(format) : bytes.cast(format, shape);
      } finally {
        bytes.release();
      }
    }
  }
}
