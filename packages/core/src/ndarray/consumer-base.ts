/**
 * A re-exporting `NDArray`'s single base: the buffer it took from its
 * exporter, with geometry of its own, released when the array is released
 * or, if its user forgets, when the array is collected.
 *
 * @module
 */

import type { BufferRecord } from "../protocol/buffer-record.ts";
import { deferredRelease, runDeferredRelease, type DeferredRelease } from "../protocol/get-buffer.ts";
import { layoutFlags, type BaseBuffer, type BaseGeometry } from "./base-buffer.ts";
import { NDArrayFlags } from "./ndarray-flags.ts";

/** Consumers hold a buffer of their exporter; one forgotten by its user is released when collected. */
const consumerRegistry = new FinalizationRegistry<DeferredRelease>(runDeferredRelease);

/** Releases `record` when `consumer` is collected, unless {@link forgetConsumer} comes first. */
export function releaseOnCollection(consumer: object, record: BufferRecord): void {
  const release = deferredRelease(record);
  if (release !== null) consumerRegistry.register(consumer, release, consumer);
}

/** `consumer` has released its buffer itself: nothing is left to do when it is collected. */
export function forgetConsumer(consumer: object): void {
  consumerRegistry.unregister(consumer);
}

/** A consumer's single base: the exporter's record, with geometry of its own. */
export function consumerBase(record: BufferRecord, userFlags: number): BaseBuffer {
  const geometry: BaseGeometry = {
    memory: record.memory,
    buf: record.buf,
    len: record.len,
    itemsize: record.itemsize,
    readonly: record.readonly,
    format: record.format,
    ndim: record.ndim,
    shape: record.shape && [...record.shape],
    strides: record.strides && [...record.strides],
    suboffsets: record.suboffsets && [...record.suboffsets],
  };
  const base: BaseBuffer = { geometry, offset: -1, flags: 0, exports: 0, obj: record.obj };
  base.flags = (record.readonly ? 0 : NDArrayFlags.WRITABLE) | layoutFlags(geometry) | userFlags;
  return base;
}
