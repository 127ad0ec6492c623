/**
 * Import-cycle and layering check over every package (`npm run check:deps`,
 * part of `npm test`). Layers import downward only (DESIGN.md), so any cycle
 * is a layering mistake, and core's folders are its layers. Every cycle fails
 * the check, cycles made only of `import type` too (they vanish at run time,
 * but still show code asking about a layer above it).
 *
 * @type {import("dependency-cruiser").IConfiguration}
 */
const CORE = "^packages/core/src/";

/** Core's layers, bottom up (DESIGN.md): each may import only the ones before it. */
const layerRule = (name, layer, above) => ({
  name,
  severity: "error",
  comment: `core/src/${layer}/ is below ${above.join(", ")}: import downward only.`,
  from: { path: `${CORE}${layer}/` },
  to: { path: `${CORE}(${above.join("|")})/` },
});

module.exports = {
  forbidden: [
    layerRule("core-format-layer", "format", ["pep3118", "protocol", "arguments", "struct", "memoryview", "ndarray"]),
    // PEP 3118's extended grammar (NumPy's formats) sits on the format layer, below the protocol that validates with it.
    layerRule("core-pep3118-layer", "pep3118", ["protocol", "arguments", "struct", "memoryview", "ndarray"]),
    layerRule("core-protocol-layer", "protocol", ["arguments", "struct", "memoryview", "ndarray"]),
    layerRule("core-arguments-layer", "arguments", ["struct", "memoryview", "ndarray"]),
    layerRule("core-struct-layer", "struct", ["memoryview", "ndarray"]),
    {
      name: "no-runtime-cycle",
      severity: "error",
      comment: "A run-time import cycle: module evaluation order decides what is initialised. Move the shared piece down a layer.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-type-cycle",
      severity: "error",
      comment: "An import cycle through `import type` only: no run-time effect, but a lower layer names a higher one.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports are part of the graph, so type-only cycles are seen too.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules|coverage)/" },
    tsConfig: { fileName: "tsconfig.base.json" },
  },
};
