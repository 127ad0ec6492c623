/**
 * NumPy as the oracle, where python3 has it: loads files and reports their
 * dtype descr, shape and tagged tolist() (core's scripts/numpy_values.py).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** python3 with NumPy, or why not. */
export function numpyPython(): string | null {
  const probe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
  return probe.status === 0 ? null : `python3 with NumPy is not installed here (${(probe.stderr || String(probe.error)).trim().split("\n").pop()})`;
}

/** Loads each file with NumPy; values tagged by core's scripts/numpy_values.py (its folder is argv[1]). */
const NUMPY_READER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import numpy as np
from numpy_values import tag
out = []
for path in sys.argv[2:]:
    a = np.load(path, allow_pickle=False)
    out.append({"descr": np.lib.format.dtype_to_descr(a.dtype), "shape": list(a.shape), "tolist": tag(a.tolist())})
print(json.dumps(out))
`;
const CORE_SCRIPTS = fileURLToPath(new URL("../../../core/scripts", import.meta.url));

/** NumPy's view of each file: `np.load(path, allow_pickle=False)`; throws with python's stderr when it fails. */
export function numpyLoads(paths: readonly string[]): { descr: unknown; shape: number[]; tolist: unknown }[] {
  const run = spawnSync("python3", ["-c", NUMPY_READER, CORE_SCRIPTS, ...paths], { encoding: "utf8" });
  if (run.status !== 0 || run.stderr !== "") throw new Error(`numpy.load failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { descr: unknown; shape: number[]; tolist: unknown }[];
}
