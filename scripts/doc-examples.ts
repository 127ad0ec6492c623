/**
 * Runs the `@example` blocks of a package's TSDoc as tests, against the
 * sources, so the documentation cannot drift from the code.
 *
 * Each example is a ```ts fence after `@example`. Its imports of workspace
 * packages are bound to the modules the calling test passes in; the rest is
 * transpiled by TypeScript (types erased) and run as an async function. A line
 * ending in `// value` is checked when `value` reads as a JavaScript value
 * (`8`, `"h"`, `[1, 2n]`, `{ real: 1 }`, `Uint8Array [1, 2]`), optionally
 * followed by prose (`8 (lp64)`, `[1, 3] (a copy)`); `// name: value` checks
 * the variable `name` after the line. Other comments are prose and only run.
 *
 * Used by each package's `test/doc-examples.test.ts` through {@link describeDocExamples}.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Declares one test per `@example` under `srcUrl`: it runs, and every value
 * its comments state is what the line gives. `modules` binds the import
 * specifiers the examples use (the package itself and its dependencies).
 */
export function describeDocExamples(
  srcUrl: URL,
  modules: Readonly<Record<string, unknown>>,
  minimum: number,
  notRunnable: Readonly<Record<string, string>> = {},
): void {
  const all = collectExamples(fileURLToPath(srcUrl));
  const examples = all.filter((example) => !(example.where in notRunnable));
  describe("TSDoc @example blocks, run against the sources", () => {
    it(`finds at least ${minimum} examples`, () => {
      expect(all.length).toBeGreaterThanOrEqual(minimum);
    });
    it("lists as not runnable only examples that exist (so the list cannot go stale)", () => {
      const wheres = new Set(all.map((example) => example.where));
      expect(Object.keys(notRunnable).filter((where) => !wheres.has(where))).toEqual([]);
    });
    it.each(examples.map((example) => [example.where, example] as const))("%s", async (_where, example) => {
      const checks = await runExample(example, modules);
      for (const check of checks) {
        if (check.expected === PROSE) continue;
        if (typeof check.expected === "string" && check.expected.includes("...") && typeof check.actual === "string") {
          // "..." in a stated string stands for text that differs per run (addresses) or is elided.
          const pattern = check.expected.split("...").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^]*");
          expect(check.actual, check.line).toMatch(new RegExp(`^${pattern}$`));
        } else {
          expect(check.actual, check.line).toEqual(check.expected);
        }
      }
    });
  });
}

/** One `@example` fence. */
export interface DocExample {
  /**
   * `src/<file>#<name>`: the file and the name its TSDoc documents
   * (`#@module` for a file's comment), with ` (2)`, ` (3)`... for further
   * examples of the same name.
   */
  readonly where: string;
  /** The source file the example documents. */
  readonly file: string;
  readonly code: string;
}

/** A checked `// value` comment: what the line gave and what the comment says. */
export interface ExampleCheck {
  readonly line: string;
  readonly actual: unknown;
  readonly expected: unknown;
}

/** Every `@example` fence in the `.ts` files under `srcDir`, in file order. */
export function collectExamples(srcDir: string): DocExample[] {
  const examples: DocExample[] = [];
  const counts = new Map<string, number>();
  for (const file of tsFiles(srcDir)) {
    const lines = readFileSync(file, "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
      let start = i + 1;
      while (start < lines.length && !/^\s*\*\s*```(ts|typescript)\s*$/.test(lines[start]!)) {
        if (/^\s*\*\s*@\w/.test(lines[start]!) || /\*\//.test(lines[start]!)) break;
        start++;
      }
      if (start >= lines.length || !/```/.test(lines[start]!)) continue;
      const body: string[] = [];
      let end = start + 1;
      for (; end < lines.length && !/^\s*\*\s*```\s*$/.test(lines[end]!); end++) {
        body.push(lines[end]!.replace(/^\s*\* ?/, ""));
      }
      const where = `${relative(join(srcDir, ".."), file)}#${documentedName(lines, i, end)}`;
      const seen = (counts.get(where) ?? 0) + 1;
      counts.set(where, seen);
      examples.push({ where: seen === 1 ? where : `${where} (${seen})`, file, code: body.join("\n") });
      i = end;
    }
  }
  return examples;
}

/**
 * The name the TSDoc comment holding lines `tag` to `fenceEnd` documents:
 * the first identifier declared after the comment closes (`export function f`,
 * `readonly x`, `get y()`), or `@module` for a file's comment. A key that
 * lines added above the example do not change.
 */
function documentedName(lines: readonly string[], tag: number, fenceEnd: number): string {
  let open = tag;
  while (open > 0 && !/\/\*\*/.test(lines[open]!)) open--;
  let close = fenceEnd;
  while (close < lines.length && !/\*\//.test(lines[close]!)) close++;
  if (lines.slice(open, close + 1).some((line) => /^\s*\*\s*@module\b/.test(line))) return "@module";
  for (let i = close + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("//") || line.startsWith("@")) continue;
    const name = DECLARED_NAME.exec(line);
    return name?.[1] ?? line;
  }
  return "end of file";
}

const DECLARED_NAME =
  /^(?:(?:export|default|declare|abstract|async|static|public|protected|private|readonly|override|get|set|function\*?|class|interface|type|const|let|var|enum|namespace)\s+)*\*?\s*(\[?[A-Za-z_$][\w$.]*\]?)/;

function tsFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...tsFiles(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(path);
  }
  return files;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (
  ...args: unknown[]
) => Promise<void>;

/**
 * Runs one example with `modules` standing for its imports; returns the
 * checks its `// value` comments asked for (the caller compares them). An
 * example without imports documents an internal name: it runs with the
 * exports of its own file in scope. Throws what the example throws.
 */
export async function runExample(example: DocExample, modules: Readonly<Record<string, unknown>>): Promise<ExampleCheck[]> {
  const file = ts.createSourceFile("example.ts", example.code, ts.ScriptTarget.ES2022, true);
  const hasImports = file.statements.some(ts.isImportDeclaration);
  let source = instrument(file);
  if (!hasImports) {
    const own = (await import(pathToFileURL(example.file).href)) as Record<string, unknown>;
    const names = Object.keys(own).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
    source = `const { ${names.join(", ")} } = __own;\n${source}`;
    modules = { ...modules, [OWN]: own };
  }
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
  }).outputText;
  const checks: ExampleCheck[] = [];
  const check = (actual: unknown, text: string, line: string): void => {
    checks.push({ line, actual: snapshot(actual), expected: parseValue(text, actual) });
  };
  const load = (name: string): unknown => {
    if (!(name in modules)) throw new Error(`${example.where}: imports ${name}, which the test does not provide`);
    return modules[name];
  };
  await new AsyncFunction("__load", "__check", "__own", js)(load, check, modules[OWN]);
  return checks;
}

const OWN = "\u0000own";

/** A copy of arrays and typed arrays as they are now: later lines may change them. */
function snapshot(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snapshot);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return new (value.constructor as new (items: ArrayLike<unknown>) => unknown)(value as unknown as ArrayLike<unknown>);
  }
  return value;
}

/**
 * The example's source with its imports bound to `__load` and a `__check`
 * for every top-level statement followed by a `// value` comment on its
 * last line.
 */
function instrument(file: ts.SourceFile): string {
  const text = file.text;
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of file.statements) {
    if (ts.isExportAssignment(statement)) {
      // `export default x;` in an example of a module file: evaluate x.
      edits.push({ start: statement.getStart(file), end: statement.expression.getStart(file), text: "" });
      continue;
    }
    if (ts.isImportDeclaration(statement)) {
      edits.push({ start: statement.getStart(file), end: statement.end, text: boundImport(statement) });
      continue;
    }
    const comment = ts.getTrailingCommentRanges(text, statement.end)?.find((range) => range.kind === ts.SyntaxKind.SingleLineCommentTrivia);
    if (comment === undefined) continue;
    const stated = text.slice(comment.pos + 2, comment.end).trim();
    const line = text.slice(text.lastIndexOf("\n", statement.end - 1) + 1, comment.end).trim();
    const checkOf = (value: string, what: string): string => `__check(${value}, ${JSON.stringify(what)}, ${JSON.stringify(line)});`;
    const named = /^([A-Za-z_$][\w$]*): (.+)$/.exec(stated);
    const original = text.slice(statement.getStart(file), statement.end);
    if (named !== null && literal(named[2]!, undefined) !== PROSE) {
      edits.push({ start: statement.getStart(file), end: statement.end, text: `${original} ${checkOf(named[1]!, named[2]!)}` });
    } else if (ts.isExpressionStatement(statement)) {
      edits.push({ start: statement.getStart(file), end: statement.end, text: checkOf(`(${statement.expression.getText(file)})`, stated) });
    } else if (ts.isVariableStatement(statement)) {
      const name = declaredName(statement);
      if (name !== null) edits.push({ start: statement.getStart(file), end: statement.end, text: `${original} ${checkOf(name, stated)}` });
    } else if (ts.isTryStatement(statement) && statement.catchClause !== undefined) {
      const caught = statement.catchClause.block.statements.at(-1);
      if (caught !== undefined && ts.isExpressionStatement(caught)) {
        const variable = statement.catchClause.variableDeclaration?.getText(file) ?? "e";
        const value = `(() => { try ${statement.tryBlock.getText(file)} catch (${variable}) { return (${caught.expression.getText(file)}); } return "no error"; })()`;
        edits.push({ start: statement.getStart(file), end: statement.end, text: checkOf(value, stated) });
      }
    }
  }
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** `import { a, b as c, type T } from "m";` -> `const { a, b: c } = __load("m");` */
function boundImport(declaration: ts.ImportDeclaration): string {
  const clause = declaration.importClause;
  if (clause === undefined || clause.isTypeOnly) return "";
  const specifier = JSON.stringify((declaration.moduleSpecifier as ts.StringLiteral).text);
  const bindings = clause.namedBindings;
  const names =
    bindings !== undefined && ts.isNamedImports(bindings)
      ? bindings.elements
          .filter((element) => !element.isTypeOnly)
          .map((element) => (element.propertyName ? `${element.propertyName.text}: ${element.name.text}` : element.name.text))
      : [];
  if (clause.name !== undefined) names.push(`default: ${clause.name.text}`);
  const namespace = bindings !== undefined && ts.isNamespaceImport(bindings) ? `const ${bindings.name.text} = __load(${specifier});` : "";
  return (names.length === 0 ? "" : `const { ${names.join(", ")} } = __load(${specifier});`) + namespace;
}

/** The one name a declaration binds (`const x = ...`, `const [x] = ...`), or null. */
function declaredName(statement: ts.VariableStatement): string | null {
  const [declaration, ...rest] = statement.declarationList.declarations;
  if (declaration === undefined || rest.length > 0) return null;
  if (ts.isIdentifier(declaration.name)) return declaration.name.text;
  if (ts.isArrayBindingPattern(declaration.name) && declaration.name.elements.length === 1) {
    const element = declaration.name.elements[0]!;
    if (ts.isBindingElement(element) && ts.isIdentifier(element.name)) return element.name.text;
  }
  return null;
}

/** The value a comment states, or `PROSE` when it states none. */
export const PROSE: unique symbol = Symbol("prose");

const TYPED_ARRAY = /^(Int8|Uint8|Uint8Clamped|Int16|Uint16|Int32|Uint32|Float16|Float32|Float64|BigInt64|BigUint64)Array(?:\(\d+\))? (\[.*\])$/;

/**
 * Reads a comment as a value: the whole comment, or the part before trailing
 * prose (" (...)", ", ..."). A typed array is written `Uint8Array [1, 2]`
 * (Node's inspect, on one line).
 */
function parseValue(text: string, actual: unknown): unknown {
  const candidates = [text];
  for (let i = text.length - 1; i > 0; i--) {
    if (text.startsWith(" (", i) || text.startsWith(", ", i) || text.startsWith(" or ", i)) candidates.push(text.slice(0, i));
  }
  for (const candidate of candidates) {
    const value = literal(candidate.trim(), actual);
    if (value !== PROSE) return value;
  }
  return PROSE;
}

/** The tokens of JSON-like literals (with bigints, single quotes, bare keys and unary minus). */
const LITERAL_TOKENS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.OpenBracketToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.OpenBraceToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.CommaToken,
  ts.SyntaxKind.ColonToken,
  ts.SyntaxKind.MinusToken,
]);
const LITERAL_NAMES: ReadonlySet<string> = new Set(["undefined", "NaN", "Infinity"]);

function literal(text: string, actual: unknown): unknown {
  const typed = TYPED_ARRAY.exec(text);
  if (typed !== null) {
    const items = literal(typed[2]!, undefined);
    if (!Array.isArray(items)) return PROSE;
    const constructor = (globalThis as Record<string, unknown>)[`${typed[1]}Array`] as (new (items: unknown[]) => unknown) | undefined;
    return constructor === undefined ? PROSE : new constructor(items);
  }
  // Only literals: no identifiers, calls or operators other than unary minus.
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    const allowed =
      LITERAL_TOKENS.has(token) ||
      (token === ts.SyntaxKind.Identifier && (LITERAL_NAMES.has(scanner.getTokenText()) || isPropertyKey(scanner, text)));
    if (!allowed) return PROSE;
  }
  try {
    const value: unknown = new Function(`return (${text});`)();
    // A typed array stated as a plain list: compare items.
    if (Array.isArray(value) && ArrayBuffer.isView(actual) && !(actual instanceof DataView)) {
      return new (actual.constructor as new (items: unknown[]) => unknown)(value);
    }
    return value;
  } catch {
    return PROSE;
  }
}

/** An identifier directly followed by `:` is an object key (`{ real: 1 }`). */
function isPropertyKey(scanner: ts.Scanner, text: string): boolean {
  return /^\s*:/.test(text.slice(scanner.getTokenEnd()));
}
