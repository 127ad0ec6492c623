#!/usr/bin/env node
/**
 * `@since` tags: every public name says in which version it first shipped.
 *
 *   node scripts/since-tags.mjs --check   fails listing the public names without
 *                                         `@since` (npm test)
 *   node scripts/since-tags.mjs --write   adds `@since <version>` to their TSDoc in
 *                                         src/ (npm run since:update); idempotent
 *
 * Public names are what each `exports` subpath of a publishable package
 * exports (its `@pybuffer/source` entry, the same modules the API reports
 * describe), and the public members of the classes and interfaces among
 * them. Core's `./internal` subpath is not public API and is skipped. A tag
 * already present is never changed: it records when the name first shipped.
 *
 * The version a missing tag gets is the one `changeset version` will give the
 * package: its version bumped by the largest bump its pending changesets
 * (`.changeset/*.md`) ask for. A name without a tag in a package no pending
 * changeset names is an error: the change that added it needs a changeset.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Subpaths that are exported but not public API (documented as unstable). */
const UNSTABLE_SUBPATHS = new Set(["./internal"]);

const BUMPS = ["patch", "minor", "major"];

function main() {
  const mode = process.argv[2];
  if (mode !== "--check" && mode !== "--write") {
    console.error("usage: node scripts/since-tags.mjs --check | --write");
    process.exitCode = 2;
    return;
  }
  const pending = pendingBumps();
  let missing = 0;
  for (const pkg of publishablePackages()) {
    const untagged = untaggedDeclarations(pkg);
    if (untagged.length === 0) {
      console.log(`since: ok ${pkg.name}`);
      continue;
    }
    const bump = pending.get(pkg.name);
    if (mode === "--check" || bump === undefined) {
      for (const { file, line, name } of untagged) console.error(`since: ${relative(ROOT, file)}:${line} ${name} has no @since`);
      console.error(
        bump === undefined
          ? `since: FAIL ${pkg.name}: ${untagged.length} public name(s) without @since, and no pending changeset names the package (npm run changeset)`
          : `since: FAIL ${pkg.name}: ${untagged.length} public name(s) without @since; run npm run since:update`,
      );
      missing += untagged.length;
      continue;
    }
    const version = bumpVersion(pkg.manifest.version, bump);
    writeTags(untagged, version);
    console.log(`since: ${pkg.name}: added @since ${version} to ${untagged.length} name(s)`);
  }
  process.exitCode = missing === 0 ? 0 : 1;
}

// --- versions ------------------------------------------------------------------

/** Package name -> the largest bump its pending changesets ask for. */
function pendingBumps() {
  const dir = join(ROOT, ".changeset");
  const bumps = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md")) {
    const frontMatter = /^---\r?\n([^]*?)\r?\n---/.exec(readFileSync(join(dir, file), "utf8"));
    if (!frontMatter) throw new Error(`.changeset/${file} has no front matter`);
    for (const line of frontMatter[1].split(/\r?\n/)) {
      const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line);
      if (!entry) continue;
      const [, name, bump] = entry;
      if (BUMPS.indexOf(bump) > BUMPS.indexOf(bumps.get(name) ?? "none")) bumps.set(name, bump);
    }
  }
  return bumps;
}

/** Semver's increment, as `changeset version` applies it (0.0.0 + minor = 0.1.0). */
function bumpVersion(version, bump) {
  const [major, minor, patch] = version.split(".").map(Number);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

// --- public declarations ------------------------------------------------------------

function publishablePackages() {
  return readdirSync(join(ROOT, "packages"))
    .map((name) => join(ROOT, "packages", name))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ dir, manifest, name: manifest.name }));
}

/** The source entry of each public `exports` subpath. */
function sourceEntries(pkg) {
  return Object.entries(pkg.manifest.exports ?? {})
    .filter(([subpath, target]) => !UNSTABLE_SUBPATHS.has(subpath) && typeof target === "object" && target !== null)
    .map(([, target]) => target["@pybuffer/source"])
    .filter((entry) => typeof entry === "string")
    .map((entry) => resolve(pkg.dir, entry));
}

/**
 * Every declaration a public entry exports, and the public members of its
 * classes and interfaces, that have no `@since`: { file, line, name, node, sourceFile }.
 */
function untaggedDeclarations(pkg) {
  const entries = sourceEntries(pkg);
  const options = {
    ...ts.getDefaultCompilerOptions(),
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    customConditions: ["@pybuffer/source"],
    types: [],
  };
  const program = ts.createProgram(entries, options);
  const checker = program.getTypeChecker();
  const srcDir = join(pkg.dir, "src");
  const found = new Map();
  const consider = (node, name) => {
    const sourceFile = node.getSourceFile();
    if (!sourceFile.fileName.startsWith(srcDir) || found.has(node)) return;
    const docHost = docHostOf(node);
    if (/@since\b/.test(lastDocComment(sourceFile, docHost)?.text ?? "")) return;
    const line = sourceFile.getLineAndCharacterOfPosition(docHost.getStart(sourceFile)).line + 1;
    found.set(node, { file: sourceFile.fileName, line, name, node: docHost, sourceFile });
  };
  for (const entry of entries) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry));
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (!declaration) continue;
      consider(declaration, exported.name);
      for (const decl of symbol.declarations ?? []) {
        if (!ts.isClassDeclaration(decl) && !ts.isInterfaceDeclaration(decl)) continue;
        const seenMembers = new Set();
        for (const member of decl.members) {
          const memberName = publicMemberName(member, decl.getSourceFile());
          if (memberName === null || seenMembers.has(memberName)) continue;
          seenMembers.add(memberName); // a setter shares its getter's documentation
          consider(member, `${exported.name}.${memberName}`);
        }
      }
    }
  }
  return [...found.values()];
}

/** The name of a member users can reach, or null for private, protected, #private and static blocks. */
function publicMemberName(member, sourceFile) {
  if (ts.isClassStaticBlockDeclaration(member) || ts.isIndexSignatureDeclaration(member) || ts.isSemicolonClassElement(member)) return null;
  if (member.name && ts.isPrivateIdentifier(member.name)) return null;
  const flags = ts.getCombinedModifierFlags(member);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return null;
  if (ts.isConstructorDeclaration(member)) return "constructor";
  if (ts.isCallSignatureDeclaration(member) || ts.isConstructSignatureDeclaration(member)) return null;
  return member.name ? member.name.getText(sourceFile) : null;
}

/** The node whose leading comment documents `node` (a variable's statement). */
function docHostOf(node) {
  if (ts.isVariableDeclaration(node) && ts.isVariableDeclarationList(node.parent)) return node.parent.parent;
  return node;
}

/** The `/** ... *\/` comment right before `node`, as { pos, end, text }, or undefined. */
function lastDocComment(sourceFile, node) {
  const text = sourceFile.getFullText();
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = ranges.at(-1);
  if (!last || !text.startsWith("/**", last.pos)) return undefined;
  const comment = text.slice(last.pos, last.end);
  if (/@module\b/.test(comment)) return undefined; // the file's comment, above a declaration without its own
  return { pos: last.pos, end: last.end, text: comment };
}

// --- writing -----------------------------------------------------------------------

/** Adds `@since version` to each declaration's TSDoc (creating one when it has none), per file from the end. */
function writeTags(untagged, version) {
  const byFile = new Map();
  for (const item of untagged) {
    if (!byFile.has(item.file)) byFile.set(item.file, []);
    byFile.get(item.file).push(item);
  }
  for (const [file, items] of byFile) {
    let text = readFileSync(file, "utf8");
    const edits = items.map(({ node, sourceFile }) => editFor(text, sourceFile, node, version));
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
    }
    writeFileSync(file, text);
  }
}

function editFor(text, sourceFile, node, version) {
  const start = node.getStart(sourceFile);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))[0];
  const comment = lastDocComment(sourceFile, node);
  if (!comment) return { start: lineStart, end: lineStart, insert: `${indent}/** @since ${version} */\n` };
  const body = comment.text.slice(3, -2);
  if (!body.includes("\n")) {
    // `/** One line. */` becomes a block with the line, a blank line and the tag.
    const prose = body.trim();
    const block = [`/**`, ...(prose ? [` * ${prose}`, ` *`] : []), ` * @since ${version}`, ` */`].join(`\n${indent}`);
    return { start: comment.pos, end: comment.end, insert: block };
  }
  // A block: the tag goes on its own line before the closing `*/`, after a blank line.
  const openLineStart = text.lastIndexOf("\n", comment.pos - 1) + 1;
  const base = /^[ \t]*/.exec(text.slice(openLineStart))[0];
  const close = comment.end - 2;
  const closeLineStart = text.lastIndexOf("\n", close - 1) + 1;
  if (text.slice(closeLineStart, close).trim() !== "") {
    return { start: close, end: close, insert: `\n${base} *\n${base} * @since ${version}\n${base} ` };
  }
  const previousLine = text.slice(text.lastIndexOf("\n", closeLineStart - 2) + 1, closeLineStart - 1);
  const blank = previousLine.trim() === "*" ? "" : `${base} *\n`;
  return { start: closeLineStart, end: closeLineStart, insert: `${blank}${base} * @since ${version}\n` };
}

main();
