/**
 * Private marks on objects the package did not make with `new`: a subclass
 * of {@link Stamp} defines a private field, and `new Subclass(target)` adds
 * that field to `target` itself (the base constructor returns `target`, so
 * the subclass initialises its fields on it). Such a mark cannot be forged
 * or read outside its class, like a WeakMap entry, but it is a property
 * store instead of an ephemeron that every collection traces.
 *
 * Mark an object before anyone can freeze it: a frozen object may not take
 * new private fields in future JavaScript engines.
 *
 * @module
 */

/** Returns the object it is given: see the module comment. */
export class Stamp {
  constructor(target: object) {
    return target;
  }
}
