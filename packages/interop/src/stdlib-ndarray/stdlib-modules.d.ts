// The two @stdlib/ndarray modules the bridge loads, by file: the package has no
// exports map and ESM cannot import its folders. Only what the bridge calls is typed.
declare module "@stdlib/ndarray/ctor/lib/index.js" {
  const ndarray: new (
    dtype: string,
    buffer: unknown,
    shape: number[],
    strides: number[],
    offset: number,
    order: "row-major" | "column-major",
    options?: { readonly?: boolean },
  ) => import("./stdlib-array.ts").StdlibNdarray;
  export default ndarray;
}

declare module "@stdlib/ndarray/base/buffer-ctors/lib/index.js" {
  const ctors: (dtype: string) => (new (buffer: ArrayBufferLike, byteOffset: number, length: number) => object) | null;
  export default ctors;
}
