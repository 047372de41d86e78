// Crash safety and rollback, proven against a snapshot of the whole host: `up` killed
// with SIGKILL at many points, interrupted with SIGINT to its process group (Ctrl-C) at the
// same points, and failures injected at many points with a fake `ip` on PATH. After `down`
// (crash) or by itself (interrupt, rollback) the host must be exactly as before.
// OPENTOP_CRASH_POINTS sets the number of kill points (default 20), shared between the
// crash test's labs: a large one with filters and host-side NAT, and one with isolation.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { diffSnapshots, hostSnapshot, leftovers } from "../support/host.js";
import { BIN, cli, hostLinkSubnet, SKIP_NOT_ROOT, scratch, writeLab } from "../support/lab.js";

const POINTS = Number(process.env.OPENTOP_CRASH_POINTS ?? 20);
const SHARED = !!process.env.OPENTOP_TEST_SHARED_HOST;

/** The network at scale: two switches, sysctls, p2p and host links; with `filters`, a filter and host-side NAT. */
function lab(filters = false): string {
  const s = hostLinkSubnet();
  const filter = `
  filter {
    forward policy drop
    forward accept established
    forward accept in eth0 out eth1 tcp dport 80,443
    input accept icmp
    masquerade out wan
  }`;
  return `switch lan
switch dmz { mtu 1400 }
node router {
  forward
  sysctl net.ipv4.conf.eth0.rp_filter 2
  eth0 -> lan 10.1.0.1/24 fd00:1::1/64
  eth1 -> dmz 10.2.0.1/24
  eth2 -> edge.eth0 10.9.0.0/31
  wan -> host ${s.node} { host-address ${s.host}${filters ? " host-masquerade" : ""} }
  route 10.8.0.0/16 via 10.9.0.1${filters ? filter : ""}
}
node edge { eth0 10.9.0.1/31 }
node pc[1..30] { eth0 -> lan 10.1.0.{10+i}/24 fd00:1::{hex(10+i)}/64
  route default via 10.1.0.1 }
node srv[1..8] { eth0 -> dmz 10.2.0.{10+i}/24
  route default via 10.2.0.1 }
`;
}

/**
 * Isolation: nodes with their own hostname, mounts, processes (an init) and cgroup
 * namespace, limits, and a service each; a storage-only node with a service. Most of its
 * `up` is isolation's stages, so the kill points land in them.
 */
function isolationLab(data: string): string {
  return `switch lan
node gw { eth0 -> lan 10.31.0.1/24 }
node db[1..4] {
  isolate net uts mount pid cgroup
  hostname db{i}
  eth0 -> lan 10.31.0.{10+i}/24
  route default via 10.31.0.1
  mount tmpfs ${data} size 4M
  limit memory 64M cpu 0.5 pids 64
  run "sleep 1000"
}
node store {
  isolate mount
  mount tmpfs ${data}
  run "sleep 1000"
}
`;
}

function assertHostAsBefore(before: ReturnType<typeof hostSnapshot>, name: string, when: string): void {
  assert.deepEqual(leftovers(name), [], `${when}: lab objects left`);
  if (!SHARED) assert.deepEqual(diffSnapshots(before, hostSnapshot()), [], `${when}: the host changed`);
}

type How = "SIGKILL" | "SIGINT" | "none";

/**
 * Runs `opentop COMMAND PATH` and signals it `delayMs` after `started()` first holds (its
 * first kernel operation): SIGKILL to it alone, or SIGINT to its whole process group, as a
 * terminal's Ctrl-C does, or nothing. Resolves to its exit code (null when a signal ended
 * it), what it printed, and `span`: the milliseconds from that moment to its end.
 */
async function signalAfter(
  command: "up" | "apply",
  path: string,
  started: () => boolean,
  delayMs: number,
  how: How,
): Promise<{ code: number | null; stderr: string; span: number }> {
  // Its own process group, as a command run from a shell has.
  const child = spawn(process.execPath, [BIN, command, path], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => {
    stderr += b.toString("utf8");
  });
  let done = false;
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  exited.then(() => {
    done = true;
  });
  while (!done && !started()) await new Promise((r) => setTimeout(r, 1));
  const from = performance.now();
  if (how !== "none") {
    await new Promise((r) => setTimeout(r, delayMs));
    if (!done && child.pid !== undefined) {
      if (how === "SIGKILL") child.kill("SIGKILL");
      else process.kill(-child.pid, "SIGINT");
    }
  }
  const code = await exited;
  return { code, stderr, span: performance.now() - from };
}

/** `up`, signalled `delayMs` after its record appears. */
function killAfter(path: string, name: string, delayMs: number, how: How) {
  return signalAfter("up", path, () => existsSync(`/run/opentop/${name}/record.json`), delayMs, how);
}

/**
 * The crash test's labs, each brought up again and again and signalled at moments spread
 * evenly over its run: `down` after a SIGKILL (up cannot clean up), nothing at all after a
 * SIGINT to the process group (up rolls back by itself and says it was interrupted).
 */
async function signalled(how: "SIGKILL" | "SIGINT"): Promise<void> {
  const s = scratch();
  const data = join(s.dir, "data");
  mkdirSync(data);
  const kinds = [
    { base: "crash", body: () => lab(true) },
    { base: "icrash", body: () => isolationLab(data) },
  ];
  // Every lab this test makes is taken down at the end, also when an assertion fails.
  const labs: string[] = [];
  try {
    const before = hostSnapshot();
    for (const [i, kind] of kinds.entries()) {
      // The points are shared out: 20 in all by default, 10 for each lab.
      const points = Math.floor(POINTS / kinds.length) + (i < POINTS % kinds.length ? 1 : 0);
      if (points === 0) continue;
      // How long `up` runs here once its record appears, measured as the signals are timed,
      // to spread the points over it: the shortest of three runs, so that a slow one (a
      // busy moment of the host) does not put the later points after `up`'s end.
      let whole = Number.POSITIVE_INFINITY;
      for (let j = 0; j < 3; j++) {
        const probe = writeLab(s.dir, `${kind.base}probe${j}`, kind.body());
        labs.push(probe.lab);
        const r = await killAfter(probe.path, probe.lab, 0, "none");
        assert.equal(r.code, 0, r.stderr);
        whole = Math.min(whole, r.span);
        assert.equal(cli(["down", probe.lab]).code, 0);
        assertHostAsBefore(before, probe.lab, `${kind.base}: up and down`);
      }

      let midway = 0;
      for (let k = 0; k < points; k++) {
        const delay = Math.round((whole * k) / points);
        const victim = writeLab(s.dir, `${kind.base}${how === "SIGINT" ? "i" : ""}${k}`, kind.body());
        labs.push(victim.lab);
        const { code, stderr } = await killAfter(victim.path, victim.lab, delay, how);
        const at = `${kind.base}: ${how} at ${delay} ms of ${whole.toFixed(0)}`;
        if (how === "SIGKILL") {
          if (code === null) midway++;
          const d = cli(["down", victim.lab]);
          assert.equal(d.code, 0, `${at}: down: ${d.stderr}`);
        } else if (code === 0) {
          assert.equal(cli(["down", victim.lab]).code, 0, `${at}: up finished first`);
        } else {
          midway++;
          assert.equal(code, 1, `${at}: ${stderr}`);
          assert.match(stderr, /error\[OT6017\]: bringing lab .* up was interrupted/, `${at}: ${stderr}`);
          assert.doesNotMatch(stderr, /OT6004|OT6012|OT9003/, `${at}: ${stderr}`);
          // Rolled back by itself: nothing for down to do.
          assert.match(cli(["down", victim.lab]).stdout, /is not up: nothing to do/, at);
        }
        assertHostAsBefore(before, victim.lab, at);
      }
      console.log(
        `# ${kind.base} ${how}: ${midway} of ${points} signals landed while up ran (${whole.toFixed(0)} ms)`,
      );
      assert.ok(
        midway >= points / 2,
        `${kind.base}: only ${midway} of ${points} signals landed before up finished`,
      );
    }
  } finally {
    for (const name of labs) cli(["down", name]);
    s.remove();
  }
}

test(
  `crash: up killed with SIGKILL at ${POINTS} points; down leaves the host as before`,
  {
    skip: SKIP_NOT_ROOT,
    timeout: 600_000,
  },
  () => signalled("SIGKILL"),
);

test(
  `crash: up interrupted (SIGINT to its process group) at the same ${POINTS} points rolls back by itself`,
  {
    skip: SKIP_NOT_ROOT,
    timeout: 600_000,
  },
  () => signalled("SIGINT"),
);

// ---- apply ----------------------------------------------------------------------------------

/**
 * The network lab as an `apply` changes it: ten nodes removed and ten added on the switch, a
 * route added, a sysctl and the DMZ's MTU changed in place, the filter's rules replaced.
 */
function changed(before: string): string {
  const edits: [string, string][] = [
    ["node pc[1..30]", "node pc[1..20]"],
    ["sysctl net.ipv4.conf.eth0.rp_filter 2", "sysctl net.ipv4.conf.eth0.rp_filter 1"],
    ["switch dmz { mtu 1400 }", "switch dmz { mtu 1300 }"],
    ["route 10.8.0.0/16 via 10.9.0.1", "route 10.8.0.0/16 via 10.9.0.1\n  route 10.6.0.0/16 via 10.9.0.1"],
    ["tcp dport 80,443", "tcp dport 80,443,8080"],
  ];
  let out = before;
  for (const [from, to] of edits) {
    assert.equal(out.split(from).length, 2, `\`${from}\` occurs once`);
    out = out.replace(from, to);
  }
  return `${out}node new[1..10] { eth0 -> lan 10.1.0.{100+i}/24\n  route default via 10.1.0.1 }\n`;
}

/** `apply`, signalled `delayMs` after its record says `applying`. */
function killApply(path: string, name: string, delayMs: number, how: How) {
  const applying = () => {
    try {
      return readFileSync(`/run/opentop/${name}/record.json`, "utf8").includes('"state": "applying"');
    } catch {
      return false;
    }
  };
  return signalAfter("apply", path, applying, delayMs, how);
}

/** What the lab's record says: its state and which plan. */
function recorded(name: string): { state: string; plan: string } | undefined {
  try {
    const r = JSON.parse(readFileSync(`/run/opentop/${name}/record.json`, "utf8")) as {
      state: string;
      plan: string;
    };
    return { state: r.state, plan: r.plan };
  } catch {
    return undefined;
  }
}

/**
 * `apply` signalled at moments spread over its run: after a SIGKILL mid-way the record says
 * `applying`, `status` and `apply` say the lab is half changed (OT6060), and `down` removes
 * what either plan made; after a SIGINT it rolls back by itself (OT6017) to the lab as it was,
 * its record and no drift.
 */
async function applySignalled(how: "SIGKILL" | "SIGINT"): Promise<void> {
  const s = scratch();
  const labs: string[] = [];
  try {
    const snapshot = hostSnapshot();
    const before = lab(true);
    const after = changed(before);
    // How long the change runs here once its record says so, to spread the points over it.
    const probe = writeLab(s.dir, "aprobe", before);
    labs.push(probe.lab);
    assert.equal(cli(["up", probe.path]).code, 0);
    writeFileSync(probe.path, `lab ${probe.lab}\n${after}`);
    const r = await killApply(probe.path, probe.lab, 0, "none");
    assert.equal(r.code, 0, r.stderr);
    const whole = r.span;
    assert.equal(cli(["down", probe.lab]).code, 0);
    const points = Math.max(2, Math.floor(POINTS / 2));
    let midway = 0;
    for (let k = 0; k < points; k++) {
      const delay = Math.round((whole * k) / points);
      const victim = writeLab(s.dir, `apply${how === "SIGINT" ? "i" : "k"}${k}`, before);
      labs.push(victim.lab);
      const up = cli(["up", victim.path]);
      assert.equal(up.code, 0, up.stderr);
      const was = recorded(victim.lab);
      writeFileSync(victim.path, `lab ${victim.lab}\n${after}`);
      const { code, stderr } = await killApply(victim.path, victim.lab, delay, how);
      const at = `apply ${how} at ${delay} ms of ${whole.toFixed(0)}`;
      if (how === "SIGKILL" && code === null && recorded(victim.lab)?.state === "applying") {
        midway++;
        const st = cli(["status", victim.lab]);
        assert.equal(st.code, 1, `${at}: status of a half-changed lab fails`);
        assert.match(st.stdout + st.stderr, /half changed/, `${at}: status says so`);
        const again = cli(["apply", victim.path]);
        assert.equal(again.code, 1, `${at}: apply refuses`);
        assert.match(again.stderr, /error\[OT6060\]: lab .* is half changed/, at);
      } else if (how === "SIGINT" && code !== 0) {
        midway++;
        assert.equal(code, 1, `${at}: ${stderr}`);
        assert.match(stderr, /error\[OT6017\]: changing lab .* was interrupted/, `${at}: ${stderr}`);
        assert.doesNotMatch(stderr, /OT6004|OT6063|OT9003/, `${at}: ${stderr}`);
        assert.deepEqual(recorded(victim.lab), was, `${at}: the record is the lab's as it was`);
        const st = cli(["status", victim.lab]);
        assert.equal(st.code, 0, `${at}: ${st.stdout}${st.stderr}`);
        assert.match(st.stdout, /no drift/, at);
      }
      const d = cli(["down", victim.lab]);
      assert.equal(d.code, 0, `${at}: down: ${d.stderr}`);
      assertHostAsBefore(snapshot, victim.lab, at);
    }
    console.log(`# apply ${how}: ${midway} of ${points} signals landed while it ran`);
    assert.ok(midway >= points / 2, `only ${midway} of ${points} signals landed before apply finished`);
  } finally {
    for (const name of labs) cli(["down", name]);
    s.remove();
  }
}

test(
  "crash: apply killed with SIGKILL at points of its run; the lab says it is half changed, down removes what either plan made",
  {
    skip: SKIP_NOT_ROOT,
    timeout: 600_000,
  },
  () => applySignalled("SIGKILL"),
);

test(
  "crash: apply interrupted (SIGINT to its process group) at points of its run rolls back by itself",
  {
    skip: SKIP_NOT_ROOT,
    timeout: 600_000,
  },
  () => applySignalled("SIGINT"),
);

/** A fake `ip` that runs the real one, except for call number FAIL_AT, which fails. */
function fakeIp(dir: string, mode: "whole" | "partial"): string {
  const real = spawnSync("sh", ["-c", "command -v ip"], { encoding: "utf8" }).stdout.trim();
  const bin = join(dir, "bin");
  spawnSync("mkdir", ["-p", bin]);
  const script = `#!/bin/sh
# Injected failure for OpenTop's tests: call number $FAIL_AT of ip fails.
# Counted under a lock: OpenTop reads the host's routes of both families at once.
exec 9>>"$IP_COUNTER.lock"
flock 9
n=$(( $(cat "$IP_COUNTER" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$IP_COUNTER"
flock -u 9
exec 9>&-
if [ "$n" -ne "$FAIL_AT" ]; then exec ${real} "$@"; fi
${
  mode === "whole"
    ? 'echo "RTNETLINK answers: Invalid argument (injected)" >&2; exit 2'
    : `# run the first half of the batch for real, then fail like ip does
tmp=$(mktemp); cat > "$tmp"; lines=$(wc -l < "$tmp"); keep=$(( lines / 2 ))
head -n "$keep" "$tmp" | ${real} "$@" >/dev/null 2>&1; rm -f "$tmp"
echo "RTNETLINK answers: File exists (injected)" >&2; echo "Command failed -:$(( keep + 1 ))" >&2; exit 1`
}
`;
  writeFileSync(join(bin, "ip"), script);
  chmodSync(join(bin, "ip"), 0o755);
  return bin;
}

for (const mode of ["whole", "partial"] as const) {
  test(`rollback: the k-th ip process fails (${mode}); the host is as before and the user told what failed`, {
    skip: SKIP_NOT_ROOT,
    timeout: 300_000,
  }, () => {
    const s = scratch();
    const labs: string[] = [];
    try {
      const bin = fakeIp(s.dir, mode);
      const before = hostSnapshot();
      // Calls 1-3 read the host's networks (the host link's safety check), 4-5 probe the
      // kernel for veth pairs and bridges (in a throwaway namespace, in either order), 6-8
      // are the namespaces, the host-and-p2p links and the switches batches, later ones
      // sysctls and the nodes' own batches.
      const probes = new Set([4, 5]);
      for (const failAt of [1, 4, 5, 6, 7, 8, 9, 11, 22, 46]) {
        const victim = writeLab(s.dir, `inject${mode}${failAt}`, lab());
        labs.push(victim.lab);
        const counter = join(s.dir, `counter${failAt}`);
        const r = cli(["up", victim.path, "--jobs", "1"], {
          env: { PATH: `${bin}:${process.env.PATH}`, FAIL_AT: String(failAt), IP_COUNTER: counter },
        });
        assert.equal(r.code, 1, `up with ip call ${failAt} failing must fail: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /injected/, "shows the tool's own message");
        if (probes.has(failAt))
          // "Invalid argument" is how the kernel refuses what it lacks; "File exists" cannot
          // be the answer of a fresh namespace: the probe failed, and says so.
          assert.match(
            r.stderr,
            mode === "whole"
              ? /error\[OT6011\]: this kernel lacks /
              : /error\[OT6004\]: could not probe the kernel /,
            "a probe's failure refuses the lab before anything exists",
          );
        else assert.match(r.stderr, /error\[OT\d{4}\]: could not /, "names the operation that failed");
        if (failAt <= 3) assert.match(r.stderr, /could not read the host's networks/, "fails closed");
        else if (!(probes.has(failAt) && mode === "partial"))
          assert.match(r.stderr, /--> .*\.otop:\d+:\d+/, "points at the lab file");
        assert.doesNotMatch(r.stderr, /OT6012/, "the rollback finished");
        assertHostAsBefore(before, victim.lab, `ip call ${failAt} failing (${mode})`);
      }
    } finally {
      for (const name of labs) cli(["down", name]);
      s.remove();
    }
  });
}
