// Isolation at run time, without root: the cgroup layout read from mount tables, the
// checks before `up` (OT5101, OT5102, OT5105), entering a node whose init is gone (OT5103),
// `logs` of a node without services (OT5104), and the sh programs that stop processes by
// PID file and mark — never another process.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import type { Lab } from "../../src/model/model.js";
import { HYBRID_LAYOUT, V2_LAYOUT } from "../../src/plan/cgroups.js";
import { lower } from "../../src/plan/lower.js";
import { wordsOf } from "../../src/plan/ops.js";
import type { LabRecord } from "../../src/plan/record.js";
import { cgroupProblems, detectCgroupLayout } from "../../src/runtime/cgroups.js";
import { collisions } from "../../src/runtime/collisions.js";
import { enterProblem, isolationPreflight } from "../../src/runtime/isolation.js";
import { cli } from "../support/lab.js";

function lab(body: string): Lab {
  const c = compileSource(sourceFile("t.otop", `lab t\n${body}`));
  assert.ok(c.lab, c.diagnostics.map((d) => d.message).join("; "));
  return c.lab;
}

const HYBRID_MOUNTINFO = `31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;

const V2_MOUNTINFO = `25 22 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate
`;

test("the cgroup layout: v1 controllers on a hybrid machine, cgroup2 beside them", () => {
  const layout = detectCgroupLayout(HYBRID_MOUNTINFO);
  assert.deepEqual(layout.controllers, HYBRID_LAYOUT.controllers);
  assert.equal(layout.unified, "/sys/fs/cgroup/unified");
});

test("the cgroup layout: cgroup2 alone offers what its cgroup.controllers lists", () => {
  const layout = detectCgroupLayout(V2_MOUNTINFO);
  assert.equal(layout.unified, "/sys/fs/cgroup");
  assert.equal(layout.memsw, false);
  // Which controllers depends on this machine's /sys/fs/cgroup/cgroup.controllers; each is v2.
  for (const h of Object.values(layout.controllers))
    assert.deepEqual(h, { version: 2, mount: "/sys/fs/cgroup" });
});

test("the cgroup layout of this machine is read without error", () => {
  const layout = detectCgroupLayout();
  for (const h of Object.values(layout.controllers)) assert.ok(h.mount.startsWith("/"));
});

test("OT5101 a limit the machine cannot enforce, at the limit's statement", () => {
  const l = lab("node a { limit memory 64M pids 10 }\nnode b { isolate net cgroup }\n");
  const none = { controllers: {}, memsw: false, swapMax: false };
  const problems = cgroupProblems(l, none);
  assert.deepEqual(
    problems.map((d) => d.code),
    ["OT5101", "OT5101", "OT5101"],
  );
  assert.match(problems[0]?.message ?? "", /no cgroup `memory` controller/);
  assert.equal(problems[0]?.span?.start !== undefined, true);
  assert.match(problems[2]?.message ?? "", /isolates `cgroup`/);
  // A v2 controller the root does not hand down is not enforceable either.
  const v2 = { ...V2_LAYOUT, unified: "/nonexistent" };
  assert.deepEqual(
    cgroupProblems(lab("node a { limit cpu 0.5 }\n"), v2).map((d) => d.code),
    ["OT5101"],
  );
  assert.deepEqual(cgroupProblems(lab("node a { limit cpu 0.5 }\n"), HYBRID_LAYOUT), []);
});

test("OT5102 roots, mount points and bind sources that do not exist", () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-unit-"));
  try {
    mkdirSync(join(dir, "root/proc"), { recursive: true });
    mkdirSync(join(dir, "data"));
    const problems = isolationPreflight(
      lab(`node a { isolate mount
  root ${dir}/root
}
node b { isolate mount
  bind ${dir}/nothing ${dir}/data
}
node c { isolate mount
  mount tmpfs ${dir}/data
  mount tmpfs ${dir}/data/in-tmpfs
}
node d { isolate mount
  mount tmpfs ${dir}/missing
  bind ${dir}/data ${dir}/data
}
`),
    );
    const messages = problems.map((d) => `${d.code} ${d.message}`);
    assert.equal(problems.length, 4, messages.join("\n"));
    assert.ok(problems.every((d) => d.code === "OT5102"));
    assert.match(messages[0] ?? "", /root of node `a` is incomplete: .*sys, .*dev missing/);
    assert.match(messages[1] ?? "", /nothing` does not exist/);
    assert.match(messages[2] ?? "", /lies inside the tmpfs/);
    assert.match(messages[3] ?? "", /missing` of node `d` does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("OT5105 the lab's cgroup exists already (debris is never reused)", async () => {
  const mount = mkdtempSync(join(tmpdir(), "opentop-unit-"));
  try {
    const plan = lower(lab("node a { limit pids 10 }\n"), {
      cgroups: { ...V2_LAYOUT, controllers: { pids: { version: 2, mount } }, unified: mount },
    });
    assert.deepEqual(await collisions(plan), []);
    mkdirSync(join(mount, "opentop/t"), { recursive: true });
    assert.deepEqual(
      (await collisions(plan)).map((d) => d.code),
      ["OT5105"],
    );
  } finally {
    rmSync(mount, { recursive: true, force: true });
  }
});

function fakeRecord(runDir: string, isolation: LabRecord["isolation"]): LabRecord {
  const record: LabRecord = {
    version: 2,
    tool: "opentop test",
    lab: "fake",
    file: "/nonexistent/fake.otop",
    hash: "",
    state: "up",
    createdAt: new Date(0).toISOString(),
    by: "cli",
    nodes: ["a"],
    switches: [],
    plan: "",
    owned: [],
    ops: [],
    ...(isolation ? { isolation } : {}),
  };
  mkdirSync(join(runDir, "fake"), { recursive: true });
  writeFileSync(join(runDir, "fake/record.json"), JSON.stringify(record));
  return record;
}

test("OT5103 entering a node whose init is gone", () => {
  const runDir = mkdtempSync(join(tmpdir(), "opentop-unit-"));
  try {
    const rt = {
      aspects: ["uts", "mount", "pid"] as const,
      enter: {},
      join: [],
      limits: [],
      init: { pidfile: join(runDir, "a.init.pid"), log: "/dev/null", mark: "opentop:fake:a:init" },
      services: [],
    };
    const record = fakeRecord(runDir, { a: { ...rt, aspects: [...rt.aspects] } });
    assert.equal(enterProblem(record, "a", { ...rt, aspects: [...rt.aspects] })?.code, "OT5103");
    writeFileSync(rt.init.pidfile, `${process.pid}\n`); // a live process, but not the init: no mark
    assert.equal(enterProblem(record, "a", { ...rt, aspects: [...rt.aspects] })?.code, "OT5103");
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
});

test("OT5104 logs of a node that runs no services, or of a service it does not have", () => {
  const runDir = mkdtempSync(join(tmpdir(), "opentop-unit-"));
  try {
    // A record's files are in its lab's directory, and its marks are the lab's: else it is unreadable.
    const dir = join(runDir, "fake", "services");
    mkdirSync(dir, { recursive: true });
    const log = join(dir, "a.web.log");
    writeFileSync(log, "hello from web\n");
    const service = {
      name: "web",
      command: "x",
      pidfile: join(dir, "a.web.pid"),
      log,
      status: join(dir, "a.web.status"),
      mark: "opentop:fake:a:web",
    };
    fakeRecord(runDir, { a: { aspects: ["net"], enter: {}, join: [], limits: [], services: [service] } });
    const env = { OPENTOP_RUN_DIR: runDir };
    const ok = cli(["logs", "fake", "a"], { env });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, "hello from web\n");
    const missing = cli(["logs", "fake", "a", "db"], { env });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /OT5104.*no service `db`/);
    fakeRecord(runDir, undefined);
    assert.match(cli(["logs", "fake", "a"], { env }).stderr, /OT5104.*runs no services/);
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
});

/** Runs the argv of the inverse (a proc.stop) of a plan's service.start, as tear-down would. */
function stopArgv(pidfile: string, mark: string, grace = 5): string[] {
  const plan = lower(lab('node a { run web "sleep 1000" }\n'));
  const stop = plan.teardown
    .flatMap((s) => s.steps.flatMap((st) => st.ops))
    .find((o) => o.kind === "proc.stop");
  assert.ok(stop && stop.kind === "proc.stop");
  return wordsOf({ ...stop, pidfile, mark, grace });
}

/** State letter and process group of a process, from /proc/PID/stat. */
function stat(pid: number | string): { state: string; pgrp: number } | undefined {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
    return { state: fields[0] ?? "", pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Alive: it exists and is not a zombie (a zombie has ended; its parent has yet to reap it). */
function alive(pid: number): boolean {
  const s = stat(pid);
  return s !== undefined && s.state !== "Z";
}

function liveGroupMembers(pgrp: number): string[] {
  return readdirSync("/proc").filter((p) => {
    const s = /^\d+$/.test(p) ? stat(p) : undefined;
    return s !== undefined && s.pgrp === pgrp && s.state !== "Z";
  });
}

test("stop: a marked process and its group are stopped; an unmarked one is never touched", async () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-unit-"));
  let otherGroup: number | undefined;
  try {
    // A service as START_SERVICE makes it: its own session, its mark as `$0`, a child in its group.
    const mark = "opentop:unit:a:web";
    const svc = spawn("setsid", ["sh", "-c", "sleep 1000 & wait", mark], {
      stdio: "ignore",
      detached: false,
    });
    const other = spawn("sh", ["-c", "sleep 1000 & wait", "not-a-mark"], { stdio: "ignore", detached: true });
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(svc.pid && other.pid);
    otherGroup = other.pid;
    const pidfile = join(dir, "web.pid");

    // A PID file naming someone else's process (a reused PID): nothing happens.
    writeFileSync(pidfile, `${other.pid}\n`);
    const [file, ...args] = stopArgv(pidfile, mark);
    let r = spawnSync(file as string, args, { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(alive(other.pid), "an unmarked process is left alone");

    // Our process: it and its group are gone when stop returns.
    writeFileSync(pidfile, `${svc.pid}\n`);
    r = spawnSync(file as string, args, { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!alive(svc.pid), "the service is stopped");
    assert.deepEqual(liveGroupMembers(svc.pid), [], "and its process group with it");

    // Idempotent: again, or with the PID file gone, is nothing to do.
    assert.equal(spawnSync(file as string, args).status, 0);
    rmSync(pidfile);
    assert.equal(spawnSync(file as string, args).status, 0);
  } finally {
    // The unmarked process is this test's own, stopped by the PID it was given.
    if (otherGroup !== undefined) process.kill(-otherGroup, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
