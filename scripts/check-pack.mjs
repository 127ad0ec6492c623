#!/usr/bin/env node
/**
 * Packaging check: proves that what npm would publish works for a consumer.
 *
 * Unit tests import the TypeScript sources (the private `@pybuffer/source`
 * condition), so they cannot catch a broken `exports` map, a missing file in
 * the tarball, a leaked test file, or an ESM-only package that `require()`
 * cannot load. This script packs every publishable workspace package with
 * `npm pack`, installs the tarballs into an empty project outside the
 * repository, and uses them from there, the way a user would.
 *
 * Beyond running the packages, it checks what a publish needs: the manifest
 * fields npm's provenance requires, a warning-free `npm publish --dry-run`,
 * publint and arethetypeswrong (profile `esm-only`: the packages are ESM-only
 * on purpose, and CommonJS callers use require(esm) on Node >= 20.19), and a
 * TypeScript consumer type-checked with `skipLibCheck: false` by each
 * TypeScript line in TS_VERSIONS under `nodenext` and `bundler`.
 *
 * It does not build: run `npm run build` (turbo) first. Only Node built-ins,
 * plus the pinned dev dependencies publint and @arethetypeswrong/cli; the
 * consumer project installs the TypeScript versions below from the registry.
 * Prints one `pack: ok ...` line per check; exits 1 with a reason on failure.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------------------
// What each package must do once installed. Add an entry when a package is
// added; a publishable package without one still gets the generic checks
// (it installs, imports, requires, hides its internals), and a note is printed.
//
//   esm:  module body run with `node --input-type=module`; `assert` is
//         node:assert/strict. Import the package yourself.
//   cjs:  script body run as CommonJS (require(esm), Node >= 20.19).
//   deepImports: specifiers the exports map must refuse, in addition to
//         `<name>/dist/index.js` and `<name>/src/index.ts`.
//   ts:   TypeScript statements type-checked in a consumer project (see
//         TS_VERSIONS); they must use the package's types, not just import it.
//   tsTypes: the consumer's "types" (ambient @types) for that snippet; [] by
//         default, so the declarations must stand alone.
//   tsInstall: type packages a consumer of the snippet must install (a
//         library's @types), at the versions the package's devDependencies pin.
//   tsMinimum: the oldest TypeScript ("major.minor") the snippet is checked
//         with, when the package's README states one above TS_VERSIONS[0].
//   installPeers: also install the package's (optional) peer dependencies,
//         at the versions its devDependencies pin, so the smoke can use them.
// ---------------------------------------------------------------------------
const SMOKE = {
  "@pybuffer/core": {
    esm: `
      import * as m from "@pybuffer/core";
      assert.equal(m.calcsize("<iq"), 12);
      assert.equal(typeof m.pack, "function");
      assert.equal(typeof m.getBuffer, "function");
      assert.equal(m.BufferFlags.FULL_RO, 0x11c);
      // Nothing internal on the public classes, and constructors only core may call refuse other callers.
      assert.equal(m.MemoryView.fromTemporaryRecord, undefined);
      assert.equal(new m.Struct("<i").unpackAt, undefined);
      assert.throws(() => new m.BufferArgument(Symbol(), {}, true), (e) => e.pythonType === "TypeError");
      // The unstable subpath for the sibling packages, kept out of the main entry.
      const internal = await import("@pybuffer/core/internal");
      assert.deepEqual([...internal.concatBytes([new Uint8Array([1]), new Uint8Array([2])])], [1, 2]);
      assert.equal(m.concatBytes, undefined);
    `,
    cjs: `
      const m = require("@pybuffer/core");
      assert.equal(require("@pybuffer/core/internal").pythonTypeName(1.5), "float");
      assert.equal(m.calcsize("<iq"), 12);
      assert.equal(typeof m.pack, "function");
    `,
    deepImports: ["@pybuffer/core/dist/struct/struct.js"],
    // `using` needs Disposable and Symbol.dispose: the declarations bring
    // the lib themselves, the consumer's "lib" (es2022) does not have it.
    ts: `
      import { BufferArgument, MemoryView, memoryview, pack, unpack, type StructValue } from "@pybuffer/core";
      import { copyOfBytes } from "@pybuffer/core/internal";
      using view = memoryview(pack("<i", 1));
      const length: number = view.length;
      const values: StructValue[] = unpack("<i", view);
      // @ts-expect-error not public: views of raw memory come from memoryViewFromMemory/memoryViewFromBuffer.
      MemoryView.fromTemporaryRecord;
      // @ts-expect-error not constructible: the argument functions make these.
      new BufferArgument(Symbol(), {}, true);
      export const coreResult = [length, values, copyOfBytes(pack("<h", 1)).length];
    `,
  },
  "@pybuffer/legacy-buffer": {
    esm: `
      import { buffer } from "@pybuffer/legacy-buffer";
      import { memoryview } from "@pybuffer/core";
      const b = buffer(new Uint8Array([1, 2, 3, 4]), 1);
      assert.equal(b.length, 3);
      assert.deepEqual([...memoryview(b).toBytes()], [2, 3, 4]);
    `,
    cjs: `
      const { buffer } = require("@pybuffer/legacy-buffer");
      assert.equal(buffer(new Uint8Array(5), 2, 2).length, 2);
    `,
    deepImports: ["@pybuffer/legacy-buffer/dist/buffer/legacy-buffer.js"],
    ts: `
      import { buffer, type LegacyBuffer } from "@pybuffer/legacy-buffer";
      const legacy: LegacyBuffer = buffer(new Uint8Array([1, 2, 3]), 1);
      export const legacyLength: number = legacy.length;
    `,
  },
  "@pybuffer/node-adapter": {
    esm: `
      import { ResizableBytes, toBuffer } from "@pybuffer/node-adapter";
      import { memoryview } from "@pybuffer/core";
      const bytes = new ResizableBytes(4);
      assert.equal(bytes.length, 4);
      assert.equal(toBuffer(memoryview(new Uint8Array([7, 8]))).length, 2);
    `,
    cjs: `
      const { ResizableBytes } = require("@pybuffer/node-adapter");
      assert.equal(new ResizableBytes(3).length, 3);
    `,
    deepImports: ["@pybuffer/node-adapter/dist/io/write.js"],
    // Its API takes and returns Node's Buffer and streams: @types/node is required.
    ts: `
      import { ResizableBytes, toBuffer } from "@pybuffer/node-adapter";
      const bytes = new ResizableBytes(4);
      const asBuffer: Buffer = toBuffer(bytes);
      export const nodeLength: number = asBuffer.length;
    `,
    tsTypes: ["node"],
  },
  "@pybuffer/conformance": {
    esm: `
      import { runConformance, listProperties } from "@pybuffer/conformance";
      import { execFileSync } from "node:child_process";
      assert.equal(typeof runConformance, "function");
      assert.ok(listProperties().length >= 100);
      // The bin, as npx would run it from node_modules/.bin.
      const version = execFileSync(process.execPath, ["node_modules/@pybuffer/conformance/dist/cli/main.js", "--version"], { encoding: "utf8" });
      assert.match(version, /^\\d+\\.\\d+\\.\\d+/);
      // The JSON Schemas ship in the package, under the paths $schema names.
      const { createRequire } = await import("node:module");
      const schema = createRequire(import.meta.url)("@pybuffer/conformance/schemas/baseline.schema.json");
      assert.equal(schema.title, "@pybuffer/conformance baseline");
    `,
    cjs: `
      const { listProperties } = require("@pybuffer/conformance");
      assert.ok(listProperties().length >= 100);
    `,
    deepImports: ["@pybuffer/conformance/dist/engine/run.js"],
    ts: `
      import { listProperties } from "@pybuffer/conformance";
      export const propertyCount: number = listProperties().length;
    `,
  },
  "@pybuffer/pyodide": {
    // Loading CPython here would take seconds; the package's tests do that.
    esm: `
      import { fromPython, toPython, allocate, PythonException } from "@pybuffer/pyodide";
      assert.equal(typeof toPython, "function");
      assert.equal(typeof allocate, "function");
      const notAnInterpreter = { ffi: { PyProxy: class {} } };
      assert.throws(() => fromPython(notAnInterpreter, {}), (e) => e.pythonType === "TypeError");
      assert.equal(new PythonException("KeyError", "x").pythonType, "KeyError");
    `,
    cjs: `
      const { fromPython } = require("@pybuffer/pyodide");
      assert.equal(typeof fromPython, "function");
    `,
    deepImports: ["@pybuffer/pyodide/dist/from-python/python-exporter.js"],
    // Pyodide's own declarations import node:stream/web and name Emscripten's
    // global FS: @types/node and @types/emscripten (a dependency of pyodide) are required.
    ts: `
      import type { PyodideAPI } from "pyodide";
      import { allocate, fromPython, toPython, PythonException, type FromPythonOptions, type PythonExporter, type ToPythonOptions } from "@pybuffer/pyodide";
      export function throughPython(pyodide: PyodideAPI, bytes: Uint8Array): PythonExporter {
        const there: ToPythonOptions = { copy: "if-needed", abi: "wasm32" };
        const back: FromPythonOptions = { path: "getBuffer" };
        return fromPython(pyodide, toPython(pyodide, bytes, there), back);
      }
      export const heldExports = (pyodide: PyodideAPI): number => allocate(pyodide, "d", [2, 3]).exporter.exports;
      export const pythonType: string = new PythonException("KeyError", "'x'").pythonType;
    `,
    tsTypes: ["node", "emscripten"],
  },
  "@pybuffer/numpy": {
    esm: `
      import { loadNpy, saveNpy, loadNpz, saveNpz, dtypeToFormat } from "@pybuffer/numpy";
      const a = loadNpy(saveNpy(new Float64Array([1, 2])));
      assert.deepEqual([a.dtype, a.shape, a.toList()], ["<f8", [2], [1, 2]]);
      assert.deepEqual(loadNpz(saveNpz({ x: new Uint8Array([7]) }, { compress: true })).get("x").toList(), [7]);
      assert.equal(dtypeToFormat([["x", "|u1"], ["", "|V3"], ["y", "<i4"]]), "T{B:x:xxxi:y:}");
      // The Node-only subpath, on node-adapter (an optional peer, installed here as a tarball).
      const { saveNpyFile, loadNpyFile } = await import("@pybuffer/numpy/node");
      const { mkdtempSync } = await import("node:fs");
      const { join } = await import("node:path");
      const { tmpdir } = await import("node:os");
      const file = join(mkdtempSync(join(tmpdir(), "npy-")), "a.npy");
      assert.equal(await saveNpyFile(file, new Float32Array([1, 2])), 136);
      assert.deepEqual((await loadNpyFile(file)).toList(), [1, 2]);
    `,
    cjs: `
      const { loadNpy, saveNpy } = require("@pybuffer/numpy");
      assert.equal(loadNpy(saveNpy(new Int16Array([3]))).dtype, "<i2");
      assert.equal(typeof require("@pybuffer/numpy/node").loadNpyFile, "function");
    `,
    deepImports: ["@pybuffer/numpy/dist/npy/load-npy.js", "@pybuffer/numpy/dist/node/load-npy-file.js"],
    // The Node subpath's declarations name node-adapter's streams: @types/node is required there.
    ts: `
      import { dtypeToFormat, formatToDtype, loadNpy, loadNpz, saveNpy, saveNpz, type Descr, type NpyArray } from "@pybuffer/numpy";
      import { loadNpyFile, saveNpyFile, type LoadNpyFileOptions } from "@pybuffer/numpy/node";
      const array: NpyArray = loadNpy(saveNpy(new Float64Array([1, 2])), { copy: true });
      const descr: Descr = formatToDtype(array.format);
      const members: Map<string, NpyArray> = loadNpz(saveNpz({ x: array }, { compress: true }));
      export const numpyResult: [readonly number[], string, number] = [array.shape, dtypeToFormat(descr), members.size];
      const options: LoadNpyFileOptions = { maxHeaderSize: 20000, writable: false };
      export const size: Promise<number> = loadNpyFile("a.npy", options).then((a) => a.size);
      export const written: Promise<number> = saveNpyFile(process.stdout, array);
    `,
    tsTypes: ["node"],
  },
  "@pybuffer/interop": {
    installPeers: true,
    esm: `
      import { memoryview } from "@pybuffer/core";
      import { ElementExporter } from "@pybuffer/interop";
      import ndarray from "ndarray";
      import * as scijs from "@pybuffer/interop/ndarray";
      import ctor from "@stdlib/ndarray/ctor/lib/index.js";
      import * as stdlib from "@pybuffer/interop/stdlib-ndarray";
      import { makeVector } from "apache-arrow";
      import * as arrow from "@pybuffer/interop/apache-arrow";
      assert.equal(typeof ElementExporter, "function");
      const view = ndarray(new Int16Array([1, 2, 3, 4, 5, 6]), [2, 3]).transpose(1, 0);
      assert.deepEqual(memoryview(scijs.toExporter(view)).toList(), [[1, 4], [2, 5], [3, 6]]);
      assert.equal(scijs.fromExporter(new Float32Array([7])).get(0), 7);
      const x = new ctor("float64", new Float64Array([1, 2, 3]), [3], [-1], 2, "row-major");
      assert.deepEqual(memoryview(stdlib.toExporter(x)).toList(), [3, 2, 1]);
      assert.equal(stdlib.fromExporter(new Uint8Array([9])).get(0), 9);
      const column = makeVector(new Int32Array([1, 2, 3, 4])).slice(1, 3);
      assert.deepEqual(memoryview(arrow.toExporter(column)).toList(), [2, 3]);
      // Not C-contiguous: Arrow has no strides, so a copy must be allowed (the default is "never").
      assert.throws(() => arrow.fromExporter(scijs.toExporter(view)), (e) => e.pythonType === "BufferError");
      assert.equal(arrow.fromExporter(scijs.toExporter(view), { copy: "if-needed" }).length, 3);
      assert.equal(String(arrow.fromExporter(scijs.toExporter(view.transpose(1, 0))).type), "FixedSizeList[3]<Int16>");
    `,
    cjs: `
      const scijs = require("@pybuffer/interop/ndarray");
      const ndarray = require("ndarray");
      const { memoryview } = require("@pybuffer/core");
      assert.deepEqual(memoryview(scijs.toExporter(ndarray(new Uint8Array([1, 2])))).toList(), [1, 2]);
    `,
    deepImports: ["@pybuffer/interop/dist/ndarray/index.js", "@pybuffer/interop/src/ndarray/index.ts"],
    // Every subpath, against the bridged libraries' own types (scijs ndarray's are @types/ndarray).
    ts: `
      import { ElementExporter, type FromExporterOptions } from "@pybuffer/interop";
      import * as scijs from "@pybuffer/interop/ndarray";
      import * as stdlib from "@pybuffer/interop/stdlib-ndarray";
      import * as arrow from "@pybuffer/interop/apache-arrow";
      import { makeVector, type Vector } from "apache-arrow";
      const options: FromExporterOptions = { copy: "never" };
      const grid = scijs.fromExporter(new Float32Array([1, 2]), options);
      const exporter: ElementExporter<typeof grid> = scijs.toExporter(grid);
      const column: Vector = arrow.fromExporter(exporter);
      const back: ElementExporter<Vector> = arrow.toExporter(makeVector(new Int32Array([1])));
      const strided: stdlib.StdlibNdarray = stdlib.fromExporter(back);
      export const interopResult: [number, readonly number[], number] = [column.length, strided.shape, grid.size];
    `,
    tsInstall: ["@types/ndarray"],
    // apache-arrow's declarations (and flatbuffers') use generic typed arrays, as do
    // the ones here (ScijsTypedData): TypeScript 5.7 or later, as the README says.
    tsMinimum: "5.7",
  },
};

/**
 * TypeScript versions a consumer may use, installed into the consumer project
 * under aliases (the oldest 5.x supported, the last 5.x, the native 7.x).
 * Pinned: a new TypeScript is a deliberate change here and in the READMEs.
 */
const TS_VERSIONS = ["5.4.5", "5.9.3", "7.0.2"];

/** Node's types for snippets with tsTypes ["node"]: the same line as the root's @types/node. */
const TYPES_NODE_VERSION = "20.19.43";

/** Module settings a consumer may use: [module, moduleResolution]. */
const TS_MODULE_SETTINGS = [
  ["nodenext", "nodenext"],
  ["esnext", "bundler"],
];

/** Manifest fields every publishable package must carry (npm provenance needs repository.url). */
const PUBLISH_FIELDS = ["license", "author", "homepage", "bugs", "repository"];

/** Files every tarball must hold, relative to the package root. */
const REQUIRED_FILES = ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts"];

/** Files no tarball may hold: sources, tests, build configuration. */
const FORBIDDEN_FILES = [
  { test: (p) => p.startsWith("src/"), why: "TypeScript sources (src/)" },
  { test: (p) => p.startsWith("test/") || p.includes("/test/"), why: "a test folder" },
  { test: (p) => /(^|\/)[^/]*\.test\.[^/]+$/.test(p), why: "a test file (*.test.*)" },
  { test: (p) => /(^|\/)tsconfig[^/]*\.json$/.test(p), why: "a tsconfig file" },
  { test: (p) => p.endsWith(".tsbuildinfo"), why: "a .tsbuildinfo file" },
];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

class CheckFailure extends Error {}

function fail(message) {
  throw new CheckFailure(message);
}

function ok(what) {
  console.log(`pack: ok ${what}`);
}

// --- running commands --------------------------------------------------------

/**
 * Environment for child processes: `npm run` exports npm_config_* / npm_package_*
 * variables describing the monorepo; an npm started in the temporary project
 * must not inherit the ones that would point it back at the repository.
 */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|config_(local_prefix|prefix|workspaces?|include_workspace_root)$)/i.test(key)) {
      delete env[key];
    }
  }
  return env;
}

/**
 * How to start npm without a shell. Under `npm run`, npm_execpath is npm's own
 * JavaScript entry, which runs on this Node on every platform (Node refuses to
 * spawn `npm.cmd` with shell: false since 20.12.2). Otherwise use the command.
 */
function npmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /\.[cm]?js$/.test(execPath) && existsSync(execPath)) {
    return { file: process.execPath, prefix: [execPath] };
  }
  return { file: process.platform === "win32" ? "npm.cmd" : "npm", prefix: [] };
}

/** Runs a command; returns { ok, stdout, stderr, code } and never throws for a non-zero exit. */
function run(file, args, cwd) {
  try {
    const stdout = execFileSync(file, args, {
      cwd,
      env: childEnv(),
      shell: false,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, stdout, stderr: "", code: 0 };
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "EINVAL") fail(`cannot start ${file}: ${error.message}`);
    return { ok: false, stdout: String(error.stdout ?? ""), stderr: String(error.stderr ?? ""), code: error.status };
  }
}

function runNpm(args, cwd) {
  const npm = npmCommand();
  return run(npm.file, [...npm.prefix, ...args], cwd);
}

function runNode(args, cwd) {
  return run(process.execPath, args, cwd);
}

function output(result) {
  return `${result.stdout}${result.stderr}`.trim();
}

// --- finding packages ----------------------------------------------------------

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Workspace folders from the root package.json; supports `dir/*` and plain paths. */
function workspaceDirs() {
  const patterns = readJson(join(ROOT, "package.json")).workspaces ?? [];
  const dirs = [];
  for (const pattern of patterns) {
    if (pattern.endsWith("/*") && !pattern.slice(0, -2).includes("*")) {
      const parent = join(ROOT, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
      }
    } else if (!pattern.includes("*")) {
      dirs.push(join(ROOT, pattern));
    } else {
      fail(`unsupported workspace pattern ${JSON.stringify(pattern)} in package.json`);
    }
  }
  return dirs.filter((dir) => existsSync(join(dir, "package.json"))).sort();
}

function publishablePackages() {
  return workspaceDirs()
    .map((dir) => ({ dir, manifest: readJson(join(dir, "package.json")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => {
      if (typeof manifest.name !== "string") fail(`${relative(ROOT, dir)}/package.json has no name and is not private`);
      return { dir, name: manifest.name, manifest };
    });
}

/** The file the root export resolves to for a plain `import` (default condition). */
function mainEntry(manifest) {
  let target = manifest.exports;
  if (target && typeof target === "object" && "." in target) target = target["."];
  while (target && typeof target === "object") target = target.import ?? target.default;
  return typeof target === "string" ? target : manifest.main;
}

function assertBuilt(pkg) {
  const entry = mainEntry(pkg.manifest);
  if (!entry) fail(`${pkg.name}: package.json has no root export or main`);
  const path = join(pkg.dir, entry);
  if (!existsSync(path)) {
    fail(`${pkg.name}: ${relative(ROOT, path)} is missing; build first (npm run build)`);
  }
}

// --- packing and installing ------------------------------------------------------

/** `npm pack --json` may be preceded by lifecycle-script output: parse the trailing JSON array. */
function parsePackJson(stdout) {
  const starts = [0];
  for (let i = stdout.indexOf("\n["); i !== -1; i = stdout.indexOf("\n[", i + 1)) starts.push(i + 1);
  for (const start of starts.reverse()) {
    try {
      const value = JSON.parse(stdout.slice(start));
      if (Array.isArray(value)) return value;
    } catch {
      // not JSON from here; try an earlier start
    }
  }
  fail(`could not read the output of npm pack --json:\n${stdout}`);
}

function pack(pkg, destination) {
  const result = runNpm(["pack", "--json", "--pack-destination", destination, "--workspace", pkg.name], ROOT);
  if (!result.ok) fail(`${pkg.name}: npm pack failed:\n${output(result)}`);
  const [info] = parsePackJson(result.stdout);
  if (!info || info.name !== pkg.name) fail(`${pkg.name}: npm pack reported ${JSON.stringify(info?.name)}`);
  const tarball = join(destination, info.filename);
  if (!existsSync(tarball)) fail(`${pkg.name}: npm pack reported ${info.filename}, which is not in ${destination}`);
  ok(`${pkg.name}: packed ${info.filename} (${info.entryCount} files, ${info.size} bytes)`);
  return { tarball, files: info.files.map((f) => f.path.replaceAll("\\", "/")) };
}

function checkFileList(pkg, files) {
  const missing = REQUIRED_FILES.filter((f) => !files.includes(f));
  if (missing.length) fail(`${pkg.name}: tarball lacks ${missing.join(", ")}`);
  const leaked = [];
  for (const path of files) {
    const rule = FORBIDDEN_FILES.find((r) => r.test(path));
    if (rule) leaked.push(`${path} (${rule.why})`);
  }
  if (leaked.length) fail(`${pkg.name}: tarball must not contain:\n  ${leaked.join("\n  ")}`);
  ok(`${pkg.name}: tarball holds ${REQUIRED_FILES.join(", ")} and no sources, tests or tsconfig`);
}

/** `name@version` of each peer dependency the SMOKE entries ask for, at the version the package's devDependencies pin. */
function smokePeers(packages) {
  return packages
    .filter((pkg) => SMOKE[pkg.name]?.installPeers)
    .flatMap((pkg) => Object.keys(pkg.manifest.peerDependencies ?? {}).map((name) => pinnedDevDependency(pkg, name, "peer dependency")));
}

/** Whether TypeScript `version` ("5.9.3") is `minimum` ("5.7") or later; any version when there is no minimum. */
function atLeast(version, minimum) {
  if (minimum === null) return true;
  const [major, minor] = version.split(".").map(Number);
  const [minMajor, minMinor] = minimum.split(".").map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

/** `name@version` of each type package the `ts` snippets ask for (tsInstall), at the version the package's devDependencies pin. */
function snippetTypePackages(packages) {
  return packages.flatMap((pkg) => (SMOKE[pkg.name]?.tsInstall ?? []).map((name) => pinnedDevDependency(pkg, name, "type package")));
}

/** `name@version` with the version `pkg` pins in its devDependencies, which the checks install. */
function pinnedDevDependency(pkg, name, what) {
  const version = pkg.manifest.devDependencies?.[name];
  if (!version) fail(`${pkg.name}: ${what} ${name} has no pinned devDependency to install for the packaging check`);
  return `${name}@${version}`;
}

function createConsumer(dir, tarballs, peers = []) {
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "pybuffer-pack-check", type: "module", private: true }, null, 2)}\n`,
  );
  const result = runNpm(
    ["install", ...tarballs, ...peers, "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--no-package-lock"],
    dir,
  );
  if (!result.ok) fail(`npm install of the tarballs failed:\n${output(result)}`);
  ok(`installed ${tarballs.length} tarball(s)${peers.length ? ` and ${peers.join(", ")}` : ""} into an empty project`);
}

// --- checks run in the consumer project --------------------------------------------

/** Reports an assertion or load error in one short paragraph instead of a stack dump. */
const REPORT_ERRORS = `process.setUncaughtExceptionCaptureCallback((error) => {
  const code = error?.code ? " [" + error.code + "]" : "";
  console.error(error instanceof Error ? error.name + code + ": " + error.message : String(error));
  process.exit(1);
});\n`;

function runSnippet(pkg, what, kind, body, consumer) {
  const header =
    (kind === "esm" ? `import assert from "node:assert/strict";\n` : `const assert = require("node:assert/strict");\n`) +
    REPORT_ERRORS;
  const inputType = kind === "esm" ? "module" : "commonjs";
  const result = runNode([`--input-type=${inputType}`, "-e", header + body], consumer);
  if (!result.ok) fail(`${pkg.name}: ${what} check failed:\n${output(result)}`);
}

function checkEsm(pkg, consumer) {
  const body =
    SMOKE[pkg.name]?.esm ??
    `const m = await import(${JSON.stringify(pkg.name)});
     assert.ok(Object.keys(m).length > 0, "the package exports nothing");`;
  runSnippet(pkg, "ESM import", "esm", body, consumer);
  ok(`${pkg.name}: import works${SMOKE[pkg.name]?.esm ? " and the smoke assertions hold" : ""}`);
}

function checkCjs(pkg, consumer) {
  const body =
    SMOKE[pkg.name]?.cjs ??
    `const m = require(${JSON.stringify(pkg.name)});
     assert.ok(Object.keys(m).length > 0, "the package exports nothing");`;
  runSnippet(pkg, "CommonJS require()", "cjs", body, consumer);
  ok(`${pkg.name}: require() works (require(esm))${SMOKE[pkg.name]?.cjs ? " and the smoke assertions hold" : ""}`);
}

function checkPackageJsonExport(pkg, consumer) {
  const name = JSON.stringify(pkg.name);
  runSnippet(
    pkg,
    "package.json export",
    "esm",
    `const { default: manifest } = await import(${JSON.stringify(`${pkg.name}/package.json`)}, { with: { type: "json" } });
     assert.equal(manifest.name, ${name});`,
    consumer,
  );
  ok(`${pkg.name}: ${pkg.name}/package.json is importable`);
}

function checkDeepImportsRefused(pkg, consumer) {
  const specifiers = [`${pkg.name}/dist/index.js`, `${pkg.name}/src/index.ts`, ...(SMOKE[pkg.name]?.deepImports ?? [])];
  const list = JSON.stringify(specifiers);
  runSnippet(
    pkg,
    "deep-import refusal",
    "esm",
    `import { createRequire } from "node:module";
     const require = createRequire(import.meta.url);
     for (const specifier of ${list}) {
       await assert.rejects(import(specifier), { code: "ERR_PACKAGE_PATH_NOT_EXPORTED" }, "import " + specifier);
       assert.throws(() => require(specifier), { code: "ERR_PACKAGE_PATH_NOT_EXPORTED" }, "require " + specifier);
     }`,
    consumer,
  );
  ok(`${pkg.name}: deep imports refused (${specifiers.join(", ")})`);
}

function checkLicense(pkg, consumer) {
  const shipped = join(consumer, "node_modules", ...pkg.name.split("/"), "LICENSE");
  if (readFileSync(shipped, "utf8") !== readFileSync(join(ROOT, "LICENSE"), "utf8")) {
    fail(`${pkg.name}: the LICENSE in the tarball differs from the repository's LICENSE`);
  }
  ok(`${pkg.name}: ships the repository's LICENSE`);
}

// --- publishing ------------------------------------------------------------------------

/**
 * The manifest fields a provenance publish needs. npm refuses a provenance
 * publish whose repository.url is empty (E422) or names another repository
 * than the one the workflow runs in, so in GitHub Actions the URL is compared
 * with GITHUB_REPOSITORY.
 */
function checkPublishManifest(pkg) {
  const { manifest } = pkg;
  const missing = PUBLISH_FIELDS.filter((field) => !manifest[field]);
  if (missing.length) fail(`${pkg.name}: package.json lacks ${missing.join(", ")}`);
  const { repository } = manifest;
  if (typeof repository !== "object" || typeof repository.url !== "string" || repository.url === "") {
    fail(`${pkg.name}: repository must be an object with a url`);
  }
  const directory = relative(ROOT, pkg.dir).replaceAll("\\", "/");
  if (repository.directory !== directory) {
    fail(`${pkg.name}: repository.directory is ${JSON.stringify(repository.directory)}, expected ${JSON.stringify(directory)}`);
  }
  const workflowRepository = process.env.GITHUB_REPOSITORY;
  if (workflowRepository && repository.url !== `git+https://github.com/${workflowRepository}.git`) {
    fail(`${pkg.name}: repository.url ${repository.url} is not this workflow's repository (${workflowRepository})`);
  }
  if (manifest.publishConfig?.provenance !== true || manifest.publishConfig?.access !== "public") {
    fail(`${pkg.name}: publishConfig must say { "access": "public", "provenance": true }`);
  }
  ok(`${pkg.name}: manifest has ${PUBLISH_FIELDS.join(", ")} (directory ${directory}) and publishes with provenance`);
}

/**
 * `npm publish --dry-run` packs and validates the manifest as a publish would
 * (it stops before contacting the registry, so no token or OIDC is needed).
 * npm "auto-corrects" some manifest errors by dropping the field, a bin entry
 * for instance; any such correction fails the check.
 */
function checkDryRunPublish(pkg) {
  const result = runNpm(["publish", "--dry-run", "--workspace", pkg.name], ROOT);
  if (!result.ok) fail(`${pkg.name}: npm publish --dry-run failed:\n${output(result)}`);
  if (/auto-corrected|errors corrected/i.test(output(result))) {
    fail(`${pkg.name}: npm publish --dry-run corrected the manifest:\n${output(result)}`);
  }
  ok(`${pkg.name}: npm publish --dry-run succeeds without corrections`);
}

/** A dev dependency's command line tool, run by this Node (no shell, no .bin shim). */
function binOf(packageName, command) {
  // Not require.resolve: publint's exports map does not expose package.json.
  const manifestPath = join(ROOT, "node_modules", ...packageName.split("/"), "package.json");
  if (!existsSync(manifestPath)) fail(`${packageName} is not installed (npm ci)`);
  const { bin } = readJson(manifestPath);
  const path = typeof bin === "string" ? bin : bin?.[command];
  if (!path) fail(`${packageName} has no bin ${command}`);
  return join(dirname(manifestPath), path);
}

function checkLint(pkg, tarball) {
  const publint = runNode([binOf("publint", "publint"), "run", tarball, "--strict"], ROOT);
  if (!publint.ok) fail(`${pkg.name}: publint found problems:\n${output(publint)}`);
  const attw = runNode(
    [binOf("@arethetypeswrong/cli", "attw"), tarball, "--profile", "esm-only", "--no-definitely-typed", "--format", "ascii", "--no-color"],
    ROOT,
  );
  if (!attw.ok) fail(`${pkg.name}: arethetypeswrong (profile esm-only) found problems:\n${output(attw)}`);
  ok(`${pkg.name}: publint --strict and attw --profile esm-only pass on the tarball`);
}

// --- TypeScript consumers --------------------------------------------------------------

function tsAlias(version) {
  return `typescript-${version}`;
}

function installTypeScripts(consumer, typePackages) {
  const specs = [...TS_VERSIONS.map((v) => `${tsAlias(v)}@npm:typescript@${v}`), `@types/node@${TYPES_NODE_VERSION}`, ...typePackages];
  const result = runNpm(["install", ...specs, "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--no-package-lock"], consumer);
  if (!result.ok) fail(`npm install of TypeScript ${TS_VERSIONS.join(", ")} failed:\n${output(result)}`);
}

/**
 * Type-checks the `ts` snippets with every TypeScript in TS_VERSIONS (from the
 * snippet's tsMinimum on) under every module setting, `strict` and
 * `skipLibCheck: false`, so an error anywhere in the published declarations
 * fails. Snippets sharing a "types" setting and a tsMinimum form one program;
 * a target of es2022 keeps the default lib free of esnext additions.
 */
function checkTypeScriptConsumers(packed, consumer) {
  const programs = new Map();
  for (const { pkg } of packed) {
    const snippet = SMOKE[pkg.name]?.ts;
    if (!snippet) continue;
    const types = SMOKE[pkg.name].tsTypes ?? [];
    const minimum = SMOKE[pkg.name].tsMinimum ?? null;
    const key = JSON.stringify([types, minimum]);
    if (!programs.has(key)) programs.set(key, { types, versions: TS_VERSIONS.filter((v) => atLeast(v, minimum)), files: [], names: [] });
    const program = programs.get(key);
    const file = `consumer-${pkg.name.replace(/[^a-z0-9]+/gi, "-")}.ts`;
    writeFileSync(join(consumer, file), snippet);
    program.files.push(file);
    program.names.push(pkg.name);
  }
  if (programs.size === 0) return;
  installTypeScripts(consumer, snippetTypePackages(packed.map(({ pkg }) => pkg)));
  for (const [index, program] of [...programs.values()].entries()) {
    for (const [module, moduleResolution] of TS_MODULE_SETTINGS) {
      const config = `tsconfig.${index}.${moduleResolution}.json`;
      const compilerOptions = {
        module,
        moduleResolution,
        target: "es2022",
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: program.types,
      };
      writeFileSync(join(consumer, config), JSON.stringify({ compilerOptions, files: program.files }, null, 2));
      for (const version of program.versions) {
        const tsc = join(consumer, "node_modules", tsAlias(version), "bin", "tsc");
        const result = runNode([tsc, "-p", config], consumer);
        if (!result.ok) {
          fail(`TypeScript ${version} (${moduleResolution}, types ${JSON.stringify(program.types)}) rejects ${program.names.join(", ")}:\n${output(result)}`);
        }
      }
    }
    ok(`${program.names.join(", ")}: types check with TypeScript ${program.versions.join(", ")} under ${TS_MODULE_SETTINGS.map(([, r]) => r).join(" and ")} (skipLibCheck false, types ${JSON.stringify(program.types)})`);
  }
}

// --- main ----------------------------------------------------------------------------

function main() {
  const packages = publishablePackages();
  if (packages.length === 0) fail("no publishable package (every packages/*/package.json is private)");
  for (const pkg of packages) assertBuilt(pkg);
  for (const pkg of packages) checkPublishManifest(pkg);
  for (const pkg of packages) {
    if (!SMOKE[pkg.name]) {
      console.log(`pack: note ${pkg.name} has no entry in SMOKE (scripts/check-pack.mjs): generic checks only`);
    }
  }

  const work = mkdtempSync(join(tmpdir(), "pybuffer-pack-"));
  try {
    const tarballDir = join(work, "tarballs");
    const consumer = join(work, "consumer");
    mkdirSync(tarballDir);
    mkdirSync(consumer);

    const packed = packages.map((pkg) => ({ pkg, ...pack(pkg, tarballDir) }));
    for (const { pkg, files } of packed) checkFileList(pkg, files);
    for (const { pkg, tarball } of packed) checkLint(pkg, tarball);
    for (const { pkg } of packed) checkDryRunPublish(pkg);

    createConsumer(consumer, packed.map((p) => p.tarball), smokePeers(packages));
    for (const { pkg } of packed) {
      checkEsm(pkg, consumer);
      checkCjs(pkg, consumer);
      checkPackageJsonExport(pkg, consumer);
      checkDeepImportsRefused(pkg, consumer);
      checkLicense(pkg, consumer);
    }
    checkTypeScriptConsumers(packed, consumer);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`pack: all checks passed for ${packages.map((p) => p.name).join(", ")}`);
}

try {
  main();
} catch (error) {
  if (error instanceof CheckFailure) {
    console.error(`pack: FAIL ${error.message}`);
  } else {
    console.error("pack: FAIL unexpected error");
    console.error(error);
  }
  process.exitCode = 1;
}
