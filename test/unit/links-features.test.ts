// The compiler's side of shaping, multipath routes, VLANs and the host's NICs: what each
// statement means in the model, what it lowers to, and what it must refuse.

import assert from "node:assert/strict";
import { test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import type { Lab } from "../../src/model/model.js";
import { FEATURES } from "../../src/plan/features.js";
import { lower } from "../../src/plan/lower.js";
import { describe, featureUsers, type Op, wordsOf } from "../../src/plan/ops.js";
import { opsOf } from "../../src/plan/plan.js";
import { isProgram } from "../../src/plan/programs.js";
import { comparedParams, kernelRate, printedRate, rateWord } from "../../src/plan/qdisc.js";
import { burstOf, limitOf, qdiscOps } from "../../src/plan/shaping.js";
import { NIC_GIVE, NIC_SAVED_HEAD, NIC_TAKE, nicSavedHead } from "../../src/plan/snippets.js";

function compile(body: string) {
  return compileSource(sourceFile("t.otop", `lab t\n${body}`));
}

function lab(body: string): Lab {
  const c = compile(body);
  assert.deepEqual(
    c.diagnostics.map((d) => `${d.code} ${d.message}`),
    [],
  );
  assert.ok(c.lab);
  return c.lab;
}

function codes(body: string): string[] {
  return compile(body).diagnostics.map((d) => d.code);
}

/** The batch lines (or argv) of every operation of a kind, in plan order. */
function lines(l: Lab, kind: Op["kind"]): string[] {
  return opsOf(lower(l).stages)
    .filter((op) => op.kind === kind)
    .map((op) => wordsOf(op).join(" "));
}

const P2P = (opts: string, other = "") =>
  `node a { eth0 -> b.eth0 10.0.0.1/30 { ${opts} } }\nnode b { eth0 10.0.0.2/30 ${other} }\n`;

// ---- shaping ------------------------------------------------------------------------

test("shaping: values in the units people write", () => {
  const i = lab(P2P("rate 10mbps burst 32k delay 1.5ms jitter 500us loss 0.1% limit 300")).nodes[0]
    ?.ifaces[0];
  assert.deepEqual(
    { ...i?.egress, span: undefined },
    { rate: 80e6, burst: 32768, delay: 1500, jitter: 500, loss: 0.1, limit: 300, mtu: 1500, span: undefined },
  );
  assert.equal(rateWord(80e6), "80mbit");
  assert.equal(rateWord(12_345_678), "12345678bit");
  // As tc prints the kernel's bytes per second.
  assert.equal(printedRate(kernelRate(10e6)), "10Mbit");
  assert.equal(printedRate(kernelRate(12_345_678)), "12345Kbit");
  assert.equal(printedRate(kernelRate(1.5e6)), "1500Kbit");
  assert.deepEqual(comparedParams({ kind: "pfifo", limit: 50 }), [["limit", "50p"]]);
});

test("shaping: bad values and knobs without what they modify are refused", () => {
  assert.deepEqual(codes(P2P("rate 10")), ["OT2020"]);
  assert.deepEqual(codes(P2P("rate 1bit")), ["OT2020"]);
  assert.deepEqual(codes(P2P("delay 20")), ["OT2020"]);
  assert.deepEqual(codes(P2P("loss 0%")), ["OT2020"]);
  assert.deepEqual(codes(P2P("loss 101%")), ["OT2020"]);
  assert.deepEqual(codes(P2P("limit 0")), ["OT2020"]);
  assert.deepEqual(codes(P2P("rate 1mbit rate 2mbit")), ["OT2020"]);
  assert.deepEqual(codes(P2P("burst 32k")), ["OT2021"]);
  assert.deepEqual(codes(P2P("jitter 5ms")), ["OT2021"]);
  assert.deepEqual(codes(P2P("rate 1mbit burst 1500")), ["OT2022"], "1514 bytes with the Ethernet header");
  assert.deepEqual(codes(P2P("rate 1mbit burst 1514")), []);
  assert.deepEqual(codes(P2P("delay 5ms jitter 10ms")), ["OT2025"]);
  assert.deepEqual(codes("node a { lo 10.9.9.9/32 { rate 1mbit } }\n"), ["OT2008"]);
});

test("shaping: `both` lands where what the interface receives leaves", () => {
  // A point-to-point pair: the other end's egress.
  const p2p = lab(P2P("rate 5mbit both"));
  assert.equal(p2p.nodes[1]?.ifaces[0]?.egress?.rate, 5e6);
  assert.equal(p2p.nodes[0]?.ifaces[0]?.ingress, undefined);
  // … unless it shapes that direction itself.
  assert.deepEqual(codes(P2P("rate 5mbit both", "{ rate 1mbit }")), ["OT2024"]);
  assert.deepEqual(codes(P2P("both")), ["OT2023"]);
  // A switch port and the host's end: the link's own ends, shaped by its lowering.
  const sw = lab("switch s { mtu 9000 }\nnode a { eth0 -> s 10.0.0.1/24 { rate 5mbit both } }\n");
  assert.equal(sw.nodes[0]?.ifaces[0]?.ingress?.mtu, 9000, "the segment's MTU sizes the defaults");
  assert.deepEqual(lines(sw, "qdisc.add"), [
    "qdisc add dev eth0 root handle 1: tbf rate 5mbit burst 90140b limit 9014000b",
    "qdisc add dev eth0 parent 1:1 handle 10: pfifo limit 1000",
    "qdisc add dev a.eth0 root handle 1: tbf rate 5mbit burst 90140b limit 9014000b",
    "qdisc add dev a.eth0 parent 1:1 handle 10: pfifo limit 1000",
  ]);
  const host = lab("node a { up -> host 198.51.100.130/30 { rate 1mbit both } }\n");
  assert.ok(
    opsOf(lower(host).stages).some((op) => op.kind === "qdisc.add" && op.ns === null),
    "the host's end is shaped on the host",
  );
  // A VLAN sub-interface has no other end of its own.
  assert.deepEqual(codes("switch s\nnode a { eth0 -> s\n  eth0.10 10.0.0.1/24 { rate 1mbit both } }\n"), [
    "OT2023",
  ]);
});

test("shaping: the lowering, its defaults, and its qdiscs in their stage", () => {
  const s = { mtu: 1500, span: { file: sourceFile("x", ""), start: 0, end: 0 } };
  assert.equal(burstOf({ ...s, rate: 10e6 }), 15_140, "10 packets at low rates");
  assert.equal(burstOf({ ...s, rate: 1e9 }), 125_000, "1 ms at high rates");
  assert.equal(limitOf({ ...s, rate: 10e6 }), 1000, "the kernel's queue without a delay");
  assert.equal(limitOf({ ...s, rate: 1e9, delay: 100_000 }), 16_513, "twice the link's bytes in flight");
  assert.equal(limitOf({ ...s, delay: 10_000 }), 16_513, "10 Gbit/s without a rate");
  const kinds = (ops: Op[]) =>
    ops.map((op) => (op.kind === "qdisc.add" ? `${op.handle}${op.qdisc.kind}` : ""));
  assert.deepEqual(kinds(qdiscOps("n", "e", { ...s, rate: 1e6 })), ["1:tbf", "10:pfifo"]);
  assert.deepEqual(kinds(qdiscOps("n", "e", { ...s, rate: 1e6, loss: 1 })), ["1:tbf", "10:netem"]);
  assert.deepEqual(kinds(qdiscOps("n", "e", { ...s, delay: 5000 })), ["1:netem"]);
  assert.deepEqual(kinds(qdiscOps("n", "e", { ...s, limit: 20 })), ["1:pfifo"]);
  // Jitter keeps packets in order: netem gets a rate (the link's, or a far higher one).
  const jitter = qdiscOps("n", "e", { ...s, delay: 5000, jitter: 1000 })[0];
  assert.equal(
    jitter && wordsOf(jitter).join(" "),
    "qdisc add dev e root handle 1: netem limit 9908 delay 5ms 1ms rate 100gbit",
  );
  const withRate = qdiscOps("n", "e", { ...s, rate: 2e6, delay: 5000, jitter: 1000 })[1];
  assert.match(withRate ? wordsOf(withRate).join(" ") : "", / rate 2mbit$/);
  // After the links and their sysctls, before anything is up; one tc per namespace.
  const plan = lower(
    lab(
      `${P2P("rate 1mbit")}node c { e -> b.e 10.1.0.1/30 { rate 2mbit } }\n`.replace(
        "node b { eth0 10.0.0.2/30  }",
        "node b { eth0 10.0.0.2/30; e 10.1.0.2/30 { limit 9 } }",
      ),
    ),
  );
  const names = plan.stages.map((st) => st.name);
  assert.ok(
    names.indexOf("shaping") > names.indexOf("links") &&
      names.indexOf("shaping") < names.indexOf("addresses and routes"),
  );
  const shaping = plan.stages.find((st) => st.name === "shaping");
  assert.deepEqual(
    shaping?.steps.map((st) => `${st.tool} ${st.ns} ${st.ops.length}`),
    ["tc t.a 2", "tc t.b 1", "tc t.c 2"],
  );
});

// ---- multipath routes -----------------------------------------------------------------

const TWO_PATHS = (route: string) =>
  `node r { forward; e1 -> a.e 10.0.1.1/30; e2 -> b.e 10.0.2.1/30; e3 -> a.f 10.0.3.1/30\n  ${route} }\nnode a { forward; e 10.0.1.2/30; f 10.0.3.2/30 }\nnode b { forward; e 10.0.2.2/30 }\n`;

test("multipath: repeated `via`, or `nexthop` with weights, is one route", () => {
  assert.deepEqual(lines(lab(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 via 10.0.2.2")), "route.add"), [
    "route add 10.9.0.0/16 nexthop via 10.0.1.2 dev e1 weight 1 nexthop via 10.0.2.2 dev e2 weight 1",
  ]);
  assert.deepEqual(
    lines(
      lab(TWO_PATHS("route 10.9.0.0/16 metric 7 nexthop via 10.0.1.2 weight 3 nexthop dev e2 weight 2")),
      "route.add",
    ),
    ["route add 10.9.0.0/16 metric 7 nexthop via 10.0.1.2 dev e1 weight 3 nexthop dev e2 weight 2"],
  );
  // `dev` belongs to the path it follows.
  assert.deepEqual(
    lines(lab(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 dev e1 via 10.0.3.2 dev e3")), "route.add"),
    ["route add 10.9.0.0/16 nexthop via 10.0.1.2 dev e1 weight 1 nexthop via 10.0.3.2 dev e3 weight 1"],
  );
  const plan = lower(lab(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 via 10.0.2.2")));
  assert.deepEqual([...featureUsers(opsOf(plan.stages)).keys()], ["veth", "multipath"]);
});

test("multipath: a route's paths are checked like a route's gateway", () => {
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 via 10.0.1.2")), ["OT3021"]);
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 weight 2")), ["OT3021"]);
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 nexthop weight 2 nexthop via 10.0.1.2")), ["OT3021"]);
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 weight 257 via 10.0.2.2")), ["OT3007"]);
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 via 10.7.0.1")), ["OT3001"]);
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 via fd00::1")), ["OT3002"]);
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 dev e1 dev e2")), ["OT3021"]);
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 metric 1 metric 2")), ["OT3007"]);
});

test("multipath: an IPv6 route's paths each need a gateway, as the kernel's multipath API has it", () => {
  const v6 = (route: string) =>
    `node r { forward; e1 -> a.e fd01::1/64; e2 -> b.e fd02::1/64\n  ${route} }\nnode a { forward; e fd01::2/64 }\nnode b { forward; e fd02::2/64 }\n`;
  assert.deepEqual(codes(v6("route fd09::/64 nexthop dev e1 nexthop via fd02::2")), ["OT3021"]);
  assert.deepEqual(codes(v6("route fd09::/64 nexthop dev e1 nexthop dev e2")), ["OT3021"]);
  assert.deepEqual(codes(v6("route fd09::/64 via fd01::2 via fd02::2")), []);
  assert.deepEqual(codes(v6("route fd09::/64 dev e1")), [], "one path may be the interface alone");
  // IPv4's multipath takes a path without a gateway.
  assert.deepEqual(codes(TWO_PATHS("route 10.9.0.0/16 nexthop dev e1 nexthop via 10.0.2.2")), []);
});

test("OT3020: a node other nodes route through must forward; its own addresses need not", () => {
  const router = (forward: string, route: string) =>
    `node r { ${forward} e -> h.e 10.0.0.1/30; lo 10.255.0.1/32 }\nnode h { e 10.0.0.2/30; ${route} }\n`;
  assert.deepEqual(codes(router("", "route default via 10.0.0.1")), ["OT3020"]);
  assert.deepEqual(codes(router("forward;", "route default via 10.0.0.1")), []);
  assert.deepEqual(codes(router("sysctl net.ipv4.ip_forward 1;", "route default via 10.0.0.1")), []);
  assert.deepEqual(codes(router("", "route 10.255.0.1/32 via 10.0.0.1")), [], "delivered, not forwarded");
  // Through a multipath route too, once per node.
  assert.deepEqual(
    codes(TWO_PATHS("route 10.9.0.0/16 via 10.0.1.2 via 10.0.2.2").replace("node b { forward;", "node b {")),
    ["OT3020"],
  );
});

// ---- VLANs ----------------------------------------------------------------------------

test("VLAN sub-interfaces: named PARENT.VID, stacked once their parent exists", () => {
  const l = lab("switch s\nnode a { eth0 -> s\n  eth0.10 10.0.10.1/24 mtu 1400\n  eth0.20 10.0.20.1/24 }\n");
  assert.deepEqual(lines(l, "vlan.add"), [
    "link add link eth0 name eth0.10 mtu 1400 type vlan id 10",
    "link add link eth0 name eth0.20 type vlan id 20",
  ]);
  const names = lower(l).stages.map((s) => s.name);
  assert.ok(names.indexOf("stacked interfaces") === names.indexOf("links") + 1);
  assert.deepEqual(codes("switch s\nnode a { eth0 -> s\n  eth0.0 10.0.0.1/24 }\n"), ["OT2030"]);
  assert.deepEqual(codes("switch s\nnode a { eth0 -> s\n  eth0.10 -> s }\n"), ["OT2031"]);
  assert.deepEqual(codes("node a { eth1.10 10.0.0.1/24 }\n"), ["OT1008"]);
  assert.deepEqual(codes("node a { lo.10 10.0.0.1/24 }\n"), ["OT1013"]);
  assert.deepEqual(codes("switch s\nnode a { eth0 -> s\n  eth0.10x 10.0.0.1/24 }\n"), ["OT1003"]);
  // VLAN 10 of one switch is one segment: an address twice on it is refused.
  assert.deepEqual(
    codes(
      "switch s\nnode a { eth0 -> s\n  eth0.10 10.0.0.1/24 }\nnode b { eth0 -> s\n  eth0.10 10.0.0.1/24 }\n",
    ),
    ["OT2002"],
  );
});

test("VLAN-aware switches: ports carry what they say, with no default VLAN", () => {
  const l = lab(
    "switch core { vlan-aware }\nnode r { forward; t -> core { trunk 1,10,20-22 native 1 }\n  t.10 10.0.10.1/24 }\nnode p { e -> core 10.0.10.2/24 { access 10 } }\n",
  );
  assert.deepEqual(lines(l, "bridge.add"), [
    "link add name core type bridge vlan_filtering 1 vlan_default_pvid 0",
  ]);
  assert.deepEqual(lines(l, "port.vlan"), [
    "vlan add dev r.t vid 10",
    "vlan add dev r.t vid 20-22",
    "vlan add dev r.t vid 1 pvid untagged",
    "vlan add dev p.e vid 10 pvid untagged",
  ]);
  const plan = lower(l);
  assert.equal(plan.stages.find((s) => s.name === "switch VLANs")?.steps[0]?.tool, "bridge");
  assert.deepEqual([...featureUsers(opsOf(plan.stages)).keys()], ["bridge", "bridge-vlan", "veth", "vlan"]);
  // An access port and a trunk's subinterface of its VLAN are one segment.
  assert.deepEqual(
    codes(
      "switch core { vlan-aware }\nnode r { t -> core { trunk 10 }\n  t.10 10.0.10.1/24 }\nnode p { e -> core 10.0.10.1/24 { access 10 } }\n",
    ),
    ["OT2002"],
  );
});

test("VLAN-aware switches: the traps", () => {
  const on = (sw: string, port: string, more = "") => `switch s ${sw}\nnode a { e -> s ${port}${more} }\n`;
  assert.deepEqual(codes(on("", "{ access 10 }")), ["OT2033"], "VLANs on a plain switch");
  assert.deepEqual(codes(on("{ vlan-aware }", "{ access 10 trunk 20 }")), ["OT2033"]);
  assert.deepEqual(codes(on("{ vlan-aware }", "{ native 10 }")), ["OT2033"]);
  assert.deepEqual(codes(on("{ vlan-aware }", "")), ["OT2034"], "a port that names no VLAN");
  assert.deepEqual(codes(on("{ vlan-aware }", "{ trunk 10,20 native 1 }")), ["OT2035"]);
  assert.deepEqual(codes(on("{ vlan-aware }", "10.0.0.1/24 { trunk 10 }")), ["OT2036"]);
  assert.deepEqual(codes(on("{ vlan-aware }", "{ trunk 10 }", "\n  e.20 10.0.20.1/24")), ["OT2037"]);
  assert.deepEqual(codes(on("{ vlan-aware }", "{ access 10 }", "\n  e.10 10.0.20.1/24")), ["OT2037"]);
  assert.deepEqual(codes(on("{ vlan-aware }", "{ access 5000 }")), ["OT2030"]);
  assert.deepEqual(codes(on("{ vlan-aware }", "{ access 10,20 }")), ["OT2030"]);
  assert.deepEqual(codes("node a { e -> b.e { access 10 } }\nnode b { e }\n"), ["OT2008"]);
});

// ---- the host's NICs -------------------------------------------------------------------

test("host NICs: a macvlan on one, or one moved in, given back at tear-down", () => {
  const l = lab(
    "node a {\n  m -> host.enp3s0 10.0.0.1/24\n  p -> host.enp3s0 10.0.0.2/24 { macvlan vepa }\n  w -> host.enp4s0 10.1.0.1/24 { move mtu 9000 }\n}\n",
  );
  assert.deepEqual(lines(l, "macvlan.add"), [
    "link add link enp3s0 name m netns t.a type macvlan mode bridge",
    "link add link enp3s0 name p netns t.a type macvlan mode vepa",
  ]);
  const plan = lower(l);
  const take = opsOf(plan.stages).find((op) => op.kind === "nic.take");
  assert.deepEqual(take && wordsOf(take).slice(3), [
    "opentop-nic-take",
    "enp4s0",
    "t.a",
    "w",
    "/run/opentop/t/nics/enp4s0",
    "mtu",
    "9000",
  ]);
  // Tear-down gives the NIC back before the namespace that holds it goes.
  const down = plan.teardown.map(
    (s) => `${s.name}: ${s.steps.flatMap((st) => st.ops.map(describe)).join("; ")}`,
  );
  assert.deepEqual(down, [
    "give host interfaces back: give the host's enp4s0 back from t.a, as it was",
    "teardown: delete network namespace t.a and everything in it",
  ]);
  for (const op of opsOf([...plan.stages, ...plan.teardown]))
    if (op.kind === "nic.take" || op.kind === "nic.give") assert.ok(wordsOf(op).every((w) => w !== ""));
});

test("host NICs: modes, and a NIC used twice, are checked", () => {
  assert.deepEqual(codes("node a { m -> host.eth0 { macvlan bridged } }\n"), ["OT2040"]);
  assert.deepEqual(codes("node a { m -> host.eth0 { move macvlan bridge } }\n"), ["OT2040"]);
  assert.deepEqual(codes("node a { m -> host.eth0 { move }\n  n -> host.eth0 }\n"), ["OT2041"]);
  assert.deepEqual(codes("node a { m -> host.eth0 { macvlan passthru } }\nnode b { m -> host.eth0 }\n"), [
    "OT2041",
  ]);
  assert.deepEqual(
    codes("node a { m -> host.eth0 }\nnode b { m -> host.eth0 }\n"),
    [],
    "bridge macvlans share a NIC",
  );
  assert.deepEqual(codes("node a { m -> host.1bad }\n"), ["OT1003"]);
  assert.deepEqual(codes("node a { m -> b.e { move } }\nnode b { e }\n"), ["OT2008"]);
});

// ---- kernel features -----------------------------------------------------------------

test("kernel features: each probe runs a program of the table, on a throwaway namespace's own objects", () => {
  for (const [name, f] of Object.entries(FEATURES)) {
    assert.ok(isProgram(f.probe.argv[0]), name);
    assert.doesNotMatch(
      `${f.probe.argv.join(" ")}\n${"stdin" in f.probe ? f.probe.stdin : ""}`,
      /netns|\/run\//,
      name,
    );
  }
  const plan = lower(
    lab(`${P2P("rate 1mbit delay 1ms")}switch s { vlan-aware }\nnode c { e -> s { access 1 } }\n`),
  );
  assert.deepEqual([...featureUsers(opsOf(plan.stages)).keys()].sort(), [
    "bridge",
    "bridge-vlan",
    "netem",
    "tbf",
    "veth",
  ]);
});

test("host NICs: the saved state's first line is the one every reader checks", () => {
  // nic-take writes it with sh's variables; nic-give, the guards and discovery compare it.
  const head = nicSavedHead("enp4s0", "t.a", "w");
  assert.match(
    NIC_TAKE,
    /echo "# opentop: the state of \$nic before it was moved into \$ns as \$name; down restores it"/,
  );
  assert.match(
    NIC_GIVE,
    /"# opentop: the state of \$nic before it was moved into \$\{ns##\*\/\} as \$name; down restores it"/,
  );
  assert.deepEqual(NIC_SAVED_HEAD.exec(head)?.slice(1), ["enp4s0", "t.a", "w"]);
});
