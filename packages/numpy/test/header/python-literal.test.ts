/**
 * The header's literal parser takes Python literals and nothing else:
 * no names, calls, attribute access or operators; bounded nesting.
 */
import { describe, expect, it } from "vitest";
import { parsePythonLiteral, PyTuple, pythonRepr } from "../../src/header/python-literal.ts";

describe("parsePythonLiteral", () => {
  it("reads NumPy's header dicts", () => {
    const d = parsePythonLiteral("{'descr': [('a', '<i4'), ('b', '<f8', (2,))], 'fortran_order': False, 'shape': (3, 4), }   \n");
    expect(d).toBeInstanceOf(Map);
    const map = d as Map<unknown, unknown>;
    expect(map.get("fortran_order")).toBe(false);
    expect((map.get("shape") as PyTuple).items).toEqual([3n, 4n]);
    expect(pythonRepr(d)).toBe("{'descr': [('a', '<i4'), ('b', '<f8', (2,))], 'fortran_order': False, 'shape': (3, 4)}");
  });

  it("reads string escapes, both quotes and Python 2's long integers where asked", () => {
    expect(parsePythonLiteral(String.raw`'a\'b\x41\u00e9\n'`)).toBe("a'bAé\n");
    expect(parsePythonLiteral(`"it's"`)).toBe("it's");
    expect(parsePythonLiteral("(3L, 4)", { longSuffix: true })).toEqual(new PyTuple([3n, 4n]));
    expect(() => parsePythonLiteral("(3L, 4)")).toThrow("Cannot parse header");
  });

  it.each([
    "__import__('os').system('true')",
    "{'a': open('/etc/passwd')}",
    "{'a': 1 + 1}",
    "{'a': x}",
    "{'a': (1).__class__}",
    "{'a': 1} {'b': 2}",
    "{'a' 1}",
    "'unterminated",
    "{[1]: 2}",
    "",
  ])("refuses %j with NumPy's ValueError", (text) => {
    expect(() => parsePythonLiteral(text)).toThrow(/^Cannot parse header: /);
  });

  it("refuses nesting deeper than any header needs, without exhausting the stack", () => {
    expect(() => parsePythonLiteral("[".repeat(100_000))).toThrow(/^Cannot parse header: /);
    expect(parsePythonLiteral("[".repeat(10) + "]".repeat(10))).toEqual([[[[[[[[[[]]]]]]]]]]);
  });
});
