// @stdlib/ndarray's array() by file, as the doc examples import it (the
// package has no types for its lib files); only what the tests call is typed.
declare module "@stdlib/ndarray/array/lib/index.js" {
  const array: (buffer: unknown, options?: object) => import("../../src/stdlib-ndarray/stdlib-array.ts").StdlibNdarray;
  export default array;
}
