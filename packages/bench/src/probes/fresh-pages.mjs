/**
 * Why `saveNpy` of 10^5 and 10^6 items trails NumPy's `np.save` into a
 * `BytesIO`: every new result's pages are fresh. V8 frees dead ArrayBuffers
 * in batches when it collects garbage, glibc then hands the top of its heap
 * back to the kernel (the freed block exceeds its trim threshold), and the
 * next result faults every page in again, zeroed by the kernel. CPython frees
 * each result at once, so the next `malloc` gets the same warm pages.
 *
 * For each size this prints, per call, the median time and the minor page
 * faults of: `saveNpy` of `f64(2n)[::2]`; the floor's gather loop into a
 * fresh unzeroed buffer; the same loop into one reused buffer; and, when a
 * `python3` with NumPy is on the PATH (or `PYBUFFER_BENCH_PYTHON`), NumPy's
 * `np.save` as the bench row runs it.
 *
 * A second table gathers into a fresh buffer from each allocation a result
 * can own (never a view into a pool): `Buffer.allocUnsafeSlow` (malloc,
 * what saveNpy uses), `new ArrayBuffer` (calloc), `new Uint8Array`, and a
 * resizable `ArrayBuffer` (V8 reserves and commits its pages itself). Every
 * one faults its pages in again.
 *
 * Run: `npm run build && node packages/bench/src/probes/fresh-pages.mjs [n ...]` (n defaults to 1e5 and 1e6).
 * Run it again with
 * `GLIBC_TUNABLES=glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432`
 * (glibc keeps freed heap and serves these sizes from it) and the faults go.
 */

import { spawnSync } from "node:child_process";
import { Buffer } from "node:buffer";
import { memoryview, slice } from "@pybuffer/core";
import { f64 } from "../lib/data.mjs";
import { optionalImport } from "../lib/registry.mjs";

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1e5, 1e6];
const imported = await optionalImport("@pybuffer/numpy", ["saveNpy"]);
/** @type {((exporter: unknown) => Uint8Array) | undefined} */
const saveNpy = "module" in imported ? imported.module["saveNpy"] : undefined;
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Median time per call and page faults per call over 21 samples of at
 * least 10 ms, yielding to the event loop between samples as the bench does.
 *
 * @param {() => unknown} action
 */
async function measure(action) {
  for (let i = 0; i < 20; i++) action();
  await nextTask();
  const samples = [];
  let calls = 0;
  const before = process.resourceUsage().minorPageFault;
  for (let sample = 0; sample < 21; sample++) {
    let count = 0;
    const start = performance.now();
    let elapsed;
    do {
      action();
      count++;
      elapsed = performance.now() - start;
    } while (elapsed < 10);
    samples.push((elapsed / count) * 1e3);
    calls += count;
    await nextTask();
  }
  samples.sort((a, b) => a - b);
  return { us: samples[10] ?? NaN, faults: (process.resourceUsage().minorPageFault - before) / calls };
}

/** @param {number} n */
function numpySave(n) {
  const code =
    "import io, resource, time, numpy as np\n" +
    `n = ${n}\nview = np.frombuffer(np.random.rand(2 * n).tobytes(), dtype='<f8')[::2]\n` +
    "def save():\n    out = io.BytesIO(); np.save(out, view); out.getvalue()\n" +
    "for _ in range(20): save()\nsamples = []; calls = 0; before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n" +
    "for _ in range(21):\n    count = 0; start = time.perf_counter()\n    while True:\n        save(); count += 1; elapsed = time.perf_counter() - start\n        if elapsed >= 0.01: break\n" +
    "    samples.append(elapsed / count * 1e6); calls += count\n" +
    "samples.sort(); print(samples[10], (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / calls)";
  const python = spawnSync(process.env["PYBUFFER_BENCH_PYTHON"] || "python3", ["-c", code], { encoding: "utf8" });
  if (python.status !== 0) return undefined;
  const [us, faults] = python.stdout.trim().split(" ").map(Number);
  return { us: us ?? NaN, faults: faults ?? NaN };
}

/** @param {{ us: number, faults: number } | undefined} result */
const cell = (result) => (result === undefined ? "absent | absent" : `${result.us.toFixed(1)} µs | ${result.faults.toFixed(0)}`);

console.log("| n | pages | saveNpy | faults | floor loop, fresh buffer | faults | floor loop, reused buffer | faults | NumPy np.save to BytesIO | faults |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const n of sizes) {
  const data = f64(2 * n);
  const view = memoryview(data).get(slice(null, null, 2));
  const gather = (/** @type {Float64Array} */ out) => {
    for (let i = 0; i < n; i++) out[i] = /** @type {number} */ (data[2 * i]);
  };
  const reused = new Float64Array(n + 16);
  const ours = saveNpy === undefined ? undefined : await measure(() => saveNpy(view));
  const fresh = await measure(() => gather(new Float64Array(Buffer.allocUnsafeSlow(8 * n + 128).buffer, 128, n)));
  const warm = await measure(() => gather(reused.subarray(16)));
  const pages = Math.ceil((8 * n + 128) / 4096);
  console.log(`| ${n} | ${pages} | ${cell(ours)} | ${cell(fresh)} | ${cell(warm)} | ${cell(numpySave(n))} |`);
}

console.log("");
console.log("| n | allocation | gather into it | faults |");
console.log("| ---: | --- | ---: | ---: |");
for (const n of sizes) {
  const data = f64(2 * n);
  const bytes = 8 * n + 128;
  /** @param {ArrayBufferLike} memory */
  const gather = (memory) => {
    const out = new Float64Array(memory, 128, n);
    for (let i = 0; i < n; i++) out[i] = /** @type {number} */ (data[2 * i]);
  };
  /** @type {Record<string, () => void>} */
  const allocations = {
    "Buffer.allocUnsafeSlow": () => gather(Buffer.allocUnsafeSlow(bytes).buffer),
    "new ArrayBuffer": () => gather(new ArrayBuffer(bytes)),
    "new Uint8Array": () => gather(new Uint8Array(bytes).buffer),
    "resizable ArrayBuffer": () => gather(new ArrayBuffer(bytes, { maxByteLength: bytes })),
  };
  for (const [name, action] of Object.entries(allocations)) console.log(`| ${n} | ${name} | ${cell(await measure(action))} |`);
}
