// Issue 10, finding 12: nothing a service starts outlives `down`. A node without a pid
// namespace or limits gets a cgroup without controllers for its services, so that a daemon
// that leaves its process group (setsid) is still found and stopped.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { detectCgroupLayout } from "../../src/runtime/cgroups.js";
import { cli, SKIP_NOT_ROOT, scratch, writeLab } from "../support/lab.js";

function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== undefined && state !== "Z";
  } catch {
    return false;
  }
}

const unified = detectCgroupLayout().unified;

test("a daemon that leaves its service's process group is stopped at down (a tracking cgroup, no controller)", {
  skip: SKIP_NOT_ROOT || (unified === undefined ? "this machine has no cgroup2 hierarchy" : false),
  timeout: 60_000,
}, () => {
  const s = scratch();
  const pidfile = join(s.dir, "daemon.pid");
  const { path, lab } = writeLab(
    s.dir,
    "track",
    `node d {\n  run "setsid sleep 1000 & echo $! > ${pidfile}; exec sleep 1000"\n}\n`,
  );
  try {
    const up = cli(["up", path]);
    assert.equal(up.code, 0, up.stderr);
    let daemon = 0;
    for (let i = 0; i < 100 && !daemon; i++) {
      try {
        daemon = Number(readFileSync(pidfile, "utf8").trim());
      } catch {}
      if (!daemon) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
    assert.ok(daemon > 0 && alive(daemon), "the daemon runs");
    // Until setsid has run and exec'd sleep, the child is still in the service's group.
    for (let i = 0; i < 100 && !readFileSync(`/proc/${daemon}/cmdline`, "utf8").startsWith("sleep"); i++)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    const procs = readFileSync(`${unified}/opentop/${lab}/d/cgroup.procs`, "utf8").split("\n").map(Number);
    assert.ok(procs.includes(daemon), "the daemon is in the node's tracking cgroup");
    const stat = readFileSync(`/proc/${daemon}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    assert.equal(
      Number(stat[2]),
      daemon,
      "it leads a process group of its own: the service's group stop misses it",
    );
    const down = cli(["down", lab]);
    assert.equal(down.code, 0, down.stderr);
    assert.ok(!alive(daemon), "down stopped the daemon");
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});
