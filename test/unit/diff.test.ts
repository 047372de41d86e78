// Comparing two plans (src/plan/diff.ts), for `apply`: what is added, removed, changed in place
// or made again (and what forced it), what runs to remove what goes and when, parameters, a
// change that does nothing — from the plans of small labs, nothing run.

import assert from "node:assert/strict";
import { test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import { type Diff, diffPlans, diffRecord } from "../../src/plan/diff.js";
import { lower } from "../../src/plan/lower.js";
import { keyOf, type Op, wordsOf } from "../../src/plan/ops.js";
import { opsOf, type Plan } from "../../src/plan/plan.js";
import { recordOf } from "../../src/plan/record.js";

function compiled(src: string, params: Record<string, string> = {}) {
  const c = compileSource(sourceFile("lab.otop", src), { params: new Map(Object.entries(params)) });
  assert.ok(c.lab, c.diagnostics.map((d) => d.message).join("; "));
  return { ...c, lab: c.lab };
}

function planOf(src: string, params: Record<string, string> = {}): Plan {
  return lower(compiled(src, params).lab);
}

function diffOf(before: string, after: string, params: Record<string, string> = {}): Diff {
  return diffPlans(opsOf(planOf(before).stages), planOf(after, params));
}

/** Each change as `KIND KEY` (and ` <- CAUSE` when something forced it). */
const changes = (d: Diff): string[] =>
  d.changes.map((c) => `${c.kind} ${c.key}${c.because !== undefined ? ` <- ${c.because}` : ""}`);
/** The operations that run, as their words, in order: removals, the new plan's stages, then last removals. */
const runs = (d: Diff): string[] => [
  ...d.undo.map((u) => `undo ${wordsOf(u.op).join(" ")}`),
  ...d.stages.flatMap((s) => s.steps.flatMap((st) => st.ops.map((op) => `make ${line(op)}`))),
  ...d.last.map((u) => `last ${wordsOf(u.op).join(" ")}`),
];
const line = (op: Op) =>
  wordsOf(op)
    .join(" ")
    .replace(/ index \d+/g, "");

const BASE = `lab d
switch lan
node r { forward
  eth0 -> lan 10.0.0.1/24
  eth1 -> s.eth1 10.9.0.0/31
  route 10.7.0.0/16 via 10.9.0.1 }
node s { eth1 10.9.0.1/31 }
node a { eth0 -> lan 10.0.0.10/24
  route default via 10.0.0.1 }
`;

function edit(from: string, to: string, base = BASE): string {
  assert.equal(base.split(from).length, 2, `\`${from}\` occurs once`);
  return base.replace(from, to);
}

test("diff: the same lab is no change, every operation left as it is", () => {
  const d = diffOf(BASE, BASE);
  assert.deepEqual(d.changes, []);
  assert.deepEqual(runs(d), []);
  assert.equal(d.unchanged, opsOf(planOf(BASE).stages).length);
  assert.deepEqual(d.blocked, []);
});

test("diff: a node added is only added — its namespace, its port, its addresses, nothing else touched", () => {
  const d = diffOf(BASE, `${BASE}node b { eth0 -> lan 10.0.0.11/24 }\n`);
  assert.ok(d.changes.every((c) => c.kind === "add"));
  assert.deepEqual(runs(d), [
    "make netns add d.b",
    "make link add name b.eth0 master lan up type veth peer name eth0 netns d.b",
    // The lab declares no IPv6: neither end has a link-local address (made before a carrier).
    "make link set dev b.eth0 addrgenmode none",
    "make link set dev lo alias opentop:d:b",
    "make link set dev lo up",
    "make addr add 10.0.0.11/24 dev eth0",
    "make link set dev eth0 addrgenmode none",
    "make link set dev eth0 up",
  ]);
});

test("diff: a node removed takes its namespace and its port on the switch with it, and nothing else", () => {
  const d = diffOf(`${BASE}node b { eth0 -> lan 10.0.0.11/24 }\n`, BASE);
  assert.ok(d.changes.every((c) => c.kind === "remove"));
  assert.deepEqual(runs(d), ["undo link del dev b.eth0", "undo netns del d.b"]);
  assert.ok(
    d.changes.some((c) => c.key === "addr d.b eth0 10.0.0.11/24" && c.because === undefined),
    "its address is listed, removed with its namespace",
  );
});

test("diff: a step split by a change in another namespace keeps its order — a bridge made before the port that names it", () => {
  // The MTU of lan's ports is set at both ends, in the switches' namespace and in each
  // node's: the switches' step becomes several, which must not run side by side.
  const after = edit("switch lan", "switch lan { mtu 1400 }\nswitch lab2").replace(
    "node s { eth1 10.9.0.1/31 }",
    "node s { eth1 10.9.0.1/31 ; e2 -> lab2 }",
  );
  const d = diffOf(BASE, after);
  const stageOf = (words: string) =>
    d.stages.findIndex((s) => s.steps.some((st) => st.ops.some((op) => line(op) === words)));
  const bridge = stageOf("link add name lab2 type bridge");
  const port = stageOf("link add name s.e2 master lab2 up type veth peer name e2 netns d.s");
  assert.ok(bridge >= 0 && port >= 0, runs(d).join("\n"));
  assert.ok(bridge < port, `the bridge (stage ${bridge}) is made before its port (stage ${port})`);
  for (const s of d.stages) {
    const places = s.steps.map((st) => `${st.tool} ${st.ns ?? "host"}`);
    assert.equal(
      new Set(places).size,
      places.length,
      `one step per namespace and tool in a stage: ${places}`,
    );
  }
});

test("diff: a route's gateway changed is replaced in place (one request: no moment without it)", () => {
  const before = edit("node s { eth1 10.9.0.1/31 }", "node s { eth1 10.9.0.1/31 10.9.1.1/24 }");
  const withAddr = edit("eth1 -> s.eth1 10.9.0.0/31", "eth1 -> s.eth1 10.9.0.0/31 10.9.1.2/24", before);
  const d = diffPlans(opsOf(planOf(withAddr).stages), planOf(edit("via 10.9.0.1", "via 10.9.1.1", withAddr)));
  assert.deepEqual(changes(d), ["update route d.r 4 10.7.0.0/16 0"]);
  assert.deepEqual(runs(d), ["make route replace 10.7.0.0/16 via 10.9.1.1"]);
});

test("diff: a link whose kind changes is made again with what needs it (its addresses and routes), each saying why", () => {
  const after = edit(
    "node a { eth0 -> lan 10.0.0.10/24",
    "node a { eth0 -> r.eth2 10.0.0.10/24",
    BASE,
  ).replace("  eth1 -> s.eth1", "  eth2\n  eth1 -> s.eth1");
  const d = diffOf(BASE, after);
  const c = changes(d);
  assert.ok(c.includes("remove link d a.eth0"), c.join("\n"));
  assert.ok(c.includes("recreate addr d.a eth0 10.0.0.10/24 <- link d a.eth0"), c.join("\n"));
  assert.ok(
    c.some((x) => x.startsWith("recreate route d.a 4 0.0.0.0/0") && x.includes("<-")),
    "the default route goes with the address that put its gateway on the link",
  );
  // The port's removal takes its peer, and the peer's addresses and routes, along: one undo.
  assert.deepEqual(
    runs(d).filter((r) => r.startsWith("undo")),
    ["undo link del dev a.eth0"],
  );
  assert.deepEqual(d.blocked, []);
});

test("diff: an address replaced on its interface is added before the old one goes; the routes through it are untouched", () => {
  const d = diffOf(BASE, edit("node a { eth0 -> lan 10.0.0.10/24", "node a { eth0 -> lan 10.0.0.20/24"));
  assert.deepEqual(changes(d), ["remove addr d.a eth0 10.0.0.10/24", "add addr d.a eth0 10.0.0.20/24"]);
  assert.deepEqual(runs(d), [
    "make addr add 10.0.0.20/24 dev eth0",
    // The old one is the subnet's primary: removed so that the new one takes its place.
    `last sh -c ${wordsOf(d.last[0]?.op as Op)[2]} opentop-addr-promote eth0 10.0.0.10/24`,
  ]);
});

test("diff: an address added beside the one that holds a gateway leaves the route alone", () => {
  const d = diffOf(
    BASE,
    edit("node a { eth0 -> lan 10.0.0.10/24", "node a { eth0 -> lan 10.0.0.10/24 10.0.0.20/24"),
  );
  assert.deepEqual(changes(d), ["add addr d.a eth0 10.0.0.20/24"]);
});

test("diff: the last address of a gateway's subnet removed takes the route first, a plain `addr del` last", () => {
  const d = diffOf(
    BASE,
    edit(
      "node a { eth0 -> lan 10.0.0.10/24\n  route default via 10.0.0.1 }",
      "node a { eth0 -> lan 10.8.0.10/24 }",
    ),
  );
  assert.deepEqual(runs(d), [
    "undo route del 0.0.0.0/0 metric 0",
    "make addr add 10.8.0.10/24 dev eth0",
    "last addr del 10.0.0.10/24 dev eth0",
  ]);
});

test("diff: an address moved to another interface takes its routes along, made again after the new one", () => {
  const before = edit(
    "node a { eth0 -> lan 10.0.0.10/24",
    "node a { eth0 -> lan 10.0.0.10/24\n  e1 -> r.e1",
    BASE,
  ).replace("  eth1 -> s.eth1", "  e1 10.0.1.1/24\n  eth1 -> s.eth1");
  const after = edit(
    "node a { eth0 -> lan 10.0.0.10/24\n  e1 -> r.e1",
    "node a { eth0 -> lan\n  e1 -> r.e1 10.0.0.10/24",
    before,
  );
  const d = diffOf(before, after);
  const c = changes(d);
  assert.ok(
    c.some((x) => x.startsWith("recreate route d.a 4 0.0.0.0/0")),
    c.join("\n"),
  );
});

test("diff: a parameter changes only what uses it — a qdisc, in place", () => {
  const src =
    "lab p\nparam rate = 10mbit\nnode a { eth0 -> b.eth0 10.0.0.1/30 { rate {rate} } }\nnode b { eth0 10.0.0.2/30 }\n";
  const d = diffPlans(opsOf(planOf(src).stages), planOf(src, { rate: "20mbit" }));
  assert.ok(d.changes.length > 0 && d.changes.every((c) => c.kind === "update"), changes(d).join("\n"));
  assert.ok(
    runs(d).every((r) => r.startsWith("make ") && r.includes("qdisc")),
    runs(d).join("\n"),
  );
  assert.ok(runs(d).some((r) => r.includes("rate 20mbit")));
  assert.deepEqual(
    diffPlans(opsOf(planOf(src, { rate: "20mbit" }).stages), planOf(src, { rate: "20mbit" })).changes,
    [],
  );
});

test("diff: from a record, a removed object says where it was in the file as it was", () => {
  const before = `${BASE}node b { eth0 -> lan 10.0.0.11/24 }\n`;
  const c = compiled(before);
  const record = recordOf(c, lower(c.lab), "cli", "");
  const d = diffRecord(record.ops, planOf(BASE));
  const ns = d.changes.find((x) => x.key === "netns d.b");
  assert.equal(ns?.kind, "remove");
  assert.equal(ns?.was, "lab.otop:10:1");
  assert.ok(
    d.changes.every((x) => x.was !== undefined || x.from === undefined || x.from.origin === undefined),
  );
});

test("diff: keys are unique within a plan, so that two plans compare object by object", () => {
  for (const src of [BASE, `${BASE}node b { eth0 -> lan 10.0.0.11/24 fd00::11/64 }\n`]) {
    const keys = opsOf(planOf(src).stages).map(keyOf);
    assert.equal(new Set(keys).size, keys.length);
  }
});

test("diff: from a record (whose operations have no place in a file), an MTU change is still made in place", () => {
  const c = compiled(BASE);
  const record = recordOf(c, lower(c.lab), "cli", "");
  const d = diffRecord(record.ops, planOf(edit("switch lan", "switch lan { mtu 1400 }")));
  // The bridge, and both ends of its ports (the switch's MTU is theirs), each `ip link set`.
  assert.deepEqual(changes(d), ["update link d lan", "update link d r.eth0", "update link d a.eth0"]);
  assert.deepEqual(runs(d), [
    "make link set dev lan mtu 1400",
    "make link set dev r.eth0 mtu 1400",
    "make link set dev eth0 mtu 1400",
    "make link set dev a.eth0 mtu 1400",
    "make link set dev eth0 mtu 1400",
  ]);
});

test("diff: the last IPv6 address removed makes each interface again without a link-local address (the kernel keeps the one an interface that is up has)", () => {
  const v6 = `lab d
switch lan
node r { eth0 -> lan 10.0.0.1/24 fd00::1/64 }
node a { eth0 -> lan 10.0.0.2/24 fd00::2/64 }
`;
  const v4 = v6.replace(/ fd00::\d\/64/g, "");
  const d = diffOf(v6, v4);
  const kinds = changes(d);
  // The veth pairs are made again because of the new setting, and everything on them with them.
  for (const node of ["r", "a"]) {
    assert.ok(
      kinds.some((c) => c.startsWith("recreate ") && c.includes(`${node}.eth0`) && c.includes("<- addrgen")),
      `${node}.eth0 is made again for its addrgenmode:\n${kinds.join("\n")}`,
    );
  }
  const made = runs(d).filter((r) => r.startsWith("make "));
  for (const dev of ["eth0"]) {
    const create = made.findIndex((r) => r.includes("type veth") && r.includes(`name ${dev}`));
    const quiet = made.findIndex((r) => r.includes(`dev ${dev} addrgenmode none`));
    const up = made.indexOf(`make link set dev ${dev} up`);
    assert.ok(
      create >= 0 && create < quiet && quiet < up,
      `created, then addrgenmode none, then up:\n${made.join("\n")}`,
    );
  }
  // The way back is a change of the same kind (the setting is taken back by making it again).
  assert.ok(changes(diffOf(v4, v6)).some((c) => c.startsWith("recreate ")));
  // A lab that had no IPv6 and still has none is not touched.
  assert.deepEqual(changes(diffOf(v4, v4)), []);
});
