/** Slice assignment: `m.set(slice(...), source)` from another exporter of the same structure. */

import { memoryview, slice } from "@pybuffer/core";
import { f64 } from "../lib/data.mjs";
import { defineCase } from "../lib/registry.mjs";

export default [
  defineCase({
    name: "slice assign [:] contiguous",
    group: "slice assignment",
    floorLabel: "Float64Array#set",
    setup(n) {
      const source = f64(n);
      const oursTarget = new Float64Array(n);
      return { source, oursTarget, floorTarget: new Float64Array(n), m: memoryview(oursTarget), all: slice(null, null) };
    },
    ours({ m, all, source, oursTarget }) {
      m.set(all, source);
      return oursTarget;
    },
    floor({ source, floorTarget }) {
      floorTarget.set(source);
      return floorTarget;
    },
    python: { setup: "source = f64(n)\nm = memoryview(array('d', bytes(8 * n)))", stmt: "m[:] = source" },
  }),
  defineCase({
    name: "slice assign [::2] strided",
    group: "slice assignment",
    floorLabel: "Float64Array scatter loop",
    setup(n) {
      const source = f64(n);
      const oursTarget = new Float64Array(2 * n);
      return { n, source, oursTarget, floorTarget: new Float64Array(2 * n), m: memoryview(oursTarget), every2: slice(null, null, 2) };
    },
    ours({ m, every2, source, oursTarget }) {
      m.set(every2, source);
      return oursTarget;
    },
    floor({ n, source, floorTarget }) {
      for (let i = 0; i < n; i++) floorTarget[2 * i] = /** @type {number} */ (source[i]);
      return floorTarget;
    },
    python: { setup: "source = f64(n)\nm = memoryview(array('d', bytes(16 * n)))", stmt: "m[::2] = source" },
  }),
];
