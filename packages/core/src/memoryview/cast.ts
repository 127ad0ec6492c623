/**
 * `memoryview.cast(format, shape)`: every restriction of `memory_cast`,
 * `cast_to_1D` and `cast_to_ND`, in CPython's order (Objects/memoryobject.c). A cast
 * copies nothing: the result is a new layout over the same memory.
 *
 * @module
 */

import { OverflowError, PyTypeError, ValueError } from "../errors/python-errors.ts";
import { argumentTypeName } from "../internal/python-type-name.ts";
import { isArraySafely, lookCause } from "../internal/safe-look.ts";
import { fillContiguousStrides } from "../protocol/contiguity.ts";
import { MAX_NDIM } from "../protocol/flags.ts";
import type { AbiProfile } from "../format/abi.ts";
import { assertAscii } from "../format/compile-format.ts";
import { formatCode } from "../format/format-codes.ts";
import { nativeFormatChar } from "./item-format.ts";
import { byteLength, LayoutFlags, type ViewLayout } from "./view-layout.ts";

const isByteCode = (char: string | null): boolean => char === "b" || char === "B" || char === "c";

/** The layout a cast produces, or CPython's error. `flags` are the view's memoryview flags. */
export function castLayout(
  layout: ViewLayout,
  flags: number,
  format: unknown,
  shape: unknown,
  abi: AbiProfile,
): ViewLayout {
  if (typeof format !== "string") {
    throw new PyTypeError(`cast() argument 'format' must be str, not ${argumentTypeName(format)}`);
  }
  if (!(flags & (LayoutFlags.C | LayoutFlags.SCALAR))) {
    throw new PyTypeError("memoryview: casts are restricted to C-contiguous views");
  }
  const shapeGiven = shape !== undefined;
  if ((shapeGiven || layout.ndim !== 1) && layout.shape.includes(0)) {
    throw new PyTypeError("memoryview: cannot cast view with zeros in shape or strides");
  }
  let ndim = 1;
  if (shapeGiven) {
    if (!isArraySafely(shape)) throw new PyTypeError("shape must be a list or a tuple", lookCause(shape));
    ndim = shape.length;
    if (ndim > MAX_NDIM) throw new ValueError("memoryview: number of dimensions must not exceed 64");
    if (layout.ndim !== 1 && ndim !== 1) throw new PyTypeError("memoryview: cast must be 1D -> ND or ND -> 1D");
  }

  // cast_to_1D
  assertAscii(format);
  const destination = nativeFormatChar(format);
  if (destination === null) {
    throw new ValueError(
      "memoryview: destination format must be a native single character format prefixed with an optional '@'",
    );
  }
  if (!isByteCode(nativeFormatChar(layout.format)) && !isByteCode(destination)) {
    throw new PyTypeError("memoryview: cannot cast between two non-byte formats");
  }
  const itemsize = formatCode(destination)!.nativeSize(abi);
  if (layout.len % itemsize !== 0) throw new PyTypeError("memoryview: length is not a multiple of itemsize");

  // cast_to_ND
  let newShape: number[];
  if (!shapeGiven) {
    newShape = [layout.len / itemsize];
  } else if (ndim === 0) {
    newShape = [];
    if (layout.len !== itemsize) throw new PyTypeError("memoryview: product(shape) * itemsize != buffer size");
  } else {
    newShape = extents(shape as readonly unknown[], itemsize, abi);
    if (byteLength(newShape, itemsize) !== layout.len) {
      throw new PyTypeError("memoryview: product(shape) * itemsize != buffer size");
    }
  }
  return {
    memory: layout.memory,
    buf: layout.buf,
    len: layout.len,
    itemsize,
    readonly: layout.readonly,
    format,
    ndim: newShape.length,
    shape: newShape,
    strides: fillContiguousStrides(newShape, itemsize, "C"),
    suboffsets: null,
    exactStrides: null,
  };
}

/** `copy_shape`: integers > 0 whose product (times the item size) fits Py_ssize_t. */
function extents(shape: readonly unknown[], itemsize: number, abi: AbiProfile): number[] {
  const result: number[] = [];
  let product = itemsize;
  for (const element of shape) {
    // Positive safe integers whose product stays within `ssizeMax` are exact as doubles;
    // anything else takes the BigInt path, which decides CPython's error.
    if (typeof element !== "number" || !Number.isSafeInteger(element) || element <= 0 || product * element > abi.ssizeMax) {
      return exactExtents(shape, itemsize, abi);
    }
    product *= element;
    result.push(element);
  }
  return result;
}

/** {@link extents} in Py_ssize_t arithmetic, raising what `copy_shape` raises. */
function exactExtents(shape: readonly unknown[], itemsize: number, abi: AbiProfile): number[] {
  const ssizeMax = (1n << BigInt(abi.sizeT * 8 - 1)) - 1n;
  let product = BigInt(itemsize);
  return shape.map((element) => {
    let value: bigint;
    if (typeof element === "bigint") value = element;
    else if (typeof element === "boolean") value = element ? 1n : 0n;
    else if (typeof element === "number" && Number.isInteger(element)) value = BigInt(element);
    else throw new PyTypeError("memoryview.cast(): elements of shape must be integers");
    if (value > ssizeMax || value < -ssizeMax - 1n) throw new OverflowError("Python int too large to convert to C ssize_t");
    if (value <= 0n) throw new ValueError("memoryview.cast(): elements of shape must be integers > 0");
    if (value > ssizeMax / product) throw new ValueError("memoryview.cast(): product(shape) > SSIZE_MAX");
    product *= value;
    return Number(value);
  });
}
