/**
 * The property catalog is the suite's contract: stable ids, levels, checks
 * and spec references. `fixtures/contract-v<CONTRACT_VERSION>.txt` pins it; changing an id,
 * a level or a check is a deliberate, reviewed change (see the README,
 * "Versioning").
 */

import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { AdapterDefinitionError, listProperties, validateAdapter } from "../src/index.ts";
import { CONTRACT_VERSION } from "../src/version.ts";

const properties = listProperties();

describe("property catalog", () => {
  test("ids are unique, hierarchical slugs; every property has a level, checks and spec references", () => {
    expect(new Set(properties.map((p) => p.id)).size).toBe(properties.length);
    for (const p of properties) {
      expect(p.id).toMatch(/^((slice|cast|readonly)\/)?(adapter|getbuf|record|consumer|content|lifetime)\.[a-z]+(-[a-z]+)*$/);
      expect(["MUST", "SHOULD", "MAY"]).toContain(p.level);
      expect(p.checks.length).toBeGreaterThan(0);
      for (const check of p.checks) expect(check).toMatch(/^[A-Za-z]+(-[a-z]+)*$/);
      expect(p.specRefs.length).toBeGreaterThan(0);
      for (const ref of p.specRefs) expect(ref.url).toMatch(/^https:\/\//);
      expect(p.rule.length).toBeGreaterThan(20);
    }
  });

  test(`matches the pinned contract (version ${CONTRACT_VERSION})`, () => {
    const pinned = readFileSync(new URL(`./fixtures/contract-v${CONTRACT_VERSION}.txt`, import.meta.url), "utf8").trim().split("\n");
    expect(properties.map((p) => `${p.id} ${p.level} ${p.checks.join(",")}`)).toEqual(pinned);
  });

  test("the README lists every property id with its level", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const p of properties) {
      expect(readme, p.id).toMatch(new RegExp(`\\| \`${p.id.replace(/[./]/g, (c) => `\\${c}`)}\` \\| ${p.level} \\|`));
    }
  });
});

describe("adapter validation", () => {
  const good = {
    name: "ok",
    capabilities: {
      formats: ["B"],
      minNdim: 1,
      maxNdim: 1,
      layouts: ["C"],
      suboffsets: false,
      readonly: false,
      writable: true,
      formatWithoutShape: "serve",
      countsExports: false,
      resizable: false,
      redirect: false,
    },
    create: () => new Uint8Array(1),
  };
  const problems = (adapter: unknown): string => {
    try {
      validateAdapter(adapter);
    } catch (error) {
      expect(error).toBeInstanceOf(AdapterDefinitionError);
      return (error as Error).message;
    }
    return "";
  };
  test("a complete adapter is accepted and its manifest frozen", () => {
    const v = validateAdapter(good);
    expect(Object.isFrozen(v.capabilities)).toBe(true);
    expect(v.capabilities.abi).toBe("lp64");
  });
  test("capabilities are declared, never guessed: every problem is named, with a suggestion", () => {
    expect(problems({ ...good, capabilities: { ...good.capabilities, countExports: false } })).toMatch(/unknown capability 'countExports' \(did you mean 'countsExports'\?\)/);
    const { resizable: _r, ...missing } = good.capabilities;
    expect(problems({ ...good, capabilities: missing })).toMatch(/capabilities\.resizable is required/);
    expect(problems({ ...good, capabilities: { ...good.capabilities, countsExports: true } })).toMatch(/countsExports is true but the adapter has no exportCount\(\) hook/);
    expect(problems({ ...good, resize: () => {} })).toMatch(/has a resize\(\) hook but capabilities\.resizable is false/);
    expect(problems({ ...good, capabilities: { ...good.capabilities, formats: ["Q{"] } })).toMatch(/is not a struct format/);
    expect(problems({ ...good, capabilities: { ...good.capabilities, layouts: ["c"] } })).toMatch(/unknown layout "c" \(did you mean 'C'\?\)/);
    expect(problems({ ...good, name: "has space" })).toMatch(/name must be/);
    expect(problems({ ...good, crate: () => {} })).toMatch(/unknown adapter key 'crate' \(did you mean 'create'\?\)/);
  });
});
