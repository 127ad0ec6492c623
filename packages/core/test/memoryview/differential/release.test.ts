/**
 * Released views and buffer exports against CPython 3.14's memoryview:
 * every attribute and method of a released view raises ValueError
 * "operation forbidden on released memoryview object" (equality is identity,
 * repr says "released", release is idempotent); views derived before the
 * release live on; a view with a buffer export (a consumer holding its
 * buffer) cannot be released ("memoryview has 1 exported buffer") until the
 * consumer lets go; `memoryview(m)` is no export. Random scripts of these
 * steps, over several views of one exporter.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Arg } from "../../oracle/engine-memoryview.ts";
import { derivationArb, derive, exporterArb, nativeFormatArb, none, num, Script, str, viewOf } from "../../oracle/memoryview-arbitraries.ts";
import { differential } from "./harness.ts";

const cpython = differential("release");

const exporter = exporterArb(nativeFormatArb, { maxNdim: 2 });

/** Every operation of a view (the ones that make views keep nothing: the script goes on with the same registers). */
function everyOperation(s: Script, view: number, other: number): void {
  s.run("attrs", view);
  s.run("len", view);
  s.run("tolist", view);
  s.run("tobytes", view);
  s.run("tobytes", view, str("F"));
  s.run("hex", view);
  s.run("hex", view, str(":"), num(2));
  s.run("iter", view);
  s.run("count", view, num(0));
  s.run("index", view, num(0));
  s.run("get", view, num(0));
  s.run("get", view, { tuple: [] });
  s.run("get", view, { ellipsis: true });
  s.run("set", view, num(0), num(1));
  s.run("set", view, { slice: [none, none, none] }, { var: other });
  s.run("cast", view, str("B"));
  s.run("toreadonly", view);
  s.run("memoryview", view);
  s.run("eq", view, { var: view });
  s.run("eq", view, { var: other });
  s.run("eq", other, { var: view });
  s.run("eq", view, { var: 0 });
  s.run("repr", view);
  s.run("export", view);
}

type Action = readonly [kind: number, a: number, b: number];

const ACTIONS = ["view", "derive", "export", "drop", "release", "release", "use", "use", "use"] as const;

describe("released memoryviews and exports vs CPython 3.14", () => {
  it("every operation on a released view agrees (and on views derived before it)", () => {
    fc.assert(
      fc.property(exporter, fc.array(derivationArb, { maxLength: 2 }), derivationArb, (e, path, child) => {
        const s = new Script([e.exporter]);
        const view = viewOf(s, 0, path);
        const derived = viewOf(s, 0, [...path, child]);
        const sibling = s.keep("memoryview", view);
        s.run("release", view);
        s.run("release", view);
        everyOperation(s, view, sibling);
        s.run("describe", derived);
        s.run("describe", sibling);
        s.run("bytes", 0);
        cpython.agree(s.case);
      }),
      { numRuns: 400 },
    );
    // The generators must still reach each of these answers (a guard against a generator that drifts).
    cpython.expectReached([
      "ValueError: operation forbidden on released memoryview object",
    ]);
  });

  it("a view with k buffer exports refuses release until all are dropped; memoryview(m) is no export", () => {
    fc.assert(
      fc.property(exporter, fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), (e, k, order) => {
        const s = new Script([e.exporter]);
        const view = s.keep("memoryview", 0);
        const plain = s.keep("memoryview", view);
        const consumers = Array.from({ length: k }, () => s.keep("export", view));
        s.run("release", view);
        s.run("release", plain);
        s.run("describe", plain);
        for (let i = 0; i < k; i++) {
          s.run("drop", consumers.splice(order[i]! % consumers.length, 1)[0]!);
          s.run("release", view);
        }
        s.run("attrs", view);
        s.run("bytes", 0);
        cpython.agree(s.case);
      }),
      { numRuns: 200 },
    );
    // The generators must still reach each of these answers (a guard against a generator that drifts).
    cpython.expectReached([
      "BufferError: memoryview has 1 exported buffer",
      "BufferError: memoryview has 2 exported buffers",
    ]);
  });

  it("random scripts of views, exports, drops, releases and uses agree", () => {
    const actionArb = fc.tuple(fc.nat(ACTIONS.length - 1), fc.nat(), fc.nat());
    fc.assert(
      fc.property(exporter, derivationArb, fc.array(actionArb, { minLength: 3, maxLength: 14 }), fc.array(derivationArb, { minLength: 4, maxLength: 4 }), (e, first, actions, derivations) => {
        const s = new Script([e.exporter]);
        const base = s.keep("memoryview", 0);
        const views = [base, derive(s, base, first)];
        const consumers: number[] = [];
        const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
        for (const [kind, a, b] of actions as Action[]) {
          const view = pick(views, a);
          switch (ACTIONS[kind]) {
            case "view":
              views.push(s.keep("memoryview", view));
              break;
            case "derive":
              views.push(derive(s, view, pick(derivations, b)));
              break;
            case "export":
              consumers.push(s.keep("export", view));
              break;
            case "drop":
              if (consumers.length > 0) s.run("drop", consumers.splice(b % consumers.length, 1)[0]!);
              break;
            case "release":
              s.run("release", view);
              break;
            case "use": {
              const op = pick(["attrs", "tolist", "hex", "len", "get", "eq", "tobytes", "repr"] as const, b);
              const args: Arg[] = op === "get" ? [num(0)] : op === "eq" ? [{ var: pick(views, b >> 3) }] : [];
              s.run(op, view, ...args);
              break;
            }
          }
        }
        for (const view of views) s.run("repr", view);
        cpython.agree(s.case);
      }),
      { numRuns: 700 },
    );
  });
});
