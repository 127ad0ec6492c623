/**
 * `@pybuffer/legacy-buffer`: slicing and concatenation of Python 2's buffer
 * object (each returns new bytes). Python 3 has no `buffer`; the Python
 * columns run the Python 3 equivalent over a memoryview (`m[a:b].tobytes()`,
 * `b''.join((m, other))`), which copies the same bytes.
 */

import { slice } from "@pybuffer/core";
import { u8 } from "../lib/data.mjs";
import { freshBytes, freshCopy } from "../lib/fresh-bytes.mjs";
import { defineCase, optionalImport, unavailableCase } from "../lib/registry.mjs";

const NAMES = ["legacy buffer slice [1:-1]", "legacy buffer slice [::2]", "legacy buffer concat"];

export default async () => {
  const imported = await optionalImport("@pybuffer/legacy-buffer", ["buffer"]);
  if ("unavailable" in imported) return NAMES.map((name) => unavailableCase(name, "legacy-buffer", imported.unavailable));
  /** @type {(object: unknown) => { get(key: unknown): Uint8Array, concat(other: unknown): Uint8Array }} */
  const buffer = imported.module["buffer"];
  return [
    defineCase({
      name: "legacy buffer slice [1:-1]",
      group: "legacy-buffer",
      unit: "bytes",
      targets: { floor: 1.1 },
      floorLabel: "a fresh exclusive copy: Uint8Array#slice, from 64 KiB Buffer.allocUnsafeSlow + set",
      setup(n) {
        const data = u8(n);
        return { n, data, b: buffer(data), key: slice(1, -1) };
      },
      ours: ({ b, key }) => b.get(key),
      floor: ({ data, n }) => freshCopy(data, 1, n - 1),
      python: { setup: "m = memoryview(u8(n))", stmt: "m[1:-1].tobytes()" },
    }),
    defineCase({
      name: "legacy buffer slice [::2]",
      group: "legacy-buffer",
      unit: "bytes",
      floorLabel: "Uint8Array gather loop",
      setup(n) {
        const data = u8(n);
        return { n, data, b: buffer(data), key: slice(null, null, 2) };
      },
      ours: ({ b, key }) => b.get(key),
      floor({ data, n }) {
        const out = new Uint8Array((n + 1) >> 1);
        for (let i = 0, j = 0; j < n; i++, j += 2) out[i] = /** @type {number} */ (data[j]);
        return out;
      },
      python: { setup: "m = memoryview(u8(n))", stmt: "m[::2].tobytes()" },
    }),
    defineCase({
      name: "legacy buffer concat",
      group: "legacy-buffer",
      unit: "bytes",
      targets: { floor: 1.1 },
      floorLabel: "a fresh exclusive array (unzeroed from 64 KiB) + two #set",
      setup(n) {
        const data = u8(n);
        const other = u8(n);
        return { n, data, other, b: buffer(data) };
      },
      ours: ({ b, other }) => b.concat(other),
      floor({ data, other, n }) {
        const out = freshBytes(2 * n);
        out.set(data);
        out.set(other, n);
        return out;
      },
      python: { setup: "m = memoryview(u8(n))\nother = bytes(u8(n))", stmt: "b''.join((m, other))" },
    }),
  ];
};
