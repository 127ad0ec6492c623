/** `hex()`: two hex digits per byte, with and without a separator. */

import { Buffer } from "node:buffer";
import { memoryview } from "@pybuffer/core";
import { u8 } from "../lib/data.mjs";
import { defineCase } from "../lib/registry.mjs";

const DIGITS = new TextEncoder().encode("0123456789abcdef");
/** Both digits of each byte value, the first in the low byte. */
const PAIRS = new Uint16Array(256);
for (let byte = 0; byte < 256; byte++) PAIRS[byte] = /** @type {number} */ (DIGITS[byte >> 4]) | (/** @type {number} */ (DIGITS[byte & 15]) << 8);

export default [
  defineCase({
    name: "hex",
    group: "hex",
    unit: "bytes",
    targets: { floor: 1.5 },
    floorLabel: "Buffer#toString('hex')",
    setup(n) {
      const data = u8(n);
      return { buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength), m: memoryview(data) };
    },
    ours: ({ m }) => m.hex(),
    floor: ({ buffer }) => buffer.toString("hex"),
    python: { setup: "m = memoryview(u8(n))", stmt: "m.hex()" },
  }),
  defineCase({
    name: "hex with separator ':'",
    group: "hex",
    unit: "bytes",
    targets: { floor: 1.5 },
    floorLabel: "digit pairs from a table into bytes, one latin1 decode",
    setup(n) {
      const data = u8(n);
      return { n, data, m: memoryview(data) };
    },
    ours: ({ m }) => m.hex(":"),
    floor({ n, data }) {
      if (n === 0) return "";
      const length = 3 * n - 1;
      const out = new Uint8Array(length);
      let j = 0;
      for (let i = 0; i < n - 1; i++, j += 3) {
        const pair = /** @type {number} */ (PAIRS[/** @type {number} */ (data[i])]);
        out[j] = pair;
        out[j + 1] = pair >> 8;
        out[j + 2] = 58;
      }
      const pair = /** @type {number} */ (PAIRS[/** @type {number} */ (data[n - 1])]);
      out[j] = pair;
      out[j + 1] = pair >> 8;
      return Buffer.from(out.buffer, 0, length).toString("latin1");
    },
    python: { setup: "m = memoryview(u8(n))", stmt: "m.hex(':')" },
  }),
];
