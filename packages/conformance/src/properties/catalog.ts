/**
 * The properties: stable ids, requirement levels, the rule each checks, its
 * spec references, its checks, the capabilities it needs, and its body. A
 * base property that applies to views runs again on slices, casts and
 * read-only views of `memoryview(exporter)`, with ids `slice/<id>`,
 * `cast/<id>` and `readonly/<id>`.
 *
 * Ids and check names are the suite's contract: they never change meaning;
 * a new MUST property is a breaking change (see the README, "Versioning").
 *
 * @module
 */

import type { Capabilities } from "../adapter/types.ts";
import type { ViewKind } from "../model/case.ts";
import { CONSUMER_PROPERTIES } from "./consumer-properties.ts";
import { CONTENT_PROPERTIES, contentBody } from "./content-properties.ts";
import type { BaseDefinition, PropertyDefinition, PropertyInfo } from "./definition.ts";
import { EXPORTER_PROPERTIES, rawBody } from "./exporter-properties.ts";
import { LIFETIME_PROPERTIES } from "./lifetime-properties.ts";
import { REFS, type SpecRef } from "./spec-refs.ts";

/** Every base property, in the order reports list them. */
const BASE: readonly BaseDefinition[] = [...EXPORTER_PROPERTIES, ...CONSUMER_PROPERTIES, ...CONTENT_PROPERTIES, ...LIFETIME_PROPERTIES];

/** View prefixes of derived properties. */
export const VIEW_PREFIX: Readonly<Record<ViewKind, string>> = { exporter: "", slice: "slice/", cast: "cast/", readonly: "readonly/" };

function viewSkipReason(caps: Capabilities, view: ViewKind): string | null {
  if (view === "slice" && caps.maxNdim === 0) return "slices need ndim >= 1; the manifest declares maxNdim: 0";
  if (view === "cast" && !caps.layouts.includes("C") && !caps.layouts.includes("F") && caps.minNdim > 0) {
    return "casts need C-contiguous views; the manifest's layouts have none";
  }
  return null;
}

/** Every property, base ones first, then each view's. */
export const PROPERTIES: readonly PropertyDefinition[] = Object.freeze(
  (["exporter", "slice", "cast", "readonly"] as const).flatMap((view) =>
    BASE.filter((b) => b.views.includes(view)).map((b): PropertyDefinition => {
      const id = `${VIEW_PREFIX[view]}${b.id}`;
      const group = b.body === rawBody ? "raw" : b.body === contentBody ? "content" : undefined;
      return Object.freeze({
        id,
        seedKey: group === undefined ? id : `${VIEW_PREFIX[view]}${group}`,
        base: b.id,
        view,
        group: b.group,
        level: b.level,
        rule: view === "exporter" ? b.rule : `On ${viewText(view)}: ${b.rule}`,
        specRefs: view === "exporter" ? b.specRefs : [...b.specRefs, viewRef(view)],
        checks: b.checks,
        judges: view === "exporter" ? "exporter" : "consumer",
        skipReason: (caps: Capabilities) => viewSkipReason(caps, view) ?? b.requires?.(caps, view) ?? null,
        body: b.body,
      });
    }),
  ),
);

function viewText(view: ViewKind): string {
  switch (view) {
    case "slice":
      return "a slice m[a:b:c] of memoryview(exporter)";
    case "cast":
      return "a cast m.cast(\"B\").cast(fmt, shape) of memoryview(exporter)";
    case "readonly":
      return "m.toReadonly() of memoryview(exporter)";
    default:
      return "the exporter";
  }
}

function viewRef(view: ViewKind): SpecRef {
  return view === "cast" ? REFS.cast : view === "readonly" ? REFS.toreadonly : REFS.memoryview;
}

const BY_ID = new Map(PROPERTIES.map((p) => [p.id, p]));

/** The property with this id, if any. */
export function propertyById(id: string): PropertyDefinition | undefined {
  return BY_ID.get(id);
}

/**
 * Public information about every property (no bodies).
 *
 * @since 0.1.0
 */
export function listProperties(): PropertyInfo[] {
  return PROPERTIES.map(({ id, base, view, group, level, rule, specRefs, checks, judges }) => ({ id, base, view, group, level, rule, specRefs, checks, judges }));
}
