// The examples of shaping, multipath routes and VLANs, brought up as written (under unique
// lab names): ecmp.otop spreads flows over both spines; wan.otop comes up where the kernel
// has netem, and where it does not, is refused before anything exists while its rate alone
// holds; vlan.otop separates its VLANs where the kernel has 802.1Q and VLAN filtering.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli, inNs, ping, ROOT, SKIP_NOT_ROOT, scratch, withLab, writeLab } from "../support/lab.js";
import { assertRate, transfer } from "../support/throughput.js";

/** An example's body, without its `lab` line (withLab and writeLab give a unique one). */
function example(name: string): string {
  return readFileSync(join(ROOT, "examples", `${name}.otop`), "utf8").replace(
    new RegExp(`^lab ${name}$`, "m"),
    "",
  );
}

/** Whether `ip -batch` lines succeed in a throwaway namespace: a kernel feature is there. */
function kernelHas(lines: string): boolean {
  return (
    spawnSync("unshare", ["--net", "--", "ip", "-batch", "-"], {
      input: lines,
      stdio: ["pipe", "ignore", "ignore"],
    }).status === 0
  );
}

const NETEM =
  SKIP_NOT_ROOT === false &&
  spawnSync("unshare", ["--net", "--", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"])
    .status === 0;
const VLANS =
  SKIP_NOT_ROOT === false &&
  kernelHas(
    "link add name p0 type veth peer name p1\nlink add link p0 name p0.1 type vlan id 1\nlink add name b0 type bridge vlan_filtering 1\n",
  );

interface RouteJson {
  dst: string;
  nexthops?: { gateway: string; dev: string; weight: number }[];
}

/**
 * Counts the TCP connections to ports `ports` that enter `ns` through `dev` — each one's SYN —
 * with an nftables table of the test's own in that namespace; `count` reads it, `remove`
 * deletes the table. A connection's packets vary in number (the veths aggregate segments),
 * its SYN does not.
 */
function synCounter(ns: string, dev: string, ports: string): { count: () => number; remove: () => void } {
  const nft = (...args: string[]) => {
    const r = inNs(ns, ["nft", ...args]);
    assert.equal(r.code, 0, `nft ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  nft("add", "table", "ip", "ecmpflows");
  nft("add", "chain", "ip", "ecmpflows", "syn", "{ type filter hook prerouting priority 0 ; }");
  nft(
    "add",
    "rule",
    "ip",
    "ecmpflows",
    "syn",
    `iifname ${dev} tcp dport ${ports} tcp flags & (syn|ack) == syn counter`,
  );
  return {
    count: () => {
      const { nftables } = JSON.parse(nft("-j", "list", "chain", "ip", "ecmpflows", "syn")) as {
        nftables: { rule?: { expr: { counter?: { packets: number } }[] } }[];
      };
      const counter = nftables.flatMap((x) => x.rule?.expr ?? []).find((e) => e.counter)?.counter;
      assert.ok(counter, "the counter is there");
      return counter.packets;
    },
    remove: () => {
      inNs(ns, ["nft", "delete", "table", "ip", "ecmpflows"]);
    },
  };
}

test("examples/ecmp.otop: every host reaches every rack, over both spines", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab("ecmp", example("ecmp"), async ({ name, path, ns }) => {
    const hosts = ["h1", "h2", "h3", "h4"];
    for (const from of hosts)
      for (const [i, to] of hosts.entries())
        if (from !== to) assert.ok(ping(ns(from), `10.1.${i + 1}.10`), `${from} reaches ${to}`);
    const routes = JSON.parse(
      inNs(ns("leaf1"), ["ip", "-j", "route", "show", "10.1.0.0/16"]).stdout,
    ) as RouteJson[];
    assert.deepEqual(
      routes[0]?.nexthops?.map((h) => `${h.gateway} ${h.dev} ${h.weight}`),
      ["10.0.1.0 s1 1", "10.0.2.0 s2 1"],
      "one route, two paths of equal weight",
    );
    // Flows hashed by layer 4 (here the hash each socket draws): 16 connections from h1 to h4
    // take both spines (all on one: a chance of 2 in 65,536). Each spine counts the
    // connections that come to it from leaf1.
    const spines = [synCounter(ns("spine1"), "l1", "5301-5316"), synCounter(ns("spine2"), "l1", "5301-5316")];
    try {
      for (let port = 5301; port < 5317; port++)
        await transfer(ns("h1"), ns("h4"), "10.1.4.10", 20_000, port);
      const flows = spines.map((c) => c.count());
      assert.equal(
        flows.reduce((sum, n) => sum + n, 0),
        16,
        `every connection crossed a spine once: ${flows.join(" + ")}`,
      );
      assert.ok(
        flows.every((n) => n > 0),
        `both spines carry connections from leaf1: ${flows.join(" and ")}`,
      );
    } finally {
      for (const c of spines) c.remove();
    }
    const st = cli(["status", name]);
    assert.equal(st.code, 0, `no drift with multipath routes:\n${st.stdout}`);
    const script = path.replace(/\.otop$/, ".sh");
    assert.equal(cli(["build", path, "-o", script]).code, 0);
    const sh = spawnSync("sh", [script, "status"], { encoding: "utf8" });
    assert.equal(sh.status, 0, `the script's status agrees:\n${sh.stdout}`);
  });
});

test("examples/wan.otop: a kernel without netem refuses it before anything exists", {
  skip: SKIP_NOT_ROOT || (NETEM ? "this kernel has netem: wan.otop comes up (next test)" : false),
}, () => {
  const s = scratch();
  const { path, lab } = writeLab(s.dir, "wan", example("wan"));
  try {
    const r = cli(["up", path]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error\[OT6011\]: this kernel lacks the network emulator qdisc/);
    assert.match(r.stderr, /wan\.otop:18:\d+/, "the WAN link's statement");
    assert.equal(spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout.includes(lab), false);
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});

test("examples/wan.otop: the WAN link's rate holds both ways (its delay and loss where netem is)", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // Without netem, the same lab with the rate alone.
  const body = NETEM ? example("wan") : example("wan").replace(" delay 30ms jitter 2ms loss 0.1%", "");
  await withLab("wan", body, async ({ ns }) => {
    assert.ok(ping(ns("pc-a"), "10.20.0.10") && ping(ns("pc-b"), "fd10:a::10"), "the sites reach each other");
    // At most the WAN's 20 Mbit/s, less with loss.
    await assertRate(() => transfer(ns("pc-a"), ns("pc-b"), "10.20.0.10", 6_000_000), 15, 22, "a → b");
    await assertRate(() => transfer(ns("pc-b"), ns("pc-a"), "10.10.0.10", 6_000_000), 15, 22, "b → a");
    if (NETEM) {
      const r = inNs(ns("pc-a"), ["ping", "-n", "-q", "-c", "5", "-i", "0.2", "10.20.0.10"]);
      const avg = Number(/= [\d.]+\/([\d.]+)\//.exec(r.stdout)?.[1]);
      assert.ok(avg >= 55 && avg < 90, `the WAN's 30 ms each way: ${avg} ms round trip`);
    }
  });
});

test("examples/vlan.otop: VLANs keep guests from staff, and both reach the uplink", {
  skip:
    SKIP_NOT_ROOT ||
    (VLANS ? false : "this kernel has no 802.1Q or no bridge VLAN filtering: vlan.otop cannot come up"),
}, async () => {
  await withLab("vlan", example("vlan"), ({ ns }) => {
    assert.ok(ping(ns("staff1"), "10.10.0.50"), "staff reach the printer on their VLAN");
    assert.ok(ping(ns("staff1"), "10.20.0.11"), "staff reach the guests through the router");
    assert.ok(!ping(ns("guest"), "10.10.0.50"), "guests do not reach the staff's VLAN");
    assert.ok(
      ping(ns("guest"), "203.0.113.254") && ping(ns("staff2"), "203.0.113.254"),
      "both reach the uplink",
    );
  });
});

test("examples/vlan.otop: a kernel without VLANs refuses it before anything exists", {
  skip: SKIP_NOT_ROOT || (VLANS ? "this kernel has VLANs: vlan.otop comes up (previous test)" : false),
}, () => {
  const s = scratch();
  const { path, lab } = writeLab(s.dir, "vlan", example("vlan"));
  try {
    const r = cli(["up", path]);
    assert.equal(r.code, 1);
    // Each statement that needs a missing feature, once per feature.
    const lacks = r.stderr.match(/error\[OT6011\]: this kernel lacks [^\n]*/g) ?? [];
    assert.ok(lacks.length >= 2, r.stderr);
    assert.ok(
      lacks.every((l) => /802\.1Q VLAN sub-interfaces|VLAN filtering on bridges/.test(l)),
      lacks.join("\n"),
    );
    assert.equal(spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout.includes(lab), false);
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});
