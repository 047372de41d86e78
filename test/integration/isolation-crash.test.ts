// Leaves nothing behind after a crash at any point: `up` is cut short after every stage
// of a lab that uses every kind of isolation (as if it had been killed there, the record
// written first as `up` does), and `down` must then remove all of it — namespace files,
// mounts, cgroups, inits, services — from the record alone.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import { recordOf } from "../../src/plan/record.js";
import { up } from "../../src/runtime/lifecycle.js";
import { lowerHere } from "../../src/runtime/platform.js";
import { readRecord, writeRecord } from "../../src/runtime/record.js";
import { runStages } from "../../src/runtime/run.js";
import { debris } from "../support/isolation.js";
import { cli, SKIP_NOT_ROOT, scratch, uniqueLab } from "../support/lab.js";

test("down after up was cut short at any stage removes everything", { skip: SKIP_NOT_ROOT }, async () => {
  const s = scratch();
  mkdirSync(join(s.dir, "data"));
  const body = (lab: string) => `lab ${lab}
switch lan
node full {
  isolate net uts ipc mount pid cgroup
  eth0 -> lan 10.8.0.1/24
  mount tmpfs ${s.dir}/data size 4M
  limit memory 64M cpu 0.5 pids 32
  run "sleep 1000"
}
node store {
  isolate mount
  run "sleep 1000"
}
node plain {
  eth0 -> lan 10.8.0.2/24
}
`;
  try {
    const stages = lowerHere(compileOk(body("probe"))).stages.length;
    assert.ok(stages > 10, "the lab has many stages");
    for (let cut = 1; cut < stages; cut++) {
      const lab = uniqueLab(`crash${cut}`);
      const compiled = compileSource(sourceFile(join(s.dir, "crash.otop"), body(lab)));
      assert.ok(compiled.lab);
      const plan = lowerHere(compiled.lab);
      writeRecord(recordOf(compiled, plan, "cli", new Date().toISOString()));
      const outcome = await runStages(plan.stages.slice(0, cut));
      assert.deepEqual(
        outcome.failures.map((f) => f.result.stderr),
        [],
        `stages 1..${cut} ran (${plan.stages[cut - 1]?.name})`,
      );
      const down = cli(["down", lab]);
      assert.equal(down.code, 0, `down after stage ${cut}: ${down.stderr}`);
      assert.deepEqual(debris(lab), [], `after a cut at stage ${cut} (${plan.stages[cut - 1]?.name})`);
    }
  } finally {
    s.remove();
  }
});

test("a failure at the end of up rolls back every isolation operation", { skip: SKIP_NOT_ROOT }, async () => {
  const s = scratch();
  mkdirSync(join(s.dir, "data"));
  const lab = uniqueLab("rollback");
  try {
    const compiled = compileSource(
      sourceFile(
        join(s.dir, "rb.otop"),
        `lab ${lab}
node full {
  isolate net uts mount pid cgroup
  mount tmpfs ${s.dir}/data
  limit pids 32
  run "sleep 1000"
}
`,
      ),
    );
    assert.ok(compiled.lab);
    const plan = lowerHere(compiled.lab);
    // One more stage whose operation fails, after the services have started.
    const failing = {
      name: "fails",
      steps: [
        {
          tool: "exec" as const,
          ns: null,
          ops: [{ kind: "cgroup.set" as const, file: `${s.dir}/no/such/file`, value: "1" }],
        },
      ],
    };
    const outcome = await up(compiled, { ...plan, stages: [...plan.stages, failing] });
    assert.equal(outcome.ok, false);
    assert.deepEqual(
      outcome.diagnostics.map((d) => d.code),
      ["OT6004"],
      outcome.diagnostics.map((d) => d.message).join("; "),
    );
    assert.equal(readRecord(lab), undefined, "the record is removed once rolled back");
    assert.deepEqual(debris(lab), []);
  } finally {
    s.remove();
  }
});

function compileOk(text: string) {
  const c = compileSource(sourceFile("probe.otop", text));
  assert.ok(c.lab, c.diagnostics.map((d) => d.message).join("; "));
  return c.lab;
}
