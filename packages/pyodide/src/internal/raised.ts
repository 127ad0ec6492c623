/**
 * The exception a failed C API call left pending, fetched (which clears it,
 * as a C caller must) and turned into a JavaScript error.
 *
 * @module
 */

import { SystemError } from "@pybuffer/core";
import type { PyodideAPI } from "pyodide";
import type { PyProxy } from "pyodide/ffi";
import { errorForPython } from "../errors/python-exception.ts";
import type { CApi } from "./c-api.ts";

type Describe = (exception: PyProxy) => PyProxy;

const describers = new WeakMap<object, Describe>();

/** A Python function giving an exception's MRO names and its `str()`. */
function describerOf(pyodide: PyodideAPI): Describe {
  let describe = describers.get(pyodide);
  if (describe === undefined) {
    describe = pyodide.runPython(
      "lambda e: ([c.__module__ + '.' + c.__qualname__ for c in type(e).__mro__], str(e))",
    ) as Describe;
    describers.set(pyodide, describe);
  }
  return describe;
}

/**
 * The pending Python exception as a JavaScript error (core's class where
 * core has one), after clearing it. With none pending, CPython's
 * `SystemError` for a failure without an exception.
 */
export function raisedError(pyodide: PyodideAPI, api: CApi): Error {
  const exception = api._PyErr_GetRaisedException();
  if (exception === 0) return new SystemError("error return without exception set");
  const proxy = api.pyproxy_new(exception);
  api._Py_DecRef(exception);
  let description: PyProxy | undefined;
  try {
    description = describerOf(pyodide)(proxy);
    const [mro, message] = description.toJs() as [string[], string];
    return errorForPython(mro, message);
  } finally {
    description?.destroy();
    proxy.destroy();
  }
}
