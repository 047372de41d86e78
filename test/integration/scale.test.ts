// Big labs stay fast (issue 16), and stay right: stages of many steps run through a few sh
// workers (src/runtime/workers.ts) with each step's failure still located and rolled back;
// status reads a namespace with one process and still tells routes of each family apart;
// a lab that declares no IPv6 has no link-local addresses on what it made, and one that
// does still pings over IPv6; the standalone script's status, reworked to stay linear,
// agrees with opentop's, drift included, and reads the same on every CPU as with one reader.
// Timing decides nothing here (see bench/).

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { leftovers } from "../support/host.js";
import {
  cli,
  inNs,
  ipJson,
  ping,
  SKIP_NOT_ROOT,
  scratch,
  scriptDrift,
  statusDrift,
  withLab,
  writeLab,
} from "../support/lab.js";

const STAR = (n: number, v6 = false) =>
  `switch sw\nnode h[1..${n}] { eth0 -> sw 10.16.{i / 256}.{i % 256}/16${v6 ? " fd16::{hex(i)}/64" : ""} }\n`;

interface Addr {
  ifname: string;
  addr_info?: { family: string; local: string; scope: string }[];
}

/** The link-local IPv6 addresses of a namespace, as `ifname local`. */
function linkLocal(ns: string): string[] {
  return ipJson<Addr[]>(ns, ["addr", "show"]).flatMap((l) =>
    (l.addr_info ?? [])
      .filter((a) => a.scope === "link" && a.family === "inet6")
      .map((a) => `${l.ifname} ${a.local}`),
  );
}

test("a stage of many steps runs through the workers: up, status and drift as with one process each", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // --jobs 2 and 24 nodes: the node batches and the status reads go through two shells.
  await withLab(
    "workers",
    STAR(24),
    ({ name, ns }) => {
      const clean = cli(["status", name, "--json"]);
      assert.equal(clean.code, 0, clean.stderr);
      const s = JSON.parse(clean.stdout) as {
        namespaces: { node: string | null; ifaces: { name: string }[] }[];
        drift: unknown[];
      };
      assert.equal(s.namespaces.length, 25);
      assert.deepEqual(s.drift, []);
      // The switch's ports in the order people count them (the kernel's is by the indexes
      // OpenTop derives from names: shuffled), and text status lists them so too.
      const ports = Array.from({ length: 24 }, (_, i) => `h${i + 1}.eth0`);
      const hub = s.namespaces.find((n) => n.node === null);
      assert.deepEqual(
        hub?.ifaces.map((i) => i.name),
        ["lo", "sw", ...ports],
      );
      const text = cli(["status", name]).stdout;
      assert.deepEqual(
        text.split("\n").flatMap((l) => /^ {2}(h\d+\.eth0) /.exec(l)?.[1] ?? []),
        ports,
      );
      assert.ok(ping(ns("h1"), "10.16.0.24"));
      // Drift in the 17th node, and a node's namespace gone.
      assert.equal(inNs(ns("h17"), ["ip", "addr", "del", "10.16.0.17/16", "dev", "eth0"]).code, 0);
      assert.equal(inNs(ns("h3"), ["ip", "route", "add", "10.99.0.0/16", "via", "10.16.0.1"]).code, 0);
      assert.equal(
        inNs(ns("h3"), ["ip", "-6", "route", "add", "::/0", "dev", "eth0", "metric", "7"]).code,
        0,
      );
      // A route of another table is not the lab's business.
      assert.equal(
        inNs(ns("h4"), ["ip", "route", "add", "10.98.0.0/16", "dev", "eth0", "table", "100"]).code,
        0,
      );
      const drifted = cli(["status", name, "--json"]);
      assert.equal(drifted.code, 1);
      const d = (JSON.parse(drifted.stdout) as { drift: { ns: string; kind: string; what: string }[] }).drift;
      assert.deepEqual(d.map((x) => `${x.kind} ${x.what} in ${x.ns}`).sort(), [
        `extra route 10.99.0.0/16 via 10.16.0.1 dev eth0 in ${ns("h3")}`,
        `extra route ::/0 dev eth0 metric 7 in ${ns("h3")}`,
        `missing address 10.16.0.17/16 on eth0 in ${ns("h17")}`,
      ]);
    },
    ["--jobs", "2"],
  );
});

/** An `ip` first on PATH that refuses the batch holding `address`, and is the real one otherwise. */
function refusingIp(dir: string, address: string): string {
  const bin = join(dir, "bin");
  const real = spawnPath("ip");
  writeFileSync(
    join(dir, "ip-fake"),
    `#!/bin/sh
case " $* " in
  *" -batch "*)
    input=$(cat)
    case $input in
      *"${address}"*)
        echo 'Error: the test refuses this batch.' >&2
        echo 'Command failed -:3' >&2
        exit 1
        ;;
    esac
    printf '%s\\n' "$input" | ${real} "$@"
    ;;
  *) exec ${real} "$@" ;;
esac
`,
  );
  chmodSync(join(dir, "ip-fake"), 0o755);
  spawnSyncOk("mkdir", ["-p", bin]);
  spawnSyncOk("ln", ["-s", join(dir, "ip-fake"), join(bin, "ip")]);
  return bin;
}

function spawnSyncOk(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

function spawnPath(program: string): string {
  const r = spawnSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" });
  assert.equal(r.status, 0);
  return r.stdout.trim();
}

test("a node batch that fails among many, run by a worker, is located, reported and rolled back", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  try {
    const { path, lab } = writeLab(s.dir, "wfail", STAR(20));
    const bin = refusingIp(s.dir, "10.16.0.13/16");
    const r = cli(["up", path, "--jobs", "2"], { env: { PATH: `${bin}:${process.env.PATH}` } });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /error\[OT6004\]/);
    assert.match(r.stderr, /the test refuses this batch/);
    // Line 3 of h13's batch is its address: the diagnostic points at the statement.
    assert.match(r.stderr, /wfail\.otop:3:\d+/);
    assert.doesNotMatch(r.stderr, /OT6012|OT6018/, "rolled back whole");
    assert.deepEqual(leftovers(lab), []);
  } finally {
    s.remove();
  }
});

test("a lab that declares no IPv6 has no link-local address on what it made; ::1 still works", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab(
    "nov6",
    `${STAR(3)}node r { e1 -> q.e1 10.17.0.1/30 }\nnode q { e1 10.17.0.2/30 }\n`,
    ({ name, ns }) => {
      for (const n of [name, ns("h1"), ns("h2"), ns("r"), ns("q")]) assert.deepEqual(linkLocal(n), [], n);
      assert.ok(ping(ns("h1"), "10.16.0.3"));
      assert.ok(ping(ns("r"), "10.17.0.2"));
      assert.ok(ping(ns("h1"), "::1"));
      // IPv6 stays on: an address added by hand works.
      assert.equal(inNs(ns("r"), ["ip", "addr", "add", "fd16::1/64", "dev", "e1", "nodad"]).code, 0);
      assert.equal(inNs(ns("q"), ["ip", "addr", "add", "fd16::2/64", "dev", "e1", "nodad"]).code, 0);
      assert.ok(ping(ns("r"), "fd16::2"));
    },
  );
});

test("a lab that declares IPv6 keeps link-local addresses on its nodes (not on bridges and ports), and pings over IPv6 through a router", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const body = `switch sw
node h[1..3] { eth0 -> sw 10.16.{i / 256}.{i % 256}/16 fd16::{hex(i + 16)}/64; route fd16:2::/64 via fd16::1 }
node r { forward; eth0 -> sw 10.16.0.100/16 fd16::1/64; e1 -> b.e1 fd16:2::1/64 }
node b { e1 fd16:2::2/64; route fd16::/64 via fd16:2::1 }
`;
  await withLab("v6", body, ({ name, ns }) => {
    assert.deepEqual(linkLocal(name), [], "the bridge and its ports have none");
    assert.equal(linkLocal(ns("h1")).length, 1);
    assert.equal(linkLocal(ns("r")).length, 2);
    assert.ok(ping(ns("h1"), "fd16::12", 2));
    assert.ok(ping(ns("h1"), "fd16:2::2", 3), "through the router");
    assert.equal(cli(["status", name]).code, 0);
  });
});

test("a node that sets addr_gen_mode keeps its own; the script's status agrees with opentop's, drift included", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const body = `${STAR(12)}node h5 { sysctl net.ipv6.conf.eth0.addr_gen_mode 0 }\n`;
  const s = scratch();
  try {
    await withLab("own6", body, async ({ name, path, ns }) => {
      assert.equal(linkLocal(ns("h5")).length, 1, "h5 asked for link-local addresses");
      assert.deepEqual(linkLocal(ns("h6")), []);
      const script = join(s.dir, "own6.sh");
      assert.equal(cli(["build", path, "-o", script]).code, 0);
      const statusOf = (env: NodeJS.ProcessEnv = {}) =>
        spawnSync("sh", [script, "status"], {
          encoding: "utf8",
          env: { ...process.env, ...env },
          timeout: 60_000, // a read that never ends fails the test rather than hang it
        });
      const clean = statusOf();
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
      assert.equal(inNs(name, ["ip", "link", "set", "dev", "h2.eth0", "nomaster"]).code, 0);
      assert.equal(inNs(ns("h7"), ["ip", "addr", "del", "10.16.0.7/16", "dev", "eth0"]).code, 0);
      assert.equal(inNs(ns("h8"), ["ip", "-6", "route", "add", "2001:db8::/64", "dev", "eth0"]).code, 0);
      assert.equal(
        inNs(ns("h9"), ["tc", "qdisc", "add", "dev", "eth0", "root", "pfifo", "limit", "10"]).code,
        0,
      );
      const cliDrift = statusDrift(name);
      const script2 = statusOf();
      assert.equal(script2.status, 1);
      assert.deepEqual(scriptDrift(script2.stdout), cliDrift);
      assert.equal(cliDrift.length, 4);

      // Its 13 namespaces read by one reader a CPU (mktemp, here a wrapper that says it was
      // asked, gives their files a directory), and by one reader when mktemp fails: the same
      // output, drift included, and no reader's file left behind.
      const tmp = join(s.dir, "tmp");
      const bin = join(s.dir, "bin");
      mkdirSync(tmp);
      mkdirSync(bin);
      const asked = join(s.dir, "mktemp-asked");
      const wrapper = (body: string) => `#!/bin/sh\n${body}\n`;
      writeFileSync(join(bin, "mktemp"), wrapper(`: >"${asked}"\nexec /usr/bin/mktemp "$@"`));
      chmodSync(join(bin, "mktemp"), 0o755);
      const searched = `${bin}:${process.env.PATH ?? ""}`;
      const wide = statusOf({ TMPDIR: tmp, PATH: searched });
      assert.equal(existsSync(asked), cpus().length >= 2, "read on every CPU where there are several");
      writeFileSync(join(bin, "mktemp"), wrapper("exit 1"));
      const alone = statusOf({ TMPDIR: tmp, PATH: searched });
      assert.equal(wide.status, 1);
      assert.equal(wide.stdout, alone.stdout);
      assert.equal(wide.stdout, script2.stdout);
      assert.deepEqual(readdirSync(tmp), [], "the readers' files are gone");

      // Readers that cannot write what they read (their files are /dev/full, as on a full
      // disk; ip says nothing then): all is read again by one reader, quietly, and the
      // verdict is the same.
      writeFileSync(
        join(bin, "mktemp"),
        wrapper(
          'd=$(/usr/bin/mktemp "$@") || exit 1\nfor i in 0 1 2 3 4 5 6 7; do ln -s /dev/full "$d/$i"; done\necho "$d"',
        ),
      );
      const full = statusOf({ TMPDIR: tmp, PATH: searched });
      assert.equal(full.stdout, alone.stdout);
      assert.equal(full.stderr, alone.stderr);
      assert.deepEqual(readdirSync(tmp), []);

      // A signal to the script's process group at any moment of its reads leaves neither a
      // reader nor its directory, and the script ends at once: readers ignore SIGINT, as
      // every background job of a script does, so they are stopped, not waited for. Each
      // namespace's read is slowed here (nsenter waits 0.2 s first), so that waiting for
      // the readers would take seconds. The moments are counted from mktemp's start, which
      // begins the reads: from the script's start, a slow machine had not yet begun them,
      // and a signal that comes while dash is still starting is acted on only at the end.
      const reading = join(s.dir, "reading");
      writeFileSync(join(bin, "mktemp"), wrapper(`: >"${reading}"\nexec /usr/bin/mktemp "$@"`));
      const nsenter = spawnSync("sh", ["-c", "command -v nsenter"], { encoding: "utf8" }).stdout.trim();
      writeFileSync(join(bin, "nsenter"), wrapper(`sleep 0.2\nexec ${nsenter} "$@"`));
      chmodSync(join(bin, "nsenter"), 0o755);
      // Every CPU kept busy meanwhile (at the lowest priority), as on a loaded machine: a
      // reader's start then lasts long enough for a signal to land in it, which left that
      // reader reading on for seconds (before the fix, 9 of 30 signals at mktemp's end did).
      // The moment 0 comes four times, sent as soon as the reads begin (no timer between).
      const busy = cpus().map(() =>
        spawn("nice", ["-n", "19", "sh", "-c", "while :; do :; done"], { stdio: "ignore" }),
      );
      try {
        for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
          for (const after of [0, 0, 0, 0, 10, 40, 80, 120]) {
            rmSync(reading, { force: true });
            const child = spawn("sh", [script, "status"], {
              detached: true,
              stdio: "ignore",
              env: { ...process.env, TMPDIR: tmp, PATH: searched },
            });
            const ended = new Promise((resolve) => child.on("exit", resolve));
            for (let i = 0; i < 2000 && !existsSync(reading); i++) await sleep(2);
            assert.ok(existsSync(reading), "the reads began");
            if (after) await sleep(after);
            const sent = performance.now();
            process.kill(-(child.pid as number), signal);
            await ended;
            const took = performance.now() - sent;
            assert.ok(
              took < 1000,
              `${signal} after ${after} ms ends the script at once, not in ${Math.round(took)} ms`,
            );
            for (let i = 0; i < 100 && inGroup(child.pid as number).length; i++) await sleep(50);
            assert.deepEqual(
              inGroup(child.pid as number),
              [],
              `${signal} after ${after} ms: nothing left running`,
            );
            assert.deepEqual(readdirSync(tmp), [], `${signal} after ${after} ms: no directory left`);
          }
      } finally {
        for (const b of busy) b.kill("SIGKILL");
      }
    });
  } finally {
    s.remove();
  }
});

test("the script's status finds each route and qdisc among a router's many, whatever their order: the same drift as opentop's", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // Two routes to one destination, declared in the opposite order to the kernel's (by
  // metric), so that the first the script looks at is not the one it wants; two IPv6 ones,
  // one without a metric (the kernel's 1024, listed after the other's 5), and the subnet of
  // an interface's address; forty more; a route of two paths; two shaped interfaces, each
  // with two qdiscs.
  const body = [
    "switch sw",
    "switch sw2",
    "node r {",
    "  forward",
    "  eth0 -> sw 10.17.0.1/24 fd17::1/64 { rate 10mbit }",
    "  eth1 -> sw2 10.18.0.1/24 { rate 20mbit }",
    "  route 10.90.0.0/16 via 10.17.0.2 metric 20",
    "  route 10.90.0.0/16 via 10.17.0.3 metric 10",
    "  route fd00:5::/64 dev eth0",
    "  route fd00:5::/64 via fd17::3 metric 5",
    "  route fd17::/64 dev eth0",
    "  route fd00:45::/64 via fd17::3 metric 0",
    "  route 10.92.0.0/16 via 10.17.0.2 metric 0",
    "  route 10.91.0.0/16 nexthop via 10.17.0.2 nexthop via 10.18.0.2",
    "  for k in 1..40 { route 10.{100 + k}.0.0/16 via 10.17.0.2 }",
    "}",
    "node h1 { eth0 -> sw 10.17.0.2/24 }",
    "node h2 { eth0 -> sw 10.17.0.3/24 }",
    "node h3 { eth0 -> sw2 10.18.0.2/24 }",
    "",
  ].join("\n");
  const s = scratch();
  try {
    await withLab("claims", body, async ({ name, path, ns }) => {
      const script = join(s.dir, "claims.sh");
      assert.equal(cli(["build", path, "-o", script]).code, 0);
      const statusOf = () => spawnSync("sh", [script, "status"], { encoding: "utf8", timeout: 60_000 });
      const clean = statusOf();
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
      assert.deepEqual(statusDrift(name), []);
      const r = (args: string[]) => assert.equal(inNs(ns("r"), args).code, 0, args.join(" "));
      r(["ip", "route", "del", "10.105.0.0/16"]);
      r(["ip", "route", "del", "10.90.0.0/16", "via", "10.17.0.3", "metric", "10"]);
      r(["ip", "route", "add", "10.90.0.0/16", "via", "10.17.0.3", "metric", "30"]);
      r(["ip", "route", "add", "10.141.0.0/16", "via", "10.17.0.2"]);
      // The plan's 10.101.0.0/16 says no metric: one with another metric is it too, not drift.
      r(["ip", "route", "add", "10.101.0.0/16", "via", "10.17.0.2", "metric", "9"]);
      // Nor is fd17::/64 dev eth0 missing without its own: the kernel's connected route is it.
      r(["ip", "-6", "route", "del", "fd17::/64", "dev", "eth0", "metric", "1024"]);
      r(["tc", "qdisc", "del", "dev", "eth1", "root"]);
      // An IPv4 `metric 0` the lab gives is the route's (unlike a route that gives none).
      r(["ip", "route", "del", "10.92.0.0/16", "metric", "0"]);
      r(["ip", "route", "add", "10.92.0.0/16", "via", "10.17.0.2", "metric", "5"]);
      const drifted = statusOf();
      assert.equal(drifted.status, 1);
      const cliDrift = statusDrift(name);
      assert.deepEqual(scriptDrift(drifted.stdout), cliDrift);
      assert.equal(cliDrift.length, 8, cliDrift.join("\n"));
    });
  } finally {
    s.remove();
  }
});

/** The processes of process group `pgid` (by /proc), zombies aside. */
function inGroup(pgid: number): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (group === String(pgid) && state !== "Z") out.push(pid);
  }
  return out;
}
