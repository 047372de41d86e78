// Labs across machines, without a machine: the language (machine, on, vxlan), the checks of
// machines and tunnels (each with its code), the VNIs and MTUs a tunnel gets, one plan per
// machine (VXLAN ends, head-end replication, the underlay's claims), the records, the span,
// ssh's argv, a script's output read back as diagnostics, and the Ansible files.

import assert from "node:assert/strict";
import { test } from "node:test";
import YAML from "yaml";
import { inventory, playbook } from "../../src/backends/ansible.js";
import { buildScript } from "../../src/backends/sh/script.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import { parseSshTarget } from "../../src/model/machines.js";
import type { Lab } from "../../src/model/model.js";
import { machinesInUse, partOn } from "../../src/model/part.js";
import { lower, lowerAll } from "../../src/plan/lower.js";
import { claimsOf, keyOf, type Op, type OpOf } from "../../src/plan/ops.js";
import { opsOf, programsNeeded } from "../../src/plan/plan.js";
import { parseRecord, recordOf, recordText } from "../../src/plan/record.js";
import { parseSpan, spanOf } from "../../src/plan/span.js";
import { carryArgv, reachArgv } from "../../src/plan/underlay.js";
import { scriptDiagnostics, streamed } from "../../src/runtime/fleet.js";
import { probed } from "../../src/runtime/remote-platform.js";
import { sshArgv } from "../../src/runtime/ssh.js";

const TWO = `machine alpha 198.51.100.1
machine beta 198.51.100.2
`;

function compile(src: string, params: Record<string, string> = {}) {
  return compileSource(sourceFile("m.otop", src), { params: new Map(Object.entries(params)) });
}

function codes(src: string): string[] {
  return compile(src).diagnostics.map((d) => d.code);
}

function lab(src: string): Lab {
  const c = compile(src);
  assert.deepEqual(
    c.diagnostics.map((d) => `${d.code} ${d.message}`),
    [],
  );
  assert.ok(c.lab);
  return c.lab;
}

function ops<K extends Op["kind"]>(plan: { stages: Parameters<typeof opsOf>[0] }, kind: K): OpOf<K>[] {
  return opsOf(plan.stages).filter((o): o is OpOf<K> => o.kind === kind);
}

const LAB = `lab spread
${TWO}machine gamma 198.51.100.3
switch lan
node a on alpha { eth0 -> b.eth0 10.0.0.1/30; eth1 -> lan 10.1.0.1/24 }
node b on beta { eth0 10.0.0.2/30; eth1 -> lan 10.1.0.2/24 }
node c on gamma { eth1 -> lan 10.1.0.3/24 }
node d on gamma { eth1 -> lan 10.1.0.4/24; e0 -> e.e0 10.9.0.1/30 }
node e on gamma { e0 10.9.0.2/30 }
`;

test("machines: nodes are placed by `on`, else on the default; a lab without machines has none", () => {
  const l = lab(`lab x\n${TWO}on beta\nnode a on alpha { lo 10.255.0.1/32 }\nnode b { lo 10.255.0.2/32 }\n`);
  assert.deepEqual(
    l.nodes.map((n) => [n.name, n.machine]),
    [
      ["a", "alpha"],
      ["b", "beta"],
    ],
  );
  assert.equal(l.defaultMachine, "beta");
  const first = lab(`lab x\n${TWO}node b { lo 10.255.0.2/32 }\nnode a on beta { lo 10.255.0.1/32 }\n`);
  assert.equal(first.nodes[0]?.machine, "alpha", "the first machine is the default");
  const none = lab("lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30 }\nnode b { eth0 10.0.0.2/30 }\n");
  assert.deepEqual(none.machines, []);
  assert.deepEqual(none.tunnels, []);
  assert.equal(none.nodes[0]?.machine, undefined);
});

test("machines: ranges, interpolated placement, options in a block or on the line", () => {
  const l = lab(
    `lab x\nmachine m[1..3] 10.0.0.{i} { ssh root@10.0.0.{i}:2222; ssh-option IdentityFile "/k {i}"; mtu 9000 }\nnode h[1..6] on m{(i + 1) / 2} { lo 10.255.0.{i}/32 }\n`,
  );
  assert.deepEqual(
    l.machines.map((m) => [m.name, m.address, m.mtu, m.ssh.port, m.sshOptions[0]?.[1]]),
    [
      ["m1", "10.0.0.1", 9000, 2222, "/k {i}"],
      ["m2", "10.0.0.2", 9000, 2222, "/k {i}"],
      ["m3", "10.0.0.3", 9000, 2222, "/k {i}"],
    ],
  );
  assert.deepEqual(
    l.nodes.map((n) => n.machine),
    ["m1", "m1", "m2", "m2", "m3", "m3"],
  );
});

test("machines: each problem has its code", () => {
  const cases: [string, string][] = [
    ["OT1081", `lab x\n${TWO}node a on alhpa { lo 10.255.0.1/32 }\n`],
    ["OT1081", "lab x\nnode a on alpha { lo 10.255.0.1/32 }\n"],
    ["OT1081", `lab x\n${TWO}on gamma\nnode a { lo 10.255.0.1/32 }\n`],
    ["OT1082", `lab x\n${TWO}node a on alpha { lo 10.255.0.1/32 }\nnode a on beta { }\n`],
    ["OT1082", `lab x\n${TWO}on alpha\non beta\nnode a { lo 10.255.0.1/32 }\n`],
    ["OT1082", `lab x\n${TWO}vxlan port 1000\nvxlan port 2000\nnode a { lo 10.255.0.1/32 }\n`],
    ["OT1005", `lab x\n${TWO}machine alpha 198.51.100.9\nnode a { lo 10.255.0.1/32 }\n`],
    ["OT2060", "lab x\nmachine alpha 198.51.100.1/24\nnode a { lo 10.255.0.1/32 }\n"],
    ["OT2060", "lab x\nmachine alpha 224.0.0.1\nnode a { lo 10.255.0.1/32 }\n"],
    ["OT2060", "lab x\nmachine alpha beta.example.net\nnode a { lo 10.255.0.1/32 }\n"],
    ["OT2061", "lab x\nmachine alpha 198.51.100.1\nmachine beta 198.51.100.1\nnode a { lo 10.255.0.1/32 }\n"],
    [
      "OT2062",
      `lab x\nmachine alpha 198.51.100.1\nmachine beta 2001:db8::2\nnode a on alpha { eth0 -> b.eth0 10.0.0.1/30 }\nnode b on beta { eth0 10.0.0.2/30 }\n`,
    ],
    [
      "OT2063",
      `lab x\n${TWO}node a on alpha { eth0 -> b.eth0 10.0.0.1/30 mtu 1451 }\nnode b on beta { eth0 10.0.0.2/30 }\n`,
    ],
    [
      "OT2063",
      `lab x\n${TWO}switch lan { mtu 1500 }\nnode a on alpha { eth0 -> lan }\nnode b on beta { eth0 -> lan }\n`,
    ],
    ["OT2064", `lab x\n${TWO}vxlan vni 0\nnode a { lo 10.255.0.1/32 }\n`],
    [
      "OT2064",
      `lab x\n${TWO}vxlan vni 16777215\nswitch s\nnode a on alpha { eth0 -> b.eth0 10.0.0.1/30; e1 -> s }\nnode b on beta { eth0 10.0.0.2/30; e1 -> s }\n`,
    ],
    ["OT2065", `lab x\n${TWO}vxlan port 0\nnode a { lo 10.255.0.1/32 }\n`],
    ["OT2066", "lab x\nmachine alpha 198.51.100.1 { ssh root@a:b:c:99999 }\nnode a { lo 10.255.0.1/32 }\n"],
    ["OT2066", `lab x\nmachine alpha 198.51.100.1 { ssh "r;oot@host" }\nnode a { lo 10.255.0.1/32 }\n`],
    [
      "OT2067",
      `lab x\nmachine alpha 198.51.100.1 { ssh-option ProxyCommand "nc %h %p" }\nnode a { lo 10.255.0.1/32 }\n`,
    ],
    [
      "OT2067",
      `lab x\nmachine alpha 198.51.100.1 { ssh-option controlpath /tmp/x }\nnode a { lo 10.255.0.1/32 }\n`,
    ],
    [
      "OT2067",
      `lab x\nmachine alpha 198.51.100.1 { ssh-option "Ident ity" x }\nnode a { lo 10.255.0.1/32 }\n`,
    ],
    [
      "OT2067",
      `lab x\nmachine alpha 198.51.100.1 { ssh-option User "a\\nb" }\nnode a { lo 10.255.0.1/32 }\n`,
    ],
    ["OT2005", "lab x\nmachine alpha 2001:db8::1 mtu 1200\nnode a { lo 10.255.0.1/32 }\n"],
    ["OT0023", `lab x\nfor k in 1..2 { machine m{k} 10.0.0.{k} }\n`],
    ["OT0003", "lab x\nmachine alpha 198.51.100.1 { port 22 }\n"],
    ["OT0003", "lab x\nmachine alpha\n"],
  ];
  for (const [code, src] of cases)
    assert.ok(codes(src).includes(code), `${code} for:\n${src}\ngot ${codes(src)}`);
  assert.deepEqual(
    codes(
      `lab x\n${TWO}machine gamma 198.51.100.3\nnode a on alpha { lo 10.255.0.1/32 }\nnode b on beta { lo 10.255.0.2/32 }\n`,
    ),
    ["OT1086"],
    "a machine with nothing on it is a warning",
  );
});

test("tunnels: one a domain that crosses machines, VNIs consecutive in link order, the same every time", () => {
  const l = lab(LAB);
  assert.deepEqual(
    l.tunnels.map((t) => [t.name, t.machines.join(","), t.mtu, t.size]),
    [
      ["the link a.eth0 — b.eth0", "alpha,beta", 1450, 1500],
      ["switch `lan`", "alpha,beta,gamma", 1450, 1500],
    ],
    "the link inside gamma is a veth, not a tunnel",
  );
  const [x, y] = l.tunnels;
  assert.ok(x && y);
  assert.equal(y.vni, x.vni + 1);
  assert.deepEqual(
    lab(LAB).tunnels.map((t) => t.vni),
    l.tunnels.map((t) => t.vni),
    "compiling again gives the same VNIs",
  );
  const other = lab(LAB.replace("lab spread", "lab other"));
  assert.notEqual(other.tunnels[0]?.vni, x.vni, "another lab's VNIs start elsewhere");
  const given = lab(LAB.replace("switch lan", "vxlan vni 100 port 14789\nswitch lan"));
  assert.deepEqual(
    given.tunnels.map((t) => [t.vni, t.port]),
    [
      [100, 14789],
      [101, 14789],
    ],
  );
  assert.equal(l.switches[0]?.vni, y.vni);
  assert.deepEqual(l.switches[0]?.machines, ["alpha", "beta", "gamma"]);
});

test("tunnels: MTUs fitted to the underlay, over IPv4 and IPv6, with a VLAN tag, or as declared", () => {
  const mtuOf = (l: Lab, node: string, iface: string) =>
    l.nodes.find((n) => n.name === node)?.ifaces.find((i) => i.name === iface)?.mtu;
  const v4 = lab(LAB);
  assert.equal(mtuOf(v4, "a", "eth0"), 1450);
  assert.equal(mtuOf(v4, "b", "eth0"), 1450);
  assert.equal(v4.switches[0]?.mtu, 1450, "the switch's ports get it");
  assert.equal(mtuOf(v4, "d", "e0"), undefined, "a link within a machine keeps the kernel's");
  const v6 = lab(
    `lab x\nmachine a6 2001:db8::1\nmachine b6 2001:db8::2 mtu 9000\nnode a on a6 { eth0 -> b.eth0 10.0.0.1/30 }\nnode b on b6 { eth0 10.0.0.2/30 }\n`,
  );
  assert.equal(mtuOf(v6, "a", "eth0"), 1430, "the narrowest underlay less 70 bytes");
  const one = lab(
    `lab x\n${TWO}node a on alpha { eth0 -> b.eth0 10.0.0.1/30 mtu 1400 }\nnode b on beta { eth0 10.0.0.2/30 }\n`,
  );
  assert.equal(mtuOf(one, "b", "eth0"), 1400, "one end's MTU is both's");
  const tagged = lab(
    `lab x\n${TWO}switch s { vlan-aware }\nnode a on alpha { t -> s { trunk 10 }; t.10 10.10.0.1/24 }\nnode b on beta { t -> s { access 10 } }\n`,
  );
  assert.equal(tagged.switches[0]?.mtu, 1446, "a VLAN tag inside the tunnel takes 4 bytes more");
  assert.equal(tagged.tunnels[0]?.size, 1500);
  const sub = lab(
    `lab x\n${TWO}node a on alpha { t -> b.t; t.5 10.5.0.1/24 }\nnode b on beta { t; t.5 10.5.0.2/24 }\n`,
  );
  assert.equal(mtuOf(sub, "a", "t"), 1446, "so does a parent of VLAN sub-interfaces");
});

test("OT1017 is the compiler's, whatever the machines; a machine's part is its kernel's to hold", () => {
  const halves = compile(`lab big\n${TWO}node h[1..15000] on alpha { }\nnode g[1..15000] on beta { }\n`);
  assert.deepEqual(
    halves.diagnostics.map((d) => d.code),
    [],
  );
  assert.equal(halves.lab?.nodes.length, 30000);
  // No round number per machine: a lopsided lab compiles, and up checks alpha's kernel.
  const lopsided = compile(`lab big\n${TWO}node h[1..25000] on alpha { }\nnode g on beta { }\n`);
  assert.deepEqual(
    lopsided.diagnostics.map((d) => d.code),
    [],
  );
  for (const text of [
    `lab big\n${TWO}node h[1..300000] on alpha { }\nnode g on beta { }\n`,
    "lab big\nnode h[1..300000] { }\n",
  ])
    assert.ok(
      compile(text).diagnostics.some((x) => x.code === "OT1017" && /more than 209715 /.test(x.message)),
      "beyond what one run of the compiler holds, with machines or without",
    );
});

test("plans: one a machine, each of its part: tunnel ends, one device a switch and machine, an entry a peer", () => {
  const l = lab(LAB);
  assert.deepEqual(
    machinesInUse(l).map((m) => m.name),
    ["alpha", "beta", "gamma"],
  );
  assert.throws(() => lower(l), /one of its machines at a time/);
  const [alpha, beta, gamma] = lowerAll(l);
  assert.ok(alpha && beta && gamma);
  assert.deepEqual([alpha.machine, beta.machine, gamma.machine], ["alpha", "beta", "gamma"]);
  assert.deepEqual(
    ops(alpha, "netns.add").map((o) => o.name),
    ["spread", "spread.a"],
  );
  assert.deepEqual(ops(alpha, "veth.add").length, 1, "only the switch port of a: no veth crosses machines");
  const ends = ops(alpha, "vxlan.add");
  const vni = l.tunnels.map((t) => t.vni);
  assert.deepEqual(
    ends.map((o) => [o.netns, o.name, o.vni, o.local, o.remote, o.mtu]),
    [
      ["spread", "vxlan.1", vni[1], "198.51.100.1", undefined, 1450],
      ["spread.a", "eth0", vni[0], "198.51.100.1", "198.51.100.2", 1450],
    ],
  );
  assert.deepEqual(
    ops(beta, "vxlan.add").find((o) => o.name === "eth0")?.remote,
    "198.51.100.1",
    "the other end sends back",
  );
  assert.deepEqual(
    ops(gamma, "vxlan.peer").map((o) => o.remote),
    ["198.51.100.1", "198.51.100.2"],
  );
  assert.deepEqual(ops(gamma, "link.master")[0]?.master, "lan");
  assert.equal(
    ops(gamma, "veth.add").filter((o) => o.a.ns === "spread.d").length,
    1,
    "d–e is a veth on gamma",
  );
  // The underlay each machine must try first: one size a peer.
  const claims = opsOf(alpha.stages)
    .flatMap(claimsOf)
    .filter((c) => c.kind === "underlay");
  assert.deepEqual(
    [...new Set(claims.map((c) => `${c.machine} ${c.address} ${c.size}`))],
    ["beta 198.51.100.2 1500", "gamma 198.51.100.3 1500"],
  );
  assert.ok(programsNeeded(alpha).includes("ping"));
  for (const plan of [alpha, beta, gamma]) {
    const keys = opsOf(plan.stages).map(keyOf);
    assert.equal(new Set(keys).size, keys.length, `keys unique on ${plan.machine}`);
  }
  assert.deepEqual(
    partOn(l, "beta").nodes.map((n) => n.name),
    ["b"],
  );
  assert.deepEqual(
    partOn(l, "beta").switches.map((s) => s.name),
    ["lan"],
  );
});

test("plans: a lab without machines lowers exactly as before", () => {
  const l = lab("lab x\nswitch s\nnode a { eth0 -> s 10.0.0.1/24 }\nnode b { eth0 -> s 10.0.0.2/24 }\n");
  assert.deepEqual(lowerAll(l), [lower(l)]);
  assert.equal(lower(l).machine, undefined);
  assert.equal(opsOf(lower(l).stages).filter((o) => o.kind === "vxlan.add").length, 0);
});

test("the underlay is tried with the tunnel's size: a DF ping of that many bytes of IP packet", () => {
  const u = { machine: "beta", address: "198.51.100.2", family: 4 as const, size: 1500 };
  assert.deepEqual(reachArgv(u), ["ping", "-4", "-n", "-q", "-c", "1", "-W", "1", "198.51.100.2"]);
  assert.deepEqual(carryArgv(u).slice(-4), ["-Mdo", "-s", "1472", "198.51.100.2"]);
  assert.deepEqual(carryArgv({ ...u, family: 6, address: "2001:db8::2" }).slice(-3), [
    "-s",
    "1452",
    "2001:db8::2",
  ]);
});

test("records: each machine's names its part and every machine; the span names how each is reached", () => {
  const compiled = compile(LAB);
  const l = compiled.lab;
  assert.ok(l);
  const plan = lower(l, { machine: "beta" });
  const record = recordOf(compiled, plan, "cli", "2026-01-01T00:00:00Z");
  assert.equal(record.machine, "beta");
  assert.deepEqual(record.nodes, ["b"]);
  assert.deepEqual(
    record.machines?.map((m) => m.name),
    ["alpha", "beta", "gamma"],
  );
  const text = recordText(record);
  assert.ok(
    text.indexOf('"machines"') < text.indexOf('"state"'),
    "before the parts the script writes itself",
  );
  const back = parseRecord(text, "spread");
  assert.ok(!(back instanceof Error));
  assert.equal(back.machine, "beta");
  // The script writes the same record: its head holds the machine.
  assert.match(buildScript(compiled, plan).text, /RECORD_HEAD=.*"machine": "beta"/s);
  const span = spanOf(
    compiled,
    l.machines.map((machine) => ({ machine })),
    "2026-01-01T00:00:00Z",
  );
  assert.deepEqual(
    span.machines.map((m) => [m.name, m.nodes.join(" "), m.script]),
    [
      ["alpha", "a", "alpha.sh"],
      ["beta", "b", "beta.sh"],
      ["gamma", "c d e", "gamma.sh"],
    ],
  );
  const again = parseSpan(JSON.stringify(span), "spread");
  assert.ok(!(again instanceof Error));
  for (const [bad, why] of [
    [{ ...span, lab: "other" }, "another lab's"],
    [{ ...span, state: "broken" }, "a state"],
    [
      { ...span, machines: [{ ...span.machines[0], script: "../../etc/x.sh" }] },
      "a script outside the span's directory",
    ],
    [{ ...span, machines: [{ ...span.machines[0], name: "a b" }] }, "a machine's name"],
    [{ ...span, machines: "x" }, "machines"],
  ] as const)
    assert.ok(parseSpan(JSON.stringify(bad), "spread") instanceof Error, why);
  assert.ok(parseSpan("{", "spread") instanceof Error);
});

test("ssh: the lab's options first, then OpenTop's own, one shared connection a machine", () => {
  const argv = sshArgv(
    {
      machine: {
        name: "beta",
        address: "198.51.100.2",
        ssh: { user: "admin", host: "beta.example.net", port: 2222 },
        sshOptions: [
          ["IdentityFile", "/k ey"],
          ["ControlPersist", "60"],
        ],
      },
      control: "/run/opentop/.machines/x/ssh/beta",
    },
    ["sh", "-s", "--", "up"],
  );
  assert.deepEqual(argv.slice(0, 6), ["ssh", "-T", "-o", 'IdentityFile="/k ey"', "-o", "ControlPersist=60"]);
  assert.ok(argv.includes("ControlPath=/run/opentop/.machines/x/ssh/beta"));
  assert.ok(argv.includes("BatchMode=yes"));
  assert.deepEqual(argv.slice(-7), ["-p", "2222", "-l", "admin", "beta.example.net", "--", "sh -s -- up"]);
  assert.equal(argv.at(-1), "sh -s -- up");
  assert.equal(argv.at(-2), "--");
  assert.equal(argv.at(-3), "beta.example.net");
  for (const [text, want] of [
    ["root@198.51.100.1", { user: "root", host: "198.51.100.1" }],
    ["root@198.51.100.1:2222", { user: "root", host: "198.51.100.1", port: 2222 }],
    ["2001:db8::1", { host: "2001:db8::1" }],
    ["admin@[2001:db8::1]:22", { user: "admin", host: "2001:db8::1", port: 22 }],
    ["beta.example.net", { host: "beta.example.net" }],
  ] as const)
    assert.deepEqual(parseSshTarget(text), want, text);
  for (const bad of ["root@", "-oProxyCommand=x", "a;b", "host:0", "[::1]:x", "r@@h"])
    assert.equal(typeof parseSshTarget(bad), "string", bad);
});

test("a script's diagnostics, read back: its machine named, the tool's words kept, OpenTop's commands advised", () => {
  const stderr = [
    "Error: A VXLAN device with the specified VNI already exists.",
    "Command failed -:2",
    "error[OT6004]: up failed at step 2/5, links, on the host",
    "  = note: the message above is the tool's own",
    "error[OT6010]: lab spread was left half up by an interrupted run",
    "  = note: that run started 2026-01-01",
    "  = help: run `sh down` to remove what it created, then bring it up again",
    "error[OT9999]: something new",
  ].join("\n");
  const [vni, half, unknown] = scriptDiagnostics("beta", stderr, { lab: "spread", file: "m.otop" });
  assert.equal(vni?.code, "OT6043", "the runner's hint applies to a remote step's failure");
  assert.equal(vni?.message, "beta: up failed at step 2/5, links, on the host");
  assert.ok(vni?.notes.some((n) => n.includes("A VXLAN device with the specified VNI")));
  assert.equal(half?.code, "OT6010");
  assert.equal(half?.help, "run `opentop down spread` to remove what it created, then bring it up again");
  assert.equal(unknown?.code, "OT6004", "a code this version does not know");
  assert.equal(streamed("echo hi"), "{\necho hi\n}\n");
});

test("another machine's platform, from what its probe printed", () => {
  const out = [
    "tool iptables-restore",
    "== mountinfo",
    "30 1 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw",
    "== files",
    "words /sys/fs/cgroup/cgroup.controllers cpu memory pids",
    "words /sys/fs/cgroup/cgroup.subtree_control cpu memory pids",
    "child /sys/fs/cgroup memory.swap.max",
    "",
  ].join("\n");
  const p = probed(out);
  assert.equal(p.platform?.firewall, "iptables", "a machine with iptables and no nft");
  assert.equal(p.platform?.cgroups?.controllers.memory?.mount, "/sys/fs/cgroup");
  assert.equal(p.platform?.cgroups?.swapMax, true);
  assert.equal(probed(out.replace("tool iptables-restore", "tool nft")).platform?.firewall, "nft");
  assert.equal(probed(out, { firewall: "nft" }).platform?.firewall, "nft", "--firewall decides");
});

test("Ansible: an inventory of the machines as OpenTop reaches them, and a playbook that only copies and runs", () => {
  const l = lab(
    `lab my-lab\nmachine alpha 198.51.100.1 { ssh admin@alpha.example.net:2222; ssh-option IdentityFile "/root/my key" }\nmachine beta 198.51.100.2\nnode a on alpha { eth0 -> b.eth0 10.0.0.1/30 }\nnode b on beta { eth0 10.0.0.2/30 }\n`,
  );
  const inv = inventory(l.name, l.machines, (m) => `${m.name}.sh`);
  assert.match(inv, /^\[opentop_my_lab\]$/m);
  assert.match(
    inv,
    /^alpha ansible_host=alpha\.example\.net ansible_user=admin ansible_port=2222 ansible_ssh_common_args='-o IdentityFile="\/root\/my key"' opentop_script=alpha\.sh$/m,
  );
  assert.match(inv, /^beta ansible_host=198\.51\.100\.2 opentop_script=beta\.sh$/m);
  const plays = YAML.parse(playbook(l.name)) as { hosts: string; tasks: { name: string }[] }[];
  assert.equal(plays.length, 3);
  assert.ok(plays.every((p) => p.hosts === "opentop_my_lab"));
  const commands = JSON.stringify(plays);
  for (const word of ["check", "down", "opentop_action", "ansible.builtin.copy"])
    assert.ok(commands.includes(word), word);
});
