/**
 * The baseline: a file committed in the implementer's repository listing
 * known failures (per property, per check, or per group), flaky properties
 * and properties that cannot run. It is validated strictly, applied to raw
 * results, and written back from a report (`baseline --write`).
 *
 * Rules (after the MCP conformance suite and Node's WPT status files):
 * a failure that is not listed fails the run; a listed failure that now
 * passes fails the run too (a stale entry: remove it); a flaky entry may
 * pass or fail; a skip entry is not run at all.
 *
 * @module
 */

import { closest } from "../internal/closest.ts";
import { SCHEMA_URLS } from "../schemas.ts";
import { describeSchemaProblem, schemaProblems, type SchemaProblem } from "./file-schema.ts";
import { PROPERTIES, propertyById } from "../properties/catalog.ts";
import type { PropertyDefinition } from "../properties/definition.ts";

/**
 * The file format version this suite reads and writes.
 *
 * @since 0.1.0
 */
export const BASELINE_VERSION = 1;

/**
 * One entry: whom it applies to, what, and why.
 *
 * @since 0.1.0
 */
export interface BaselineEntry {
  /**
   * The adapter name; absent means every adapter of the run.
   *
   * @since 0.1.0
   */
  readonly adapter?: string;
  /**
   * A property id (`record.len`), a check of one (`record.len:mismatch`),
   * or a group ending in `*` (`slice/*`, `lifetime.*`).
   *
   * @since 0.1.0
   */
  readonly id: string;
  /**
   * Why: required, never empty.
   *
   * @since 0.1.0
   */
  readonly reason: string;
  /**
   * A link to the issue tracking it.
   *
   * @since 0.1.0
   */
  readonly issue?: string;
}

/**
 * A parsed baseline.
 *
 * @since 0.1.0
 */
export interface Baseline {
  /** @since 0.1.0 */
  readonly version: typeof BASELINE_VERSION;
  /**
   * Properties (or checks) that fail and are known to.
   *
   * @since 0.1.0
   */
  readonly expectedFailures: readonly BaselineEntry[];
  /**
   * Properties that may pass or fail.
   *
   * @since 0.1.0
   */
  readonly flaky: readonly BaselineEntry[];
  /**
   * Properties that cannot run here at all.
   *
   * @since 0.1.0
   */
  readonly skip: readonly BaselineEntry[];
}

/**
 * An empty baseline.
 *
 * @since 0.1.0
 */
export const EMPTY_BASELINE: Baseline = Object.freeze({ version: BASELINE_VERSION, expectedFailures: [], flaky: [], skip: [] });

/**
 * A baseline that is not valid: every problem found, each with where it is
 * and what to write instead.
 *
 * @since 0.1.0
 */
export class BaselineError extends Error {
  /** @since 0.1.0 */
  override readonly name = "BaselineError";
  /** @since 0.1.0 */
  readonly problems: readonly string[];
  /** @since 0.1.0 */
  constructor(source: string, problems: readonly string[]) {
    super(`${source}: invalid baseline\n  - ${problems.join("\n  - ")}`);
    this.problems = problems;
  }
}

const LISTS = ["expectedFailures", "flaky", "skip"] as const;
const ALL_IDS = PROPERTIES.map((p) => p.id);

/** A parsed entry id. */
interface ParsedId {
  readonly kind: "property" | "check" | "group";
  readonly property?: PropertyDefinition;
  readonly check?: string;
  readonly prefix?: string;
}

function parseId(id: string): ParsedId | string {
  if (id.endsWith("*")) {
    const prefix = id.slice(0, -1);
    if (prefix.includes("*")) return `'${id}': only a trailing * is allowed`;
    if (!ALL_IDS.some((p) => p.startsWith(prefix))) return `'${id}' matches no property`;
    return { kind: "group", prefix };
  }
  const colon = id.indexOf(":");
  const propertyId = colon === -1 ? id : id.slice(0, colon);
  const property = propertyById(propertyId);
  if (property === undefined) {
    const hint = closest(propertyId, ALL_IDS);
    return `'${propertyId}' is not a property id${hint ? ` (did you mean '${hint}'?)` : ""}; run \`pybuffer-conformance list\` for all ids`;
  }
  if (colon === -1) return { kind: "property", property };
  const check = id.slice(colon + 1);
  if (!property.checks.includes(check)) {
    const hint = closest(check, property.checks);
    return `'${id}': ${propertyId} has no check '${check}'${hint ? ` (did you mean '${hint}'?)` : ""}; its checks are ${property.checks.join(", ")}`;
  }
  return { kind: "check", property, check };
}

/** The value at `where` (`expectedFailures[0]`) of a baseline. */
function entryAt(top: Record<string, unknown>, where: string): unknown {
  const match = /^(\w+)\[(\d+)\]/.exec(where);
  return match ? (top[match[1]!] as unknown[] | undefined)?.[Number(match[2])] : undefined;
}

/**
 * A schema violation as the message an implementer can act on; [] when the
 * id check (`parseId`, with its did-you-mean) says it better.
 */
function baselineProblem(problem: SchemaProblem, top: Record<string, unknown>): string[] {
  const { error, where } = problem;
  const entryWhere = /^\w+\[\d+\]/.exec(where)?.[0];
  if (entryWhere === undefined) {
    if (error.keyword === "const" || (error.keyword === "required" && error.params["missingProperty"] === "version")) {
      return [`"version" must be ${BASELINE_VERSION} (this suite's baseline format), got ${JSON.stringify(top["version"]) ?? "nothing"}`];
    }
    if (where !== "" && error.keyword === "type") return [`"${where}" must be an array of entries like { "id": "record.len", "reason": "..." }`];
    return [describeSchemaProblem(problem)];
  }
  const entry = entryAt(top, entryWhere);
  const e = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
  const id = typeof e["id"] === "string" ? e["id"] : "";
  const field = where === entryWhere ? (error.keyword === "required" ? String(error.params["missingProperty"]) : undefined) : where.slice(entryWhere.length + 1);
  if (where === entryWhere && error.keyword === "type") {
    return typeof entry === "string"
      ? [`${entryWhere}: entries are objects, not strings: write { "id": ${JSON.stringify(entry)}, "reason": "why it fails" }`]
      : [`${entryWhere}: must be an object { "id", "reason", "adapter"?, "issue"? }`];
  }
  if (where === entryWhere && error.keyword === "additionalProperties") {
    // A YAML habit: { "record.len": "reason" } instead of { "id": ..., "reason": ... }.
    const key = String(error.params["additionalProperty"]);
    if (key.includes(".") || key.includes("/")) return [`${entryWhere}: unknown key '${key}' (did you mean { "id": ${JSON.stringify(key)}, "reason": ... }?)`];
    return [describeSchemaProblem(problem)];
  }
  switch (field) {
    case "id":
      // A well-typed id that breaks the pattern gets parseId's message instead (with its did-you-mean).
      if (id !== "" && typeof parseId(id) === "string") return [];
      return id === "" ? [`${entryWhere}: "id" is required (a property id, id:check, or a group ending in *)`] : [describeSchemaProblem(problem)];
    case "reason":
      return [`${entryWhere} (${id}): "reason" is required and must say why`];
    case "issue":
      return [`${entryWhere} (${id}): "issue" must be an http(s) URL, got ${JSON.stringify(e["issue"])}`];
    case "adapter":
      return [`${entryWhere} (${id}): "adapter" ${error.message ?? "is invalid"}, got ${JSON.stringify(e["adapter"])}`];
    default:
      return [describeSchemaProblem(problem)];
  }
}

/**
 * Parses and validates a baseline file's text. `adapters`, when given, are
 * the adapter names entries may name.
 *
 * @throws BaselineError listing every problem.
 *
 * @since 0.1.0
 */
export function parseBaseline(text: string, source = "baseline", adapters?: readonly string[]): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(source, [`not valid JSON: ${(error as Error).message}`]);
  }
  return validateBaseline(data, source, adapters);
}

/**
 * Validates a baseline object.
 *
 * @throws BaselineError listing every problem.
 *
 * @since 0.1.0
 */
export function validateBaseline(data: unknown, source = "baseline", adapters?: readonly string[]): Baseline {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new BaselineError(source, ['the file must hold a JSON object: { "version": 1, "expectedFailures": [...], "flaky": [...], "skip": [...] }']);
  }
  const top = data as Record<string, unknown>;
  // The shipped schema judges the structure; the catalog and the run judge the names in it.
  const problems = [...new Set(schemaProblems("baseline", top).flatMap((problem) => baselineProblem(problem, top)))];
  const lists: Record<(typeof LISTS)[number], BaselineEntry[]> = { expectedFailures: [], flaky: [], skip: [] };
  const seen = new Map<string, string>();
  for (const list of LISTS) {
    const value = top[list];
    if (!Array.isArray(value)) continue;
    value.forEach((raw: unknown, i) => {
      const where = `${list}[${i}]`;
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return;
      const e = raw as Record<string, unknown>;
      const id = e["id"];
      if (typeof id !== "string" || id === "") return;
      const parsed = parseId(id);
      if (typeof parsed === "string") problems.push(`${where}: ${parsed}`);
      const adapter = e["adapter"];
      if (typeof adapter === "string" && adapters !== undefined && !adapters.includes(adapter)) {
        const hint = closest(adapter, adapters);
        problems.push(`${where} (${id}): no adapter named '${adapter}' in this run${hint ? ` (did you mean '${hint}'?)` : ""}`);
      }
      if (typeof parsed !== "string" && parsed.kind === "check" && list !== "expectedFailures") {
        problems.push(`${where}: ${list} entries name whole properties or groups, not checks ('${id}')`);
      }
      const key = `${typeof adapter === "string" ? adapter : "*"}|${id}`;
      const previous = seen.get(key);
      if (previous !== undefined) problems.push(`${where}: '${id}' is already listed in ${previous}`);
      else seen.set(key, where);
      lists[list].push(
        Object.freeze({
          ...(typeof adapter === "string" ? { adapter } : {}),
          id,
          reason: typeof e["reason"] === "string" ? e["reason"] : "",
          ...(typeof e["issue"] === "string" ? { issue: e["issue"] } : {}),
        }),
      );
    });
  }
  // A per-check entry beside a whole-property entry for the same adapter is redundant.
  for (const entry of lists.expectedFailures) {
    const colon = entry.id.indexOf(":");
    if (colon === -1) continue;
    const whole = entry.id.slice(0, colon);
    const covering = [...lists.expectedFailures, ...lists.flaky, ...lists.skip].find(
      (other) => other !== entry && !other.id.includes(":") && (other.adapter === undefined || other.adapter === entry.adapter) && matches(other.id, whole),
    );
    if (covering !== undefined) {
      problems.push(`expectedFailures: '${entry.id}' is redundant: '${covering.id}' already covers the whole property; keep one of them`);
    }
  }
  if (problems.length > 0) throw new BaselineError(source, problems);
  return Object.freeze({
    version: BASELINE_VERSION,
    expectedFailures: Object.freeze(lists.expectedFailures),
    flaky: Object.freeze(lists.flaky),
    skip: Object.freeze(lists.skip),
  });
}

/** Whether entry id `pattern` (a property id or a group) covers property `id`. */
function matches(pattern: string, id: string): boolean {
  return pattern.endsWith("*") ? id.startsWith(pattern.slice(0, -1)) : pattern === id;
}

function applies(entry: BaselineEntry, adapter: string): boolean {
  return entry.adapter === undefined || entry.adapter === adapter;
}

/** What the baseline says about one property of one adapter, before it runs. */
export interface BaselinePlan {
  readonly skip?: BaselineEntry;
  readonly flaky?: BaselineEntry;
  /** A whole-property or group entry. */
  readonly expected?: BaselineEntry;
  /** Per-check entries: the checks are muted while the property runs. */
  readonly checks: readonly BaselineEntry[];
}

/** The entries that concern `property` of `adapter`. */
export function planFor(baseline: Baseline, adapter: string, property: string): BaselinePlan {
  const whole = (list: readonly BaselineEntry[]): BaselineEntry | undefined =>
    list.find((e) => applies(e, adapter) && !e.id.includes(":") && matches(e.id, property));
  const skip = whole(baseline.skip);
  const flaky = whole(baseline.flaky);
  const expected = whole(baseline.expectedFailures);
  const checks = baseline.expectedFailures.filter((e) => applies(e, adapter) && e.id.startsWith(`${property}:`));
  return {
    ...(skip ? { skip } : {}),
    ...(flaky ? { flaky } : {}),
    ...(expected ? { expected } : {}),
    checks,
  };
}

/** The check name of a per-check entry. */
export function entryCheck(entry: BaselineEntry): string {
  return entry.id.slice(entry.id.indexOf(":") + 1);
}

/**
 * Serialises a baseline with stable order, for a clean diff.
 *
 * @since 0.1.0
 */
export function formatBaseline(baseline: Baseline): string {
  const order = (entries: readonly BaselineEntry[]): BaselineEntry[] =>
    [...entries].sort((a, b) => (a.adapter ?? "").localeCompare(b.adapter ?? "") || a.id.localeCompare(b.id));
  const clean = (e: BaselineEntry): Record<string, string> => ({
    ...(e.adapter !== undefined ? { adapter: e.adapter } : {}),
    id: e.id,
    reason: e.reason,
    ...(e.issue !== undefined ? { issue: e.issue } : {}),
  });
  return `${JSON.stringify(
    {
      $schema: SCHEMA_URLS.baseline,
      version: BASELINE_VERSION,
      expectedFailures: order(baseline.expectedFailures).map(clean),
      flaky: order(baseline.flaky).map(clean),
      skip: order(baseline.skip).map(clean),
    },
    null,
    2,
  )}\n`;
}
