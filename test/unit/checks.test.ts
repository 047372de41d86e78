// Every check of the front end, each with its own code: a minimal lab that triggers it,
// and the line it must point at.

import assert from "node:assert/strict";
import { test } from "node:test";
import { position, sourceFile } from "../../src/diagnostics/source.js";
import { compileFile, compileSource } from "../../src/model/compile.js";

interface Case {
  code: string;
  why: string;
  src: string;
  /** The 1-based line the diagnostic points at; 0 for none. */
  line: number;
  params?: Record<string, string>;
}

const P2P = "node a { eth0 -> b.eth0 10.0.0.1/30 }\nnode b { eth0 10.0.0.2/30 }\n";

const CASES: Case[] = [
  {
    code: "OT0006",
    why: "invalid expression",
    src: "lab x\nnode a { eth0 -> b.eth0 10.0.0.{1+}/30 }\nnode b { eth0 }\n",
    line: 2,
  },
  { code: "OT0008", why: "range with a non-integer bound", src: "lab x\nnode h[a..3] { }\n", line: 2 },
  { code: "OT0008", why: "range running backwards", src: "lab x\nnode h[5..1] { }\n", line: 2 },
  { code: "OT0009", why: "NUL byte in the source", src: "lab x\n\0\n", line: 2 },
  { code: "OT1001", why: "no lab name", src: P2P, line: 0 },
  { code: "OT1002", why: "lab named twice", src: `lab x\nlab y\n${P2P}`, line: 2 },
  { code: "OT1003", why: "name outside the safe set", src: "lab x\nnode 1a { }\n", line: 2 },
  { code: "OT1003", why: "lab name outside the safe set", src: "lab x_y.z\n", line: 1 },
  {
    code: "OT1004",
    why: "interface name over 15 characters",
    src: `lab x\nnode a { eth0123456789abc -> b.eth0 }\nnode b { eth0 }\n`,
    line: 2,
  },
  { code: "OT1004", why: "switch name over 15 characters", src: "lab x\nswitch abcdefghijklmnop\n", line: 2 },
  { code: "OT1005", why: "duplicate switch", src: "lab x\nswitch s\nswitch s\n", line: 3 },
  { code: "OT1005", why: "node named like a switch", src: "lab x\nswitch s\nnode s { }\n", line: 3 },
  {
    code: "OT1006",
    why: "an interface's addresses given in two places",
    src: "lab x\nswitch s\nnode a { eth0 -> s 10.0.0.1/24\n eth0 10.0.0.2/24 }\n",
    line: 4,
  },
  {
    code: "OT1006",
    why: "an interface's option given in a node and on its link",
    src: "lab x\nnode a { eth0 mtu 1500 }\nnode b\nlink a.eth0 mtu 9000 -- b.eth0\n",
    line: 4,
  },
  {
    code: "OT1009",
    why: "an interface linked in two places of its node",
    src: "lab x\nswitch s\nnode a { eth0 -> s }\nnode a { eth0 -> s }\n",
    line: 4,
  },
  { code: "OT1007", why: "unknown switch", src: "lab x\nswitch lan\nnode a { eth0 -> lna }\n", line: 3 },
  { code: "OT1007", why: "unknown node", src: "lab x\nnode a { eth0 -> zz.eth0 }\n", line: 2 },
  {
    code: "OT1008",
    why: "unknown interface of a peer",
    src: "lab x\nnode a { eth0 -> b.eth1 }\nnode b { eth0 -> a.eth0 }\n",
    line: 2,
  },
  {
    code: "OT1008",
    why: "route through an unknown device",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route 10.9.0.0/16 dev eth9 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
  {
    code: "OT1009",
    why: "interface attached twice",
    src: "lab x\nnode a { eth0 -> b.eth0 }\nnode c { eth0 -> b.eth0 }\nnode b { eth0 }\n",
    line: 3,
  },
  {
    code: "OT1010",
    why: "both ends of a p2p link disagree",
    src: "lab x\nnode a { eth0 -> b.eth0 }\nnode b { eth0 -> c.eth0 }\nnode c { eth0 }\n",
    line: 2,
  },
  {
    code: "OT1011",
    why: "interface connected to nothing",
    src: "lab x\nnode a { eth0 10.0.0.1/24 }\n",
    line: 2,
  },
  { code: "OT1012", why: "link to itself", src: "lab x\nnode a { eth0 -> a.eth0 }\n", line: 2 },
  { code: "OT1013", why: "a node named host", src: "lab x\nnode host { }\n", line: 2 },
  { code: "OT1013", why: "lo with a link", src: "lab x\nswitch s\nnode a { lo -> s }\n", line: 3 },
  { code: "OT1014", why: "unknown variable", src: "lab x\nnode a{j} { }\n", line: 2 },
  { code: "OT1015", why: "--set of an undeclared parameter", src: "lab x\n", line: 0, params: { n: "3" } },
  {
    code: "OT1016",
    why: "sysctl set twice (forward and explicit)",
    src: "lab x\nnode a { forward\n sysctl net.ipv4.ip_forward 0 }\n",
    line: 3,
  },
  { code: "OT1017", why: "too many objects", src: "lab x\nnode h[1..300000] { }\n", line: 2 },
  {
    code: "OT2001",
    why: "invalid address",
    src: "lab x\nnode a { eth0 -> b.eth0 10.0.0.300/24 }\nnode b { eth0 }\n",
    line: 2,
  },
  {
    code: "OT2001",
    why: "address without prefix length",
    src: "lab x\nnode a { eth0 -> b.eth0 10.0.0.1 }\nnode b { eth0 }\n",
    line: 2,
  },
  {
    code: "OT2001",
    why: "multicast address",
    src: "lab x\nnode a { eth0 -> b.eth0 224.0.0.1/24 }\nnode b { eth0 }\n",
    line: 2,
  },
  {
    code: "OT2001",
    why: "route destination with host bits",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route 10.9.0.1/16 via 10.0.0.2 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
  {
    code: "OT2002",
    why: "address twice on one switch",
    src: "lab x\nswitch s\nnode a { eth0 -> s 10.0.0.1/24 }\nnode b { eth0 -> s 10.0.0.1/24 }\n",
    line: 4,
  },
  {
    code: "OT2002",
    why: "address twice on a p2p link (IPv6, different spelling)",
    src: "lab x\nnode a { eth0 -> b.eth0 fd00::1/64 }\nnode b { eth0 fd00:0::1/64 }\n",
    line: 3,
  },
  {
    code: "OT2003",
    why: "network address of the subnet",
    src: "lab x\nnode a { eth0 -> b.eth0 10.0.0.0/24 }\nnode b { eth0 10.0.0.2/24 }\n",
    line: 2,
  },
  {
    code: "OT2004",
    why: "multicast MAC",
    src: "lab x\nnode a { eth0 -> b.eth0 mac 01:00:5e:00:00:01 }\nnode b { eth0 }\n",
    line: 2,
  },
  {
    code: "OT2005",
    why: "MTU out of range",
    src: "lab x\nnode a { eth0 -> b.eth0 mtu 70000 }\nnode b { eth0 }\n",
    line: 2,
  },
  {
    code: "OT2005",
    why: "MTU too small for IPv6",
    src: "lab x\nnode a { eth0 -> b.eth0 fd00::1/64 mtu 1000 }\nnode b { eth0 }\n",
    line: 2,
  },
  {
    code: "OT2006",
    why: "MAC twice on a segment",
    src: "lab x\nswitch s\nnode a { eth0 -> s mac 02:00:00:00:00:01 }\nnode b { eth0 -> s mac 02:00:00:00:00:01 }\n",
    line: 4,
  },
  {
    code: "OT2007",
    why: "MTUs differ across a link",
    src: "lab x\nnode a { eth0 -> b.eth0 mtu 1400 }\nnode b { eth0 mtu 1500 }\n",
    line: 3,
  },
  {
    code: "OT2008",
    why: "host-address on a link that is not to the host",
    src: "lab x\nnode a { eth0 -> b.eth0 host-address 10.0.0.1/30 }\nnode b { eth0 }\n",
    line: 2,
  },
  {
    code: "OT2009",
    why: "broadcast address of the subnet",
    src: "lab x\nnode a { eth0 -> b.eth0 10.0.0.255/24 }\nnode b { eth0 10.0.0.2/24 }\n",
    line: 2,
  },
  {
    code: "OT3001",
    why: "gateway on no connected subnet",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route default via 10.9.9.9 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
  {
    code: "OT3002",
    why: "IPv6 destination via IPv4 gateway",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route fd00::/64 via 10.0.0.2 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
  {
    code: "OT3003",
    why: "default route without a gateway",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route default dev eth0 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
  {
    code: "OT3003",
    why: "route with neither via nor dev",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route 10.9.0.0/16 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
  {
    code: "OT3004",
    why: "the same route twice",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route default via 10.0.0.2\n route 0.0.0.0/0 via 10.0.0.2 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 4,
  },
  {
    code: "OT3004",
    why: "a route the kernel makes itself for an address's subnet (up would fail: File exists)",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route 10.0.0.0/30 dev eth0 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
  {
    code: "OT3004",
    why: "a route the kernel makes itself, through a gateway",
    src: `lab x\nswitch s\nnode a { eth0 -> s 10.0.0.1/24\n route 10.0.0.0/24 via 10.0.0.2 }\nnode b { eth0 -> s 10.0.0.2/24 }\n`,
    line: 4,
  },
  {
    code: "OT3005",
    why: "a host-wide sysctl",
    src: "lab x\nnode a { sysctl kernel.pid_max 4096 }\n",
    line: 2,
  },
  {
    code: "OT3006",
    why: "a sysctl value with a quote",
    src: `lab x\nnode a { sysctl net.core.somaxconn "1'2" }\n`,
    line: 2,
  },
  {
    code: "OT3007",
    why: "invalid metric",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route default via 10.0.0.2 metric -1 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
  {
    code: "OT3007",
    why: "src that is not the node's",
    src: `lab x\nnode a { eth0 -> b.eth0 10.0.0.1/30\n route default via 10.0.0.2 src 10.0.0.9 }\nnode b { eth0 10.0.0.2/30 }\n`,
    line: 3,
  },
];

for (const c of CASES) {
  test(`${c.code}: ${c.why}`, () => {
    const compiled = compileSource(sourceFile("t.otop", c.src), {
      params: new Map(Object.entries(c.params ?? {})),
    });
    const found = compiled.diagnostics.find((d) => d.code === c.code);
    assert.ok(
      found,
      `expected ${c.code}, got ${compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ") || "nothing"}`,
    );
    if (c.line === 0) return;
    assert.ok(found.span, `${c.code} should point into the file`);
    assert.equal(position(found.span.file, found.span.start).line, c.line);
  });
}

test("a valid lab gives a model and no diagnostics", () => {
  const compiled = compileSource(sourceFile("t.otop", `lab x\n${P2P}`));
  assert.deepEqual(compiled.diagnostics, []);
  assert.equal(compiled.lab?.links.length, 1);
});

test("routes to an address's own subnet that the kernel takes: another metric, IPv6, lo, /32", () => {
  const compiled = compileSource(
    sourceFile(
      "t.otop",
      `lab x
node a {
  eth0 -> b.eth0 10.0.0.1/30 10.0.1.1/32 fd00::1/64
  lo 10.255.0.1/24
  route 10.0.0.0/30 dev eth0 metric 5
  route fd00::/64 dev eth0
  route 10.255.0.0/24 dev lo
  route 10.0.1.1/32 dev eth0
}
node b { eth0 10.0.0.2/30 fd00::2/64 }
`,
    ),
  );
  assert.deepEqual(
    compiled.diagnostics.map((d) => d.message),
    [],
  );
});

test("warnings do not block the model", () => {
  for (const src of [
    "lab x\nnode a { eth0 -> b.eth0 mtu 1400 }\nnode b { eth0 mtu 1500 }\n",
    "lab x\nnode a { eth0 -> b.eth0 10.0.0.0/24 }\nnode b { eth0 10.0.0.2/24 }\n",
  ]) {
    const compiled = compileSource(sourceFile("t.otop", src));
    assert.equal(compiled.diagnostics.length, 1);
    assert.equal(compiled.diagnostics[0]?.severity, "warning");
    assert.ok(compiled.lab, "a warning leaves the model in place");
  }
});

test("OT9001: an unreadable file is a diagnostic, not an exception", () => {
  const compiled = compileFile("/nonexistent/lab.otop");
  assert.equal(compiled.diagnostics[0]?.code, "OT9001");
});

test("both ends of a p2p link may point at each other (one link)", () => {
  const compiled = compileSource(
    sourceFile("t.otop", "lab x\nnode a { eth0 -> b.eth0 }\nnode b { eth0 -> a.eth0 }\n"),
  );
  assert.deepEqual(compiled.diagnostics, []);
  assert.equal(compiled.lab?.links.length, 1);
});

test("ranges, loops, parameters and interpolation expand", () => {
  const compiled = compileSource(
    sourceFile(
      "t.otop",
      "lab x\nparam n = 3\nswitch s\nnode h[1..{n}] {\n  eth0 -> s 10.0.0.{i * 2}/24 fd00::{hex(i + 9)}/64\n}\nfor k in 1..2 { switch t{k} }\n",
    ),
    { params: new Map([["n", "4"]]) },
  );
  assert.deepEqual(compiled.diagnostics, []);
  assert.deepEqual(
    compiled.lab?.nodes.map((n) => `${n.name} ${n.ifaces[0]?.addresses.map((a) => a.cidr).join(" ")}`),
    [
      "h1 10.0.0.2/24 fd00::a/64",
      "h2 10.0.0.4/24 fd00::b/64",
      "h3 10.0.0.6/24 fd00::c/64",
      "h4 10.0.0.8/24 fd00::d/64",
    ],
  );
  assert.deepEqual(
    compiled.lab?.switches.map((s) => s.name),
    ["s", "t1", "t2"],
  );
});

test("OT1018: a switch with more ports than a Linux bridge takes", () => {
  const compiled = compileSource(sourceFile("t.otop", "lab x\nswitch sw\nnode h[1..1024] { eth0 -> sw }\n"));
  assert.equal(compiled.diagnostics[0]?.code, "OT1018");
  const fits = compileSource(sourceFile("t.otop", "lab x\nswitch sw\nnode h[1..1023] { eth0 -> sw }\n"));
  assert.deepEqual(fits.diagnostics, []);
});
