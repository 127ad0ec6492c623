/**
 * What the running JavaScript engine offers, found by probing the features
 * themselves, never by reading `process.version`: Node 20, 22, 24 and 26
 * differ in exactly these (measured per line in test/platform/features.test.ts), and flags such as
 * `--js-float16array` or `--harmony-rab-gsab-transfer` move them between lines.
 *
 * @module
 */

/**
 * The platform features this package adapts to.
 *
 * @example
 * ```ts
 * import { features, type PlatformFeatures } from "@pybuffer/node-adapter";
 * const snapshot: PlatformFeatures = features;
 * snapshot.float16Array; // false on Node 20 and 22, true on Node 24+
 * ```
 *
 * @since 0.1.0
 */
export interface PlatformFeatures {
  /**
   * `Float16Array` exists (Node 24+, or Node 22 with `--js-float16array`).
   *
   * @since 0.1.0
   */
  readonly float16Array: boolean;
  /**
   * `ArrayBuffer.prototype.transfer` and the `detached` getter exist (Node 22+).
   * Without them a detached buffer is recognised by probing it.
   *
   * @since 0.1.0
   */
  readonly arrayBufferTransfer: boolean;
  /**
   * `Symbol.dispose` is the standard well-known symbol. Node 20 and 22 define
   * `Symbol.dispose` as their own `Symbol(nodejs.dispose)`: disposal still
   * works there, because every `[Symbol.dispose]` method and every `using`
   * (down-levelled by TypeScript) reads the same property.
   *
   * @since 0.1.0
   */
  readonly standardDispose: boolean;
  /**
   * The `using` declaration parses (Node 24+).
   *
   * @since 0.1.0
   */
  readonly usingDeclarations: boolean;
  /**
   * `DisposableStack` exists (Node 24+).
   *
   * @since 0.1.0
   */
  readonly disposableStack: boolean;
  /**
   * `WebAssembly.Memory.prototype.toResizableBuffer` exists (Node 26).
   *
   * @since 0.1.0
   */
  readonly wasmResizableBuffer: boolean;
}

function parses(source: string): boolean {
  try {
    // Compiled, never called: only the parser is asked.
    new Function(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * The features of the running engine, probed once when the module loads.
 *
 * @example
 * ```ts
 * import { features } from "@pybuffer/node-adapter";
 * const HalfArray = features.float16Array ? "Float16Array" : "Uint16Array (decode 'e' through memoryview)";
 * ```
 *
 * @since 0.1.0
 */
export const features: PlatformFeatures = Object.freeze({
  float16Array: typeof (globalThis as { Float16Array?: unknown }).Float16Array === "function",
  arrayBufferTransfer:
    typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === "function" &&
    Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached")?.get !== undefined,
  standardDispose: typeof Symbol.dispose === "symbol" && Symbol.dispose.description === "Symbol.dispose",
  usingDeclarations: parses("{ using resource = null; }"),
  disposableStack: typeof (globalThis as { DisposableStack?: unknown }).DisposableStack === "function",
  wasmResizableBuffer:
    typeof (globalThis as { WebAssembly?: { Memory?: { prototype?: { toResizableBuffer?: unknown } } } }).WebAssembly?.Memory
      ?.prototype?.toResizableBuffer === "function",
});
