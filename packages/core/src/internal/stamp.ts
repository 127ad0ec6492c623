/**
 * Private marks on objects the package did not make with `new`. A mark is
 * a private field of a class made for it alone; the class's base
 * constructor returns the object it is given, so the field lands on that
 * object. Such a mark cannot be forged or read outside this module, like a
 * WeakMap entry, but setting it is a property store, not an ephemeron that
 * every collection traces (`WeakMap#set` of a fresh record cost more than
 * the rest of `memoryview(typedArray)` together).
 *
 * Mark an object before anyone can freeze it: a frozen object may not take
 * new private fields in future JavaScript engines.
 *
 * @module
 */

/** Returns the object it is given: see the module comment. */
class Stamp {
  constructor(target: object) {
    return target;
  }
}

/** One kind of private mark, carrying a value of type `T`. */
export interface PrivateMark<T> {
  /** Marks `target` (an object no one else has seen yet) with `value`. */
  readonly mark: (target: object, value: T) => void;
  /** The value `value` was marked with; `undefined` for anything unmarked (never throws, runs no Proxy trap). */
  readonly read: (value: unknown) => T | undefined;
}

/** A new kind of mark, independent of every other (a class, and so a private name, of its own). */
export function privateMark<T>(): PrivateMark<T> {
  class Marked extends Stamp {
    readonly #value: T;

    constructor(target: object, value: T) {
      super(target);
      this.#value = value;
    }

    static read(value: unknown): T | undefined {
      return typeof value === "object" && value !== null && #value in value ? (value as Marked).#value : undefined;
    }
  }
  return { mark: (target, value) => void new Marked(target, value), read: Marked.read };
}
