/**
 * `@pybuffer/pyodide`: Python objects in Pyodide as buffer-protocol
 * exporters, answered by CPython's own `bf_getbuffer`, and exporters as
 * Python buffer objects (PEP 688), zero-copy wherever the memory allows.
 *
 * @module
 */

export { fromPython, PythonExporter, type ExportPath, type FromPythonOptions } from "./from-python/python-exporter.ts";
export { PythonException } from "./errors/python-exception.ts";
export { toPython, type CopyPolicy, type ToPythonOptions } from "./to-python/to-python.ts";
export { allocate, type Allocation } from "./allocate.ts";
