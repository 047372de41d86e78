// Shaping with real traffic: a rate holds one way within 10% and the other way is free; `both`
// shapes a switch port and a host link in both directions; the qdiscs are those of the plan
// (`tc -j`); `status` and the script's status report the same drift; what this kernel lacks
// (netem here) refuses the lab before anything exists, and is tested where the kernel has it.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import {
  cli,
  inNs,
  SKIP_NOT_ROOT,
  scratch,
  scriptDrift,
  statusDrift,
  withLab,
  writeLab,
} from "../support/lab.js";
import { assertRate, transfer } from "../support/throughput.js";

/** Whether this kernel has a qdisc, tried in a throwaway namespace. */
function hasQdisc(...words: string[]): boolean {
  return (
    spawnSync("unshare", ["--net", "--", "tc", "qdisc", "add", "dev", "lo", "root", ...words], {
      stdio: "ignore",
    }).status === 0
  );
}

const NETEM = SKIP_NOT_ROOT === false && hasQdisc("netem", "delay", "1ms");
const SKIP_NO_NETEM =
  SKIP_NOT_ROOT ||
  (NETEM ? false : "this kernel has no netem (CONFIG_NET_SCH_NETEM): delay and loss cannot be tried");
const SKIP_HAS_NETEM =
  SKIP_NOT_ROOT || (NETEM ? "this kernel has netem: its absence cannot be tried here" : false);

interface TcQdisc {
  kind: string;
  handle: string;
  root?: boolean;
  parent?: string;
  options?: { rate?: number; burst?: number; limit?: number };
}

function qdiscs(ns: string, dev: string): TcQdisc[] {
  return JSON.parse(inNs(ns, ["tc", "-j", "qdisc", "show", "dev", dev]).stdout || "[]") as TcQdisc[];
}

const MB = 1_000_000;

/** A rate within 10% of `mbits` (a low reading measured again: `assertRate`). */
function near(measure: () => Promise<number>, mbits: number, what: string): Promise<void> {
  return assertRate(measure, mbits * 0.9, mbits * 1.1, `${what} (${mbits} Mbit/s ± 10%)`);
}

test("shaping: a rate holds one way within 10%, and the other way is not shaped", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab(
    "rate",
    `node a { eth0 -> b.eth0 10.0.0.1/30 { rate 40mbit } }
node b { eth0 10.0.0.2/30 }
`,
    async ({ ns }) => {
      const [tbf, fifo] = qdiscs(ns("a"), "eth0");
      assert.equal(tbf?.kind, "tbf");
      assert.equal(tbf?.root, true);
      assert.equal(tbf?.options?.rate, 5_000_000, "40 Mbit/s is 5 000 000 bytes a second");
      // 10 full packets (1 ms at 40 Mbit/s is less), as the kernel rounds it to its clock.
      assert.ok(Math.abs((tbf?.options?.burst ?? 0) - 15_140) < 20, `burst ${tbf?.options?.burst}`);
      assert.equal(fifo?.kind, "pfifo");
      assert.equal(fifo?.parent, "1:1");
      assert.equal(fifo?.options?.limit, 1000);
      assert.deepEqual(
        qdiscs(ns("b"), "eth0").map((q) => q.kind),
        ["noqueue"],
        "the other end is not shaped",
      );
      await near(() => transfer(ns("a"), ns("b"), "10.0.0.2", 10 * MB), 40, "a → b");
      const back = await transfer(ns("b"), ns("a"), "10.0.0.1", 40 * MB);
      assert.ok(back > 120, `b → a is not shaped: ${back.toFixed(0)} Mbit/s`);
    },
  );
});

test("shaping: `both` on a switch port and on a host link shapes each direction", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab(
    "both",
    `switch lan
node a {
  eth0 -> lan 10.1.0.1/24 { rate 30mbit both }
  up0 -> host 198.51.100.134/30 { host-address 198.51.100.133/30 rate 25mbit both }
}
node c { eth0 -> lan 10.1.0.2/24 }
`,
    async ({ name, ns }) => {
      await near(() => transfer(ns("a"), ns("c"), "10.1.0.2", 8 * MB), 30, "a → c (a's egress)");
      await near(
        () => transfer(ns("c"), ns("a"), "10.1.0.1", 8 * MB),
        30,
        "c → a (the switch port's egress)",
      );
      await near(
        () => transfer(null, ns("a"), "198.51.100.134", 7 * MB),
        25,
        "host → a (the host end's egress)",
      );
      await near(() => transfer(ns("a"), null, "198.51.100.133", 7 * MB), 25, "a → host");
      const port = qdiscs(name, "a.eth0");
      assert.equal(port[0]?.options?.rate, 3_750_000, "the switch's port is shaped");
    },
  );
});

test("shaping: status and the script's status report the same qdiscs and drift", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const { path, lab } = writeLab(
    s.dir,
    "qdrift",
    `node a {
  forward
  lo 10.255.0.1/32
  eth0 -> b.eth0 10.0.0.1/30 fd11:1::1/64 { rate 20mbit }
  eth1 -> b.eth1 10.0.1.1/30
}
node b {
  eth0 10.0.0.2/30 fd11:1::2/64 { limit 300 }
  eth1 10.0.1.2/30
  route 10.255.0.1/32 via 10.0.0.1 via 10.0.1.1 metric 5
}
`,
  );
  const script = `${s.dir}/qdrift.sh`;
  try {
    assert.equal(cli(["up", path]).code, 0);
    assert.equal(cli(["build", path, "-o", script]).code, 0);
    const cliStatus = () => cli(["status", lab, "--json"]);
    const shStatus = () => spawnSync("sh", [script, "status"], { encoding: "utf8" });
    assert.equal(cliStatus().code, 0, cliStatus().stdout);
    assert.equal(shStatus().status, 0, shStatus().stdout);
    const json = JSON.parse(cliStatus().stdout) as {
      shaping: { ns: string; dev: string; qdiscs: { kind: string }[] }[];
    };
    assert.deepEqual(
      json.shaping.map((x) => `${x.ns} ${x.dev} ${x.qdiscs.map((q) => q.kind).join(",")}`).sort(),
      [`${lab}.a eth0 tbf,pfifo`, `${lab}.b eth0 pfifo`],
    );
    // Drift of every kind the two statuses read: a changed rate, a deleted qdisc, a qdisc on an
    // unshaped interface, an ingress qdisc, an extra address, extra routes (one path: the kernel
    // keeps a route of a single `nexthop` as a plain one).
    const a = `${lab}.a`;
    const b = `${lab}.b`;
    inNs(a, [
      "tc",
      "qdisc",
      "change",
      "dev",
      "eth0",
      "root",
      "handle",
      "1:",
      "tbf",
      "rate",
      "30mbit",
      "burst",
      "15140b",
      "limit",
      "1514000b",
    ]);
    inNs(a, ["tc", "qdisc", "add", "dev", "eth0", "ingress"]);
    inNs(b, ["tc", "qdisc", "del", "dev", "eth0", "root"]);
    inNs(b, [
      "tc",
      "qdisc",
      "add",
      "dev",
      "eth1",
      "root",
      "tbf",
      "rate",
      "1mbit",
      "burst",
      "10k",
      "limit",
      "10k",
    ]);
    inNs(a, ["ip", "addr", "add", "10.0.0.99/30", "dev", "eth0"]);
    inNs(a, ["ip", "route", "add", "10.60.0.0/16", "nexthop", "via", "10.0.0.2", "weight", "2"]);
    inNs(b, ["ip", "route", "add", "10.70.0.0/16", "nexthop", "via", "10.0.0.1", "nexthop", "dev", "eth0"]);
    const fromCli = statusDrift(lab);
    const fromSh = scriptDrift(shStatus().stdout);
    assert.deepEqual(fromSh, fromCli);
    assert.deepEqual(
      fromCli,
      [
        `changed qdisc pfifo 10: on eth0 has limit 1514000p, not 1000p (in ${a})`,
        `changed qdisc tbf 1: on eth0 has rate 30Mbit, not 20Mbit (in ${a})`,
        `extra address 10.0.0.99/30 on eth0 (in ${a})`,
        `extra qdisc ingress ffff: on eth0 (in ${a})`,
        `extra route 10.60.0.0/16 via 10.0.0.2 dev eth0 (in ${a})`,
        `extra route 10.70.0.0/16 via 10.0.0.1 dev eth0 weight 1, dev eth0 weight 1 (in ${b})`,
        `extra qdisc tbf on eth1 (in ${b})`,
        `missing qdisc pfifo 1: on eth0 (in ${b})`,
      ].sort(),
    );
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});

test("shaping: a kernel without netem refuses delay and loss before anything exists", {
  skip: SKIP_HAS_NETEM,
}, () => {
  const s = scratch();
  const { path, lab } = writeLab(
    s.dir,
    "nonetem",
    `node a { eth0 -> b.eth0 10.0.0.1/30 { rate 10mbit delay 20ms } }
node b { eth0 10.0.0.2/30 { loss 1% } }
`,
  );
  try {
    const r = cli(["up", path]);
    assert.equal(r.code, 1);
    assert.equal(
      (r.stderr.match(/error\[OT6011\]: this kernel lacks the network emulator qdisc/g) ?? []).length,
      2,
    );
    assert.match(r.stderr, /CONFIG_NET_SCH_NETEM \(module sch_netem/);
    assert.match(r.stderr, /nonetem\.otop:2:39/);
    assert.equal(
      spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout.includes(lab),
      false,
      "nothing was created",
    );
    // The script refuses it the same way.
    const script = `${s.dir}/nonetem.sh`;
    assert.equal(cli(["build", path, "-o", script]).code, 0);
    const sh = spawnSync("sh", [script, "up"], { encoding: "utf8" });
    assert.equal(sh.status, 1);
    assert.equal((sh.stderr.match(/error\[OT6011\]/g) ?? []).length, 2, sh.stderr);
    assert.equal(spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout.includes(lab), false);
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});

test("shaping: delay, jitter and loss where the kernel has netem", { skip: SKIP_NO_NETEM }, async () => {
  await withLab(
    "netem",
    `node a { eth0 -> b.eth0 10.0.0.1/30 { delay 40ms jitter 5ms loss 10% both } }
node b { eth0 10.0.0.2/30 }
`,
    ({ ns }) => {
      const r = inNs(ns("a"), ["ping", "-n", "-q", "-c", "60", "-i", "0.05", "-W", "1", "10.0.0.2"]);
      const [, avg, mdev] = (/= [\d.]+\/([\d.]+)\/[\d.]+\/([\d.]+)/.exec(r.stdout) ?? []).map(Number);
      assert.ok(avg !== undefined && avg >= 70 && avg < 120, `two ways of 40 ms ± 5: ${avg} ms\n${r.stdout}`);
      assert.ok(mdev !== undefined && mdev > 1, `jitter shows in the round trips' deviation: ${mdev} ms`);
      // 10% each way: about 19% of round trips lost.
      const lost = Number(/([\d.]+)% packet loss/.exec(r.stdout)?.[1]);
      assert.ok(lost >= 2 && lost <= 50, `loss both ways: ${lost}% of round trips\n${r.stdout}`);
      assert.deepEqual(qdiscs(ns("b"), "eth0")[0]?.kind, "netem", "`both` shaped the other end");
    },
  );
});
