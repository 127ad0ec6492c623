/**
 * recordReader with hostile field names: every name is an own, enumerable
 * property holding its field's value, and none runs as code.
 */
import { describe, expect, it } from "vitest";
import { parseExtendedFormat, recordReader } from "../../src/index.ts";

describe("recordReader", () => {
  it.each([
    ["code", `"}); globalThis.pwned = 1; ({"`],
    ["a backquote and template", "`${globalThis.pwned = 1}`"],
    ["__proto__", "__proto__"],
    ["constructor", "constructor"],
    ["a line separator", "a\u2028b"],
    ["a lone surrogate", "\ud800"],
    ["an integer-like name", "7"],
  ])("keeps a field named with %s as data", (_label, name) => {
    const type = parseExtendedFormat(`T{<h:${name}:<h:other:}`);
    const record = recordReader(type)(new DataView(new Int16Array([5, 6]).buffer), 0) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(record, name)?.value).toBe(5);
    expect(record["other"]).toBe(6);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it("gives every record its own byte values, copied", () => {
    const bytes = new Uint8Array([1, 2, 0, 3, 4, 5]);
    const read = recordReader(parseExtendedFormat("3s"));
    const first = read(new DataView(bytes.buffer), 0) as Uint8Array;
    const second = read(new DataView(bytes.buffer), 3) as Uint8Array;
    bytes.fill(9);
    first[0] = 7;
    expect([[...first], [...second]]).toEqual([[7, 2], [3, 4, 5]]);
  });
});
