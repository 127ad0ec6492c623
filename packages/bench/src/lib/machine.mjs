/**
 * The machine and the versions a run was made on.
 *
 * @module
 */

import { readFileSync } from "node:fs";
import os from "node:os";

/**
 * @typedef {object} Machine
 * @property {string} cpu        the CPU model
 * @property {number} cores      logical CPUs
 * @property {number} memoryGiB
 * @property {string} os
 * @property {string} node
 * @property {string} v8
 * @property {number[]} loadAverageStart  1, 5 and 15 minute load averages when the run started
 */

/** @returns {Machine} */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpuModel(cpus[0]?.model),
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverageStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** The 1, 5 and 15 minute load averages, rounded. */
export function loadAverage() {
  return os.loadavg().map((x) => Math.round(x * 100) / 100);
}

/**
 * os.cpus() can be terse in VMs ("AMD EPYC"); /proc/cpuinfo may say more.
 *
 * @param {string | undefined} model
 * @returns {string}
 */
function cpuModel(model) {
  const fromNode = (model ?? "unknown").trim();
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const family = info.match(/^cpu family\s*:\s*(\d+)/m)?.[1];
    const modelNumber = info.match(/^model\s*:\s*(\d+)/m)?.[1];
    const mhz = info.match(/^cpu MHz\s*:\s*([\d.]+)/m)?.[1];
    const details = [
      family !== undefined && modelNumber !== undefined ? `family ${family} model ${modelNumber}` : undefined,
      mhz !== undefined ? `${Math.round(Number(mhz))} MHz` : undefined,
    ].filter((x) => x !== undefined);
    return details.length > 0 ? `${fromNode} (${details.join(", ")})` : fromNode;
  } catch {
    return fromNode;
  }
}
