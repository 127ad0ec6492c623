// @ts-check
/**
 * A small third-party exporter: a matrix of doubles that any PEP 3118
 * consumer can read without copying. It has no dependency at all: the
 * protocol is two registered symbols and a record shape.
 *
 * It keeps its items in a Float64Array with a row stride and a column stride
 * (so a transposed, reversed or every-other-row matrix is a view, not a
 * copy), counts its exports, and refuses to resize while any are held, like
 * Python's bytearray.
 *
 * @module
 */

const GET = Symbol.for("pybuffer.getbuffer");
const RELEASE = Symbol.for("pybuffer.releasebuffer");

// The request flags (CPython's PyBUF_* values).
const WRITABLE = 0x001;
const FORMAT = 0x004;
const ND = 0x008;
const STRIDES = 0x018;
const C_CONTIGUOUS = 0x038;
const F_CONTIGUOUS = 0x058;
const ANY_CONTIGUOUS = 0x098;

/** Python's BufferError, recognised by any consumer through `pythonType`. */
export class BufferError extends Error {
  pythonType = "BufferError";
  /** @override */
  name = "BufferError";
}

/** @param {number} flags @param {number} request */
const wants = (flags, request) => (flags & request) === request;

export class Matrix {
  /** @type {Float64Array} */ #data;
  #rows;
  #cols;
  /** Strides and offset in elements. */
  #rowStride;
  #colStride;
  #offset;
  #readonly;
  #exports = 0;

  /**
   * @param {number} rows
   * @param {number} cols
   * @param {{ data?: Float64Array, rowStride?: number, colStride?: number, offset?: number, readonly?: boolean }} [options]
   */
  constructor(rows, cols, options = {}) {
    this.#rows = rows;
    this.#cols = cols;
    this.#data = options.data ?? new Float64Array(rows * cols);
    this.#rowStride = options.rowStride ?? cols;
    this.#colStride = options.colStride ?? 1;
    this.#offset = options.offset ?? 0;
    this.#readonly = options.readonly ?? false;
  }

  get rows() {
    return this.#rows;
  }
  get cols() {
    return this.#cols;
  }
  /** Buffers currently exported. */
  get exports() {
    return this.#exports;
  }

  /** @param {number} r @param {number} c */
  get(r, c) {
    return /** @type {number} */ (this.#data[this.#offset + r * this.#rowStride + c * this.#colStride]);
  }

  /** @param {number} r @param {number} c @param {number} value */
  set(r, c, value) {
    if (this.#readonly) throw new TypeError("matrix is read-only");
    this.#data[this.#offset + r * this.#rowStride + c * this.#colStride] = value;
  }

  /**
   * Reallocates as a zero rows x cols matrix.
   *
   * @param {number} rows
   * @param {number} cols
   */
  resize(rows, cols) {
    if (this.#exports > 0) throw new BufferError("Existing exports of data: object cannot be re-sized");
    this.#data = new Float64Array(rows * cols);
    this.#rows = rows;
    this.#cols = cols;
    this.#rowStride = cols;
    this.#colStride = 1;
    this.#offset = 0;
  }

  /** PyBuffer_IsContiguous for this layout. @param {"C" | "F"} order */
  #contiguous(order) {
    if (this.#rows === 0 || this.#cols === 0) return true;
    const [inner, outer] = order === "C" ? [1, 0] : [0, 1];
    const shape = [this.#rows, this.#cols];
    const strides = [this.#rowStride, this.#colStride];
    if (/** @type {number} */ (shape[inner]) > 1 && strides[inner] !== 1) return false;
    return !(/** @type {number} */ (shape[outer]) > 1 && strides[outer] !== shape[inner]);
  }

  /**
   * The exporter decision procedure, in CPython's order (memory_getbuf).
   *
   * @param {number} flags
   */
  [GET](flags) {
    const c = this.#contiguous("C");
    const f = this.#contiguous("F");
    if (wants(flags, WRITABLE) && this.#readonly) throw new BufferError("matrix is not writable");
    if (wants(flags, C_CONTIGUOUS) && !c) throw new BufferError("matrix is not C-contiguous");
    if (wants(flags, F_CONTIGUOUS) && !f) throw new BufferError("matrix is not Fortran contiguous");
    if (wants(flags, ANY_CONTIGUOUS) && !c && !f) throw new BufferError("matrix is not contiguous");
    if (!wants(flags, STRIDES) && !c) throw new BufferError("matrix is not C-contiguous");
    if (!wants(flags, ND) && wants(flags, FORMAT)) {
      throw new BufferError("matrix: cannot cast to unsigned bytes if the format flag is present");
    }
    this.#exports++;
    const shaped = wants(flags, ND);
    return {
      obj: this,
      memory: /** @type {ArrayBuffer} */ (this.#data.buffer),
      buf: this.#data.byteOffset + this.#offset * 8,
      len: this.#rows * this.#cols * 8,
      itemsize: 8,
      readonly: this.#readonly,
      format: wants(flags, FORMAT) ? "d" : null,
      ndim: shaped ? 2 : 1,
      shape: shaped ? [this.#rows, this.#cols] : null,
      strides: wants(flags, STRIDES) ? [this.#rowStride * 8, this.#colStride * 8] : null,
      suboffsets: null,
      internal: null,
    };
  }

  [RELEASE]() {
    this.#exports--;
  }
}
