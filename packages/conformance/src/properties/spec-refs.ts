/**
 * References to the rules the properties check: CPython's documentation,
 * PEP 3118, and the CPython sources that implement and test them.
 *
 * @module
 */

/**
 * A reference to a spec rule.
 *
 * @since 0.1.0
 */
export interface SpecRef {
  /** @since 0.1.0 */
  readonly label: string;
  /** @since 0.1.0 */
  readonly url: string;
}

const BUFFER = "https://docs.python.org/3.14/c-api/buffer.html";
const TYPEOBJ = "https://docs.python.org/3.14/c-api/typeobj.html";
const STDTYPES = "https://docs.python.org/3.14/library/stdtypes.html";
const CPYTHON = "https://github.com/python/cpython/blob/3.14";

const ref = (label: string, url: string): SpecRef => Object.freeze({ label, url });

export const REFS = Object.freeze({
  pep3118: ref("PEP 3118", "https://peps.python.org/pep-3118/"),
  pyBuffer: ref("c-api/buffer: Py_buffer", `${BUFFER}#c.Py_buffer`),
  len: ref("c-api/buffer: Py_buffer.len", `${BUFFER}#c.Py_buffer.len`),
  itemsize: ref("c-api/buffer: Py_buffer.itemsize", `${BUFFER}#c.Py_buffer.itemsize`),
  readonly: ref("c-api/buffer: Py_buffer.readonly", `${BUFFER}#c.Py_buffer.readonly`),
  format: ref("c-api/buffer: Py_buffer.format", `${BUFFER}#c.Py_buffer.format`),
  ndim: ref("c-api/buffer: Py_buffer.ndim", `${BUFFER}#c.Py_buffer.ndim`),
  shape: ref("c-api/buffer: Py_buffer.shape", `${BUFFER}#c.Py_buffer.shape`),
  strides: ref("c-api/buffer: Py_buffer.strides", `${BUFFER}#c.Py_buffer.strides`),
  suboffsets: ref("c-api/buffer: Py_buffer.suboffsets", `${BUFFER}#c.Py_buffer.suboffsets`),
  obj: ref("c-api/buffer: Py_buffer.obj", `${BUFFER}#c.Py_buffer.obj`),
  requestTypes: ref("c-api/buffer: buffer request types", `${BUFFER}#buffer-request-types`),
  readonlyFormat: ref("c-api/buffer: readonly, format", `${BUFFER}#readonly-format`),
  shapeStrides: ref("c-api/buffer: shape, strides, suboffsets", `${BUFFER}#shape-strides-suboffsets`),
  contiguityRequests: ref("c-api/buffer: contiguity requests", `${BUFFER}#contiguity-requests`),
  compoundRequests: ref("c-api/buffer: compound requests", `${BUFFER}#compound-requests`),
  numpyStyle: ref("c-api/buffer: NumPy-style shape and strides", `${BUFFER}#numpy-style-shape-and-strides`),
  pilStyle: ref("c-api/buffer: PIL-style shape, strides and suboffsets", `${BUFFER}#pil-style-shape-strides-and-suboffsets`),
  isContiguous: ref("c-api/buffer: PyBuffer_IsContiguous", `${BUFFER}#c.PyBuffer_IsContiguous`),
  getBuffer: ref("c-api/buffer: PyObject_GetBuffer", `${BUFFER}#c.PyObject_GetBuffer`),
  release: ref("c-api/buffer: PyBuffer_Release", `${BUFFER}#c.PyBuffer_Release`),
  bfGetbuffer: ref("c-api/typeobj: bf_getbuffer", `${TYPEOBJ}#c.PyBufferProcs.bf_getbuffer`),
  bfReleasebuffer: ref("c-api/typeobj: bf_releasebuffer", `${TYPEOBJ}#c.PyBufferProcs.bf_releasebuffer`),
  memoryview: ref("stdtypes: memoryview", `${STDTYPES}#memoryview`),
  tolist: ref("stdtypes: memoryview.tolist", `${STDTYPES}#memoryview.tolist`),
  tobytes: ref("stdtypes: memoryview.tobytes", `${STDTYPES}#memoryview.tobytes`),
  cast: ref("stdtypes: memoryview.cast", `${STDTYPES}#memoryview.cast`),
  toreadonly: ref("stdtypes: memoryview.toreadonly", `${STDTYPES}#memoryview.toreadonly`),
  mvRelease: ref("stdtypes: memoryview.release", `${STDTYPES}#memoryview.release`),
  memoryGetbuf: ref("memoryobject.c: memory_getbuf (the decision procedure)", `${CPYTHON}/Objects/memoryobject.c`),
  ndarrayGetbuf: ref("_testbuffer.c: ndarray_getbuf", `${CPYTHON}/Modules/_testbuffer.c`),
  bytearrayResize: ref("bytearrayobject.c: resize refused while exported", `${CPYTHON}/Objects/bytearrayobject.c`),
  verify: ref("test_buffer.py: verify()", `${CPYTHON}/Lib/test/test_buffer.py`),
  verifyGetbuf: ref("test_buffer.py: verify_getbuf()", `${CPYTHON}/Lib/test/test_buffer.py`),
  verifyStructure: ref("test_buffer.py: verify_structure()", `${CPYTHON}/Lib/test/test_buffer.py`),
} satisfies Record<string, SpecRef>);
