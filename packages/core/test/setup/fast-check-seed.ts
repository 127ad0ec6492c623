/**
 * One seed for every property in a run, so CI is repeatable: the
 * differential suites also guard that their generators reach every CPython
 * answer they target, and a random seed would make those guards flaky.
 * Explore new cases with `FC_SEED=<n> npm run test:unit`; the seed in use is
 * printed in every failure.
 */
import fc from "fast-check";

const seed = Number.parseInt(process.env["FC_SEED"] ?? "3118", 10);
fc.configureGlobal({ seed: Number.isNaN(seed) ? 3118 : seed });
