// Golden tests: every lab under test/golden/cases and examples/ compiles to a committed
// baseline — its plan (up and down) and its standalone script when it is valid, its
// diagnostics (pretty and short) when it is not.
// `npm run accept` rewrites the baselines; a reviewer reads the diff.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { labPart } from "../../src/backends/sh/script.js";
import { planText } from "../../src/backends/text.js";
import { sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { renderPretty, renderShort } from "../../src/diagnostics/render.js";
import { compileFile } from "../../src/model/compile.js";
import type { Lab } from "../../src/model/model.js";
import { machinesInUse } from "../../src/model/part.js";
import { lower } from "../../src/plan/lower.js";
import { ROOT } from "../support/lab.js";

const CASES = "test/golden/cases";
const BASELINES = join(ROOT, "test/golden/baselines");
const accept = process.env.OPENTOP_ACCEPT === "1";

/** The registered renderings of a compiled lab; other golden tests add theirs. */
export function goldenOutputs(path: string): Map<string, string> {
  const compiled = compileFile(path);
  const out = new Map<string, string>();
  const diagnostics = sortDiagnostics(compiled.diagnostics);
  if (diagnostics.length) {
    out.set(
      "diagnostics.txt",
      `${diagnostics.map((d) => renderPretty(d)).join("\n\n")}\n\n${diagnostics.map(renderShort).join("\n")}\n`,
    );
  }
  if (compiled.lab?.machines.length) {
    // A lab on several machines: each machine's plan, and each machine's script.
    const plans = machinesInUse(compiled.lab).map((m) => lower(compiled.lab as Lab, { machine: m.name }));
    out.set(
      "plan.txt",
      `${plans.map((p) => `${planText(p, "up")}\n\n${planText(p, "down")}`).join("\n\n")}\n`,
    );
    for (const plan of plans)
      out.set(`${plan.machine}.sh`, labPart(compiled, plan).text.replaceAll(ROOT, "/ROOT"));
  } else if (compiled.lab) {
    const plan = lower(compiled.lab);
    out.set("plan.txt", `${planText(plan, "up")}\n\n${planText(plan, "down")}\n`);
    // The lab's own part of its script (the shared prelude is src/backends/sh/prelude.sh,
    // linted and run on its own). It records the lab file's absolute path: the checkout's
    // own is not part of it.
    out.set("sh", labPart(compiled, plan).text.replaceAll(ROOT, "/ROOT"));
  }
  return out;
}

export function compareBaseline(name: string, actual: string): void {
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

// The cases, and the example labs (whose baselines are prefixed `example-`).
for (const [dir, prefix] of [
  [CASES, ""],
  ["examples", "example-"],
] as const)
  for (const entry of readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(".otop"))
    .sort()) {
    test(`golden ${dir}/${entry}`, () => {
      const base = prefix + entry.replace(/\.otop$/, "");
      const outputs = goldenOutputs(join(dir, entry));
      assert.ok(outputs.size > 0, "a golden case must produce a plan or diagnostics");
      for (const [kind, text] of outputs) compareBaseline(`${base}.${kind}`, text);
    });
  }
