// Lowering: the checked model to a plan of primitive operations. This is the only place
// that decides in which order the kernel is asked to do things; what each kind of thing
// needs is decided by its own module (links: src/plan/links/, filters: firewall.ts,
// isolation: isolation.ts, a node's addresses and routes: node.ts).

import { addTo } from "../group.js";
import { isolates } from "../model/isolation.js";
import type { Iface, Lab, Switch } from "../model/model.js";
import { nodeNetns, stableNumber } from "../model/names.js";
import { firewallOps } from "./firewall.js";
import { lowerIsolation } from "./isolation.js";
import { labDirIn } from "./layout.js";
import { hostDevices, type LinkContext, linkOps } from "./links/index.js";
import { INDEX_BASE, INDEX_SPAN } from "./links/kind.js";
import { declaresIpv6, nodeConfig, nodeShaping, sysctls } from "./node.js";
import { type Op, whereOf } from "./ops.js";
import type { Plan, Stage } from "./plan.js";
import { steps } from "./plan.js";
import { type Platform, platform as withDefaults } from "./platform.js";
import { readinessOps } from "./ready.js";
import { teardown } from "./teardown.js";
import { lowerTests } from "./tests.js";

export type { Platform } from "./platform.js";

export function lower(lab: Lab, given: Partial<Platform> = {}): Plan {
  const platform = withDefaults(given);
  // A node that does not isolate its network shares the host's: no namespace, no batch.
  const networked = lab.nodes.filter((n) => isolates(n.isolation, "net"));
  const ctx = linkContext(lab, platform);
  const links = linkOps(ctx);
  const namespaces: Op[] = [
    ...links.namespaces,
    ...networked.map((n): Op => ({ kind: "netns.add", name: ctx.ns(n.name), node: n.name, origin: n.span })),
  ];
  // Every veth is created with both ends directly in their namespaces: from the host for
  // links between nodes and to the host, from the switches' namespace for switch ports (so
  // that each port joins its bridge in the same request). The host's batch goes first.
  const { create, stack, attach, shape } = links.phases;
  const fromHost = create.filter((op) => whereOf(op) === null);
  const elsewhere = create.filter((op) => whereOf(op) !== null);
  const isolation = lowerIsolation(lab, platform.cgroups, platform.runDir);
  const nodes = { lab: lab.name, linkLocal: declaresIpv6(lab), hostDevices: hostDevices(lab.links) };

  const stages: Stage[] = [
    { name: "namespaces", steps: steps(namespaces) },
    // Before any interface exists, so that `conf.default.*` applies to the interfaces made next.
    { name: "namespace sysctls", steps: networked.flatMap((n) => steps(sysctls(n, ctx.ns(n.name), false))) },
    // Before any link exists: no packet ever crosses a node unfiltered. Rules name
    // interfaces (iifname), so they need not exist yet.
    { name: "filters", steps: firewallOps(lab, platform.firewall).flatMap(steps) },
    { name: "links", steps: [...steps(fromHost), ...steps(elsewhere)] },
    // On parents the links stage made: VLAN sub-interfaces, macvlans on a node's interface.
    { name: "stacked interfaces", steps: steps(stack) },
    // Ports that exist: the VLANs of a VLAN-aware switch's ports.
    { name: "switch VLANs", steps: steps(attach) },
    { name: "interface sysctls", steps: networked.flatMap((n) => steps(sysctls(n, ctx.ns(n.name), true))) },
    // Before the interfaces go up: no packet crosses a shaped link unshaped.
    {
      name: "shaping",
      steps: steps(byPlace([...networked.flatMap((n) => nodeShaping(n, ctx.ns(n.name))), ...shape])),
    },
    {
      name: "addresses and routes",
      steps: networked.flatMap((n) => steps(nodeConfig(n, ctx.ns(n.name), nodes))),
    },
    // Everything else a node isolates, its limits and its services.
    ...isolation.stages,
    // Then `up` waits until every service is ready (or fails, and rolls back).
    { name: "readiness", steps: steps(readinessOps(lab, isolation.nodes)) },
  ].filter((s) => s.steps.length > 0);

  return {
    lab: lab.name,
    stages,
    teardown: teardown(stages),
    ...(Object.keys(isolation.nodes).length ? { nodes: isolation.nodes } : {}),
    ...(lab.expectations.length ? { tests: lowerTests(lab, platform.runDir) } : {}),
  };
}

/** Operations grouped by where they run (in order of first appearance), each group in order. */
function byPlace(ops: readonly Op[]): Op[] {
  const groups = new Map<string | null, Op[]>();
  for (const op of ops) addTo(groups, whereOf(op), op);
  return [...groups.values()].flat();
}

function linkContext(lab: Lab, platform: Platform): LinkContext {
  const ifaces = new Map<string, Iface>();
  for (const n of lab.nodes) for (const i of n.ifaces) ifaces.set(`${n.name}.${i.name}`, i);
  const switches = new Map<string, Switch>(lab.switches.map((s) => [s.name, s]));
  const taken = new Map<string, Set<number>>();
  return {
    lab,
    platform,
    labDir: labDirIn(platform.runDir, lab.name),
    ns: (node) => nodeNetns(lab.name, node),
    iface: (node, name) => ifaces.get(`${node}.${name}`),
    switchOf: (name) => switches.get(name),
    index(ns, node, iface) {
      const used = taken.get(ns) ?? new Set<number>();
      taken.set(ns, used);
      let index = INDEX_BASE + (stableNumber(`${node}/${iface}`) % INDEX_SPAN);
      while (used.has(index)) index = INDEX_BASE + ((index - INDEX_BASE + 1) % INDEX_SPAN);
      used.add(index);
      return index;
    },
  };
}
