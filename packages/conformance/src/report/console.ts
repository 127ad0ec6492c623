/**
 * The live console report: the seed before anything runs, progress on long
 * runs, every failure with its reproduction as soon as it happens, and a
 * summary table with the verdict.
 *
 * @module
 */

import type { RunEvent } from "../engine/run-options.ts";
import { CONTRACT_VERSION, SUITE_NAME, SUITE_VERSION } from "../version.ts";
import type { ConformanceReport, PropertyResult, Status } from "./types.ts";

/**
 * How the console report writes.
 *
 * @since 0.1.0
 */
export interface ConsoleOptions {
  /**
   * Writes text (no newline added).
   *
   * @since 0.1.0
   */
  readonly write: (text: string) => void;
  /**
   * Whether the output is a terminal (progress redraws one line).
   *
   * @since 0.1.0
   */
  readonly tty?: boolean;
  /**
   * Whether to use ANSI colours.
   *
   * @since 0.1.0
   */
  readonly color?: boolean;
  /**
   * Print every property, not only failures.
   *
   * @since 0.1.0
   */
  readonly verbose?: boolean;
  /**
   * Print only gating results, adapter errors and the verdict line (overrides `verbose`).
   *
   * @since 0.1.0
   */
  readonly quiet?: boolean;
  /**
   * Replay commands for a failure (the CLI knows the adapter module's path).
   *
   * @since 0.1.0
   */
  readonly replay?: (result: PropertyResult) => readonly string[];
  /**
   * Seconds between progress lines when not on a terminal.
   *
   * @since 0.1.0
   */
  readonly progressEverySeconds?: number;
}

/**
 * A console reporter: feed it the run's events, then the report for the summary.
 *
 * @since 0.1.0
 */
export interface ConsoleReporter {
  /** @since 0.1.0 */
  readonly onEvent: (event: RunEvent) => void;
  /** @since 0.1.0 */
  readonly summary: (report: ConformanceReport) => void;
}

const SHOWN: ReadonlySet<Status> = new Set(["fail", "error", "timeout", "unexpected-pass", "flaky", "expected-failure"]);

/**
 * A failure (or another notable result) with its rule, message, counterexample, seed, replay commands and spec references.
 *
 * @since 0.1.0
 */
export function describeResult(r: PropertyResult, options: { readonly color?: boolean; readonly replay?: (result: PropertyResult) => readonly string[] } = {}): string {
  const paint = (code: number, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const red = (t: string): string => paint(31, t);
  const yellow = (t: string): string => paint(33, t);
  const dim = (t: string): string => paint(2, t);
  const tag =
    r.status === "unexpected-pass" ? red("STALE") : r.status === "expected-failure" ? yellow("XFAIL") : r.status === "flaky" ? yellow("FLAKY") : r.gating ? red(r.status.toUpperCase()) : yellow(`${r.status.toUpperCase()} (${r.level}, does not gate)`);
  const lines = [`  ${tag} [${r.level}] ${r.id}${r.failure ? ` ${dim(`(check ${r.failure.check})`)}` : ""}`];
  if (r.status === "expected-failure" || r.status === "flaky") {
    lines.push(dim(`    ${r.baseline?.note ?? ""}: ${r.baseline?.reason ?? ""}${r.baseline?.issue ? ` ${r.baseline.issue}` : ""}`));
    return lines.join("\n");
  }
  if (r.status === "unexpected-pass") {
    lines.push(`    ${r.baseline?.entry}: ${r.baseline?.note}`);
    return lines.join("\n");
  }
  lines.push(dim(`    rule: ${r.rule}`));
  const f = r.failure;
  if (f) {
    lines.push(`    ${f.message.split("\n").join("\n    ")}`);
    if (f.counterexample) lines.push(`    counterexample: ${JSON.stringify(f.counterexample)}`);
    const facts = [`seed ${f.seed}`];
    if (f.path) facts.push(`path "${f.path}"`);
    if (f.propertySeed) facts.push(`fast-check seed ${f.propertySeed}`);
    if (f.numRuns) facts.push(`${f.numRuns} case${f.numRuns === 1 ? "" : "s"}`);
    if (f.numShrinks) facts.push(`${f.numShrinks} shrink${f.numShrinks === 1 ? "" : "s"}`);
    if (f.pinned) facts.push("from the regression file");
    lines.push(dim(`    ${facts.join(" · ")}`));
    const replay = options.replay?.(r) ?? [];
    replay.forEach((command, i) => lines.push(`    ${i === 0 ? "replay:" : "    or:"} ${command}`));
    if (f.stack) lines.push(dim(`    ${f.stack.split("\n").slice(0, 6).join("\n    ")}`));
  }
  for (const ref of r.specRefs) lines.push(dim(`    spec: ${ref.label} ${ref.url}`));
  if (r.baseline) lines.push(dim(`    baseline: ${r.baseline.entry}: ${r.baseline.note}`));
  return lines.join("\n");
}

/** @since 0.1.0 */
export function consoleReporter(options: ConsoleOptions): ConsoleReporter {
  const { write } = options;
  const paint = (code: number, text: string): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const red = (t: string): string => paint(31, t);
  const green = (t: string): string => paint(32, t);
  const yellow = (t: string): string => paint(33, t);
  const dim = (t: string): string => paint(2, t);
  let progressLine = false;
  let lastProgress = 0;
  let adapterLabel = "";
  const clearProgress = (): void => {
    if (progressLine) {
      write("\r\u001b[2K");
      progressLine = false;
    }
  };

  const onEvent = (event: RunEvent): void => {
    if (options.quiet) {
      quietEvent(event);
      return;
    }
    switch (event.type) {
      case "run-start":
        write(`${SUITE_NAME} ${SUITE_VERSION} (property contract ${CONTRACT_VERSION})\n`);
        write(`seed: ${event.seed}  (replay this run with --seed ${event.seed}, or CONFORMANCE_SEED=${event.seed})\n`);
        write(
          dim(`profile ${event.profile.name}: ${event.numRuns} cases per property, ${event.timeoutMs} ms per property, isolation ${event.isolation}, ${event.adapters.length} adapter${event.adapters.length === 1 ? "" : "s"}\n`),
        );
        break;
      case "adapter-start":
        clearProgress();
        adapterLabel = `[${event.index + 1}/${event.count}] ${event.adapter}`;
        write(`\n${adapterLabel}: ${event.properties} properties to run\n`);
        lastProgress = performance.now();
        break;
      case "property-end": {
        const r = event.result;
        if (SHOWN.has(r.status)) {
          clearProgress();
          write(`${describeResult(r, { color: options.color === true, ...(options.replay ? { replay: options.replay } : {}) })}\n`);
        } else if (options.verbose && r.status !== "skipped") {
          clearProgress();
          write(`  ${green("PASS")} [${r.level}] ${r.id} ${dim(`${r.durationMs} ms`)}\n`);
        } else if (options.verbose) {
          clearProgress();
          write(dim(`  SKIP ${r.id}: ${r.skip?.kind}: ${r.skip?.reason}\n`));
        }
        if (r.outcome === "skipped") break;
        const now = performance.now();
        if (options.tty) {
          write(`\r\u001b[2K${dim(`${adapterLabel} ${event.done}/${event.total} ${r.id}`)}`);
          progressLine = true;
        } else if (now - lastProgress > (options.progressEverySeconds ?? 10) * 1000 && event.done < event.total) {
          write(dim(`  ... ${event.done}/${event.total} properties\n`));
          lastProgress = now;
        }
        break;
      }
      case "adapter-end": {
        clearProgress();
        const a = event.adapter;
        const count = (s: Status): number => a.results.filter((r) => r.status === s).length;
        const gating = a.results.filter((r) => r.gating).length + a.errors.length;
        for (const message of a.errors) write(`  ${red("ERROR")} ${message}\n`);
        const text = `  ${count("pass")} passed, ${count("fail") + count("error") + count("timeout")} failed, ${count("skipped")} skipped, ${count("expected-failure")} expected failures (${(a.durationMs / 1000).toFixed(1)} s)`;
        write(`${gating === 0 ? green(text) : red(text)}\n`);
        const judged = (judges: "exporter" | "consumer"): PropertyResult[] => a.results.filter((r) => r.judges === judges && r.outcome !== "skipped");
        const own = judged("exporter");
        write(dim(`  ${own.filter((r) => r.outcome === "pass").length} of ${own.length} run judged the exporter itself; ${judged("consumer").length} more are the consumer group (core's views over its validated records)\n`));
        break;
      }
      case "warning":
        clearProgress();
        write(`${yellow("warning:")} ${event.message}\n`);
        break;
    }
  };

  const quietEvent = (event: RunEvent): void => {
    if (event.type === "property-end" && event.result.gating) {
      write(`${describeResult(event.result, { color: options.color === true, ...(options.replay ? { replay: options.replay } : {}) })}\n`);
    } else if (event.type === "adapter-end") {
      for (const message of event.adapter.errors) write(`  ${red("ERROR")} ${event.adapter.name}: ${message}\n`);
    } else if (event.type === "warning") {
      write(`${yellow("warning:")} ${event.message}\n`);
    }
  };

  const summary = (report: ConformanceReport): void => {
    clearProgress();
    if (options.quiet) {
      staleLines(report);
      verdictLine(report);
      return;
    }
    const columns: [string, (rs: readonly PropertyResult[]) => number][] = [
      ["pass", (rs) => rs.filter((r) => r.status === "pass").length],
      ["fail", (rs) => rs.filter((r) => r.status === "fail").length],
      ["error", (rs) => rs.filter((r) => r.status === "error").length],
      ["timeout", (rs) => rs.filter((r) => r.status === "timeout").length],
      ["skip", (rs) => rs.filter((r) => r.status === "skipped").length],
      ["xfail", (rs) => rs.filter((r) => r.status === "expected-failure").length],
      ["stale", (rs) => rs.filter((r) => r.status === "unexpected-pass").length],
      ["flaky", (rs) => rs.filter((r) => r.status === "flaky").length],
      ["gating", (rs) => rs.filter((r) => r.gating).length],
    ];
    const width = Math.max(7, ...report.adapters.map((a) => a.name.length)) + 2;
    const row = (name: string, cells: readonly string[], time: string): string =>
      `${name.padEnd(width)}${cells.map((c) => c.padStart(8)).join("")}${time.padStart(9)}\n`;
    write(`\n${row("adapter", columns.map(([c]) => c), "time")}`);
    const all: PropertyResult[] = [];
    for (const a of report.adapters) {
      all.push(...a.results);
      write(row(a.name, columns.map(([, f]) => String(f(a.results))), `${(a.durationMs / 1000).toFixed(1)}s`));
    }
    if (report.adapters.length > 1) write(row("total", columns.map(([, f]) => String(f(all))), `${(report.run.durationMs / 1000).toFixed(1)}s`));
    staleLines(report);
    const s = report.summary;
    write(
      `\njudged the exporter itself: ${s.exporterJudged.passed} of ${s.exporterJudged.ran} passed; consumer group (core's memoryview views over the exporter's validated records): ${s.consumerGroup.passed} of ${s.consumerGroup.ran} passed\n`,
    );
    verdictLine(report);
  };

  const staleLines = (report: ConformanceReport): void => {
    for (const entry of report.staleEntries) {
      write(`${red("STALE")} baseline entry ${entry.adapter ? `${entry.adapter}/` : ""}${entry.id}: nothing it lists fails any more; remove it\n`);
    }
  };

  const verdictLine = (report: ConformanceReport): void => {
    const s = report.summary;
    // The verdict counts what the table shows as stale (entries whose property passed) and the group entries listed above.
    const stale = s.staleEntries + s["unexpected-pass"];
    const verdict =
      report.verdict === "pass" ? green("PASS") : report.verdict === "fail" ? red("FAIL") : yellow("UNKNOWN (errors: the adapter or the harness failed)");
    write(
      `\nverdict: ${verdict}: ${s.gating} gating result${s.gating === 1 ? "" : "s"}, ${stale} stale baseline entr${stale === 1 ? "y" : "ies"}, ${s.adapterErrors} adapter error${s.adapterErrors === 1 ? "" : "s"} (seed ${report.run.seed})\n`,
    );
  };

  return { onEvent, summary };
}
