/**
 * The style sheet and the filter script of the HTML report, inlined into
 * the page so that the file stands alone (no network, no other file).
 *
 * @module
 */

export const HTML_STYLE = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #6e7781; --line: #d0d7de; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: var(--skip); margin-bottom: 16px; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 600; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.unknown { background: var(--warn); }
.filters { margin: 16px 0; display: flex; gap: 18px; flex-wrap: wrap; }
.filters fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; }
th.adapter { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
td.cell { text-align: center; font-weight: 600; font-size: 12px; }
.s-pass { color: var(--pass); } .s-fail, .s-error, .s-timeout, .s-unexpected-pass { color: var(--fail); }
.s-flaky, .s-expected-failure { color: var(--warn); } .s-skipped { color: var(--skip); }
.gating { background: #ffebe9; }
.level { font-size: 11px; color: var(--skip); }
.failure { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.failure.nongating { border-left-color: var(--warn); }
.failure pre { white-space: pre-wrap; word-break: break-all; background: rgba(127,127,127,.08); padding: 6px; border-radius: 4px; margin: 4px 0; }
.hidden { display: none; }
`;

/** Hides rows and failures whose level or outcome is unchecked. */
export const HTML_SCRIPT = `
const boxes = [...document.querySelectorAll(".filters input")];
function apply() {
  const on = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
  for (const el of document.querySelectorAll("[data-level]")) {
    const outcomes = el.dataset.outcomes.split(" ");
    el.classList.toggle("hidden", !on.has(el.dataset.level) || !outcomes.some((o) => on.has(o)));
  }
}
for (const b of boxes) b.addEventListener("change", apply);
apply();
`;
