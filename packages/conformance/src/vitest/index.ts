/**
 * `@pybuffer/conformance/vitest`: the suite inside an implementer's own
 * vitest run. One `describe` per adapter, one test per property (titled
 * `<id> [LEVEL]`, never with the seed), the same engine, seed rules and
 * baseline rules as the CLI and `runConformance`.
 *
 * @module
 */

import * as vitest from "vitest";
import { validateAdapter } from "../adapter/validate.ts";
import type { ConformanceAdapter, InstanceAdapter } from "../adapter/types.ts";
import { readTextFile } from "../engine/node-read.ts";
import { planAdapter, resolveSettings } from "../engine/plan.ts";
import type { RunOptions } from "../engine/run-options.ts";
import { runProperty } from "../engine/run-property.ts";
import { decide, staleEntries } from "../engine/verdict.ts";
import { clearEvaluations } from "../properties/group-evaluations.ts";
import { describeResult } from "../report/console.ts";
import type { PropertyResult } from "../report/types.ts";

/**
 * The parts of vitest the integration uses (inject them to use another copy, or a wrapper).
 *
 * @since 0.1.0
 */
export interface VitestApi {
  /** @since 0.1.0 */
  readonly describe: (name: string, body: () => void) => void;
  /** @since 0.1.0 */
  readonly test: (name: string, body: (context: vitest.TestContext) => unknown, timeout?: number) => void;
  /** @since 0.1.0 */
  readonly beforeAll: (body: () => unknown, timeout?: number) => void;
  /** @since 0.1.0 */
  readonly afterAll: (body: () => unknown, timeout?: number) => void;
}

/**
 * Options of {@link describeConformance}: the run options (no isolation: tests run in vitest's worker).
 *
 * @since 0.1.0
 */
export interface DescribeOptions extends Omit<RunOptions, "onEvent" | "isolation" | "adapters"> {
  /**
   * vitest's functions; default: imported from `vitest`.
   *
   * @since 0.1.0
   */
  readonly vitest?: VitestApi;
  /**
   * Called with each property's result (after the baseline).
   *
   * @since 0.1.0
   */
  readonly onResult?: (result: PropertyResult) => void;
  /**
   * Prefix of the describe titles; default `pybuffer-conformance`.
   *
   * @since 0.1.0
   */
  readonly title?: string;
}

/**
 * Registers the conformance suite for `adapters` in the current test file.
 * The seed is `options.seed`, else `CONFORMANCE_SEED`, else random; it is
 * printed when the suite is registered, before any test runs.
 *
 * A synchronous infinite loop in an exporter cannot be interrupted inside
 * vitest's worker; run the CLI (worker isolation) to bound it.
 *
 * @example
 * ```ts
 * // conformance.test.ts
 * import { describeConformance } from "@pybuffer/conformance/vitest";
 * import adapter from "./conformance.adapter.js";
 * describeConformance(adapter, { baseline: "conformance.baseline.json" });
 * ```
 *
 * @since 0.1.0
 */
export function describeConformance(
  adapters: ConformanceAdapter<any> | InstanceAdapter<any> | readonly (ConformanceAdapter<any> | InstanceAdapter<any>)[],
  options: DescribeOptions = {},
): void {
  const api: VitestApi = options.vitest ?? {
    describe: (name, body) => vitest.describe(name, body),
    test: (name, body, timeout) => vitest.test(name, body, timeout),
    beforeAll: (body, timeout) => vitest.beforeAll(body, timeout),
    afterAll: (body, timeout) => vitest.afterAll(body, timeout),
  };
  const list = (Array.isArray(adapters) ? adapters : [adapters]) as readonly object[];
  const validated = list.map((a) => validateAdapter(a));
  const settings = resolveSettings(options, validated.map((v) => v.name), readTextFile);
  console.info(
    `[pybuffer-conformance] seed ${settings.seed} (replay with CONFORMANCE_SEED=${settings.seed}); profile ${settings.profile.name}, ${settings.numRuns} cases per property`,
  );
  for (const adapter of validated) {
    api.describe(`${options.title ?? "pybuffer-conformance"}: ${adapter.name}`, () => {
      const planned = planAdapter(adapter, settings);
      const results: PropertyResult[] = [];
      api.beforeAll(async () => {
        await adapter.adapter.setup?.();
      });
      api.afterAll(async () => {
        clearEvaluations(adapter);
        await adapter.adapter.teardown?.();
      });
      for (const p of planned) {
        api.test(
          `${p.property.id} [${p.property.level}]`,
          (context) => {
            const raw = p.skip ?? runProperty(adapter, p.property, p.options);
            const result = decide(adapter.name, p.property, raw, p.plan);
            results.push(result);
            options.onResult?.(result);
            if (result.status === "skipped") {
              context.skip(`${result.skip?.kind}: ${result.skip?.reason}`);
              return;
            }
            const replay = (r: PropertyResult): string[] => {
              const f = r.failure;
              if (!f) return [];
              const commands: string[] = [];
              if (f.path !== null && !f.pinned) commands.push(`replay(adapter, ${JSON.stringify(r.id)}, { seed: ${f.seed}, path: ${JSON.stringify(f.path)} })`);
              if (f.counterexample !== null) commands.push(`replay(adapter, ${JSON.stringify(r.id)}, { case: ${JSON.stringify(f.counterexample)} })`);
              return commands;
            };
            const text = describeResult(result, { replay });
            if (result.gating) throw new Error(`\n${text}`);
            if (result.status !== "pass" && typeof context.annotate === "function") void context.annotate(text, result.status);
          },
          settings.timeoutMs + 10_000,
        );
      }
      api.test("baseline has no stale entries", () => {
        const stale = staleEntries(settings.baseline, [
          { name: adapter.name, capabilities: adapter.capabilities, rawAccess: "exporter method", durationMs: 0, errors: [], results },
        ]);
        if (stale.length > 0) {
          throw new Error(`stale baseline entries (nothing they list fails any more; remove them): ${stale.map((e) => e.id).join(", ")}`);
        }
      });
    });
  }
}
