#!/usr/bin/env node
/**
 * The main job until @pybuffer/conformance lands: every exporter that core
 * ships (the ECMAScript built-ins and NDArray in its C, Fortran, strided,
 * negative-stride, 0-d and PIL forms) is asked for a buffer with every
 * request-flag combination. Each answer must be a record that getBuffer's
 * validation accepts, or a BufferError; the bytes a valid record describes
 * must be the exporter's items; every successful get is released once.
 *
 * Runs against the built package (packages/core/dist), like a user would.
 * Exits 1 on any failure. Run with `npm run conformance`.
 */
import { BufferFlags, getBuffer, isPythonError, NDArray, NDArrayFlags, releaseBuffer, toContiguous } from "../packages/core/dist/index.js";

const REQUESTS = [
  "INDIRECT", "STRIDES", "ND", "SIMPLE", "C_CONTIGUOUS", "F_CONTIGUOUS", "ANY_CONTIGUOUS",
  "FULL", "FULL_RO", "RECORDS", "RECORDS_RO", "STRIDED", "STRIDED_RO", "CONTIG", "CONTIG_RO",
];
const EXTRAS = [0, BufferFlags.WRITABLE, BufferFlags.FORMAT, BufferFlags.WRITABLE | BufferFlags.FORMAT];

const items12 = Array.from({ length: 12 }, (_, i) => i);
/** Exporters with the C-order bytes their items must read as. */
const EXPORTERS = [
  ["Uint8Array", () => new Uint8Array(items12), Uint8Array.from(items12)],
  ["Int16Array", () => new Int16Array([1, -2, 3]), new Uint8Array(new Int16Array([1, -2, 3]).buffer)],
  ["Float64Array", () => new Float64Array([0.5, -1]), new Uint8Array(new Float64Array([0.5, -1]).buffer)],
  ["BigInt64Array", () => new BigInt64Array([1n, -1n]), new Uint8Array(new BigInt64Array([1n, -1n]).buffer)],
  ["DataView", () => new DataView(Uint8Array.from(items12).buffer, 2, 5), Uint8Array.from([2, 3, 4, 5, 6])],
  ["ArrayBuffer", () => Uint8Array.from(items12).buffer, Uint8Array.from(items12)],
  ["SharedArrayBuffer", () => { const s = new SharedArrayBuffer(3); new Uint8Array(s).set([7, 8, 9]); return s; }, Uint8Array.from([7, 8, 9])],
  ["NDArray C [3,4]", () => new NDArray(items12, { shape: [3, 4], flags: NDArrayFlags.WRITABLE }), Uint8Array.from(items12)],
  ["NDArray F [3,4]", () => new NDArray(items12, { shape: [3, 4], flags: NDArrayFlags.FORTRAN }),
    Uint8Array.from([0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11])],
  ["NDArray [6] stride 2", () => new NDArray(items12, { shape: [6], strides: [2] }), Uint8Array.from([0, 2, 4, 6, 8, 10])],
  ["NDArray [3,4] negative strides", () => new NDArray(items12, { shape: [3, 4], strides: [-4, -1], offset: 11 }),
    Uint8Array.from(items12).reverse()],
  ["NDArray 0-d 'q'", () => new NDArray(-5n, { shape: [], format: "q" }), new Uint8Array(new BigInt64Array([-5n]).buffer)],
  ["NDArray PIL [2,2,3]", () => new NDArray(items12, { shape: [2, 2, 3], flags: NDArrayFlags.PIL }), Uint8Array.from(items12)],
];

let passed = 0;
let failed = 0;
let refused = 0;
for (const [name, make, expected] of EXPORTERS) {
  const problems = [];
  for (const request of REQUESTS) {
    for (const extra of EXTRAS) {
      const flags = BufferFlags[request] | extra;
      const label = `${request}${extra & 1 ? "|WRITABLE" : ""}${extra & 4 ? "|FORMAT" : ""}`;
      let record;
      try {
        record = getBuffer(make(), flags);
      } catch (error) {
        if (isPythonError(error, "BufferError")) {
          refused++;
          continue;
        }
        problems.push(`${label}: threw ${error?.name}: ${error?.message}`);
        continue;
      }
      const bytes = toContiguous(record, "C");
      if (bytes.length !== expected.length || bytes.some((b, i) => b !== expected[i])) {
        problems.push(`${label}: items read as [${bytes}] instead of [${expected}]`);
      }
      releaseBuffer(record);
      if (record.obj !== null) problems.push(`${label}: release did not clear obj`);
    }
  }
  const requests = REQUESTS.length * EXTRAS.length;
  if (problems.length === 0) {
    passed++;
    console.log(`PASS ${name} (${requests} requests)`);
  } else {
    failed++;
    console.log(`FAIL ${name}\n  ${problems.join("\n  ")}`);
  }
}
console.log(`\nexporters: ${passed} passed, ${failed} failed (${refused} requests refused with BufferError, as allowed)`);
process.exitCode = failed === 0 ? 0 : 1;
