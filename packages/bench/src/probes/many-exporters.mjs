/**
 * Why `memoryview(toExporter(x))` costs more in the full table than in a
 * process that runs only its rows: times it (scijs, 2-D doubles) against
 * its floor, core's `memoryview(Float64Array).cast("B").cast("d", shape)`,
 * first in a process that has made views of nothing else, then after views
 * of a few other exporters (an NDArray, a memoryview, a `fillInfo` exporter,
 * records spelled in other key orders, the other bridges). Their records
 * have other hidden classes, so the consumer's reads of a foreign record
 * (`getBuffer`'s snapshot and checks, then the view's layout) become
 * polymorphic, then megamorphic; a TypedArray's record is built by core and
 * skips them. The second state cannot be undone, so it comes second.
 * Interleaved rounds on CPU time, median of the per-round ratios.
 *
 * Run: `node packages/bench/src/probes/many-exporters.mjs` (after `npm run build`)
 */

import { fillInfo, getBufferSymbol, memoryview, NDArray } from "@pybuffer/core";

/** The bridges and libraries, loaded by name as the interop rows load them (src/cases/97-interop.mjs): no types to resolve. */
const load = (/** @type {string} */ specifier) => import(specifier);
const { toExporter } = await load("@pybuffer/interop/ndarray");
const { toExporter: stdlibExporter } = await load("@pybuffer/interop/stdlib-ndarray");
const { toExporter: arrowExporter } = await load("@pybuffer/interop/apache-arrow");
const { default: ndarray } = await load("ndarray");
const { default: StdlibNdarray } = await load("@stdlib/ndarray/ctor/lib/index.js");
const { makeVector } = await load("apache-arrow");

const SHAPE = [10, 100];
const data = new Float64Array(1000).map((_, i) => i);
const scijsArray = ndarray(data, SHAPE);

const ours = () => memoryview(toExporter(scijsArray));
const floor = () => memoryview(data).cast("B").cast("d", SHAPE);

/** Process CPU time in microseconds: other processes' load stays out. */
function cpu() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Nanoseconds per call of `f`, over at least 10 ms of CPU. */
function sample(/** @type {() => unknown} */ f) {
  let calls = 0;
  const start = cpu();
  let now;
  do {
    for (let i = 0; i < 500; i++) f();
    calls += 500;
    now = cpu();
  } while (now - start < 10_000);
  return ((now - start) * 1000) / calls;
}

/** Median of the per-round ratios ours/floor, and each side's median time. */
async function measure() {
  const ratios = [];
  const times = { ours: /** @type {number[]} */ ([]), floor: /** @type {number[]} */ ([]) };
  for (let round = 0; round < 21; round++) {
    const [a, b] = round % 2 === 0 ? [ours, floor] : [floor, ours];
    const first = sample(a);
    const second = sample(b);
    const [o, f] = round % 2 === 0 ? [first, second] : [second, first];
    times.ours.push(o);
    times.floor.push(f);
    ratios.push(o / f);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const median = (/** @type {number[]} */ values) => values.sort((x, y) => x - y)[values.length >> 1];
  return `ours ${median(times.ours).toFixed(0)} ns, floor ${median(times.floor).toFixed(0)} ns, ratio ${median(ratios).toFixed(2)}`;
}

/** Views of exporters whose records have other shapes than the bridge's. */
function viewOthers() {
  const record = (/** @type {object} */ obj, /** @type {Record<string, unknown>} */ extra) => ({
    ...extra,
    obj,
    memory: data.buffer,
    buf: 0,
    len: 8,
    itemsize: 8,
    readonly: true,
    format: "d",
    ndim: 1,
    shape: [1],
    strides: [8],
    suboffsets: null,
    internal: null,
  });
  const others = [
    new NDArray([1, 2, 3, 4], { shape: [2, 2], format: "i" }),
    memoryview(new Int32Array(8)).cast("B").cast("i", [2, 4]),
    { [getBufferSymbol](/** @type {number} */ flags) { return fillInfo(this, new ArrayBuffer(8), 0, 8, true, flags); } },
    { [getBufferSymbol]() { return record(this, { abi: "lp64" }); } },
    { [getBufferSymbol]() { return record(this, { format: "<d" }); } },
    stdlibExporter(new StdlibNdarray("float64", data, SHAPE, [100, 1], 0, "row-major")),
    arrowExporter(makeVector(data)),
  ];
  for (let i = 0; i < 2000; i++) for (const exporter of others) memoryview(exporter).release();
}

console.log(`only this bridge's exporters so far: ${await measure()}`);
viewOthers();
console.log(`after views of other exporters:     ${await measure()}`);
