/**
 * `@pybuffer/core/internal`: what the sibling `@pybuffer/*` packages share
 * with core and users do not need. UNSTABLE: any release may change or
 * remove these names, patch releases included; depend on them only from a
 * package released together with core.
 *
 * @module
 */

export { bytesToOverwrite, concatBytes, copyOfBlockRange, copyOfBytes } from "./internal/fresh-bytes.ts";
export { pythonStringRepr } from "./internal/python-repr.ts";
export { argumentTypeName, pythonTypeName } from "./internal/python-type-name.ts";
export { isUint8Array, typedArrayName, type TypedArrayName } from "./internal/typed-array-tag.ts";
export { blockByteLength } from "./internal/block-size.ts";
export {
  isViewWindowGone,
  typedArrayElements,
  viewBuffer,
  viewByteLength,
  viewByteOffset,
} from "./internal/view-window.ts";
export { heldBufferArgument } from "./arguments/buffer-argument.ts";
export { hasReleaseMethod } from "./protocol/get-buffer.ts";
export { checkedElementBase, type CheckedElements, type ElementGeometry } from "./protocol/element-base.ts";
export { growableBlockOf } from "./protocol/live-memory.ts";
export { isContiguous as isLayoutContiguous } from "./protocol/contiguity.ts";
export type { BytesWindow } from "./arguments/bytes-argument.ts";
export { optionChecks, readOptions, type OptionCheck, type OptionChecks } from "./internal/options.ts";
