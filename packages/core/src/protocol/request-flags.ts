/**
 * The argument check every buffer request goes through first.
 *
 * @module
 */

import { PyTypeError, SystemError } from "../errors/python-errors.ts";
import { pythonTypeName } from "../internal/python-type-name.ts";
import { BufferFlags } from "./flags.ts";

/**
 * Refuses what CPython refuses before looking at an exporter: a non-integer
 * (TypeError), and `READ` or `WRITE` passed alone as a request, which share
 * bits with INDIRECT and are a SystemError since CPython 3.13.
 */
export function assertRequestFlags(flags: number): void {
  if (typeof flags !== "number" || !Number.isInteger(flags)) {
    throw new PyTypeError(`'${pythonTypeName(flags)}' object cannot be interpreted as an integer`);
  }
  if (flags === BufferFlags.READ || flags === BufferFlags.WRITE) {
    throw new SystemError("bad argument to internal function");
  }
}
