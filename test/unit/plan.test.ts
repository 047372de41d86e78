// Lowering: which operations a lab becomes, from where they run, how they are grouped
// into processes, and what undoes them.

import assert from "node:assert/strict";
import { test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import { hostIfaceName, IFNAME_MAX, nodeNetns, portName, switchNetns } from "../../src/model/names.js";
import { lower } from "../../src/plan/lower.js";
import { describe, inverseOf, type Op, wordsOf } from "../../src/plan/ops.js";
import { command, type Plan } from "../../src/plan/plan.js";
import { batchLine } from "../../src/plan/tools.js";
import { KERNEL_BYTES_PER_NAMESPACE, limits } from "../../src/runtime/capacity.js";

function planOf(src: string): Plan {
  const compiled = compileSource(sourceFile("t.otop", src));
  assert.ok(compiled.lab, compiled.diagnostics.map((d) => d.message).join("; "));
  return lower(compiled.lab);
}

const ops = (plan: Plan): Op[] => plan.stages.flatMap((s) => s.steps.flatMap((st) => st.ops));
/** An operation's words, its explicit ifindex (a hash of the end: see INDEX_BASE) as N. */
const line = (op: Op): string =>
  wordsOf(op)
    .join(" ")
    .replace(/ index \d+ /, " index N ");
const processes = (plan: Plan): number => plan.stages.reduce((n, s) => n + s.steps.length, 0);

test("a star of N nodes on one switch takes N + 2 processes", () => {
  const plan = planOf("lab s\nswitch sw\nnode h[1..20] { eth0 -> sw 10.0.0.{i}/24 }\n");
  assert.equal(processes(plan), 22);
  assert.deepEqual(
    plan.stages.map((s) => s.name),
    ["namespaces", "links", "addresses and routes"],
  );
  const [namespaces] = plan.stages;
  assert.equal(namespaces?.steps.length, 1, "all namespaces in one batch");
  assert.deepEqual(command(namespaces?.steps[0] as never).argv, ["ip", "-batch", "-"]);
});

test("switch ports are created in the switches' namespace, joined to their bridge, peer directly in the node", () => {
  const plan = planOf(
    "lab s\nswitch sw { mtu 1400 }\nnode a { eth0 -> sw 10.0.0.1/24 mac 02:00:00:00:00:01 }\n",
  );
  const veth = ops(plan).find((o) => o.kind === "veth.add");
  assert.ok(veth);
  assert.equal(
    line(veth),
    "link add name a.eth0 index N mtu 1400 master sw up type veth peer name eth0 netns s.a mtu 1400 address 02:00:00:00:00:01",
  );
  const step = plan.stages[1]?.steps[0];
  assert.equal(step?.ns, "s", "run inside the switches' namespace");
});

test("point-to-point links are created from the host with both ends in their namespaces", () => {
  const plan = planOf("lab p\nnode a { eth0 -> b.eth1 mtu 9000 }\nnode b { eth1 }\n");
  const veth = ops(plan).find((o) => o.kind === "veth.add");
  assert.ok(veth);
  assert.equal(
    line(veth),
    "link add name eth0 index N netns p.a mtu 9000 type veth peer name eth1 netns p.b mtu 9000",
  );
  assert.equal(inverseOf(veth), null, "deleting a namespace removes the pair");
});

test("no switches: no switches' namespace and no bridge; no sysctls: no sysctl process", () => {
  const plan = planOf("lab p\nnode a { eth0 -> b.eth0 }\nnode b { eth0 }\n");
  const kinds = new Set(ops(plan).map((o) => o.kind));
  assert.ok(!kinds.has("bridge.add"));
  assert.ok(!kinds.has("sysctl.set"));
  assert.deepEqual(
    ops(plan)
      .filter((o) => o.kind === "netns.add")
      .map((o) => (o.kind === "netns.add" ? o.name : "")),
    ["p.a", "p.b"],
  );
});

test("forwarding is set before links; per-interface sysctls after them", () => {
  const plan = planOf(
    "lab r\nnode a { forward\n sysctl net.ipv4.conf.eth0.rp_filter 2\n sysctl net.ipv4.conf.all.rp_filter 0\n eth0 -> b.eth0 }\nnode b { eth0 }\n",
  );
  assert.deepEqual(
    plan.stages.map((s) => `${s.name}: ${s.steps.flatMap((st) => st.ops.map(line)).join(", ")}`),
    [
      "namespaces: netns add r.a, netns add r.b",
      "namespace sysctls: net.ipv4.ip_forward=1, net.ipv6.conf.all.forwarding=1, net.ipv6.conf.default.accept_dad=0, net.ipv4.conf.all.rp_filter=0",
      "links: link add name eth0 index N netns r.a type veth peer name eth0 netns r.b",
      "interface sysctls: net.ipv4.conf.eth0.rp_filter=2",
      // A lab that declares no IPv6 gives the interfaces it makes no link-local address.
      "addresses and routes: link set dev lo alias opentop:r:a, link set dev lo up, link set dev eth0 addrgenmode none, link set dev eth0 up, link set dev lo alias opentop:r:b, link set dev lo up, link set dev eth0 addrgenmode none, link set dev eth0 up",
    ],
  );
  const sysctl = plan.stages[1]?.steps[0];
  assert.deepEqual(command(sysctl as never).argv.slice(0, 3), ["nsenter", "--net=/run/netns/r.a", "--"]);
});

test("a host link: host end created, marked, addressed and up on the host; its inverse deletes it", () => {
  const plan = planOf("lab h\nnode a { up0 -> host 198.51.100.2/30 { host-address 198.51.100.1/30 } }\n");
  const host = ops(plan).filter((o) => "ns" in o && o.ns === null);
  const name = hostIfaceName("h", "a", "up0");
  assert.deepEqual(
    host.map((o) => wordsOf(o).join(" ")),
    [
      `link add name ${name} type veth peer name up0 netns h.a`,
      `link set dev ${name} alias opentop:h:a:up0`,
      `addr add 198.51.100.1/30 dev ${name}`,
      `link set dev ${name} up`,
    ],
  );
  assert.deepEqual(
    plan.teardown[0]?.steps[0]?.ops.map((o) => wordsOf(o).join(" ")),
    [`link del dev ${name}`, "netns del h.a"],
  );
});

test("routes lower with explicit prefixes, so ip infers the family in a batch", () => {
  const plan = planOf(
    "lab r\nnode a { eth0 -> b.eth0 10.0.0.1/30 fd00:1::1/64\n route default via 10.0.0.2 metric 5\n route ::/0 via fd00:1::2 onlink }\nnode b { eth0 10.0.0.2/30 fd00:1::2/64 }\n",
  );
  const routes = ops(plan)
    .filter((o) => o.kind === "route.add")
    .map((o) => wordsOf(o).join(" "));
  assert.deepEqual(routes, [
    "route add 0.0.0.0/0 via 10.0.0.2 metric 5",
    "route add ::/0 via fd00:1::2 onlink",
  ]);
});

test("every operation describes itself; batch lines refuse unsafe words", () => {
  const plan = planOf("lab d\nswitch s\nnode a { eth0 -> s 10.0.0.1/24 }\n");
  for (const op of ops(plan)) assert.ok(describe(op).length > 0);
  assert.throws(() => batchLine(["addr", "add", "10.0.0.1/24;", "rm"]), /unsafe/);
  assert.throws(() => batchLine(["link", "set", "a b"]), /unsafe/);
});

test("port names: NODE.IFACE when it fits, else p.HASH of the port alone, never longer than 15", () => {
  assert.equal(portName("pc1", "eth0"), "pc1.eth0");
  assert.match(portName("averylongnodename", "eth0"), /^p\.[0-9a-z]{10}$/);
  const lab = (nodes: string[]) =>
    `lab s\nswitch sw\n${nodes.map((n) => `node ${n} { eth0 -> sw }`).join("\n")}\n`;
  const names = (source: string) =>
    ops(planOf(source)).flatMap((o) => (o.kind === "veth.add" ? [`${o.a.name} ${o.a.index}`] : []));
  const two = names(lab(["averylongnodename1", "averylongnodename2"]));
  assert.equal(new Set(two).size, 2);
  for (const n of two) assert.ok((n.split(" ")[0] ?? "").length <= IFNAME_MAX, n);
  // A port added before them renames and renumbers neither: `apply` adds one port.
  const three = names(lab(["another-long-node-name", "averylongnodename1", "averylongnodename2"]));
  assert.deepEqual(three.slice(1), two);
});

test("host interface names: at most 15 characters, deterministic, distinct across many similar labs", () => {
  const seen = new Map<string, string>();
  for (let lab = 0; lab < 2000; lab++) {
    for (const node of ["router", "router-with-a-very-long-name"]) {
      const key = `lab-with-a-long-similar-name-${lab}/${node}/uplink`;
      const name = hostIfaceName(`lab-with-a-long-similar-name-${lab}`, node, "uplink");
      assert.ok(name.length <= IFNAME_MAX, name);
      assert.match(name, /^ot-[0-9a-z]{6}-uplin$/);
      assert.equal(name, hostIfaceName(`lab-with-a-long-similar-name-${lab}`, node, "uplink"));
      assert.ok(!seen.has(name), `${key} collides with ${seen.get(name)}`);
      seen.set(name, key);
    }
  }
});

test("OT6015, OT6080, OT6081: a lab the machine cannot hold is refused before anything is done", () => {
  const plan = planOf("lab s\nswitch sw\nnode h[1..20] { eth0 -> sw }\n");
  const roomy = { maxNamespaces: 100, namespaces: 10, maxMounts: 1000, mounts: 40, memory: 2 ** 30 };
  assert.deepEqual(limits(plan, roomy), []);
  const [d] = limits(plan, { ...roomy, maxNamespaces: 25 });
  assert.equal(d?.code, "OT6015");
  assert.match(d?.message ?? "", /needs 21 network namespaces; the machine allows 25/);
  const [m] = limits(plan, { ...roomy, maxMounts: 60 });
  assert.equal(m?.code, "OT6080");
  assert.match(m?.message ?? "", /needs 21 mounts; the machine allows 60, and 40 are in use/);
  const [k] = limits(plan, { ...roomy, memory: 20 * KERNEL_BYTES_PER_NAMESPACE });
  assert.equal(k?.code, "OT6081");
  assert.match(k?.message ?? "", /needs about 7 MB of kernel memory; the machine has 6 MB available/);
  // What is not known here (no /proc) does not refuse.
  const unknown = {
    maxNamespaces: Infinity,
    namespaces: 0,
    maxMounts: Infinity,
    mounts: 0,
    memory: Infinity,
  };
  assert.deepEqual(limits(plan, unknown), []);
});

test("namespace names: LAB.NODE is unique across labs because names never contain a dot", () => {
  const names = new Set<string>();
  const labs = ["a", "a-b", "ab", "a_b", "lab", "lab-1"];
  const nodes = ["b", "b-c", "c", "b_c", "lab", "1x".replace("1", "n")];
  for (const l of labs)
    for (const n of nodes) {
      const ns = nodeNetns(l, n);
      assert.ok(!names.has(ns), ns);
      names.add(ns);
    }
  for (const l of labs) assert.ok(!names.has(switchNetns(l)), "a lab's switches' namespace is no node's");
});
