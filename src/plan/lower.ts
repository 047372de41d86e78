// Lowering: the checked model to a plan of primitive operations. This is the only place
// that decides in which order the kernel is asked to do things; what each kind of thing
// needs is decided by its own module (links: src/plan/links/, filters: firewall.ts,
// isolation: isolation.ts, a node's addresses and routes: node.ts).

import { addTo } from "../group.js";
import { isolates } from "../model/isolation.js";
import type { SwitchLink } from "../model/links/index.js";
import type { Iface, Lab, Link, Machine, Switch, Tunnel } from "../model/model.js";
import { nodeNetns, stableNumber } from "../model/names.js";
import { machineNamed, machinesInUse, partOn } from "../model/part.js";
import { firewallOps } from "./firewall.js";
import { lowerIsolation } from "./isolation.js";
import { labDirIn } from "./layout.js";
import { hostDevices, type LinkContext, linkOps } from "./links/index.js";
import { INDEX_BASE, INDEX_SPAN } from "./links/kind.js";
import { declaresIpv6, nodeConfig, nodeShaping, sysctls } from "./node.js";
import { type Op, whereOf } from "./ops.js";
import type { Underlay } from "./owned.js";
import type { Plan, Stage, Step } from "./plan.js";
import { steps } from "./plan.js";
import { type Platform, platform as withDefaults } from "./platform.js";
import { readinessOps } from "./ready.js";
import { teardown } from "./teardown.js";
import { lowerTests } from "./tests.js";

export type { Platform } from "./platform.js";

/**
 * The plan of one machine: of `platform.machine`'s part of a lab with machines (each part is
 * lowered on its own, from the same model, so every machine's plan agrees with the others'
 * on the tunnels between them), or of a whole lab without machines.
 */
export function lower(whole: Lab, given: Partial<Platform> = {}): Plan {
  const platform = withDefaults(given);
  const machine = platform.machine !== undefined ? machineNamed(whole, platform.machine) : undefined;
  if (whole.machines.length > 0 && !machine)
    throw new Error(
      `internal: lab ${whole.name} is lowered one of its machines at a time, not "${platform.machine}"`,
    );
  const lab = partOn(whole, machine?.name);
  const ctx = linkContext(whole, lab, platform, machine);
  const links = linkOps(ctx);
  const nodes = { lab: lab.name, linkLocal: declaresIpv6(lab), hostDevices: hostDevices(lab.links) };
  // Each node's part of the stages, made in one pass over the nodes. A node that does not
  // isolate its network shares the host's: no namespace, no batch.
  const namespaces: Op[] = [...links.namespaces];
  const own = {
    sysctls: [] as Step[],
    ifaceSysctls: [] as Step[],
    shaping: [] as Op[],
    config: [] as Step[],
  };
  for (const n of lab.nodes) {
    if (!isolates(n.isolation, "net")) continue;
    const ns = ctx.ns(n.name);
    namespaces.push({ kind: "netns.add", name: ns, node: n.name, origin: n.span });
    const set = sysctls(n, ns);
    own.sysctls.push(...steps(set.namespace));
    own.ifaceSysctls.push(...steps(set.ifaces));
    nodeShaping(n, ns, own.shaping);
    own.config.push(...steps(nodeConfig(n, ns, nodes)));
  }
  // Every veth is created with both ends directly in their namespaces: from the host for
  // links between nodes and to the host, from the switches' namespace for switch ports (so
  // that each port joins its bridge in the same request). The host's batch goes first.
  const { create, stack, join, attach, shape } = links.phases;
  const fromHost = create.filter((op) => whereOf(op) === null);
  const elsewhere = create.filter((op) => whereOf(op) !== null);
  const isolation = lowerIsolation(lab, platform.cgroups, platform.runDir);

  const stages: Stage[] = [
    { name: "namespaces", steps: steps(namespaces) },
    // Before any interface exists, so that `conf.default.*` applies to the interfaces made next.
    { name: "namespace sysctls", steps: own.sysctls },
    // Before any link exists: no packet ever crosses a node unfiltered. Rules name
    // interfaces (iifname), so they need not exist yet.
    { name: "filters", steps: firewallOps(lab, platform.firewall).flatMap(steps) },
    { name: "links", steps: [...steps(fromHost), ...steps(elsewhere)] },
    // On parents the links stage made: VLAN sub-interfaces, macvlans on a node's interface.
    { name: "stacked interfaces", steps: steps(stack) },
    // Tunnels made from this machine's namespace become ports of their switches' bridges.
    { name: "switch tunnels", steps: steps(join) },
    // Ports that exist: the VLANs of a VLAN-aware switch's ports.
    { name: "switch VLANs", steps: steps(attach) },
    { name: "interface sysctls", steps: own.ifaceSysctls },
    // Before the interfaces go up: no packet crosses a shaped link unshaped.
    { name: "shaping", steps: steps(byPlace([...own.shaping, ...shape])) },
    { name: "addresses and routes", steps: own.config },
    // Everything else a node isolates, its limits and its services.
    ...isolation.stages,
    // Then `up` waits until every service is ready (or fails, and rolls back).
    { name: "readiness", steps: steps(readinessOps(lab, isolation.nodes)) },
  ].filter((s) => s.steps.length > 0);

  let down: readonly Stage[] | undefined;
  return {
    lab: lab.name,
    ...(machine ? { machine: machine.name } : {}),
    stages,
    // Made when first asked: `opentop plan` of a large lab shows only the stages.
    get teardown() {
      down ??= teardown(stages);
      return down;
    },
    ...(Object.keys(isolation.nodes).length ? { nodes: isolation.nodes } : {}),
    // A machine's part holds no test: its probes and listeners would be on several machines
    // (`opentop test` refuses a lab with machines, OT8024).
    ...(lab.expectations.length && !machine ? { tests: lowerTests(lab, platform.runDir) } : {}),
  };
}

/**
 * What the underlay to `peer` must carry for this machine's tunnels to it: the largest
 * packet of any of them (src/model/tunnels.ts).
 */
function underlayTo(tunnels: readonly Tunnel[], here: Machine | undefined, peer: Machine): Underlay {
  const sizes = tunnels
    .filter((t) => here && t.machines.includes(here.name) && t.machines.includes(peer.name))
    .map((t) => t.size);
  return { machine: peer.name, address: peer.address, family: peer.family, size: Math.max(0, ...sizes) };
}

/**
 * Every machine's plan: one a machine that holds something of the lab, or the one plan of a
 * lab without machines.
 */
export function lowerAll(lab: Lab, given: Partial<Platform> = {}): Plan[] {
  if (lab.machines.length === 0) return [lower(lab, given)];
  return machinesInUse(lab).map((m) => lower(lab, { ...given, machine: m.name }));
}

/** Operations grouped by where they run (in order of first appearance), each group in order. */
function byPlace(ops: readonly Op[]): Op[] {
  const groups = new Map<string | null, Op[]>();
  for (const op of ops) addTo(groups, whereOf(op), op);
  return [...groups.values()].flat();
}

/** What lowering asks of the whole lab, by name: made once a lab, whichever machine's plan. */
interface Index {
  readonly ifaces: ReadonlyMap<string, Iface>;
  readonly switches: ReadonlyMap<string, Switch>;
  readonly machines: ReadonlyMap<string, Machine>;
  readonly nodeMachine: ReadonlyMap<string, string | undefined>;
  readonly tunnels: ReadonlyMap<Link, Tunnel>;
  /** Each switch's ports, on every machine. */
  readonly ports: ReadonlyMap<string, readonly SwitchLink[]>;
}

const INDEXES = new WeakMap<Lab, Index>();

function indexOf(whole: Lab): Index {
  const known = INDEXES.get(whole);
  if (known) return known;
  const ifaces = new Map<string, Iface>();
  const nodeMachine = new Map<string, string | undefined>();
  for (const n of whole.nodes) {
    for (const i of n.ifaces) ifaces.set(`${n.name}.${i.name}`, i);
    nodeMachine.set(n.name, n.machine);
  }
  const tunnels = new Map<Link, Tunnel>();
  for (const t of whole.tunnels)
    for (const i of t.links) {
      const link = whole.links[i];
      if (link) tunnels.set(link, t);
    }
  const ports = new Map<string, SwitchLink[]>();
  for (const l of whole.links) if (l.kind === "switch") addTo(ports, l.switch, l);
  const index = {
    ifaces,
    ports,
    switches: new Map(whole.switches.map((s) => [s.name, s])),
    machines: new Map(whole.machines.map((m) => [m.name, m])),
    nodeMachine,
    tunnels,
  };
  INDEXES.set(whole, index);
  return index;
}

function linkContext(whole: Lab, lab: Lab, platform: Platform, machine: Machine | undefined): LinkContext {
  const { ifaces, switches, machines, nodeMachine, tunnels, ports } = indexOf(whole);
  const taken = new Map<string, Set<number>>();
  // Each node's namespace named once: its operations share the one string.
  const names = new Map<string, string>();
  return {
    lab,
    whole,
    platform,
    ...(machine ? { machine } : {}),
    labDir: labDirIn(platform.runDir, lab.name),
    ns(node) {
      const known = names.get(node);
      if (known !== undefined) return known;
      const name = nodeNetns(lab.name, node);
      names.set(node, name);
      return name;
    },
    iface: (node, name) => ifaces.get(`${node}.${name}`),
    switchOf: (name) => switches.get(name),
    portsOf: (name) => ports.get(name) ?? [],
    index(ns, node, iface) {
      const used = taken.get(ns) ?? new Set<number>();
      taken.set(ns, used);
      let index = INDEX_BASE + (stableNumber(`${node}/${iface}`) % INDEX_SPAN);
      while (used.has(index)) index = INDEX_BASE + ((index - INDEX_BASE + 1) % INDEX_SPAN);
      used.add(index);
      return index;
    },
    machineOf: (node) => {
      const name = nodeMachine.get(node);
      return name !== undefined ? machines.get(name) : undefined;
    },
    here: (node) => machine === undefined || nodeMachine.get(node) === machine.name,
    tunnel: (link) => tunnels.get(link),
    underlay: (peer) => underlayTo(whole.tunnels, machine, peer),
  };
}
