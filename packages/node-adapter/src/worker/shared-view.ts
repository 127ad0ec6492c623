/**
 * Views across worker threads. `postMessage` shares a SharedArrayBuffer and
 * clones everything else, so a view over shared memory travels as a plain
 * descriptor (the memory plus format, shape, strides, offset, suboffsets)
 * and is rebuilt on the other side as an equivalent `MemoryView` over the
 * same bytes, with nothing copied. A view over non-shared memory is either
 * refused or copied into fresh shared memory, as the caller chooses; its
 * ArrayBuffer is never transferred (for a pooled Buffer that would detach
 * Node's shared slab).
 *
 * @module
 */

import { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "@pybuffer/core/internal";
import {
  BufferError,
  BufferFlags,
  DEFAULT_ABI,
  fillContiguousStrides,
  memoryViewFromBuffer,
  getBuffer,
  isSharedArrayBuffer,
  PyTypeError,
  releaseBuffer,
  toContiguous,
  ValueError,
  type AbiName,
  type BufferRecord,
  type MemoryView,
} from "@pybuffer/core";
import { abiOptions } from "../internal/abi-options.ts";

const DESCRIPTOR_TYPE = "pybuffer.shared-view";

/**
 * A view, as plain data `postMessage` can send: the SharedArrayBuffer is
 * shared, not cloned. Every field keeps the buffer record's meaning.
 *
 * @example
 * ```ts
 * import { shareView, type SharedViewDescriptor } from "@pybuffer/node-adapter";
 * const descriptor: SharedViewDescriptor = shareView(new Float64Array(new SharedArrayBuffer(32)));
 * [descriptor.format, descriptor.shape, descriptor.strides]; // ["d", [4], [8]]
 * ```
 *
 * @since 0.1.0
 */
export interface SharedViewDescriptor {
  /** @since 0.1.0 */
  readonly type: typeof DESCRIPTOR_TYPE;
  /** @since 0.1.0 */
  readonly memory: SharedArrayBuffer;
  /**
   * Byte offset of item `[0, ..., 0]`.
   *
   * @since 0.1.0
   */
  readonly buf: number;
  /** @since 0.1.0 */
  readonly len: number;
  /** @since 0.1.0 */
  readonly itemsize: number;
  /** @since 0.1.0 */
  readonly readonly: boolean;
  /** @since 0.1.0 */
  readonly format: string;
  /** @since 0.1.0 */
  readonly ndim: number;
  /** @since 0.1.0 */
  readonly shape: readonly number[];
  /** @since 0.1.0 */
  readonly strides: readonly number[];
  /** @since 0.1.0 */
  readonly suboffsets: readonly number[] | null;
  /** @since 0.1.0 */
  readonly abi: AbiName;
  /**
   * Whether `memory` is a copy made because the view's memory was not shared.
   *
   * @since 0.1.0
   */
  readonly copied: boolean;
}

/**
 * What {@link shareView} does with a view over non-shared memory.
 *
 * @example
 * ```ts
 * import type { NonSharedPolicy } from "@pybuffer/node-adapter";
 * const policy: NonSharedPolicy = "copy";
 * ```
 *
 * @since 0.1.0
 */
export type NonSharedPolicy = "refuse" | "copy";

/**
 * Options of {@link shareView}.
 *
 * @example
 * ```ts
 * import type { ShareViewOptions } from "@pybuffer/node-adapter";
 * const options: ShareViewOptions = { nonShared: "copy" };
 * ```
 *
 * @since 0.1.0
 */
export interface ShareViewOptions {
  /**
   * `"refuse"` (default): a view over an ArrayBuffer is a BufferError.
   * `"copy"`: its items are copied, in C order, into a new SharedArrayBuffer
   * (so the descriptor has C strides and offset 0); the copy is shared,
   * the original is not.
   *
   * @since 0.1.0
   */
  readonly nonShared?: NonSharedPolicy;
  /**
   * Native sizes for the format, when the exporter's record names none.
   *
   * @since 0.1.0
   */
  readonly abi?: AbiName;
}

function descriptorOf(record: BufferRecord, memory: SharedArrayBuffer, copied: boolean, abi: AbiName): SharedViewDescriptor {
  const shape = record.ndim === 0 ? [] : (record.shape ?? [record.len / record.itemsize]);
  const strides = copied || record.strides === null ? fillContiguousStrides(shape, record.itemsize, "C") : record.strides;
  return {
    type: DESCRIPTOR_TYPE,
    memory,
    buf: copied ? 0 : record.buf,
    len: record.len,
    itemsize: record.itemsize,
    readonly: record.readonly,
    format: record.format ?? "B",
    ndim: record.ndim,
    shape: [...shape],
    strides: [...strides],
    suboffsets: copied || record.suboffsets === null ? null : [...record.suboffsets],
    abi,
    copied,
  };
}

/** Each option read once, by core's one options check; the values are checked where they are used. */
const SHARE_VIEW_OPTIONS: OptionChecks<ShareViewOptions> = { abi: optionChecks.abi, nonShared: optionChecks.any as OptionCheck<never> };

/**
 * Describes a view of any exporter for another thread. Over a
 * SharedArrayBuffer the descriptor points at the same bytes (zero-copy);
 * otherwise `nonShared` decides. The export is released before returning:
 * shared memory can neither shrink nor be detached, so the descriptor stays
 * valid, but an exporter's own bookkeeping (a lock, a pool) ends here.
 *
 * @throws BufferError for non-shared memory with `nonShared: "refuse"`, naming why.
 * @throws PyTypeError "a bytes-like object is required, not 'X'".
 * @example
 * ```ts
 * import { Worker } from "node:worker_threads";
 * import { shareView } from "@pybuffer/node-adapter";
 * const samples = new Int16Array(new SharedArrayBuffer(2048));
 * const worker = new Worker(new URL("./worker.js", import.meta.url));
 * worker.postMessage(shareView(samples)); // the worker calls fromSharedView(message)
 * ```
 *
 * @since 0.1.0
 */
export function shareView(obj: unknown, options: ShareViewOptions = {}): SharedViewDescriptor {
  options = readOptions(options, "shareView", SHARE_VIEW_OPTIONS);
  const policy = options.nonShared ?? "refuse";
  if (policy !== "refuse" && policy !== "copy") throw new ValueError(`nonShared must be 'refuse' or 'copy', not ${String(policy)}`);
  const record = getBuffer(obj, BufferFlags.FULL_RO, abiOptions(options.abi));
  try {
    const abi = record.abi ?? options.abi ?? DEFAULT_ABI;
    if (isSharedArrayBuffer(record.memory)) return descriptorOf(record, record.memory, false, abi);
    if (policy === "refuse") {
      throw new BufferError(
        "cannot share this view with another thread without copying: its memory is an ArrayBuffer, " +
          "which postMessage would clone (use a SharedArrayBuffer, or pass { nonShared: 'copy' })",
      );
    }
    const memory = new SharedArrayBuffer(record.len);
    toContiguous(record, "C", new Uint8Array(memory), abiOptions(abi));
    return descriptorOf(record, memory, true, abi);
  } finally {
    releaseBuffer(record);
  }
}

/**
 * Whether `value` looks like a {@link SharedViewDescriptor} (as received from `postMessage`).
 *
 * @example
 * ```ts
 * import { isSharedViewDescriptor, shareView } from "@pybuffer/node-adapter";
 * isSharedViewDescriptor(shareView(new SharedArrayBuffer(4))); // true
 * isSharedViewDescriptor({ type: "something else" });        // false
 * ```
 *
 * @since 0.1.0
 */
export function isSharedViewDescriptor(value: unknown): value is SharedViewDescriptor {
  const descriptor = value as Partial<SharedViewDescriptor> | null;
  try {
    return (
      typeof descriptor === "object" &&
      descriptor !== null &&
      descriptor.type === DESCRIPTOR_TYPE &&
      descriptor.memory !== undefined &&
      isSharedArrayBuffer(descriptor.memory)
    );
  } catch {
    // A Proxy whose every look throws is no descriptor (a type guard answers, it does not throw).
    return false;
  }
}

/**
 * Rebuilds, on the receiving thread, the view a {@link shareView}
 * descriptor describes: a `MemoryView` over the same shared bytes with the
 * same format, shape, strides, offset and read-only flag. The descriptor is
 * validated like any exporter's record (a consumer never trusts it).
 *
 * @throws PyTypeError for something that is not a descriptor.
 * @throws BufferError for a descriptor whose fields do not describe a valid buffer.
 * @example
 * ```ts
 * import { parentPort } from "node:worker_threads";
 * import { fromSharedView } from "@pybuffer/node-adapter";
 * parentPort!.on("message", (descriptor) => {
 *   const view = fromSharedView(descriptor);
 *   view.set(0, 42); // visible to the sender: the memory is shared
 * });
 * ```
 *
 * @since 0.1.0
 */
export function fromSharedView(descriptor: unknown): MemoryView {
  if (!isSharedViewDescriptor(descriptor)) {
    throw new PyTypeError("fromSharedView: expected a descriptor made by shareView (with its SharedArrayBuffer)");
  }
  const scalar = descriptor.ndim === 0;
  const record: BufferRecord = {
    obj: null,
    memory: descriptor.memory,
    buf: descriptor.buf,
    len: descriptor.len,
    itemsize: descriptor.itemsize,
    readonly: descriptor.readonly,
    format: descriptor.format,
    ndim: descriptor.ndim,
    shape: scalar ? null : descriptor.shape,
    strides: scalar ? null : descriptor.strides,
    suboffsets: descriptor.suboffsets,
    internal: null,
    // An unknown ABI name is left for the validation to refuse.
    abi: descriptor.abi,
  };
  return memoryViewFromBuffer(record);
}
