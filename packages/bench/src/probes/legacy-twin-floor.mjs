/**
 * The bench harness's own spread on the legacy rows: each row is run
 * through the harness's calibration and interleaved rounds
 * (`../lib/measure.mjs`, `../lib/rounds.mjs`, with the options of a full
 * run) with three columns, ours, the floor, and a twin of the floor (the
 * same code in a second closure). The twin's ratio to the floor is what
 * the method reports for two columns that do exactly the same work, so a
 * row's ours/floor can only be read against it. Repeated `--runs` times
 * (default 5), it prints each run's median ratio (21 rounds, as a full
 * bench run takes), and then the median over runs.
 *
 * No CPython column: it leaves the row's rounds to the in-process columns,
 * sampled on the wall clock as the bench samples them.
 *
 * What it showed (Node 20.20, 2 shared cores at a load of 5-8, December
 * 2026, three invocations): the twin, doing exactly the floor's work, came
 * out at 0.46-1.83x the floor in single runs at 10^3 bytes and 0.71-2.05x
 * at 10^5-10^6, so a single bench run cannot tell 1.1x from 1.0x on this
 * machine; over 5-7 runs ours/floor was 0.70-1.74 (twin 0.91-1.09) at 10^3,
 * 0.98-1.02 (twin 0.95-0.97) at 10^5 and 0.96-1.16 (twin 0.98-1.08) at
 * 10^6. At 16 bytes, where the allocation is small and the spread too,
 * ours/floor was 1.41 for slices and 1.27 for concatenation in every run
 * (twin 1.00-1.01): a fixed ~20 ns a call (for a slice, about 3 ns each
 * for the key's brand, the simple-slice test and the kept window's
 * validity, measured by removing each from a scratch build; the rest is
 * the calls and the bounds), 2-5% of a 10^3-byte call.
 *
 * Run: `npm run build && node packages/bench/src/probes/legacy-twin-floor.mjs [--runs R] [n ...]`
 * (n defaults to 1e3, 1e5 and 1e6).
 */

import { slice } from "@pybuffer/core";
import { buffer } from "@pybuffer/legacy-buffer";
import { u8 } from "../lib/data.mjs";
import { freshBytes, freshCopy } from "../lib/fresh-bytes.mjs";
import { calibrate, median, sampleOnce } from "../lib/measure.mjs";
import { roundRatios, runRounds } from "../lib/rounds.mjs";

/** The options of a full bench run (src/main.mjs). */
const FULL = { warmupMs: 100, minSampleMs: 10, minRounds: 7, maxRounds: 21, budgetMs: 600, maxCallMs: 2500 };

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt === -1 ? 5 : Number(args.splice(runsAt, 2)[1]);
const sizes = args.length > 0 ? args.map(Number) : [1e3, 1e5, 1e6];

/**
 * The columns of each row at `n`, each a function of the row's state.
 *
 * @param {number} n
 * @returns {Record<string, { state: object, columns: Record<string, (state: any) => unknown> }>}
 */
function rows(n) {
  const data = u8(n);
  const other = u8(n);
  /** @param {{ data: Uint8Array, other: Uint8Array, n: number }} state */
  const concatFloor = ({ data, other, n }) => {
    const out = freshBytes(2 * n);
    out.set(data);
    out.set(other, n);
    return out;
  };
  /** @param {{ data: Uint8Array, other: Uint8Array, n: number }} state */
  const concatTwin = ({ data, other, n }) => {
    const out = freshBytes(2 * n);
    out.set(data);
    out.set(other, n);
    return out;
  };
  return {
    "legacy buffer slice [1:-1]": {
      state: { n, data, b: buffer(data), key: slice(1, -1) },
      columns: {
        ours: ({ b, key }) => b.get(key),
        floor: ({ data, n }) => freshCopy(data, 1, n - 1),
        twin: ({ data, n }) => freshCopy(data, 1, n - 1),
      },
    },
    "legacy buffer concat": {
      state: { n, data, other, b: buffer(data) },
      columns: { ours: ({ b, other }) => b.concat(other), floor: concatFloor, twin: concatTwin },
    },
  };
}

console.log(`${RUNS} runs of ${FULL.maxRounds} rounds each, the bench's wall-clock samples of ${FULL.minSampleMs} ms; Node ${process.version}`);
console.log("| row | n | ours/floor per run | twin/floor per run | ours/floor over runs | twin/floor over runs |");
console.log("| --- | ---: | --- | --- | ---: | ---: |");
for (const n of sizes) {
  for (const [name, { state, columns }] of Object.entries(rows(n))) {
    /** @type {number[]} */ const ours = [];
    /** @type {number[]} */ const twin = [];
    for (let run = 0; run < RUNS; run++) {
      const prepared = Object.entries(columns).map(([key, fn]) => {
        const { inner } = calibrate(fn, state, FULL);
        return { key, inner, sample: () => sampleOnce(fn, state, inner) };
      });
      const { samples } = await runRounds(prepared, FULL);
      const floor = /** @type {number[]} */ (samples.get("floor"));
      ours.push(roundRatios(/** @type {number[]} */ (samples.get("ours")), floor)?.median ?? NaN);
      twin.push(roundRatios(/** @type {number[]} */ (samples.get("twin")), floor)?.median ?? NaN);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const list = (/** @type {number[]} */ values) => values.map((v) => v.toFixed(2)).join(" ");
    console.log(`| ${name} | ${n} | ${list(ours)} | ${list(twin)} | ${median(ours).toFixed(2)} | ${median(twin).toFixed(2)} |`);
  }
}
