// Composition: the `link` statement, nodes given in several places, `if` and `let`,
// address pools, `include`, templates, and one diagnostic for a mistake repeated by
// expansion. Each feature with what it makes and what its misuse reports, and where.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { planText } from "../../src/backends/text.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderJson, renderPretty, renderShort } from "../../src/diagnostics/render.js";
import { location, sourceFile } from "../../src/diagnostics/source.js";
import { type Compiled, compileFile, compileSource } from "../../src/model/compile.js";
import type { Reader } from "../../src/model/sources.js";
import { lower } from "../../src/plan/lower.js";
import { ROOT, scratch } from "../support/lab.js";

/** Included files served from memory, by path. */
function memory(files: Record<string, string>): Reader {
  return (path, limit) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
    const bytes = Buffer.from(text);
    if (bytes.length > limit) throw Object.assign(new Error("too large"), { code: "EFBIG" });
    return { bytes, id: `/mem/${path}` };
  };
}

function compile(
  src: string,
  files: Record<string, string> = {},
  params: Record<string, string> = {},
): Compiled {
  return compileSource(sourceFile("lab.otop", src), {
    read: memory(files),
    params: new Map(Object.entries(params)),
  });
}

/** `CODE file:line:col message` of each diagnostic. */
function found(c: Compiled): string[] {
  return c.diagnostics.map((d) => `${d.code} ${d.span ? location(d.span) : "-"} ${d.message}`);
}

function only(c: Compiled, code: string): Diagnostic {
  const hits = c.diagnostics.filter((d) => d.code === code);
  assert.equal(hits.length, 1, `one ${code}, got:\n${found(c).join("\n")}`);
  return hits[0] as Diagnostic;
}

function clean(c: Compiled): NonNullable<Compiled["lab"]> {
  assert.deepEqual(found(c), []);
  assert.ok(c.lab);
  return c.lab;
}

/** A plan's operations without the places that asked for them. */
function ops(c: Compiled): string {
  return planText(lower(clean(c))).replace(/\s+# \S+:\d+:\d+$/gm, "");
}

// ---- link ---------------------------------------------------------------------------------

test("link: one statement gives the same veth pair, addresses and MTU as `->` in the nodes", () => {
  const viaLink = compile(
    "lab x\nnode a\nnode b\nlink a.eth1 10.0.0.0/31 fd00::0/127 -- b.eth2 10.0.0.1/31 fd00::1/127 { mtu 9000 }\n",
  );
  const viaArrow = compile(
    "lab x\nnode a { eth1 -> b.eth2 10.0.0.0/31 fd00::0/127 mtu 9000 }\nnode b { eth2 10.0.0.1/31 fd00::1/127 mtu 9000 }\n",
  );
  assert.equal(ops(viaLink), ops(viaArrow));
  const lab = clean(viaLink);
  assert.deepEqual(
    lab.links.map((l) => l.kind),
    ["p2p"],
  );
  assert.equal(location(lab.links[0]?.span ?? lab.span), "lab.otop:4:1", "the link is the statement's");
});

test("link: a chain is one loop; the interfaces a link names are declared by it", () => {
  const lab = clean(
    compile(
      "lab x\nparam n = 5\nnode r[1..{n}] { forward }\nfor k in 1..{n - 1} { link r{k}.right 10.0.{k}.0/31 -- r{k + 1}.left 10.0.{k}.1/31 }\n",
    ),
  );
  assert.equal(lab.links.length, 4);
  const r3 = lab.nodes.find((n) => n.name === "r3");
  assert.deepEqual(
    r3?.ifaces.map((i) => `${i.name} ${i.addresses.map((a) => a.cidr).join(" ")}`),
    ["left 10.0.2.1/31", "right 10.0.3.0/31"],
  );
});

test("link: the node may add what the link does not say; saying it twice names both places", () => {
  const ok = clean(
    compile("lab x\nnode a { eth0 mtu 9000 }\nnode b\nlink a.eth0 10.0.0.1/30 -- b.eth0 10.0.0.2/30\n"),
  );
  assert.equal(ok.nodes[0]?.ifaces[0]?.mtu, 9000);

  const twice = only(
    compile("lab x\nnode a { eth0 10.0.0.5/30 }\nnode b\nlink a.eth0 10.0.0.1/30 -- b.eth0 10.0.0.2/30\n"),
    "OT1006",
  );
  assert.equal(location(twice.span ?? assert.fail()), "lab.otop:4:13");
  assert.deepEqual(
    twice.labels.map((l) => `${location(l.span)} ${l.message}`),
    ["lab.otop:2:15 first given here"],
  );

  const relinked = only(
    compile("lab x\nswitch s\nnode a { eth0 -> s }\nnode b\nlink a.eth0 -- b.eth0\n"),
    "OT1009",
  );
  assert.equal(location(relinked.span ?? assert.fail()), "lab.otop:5:6");
  assert.equal(location(relinked.labels[0]?.span ?? assert.fail()), "lab.otop:3:10");
});

test("link: its ends must be interfaces of declared nodes", () => {
  const c = compile("lab x\nswitch lan\nnode core1\nlink core1.eth0 -- lan\nlink core1.eth1 -- core2.eth1\n");
  assert.deepEqual(found(c), [
    "OT1044 lab.otop:4:20 `lan` is not an interface of a node",
    "OT1007 lab.otop:5:20 no node named `core2`",
  ]);
  assert.match(only(c, "OT1007").help ?? "", /did you mean `core1.eth1`/);
});

// ---- several places ------------------------------------------------------------------------

test("a node given in several places is one node; its routes, sysctls and interfaces add up", () => {
  const lab = clean(
    compile(
      "lab x\nswitch lan\nnode r[1..3] { forward\n eth0 -> lan 10.0.0.{i}/24 }\nnode r2 { route 10.9.0.0/16 via 10.0.0.254\n eth0 { mtu 9000 } }\n",
    ),
  );
  assert.deepEqual(
    lab.nodes.map((n) => n.name),
    ["r1", "r2", "r3"],
  );
  const r2 = lab.nodes[1];
  assert.equal(r2?.routes.length, 1);
  assert.equal(r2?.ifaces[0]?.mtu, 9000);
  assert.equal(r2?.ifaces[0]?.addresses[0]?.cidr, "10.0.0.2/24");
});

test("a node given in several places: what two places both say is an error naming both", () => {
  const c = compile(
    "lab x\nnode a { isolate net uts\n hostname one\n forward }\nnode a { hostname two\n forward }\n",
  );
  for (const code of ["OT5002", "OT1016"]) {
    const d = only(c, code);
    assert.equal(d.labels.length, 1, `${code} names the first place`);
  }
});

// ---- if, let, expressions -------------------------------------------------------------------

test("if: the first and last of a chain differ; else and else if", () => {
  const lab = clean(
    compile(
      `lab x
param n = 4
param mode = "b"
for k in 1..{n} {
  node r{k} {
    if k > 1 and k < n { forward } else if k == 1 { sysctl net.ipv4.conf.all.rp_filter 0 } else {
      sysctl net.ipv4.conf.all.rp_filter 2
    }
    if mode == "a" { sysctl net.ipv4.tcp_syncookies 0 }
    if not (k % 2 == 0) or mode != "b" { sysctl net.ipv4.conf.default.rp_filter 1 }
  }
}
`,
    ),
  );
  assert.deepEqual(
    lab.nodes.map((n) => `${n.name}: ${n.sysctls.map((s) => `${s.key}=${s.value}`).join(" ")}`),
    [
      "r1: net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=1",
      "r2: net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0",
      "r3: net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 net.ipv6.conf.default.accept_dad=0 net.ipv4.conf.default.rp_filter=1",
      "r4: net.ipv4.conf.all.rp_filter=2",
    ],
  );
});

test("if: `and` evaluates its right side only when needed", () => {
  clean(compile("lab x\nfor k in 0..2 { if k > 0 and 10 / k > 2 { node n{k} } }\n"));
});

test("if: a condition that is not true or false, `=`, and mixed types are reported where they are", () => {
  const c = compile(
    'lab x\nparam mode = "a"\nif 3 { node a }\nif mode = "a" { node b }\nif mode == 1 { node c }\nif mode > 1 { node d }\n',
  );
  assert.deepEqual(
    found(c).map((l) => l.split(" ").slice(0, 2).join(" ")),
    ["OT0006 lab.otop:3:4", "OT0006 lab.otop:4:9", "OT0006 lab.otop:5:4", "OT0006 lab.otop:6:4"],
  );
  assert.match(c.diagnostics[1]?.help ?? "", /`==`/);
  assert.match(c.diagnostics[2]?.message ?? "", /compares the text `a` with the integer 1/);
});

test("if: `else` must follow its `}` on the same line", () => {
  const c = compile("lab x\nif 1 > 0 { node a }\nelse { node b }\n");
  assert.equal(only(c, "OT0024").span?.start, "lab x\nif 1 > 0 { node a }\n".length);
});

test("let: a name for the rest of its block, shadowing, gone after the block", () => {
  const c = compile(
    "lab x\nlet base = 10\nfor k in 1..2 {\n  let base = base + k\n  node n{base}\n}\nnode m{base}\nfor k in 1..1 { let z = 1 }\nnode q{z}\n",
  );
  assert.deepEqual(found(c), ["OT1014 lab.otop:9:8 unknown variable `z`"]);
  compile("lab x\nlet base = 10\nfor k in 1..2 {\n  let base = base + k\n  node n{base}\n}\nnode m{base}\n");
  const lab = clean(
    compile(
      "lab x\nlet base = 10\nfor k in 1..2 {\n  let base = base + k\n  node n{base}\n}\nnode m{base}\n",
    ),
  );
  assert.deepEqual(
    lab.nodes.map((n) => n.name),
    ["n11", "n12", "m10"],
  );
});

test("interpolation: a word may start with `{` and hold blanks; `{ ` still opens a block", () => {
  const lab = clean(
    compile("lab x\nswitch s { mtu 1400 }\nnode a { eth0 -> s {host(10.1.0.0/24, 1 + 1)} }\n"),
  );
  assert.equal(lab.nodes[0]?.ifaces[0]?.addresses[0]?.cidr, "10.1.0.2/24");
  assert.equal(lab.switches[0]?.mtu, 1400);
});

// ---- address pools -----------------------------------------------------------------------

test("pools: the k-th subnet and the k-th address, IPv4 and IPv6, with and without a length", () => {
  const lab = clean(
    compile(
      `lab x
param p6 = fd00:ff::/48
node a {
  lo {host(net(10.255.0.0/16, 31, 3), 1)} {host(net(p6, 64, 300), 5)} {host(10.9.0.0/24, 254)}
  route {net(10.128.0.0/9, 24, 1000)} via {ip(10.9.0.0/24, 1)} dev lo onlink
  route {net(p6, 127, 7)} via {ip(host(net(p6, 64, 1), 2))} dev lo onlink
}
`,
    ),
  );
  const a = lab.nodes[0];
  assert.deepEqual(
    a?.ifaces[0]?.addresses.map((x) => x.cidr),
    ["10.255.0.7/31", "fd00:ff:0:12c::5/64", "10.9.0.254/24"],
  );
  assert.deepEqual(
    a?.routes.map((r) => `${r.destination.cidr} via ${r.via?.text}`),
    ["10.131.232.0/24 via 10.9.0.1", "fd00:ff::e/127 via fd00:ff:0:1::2"],
  );
});

test("pools: an index past the end is an error at the use, once for every iteration that hits it", () => {
  const c = compile(
    "lab x\nfor k in 0..300 { node n{k} { lo {host(net(10.0.0.0/24, 31, k), 0)} } }\nnode z { lo {host(10.0.0.0/30, -1)} }\n",
  );
  const over = c.diagnostics.filter((d) => d.code === "OT2050");
  assert.equal(over.length, 2, found(c).join("\n"));
  assert.equal(over[0]?.message, "subnet 128 is outside 10.0.0.0/24");
  assert.deepEqual(over[0]?.notes, ["173 iterations hit this; the first when k = 128"]);
  assert.equal(over[0]?.help, "10.0.0.0/24 holds 128 /31s, numbered 0 to 127");
  assert.equal(location(over[0]?.span ?? assert.fail()), "lab.otop:2:40");
  assert.equal(over[1]?.message, "address -1 is outside 10.0.0.0/30");
  assert.equal(
    compile("lab x\nnode a { lo {host(fd00::/127, 2)} }\n").diagnostics[0]?.message,
    "address 2 is outside fd00::/127",
  );
});

test("pools: a pool that is no network, a length out of range, an argument of the wrong kind", () => {
  const c = compile(
    "lab x\nnode a { lo {host(10.1.0.1/24, 1)} {net(10.1.0.0/24, 16, 0)} {net(10.1.0.0/24, 33, 0)} }\nnode b { lo {host(7, 1)} {ip(3)} {net(10.0.0.0/8, 16)} {nett(1)} }\n",
  );
  assert.deepEqual(
    c.diagnostics.map((d) => `${d.code} ${d.message}`),
    [
      "OT2051 `10.1.0.1/24` is not a network",
      "OT2051 invalid subnet length 16",
      "OT2051 invalid subnet length 33",
      "OT2051 the integer 7 is not a prefix",
      "OT0006 ip() takes an address, not the integer 3",
      "OT0006 `net` takes 3 arguments, not 2",
      "OT0006 unknown function `nett`",
    ],
  );
  assert.equal(c.diagnostics[0]?.help, "a pool is written with its network address: 10.1.0.0/24");
});

// ---- include -------------------------------------------------------------------------------

test("include: relative to the including file; its statements count; diagnostics name its file", () => {
  const c = compile('lab x\ninclude "parts/core.otop"\nnode b { use edge }\n', {
    "parts/core.otop": 'include "common/t.otop"\nswitch lan\nnode a { eth0 -> lan 10.0.0.1/24 }\n',
    "parts/common/t.otop": "template edge {\n  eth0 -> lna 10.0.0.2/24\n}\n",
  });
  const d = only(c, "OT1007");
  assert.equal(renderShort(d), "parts/common/t.otop:2:11: error[OT1007]: no switch named `lna`");
  const pretty = renderPretty(d);
  assert.match(pretty, /--> parts\/common\/t\.otop:2:11/);
  assert.match(pretty, /::> lab\.otop:3:10\n/, "the use, in the lab's own file, is labelled");
  assert.match(pretty, /3 \| node b \{ use edge \}/);
  const json = renderJson(d) as { file: string; line: number; labels: { file: string; line: number }[] };
  assert.equal(json.file, "parts/common/t.otop");
  assert.equal(json.line, 2);
  assert.deepEqual(
    json.labels.map((l) => `${l.file}:${l.line}`),
    ["lab.otop:3"],
  );
});

test("include: a file included twice is read once; a cycle, a missing file and bad names are errors at the include", () => {
  const once = compile('lab x\ninclude "a.otop"\ninclude "b.otop"\n', {
    "a.otop": 'include "c.otop"\nnode a\n',
    "b.otop": 'include "c.otop"\nnode b\n',
    "c.otop": "switch lan\n",
  });
  clean(once);

  const cycle = compile('lab x\ninclude "a.otop"\n', {
    "a.otop": 'include "b.otop"\n',
    "b.otop": 'include "a.otop"\n',
  });
  const d = only(cycle, "OT0021");
  assert.equal(location(d.span ?? assert.fail()), "b.otop:1:9");
  assert.deepEqual(d.notes, ["the cycle: a.otop includes b.otop includes a.otop"]);

  const bad = compile(
    'lab x\ninclude "missing.otop"\ninclude "notes.txt"\ninclude parts{1}.otop\nfor k in 1..2 { include "a.otop" }\n',
    { "a.otop": "" },
  );
  assert.deepEqual(
    bad.diagnostics.map((x) => `${x.code} ${location(x.span ?? assert.fail())}`),
    ["OT0020 lab.otop:2:9", "OT0020 lab.otop:3:9", "OT0020 lab.otop:4:9", "OT0023 lab.otop:5:17"],
  );
});

test("include: depth and size are bounded", () => {
  const files: Record<string, string> = {};
  for (let k = 1; k <= 20; k++) files[`p${k}.otop`] = `include "p${k + 1}.otop"\n`;
  const deep = only(compile('lab x\ninclude "p1.otop"\n', files), "OT0022");
  assert.equal(location(deep.span ?? assert.fail()), "p16.otop:1:9");

  const big = only(
    compile('lab x\ninclude "big.otop"\n', { "big.otop": `# ${"x".repeat(17 * 1024 * 1024)}\n` }),
    "OT0022",
  );
  assert.match(big.message, /larger than 16 MiB/);
});

test("include: on disk, a directory, a FIFO and a changed part", () => {
  const s = scratch();
  try {
    mkdirSync(join(s.dir, "dir.otop"));
    // A FIFO would block a plain open until a writer came: it is refused, at once.
    assert.equal(spawnSync("mkfifo", [join(s.dir, "fifo.otop")]).status, 0);
    writeFileSync(join(s.dir, "part.otop"), "node a\n");
    const main = join(s.dir, "lab.otop");
    writeFileSync(main, 'lab x\ninclude "part.otop"\ninclude "dir.otop"\ninclude "fifo.otop"\n');
    const c = compileFile(main);
    assert.deepEqual(
      c.diagnostics.map((d) => d.message.replace(s.dir, "DIR")),
      ["cannot include DIR/dir.otop: it is a directory", "cannot include DIR/fifo.otop: not a regular file"],
    );
    writeFileSync(main, 'lab x\ninclude "part.otop"\n');
    const before = compileFile(main).hash;
    writeFileSync(join(s.dir, "part.otop"), "node b\n");
    assert.notEqual(compileFile(main).hash, before, "a change to an included file changes the lab's hash");
  } finally {
    s.remove();
  }
});

// ---- templates -----------------------------------------------------------------------------

const TEMPLATE = `lab x
switch lan
template router {
  param k
  param mtu = 1500
  forward
  eth0 -> lan 10.0.0.{k}/24 { mtu {mtu} }
}
`;

test("templates: nodes use and extend them; defaults; the caller passes what the body needs", () => {
  const lab = clean(
    compile(
      `${TEMPLATE}node r[2..3] {\n  use router k={i} mtu=9000\n  route 10.9.0.0/16 via 10.0.0.254\n}\n`,
    ),
  );
  assert.deepEqual(
    lab.nodes.map(
      (n) => `${n.name} ${n.ifaces[0]?.addresses[0]?.cidr} ${n.ifaces[0]?.mtu} ${n.routes.length}`,
    ),
    ["r2 10.0.0.2/24 9000 1", "r3 10.0.0.3/24 9000 1"],
  );
  const byDefault = clean(compile(`${TEMPLATE}node r1 { use router k=1 }\n`));
  assert.equal(byDefault.nodes[0]?.ifaces[0]?.mtu, 1500);
});

test("templates: unknown, twice, missing and unknown arguments, and a template that uses itself", () => {
  const c = compile(
    `${TEMPLATE}template router { forward }\ntemplate a { use b }\ntemplate b { use a }\nnode n1 { use ruoter }\nnode n2 { use router kk=1 }\nnode n3 { use router k=1 k=2 }\nnode n4 { use a }\n`,
  );
  assert.deepEqual(
    c.diagnostics.map((d) => `${d.code} ${location(d.span ?? assert.fail())} ${d.message}`),
    [
      "OT1041 lab.otop:9:10 template `router` is declared twice",
      "OT1043 lab.otop:11:14 template `a` uses itself",
      "OT1040 lab.otop:12:15 no template named `ruoter`",
      "OT1042 lab.otop:13:11 template `router` needs `k`",
      "OT1042 lab.otop:13:22 template `router` has no parameter `kk`",
      "OT1042 lab.otop:14:26 `k` is given twice",
    ],
  );
  assert.equal(c.diagnostics[2]?.help, "did you mean `router`?");
});

test("templates: a mistake inside points at the template's line, with the node that used it", () => {
  const c = compile(`${TEMPLATE}for j in 1..3 { node r{j} { use router k=300 } }\n`);
  const bad = only(c, "OT2001");
  assert.equal(location(bad.span ?? assert.fail()), "lab.otop:7:15");
  assert.deepEqual(bad.notes, [
    "3 iterations hit this; the first when j = 1",
    "in template `router`, used by node `r1`",
  ]);
  assert.deepEqual(
    bad.labels.map((l) => `${location(l.span)} ${l.message}`),
    ["lab.otop:9:29 `router` used here"],
  );
  // The loop variables of the place that uses a template are not in its body's scope.
  const scoped = only(
    compile(`${TEMPLATE}template t { p{j} -> lan }\nfor j in 1..2 { node n{j} { use t } }\n`),
    "OT1014",
  );
  assert.equal(location(scoped.span ?? assert.fail()), "lab.otop:9:16");
});

// ---- error floods --------------------------------------------------------------------------

test("floods: one mistake in a loop of 300 is one diagnostic, with the count and the first index", () => {
  const c = compile(
    "lab x\nswitch sw\nfor k in 1..300 { node h{k} { eth0 -> sw2 10.0.{k / 256}.{k % 256}/16 } }\n",
  );
  assert.equal(c.diagnostics.length, 1, found(c).join("\n"));
  assert.equal(c.diagnostics[0]?.message, "no switch named `sw2`");
  assert.deepEqual(c.diagnostics[0]?.notes, ["300 iterations hit this; the first when k = 1"]);
});

test("floods: a leaf-spine fabric whose addresses run out at 300 leaves says so a few times, not hundreds", () => {
  const fabric = `lab fab
param spines = 2
param leaves = 4
node s[1..{spines}] {
  forward
  for l in 1..{leaves} { l{l} 10.{i}.{l}.0/31 }
}
node l[1..{leaves}] {
  forward
  for s in 1..{spines} { s{s} -> s{s}.l{i} 10.{s}.{i}.1/31 }
  eth0 -> h{i}.eth0 10.100.{i}.1/24
  route default via 10.1.{i}.0
}
node h[1..{leaves}] {
  eth0 10.100.{i}.2/24
  route default via 10.100.{i}.1
}
`;
  clean(compile(fabric));
  const c = compile(fabric, {}, { leaves: "300" });
  assert.ok(c.diagnostics.length <= 8, `${c.diagnostics.length} diagnostics:\n${found(c).join("\n")}`);
  for (const d of c.diagnostics) assert.match(d.notes.join("\n"), /iterations hit this; the first when /);
});

test("floods: problems at different places stay apart; a problem at one place in one copy is not counted twice", () => {
  const c = compile(
    "lab x\nfor k in 1..3 {\n  node a{k} { eth0 -> nope }\n  node b{k} { eth0 -> nada }\n}\n",
  );
  assert.deepEqual(
    c.diagnostics.map((d) => `${location(d.span ?? assert.fail())} ${d.notes.join("; ")}`),
    [
      "lab.otop:3:23 3 iterations hit this; the first when k = 1",
      "lab.otop:4:23 3 iterations hit this; the first when k = 1",
    ],
  );
  const once = compile("lab x\nfor k in 1..1 { node a { eth0 -> nope } }\n");
  assert.deepEqual(once.diagnostics[0]?.notes, ["when k = 1"]);
});

// ---- the examples at scale ------------------------------------------------------------------

for (const [name, params] of [
  ["chain", { n: "300" }],
  ["ring", { n: "60" }],
  ["fabric", { leaves: "300", spines: "4" }],
] as const) {
  test(`examples/${name}.otop compiles at ${JSON.stringify(params)}`, () => {
    const c = compileFile(join(ROOT, "examples", `${name}.otop`), {
      params: new Map(Object.entries(params)),
    });
    clean(c);
  });
}

// ---- limits: hostile files end in a diagnostic, never a crash or a hang -------------------

test("limits: blocks, templates, expressions and expansion are bounded, each with its diagnostic", () => {
  const deepBlocks = compile(`lab x\n${"if 1 > 0 { ".repeat(2000)}${"}".repeat(2000)}\n`);
  assert.deepEqual(
    deepBlocks.diagnostics.map((d) => `${d.code} ${d.message}`),
    ["OT0025 blocks nest more than 64 deep"],
  );

  let chain = "lab x\nnode n { use t0 }\n";
  for (let t = 0; t < 40; t++) chain += `template t${t} { use t${t + 1} }\n`;
  assert.equal(
    only(compile(`${chain}template t40 { forward }\n`), "OT0025").message,
    "templates nest more than 16 deep",
  );

  const long = compile(`lab x\nnode a { lo 10.0.0.{${Array(600).fill("1").join("+")}}/32 }\n`);
  assert.equal(only(long, "OT0006").message, "an expression is at most 1000 characters");
  const parens = compile(`lab x\nnode a { lo 10.0.0.{${"(".repeat(40)}1${")".repeat(40)}}/32 }\n`);
  assert.equal(only(parens, "OT0006").message, "parentheses nest more than 32 deep");

  // Loops that make nothing, and templates that use templates twice: counted all the same.
  const empty = compile("lab x\nfor a in 1..2000 { for b in 1..2000 { } }\n");
  assert.equal(only(empty, "OT1017").message, "this lab expands to more than 2000000 statements");
  let doubling = "lab x\nnode n { use t0 }\ntemplate t15 { sysctl net.ipv4.ip_forward 1 }\n";
  for (let t = 0; t < 15; t++) doubling += `template t${t} { use t${t + 1}; use t${t + 1} }\n`;
  const twice = only(compile(doubling), "OT1016");
  assert.equal(twice.notes[0], "32767 uses hit this; the first is shown");
  assert.match(twice.notes[1] ?? "", /^in template `t15`, used in template `t14`, .* used by node `n`$/);
  assert.equal(twice.labels.at(-1)?.message, "`t0` used here", "the label is at the node's own use");
});

test("interpolation or block: `{mtu 9000}` is still a block, `{host(p, i + 1)}` an interpolation", () => {
  const lab = clean(
    compile("lab x\nswitch s {mtu 1400}\nnode a { eth0 -> s {host(10.1.0.0/24, 1 + 1)} {mtu 1400} }\n"),
  );
  assert.equal(lab.switches[0]?.mtu, 1400);
  assert.equal(lab.nodes[0]?.ifaces[0]?.mtu, 1400);
  assert.equal(lab.nodes[0]?.ifaces[0]?.addresses[0]?.cidr, "10.1.0.2/24");
});

test("let: a value that cannot be computed is reported once, not again at each use", () => {
  const c = compile(
    "lab x\nfor k in 1..200 {\n  let p = net(10.0.0.0/24, 31, k)\n  node n{k} { lo {host(p, 0)} {host(p, 1)} }\n}\n",
  );
  assert.deepEqual(
    c.diagnostics.map((d) => `${d.code} ${location(d.span ?? assert.fail())} ${d.notes.join("; ")}`),
    ["OT2050 lab.otop:3:11 73 iterations hit this; the first when k = 128"],
  );
});

test("a lab cut short by a limit reports the limit, not the errors of the part it did not make", () => {
  // The switch after the range is never made: checking what was made would find `sw` unknown.
  const c = compile("lab x\nnode a { eth0 -> sw }\nnode h[1..300000] { }\nswitch sw\n");
  assert.deepEqual(
    c.diagnostics.map((d) => d.code),
    ["OT1017"],
  );
});

test("templates: a default may use the parameters before it", () => {
  const lab = clean(
    compile(
      "lab x\ntemplate t {\n  param k\n  param gw = 10.{k}.0.1\n  lo 10.{k}.0.9/32\n  route 10.99.0.0/16 via {gw} dev lo onlink\n}\nnode a { use t k=7 }\n",
    ),
  );
  assert.equal(lab.nodes[0]?.routes[0]?.via?.text, "10.7.0.1");
});

test("hostile words: names of JavaScript's own properties are no options, functions or aliases", () => {
  const c = compile(
    "lab x\nswitch lan\nswitch s2 constructor\nnode a { eth0 -> lan 10.0.0.1/24 toString\n lo {constructor(1)}/32 }\nlink a.e1 hasOwnProperty -- a.e2\n",
  );
  assert.deepEqual(
    c.diagnostics.map((d) => `${d.code} ${d.message}`),
    [
      "OT0003 unknown switch option `constructor`",
      "OT2001 `toString` is not an address",
      "OT0006 unknown function `constructor`",
      "OT2001 `hasOwnProperty` is not an address",
    ],
  );
});

// ---- expectations among the constructs ----------------------------------------------------

const STAR = `lab x
param n = 4
switch lan
node h[1..{n}] { eth0 -> lan 10.0.0.{i}/24 }
node web { eth0 -> lan 10.0.0.100/24; filter { input policy drop; input accept tcp dport 80 } }
`;

test("expect: inside `for` and `if`, with `let`'s values, and in an included file", () => {
  const lab = clean(
    compile(
      `${STAR}include "expect.otop"
for k in 1..{n} {
  let port = 8000 + k
  if k % 2 == 0 { expect h{k} !-> web tcp {port} } else { expect h{k} -> web tcp 80 }
}
`,
      { "expect.otop": "expect h[1..2] -> h[3..4] -4\n" },
    ),
  );
  assert.deepEqual(
    lab.expectations.map((e) => `${e.text} ${location(e.span)}`),
    [
      "h1 -> h3 -4 expect.otop:1:1",
      "h1 -> h4 -4 expect.otop:1:1",
      "h2 -> h3 -4 expect.otop:1:1",
      "h2 -> h4 -4 expect.otop:1:1",
      "h1 -> web tcp 80 lab.otop:9:59",
      "h2 !-> web tcp 8002 lab.otop:9:19",
      "h3 -> web tcp 80 lab.otop:9:59",
      "h4 !-> web tcp 8004 lab.otop:9:19",
    ],
  );
});

test("expect: one that fails for every copy of a loop or a range is one diagnostic, with how many", () => {
  const loop = compile(`${STAR}for k in 1..{n} { expect h{k} -> web tcp 22 }\n`);
  const d = only(loop, "OT8010");
  assert.equal(location(d.span ?? assert.fail()), "lab.otop:6:19");
  assert.ok(d.notes.includes("4 iterations hit this; the first when k = 1"), d.notes.join("\n"));
  const range = compile(`${STAR}expect h[1..{n}] -> web tcp 22\n`);
  assert.ok(only(range, "OT8010").notes.includes("4 iterations hit this; the first when i = 1"));
  // A mistake in the words, the same in every copy: one diagnostic too.
  const words = compile(`${STAR}expect h[1..{n}] -> web tcp\n`);
  assert.ok(only(words, "OT8001").notes.includes("4 iterations hit this; the first when i = 1"));
});
