/**
 * The message of a refused argument, as `PyArg_ParseTuple`'s `converterr`
 * and `seterror` word it.
 *
 * @module
 */

import { PyTypeError, type ArgumentPosition } from "@pybuffer/core";
import { optionChecks, readOptions, type OptionChecks } from "@pybuffer/core/internal";
import { argumentTypeName } from "../internal/type-name.ts";

const POSITION_OPTIONS: OptionChecks<ArgumentPosition> = { functionName: optionChecks.string, position: optionChecks.integer };

/** "f() argument 1 must be EXPECTED, not TYPE" (with `where`), "argument must be ..." (without). */
export function argumentError(expected: string, arg: unknown, where: ArgumentPosition): PyTypeError {
  // `where` comes from the caller: core's one options check reads it (a bad one is a TypeError of its own).
  where = readOptions(where, "argument position", POSITION_OPTIONS);
  const argument = where.functionName === undefined ? "argument" : `${where.functionName}() argument ${where.position ?? 1}`;
  return new PyTypeError(`${argument} must be ${expected}, not ${argumentTypeName(arg)}`);
}

/**
 * `bf_getsegcount(arg, NULL) != 1` as getargs tests it: a count that fails
 * raises its own error (`seterror` keeps an exception already set); any
 * other count than 1 gets `expected`'s message.
 */
export function requireOneSegment(count: () => number, expected: string, arg: unknown, where: ArgumentPosition): void {
  if (count() !== 1) throw argumentError(expected, arg, where);
}
