/**
 * Options objects, checked where they enter: JavaScript's stand-in for
 * keyword arguments. As CPython's argument parser (Python/getargs.c,
 * `vgetargskeywords`) refuses an unknown keyword or a value of the wrong
 * type before the function runs, an options argument that is not a plain
 * object, names an unknown option, or gives a value of the wrong kind is
 * refused here with `TypeError` naming the option; a value of the right
 * kind that is not allowed (an unknown ABI) is a `ValueError`. Each option
 * is read exactly once, so a getter or a Proxy cannot answer differently
 * later, and a Proxy that throws (a revoked one) gives a `TypeError` with
 * the cause kept.
 *
 * It lives below every layer (the protocol's `getBuffer` takes options too)
 * and is exported for the other packages, which check their own options
 * with it.
 *
 * @module
 */

import { PyTypeError, ValueError } from "../errors/python-errors.ts";
import { abiProfile, type AbiName } from "../format/abi.ts";
import { pythonTypeName } from "./python-type-name.ts";

/**
 * Checks one option's value (never `undefined`: an option set to
 * `undefined` is left out) and returns it as its type.
 *
 * @throws PyTypeError for a value of the wrong kind; ValueError for a bad value of the right kind.
 * @example
 * ```ts
 * import { readOptions, type OptionCheck } from "@pybuffer/core/internal";
 * const even: OptionCheck<number> = (value, option, caller) => {
 *   if (typeof value !== "number" || value % 2 !== 0) throw new TypeError(`${caller}() argument '${option}' must be even`);
 *   return value;
 * };
 * readOptions({ size: 4 }, "f", { size: even }); // { size: 4 }
 * ```
 */
export type OptionCheck<T> = (value: unknown, option: string, caller: string) => T;

/**
 * One {@link OptionCheck} per option an options type has.
 *
 * @example
 * ```ts
 * import { optionChecks, type OptionChecks } from "@pybuffer/core/internal";
 * interface SaveOptions { readonly flush?: boolean; readonly mode?: number }
 * const checks: OptionChecks<SaveOptions> = { flush: optionChecks.boolean, mode: optionChecks.nonNegativeInteger };
 * Object.keys(checks); // ["flush", "mode"]
 * ```
 */
export type OptionChecks<T> = { readonly [K in keyof T]-?: OptionCheck<Exclude<T[K], undefined>> };

/**
 * Reads `options` (`undefined`, or a plain object whose every own key is
 * one of `checks`) once and checks every option it sets; returns a fresh
 * plain object of the options that are set.
 *
 * @throws PyTypeError "f() options must be a plain object, not 'X'"; "f() got an
 * unexpected keyword argument 'x'"; "f() argument 'x' must be K, not 'X'", or what a check raises.
 * @example
 * ```ts
 * import { readOptions, optionChecks } from "@pybuffer/core/internal";
 * const checks = { abi: optionChecks.abi, copy: optionChecks.boolean };
 * readOptions({ abi: "wasm32" }, "load", checks); // { abi: "wasm32" }
 * try { readOptions({ cpy: true }, "load", checks); } catch (e) { e.message; } // "load() got an unexpected keyword argument 'cpy'"
 * ```
 */
export function readOptions<T extends object>(options: unknown, caller: string, checks: OptionChecks<T>): Partial<T> {
  const result: Partial<Record<keyof T, unknown>> = {};
  if (options === undefined) return result as Partial<T>;
  let keys: (string | symbol)[];
  try {
    if (typeof options !== "object" || options === null || !isPlainPrototype(Object.getPrototypeOf(options))) {
      throw new PyTypeError(`${caller}() options must be a plain object, not '${pythonTypeName(options)}'`);
    }
    keys = Reflect.ownKeys(options);
  } catch (error) {
    if (error instanceof PyTypeError) throw error;
    throw unreadable(caller, error);
  }
  for (const key of keys) {
    if (typeof key !== "string" || !Object.hasOwn(checks, key)) {
      throw new PyTypeError(`${caller}() got an unexpected keyword argument '${String(key)}'`);
    }
    let value: unknown;
    try {
      value = (options as Record<string, unknown>)[key];
    } catch (error) {
      throw unreadable(caller, error);
    }
    if (value !== undefined) result[key as keyof T] = (checks[key as keyof T] as OptionCheck<unknown>)(value, key, caller);
  }
  return result as Partial<T>;
}

function isPlainPrototype(prototype: unknown): boolean {
  return prototype === null || prototype === Object.prototype;
}

function unreadable(caller: string, error: unknown): PyTypeError {
  const reason = error instanceof Error ? error.message : pythonTypeName(error);
  return new PyTypeError(`${caller}() options cannot be read: ${reason}`, { cause: error });
}

function wrongKind(option: string, caller: string, expected: string, value: unknown): PyTypeError {
  return new PyTypeError(`${caller}() argument '${option}' must be ${expected}, not '${pythonTypeName(value)}'`);
}

/** A check that `typeof value === kind`, named `expected` in the error. */
function ofKind<T>(kind: string, expected: string): OptionCheck<T> {
  return (value, option, caller) => {
    if (typeof value !== kind) throw wrongKind(option, caller, expected, value);
    return value as T;
  };
}

/**
 * The checks options are made of, for {@link readOptions}: `abi` (a known
 * ABI name, else `ValueError`), `boolean`, `string`, `function`, `integer`
 * (a safe integer `number`), `nonNegativeInteger`, `integerArray` (an array
 * of at most 128 safe integers, copied and frozen), `oneOf(...)` for
 * string choices, and `any` for a value checked further on.
 *
 * @example
 * ```ts
 * import { readOptions, optionChecks } from "@pybuffer/core/internal";
 * const checks = { mode: optionChecks.oneOf("r", "w"), chunkSize: optionChecks.nonNegativeInteger };
 * try { readOptions({ mode: "x" }, "open", checks); } catch (e) { e.message; } // "open() argument 'mode' must be one of 'r', 'w', not 'x'"
 * ```
 */
export const optionChecks = Object.freeze({
  abi: ((value, option, caller) => {
    if (typeof value !== "string") throw wrongKind(option, caller, "str", value);
    abiProfile(value as AbiName);
    return value as AbiName;
  }) as OptionCheck<AbiName>,
  boolean: ofKind<boolean>("boolean", "bool"),
  string: ofKind<string>("string", "str"),
  function: ofKind<(...args: never[]) => unknown>("function", "callable"),
  integer: ((value, option, caller) => {
    if (typeof value !== "number") throw wrongKind(option, caller, "int", value);
    if (!Number.isSafeInteger(value)) throw new ValueError(`${caller}() argument '${option}' must be an integer, not ${value}`);
    return value;
  }) as OptionCheck<number>,
  nonNegativeInteger: ((value, option, caller) => {
    const integer = optionChecks.integer(value, option, caller);
    if (integer < 0) throw new ValueError(`${caller}() argument '${option}' must not be negative, not ${integer}`);
    return integer;
  }) as OptionCheck<number>,
  integerArray: ((value, option, caller) => {
    try {
      if (!Array.isArray(value)) throw wrongKind(option, caller, "a list of int", value);
      const length = value.length;
      // Python's _testbuffer and memoryview take at most 128 dimensions; a longer array is no shape.
      if (length > 128) throw new ValueError(`${caller}() argument '${option}' has ${length} items, more than 128`);
      const copy = new Array<number>(length);
      for (let i = 0; i < length; i++) {
        const item: unknown = value[i];
        if (typeof item !== "number" || !Number.isSafeInteger(item)) throw wrongKind(option, caller, "a list of int", item);
        copy[i] = item;
      }
      return Object.freeze(copy);
    } catch (error) {
      if (error instanceof PyTypeError || error instanceof ValueError) throw error;
      // Array.isArray and every look at a revoked Proxy throw.
      throw new PyTypeError(`${caller}() argument '${option}' cannot be read`, { cause: error });
    }
  }) as OptionCheck<readonly number[]>,
  oneOf<const C extends string>(...choices: C[]): OptionCheck<C> {
    return (value, option, caller) => {
      if (typeof value !== "string") throw wrongKind(option, caller, "str", value);
      if (!(choices as string[]).includes(value)) {
        throw new ValueError(`${caller}() argument '${option}' must be one of ${choices.map((c) => `'${c}'`).join(", ")}, not '${value}'`);
      }
      return value as C;
    };
  },
  any: ((value) => value) as OptionCheck<unknown>,
});
