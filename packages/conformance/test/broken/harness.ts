/**
 * A correct exporter with one injectable fault: it wraps core's NDArray
 * (which implements the decision procedure), answers as itself, counts its
 * exports and refuses to resize while exported. Each broken exporter in
 * `broken.ts` changes exactly one thing.
 */

import {
  BufferError,
  BufferFlags,
  getBufferSymbol,
  NDArray,
  releaseBufferSymbol,
  type BufferRecord,
} from "@pybuffer/core";
import type { Capabilities, ConformanceAdapter, ExporterDescription } from "../../src/index.ts";
import { ndarrayFrom } from "../../adapters/ndarray.js";

/** One fault: hooks that change how the wrapper answers. */
export interface Fault {
  /** Rewrites the request passed to the wrapped NDArray. */
  readonly request?: (flags: number, exporter: Wrapped) => number;
  /** Throws this instead of answering (return undefined to answer). */
  readonly refuse?: (flags: number, exporter: Wrapped) => unknown;
  /** Replaces the wrapped NDArray's refusal. */
  readonly refusal?: (error: unknown, flags: number) => unknown;
  /** Changes a served record (a fresh object owned by the wrapper). */
  readonly answer?: (record: BufferRecord, flags: number, exporter: Wrapped) => BufferRecord;
  /** Count before deciding (so refusals count too). */
  readonly countRefusals?: boolean;
  /** Whether a served request is counted (default true). */
  readonly countGets?: boolean;
  /** How much a release decrements (default 1). */
  readonly releaseStep?: number;
  /** Extra release behaviour (after the default bookkeeping). */
  readonly onRelease?: (exporter: Wrapped, record: BufferRecord) => void;
  /** Replaces the resize operation. */
  readonly resize?: (exporter: Wrapped) => void;
  /** Changes the description before the NDArray is built. */
  readonly describe?: (description: ExporterDescription) => ExporterDescription;
}

const innerRecords = new WeakMap<BufferRecord, BufferRecord>();

export class Wrapped {
  readonly inner: NDArray;
  readonly fault: Fault;
  exports = 0;
  resized = 0;

  constructor(inner: NDArray, fault: Fault) {
    this.inner = inner;
    this.fault = fault;
  }

  [getBufferSymbol](flags: number): BufferRecord {
    if (this.fault.countRefusals) this.exports++;
    const refusal = this.fault.refuse?.(flags, this);
    if (refusal !== undefined) throw refusal;
    let record: BufferRecord;
    try {
      record = this.inner[getBufferSymbol](this.fault.request?.(flags, this) ?? flags);
    } catch (error) {
      throw this.fault.refusal ? this.fault.refusal(error, flags) : error;
    }
    const own: BufferRecord = { ...record, obj: this };
    const answer = this.fault.answer ? this.fault.answer(own, flags, this) : own;
    innerRecords.set(answer, record);
    if (!this.fault.countRefusals && this.fault.countGets !== false) this.exports++;
    return answer;
  }

  [releaseBufferSymbol](record: BufferRecord): void {
    this.exports -= this.fault.releaseStep ?? 1;
    const inner = innerRecords.get(record);
    if (inner !== undefined) this.inner[releaseBufferSymbol](inner);
    this.fault.onRelease?.(this, record);
  }

  resize(): void {
    if (this.fault.resize) {
      this.fault.resize(this);
      return;
    }
    if (this.exports > 0) throw new BufferError(`cannot resize: ${this.exports} exported buffer(s)`);
    this.resized++;
  }
}

/** The manifest most broken exporters use: small, varied, fast. */
export const BASE_CAPS: Capabilities = {
  formats: ["B", "h", "i", "d", "<h", "2h"],
  minNdim: 1,
  maxNdim: 2,
  layouts: ["C", "F", "strided", "negative"],
  suboffsets: false,
  readonly: true,
  writable: true,
  formatWithoutShape: "refuse",
  countsExports: false,
  resizable: false,
  redirect: false,
};

/** An adapter over a faulty wrapper. */
export function faulty(name: string, fault: Fault, caps: Partial<Capabilities> = {}): ConformanceAdapter<Wrapped> {
  const capabilities: Capabilities = { ...BASE_CAPS, ...caps };
  return {
    name,
    capabilities,
    create: (d) => new Wrapped(ndarrayFrom(fault.describe ? fault.describe(d) : d), fault),
    ...(capabilities.countsExports ? { exportCount: (w: Wrapped) => w.exports } : {}),
    ...(capabilities.resizable ? { resize: (w: Wrapped) => w.resize() } : {}),
  };
}

export function has(flags: number, request: number): boolean {
  return (flags & request) === request;
}

export { BufferFlags };
