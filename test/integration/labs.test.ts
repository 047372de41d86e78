// Real labs, brought up and proven with packets and kernel state: switches, routing
// through a forwarding node, host links, repetition, and two labs side by side.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { hostIfaceName } from "../../src/model/names.js";
import {
  cli,
  hostLinkSubnet,
  inNs,
  ipJson,
  ping,
  ROOT,
  SKIP_NOT_ROOT,
  scratch,
  statusDrift,
  withLab,
} from "../support/lab.js";

/** An example lab's body without its `lab` line, so a test can give it a unique name. */
function example(name: string, replace: [string, string][] = []): string {
  let text = readFileSync(join(ROOT, "examples", name), "utf8").replace(/^lab .*$/m, "");
  for (const [a, b] of replace) text = text.replaceAll(a, b);
  return text;
}

test("three nodes on a switch reach each other; ports are in the bridge", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab(
    "sw3",
    `switch lan\nnode n[1..3] { eth0 -> lan 10.7.0.{i}/24 fd00:7::{i}/64 }\n`,
    ({ name, ns }) => {
      for (const [from, to] of [
        [1, 2],
        [2, 3],
        [3, 1],
      ]) {
        assert.ok(ping(ns(`n${from}`), `10.7.0.${to}`, 2), `n${from} -> n${to} (IPv4)`);
        assert.ok(ping(ns(`n${from}`), `fd00:7::${to}`, 2), `n${from} -> n${to} (IPv6)`);
      }
      const ports = ipJson<{ ifname: string; master?: string }[]>(name, ["link", "show", "master", "lan"]);
      assert.deepEqual(ports.map((p) => p.ifname).sort(), ["n1.eth0", "n2.eth0", "n3.eth0"]);
      const status = cli(["status", name, "--json"]);
      assert.equal(status.code, 0, status.stdout + status.stderr);
      assert.deepEqual(JSON.parse(status.stdout).drift, []);
    },
  );
});

test("routed: two LANs through two forwarding routers, static routes both ways, a host link", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const subnet = hostLinkSubnet();
  const body = example("routed.otop", [
    ["198.51.100.2/30", subnet.node],
    ["198.51.100.1/30", subnet.host],
  ]);
  await withLab("routed", body, ({ name, ns }) => {
    // The first echo must be answered: links are ready and routers resolve next hops at
    // once (no duplicate address detection holding their link-local addresses back).
    assert.ok(ping(ns("client"), "fd00:2::10", 1), "client -> server over IPv6, first packet");
    for (const target of ["10.2.0.10", "10.255.0.1"])
      assert.ok(ping(ns("client"), target, 2), `client -> ${target}`);
    assert.ok(ping(ns("server"), "10.1.0.10", 2), "server -> client");
    // The path really goes through both routers: three hops.
    const trace = inNs(ns("client"), ["ping", "-n", "-c1", "-W2", "-t", "2", "10.2.0.10"]);
    assert.notEqual(
      trace.code,
      0,
      "with a TTL of 2 the packet dies before the server: it crosses two routers",
    );
    const forward = inNs(ns("r1"), ["sysctl", "-n", "net.ipv4.ip_forward"]).stdout.trim();
    assert.equal(forward, "1");
    // The host side of the host link: marked, addressed, reachable from r1 only.
    const hostName = hostIfaceName(name, "r1", "uplink");
    const [link] = ipJson<{ ifalias?: string }[]>(null, ["link", "show", "dev", hostName]);
    assert.equal(link?.ifalias, `opentop:${name}:r1:uplink`);
    const [host] = ipJson<{ addr_info: { local: string; scope: string }[] }[]>(null, [
      "addr",
      "show",
      "dev",
      hostName,
    ]);
    const hostAddress = subnet.host.split("/")[0] as string;
    assert.deepEqual(
      host?.addr_info.filter((a) => a.scope === "global").map((a) => a.local),
      [hostAddress],
    );
    assert.ok(ping(ns("r1"), hostAddress, 2), "r1 reaches the host side of its link");
  });
});

test("names that iproute2 keywords abbreviate (a switch `br`, an interface `up`) work", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab(
    "kw",
    "switch br\nnode help { up -> br 10.8.0.1/24 }\nnode mtu { dev -> br 10.8.0.2/24 }\n",
    ({ ns }) => {
      assert.ok(ping(ns("help"), "10.8.0.2", 2));
    },
  );
});

test("IPv6 with an IPv4 tail (::10.0.0.1, ::ffff:10.0.0.0/120) reaches the kernel as written; both tools' status say no drift", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // `::10.0.0.1` is not `::ffff:10.0.0.1` (ipaddr.js reads it so); and the kernel's tools
  // write these addresses with a dotted tail, which the plan's text must match.
  const body = [
    "switch sw",
    "node r {",
    "  eth0 -> sw fd17::1/64 fd17::10.17.0.9/64",
    "  route ::ffff:10.0.0.0/120 via fd17::3",
    "  route ::10.0.0.1/128 dev eth0",
    "  route ::2:3/128 dev eth0",
    "  route 64:ff9b::/96 via fd17::3",
    "}",
    "node h { eth0 -> sw fd17::3/64 }",
    "",
  ].join("\n");
  const s = scratch();
  try {
    await withLab("v4tail", body, ({ name, path, ns }) => {
      const routes = ipJson<{ dst: string; protocol?: string }[]>(ns("r"), ["-6", "route", "show"]);
      const declared = routes.filter((r) => r.protocol !== "kernel").map((r) => r.dst);
      assert.deepEqual(declared.sort(), ["64:ff9b::/96", "::0.2.0.3", "::10.0.0.1", "::ffff:10.0.0.0/120"]);
      const addrs = ipJson<{ addr_info: { local: string }[] }[]>(ns("r"), [
        "-6",
        "addr",
        "show",
        "dev",
        "eth0",
      ]);
      assert.ok(
        addrs[0]?.addr_info.some((a) => a.local === "fd17::a11:9"),
        JSON.stringify(addrs),
      );
      assert.deepEqual(statusDrift(name), []);
      const script = join(s.dir, "v4tail.sh");
      assert.equal(cli(["build", path, "-o", script]).code, 0);
      const st = spawnSync("sh", [script, "status"], { encoding: "utf8", timeout: 60_000 });
      assert.equal(st.status, 0, st.stdout + st.stderr);
      assert.match(st.stdout, /no drift/);
    });
  } finally {
    s.remove();
  }
});

test("the first packet over a switch is not lost: links are ready when up returns", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // A p2p link first, so that the kernel's ifindexes of a port and its peer would coincide
  // (see INDEX_BASE in lower.ts): one IPv6 echo with a 1 s timeout must come back.
  await withLab(
    "ready",
    "switch lan\nnode r { eth1 -> c.eth1\n eth0 -> lan fd00:5::1/64 }\nnode c { eth1\n eth0 -> lan fd00:5::2/64 }\n",
    ({ ns }) => {
      assert.ok(ping(ns("c"), "fd00:5::1", 1), "the very first echo is answered");
    },
  );
});

test("repetition: the 50-node star example, first to last", { skip: SKIP_NOT_ROOT }, async () => {
  await withLab("star", example("star.otop"), ({ name, ns }) => {
    assert.ok(ping(ns("h1"), "10.0.0.50", 3));
    assert.ok(ping(ns("h50"), "fd00::1", 3));
    const ports = ipJson<unknown[]>(name, ["link", "show", "master", "sw"]);
    assert.equal(ports.length, 50);
  });
});

test("repetition: --set overrides a parameter", { skip: SKIP_NOT_ROOT }, async () => {
  await withLab(
    "star5",
    example("star.otop"),
    ({ name }) => {
      assert.equal(ipJson<unknown[]>(name, ["link", "show", "master", "sw"]).length, 5);
    },
    ["--set", "n=5"],
  );
});

test("two labs with the same node names are up at once without collision", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const body = "switch lan\nnode a { eth0 -> lan 10.3.0.1/24 }\nnode b { eth0 -> lan 10.3.0.2/24 }\n";
  await withLab("twin", body, async (one) => {
    await withLab("twin", body, (two) => {
      assert.notEqual(one.name, two.name);
      assert.ok(ping(one.ns("a"), "10.3.0.2"));
      assert.ok(ping(two.ns("a"), "10.3.0.2"));
      // Each lab's b is its own: take one down, the other's stays reachable.
      inNs(one.ns("b"), ["ip", "link", "set", "eth0", "down"]);
      assert.ok(!ping(one.ns("a"), "10.3.0.2"));
      assert.ok(ping(two.ns("a"), "10.3.0.2"));
      inNs(one.ns("b"), ["ip", "link", "set", "eth0", "up"]);
    });
  });
});

test("exec passes the exit status through; status reports drift; ls lists the lab", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab(
    "ops",
    "node a { eth0 -> b.eth0 10.4.0.1/30 }\nnode b { eth0 10.4.0.2/30 }\n",
    ({ name, ns }) => {
      assert.equal(cli(["exec", name, "a", "--", "sh", "-c", "exit 7"]).code, 7);
      const ok = cli(["exec", name, "a", "ping", "-c1", "-W2", "10.4.0.2"]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(cli(["exec", name, "zz", "true"]).code, 1, "an unknown node is an error");
      // A shell in the node reads its commands from the terminal (here, standard input).
      const sh = cli(["shell", name, "a"], {
        input: "ip -br link show dev eth0; echo node=$OPENTOP_NODE; exit 3\n",
        env: { SHELL: "/bin/sh" },
      });
      assert.equal(sh.code, 3, sh.stderr);
      assert.match(sh.stdout, /^eth0@/m, "the shell sees the node's interfaces");
      assert.match(sh.stdout, /node=a/);
      assert.match(cli(["ls"]).stdout, new RegExp(`^${name}\\s+up`, "m"));

      assert.equal(cli(["status", name]).code, 0);
      inNs(ns("b"), ["ip", "addr", "del", "10.4.0.2/30", "dev", "eth0"]);
      inNs(ns("a"), ["ip", "addr", "add", "10.4.0.9/30", "dev", "eth0"]);
      const drift = cli(["status", name, "--json"]);
      assert.equal(drift.code, 1, "drift makes status fail");
      const whats = (JSON.parse(drift.stdout).drift as { kind: string; what: string }[]).map(
        (d) => `${d.kind} ${d.what}`,
      );
      assert.deepEqual(whats.sort(), [
        "extra address 10.4.0.9/30 on eth0",
        "missing address 10.4.0.2/30 on eth0",
      ]);
    },
  );
});
