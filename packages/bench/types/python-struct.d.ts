/**
 * The few functions of the npm package `python-struct` (no types of its own)
 * that the benchmark's JavaScript peer column calls.
 */
declare module "python-struct" {
  const pythonStruct: {
    sizeOf(format: string): number;
    pack(format: string, values: readonly unknown[]): Buffer;
    unpackFrom(format: string, data: Buffer, checkBounds: boolean, position: number): unknown[];
  };
  export default pythonStruct;
}
