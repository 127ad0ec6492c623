#!/usr/bin/env node
/**
 * Ships the repository's one LICENSE in every package tarball.
 *
 * npm only packs files under the package folder, and the license lives once at
 * the repository root (one text to keep right, not five copies to drift). Each
 * publishable package runs this from `prepack` (`copy`) and `postpack`
 * (`remove`), so `npm pack` and `npm publish` both include it and the work tree
 * is left as it was. `scripts/check-pack.mjs` checks that every tarball holds
 * a LICENSE equal to the root one.
 *
 * Usage (from a package folder): node ../../scripts/pack-license.mjs copy|remove
 */
import { copyFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT_LICENSE = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "LICENSE");
const PACKAGE_LICENSE = join(process.cwd(), "LICENSE");

const action = process.argv[2];
if (action === "copy") {
  copyFileSync(ROOT_LICENSE, PACKAGE_LICENSE);
} else if (action === "remove") {
  rmSync(PACKAGE_LICENSE, { force: true });
} else {
  console.error("usage: node scripts/pack-license.mjs copy|remove");
  process.exit(2);
}
