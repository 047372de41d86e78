// Golden tests of the iptables lowering: every filter case under test/golden/cases and every
// example with filters, lowered with `--firewall iptables`, as a plan, or as the
// diagnostics that say what iptables cannot do; and the examples' nft plans (the cases'
// nft plans are golden.test.ts's).

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { planText } from "../../src/backends/text.js";
import { DiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { renderPretty } from "../../src/diagnostics/render.js";
import { compileFile } from "../../src/model/compile.js";
import { machinesInUse } from "../../src/model/part.js";
import { type Firewall, usesFirewall } from "../../src/plan/firewall.js";
import { lower } from "../../src/plan/lower.js";
import { ROOT } from "../support/lab.js";

const BASELINES = join(ROOT, "test/golden/baselines");
const accept = process.env.OPENTOP_ACCEPT === "1";

function output(path: string, firewall: Firewall): string | undefined {
  const lab = compileFile(path).lab;
  if (!lab || !usesFirewall(lab)) return undefined;
  try {
    // A lab on several machines: each machine's plan.
    const machines = lab.machines.length ? machinesInUse(lab).map((m) => m.name) : [undefined];
    const plans = machines.map((machine) => lower(lab, { firewall, ...(machine ? { machine } : {}) }));
    return `${plans.map((plan) => `${planText(plan, "up")}\n\n${planText(plan, "down")}`).join("\n\n")}\n`;
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return `${e.diagnostics.map((d) => renderPretty(d)).join("\n\n")}\n`;
  }
}

const sources = [
  ...readdirSync(join(ROOT, "test/golden/cases")).map((f) => `test/golden/cases/${f}`),
  ...readdirSync(join(ROOT, "examples")).map((f) => `examples/${f}`),
]
  .filter((f) => f.endsWith(".otop"))
  .sort();

function compare(name: string, actual: string): void {
  const file = join(BASELINES, name);
  if (accept) {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no baseline ${name}: run \`npm run accept\` and review it`);
  assert.equal(
    actual,
    readFileSync(file, "utf8"),
    `${name} differs from its baseline (npm run accept to update)`,
  );
}

for (const source of sources) {
  const base = source.replace(/^.*\//, "").replace(/\.otop$/, "");
  // Relative to the repository (the tests run there), so baselines name no machine's paths.
  const iptables = output(source, "iptables");
  if (iptables !== undefined)
    test(`golden iptables ${source}`, () => compare(`${base}.iptables.txt`, iptables));
  const nft = source.startsWith("examples/") ? output(source, "nft") : undefined;
  if (nft !== undefined) test(`golden nft ${source}`, () => compare(`${base}.nft.txt`, nft));
}
