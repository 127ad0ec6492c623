/**
 * Whether core's strided copy keeps each word size's speed in a process
 * that has copied other word sizes too. A strided gather (`toContiguous`
 * of `m[::2]`) moves items as 2-, 4- or 8-byte integer words; when one
 * loop served every element kind (Uint16Array, Uint32Array,
 * BigUint64Array), its keyed loads and stores went polymorphic as soon as
 * a second kind passed, and every later gather paid for it (an 8-byte
 * gather about 2.5x slower). Closures made by one factory would not help:
 * V8 keeps the feedback and optimized code of a function literal's
 * closures together.
 *
 * For each word size this runs a fresh Node process that times the gather
 * of n items of that size alone (CPU time, median of 15 samples of at
 * least 10 ms, yielding between samples as the bench does), then gathers
 * the other two sizes until the engine has optimized them, then times the
 * first size again. The last column is after/alone: about 1 when each
 * size has its own monomorphic loop.
 *
 * Run: `npm run build && node packages/bench/src/probes/word-copy-kinds.mjs [--core <dist/index.js>] [n]`
 * (n defaults to 1e5; `--core` times another build of `@pybuffer/core`,
 * made as `ab-builds.mjs` describes, for a before/after).
 */

import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve } from "node:path";

const WORD_SIZES = [2, 4, 8];
const FORMATS = { 2: "H", 4: "I", 8: "Q" };
const SAMPLES = 15;
const SAMPLE_CPU_US = 10_000;

/** Calls `action` until SAMPLE_CPU_US of CPU time are spent; ns of CPU time per call. */
function cpuSample(/** @type {() => unknown} */ action) {
  const start = process.cpuUsage();
  let calls = 0;
  let spent = 0;
  while (spent < SAMPLE_CPU_US) {
    action();
    calls++;
    const used = process.cpuUsage(start);
    spent = used.user + used.system;
  }
  return (spent / calls) * 1e3;
}

/** Median of SAMPLES CPU-time samples of `action`, with a turn of the event loop between them. */
async function medianNs(/** @type {() => unknown} */ action) {
  for (let i = 0; i < 300; i++) action();
  const times = [];
  for (let s = 0; s < SAMPLES; s++) {
    times.push(cpuSample(action));
    await new Promise((resolve) => setImmediate(resolve));
  }
  times.sort((a, b) => a - b);
  return /** @type {number} */ (times[SAMPLES >> 1]);
}

/**
 * The gather of `m[::2]` over n items of `word` bytes into a reused target.
 *
 * @param {typeof import("@pybuffer/core")} core
 * @param {number} word
 * @param {number} n
 */
function gatherOf(core, word, n) {
  const bytes = new Uint8Array(2 * n * word).map((_, i) => (i * 131 + 7) & 255);
  const view = core.memoryview(bytes).cast(FORMATS[/** @type {2 | 4 | 8} */ (word)]).get(core.slice(null, null, 2));
  const record = core.getBuffer(view, core.BufferFlags.FULL_RO);
  const target = new Uint8Array(n * word);
  return () => core.toContiguous(record, "C", target);
}

const args = process.argv.slice(2);
if (args[0] === "--child") {
  const [, wordArg, entry, nArg] = args;
  /** @type {typeof import("@pybuffer/core")} */
  const core = await import(entry === "-" ? "@pybuffer/core" : pathToFileURL(resolve(/** @type {string} */ (entry))).href);
  const word = Number(wordArg);
  const n = Number(nArg);
  const alone = await medianNs(gatherOf(core, word, n));
  for (const other of WORD_SIZES.filter((w) => w !== word)) await medianNs(gatherOf(core, other, n));
  const after = await medianNs(gatherOf(core, word, n));
  console.log(JSON.stringify({ alone, after }));
} else {
  const coreAt = args.indexOf("--core");
  const entry = coreAt === -1 ? "-" : /** @type {string} */ (args.splice(coreAt, 2)[1]);
  const n = Number(args[0] ?? 1e5);
  const self = fileURLToPath(import.meta.url);
  /** @param {number} ns */
  const us = (ns) => `${(ns / 1e3).toFixed(1)} µs`;
  console.log(`core: ${entry === "-" ? "this workspace's build" : entry}, n = ${n}`);
  console.log("| word | alone | after the other sizes | after/alone |");
  console.log("| ---: | ---: | ---: | ---: |");
  for (const word of WORD_SIZES) {
    const child = spawnSync(process.execPath, [self, "--child", String(word), entry, String(n)], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(child.stderr);
    const { alone, after } = JSON.parse(child.stdout);
    console.log(`| ${word} B | ${us(alone)} | ${us(after)} | ${(after / alone).toFixed(2)} |`);
  }
}
