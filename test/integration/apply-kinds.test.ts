// `apply` of the changes test/integration/apply.test.ts does not cover, on real namespaces:
// filters lowered to iptables, macvlans on a host interface, a host interface moved in and
// given back, a node's isolation changing — each brought up from scratch and by apply, the
// kernel state compared — and an address replaced under a route without a moment where the
// route is gone (`ip monitor`). Host interfaces are a veth pair this test creates, never a
// real NIC; host-side addresses come from 198.51.100.224/27.

import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli, inNs, SKIP_NOT_ROOT, scratch, uniqueLab } from "../support/lab.js";
import { labNamespaces, settledLabState } from "../support/state.js";

type Json = Record<string, unknown>;

function ok(r: { code: number; stdout: string; stderr: string }, what: string): string {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** iptables and ip6tables rules of every namespace of the lab (no comments, no counters). */
function iptablesOf(lab: string): Json {
  const out: Json = {};
  for (const ns of labNamespaces(lab))
    out[ns] = ["iptables-save", "ip6tables-save"].map((tool) =>
      inNs(ns, [tool])
        .stdout.split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => l.replace(/ \[\d+:\d+\]$/, ""))
        .join("\n"),
    );
  return out;
}

/**
 * The lab's kernel state, its rulesets' tables in order of name: iptables-restore and
 * ip6tables-restore run concurrently, so `nft list ruleset` lists their tables in either order.
 */
function stateOf(lab: string, hostIfaces: readonly string[] = []): Json {
  const state = settledLabState(lab, { hostIfaces, macs: new Set(), sysctls: [] });
  for (const ns of Object.values(state.namespaces as Record<string, Json>))
    if (typeof ns.ruleset === "string")
      ns.ruleset = ns.ruleset
        .split(/^(?=table )/m)
        .sort()
        .join("");
  return state;
}

/**
 * `before` brought up and changed by `apply` into `after`, against `after` brought up from
 * scratch: the same kernel state (and `extra` state), no drift, and nothing more to change.
 * Returns what `apply` reported.
 */
function applied(
  base: string,
  before: string,
  after: string,
  options: { args?: string[]; extra?: (lab: string) => unknown; hostIfaces?: readonly string[] } = {},
): { changes: { kind: string; key: string }[] } {
  const s = scratch();
  const lab = uniqueLab(base);
  const file = join(s.dir, "lab.otop");
  const args = options.args ?? [];
  const extra = options.extra ?? (() => null);
  try {
    writeFileSync(file, `lab ${lab}\n${after}`);
    ok(cli(["up", file, ...args]), "up (after)");
    const fresh = [stateOf(lab, options.hostIfaces), extra(lab)];
    ok(cli(["down", lab]), "down");
    writeFileSync(file, `lab ${lab}\n${before}`);
    ok(cli(["up", file, ...args]), "up (before)");
    writeFileSync(file, `lab ${lab}\n${after}`);
    const report = JSON.parse(ok(cli(["apply", file, "--json", ...args]), "apply")) as {
      changes: { kind: string; key: string }[];
    };
    assert.deepEqual(
      [stateOf(lab, options.hostIfaces), extra(lab)],
      fresh,
      "apply leaves the kernel as up does",
    );
    assert.match(ok(cli(["status", lab]), "status"), /no drift/);
    const again = JSON.parse(ok(cli(["apply", file, "--json", ...args]), "apply again")) as {
      changes: unknown[];
    };
    assert.deepEqual(again.changes, [], "a second apply finds nothing to change");
    return report;
  } finally {
    cli(["down", lab]);
    s.remove();
  }
}

const iptables =
  spawnSync("sh", ["-c", "command -v iptables-restore && command -v ip6tables-restore"]).status === 0;

test("apply with filters lowered to iptables: rules replaced, a filter added and one removed", {
  skip: SKIP_NOT_ROOT || (iptables ? false : "iptables-restore is not installed"),
}, () => {
  const lab = (r: string, b: string) => `switch lan
node r { forward
  eth0 -> lan 10.0.0.1/24 fd00:1::1/64
  filter {${r}} }
node a { eth0 -> lan 10.0.0.10/24 fd00:1::10/64 }
node b { eth0 -> lan 10.0.0.11/24${b} }
`;
  const report = applied(
    "ipt",
    lab("\n forward policy drop\n forward accept established\n", ""),
    lab(
      "\n forward policy drop\n forward accept established\n forward accept in eth0 tcp dport 22\n",
      "\n filter { input policy drop }",
    ),
    { args: ["--firewall", "iptables"], extra: iptablesOf },
  );
  assert.ok(
    report.changes.some((c) => c.kind === "add"),
    "b's filter is added",
  );
  assert.ok(
    report.changes.some((c) => c.kind === "update" || c.kind === "recreate"),
    "r's rules change",
  );
});

/** A veth pair on the host standing in for a NIC (never a real one), removed by the returned function. */
function fakeNic(): { a: string; b: string; remove: () => void } {
  const name = `t15${process.pid.toString(36)}`.slice(0, 12);
  const [a, b] = [`${name}a`, `${name}b`];
  const ip = (...args: string[]) => {
    const r = spawnSync("ip", args, { encoding: "utf8" });
    assert.equal(r.status, 0, `ip ${args.join(" ")}: ${r.stderr}`);
  };
  spawnSync("ip", ["link", "del", a]);
  ip("link", "add", "name", a, "type", "veth", "peer", "name", b);
  ip("link", "set", "dev", a, "mtu", "1400", "up");
  ip("link", "set", "dev", b, "up");
  ip("addr", "add", "198.51.100.225/28", "dev", a);
  return { a, b, remove: () => spawnSync("ip", ["link", "del", a]) };
}

/** What the host knows of an interface: MTU, state, MAC, global addresses. */
function hostIface(dev: string): unknown {
  const show = (...args: string[]) =>
    JSON.parse(spawnSync("ip", ["-j", ...args, "dev", dev], { encoding: "utf8" }).stdout || "[]") as Json[];
  const [l] = show("link", "show");
  const addrs = show("addr", "show", "scope", "global").flatMap((a) =>
    (a.addr_info as Json[]).map((i) => `${i.local}/${i.prefixlen}`),
  );
  return l && { mtu: l.mtu, flags: l.flags, mac: l.address, addrs };
}

test("apply on a host interface: a macvlan's MTU changed in place, one removed, one added; a NIC moved in, then given back as it was", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const nic = fakeNic();
  try {
    const m = (
      mtu: string,
      more: string,
    ) => `node m { lan -> host.${nic.a} 10.5.0.1/24 { macvlan bridge${mtu} } }
node n { e0 -> m.e0 10.6.0.1/30 }
node m { e0 10.6.0.2/30 }
${more}`;
    const report = applied(
      "macvlan",
      m("", `node o { lan -> host.${nic.a} 10.5.0.2/24 { macvlan bridge } }\n`),
      m(" mtu 1300", `node p { lan -> host.${nic.a} 10.5.0.3/24 { macvlan private } }\n`),
    );
    assert.ok(
      report.changes.some((c) => c.kind === "update" && c.key.endsWith(" lan")),
      "m's macvlan is changed in place",
    );
    const before = hostIface(nic.a);
    const plain = "node n { e0 -> m.e0 10.6.0.1/30 }\nnode m { e0 10.6.0.2/30 }\n";
    const moved = `${plain}node m { wan -> host.${nic.a} 198.51.100.226/28 { move mtu 1300 } }\n`;
    applied("movein", plain, moved);
    assert.deepEqual(hostIface(nic.a), before, "down gave the NIC back");
    applied("moveout", moved, plain);
    assert.deepEqual(hostIface(nic.a), before, "apply gave the NIC back as it was");
  } finally {
    nic.remove();
  }
});

test("apply of a node's isolation: its own hostname added, then taken away", { skip: SKIP_NOT_ROOT }, () => {
  const plain = "node x { eth0 -> y.eth0 10.7.0.1/30 }\nnode y { eth0 10.7.0.2/30 }\n";
  const uts =
    "node x { isolate net uts\n hostname xx\n eth0 -> y.eth0 10.7.0.1/30 }\nnode y { eth0 10.7.0.2/30 }\n";
  const hostname = (lab: string) => cli(["exec", lab, "x", "--", "hostname"]).stdout.trim();
  const host = spawnSync("hostname", { encoding: "utf8" }).stdout.trim();
  applied("isoadd", plain, uts, { extra: hostname });
  applied("isodrop", uts, plain, { extra: (lab) => [hostname(lab), host] });
});

/** `ip monitor route` in a namespace: what it printed so far, and a stop. */
function monitor(ns: string): { lines: () => string[]; stop: () => void } {
  const child: ChildProcess = spawn("nsenter", [`--net=/run/netns/${ns}`, "--", "ip", "monitor", "route"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let out = "";
  child.stdout?.on("data", (b: Buffer) => {
    out += b.toString();
  });
  return { lines: () => out.split("\n").filter(Boolean), stop: () => child.kill("SIGKILL") };
}

test("apply: an address replaced under a default route adds the new one first; the route is never deleted", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const lab = uniqueLab("nogap");
  const file = join(s.dir, "lab.otop");
  const body = (a: string) =>
    `lab ${lab}\nswitch lan\nnode r { forward\n eth0 -> lan 10.0.0.1/24 fd00:1::1/64 }\nnode a { eth0 -> lan ${a}\n route default via 10.0.0.1\n route default via fd00:1::1 }\n`;
  try {
    writeFileSync(file, body("10.0.0.10/24 fd00:1::10/64"));
    ok(cli(["up", file]), "up");
    const watch = monitor(`${lab}.a`);
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(file, body("10.0.0.20/24 fd00:1::20/64"));
    const report = JSON.parse(ok(cli(["apply", file, "--json"]), "apply")) as { changes: { kind: string }[] };
    await new Promise((r) => setTimeout(r, 300));
    watch.stop();
    assert.deepEqual(
      report.changes.map((c) => c.kind),
      ["remove", "remove", "add", "add"],
    );
    const deleted = watch.lines().filter((l) => l.startsWith("Deleted") && l.includes("default"));
    assert.deepEqual(deleted, [], `the routes were never deleted:\n${watch.lines().join("\n")}`);
    const addrs = inNs(`${lab}.a`, ["ip", "-br", "addr", "show", "dev", "eth0"]).stdout;
    assert.match(addrs, /10\.0\.0\.20\/24/);
    assert.doesNotMatch(addrs, /10\.0\.0\.10\//);
    assert.ok(
      inNs(`${lab}.a`, ["ping", "-c", "1", "-W", "2", "10.0.0.1"]).code === 0,
      "and it still reaches the router",
    );
    assert.match(ok(cli(["status", lab]), "status"), /no drift/);
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});
