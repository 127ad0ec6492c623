/**
 * The shipped JSON Schemas (`schemas/*.schema.json`) as the validator of the
 * files the suite reads: one source of truth for editors, CI linters and the
 * suite itself. The callers turn the schema errors into friendly messages
 * (with did-you-mean hints) and add the checks a schema cannot express
 * (property ids of this catalog, adapter names of this run).
 *
 * @module
 */

import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import baselineSchema from "../../schemas/baseline.schema.json" with { type: "json" };
import regressionsSchema from "../../schemas/regressions.schema.json" with { type: "json" };
import { closest } from "../internal/closest.ts";

/** The files with a shipped schema that the suite reads. */
export type SchemaFile = "baseline" | "regressions";

/** One schema violation, with where it is in the file's terms (`expectedFailures[0].id`). */
export interface SchemaProblem {
  readonly error: ErrorObject;
  /** The JSON path of the offending value, `expectedFailures[0]`; "" for the top level. */
  readonly where: string;
}

const SCHEMAS = { baseline: baselineSchema, regressions: regressionsSchema } as const;
const compiled = new Map<SchemaFile, ValidateFunction>();

function validator(file: SchemaFile): ValidateFunction {
  let validate = compiled.get(file);
  if (validate === undefined) {
    // verbose: errors carry their parentSchema, which the did-you-mean hints read.
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    validate = ajv.compile(SCHEMAS[file]);
    compiled.set(file, validate);
  }
  return validate;
}

/** `/expectedFailures/0/id` as `expectedFailures[0].id`. */
function jsonPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((path, token) => (/^\d+$/.test(token) ? `${path}[${token}]` : path === "" ? token : `${path}.${token}`), "");
}

/** Every violation of the shipped schema of `file` by `data`. */
export function schemaProblems(file: SchemaFile, data: unknown): readonly SchemaProblem[] {
  const validate = validator(file);
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // A misspelt key also leaves its right spelling missing: say it once, as the did-you-mean.
  const misspelt = new Set(errors.flatMap((error) => {
    const hint = error.keyword === "additionalProperties" ? closestAllowed(error) : undefined;
    return hint === undefined ? [] : [`${error.instancePath}|${hint}`];
  }));
  return errors
    .filter((error) => !(error.keyword === "required" && misspelt.has(`${error.instancePath}|${String(error.params["missingProperty"])}`)))
    .map((error) => ({ error, where: jsonPath(error.instancePath) }));
}

/** The keys the schema allows where an `additionalProperties` error is. */
function allowedKeys(error: ErrorObject): string[] {
  return Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== "$schema");
}

function closestAllowed(error: ErrorObject): string | undefined {
  return closest(String(error.params["additionalProperty"]), allowedKeys(error));
}

/**
 * A plain message for a violation: where, what the schema says, and for an
 * unknown key the closest key the schema allows there.
 */
export function describeSchemaProblem({ error, where }: SchemaProblem): string {
  const at = where === "" ? "" : `${where}: `;
  if (error.keyword === "additionalProperties") {
    const hint = closestAllowed(error);
    return `${at}unknown key '${String(error.params["additionalProperty"])}'${hint ? ` (did you mean '${hint}'?)` : ""}; the keys are ${allowedKeys(error).join(", ")}`;
  }
  return `${at}${error.message ?? error.keyword}`;
}
