// What removes a lab's isolation objects found without a record: isolation's own inverses
// from the one table, ranked as a record's tear-down is; a process found by its mark is
// stopped by the same program as a recorded one, its PID given on standard input.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import { lower } from "../../src/plan/lower.js";
import { SERVICE_GRACE, stopOp } from "../../src/plan/ops/isolation.js";
import { inverseOf, type Op } from "../../src/plan/ops.js";
import { command, steps } from "../../src/plan/plan.js";
import { teardownStages } from "../../src/plan/teardown.js";
import { emptyIsolation, isolationRemovals } from "../../src/runtime/discover-isolation.js";
import { labDir } from "../../src/runtime/record.js";

const found = {
  ...emptyIsolation(),
  processes: [
    { pid: 101, mark: "opentop:gone:db:web", node: "db", name: "web" },
    { pid: 102, mark: "opentop:gone:db:init", node: "db", name: "init" },
  ],
  nsFiles: [`${labDir("gone")}/ns/db.uts`, `${labDir("gone")}/ns/db.mnt`, `${labDir("gone")}/ns/store.mnt`],
  nsDirs: [`${labDir("gone")}/ns`],
  cgroups: [
    { path: "/sys/fs/cgroup/pids/opentop/gone", scope: "lab" as const },
    { path: "/sys/fs/cgroup/pids/opentop/gone/db", scope: "node" as const },
  ],
  dir: true,
};

test("what was found is removed by isolation's own inverses, in a record's order", () => {
  const stages = teardownStages(isolationRemovals("gone", found));
  assert.deepEqual(
    stages.map((s) => [s.name, s.steps.flatMap((st) => st.ops.map((o) => o.kind))]),
    [
      ["stop services", ["proc.stop"]],
      ["stop init processes", ["proc.stop"]],
      ["release namespaces", ["ns.release", "ns.release"]],
      ["namespace directory and node cgroups", ["nsdir.del", "cgroup.del"]],
      ["lab cgroups", ["cgroup.del"]],
    ],
  );
  const ops = stages.flatMap((s) => s.steps.flatMap((st) => st.ops));
  const release = ops.filter((o) => o.kind === "ns.release");
  assert.deepEqual(
    release.map((o) => o.kind === "ns.release" && [o.node, o.paths.length]),
    [
      ["db", 2],
      ["store", 1],
    ],
  );
});

test("a process found by its mark is stopped like a recorded one: same program, its PID on stdin", () => {
  const c = compileSource(
    sourceFile("t.otop", 'lab gone\nnode db {\n  isolate mount pid\n  run web "sleep 1"\n}\n'),
  );
  assert.ok(c.lab);
  const plan = lower(c.lab);
  const recorded = plan.stages
    .flatMap((s) => s.steps.flatMap((st) => st.ops))
    .flatMap((o) => (o.kind === "service.start" || o.kind === "init.start" ? [inverseOf(o)] : []))
    .filter((o): o is Op => o !== null);
  const removals = isolationRemovals("gone", found).filter((o) => o.kind === "proc.stop");
  // The same stop operation as the recorded inverse, but for the PID: grace, mode, mark and file agree.
  for (const r of recorded) {
    assert.ok(r.kind === "proc.stop");
    const mine = removals.find((o) => o.kind === "proc.stop" && o.role === r.role);
    assert.ok(mine && mine.kind === "proc.stop");
    const { pid, ...rest } = mine;
    assert.deepEqual(rest, r);
    assert.equal(pid, r.role === "service" ? 101 : 102);
  }
  const [web] = removals;
  assert.ok(web && web.kind === "proc.stop" && web.grace === SERVICE_GRACE);
  const cmd = command(steps([web])[0] ?? assert.fail());
  const recordedCmd = command(steps([recorded[0] ?? assert.fail()])[0] ?? assert.fail());
  assert.deepEqual(cmd.argv.slice(0, 4), recordedCmd.argv.slice(0, 4), "the one stop program");
  assert.equal(cmd.argv[4], "-", "the PID file is standard input");
  assert.equal(cmd.stdin, "101\n");
  assert.equal(recordedCmd.stdin, undefined, "a recorded stop reads its PID file");
});

test("a cgroup found by its name is removed with rmdir only: nothing in it is killed", () => {
  const [byName] = isolationRemovals("gone", {
    ...emptyIsolation(),
    cgroups: [found.cgroups[1] ?? assert.fail()],
  });
  assert.ok(byName);
  assert.deepEqual(command(steps([byName])[0] ?? assert.fail()).argv, [
    "sh",
    "-c",
    '[ ! -d "$1" ] || rmdir "$1"',
    "opentop-cgroup-rmdir",
    "/sys/fs/cgroup/pids/opentop/gone/db",
  ]);
  const recorded: Op = { kind: "cgroup.del", path: "/sys/fs/cgroup/pids/opentop/gone/db", scope: "node" };
  assert.match(command(steps([recorded])[0] ?? assert.fail()).argv.join(" "), /cgroup\.kill/);
});

function alive(pid: number): boolean {
  try {
    return (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "Z")[0] !== "Z";
  } catch {
    return false;
  }
}

test("stop by a PID on standard input: a marked process is stopped; one without the mark is not", async () => {
  const mark = "opentop:unitfound:a:web";
  // A service as START_SERVICE makes it: its own session, its mark as `$0`, a child in its group.
  const svc = spawn("setsid", ["sh", "-c", "sleep 1000 & wait", mark], { stdio: "ignore" });
  const other = spawn("sh", ["-c", "sleep 1000 & wait", "not-a-mark"], { stdio: "ignore", detached: true });
  try {
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(svc.pid && other.pid);
    const run = (pid: number) => {
      const cmd = command(
        steps([stopOp("service", "a", "web", "/nonexistent", mark, pid)])[0] ?? assert.fail(),
      );
      return spawnSync(cmd.argv[0] ?? "", cmd.argv.slice(1), { input: cmd.stdin, encoding: "utf8" });
    };
    let r = run(other.pid);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(alive(other.pid), "a process without the mark is left alone");
    r = run(svc.pid);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!alive(svc.pid), "the marked process is stopped");
  } finally {
    // Both groups are this test's own, stopped by the PIDs they were given (each leads its group).
    for (const pid of [other.pid, svc.pid])
      if (pid !== undefined)
        try {
          process.kill(-pid, "SIGKILL");
        } catch {} // already gone
  }
});
