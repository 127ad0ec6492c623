/**
 * References built with a library's own element access: every index of a
 * shape in C order, the values nested by shape (what `toList` must give),
 * and the bytes of a C-order copy (what `toBytes` must give).
 */

/** Every index of `shape`, last dimension fastest. */
export function* cOrderIndices(shape: readonly number[]): Generator<number[]> {
  if (shape.some((n) => n === 0)) return;
  const index = shape.map(() => 0);
  for (;;) {
    yield [...index];
    let dim = shape.length - 1;
    while (dim >= 0 && ++index[dim]! === shape[dim]!) index[dim--] = 0;
    if (dim < 0) return;
  }
}

/** `get(index)` for every index, nested by shape (a 0-d shape gives the one value). */
export function nestedValues(shape: readonly number[], get: (index: number[]) => unknown): unknown {
  const nest = (prefix: number[]): unknown =>
    prefix.length === shape.length
      ? get(prefix)
      : Array.from({ length: shape[prefix.length]! }, (_, i) => nest([...prefix, i]));
  return nest([]);
}

/** The bytes of a C-order copy: for each index, the `itemsize` bytes at element `position(index)` of `data`. */
export function cOrderBytes(
  shape: readonly number[],
  data: { readonly buffer: ArrayBufferLike; readonly byteOffset: number },
  itemsize: number,
  position: (index: number[]) => number,
): Uint8Array {
  const source = new Uint8Array(data.buffer, data.byteOffset);
  const out: number[] = [];
  for (const index of cOrderIndices(shape)) {
    const at = position(index) * itemsize;
    out.push(...source.subarray(at, at + itemsize));
  }
  return new Uint8Array(out);
}
