// `apply` on real namespaces: for each kind of change (and none), a lab brought up as it was
// and changed by `apply` has exactly the kernel state of the same lab brought up from scratch
// as it is now (links, addresses, routes, sysctls, rulesets, qdiscs, cgroup limits), and
// `status` finds no drift; a TCP connection across a path the change does not name survives
// it, its interfaces never went down; a failing change rolls back to the lab as it was.

import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { statusJson } from "../support/isolation.js";
import { cli, inNs, SKIP_NOT_ROOT, scratch, uniqueLab, until } from "../support/lab.js";
import { settledLabState } from "../support/state.js";

type Json = Record<string, unknown>;

interface Pair {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  /** What `apply` must report, by kind of change (checked when given). */
  readonly expect?: Partial<Record<"add" | "remove" | "update" | "recreate", number>>;
}

const BASE = `
switch lan
node r {
  forward
  eth0 -> lan 10.0.0.1/24 fd00:1::1/64
  eth1 -> s.eth1 10.9.0.0/31
  route 10.7.0.0/16 via 10.9.0.1
}
node s { eth1 10.9.0.1/31 }
node a { eth0 -> lan 10.0.0.10/24 ; route default via 10.0.0.1 }
node b { eth0 -> lan 10.0.0.11/24 ; route default via 10.0.0.1 }
`;

/** BASE with `from` replaced by `to` (each must occur once). */
function edit(...pairs: [string, string][]): string {
  let out = BASE;
  for (const [from, to] of pairs) {
    assert.equal(out.split(from).length, 2, `\`${from}\` occurs once in the base lab`);
    out = out.replace(from, to);
  }
  return out;
}

const PAIRS: readonly Pair[] = [
  { name: "no change", before: BASE, after: BASE, expect: {} },
  {
    name: "a node added on a switch",
    before: BASE,
    after: `${BASE}node c { eth0 -> lan 10.0.0.12/24 }\n`,
  },
  {
    name: "a node removed",
    before: BASE,
    after: edit(["node b { eth0 -> lan 10.0.0.11/24 ; route default via 10.0.0.1 }\n", ""]),
  },
  {
    name: "an address added and one removed",
    before: BASE,
    after: edit(["10.0.0.10/24 ;", "10.0.0.20/24 fd00:1::20/64 ;"]),
    // The new address is added before the old one goes: the default route through it stays.
    expect: { add: 2, remove: 1 },
  },
  {
    name: "a route changed and one added",
    before: BASE,
    after: edit([
      "route 10.7.0.0/16 via 10.9.0.1",
      "route 10.7.0.0/16 via 10.9.0.1 metric 0\n  route 10.8.0.0/16 via 10.9.0.1",
    ]),
  },
  {
    name: "a route's gateway changed (replaced in place)",
    before: edit(["node s { eth1 10.9.0.1/31 }", "node s { eth1 10.9.0.1/31 10.9.1.1/24 }"]),
    after: edit(
      ["node s { eth1 10.9.0.1/31 }", "node s { eth1 10.9.0.1/31 10.9.1.1/24 }"],
      ["eth1 -> s.eth1 10.9.0.0/31", "eth1 -> s.eth1 10.9.0.0/31 10.9.1.2/24"],
      ["via 10.9.0.1", "via 10.9.1.1"],
    ),
  },
  {
    name: "sysctls: one changed, forwarding removed",
    before: edit(["  forward\n", "  forward\n  sysctl net.ipv4.conf.eth0.rp_filter 1\n"]),
    after: edit(["  forward\n", "  sysctl net.ipv4.conf.eth0.rp_filter 2\n"]),
  },
  {
    name: "a link's kind changed: switch port to point-to-point (its addresses and routes with it)",
    before: BASE,
    after: edit(
      ["node a { eth0 -> lan 10.0.0.10/24 ;", "node a { eth0 -> r.eth2 10.0.0.10/24 ;"],
      ["  eth1 -> s.eth1", "  eth2\n  eth1 -> s.eth1"],
    ),
  },
  {
    name: "shaping: a rate added, then changed in place",
    before: edit(["eth1 -> s.eth1 10.9.0.0/31", "eth1 -> s.eth1 10.9.0.0/31 { rate 20mbit }"]),
    after: edit(["eth1 -> s.eth1 10.9.0.0/31", "eth1 -> s.eth1 10.9.0.0/31 { rate 50mbit limit 200 }"]),
    expect: { update: 2 },
  },
  {
    name: "shaping removed",
    before: edit([
      "node a { eth0 -> lan 10.0.0.10/24 ;",
      "node a { eth0 -> lan 10.0.0.10/24 { rate 10mbit both } ;",
    ]),
    after: BASE,
  },
  {
    name: "a filter added, then its rules replaced in one transaction",
    before: edit([
      "  forward\n",
      "  forward\n  filter { forward policy drop\n forward accept established }\n",
    ]),
    after: edit([
      "  forward\n",
      "  forward\n  filter { forward policy drop\n forward accept established\n forward accept in eth0 tcp dport 22 }\n",
    ]),
    expect: { update: 1 },
  },
  {
    name: "an MTU changed in place, a switch added",
    before: BASE,
    after: edit(
      ["switch lan", "switch lan { mtu 1400 }\nswitch lab2"],
      ["node s { eth1 10.9.0.1/31 }", "node s { eth1 10.9.0.1/31 ; e2 -> lab2 }"],
    ),
  },
  {
    name: "a service's command changed, a limit added and changed",
    before: edit([
      "node s { eth1 10.9.0.1/31 }",
      'node s { eth1 10.9.0.1/31\n run web "sleep 1000"\n limit pids 50 }',
    ]),
    after: edit([
      "node s { eth1 10.9.0.1/31 }",
      'node s { eth1 10.9.0.1/31\n run web "sleep 2000"\n limit pids 60 memory 64M }',
    ]),
  },
];

/** The lab's kernel state once settled, with what every pair needs read, and what its services run. */
function stateOf(lab: string): Json {
  const services = statusJson(lab).nodes.flatMap((n) =>
    n.services.map((sv) => {
      let argv = "(not running)";
      try {
        argv = readFileSync(`/proc/${sv.pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      } catch {}
      return `${n.node} ${sv.name} ${sv.state}: ${argv}`;
    }),
  );
  return {
    kernel: settledLabState(lab, {
      hostIfaces: [],
      macs: new Set(),
      sysctls: ["net.ipv4.conf.eth0.rp_filter", "net.ipv6.conf.default.accept_dad"],
    }),
    services,
  } as Json;
}

function ok(r: { code: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** qdiscs of every namespace of the lab, as tc shows them (the state above does not read tc). */
function qdiscsOf(state: Json): Json {
  const out: Json = {};
  for (const ns of Object.keys(((state.kernel as Json).namespaces as Json) ?? {}))
    out[ns] = (JSON.parse(inNs(ns, ["tc", "-j", "qdisc", "show"]).stdout || "[]") as Json[]).sort((x, y) =>
      JSON.stringify(x).localeCompare(JSON.stringify(y)),
    );
  return out;
}

for (const pair of PAIRS)
  test(`apply: ${pair.name} — the same kernel state as up from scratch, and no drift`, {
    skip: SKIP_NOT_ROOT,
  }, () => {
    const s = scratch();
    const lab = uniqueLab("apply");
    const file = join(s.dir, "lab.otop");
    try {
      writeFileSync(file, `lab ${lab}\n${pair.after}`);
      ok(cli(["up", file]), "up (after)");
      const fresh = stateOf(lab);
      const freshQdiscs = qdiscsOf(fresh);
      ok(cli(["down", lab]), "down");

      writeFileSync(file, `lab ${lab}\n${pair.before}`);
      ok(cli(["up", file]), "up (before)");
      writeFileSync(file, `lab ${lab}\n${pair.after}`);
      const applied = JSON.parse(ok(cli(["apply", file, "--json"]), "apply")) as {
        changes: { kind: string }[];
      };
      if (pair.expect) {
        const counts: Record<string, number> = {};
        for (const c of applied.changes) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
        assert.deepEqual(counts, pair.expect, `apply changed ${JSON.stringify(applied.changes)}`);
      }
      const changed = stateOf(lab);
      assert.deepEqual(changed, fresh, "apply leaves the kernel as up from scratch does");
      assert.deepEqual(qdiscsOf(changed), freshQdiscs, "and the same qdiscs");
      const st = cli(["status", lab]);
      assert.equal(st.code, 0, `status after apply:\n${st.stdout}${st.stderr}`);
      assert.match(st.stdout, /no drift/);
      const again = JSON.parse(ok(cli(["apply", file, "--json"]), "apply again")) as { changes: unknown[] };
      assert.deepEqual(again.changes, [], "a second apply finds nothing to change");
    } finally {
      cli(["down", lab]);
      s.remove();
    }
  });

// ---- a connection survives ----------------------------------------------------------------

const ECHO_SERVER = `
const net = require("node:net");
net.createServer((c) => c.pipe(c)).listen(7000, "0.0.0.0", () => process.stdout.write("listening\\n"));
`;

/** A client that keeps one connection and echoes a line each time it reads one on stdin. */
const ECHO_CLIENT = `
const net = require("node:net");
const c = net.connect({ host: process.argv[1], port: 7000 }, () => process.stdout.write("connected\\n"));
c.on("data", (d) => process.stdout.write("echo " + d.toString()));
c.on("error", (e) => { process.stdout.write("error " + e.code + "\\n"); process.exit(1); });
c.on("close", () => { process.stdout.write("closed\\n"); process.exit(1); });
process.stdin.on("data", (d) => c.write(d));
`;

function inNetns(ns: string, argv: string[]): ChildProcess {
  return spawn("nsenter", [`--net=/run/netns/${ns}`, "--", ...argv], { stdio: ["pipe", "pipe", "pipe"] });
}

function lines(child: ChildProcess): string[] {
  const out: string[] = [];
  let buf = "";
  child.stdout?.on("data", (b: Buffer) => {
    buf += b.toString();
    const parts = buf.split("\n");
    buf = parts.pop() ?? "";
    out.push(...parts);
  });
  return out;
}

/** ifindex and carrier changes of every interface of a namespace: a recreated or bounced one differs. */
function links(ns: string): Json {
  const list = JSON.parse(inNs(ns, ["ip", "-j", "-s", "link", "show"]).stdout || "[]") as Json[];
  return Object.fromEntries(list.map((l) => [l.ifname, { ifindex: l.ifindex, carrier: l.carrier_changes }]));
}

test("apply: a TCP connection across a path the change does not name survives it", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const lab = uniqueLab("survive");
  const file = join(s.dir, "lab.otop");
  const children: ChildProcess[] = [];
  try {
    writeFileSync(file, `lab ${lab}\n${BASE}`);
    ok(cli(["up", file]), "up");
    const server = inNetns(`${lab}.r`, [process.execPath, "-e", ECHO_SERVER]);
    children.push(server);
    const serverOut = lines(server);
    assert.ok(await until(() => serverOut.includes("listening")), "the server listens");
    const client = inNetns(`${lab}.a`, [process.execPath, "-e", ECHO_CLIENT, "10.0.0.1"]);
    children.push(client);
    const out = lines(client);
    assert.ok(await until(() => out.includes("connected")), `the client connects: ${out.join("; ")}`);
    client.stdin?.write("one\n");
    assert.ok(await until(() => out.includes("echo one")), "a line comes back");
    const before = [links(`${lab}.a`), links(`${lab}.r`), links(`${lab}.s`), links(lab)];

    // Everything but the path a → lan → r changes: a node added, b's address, shaping and
    // a filter on b, a switch added, a route of r that the connection does not use.
    writeFileSync(
      file,
      `lab ${lab}\n${edit(
        [
          "node b { eth0 -> lan 10.0.0.11/24 ;",
          "node b { eth0 -> lan 10.0.0.21/24 { rate 5mbit } ;\n filter { input policy drop }\n",
        ],
        [
          "route 10.7.0.0/16 via 10.9.0.1",
          "route 10.7.0.0/16 via 10.9.0.1\n  route 10.6.0.0/16 via 10.9.0.1",
        ],
        ["switch lan", "switch lan\nswitch other"],
      )}node c { eth0 -> lan 10.0.0.12/24 ; e1 -> other }\n`,
    );
    const applied = JSON.parse(ok(cli(["apply", file, "--json"]), "apply")) as { changes: unknown[] };
    assert.ok(applied.changes.length >= 8, `apply changed ${applied.changes.length} objects`);
    client.stdin?.write("two\n");
    assert.ok(
      await until(() => out.includes("echo two")),
      `the same connection still carries data: ${out.join("; ")}`,
    );
    assert.ok(!out.includes("closed"), "it was never closed");
    assert.deepEqual(
      [links(`${lab}.a`), links(`${lab}.r`), links(`${lab}.s`), links(lab)].map((l, i) =>
        Object.fromEntries(Object.entries(l).filter(([k]) => k in (before[i] as Json))),
      ),
      before,
      "no interface on the path was recreated or went down (same ifindex, same carrier changes)",
    );
  } finally {
    for (const c of children) if (c.pid !== undefined) process.kill(c.pid, "SIGKILL");
    cli(["down", lab]);
    s.remove();
  }
});

// ---- failure and rollback -----------------------------------------------------------------

test("apply: a change the kernel refuses half-way is rolled back to the lab as it was", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const lab = uniqueLab("rollback");
  const file = join(s.dir, "lab.otop");
  try {
    writeFileSync(file, `lab ${lab}\n${BASE}`);
    ok(cli(["up", file]), "up");
    const before = stateOf(lab);
    const record = readFileSync(`/run/opentop/${lab}/record.json`, "utf8");
    // An address the kernel will refuse (it is put there behind the lab's back), in a change
    // that also removes, adds and changes other objects before it fails.
    assert.equal(inNs(`${lab}.b`, ["ip", "addr", "add", "10.0.0.99/24", "dev", "eth0"]).code, 0);
    writeFileSync(
      file,
      `lab ${lab}\n${edit(
        ["node b { eth0 -> lan 10.0.0.11/24 ;", "node b { eth0 -> lan 10.0.0.11/24 10.0.0.99/24 ;"],
        ["node a { eth0 -> lan 10.0.0.10/24 ;", "node a { eth0 -> lan 10.0.0.30/24 ;"],
        [
          "route 10.7.0.0/16 via 10.9.0.1",
          "route 10.7.0.0/16 via 10.9.0.1 metric 0\n  route 10.5.0.0/16 via 10.9.0.1",
        ],
      )}node c { eth0 -> lan 10.0.0.12/24 }\n`,
    );
    const r = cli(["apply", file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /error\[OT6004\]/);
    assert.match(r.stderr, /is as it was before the apply/);
    assert.doesNotMatch(r.stderr, /OT6063/);
    assert.equal(inNs(`${lab}.b`, ["ip", "addr", "del", "10.0.0.99/24", "dev", "eth0"]).code, 0);
    assert.deepEqual(stateOf(lab), before, "the kernel is as before the apply");
    assert.equal(readFileSync(`/run/opentop/${lab}/record.json`, "utf8"), record, "and so is the record");
    assert.match(cli(["status", lab]).stdout, /no drift/);
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});
