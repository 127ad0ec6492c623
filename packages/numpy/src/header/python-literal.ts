/**
 * A strict parser for the Python literals an `.npy` header holds: what
 * `ast.literal_eval` accepts of dicts, tuples, lists, strings, integers,
 * `True`, `False` and `None`, and nothing else. Nothing is evaluated; input
 * is untrusted, so nesting is bounded and every failure is NumPy's
 * ValueError "Cannot parse header: ..." (numpy/lib/_format_impl.py,
 * `_read_array_header`).
 *
 * @module
 */

import { ValueError } from "@pybuffer/core";
import { pythonStringRepr } from "@pybuffer/core/internal";

/** A Python literal: dict (a Map, keys in order), tuple, list, str, int, float, bool or None. */
export type PyLiteral =
  | string
  | bigint
  | boolean
  | null
  | PyFloat
  | PyTuple
  | PyLiteral[]
  | Map<PyLiteral, PyLiteral>;

/** A Python tuple (distinct from a list, as NumPy's header checks need). */
export class PyTuple {
  readonly items: readonly PyLiteral[];
  constructor(items: readonly PyLiteral[]) {
    this.items = items;
  }
}

/** A Python float, kept as written (headers hold none; NumPy names them in its messages). */
export class PyFloat {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

const MAX_DEPTH = 64;

/** Python's literal numbers, as sticky patterns matched where the parser stands. */
const FLOAT = /[-+]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][-+]?\d+)?(?![\w.])/y;
const INTEGER = /([-+]?)\s*(0|[1-9](?:_?\d)*)(?![\w.])/y;
const LONG_INTEGER = /([-+]?)\s*(0|[1-9]\d*)[lL](?![\w.])/y;
const WORD_CHARACTER = /\w/;

/** Python's whitespace between tokens: space, \t, \n, \v, \f, \r. */
function isBlank(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

class Parser {
  readonly text: string;
  /** Python 2 headers (format 1.0 and 2.0) may write `3L`; `_filter_header` drops the `L`. */
  readonly longSuffix: boolean;
  pos = 0;
  constructor(text: string, longSuffix: boolean) {
    this.text = text;
    this.longSuffix = longSuffix;
  }

  fail(): never {
    throw new SyntaxError("invalid literal");
  }

  blank(): void {
    while (this.pos < this.text.length && isBlank(this.text.charCodeAt(this.pos))) this.pos++;
  }

  value(depth: number): PyLiteral {
    if (depth > MAX_DEPTH) this.fail();
    this.blank();
    const ch = this.text[this.pos];
    if (ch === "{") return this.dict(depth);
    if (ch === "(") return this.sequence(depth, ")");
    if (ch === "[") return this.sequence(depth, "]");
    if (ch === "'" || ch === '"') return this.string();
    if (ch !== undefined && (ch === "-" || ch === "+" || ch === "." || (ch >= "0" && ch <= "9"))) return this.integer();
    if (this.word("True")) return true;
    if (this.word("False")) return false;
    if (this.word("None")) return null;
    return this.fail();
  }

  /** Consumes `name` when it stands here as a whole word. */
  word(name: string): boolean {
    if (!this.text.startsWith(name, this.pos) || WORD_CHARACTER.test(this.text[this.pos + name.length] ?? "")) return false;
    this.pos += name.length;
    return true;
  }

  dict(depth: number): Map<PyLiteral, PyLiteral> {
    this.pos++;
    const entries = new Map<PyLiteral, PyLiteral>();
    for (;;) {
      this.blank();
      if (this.text[this.pos] === "}") {
        this.pos++;
        return entries;
      }
      const key = this.value(depth + 1);
      // Only hashable keys: a str, int, bool, None or tuple of them (literal_eval raises TypeError otherwise).
      if (typeof key === "object" && key !== null) this.fail();
      this.blank();
      if (this.text[this.pos++] !== ":") this.fail();
      entries.set(key, this.value(depth + 1));
      this.blank();
      const next = this.text[this.pos++];
      if (next === "}") return entries;
      if (next !== ",") this.fail();
    }
  }

  sequence(depth: number, close: ")" | "]"): PyLiteral {
    this.pos++;
    const items: PyLiteral[] = [];
    let comma = false;
    for (;;) {
      this.blank();
      if (this.text[this.pos] === close) {
        this.pos++;
        break;
      }
      items.push(this.value(depth + 1));
      this.blank();
      const next = this.text[this.pos++];
      if (next === close) break;
      if (next !== ",") this.fail();
      comma = true;
    }
    if (close === "]") return items;
    // `(x)` is x itself; `(x,)` and `()` are tuples.
    return items.length === 1 && !comma ? items[0]! : new PyTuple(items);
  }

  integer(): bigint | PyFloat {
    const float = this.match(FLOAT);
    if (float !== null) {
      this.pos += float[0].length;
      return new PyFloat(float[0]);
    }
    const match = this.match(INTEGER);
    const longMatch = match === null && this.longSuffix ? this.match(LONG_INTEGER) : null;
    const found = match ?? longMatch;
    if (found === null) this.fail();
    this.pos += found[0].length;
    const magnitude = BigInt(found[2]!.replaceAll("_", ""));
    return found[1] === "-" ? -magnitude : magnitude;
  }

  /** `pattern` (sticky) matched at the current position, without copying the rest of the text. */
  match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text);
  }

  string(): string {
    const quote = this.text[this.pos]!;
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const end = triple ? quote.repeat(3) : quote;
    this.pos += end.length;
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) this.fail();
      if (this.text.startsWith(end, this.pos)) {
        this.pos += end.length;
        return out;
      }
      const ch = this.text[this.pos++]!;
      if (ch === "\n" && !triple) this.fail();
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      out += this.escape();
    }
  }

  escape(): string {
    const ch = this.text[this.pos++];
    const simple: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "" };
    if (ch === undefined) return this.fail();
    if (Object.hasOwn(simple, ch)) return simple[ch]!;
    const hex = (digits: number): string => {
      const text = this.text.slice(this.pos, this.pos + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(text)) this.fail();
      this.pos += digits;
      const point = Number.parseInt(text, 16);
      if (point > 0x10ffff) this.fail();
      return String.fromCodePoint(point);
    };
    if (ch === "x") return hex(2);
    if (ch === "u") return hex(4);
    if (ch === "U") return hex(8);
    if (ch >= "0" && ch <= "7") {
      let digits = ch;
      while (digits.length < 3 && /[0-7]/.test(this.text[this.pos] ?? "")) digits += this.text[this.pos++];
      return String.fromCodePoint(Number.parseInt(digits, 8));
    }
    return `\\${ch}`; // Python keeps an unknown escape as written
  }
}

/**
 * Parses `text` as one Python literal (surrounding blanks allowed).
 *
 * @throws ValueError "Cannot parse header: '...'" for anything else.
 */
export function parsePythonLiteral(text: string, options: { readonly longSuffix?: boolean } = {}): PyLiteral {
  const parser = new Parser(text, options.longSuffix ?? false);
  try {
    const value = parser.value(0);
    parser.blank();
    if (parser.pos !== text.length) parser.fail();
    return value;
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof RangeError) throw new ValueError(`Cannot parse header: ${pythonRepr(text)}`);
    throw error;
  }
}

/** Python's `repr` of a literal, for NumPy's messages and for writing headers. */
export function pythonRepr(value: PyLiteral): string {
  if (typeof value === "string") return pythonStringRepr(value);
  if (typeof value === "bigint") return value.toString();
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null) return "None";
  if (value instanceof PyFloat) return value.text;
  if (value instanceof PyTuple) {
    const items = value.items.map(pythonRepr);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  return `{${[...value].map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(", ")}}`;
}
