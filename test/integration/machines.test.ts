// Labs across machines, for real, on one VM: simulated machines (network and mount
// namespaces of their own, each running sshd, test/support/machines.ts), OpenTop in a
// controller namespace bringing labs up on them over ssh. Packets cross machines through
// VXLAN, through a filtering router on the underlay; each machine runs its part's script,
// keeps its own record, and is left clean — as is the host.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, SKIP_NOT_ROOT, uniqueLab } from "../support/lab.js";
import { machineClean, type Sim, type SimOptions, simulate } from "../support/machines.js";
import { CLIENT } from "../support/traffic.js";

function why(): string | false {
  if (SKIP_NOT_ROOT) return SKIP_NOT_ROOT;
  if (!existsSync("/usr/sbin/sshd")) return "sshd is not installed (openssh-server: scripts/setup.sh)";
  const vxlan = spawnSync("unshare", [
    "--net",
    "--",
    "ip",
    "link",
    "add",
    "v0",
    "type",
    "vxlan",
    "id",
    "1",
    "dstport",
    "4789",
  ]);
  if (vxlan.status !== 0) return "this kernel lacks VXLAN (CONFIG_VXLAN)";
  return false;
}
const SKIP = why();

interface Ctx {
  readonly s: Sim;
  readonly lab: string;
  readonly file: string;
}

/**
 * A simulation, a lab file written for it (its machines first), and `fn`; whatever happens,
 * the lab is taken down, every machine must be clean, and the simulation is removed.
 */
async function withMachines(
  options: SimOptions,
  body: (s: Sim) => string,
  fn: (c: Ctx) => Promise<void> | void,
): Promise<void> {
  const s = await simulate(options);
  const lab = uniqueLab("mach");
  const file = join(s.dir, "lab.otop");
  let failure: unknown;
  try {
    writeFileSync(file, `lab ${lab}\n${body(s)}`);
    await fn({ s, lab, file });
  } catch (e) {
    failure = e;
  }
  s.cli(["down", lab]);
  const left = s.machines.flatMap((m) => machineClean(s, m.name));
  const span = s.cli(["ls"]).stdout;
  await s.close();
  if (failure) throw failure;
  assert.deepEqual(left, [], "every machine is clean after down");
  assert.ok(!span.includes(lab), "the controller forgot the lab");
  assert.ok(
    !existsSync(`/run/netns/${lab}`) && !existsSync(`/run/opentop/${lab}`),
    "the host has nothing of it",
  );
}

function up(c: Ctx): void {
  const r = c.s.cli(["up", c.file]);
  assert.equal(r.code, 0, `up failed:\n${r.stderr}${r.stdout}`);
}

/** One ping, numeric and quiet, waiting 2 s for its answer. */
const PING_ONCE = ["ping", "-n", "-q", "-c", "1", "-W", "2"];

function ping(c: Ctx, node: string, address: string): boolean {
  return c.s.cli(["exec", c.lab, node, "--", ...PING_ONCE, address]).code === 0;
}

function tcp(c: Ctx, node: string, host: string, port: number): string {
  return c.s.cli(["exec", c.lab, node, "--", process.execPath, "-e", CLIENT, host, String(port), "2500"])
    .stdout;
}

const TWO = `switch lan
node a on m1 {
  eth0 -> b.eth0 10.0.0.1/30 fd00:12::1/64
  eth1 -> lan 10.1.0.1/24 fd00:1::1/64
}
node b on m2 {
  eth0 10.0.0.2/30 fd00:12::2/64
  eth1 -> lan 10.1.0.2/24 fd00:1::2/64
}
node c on m2 { eth1 -> lan 10.1.0.3/24 fd00:1::3/64 }
`;

test("two machines through a filtering router: ping and TCP over a link and a switch across them, IPv4 and IPv6; up, status, exec, ls and down over ssh", {
  skip: SKIP,
}, async () => {
  await withMachines(
    { machines: 2, routed: true },
    (s) => `${s.machineLines()}\n${TWO}`,
    async (c) => {
      up(c);
      for (const [node, address] of [
        ["a", "10.0.0.2"],
        ["a", "fd00:12::2"],
        ["b", "10.0.0.1"],
        ["a", "10.1.0.2"],
        ["a", "10.1.0.3"],
        ["c", "fd00:1::1"],
        ["b", "fd00:1::1"],
      ] as const)
        assert.ok(ping(c, node, address), `${node} reaches ${address} across machines`);
      const server = await c.s.listen("m2", `${c.lab}.b`, 8080);
      try {
        assert.equal(tcp(c, "a", "10.0.0.2", 8080), "ok", "TCP over the link's tunnel (IPv4)");
        assert.equal(tcp(c, "a", "fd00:1::2", 8080), "ok", "TCP over the switch's tunnel (IPv6)");
      } finally {
        server.stop();
      }
      const st = c.s.cli(["status", c.lab]);
      assert.equal(st.code, 0, st.stderr + st.stdout);
      assert.match(st.stdout, /== machine m1/);
      assert.match(st.stdout, /== machine m2/);
      assert.equal((st.stdout.match(/no drift/g) ?? []).length, 2, "each machine's part matches its plan");
      const ls = c.s.cli(["ls"]).stdout;
      assert.match(ls, new RegExp(`${c.lab} +up .*on machines m1, m2, over ssh`));
      // Each machine keeps its own record of its part, saying where the rest is.
      const record = JSON.parse(c.s.on("m2", ["cat", `/run/opentop/${c.lab}/record.json`]).stdout);
      assert.equal(record.machine, "m2");
      assert.deepEqual(record.nodes, ["b", "c"]);
      assert.deepEqual(
        record.machines.map((m: { name: string }) => m.name),
        ["m1", "m2"],
      );
      // The tunnel's UDP socket is in the machine's own namespace, on the underlay.
      const sockets = c.s.on("m1", ["ss", "-Hunl"]).stdout;
      assert.match(sockets, /:4789\b/);
      const d = c.s.cli(["down", c.lab]);
      assert.equal(d.code, 0, d.stderr);
      assert.match(d.stdout, /m1: lab .* is down/);
      assert.match(d.stdout, /m2: lab .* is down/);
    },
  );
});

test("an IPv6 underlay: the same lab across two machines, on another UDP port", { skip: SKIP }, async () => {
  await withMachines(
    { machines: 2, family: 6, routed: true, port: 14789 },
    (s) => `${s.machineLines()}\nvxlan port 14789\n${TWO}`,
    (c) => {
      up(c);
      assert.ok(ping(c, "a", "10.0.0.2"), "IPv4 over a tunnel over IPv6");
      assert.ok(ping(c, "c", "fd00:1::1"), "IPv6 over a switch's tunnel over IPv6");
      const dev = JSON.parse(
        c.s.on("m1", ["nsenter", `--net=/run/netns/${c.lab}.a`, "ip", "-d", "-j", "link", "show", "eth0"])
          .stdout,
      )[0];
      assert.equal(dev.linkinfo?.info_kind, "vxlan");
      assert.equal(dev.linkinfo?.info_data?.port, 14789);
      assert.equal(dev.mtu, 1430, "1500 less the 70 bytes VXLAN adds over IPv6");
    },
  );
});

const BROADCAST = `
const dgram = require("node:dgram");
const [from, count] = process.argv.slice(1);
const s = dgram.createSocket("udp4");
s.bind(0, from, () => {
  s.setBroadcast(true);
  let left = Number(count);
  const next = () => (left-- > 0 ? s.send("x", 9999, "255.255.255.255", next) : s.close());
  next();
});
`;

/** Packets the node's `udp dport 9999 counter` rule has counted. */
function counted(c: Ctx, node: string): number {
  const r = c.s.cli(["exec", c.lab, node, "--", "nft", "list", "table", "inet", "opentop"]);
  const m = /udp dport 9999 counter packets (\d+)/.exec(r.stdout);
  assert.ok(m, `no counter in ${node}: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

const THREE = `switch lan
node h1 on m1 {
  eth1 -> lan 10.1.0.1/24 fd00:1::1/64
  route 10.2.0.0/30 via 10.1.0.254
  route fd00:2::/64 via fd00:1::fe
}
node h2 on m2 {
  eth1 -> lan 10.1.0.2/24 fd00:1::2/64
  route 10.2.0.0/30 via 10.1.0.254
  route fd00:2::/64 via fd00:1::fe
  filter { input accept udp dport 9999 counter }
}
node h3 on m3 {
  eth1 -> lan 10.1.0.3/24 fd00:1::3/64
  route 10.2.0.0/30 via 10.1.0.254
  route fd00:2::/64 via fd00:1::fe
  filter { input accept udp dport 9999 counter }
}
node r on m3 {
  forward
  eth0 -> lan 10.1.0.254/24 fd00:1::fe/64
  eth1 -> s.eth1 10.2.0.1/30 fd00:2::1/64
  filter {
    forward policy drop
    forward accept established
    forward accept icmp
    forward accept icmpv6
    forward accept in eth1 out eth0 tcp dport 80
  }
}
node s on m1 {
  eth1 10.2.0.2/30 fd00:2::2/64
  route default via 10.2.0.1
  route ::/0 via fd00:2::1
}
`;

test("three machines: a switch spanning all three (every pair of ports reaches each other, a broadcast reaches each port once), and TCP through a filtering router node across two tunnels", {
  skip: SKIP,
}, async () => {
  await withMachines(
    { machines: 3, routed: true },
    (s) => `${s.machineLines()}\n${THREE}`,
    async (c) => {
      up(c);
      const hosts = {
        h1: ["10.1.0.1", "fd00:1::1"],
        h2: ["10.1.0.2", "fd00:1::2"],
        h3: ["10.1.0.3", "fd00:1::3"],
      };
      for (const from of Object.keys(hosts))
        for (const [to, addresses] of Object.entries(hosts))
          if (from !== to)
            for (const a of addresses) assert.ok(ping(c, from, a), `${from} reaches ${to} at ${a}`);
      // No duplicates: ping counts a second answer to one request as a DUP.
      const p = c.s.cli(["exec", c.lab, "h1", "--", "ping", "-n", "-c", "5", "-i", "0.2", "10.1.0.3"]);
      assert.equal(p.code, 0, p.stderr);
      assert.doesNotMatch(p.stdout, /DUP|duplicates/, "no packet arrives twice");
      // A broadcast from m1 is flooded by head-end replication: each other port gets it once.
      const before = { h2: counted(c, "h2"), h3: counted(c, "h3") };
      const b = c.s.cli(["exec", c.lab, "h1", "--", process.execPath, "-e", BROADCAST, "10.1.0.1", "20"]);
      assert.equal(b.code, 0, b.stderr);
      await new Promise((res) => setTimeout(res, 300));
      assert.equal(counted(c, "h2") - before.h2, 20, "h2 (m2) receives each broadcast exactly once");
      assert.equal(counted(c, "h3") - before.h3, 20, "h3 (m3) receives each broadcast exactly once");
      // s (m1) → r (m3) → h2 (m2): two tunnels and a filter on the way.
      const web = await c.s.listen("m2", `${c.lab}.h2`, 80);
      const other = await c.s.listen("m2", `${c.lab}.h2`, 81);
      try {
        assert.ok(ping(c, "s", "10.1.0.2"), "s reaches h2 through r");
        assert.equal(tcp(c, "s", "10.1.0.2", 80), "ok", "r lets TCP 80 through (IPv4)");
        assert.equal(tcp(c, "s", "fd00:1::2", 80), "ok", "r lets TCP 80 through (IPv6)");
        assert.equal(tcp(c, "s", "10.1.0.2", 81), "timeout", "r drops TCP 81");
      } finally {
        web.stop();
        other.stop();
      }
    },
  );
});

/** Each machine's kernel state as the lab left it: per namespace, its links, addresses and routes. */
function state(s: Sim, machine: string): unknown {
  const out: Record<string, unknown> = {};
  for (const ns of s.on(machine, ["ls", "/run/netns"]).stdout.split("\n").filter(Boolean)) {
    const ip = (...args: string[]) =>
      JSON.parse(
        s.on(machine, ["nsenter", `--net=/run/netns/${ns}`, "ip", "-d", "-j", ...args]).stdout || "[]",
      );
    const links = (ip("link", "show") as Record<string, unknown>[]).map((l) => {
      const info = (l.linkinfo ?? {}) as { info_kind?: string; info_data?: Record<string, unknown> };
      const d = info.info_data ?? {};
      return [
        l.ifname,
        l.mtu,
        l.master,
        (l.flags as string[]).includes("UP"),
        info.info_kind,
        d.id,
        d.remote,
        d.local,
        d.port,
      ];
    });
    const addrs = (
      ip("addr", "show") as {
        ifname: string;
        addr_info: { local: string; prefixlen: number; scope: string }[];
      }[]
    ).map((a) => [
      a.ifname,
      a.addr_info.filter((x) => x.scope === "global").map((x) => `${x.local}/${x.prefixlen}`),
    ]);
    const routes = [...ip("-4", "route", "show"), ...ip("-6", "route", "show")].map(
      (r: Record<string, unknown>) => [r.dst, r.gateway, r.dev, r.protocol],
    );
    out[ns] = { links: links.sort(), addrs: addrs.sort(), routes: routes.map(String).sort() };
  }
  return out;
}

test("each machine's script run by hand gives the kernel state `opentop up` gives over ssh", {
  skip: SKIP,
}, async () => {
  await withMachines(
    { machines: 3 },
    (s) => `${s.machineLines()}\n${THREE}`,
    async (c) => {
      const dir = join(c.s.dir, "out");
      const b = c.s.cli(["build", c.file, "--all-machines", dir]);
      assert.equal(b.code, 0, b.stderr);
      for (const f of ["m1.sh", "m2.sh", "m3.sh", "inventory.ini", "playbook.yml"])
        assert.ok(existsSync(join(dir, f)), f);
      for (const m of ["m1", "m2", "m3"]) {
        const r = c.s.on(m, ["sh", join(dir, `${m}.sh`), "up"]);
        assert.equal(r.code, 0, `${m}.sh up: ${r.stderr}`);
      }
      const byHand = ["m1", "m2", "m3"].map((m) => state(c.s, m));
      // Packets cross the tunnels the scripts made: h1 (m1) reaches h3 (m3), entered by m1's script.
      const crossed = c.s.on("m1", ["sh", join(dir, "m1.sh"), "exec", "h1", ...PING_ONCE, "10.1.0.3"]);
      assert.equal(
        crossed.code,
        0,
        `h1 (m1) reaches h3 (m3) over the scripts' tunnels: ${crossed.stdout}${crossed.stderr}`,
      );
      // This machine's own CLI reads the part the script brought up (the same record).
      const st = c.s.on("m3", [process.execPath, join(process.cwd(), "bin/opentop.js"), "status", c.lab]);
      assert.equal(st.code, 0, `opentop status on m3, of the script's part: ${st.stdout}${st.stderr}`);
      assert.match(st.stdout, /machine m3's part/);
      for (const m of ["m1", "m2", "m3"]) {
        const r = c.s.on(m, ["sh", join(dir, `${m}.sh`), "down"]);
        assert.equal(r.code, 0, `${m}.sh down: ${r.stderr}`);
        assert.deepEqual(machineClean(c.s, m), []);
      }
      up(c);
      const overSsh = ["m1", "m2", "m3"].map((m) => state(c.s, m));
      assert.deepEqual(overSsh, byHand);
    },
  );
});

test("a machine that fails half-way makes every machine roll back", { skip: SKIP }, async () => {
  await withMachines(
    { machines: 3 },
    (s) => `${s.machineLines()}\n${THREE}\nnode late on m2 { sysctl net.ipv4.tcp_no_such_setting 1 }\n`,
    (c) => {
      const r = c.s.cli(["up", c.file]);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /error\[OT6004\]: m2: up failed at step/, "m2 names the step that failed");
      assert.match(r.stderr, /no_such_setting/, "and the tool's own words");
      assert.match(
        r.stderr,
        /error\[OT6044\]: lab \S+ could not come up on m2: every machine was rolled back/,
      );
      assert.match(r.stderr, /m1: came up, then was taken down/);
      for (const m of ["m1", "m2", "m3"]) assert.deepEqual(machineClean(c.s, m), [], `${m} is as before`);
      assert.doesNotMatch(c.s.cli(["ls"]).stdout, new RegExp(c.lab), "nothing is remembered of it");
    },
  );
});

test("an MTU that does not fit is refused before anything is created: by the checker, and by the underlay's probe", {
  skip: SKIP,
}, async () => {
  // The file says an MTU the tunnel cannot carry: refused by the compiler, no machine asked.
  await withMachines(
    { machines: 2 },
    (s) =>
      `${s.machineLines()}\nnode a on m1 { eth0 -> b.eth0 10.0.0.1/30 mtu 1500 }\nnode b on m2 { eth0 10.0.0.2/30 }\n`,
    (c) => {
      const r = c.s.cli(["up", c.file]);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /error\[OT2063\]: `a\.eth0`'s MTU 1500 does not fit through the tunnel between machines/,
      );
    },
  );
  // The file says 1500 bytes, the path carries 1400: every machine's check refuses first.
  await withMachines(
    { machines: 2, routed: true, narrowMtu: 1400 },
    (s) => `${s.machineLines()}\n${TWO}`,
    (c) => {
      const r = c.s.cli(["up", c.file]);
      assert.equal(r.code, 1, r.stdout);
      assert.match(
        r.stderr,
        /error\[OT6042\]: m1: the underlay to machine m2 does not carry 1500-byte packets/,
      );
      for (const m of ["m1", "m2"]) assert.deepEqual(machineClean(c.s, m), [], `nothing was created on ${m}`);
      // With the underlay's MTU said, the tunnel fits and the lab comes up.
      writeFileSync(c.file, `lab ${c.lab}\n${c.s.machineLines({ mtu: 1400 })}\n${TWO}`);
      up(c);
      const mtu = JSON.parse(
        c.s.cli(["exec", c.lab, "a", "--", "ip", "-j", "link", "show", "eth0"]).stdout,
      )[0].mtu;
      assert.equal(mtu, 1350);
      assert.ok(ping(c, "a", "10.0.0.2"));
      const big = c.s.cli(["exec", c.lab, "a", "--", ...PING_ONCE, "-M", "do", "-s", "1322", "10.0.0.2"]);
      assert.equal(big.code, 0, "a packet of the tunnel's full MTU crosses the narrow path whole");
    },
  );
});

test("a machine left half up, and a machine out of reach: down reports per machine and finishes once it can", {
  skip: SKIP,
}, async () => {
  await withMachines(
    { machines: 2 },
    (s) => `${s.machineLines()}\n${TWO}`,
    async (c) => {
      up(c);
      // m2's up, as if cut short: its record still says `creating`.
      const rec = `/run/opentop/${c.lab}/record.json`;
      const text = c.s.on("m2", ["cat", rec]).stdout.replace('"state": "up"', '"state": "creating"');
      assert.equal(c.s.on("m2", ["sh", "-c", `cat > ${rec}`], text).code, 0);
      await c.s.stopSshd("m2");
      const d = c.s.cli(["down", c.lab]);
      assert.equal(d.code, 1);
      assert.match(d.stdout, /m1: lab \S+ is down/);
      assert.match(d.stderr, /error\[OT6040\]: cannot reach machine m2 over ssh/);
      assert.match(d.stderr, /error\[OT6012\]: lab \S+ is not down on every machine/);
      assert.match(
        c.s.cli(["ls"]).stdout,
        new RegExp(c.lab),
        "the controller keeps the lab until every machine is down",
      );
      // A second up is refused: the lab is still partly there.
      assert.match(c.s.cli(["up", c.file]).stderr, /error\[OT60(01|10)\]/);
      await c.s.startSshd("m2");
      const again = c.s.cli(["down", c.lab]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /m2: lab \S+ is down/);
      assert.match(again.stdout, /m1: lab \S+ is not up: nothing to do/);
    },
  );
});

test("--machine: each machine brings its own part up and down with the CLI, without ssh", {
  skip: SKIP,
}, async () => {
  await withMachines(
    { machines: 2, routed: true },
    (s) => `${s.machineLines()}\n${TWO}`,
    (c) => {
      const opentop = (m: string, ...args: string[]) =>
        c.s.on(m, [process.execPath, join(process.cwd(), "bin/opentop.js"), ...args]);
      // On the wrong machine: its tunnels would leave from an address it does not have.
      const wrong = opentop("m1", "up", c.file, "--machine", "m2");
      assert.equal(wrong.code, 1);
      assert.match(wrong.stderr, /error\[OT6048\]: this machine has no address \S+: it is not machine m2/);
      assert.deepEqual(machineClean(c.s, "m1"), [], "nothing was created");
      for (const m of ["m1", "m2"]) {
        const r = opentop(m, "up", c.file, "--machine", m);
        assert.equal(r.code, 0, `${m}: ${r.stderr}`);
        assert.match(r.stdout, new RegExp(`is up on machine ${m}`));
      }
      const p = c.s.on("m1", ["nsenter", `--net=/run/netns/${c.lab}.a`, ...PING_ONCE, "10.1.0.3"]);
      assert.equal(p.code, 0, "a (m1) reaches c (m2) over the switch's tunnel");
      const st = opentop("m2", "status", c.lab);
      assert.equal(st.code, 0, st.stdout);
      assert.match(opentop("m1", "status", c.lab, "--machine", "m2").stderr, /OT6045/);
      assert.match(
        opentop("m1", "exec", c.lab, "b", "--", "true").stderr,
        /OT6047/,
        "b is on another machine",
      );
      for (const m of ["m1", "m2"]) {
        const r = opentop(m, "down", c.lab);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, new RegExp(`part on machine ${m} is down`));
      }
    },
  );
});

test("examples/machines.otop comes up on three machines: the office reaches the server through the router's filter", {
  skip: SKIP,
}, async () => {
  const source = readFileSync(join(ROOT, "examples/machines.otop"), "utf8");
  await withMachines(
    { machines: 3, routed: true },
    (s) =>
      `${s.machineLines()}\n${source
        .replace(/^lab .*\n/m, "")
        .replace(/^machine .*\n/gm, "")
        .replaceAll(" on alpha", " on m1")
        .replaceAll(" on beta", " on m2")
        .replaceAll(" on gamma", " on m3")}`,
    async (c) => {
      up(c);
      for (const pc of ["pc1", "pc2", "pc3"]) {
        assert.ok(ping(c, pc, "10.1.0.1"), `${pc} reaches the router`);
        assert.ok(ping(c, pc, "fd00:2::2"), `${pc} reaches the server (IPv6)`);
      }
      const web = await c.s.listen("m1", `${c.lab}.server`, 80);
      const ssh = await c.s.listen("m1", `${c.lab}.server`, 22);
      try {
        assert.equal(
          tcp(c, "pc3", "10.2.0.2", 80),
          "ok",
          "pc3 (beta) → router (gamma) → server (alpha): web",
        );
        assert.equal(tcp(c, "pc1", "fd00:2::2", 80), "ok");
        assert.equal(tcp(c, "pc3", "10.2.0.2", 22), "timeout", "the router drops the rest");
      } finally {
        web.stop();
        ssh.stop();
      }
    },
  );
});

const ANSIBLE = existsSync("/usr/bin/ansible-playbook")
  ? false
  : "ansible-playbook is not installed (ansible-core)";

test("the Ansible playbook of `build --all-machines` brings the lab up on every machine, and down", {
  skip: SKIP || ANSIBLE,
}, async () => {
  await withMachines(
    { machines: 2 },
    (s) => `${s.machineLines()}\n${TWO}`,
    (c) => {
      const dir = join(c.s.dir, "ansible");
      assert.equal(c.s.cli(["build", c.file, "--all-machines", dir]).code, 0);
      const play = (...extra: string[]) =>
        c.s.controller([
          "env",
          "ANSIBLE_HOST_KEY_CHECKING=True",
          "ANSIBLE_NOCOLOR=1",
          `ANSIBLE_LOCAL_TEMP=${join(c.s.dir, "ansible-tmp")}`,
          "ansible-playbook",
          "-i",
          join(dir, "inventory.ini"),
          join(dir, "playbook.yml"),
          ...extra,
        ]);
      const upRun = play();
      assert.equal(upRun.code, 0, `${upRun.stdout}${upRun.stderr}`);
      assert.ok(
        c.s.on("m1", ["nsenter", `--net=/run/netns/${c.lab}.a`, ...PING_ONCE, "10.1.0.3"]).code === 0,
        "a (m1) reaches c (m2) once the playbook ran",
      );
      const status = play("-e", "opentop_action=status");
      assert.equal(status.code, 0, status.stdout);
      assert.match(status.stdout, /no drift/);
      const down = play("-e", "opentop_action=down");
      assert.equal(down.code, 0, `${down.stdout}${down.stderr}`);
      for (const m of ["m1", "m2"]) assert.deepEqual(machineClean(c.s, m), []);
      // A machine that fails half-way: the playbook takes every machine down again, and fails.
      const late = "node late on m2 { sysctl net.ipv4.tcp_no_such_setting 1 }\n";
      writeFileSync(c.file, `lab ${c.lab}\n${c.s.machineLines()}\n${TWO}${late}`);
      assert.equal(c.s.cli(["build", c.file, "--all-machines", dir]).code, 0);
      const failing = play();
      assert.notEqual(failing.code, 0, failing.stdout);
      assert.match(failing.stdout, /another machine of lab \S+ failed to come up/);
      for (const m of ["m1", "m2"])
        assert.deepEqual(machineClean(c.s, m), [], `${m} rolled back by the playbook`);
    },
  );
});

test("Ctrl-C while the machines come up: every machine is rolled back once it is done", {
  skip: SKIP,
}, async () => {
  await withMachines(
    { machines: 2 },
    (s) => `${s.machineLines()}\n${TWO}node d[1..40] on m2 { eth0 -> lan 10.1.1.{i}/24 }\n`,
    async (c) => {
      const child = c.s.spawnCli(["up", c.file]);
      // Once a machine's record exists, its `up` is under way (it checked, and began).
      const record = `/run/opentop/${c.lab}/record.json`;
      for (let i = 0; i < 600 && c.s.on("m2", ["test", "-e", record]).code !== 0; i++)
        await new Promise((res) => setTimeout(res, 20));
      assert.equal(c.s.on("m2", ["test", "-e", record]).code, 0, "m2's up began");
      child.interrupt();
      const r = await child.done;
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /error\[OT6017\]: bringing lab \S+ up was interrupted/);
      for (const m of ["m1", "m2"]) assert.deepEqual(machineClean(c.s, m), [], `${m} rolled back`);
      assert.doesNotMatch(c.s.cli(["ls"]).stdout, new RegExp(c.lab));
    },
  );
});

const SERVICE = 'node svc on m2 { lo 10.255.0.9/32; run hi "echo hello from m2; exec sleep 1000" }\n';

test("exec over ssh passes its arguments exactly, logs are read on the node's machine; a tampered span is refused, not followed", {
  skip: SKIP,
}, async () => {
  await withMachines(
    { machines: 2 },
    (s) => `${s.machineLines()}\n${TWO}${SERVICE}`,
    async (c) => {
      up(c);
      let logs = "";
      for (let i = 0; i < 50 && !logs.includes("hello from m2"); i++) {
        logs = c.s.cli(["logs", c.lab, "svc"]).stdout;
        await new Promise((res) => setTimeout(res, 100));
      }
      assert.match(logs, /hello from m2/, "the service's log, read on m2");
      assert.match(c.s.cli(["logs", c.lab, "b"]).stderr, /error\[OT5104\]: node b runs no services/);
      const words = ["a b", "$HOME", "it's", ";", "`id`", "*"];
      const r = c.s.cli(["exec", c.lab, "b", "--", "printf", "%s|", ...words]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${words.join("|")}|`, "each word arrives as written, on m2");
      assert.equal(c.s.cli(["exec", c.lab, "b", "--", "sh", "-c", "exit 7"]).code, 7, "the command's status");
      assert.match(c.s.cli(["exec", c.lab, "zz", "--", "true"]).stderr, /error\[OT6008\]/);
      // A span whose script points outside its directory is not read as one.
      const span = `/run/opentop/.machines/${c.lab}/span.json`;
      const text = c.s.controller(["cat", span]).stdout;
      const bad = text.replace('"script": "m2.sh"', '"script": "../../../etc/passwd"');
      assert.notEqual(bad, text);
      assert.equal(c.s.controller(["sh", "-c", `cat > ${span}`], bad).code, 0);
      const refused = c.s.cli(["status", c.lab]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /error\[OT6013\]/);
      assert.equal(c.s.controller(["sh", "-c", `cat > ${span}`], text).code, 0);
    },
  );
});

test("two labs on the same machines: their own VNIs coexist; the same VNI twice is refused by the kernel (OT6043) and rolled back", {
  skip: SKIP,
}, async () => {
  await withMachines(
    { machines: 2 },
    (s) => `${s.machineLines()}\nvxlan vni 100\n${TWO}`,
    (c) => {
      up(c);
      const other = uniqueLab("mach2");
      const file = join(c.s.dir, "other.otop");
      try {
        // Another lab of its own VNIs (from its name) comes up beside the first.
        writeFileSync(file, `lab ${other}\n${c.s.machineLines()}\n${TWO}`);
        const second = c.s.cli(["up", file]);
        assert.equal(second.code, 0, second.stderr);
        // Both carry packets at once, each over its own tunnels (the p2p link and the switch).
        for (const [lab, to] of [
          [other, "10.0.0.2"],
          [other, "10.1.0.3"],
          [c.lab, "10.0.0.2"],
          [c.lab, "10.1.0.3"],
        ] as const) {
          const p = c.s.cli(["exec", lab, "a", "--", ...PING_ONCE, to]);
          assert.equal(
            p.code,
            0,
            `${lab}: a reaches ${to} while the other lab is up: ${p.stdout}${p.stderr}`,
          );
        }
        assert.equal(c.s.cli(["down", other]).code, 0);
        // The same VNIs as the first: the kernel refuses the tunnel, every machine rolls back.
        writeFileSync(file, `lab ${other}\n${c.s.machineLines()}\nvxlan vni 100\n${TWO}`);
        const clash = c.s.cli(["up", file]);
        assert.equal(clash.code, 1);
        assert.match(clash.stderr, /error\[OT6043\]: m\d: up failed at step/);
        assert.match(clash.stderr, /vxlan vni N/, "the help says how to choose others");
        assert.match(clash.stderr, /error\[OT6044\]/);
        assert.ok(ping(c, "a", "10.0.0.2"), "the first lab is untouched");
      } finally {
        c.s.cli(["down", other]);
      }
      for (const m of ["m1", "m2"])
        assert.ok(
          !c.s.on(m, ["ls", "/run/netns"]).stdout.includes(other),
          `nothing of the second lab on ${m}`,
        );
    },
  );
});
