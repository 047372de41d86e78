// Golden plans of composable isolation for both cgroup layouts: golden.test.ts lowers every
// case for cgroup v2, the default (baseline isolation.plan.txt); this lowers the isolation
// case for the hybrid layout too (v1 controllers, as on the machine the integration tests
// run on), so that the v2 lowering, which is not run live there, and the v1 one are both
// reviewed as text.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { planText } from "../../src/backends/text.js";
import { compileFile } from "../../src/model/compile.js";
import { HYBRID_LAYOUT, V2_LAYOUT } from "../../src/plan/cgroups.js";
import { lower } from "../../src/plan/lower.js";
import { ROOT } from "../support/lab.js";

const BASELINES = join(ROOT, "test/golden/baselines");

function compare(name: string, actual: string): void {
  const file = join(BASELINES, name);
  if (process.env.OPENTOP_ACCEPT === "1") {
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

test("golden isolation.otop with the hybrid cgroup layout (v1 controllers)", () => {
  const compiled = compileFile("test/golden/cases/isolation.otop");
  assert.ok(compiled.lab, compiled.diagnostics.map((d) => d.message).join("; "));
  const plan = lower(compiled.lab, { cgroups: HYBRID_LAYOUT });
  compare("isolation.hybrid.plan.txt", `${planText(plan, "up")}\n\n${planText(plan, "down")}\n`);
});

test("the v2 layout is the default lowering", () => {
  const compiled = compileFile("test/golden/cases/isolation.otop");
  assert.ok(compiled.lab);
  assert.deepEqual(lower(compiled.lab), lower(compiled.lab, { cgroups: V2_LAYOUT }));
});

test("a lab without isolation, limits or services gets nothing from isolation", () => {
  const compiled = compileFile("test/golden/cases/p2p.otop");
  assert.ok(compiled.lab);
  const plan = lower(compiled.lab, { cgroups: HYBRID_LAYOUT });
  const kinds = new Set(plan.stages.flatMap((s) => s.steps.flatMap((st) => st.ops.map((o) => o.kind))));
  assert.deepEqual([...kinds].sort(), [
    "addr.add",
    "link.alias",
    "link.up",
    "netns.add",
    "route.add",
    "veth.add",
  ]);
  assert.equal(plan.nodes, undefined);
});
