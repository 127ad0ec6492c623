/**
 * Python's `repr` of a `str`, for messages that quote text the way CPython
 * does (`unicode_repr` in Objects/unicodeobject.c): single quotes unless the
 * text holds a `'` and no `"`, backslash escapes for the quote, `\`, `\n`,
 * `\r`, `\t`, and `\x..`/`\u....` for control characters and lone surrogates.
 *
 * @module
 */

/**
 * `repr(text)` as Python writes it (every printable character kept as is).
 *
 * @example
 * ```ts
 * import { pythonStringRepr } from "@pybuffer/core/internal";
 * pythonStringRepr("it's\n"); // "\"it's\\n\""
 * ```
 */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === "\\" || ch === quote) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp >= 0xd800 && cp < 0xe000) out += `\\u${cp.toString(16)}`;
    else out += ch;
  }
  return out + quote;
}
