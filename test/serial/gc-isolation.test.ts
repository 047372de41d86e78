// gc and `down LAB` after an isolation lab's record is lost: they find its marked processes,
// namespace files, cgroups and directory as well as its network, remove all of it, and
// leave alone what only looks like it — and what they cannot prove is the lab's, even in
// the lab's own places. (Serial: gc sees the whole machine.)

import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { diffSnapshots, hostSnapshot, leftovers } from "../support/host.js";
import { debris, processAlive } from "../support/isolation.js";
import { cli, SKIP_NOT_ROOT, scratch, uniqueLab, writeLab } from "../support/lab.js";

const SHARED = !!process.env.OPENTOP_TEST_SHARED_HOST;
/** A v1 hierarchy of this machine (the development VM's layout); cgroup2 elsewhere. */
const PIDS = existsSync("/sys/fs/cgroup/pids/cgroup.procs") ? "/sys/fs/cgroup/pids" : "/sys/fs/cgroup";

/** A node with every kind of isolation, limits and a service; a storage-only node with a service. */
function isolationLab(data: string, net: number): string {
  return `switch lan
node db {
  isolate net uts mount pid cgroup
  hostname db
  eth0 -> lan 10.33.${net}.10/24
  mount tmpfs ${data} size 4M
  limit memory 64M pids 64
  run web "sleep 1000"
}
node store {
  isolate mount
  mount tmpfs ${data}
  run cache "sleep 1000"
}
node plain { eth0 -> lan 10.33.${net}.1/24 }
`;
}

interface Started {
  readonly lab: string;
  /** PIDs of the services' wrappers and of db's init, with their marks. */
  readonly marked: readonly { pid: number; mark: string }[];
}

/** Brings the lab up and deletes its record file only (the namespace files are mounted in its directory). */
function upAndLoseRecord(path: string, lab: string): Started {
  const r = cli(["up", path]);
  assert.equal(r.code, 0, r.stderr);
  const services = `/run/opentop/${lab}/services`;
  const marked = [
    ["db", "web"],
    ["store", "cache"],
    ["db", "init"],
  ].map(([node, name]) => ({
    pid: Number(readFileSync(`${services}/${node}.${name}.pid`, "utf8")),
    mark: `opentop:${lab}:${node}:${name}`,
  }));
  for (const m of marked) assert.ok(processAlive(m.pid), `${m.mark} runs`);
  rmSync(`/run/opentop/${lab}/record.json`);
  return { lab, marked };
}

/** Processes in a process group (a service's: its wrapper leads it). */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p)))
    try {
      const fields = (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
      if (fields[0] !== "Z" && Number(fields[2]) === pgid) out.push(Number(pid));
    } catch {}
  return out;
}

/** Whether a PID still names the process that carried `mark` (a reused PID does not). */
function stillMarked(pid: number, mark: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[3] === mark && processAlive(pid);
  } catch {
    return false;
  }
}

function assertAllGone(started: Started, before: ReturnType<typeof hostSnapshot>): void {
  for (const m of started.marked) {
    assert.ok(!stillMarked(m.pid, m.mark), `${m.mark} (pid ${m.pid}) is stopped`);
    assert.deepEqual(groupMembers(m.pid), [], `nothing of ${m.mark}'s process group runs`);
  }
  assert.deepEqual(debris(started.lab), [], "no cgroup, mount, namespace file, directory or process");
  assert.deepEqual(leftovers(started.lab), []);
  if (!SHARED) assert.deepEqual(diffSnapshots(before, hostSnapshot()), [], "the host is as before");
}

/** Kills what a test started, by PID, if it is still that process. */
function stop(pids: readonly { pid: number; mark: string }[]): void {
  for (const m of pids)
    if (stillMarked(m.pid, m.mark))
      try {
        process.kill(m.pid, "SIGKILL");
      } catch {}
}

test("gc finds an isolation lab without its record by marks: --dry-run lists processes, mounts, cgroups and namespaces; gc removes them all", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const s = scratch();
  const data = join(s.dir, "data");
  mkdirSync(data);
  const { path, lab } = writeLab(s.dir, "gciso", isolationLab(data, 1));
  let started: Started | undefined;
  try {
    const before = hostSnapshot();
    started = upAndLoseRecord(path, lab);

    const dry = cli(["gc", "--dry-run", "--json"]);
    assert.equal(dry.code, 0, dry.stderr);
    const entry = (JSON.parse(dry.stdout).debris as { lab: string; objects: string[] }[]).find(
      (d) => d.lab === lab,
    );
    assert.ok(entry, "the lab without a record is debris");
    const listed = entry.objects.join("\n");
    for (const m of started.marked)
      assert.ok(listed.includes(`process ${m.pid} ${m.mark}`), `lists ${m.mark}`);
    for (const file of ["db.uts", "db.mnt", "db.pid", "db.cgroup", "store.mnt"])
      assert.ok(listed.includes(`namespace file /run/opentop/${lab}/ns/${file}`), `lists ${file}`);
    assert.ok(listed.includes(`mount /run/opentop/${lab}/ns`), "lists the namespace directory");
    for (const cg of [`${PIDS}/opentop/${lab}/db`, `${PIDS}/opentop/${lab}`])
      assert.ok(listed.includes(`cgroup ${cg}\n`), `lists cgroup ${cg}`);
    for (const ns of [`${lab}.db`, `${lab}.plain`, lab]) assert.ok(listed.includes(`netns ${ns}\n`), ns);
    assert.ok(listed.endsWith(`directory /run/opentop/${lab}`), "the directory goes last");
    for (const m of started.marked) assert.ok(stillMarked(m.pid, m.mark), "--dry-run stops nothing");
    assert.ok(existsSync(`/run/opentop/${lab}/ns/db.uts`), "--dry-run unmounts nothing");

    const real = cli(["gc"]);
    assert.equal(real.code, 0, real.stderr);
    assert.match(real.stdout, new RegExp(`removed lab ${lab}: it has no record`));
    assertAllGone(started, before);
  } finally {
    cli(["down", lab]);
    if (started) stop(started.marked);
    s.remove();
  }
});

test("down LAB removes an isolation lab whose record is gone, by its marks", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, () => {
  const s = scratch();
  const data = join(s.dir, "data");
  mkdirSync(data);
  const { path, lab } = writeLab(s.dir, "downiso", isolationLab(data, 2));
  let started: Started | undefined;
  try {
    const before = hostSnapshot();
    started = upAndLoseRecord(path, lab);
    const d = cli(["down", lab]);
    assert.equal(d.code, 0, d.stderr);
    assertAllGone(started, before);
    assert.match(cli(["down", lab]).stdout, /nothing to do/, "a second down finds nothing");
  } finally {
    cli(["down", lab]);
    if (started) stop(started.marked);
    s.remove();
  }
});

/**
 * A process that lives until killed: `sh -c 'sleep 1000; :' ZERO` ($0 = ZERO), or `argv0`;
 * in a process group of its own, which `killAll` ends whole (killing the shell alone left its
 * `sleep` behind, three a run).
 */
function sleeper(options: { zero?: string; argv0?: string }): ChildProcess {
  const child =
    options.zero !== undefined
      ? spawn("sh", ["-c", "sleep 1000; :", options.zero], { stdio: "ignore", detached: true })
      : spawn("sleep", ["1000"], {
          stdio: "ignore",
          detached: true,
          ...(options.argv0 ? { argv0: options.argv0 } : {}),
        });
  child.unref();
  return child;
}

function alive(child: ChildProcess): boolean {
  return child.pid !== undefined && processAlive(child.pid);
}

/** Each sleeper's process group, by the PID recorded when it started. */
function killAll(children: readonly ChildProcess[]): void {
  for (const c of children)
    if (c.pid !== undefined)
      try {
        process.kill(-c.pid, "SIGKILL");
      } catch {
        // already gone
      }
}

test("gc leaves isolation look-alikes alone: unmarked processes, lab-named cgroups outside opentop/", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const lab = uniqueLab("alikeiso");
  const children: ChildProcess[] = [];
  // A cgroup named like the lab at the hierarchy's root, and `opentop/LAB` below it (not at the root).
  const outside = `${PIDS}/${lab}`;
  const nested = `${outside}/opentop/${lab}`;
  try {
    children.push(
      sleeper({ zero: `opentop-${lab}-a-web` }), // mark-like, not a mark
      sleeper({ zero: `opentop:${lab}:a` }), // a node's mark, not a process's
      sleeper({ zero: `opentop:${lab}:a:web:x` }), // too many parts
      sleeper({ argv0: `opentop:${lab}:a:web` }), // the mark as argv[0] of a program, not a shell's $0
    );
    mkdirSync(`${nested}/a`, { recursive: true });
    await new Promise((r) => setTimeout(r, 200)); // the shells have started
    const dry = cli(["gc", "--dry-run", "--json"]);
    assert.equal(dry.code, 0, dry.stderr);
    const labs = (JSON.parse(dry.stdout).debris as { lab: string }[]).map((d) => d.lab);
    assert.ok(!labs.includes(lab), "nothing of the look-alikes is listed");
    const r = cli(["gc"]);
    assert.equal(r.code, 0, r.stderr);
    for (const c of children) assert.ok(alive(c), `process ${c.pid} survives`);
    assert.ok(existsSync(nested) && existsSync(`${nested}/a`), "opentop/LAB below the root survives");
    assert.equal(cli(["down", lab]).code, 0);
    for (const c of children) assert.ok(alive(c), `process ${c.pid} survives down of the lab`);
  } finally {
    killAll(children);
    for (const dir of [`${nested}/a`, nested, `${outside}/opentop`, outside]) spawnSync("rmdir", [dir]);
  }
});

test("without a record, an unmarked process in the lab's cgroup is not killed, and a foreign mount in its directory is not unmounted", {
  skip: SKIP_NOT_ROOT,
  timeout: 120_000,
}, async () => {
  const s = scratch();
  const lab = uniqueLab("notproven");
  const node = `${PIDS}/opentop/${lab}/a`;
  const foreign = `/run/opentop/${lab}/foreign`;
  const children: ChildProcess[] = [];
  try {
    // What a lab's cgroup and directory look like, with what OpenTop cannot prove is its own:
    // a process without the mark in the node's cgroup, a tmpfs mounted by someone else.
    mkdirSync(node, { recursive: true });
    const stranger = sleeper({});
    children.push(stranger);
    writeFileSync(`${node}/cgroup.procs`, String(stranger.pid));
    mkdirSync(foreign, { recursive: true });
    assert.equal(spawnSync("mount", ["-t", "tmpfs", "foreign", foreign]).status, 0);
    writeFileSync(`${foreign}/precious`, "not OpenTop's");

    // `down LAB` (not gc: it touches only this lab, so concurrent suites do not see its errors).
    const d = cli(["down", lab]);
    assert.equal(d.code, 1, `${d.stdout}${d.stderr}`);
    assert.match(d.stderr, new RegExp(`could not remove cgroup ${node} if it is empty.*busy`));
    assert.ok(alive(stranger), "the unmarked process in the lab's cgroup lives");
    assert.ok(existsSync(node), "its cgroup stays");

    // Once the user has stopped it, the cgroups go; the mount is still not OpenTop's to undo.
    killAll(children);
    await new Promise((r) => setTimeout(r, 100));
    const second = cli(["down", lab]);
    assert.equal(second.code, 1, `${second.stdout}${second.stderr}`);
    assert.ok(!existsSync(`${PIDS}/opentop/${lab}`), "the lab's cgroups are removed once empty");
    assert.match(second.stderr, /error\[OT6016\]: a mount is left in the directory of lab/);
    assert.match(second.stderr, new RegExp(`mounted: ${foreign}`));
    assert.equal(
      readFileSync(`${foreign}/precious`, "utf8"),
      "not OpenTop's",
      "nothing deleted through the mount",
    );

    assert.equal(spawnSync("umount", [foreign]).status, 0);
    // The directory the mount was on is the stranger's too: kept, and said so (OT6092).
    const third = cli(["down", lab]);
    assert.equal(third.code, 1, third.stderr);
    assert.match(
      third.stderr,
      /error\[OT6092\]: the directory of lab .* holds what OpenTop did not put there: foreign/,
    );
    assert.ok(existsSync(foreign), "the stranger's directory stays");
    rmSync(foreign, { recursive: true });
    const fourth = cli(["down", lab]);
    assert.equal(fourth.code, 0, fourth.stderr);
    assert.ok(!existsSync(`/run/opentop/${lab}`), "the lab's directory is removed");
  } finally {
    killAll(children);
    spawnSync("umount", [foreign]);
    for (const dir of [node, `${PIDS}/opentop/${lab}`]) spawnSync("rmdir", [dir]);
    // Only once nothing is mounted there: a recursive delete would go through the mount.
    if (spawnSync("mountpoint", ["-q", foreign]).status !== 0)
      rmSync(`/run/opentop/${lab}`, { recursive: true, force: true });
    s.remove();
  }
});
