// Lowering: the checked model to a plan of primitive operations. This is the only place
// that decides what the kernel is asked to do, in which order, and from which namespace.

import { isolates } from "../model/isolation.js";
import type { Iface, Lab, Node } from "../model/model.js";
import { hostIfaceMark, labMark, nodeMark, nodeNetns, portName, switchNetns } from "../model/names.js";
import { assertNever } from "../never.js";
import { type CgroupLayout, V2_LAYOUT } from "./cgroups.js";
import { type Firewall, firewallOps } from "./firewall.js";
import { lowerIsolation } from "./isolation.js";
import { inverseOf, type Op, rankOf } from "./ops.js";
import { opsOf, type Plan, type Stage, steps } from "./plan.js";

/** Per-interface sysctls (net.ipv4.conf.eth0.…) need their interface; the rest go first. */
const PER_IFACE_SYSCTL = /^net\.(ipv4|ipv6)\.(conf|neigh)\.([^.]+)\./;

/** Explicit ifindexes start here; see the links section of `lower`. */
export const INDEX_BASE = 1000;

function isPerIface(key: string): boolean {
  const m = PER_IFACE_SYSCTL.exec(key);
  return !!m && m[3] !== "all" && m[3] !== "default";
}

export interface LowerOptions {
  /** How filters are lowered (default nft); iptables cannot lower everything (OT4009, thrown). */
  readonly firewall?: Firewall;
  /** The machine's cgroup layout, for labs with limits (default: cgroup v2 at /sys/fs/cgroup). */
  readonly cgroups?: CgroupLayout;
}

export function lower(lab: Lab, options: LowerOptions = {}): Plan {
  const hub = lab.switches.length > 0 ? switchNetns(lab.name) : null;
  // A node that does not isolate its network shares the host's: no namespace, no batch.
  const networked = lab.nodes.filter((n) => isolates(n.isolation, "net"));
  const ns = (node: string) => nodeNetns(lab.name, node);
  const ifaces = new Map(lab.nodes.flatMap((n) => n.ifaces.map((i) => [`${n.name}.${i.name}`, i] as const)));
  const switches = new Map(lab.switches.map((s) => [s.name, s]));
  const ifaceOf = (node: string, iface: string): Iface | undefined => ifaces.get(`${node}.${iface}`);

  // 1. Namespaces: one batch on the host.
  const namespaces: Op[] = [];
  if (hub) namespaces.push({ kind: "netns.add", name: hub, origin: lab.span });
  for (const n of networked) namespaces.push({ kind: "netns.add", name: ns(n.name), origin: n.span });

  // 2. Namespace-wide sysctls (forwarding and the like), before any interface exists, so
  //    that `conf.default.*` applies to the interfaces created next.
  const early = networked.map((n) => sysctls(n, ns(n.name), false));

  // 2b. Filters, before any link exists: no packet ever crosses a node unfiltered. Rules
  //     name interfaces (iifname), so they need not exist yet.
  const filters = firewallOps(lab, options.firewall ?? "nft");

  // 3. Links. Every veth is created with both ends directly in their namespaces. Host and
  //    point-to-point links are made from the host; switch ports from the switches'
  //    namespace, so that each port joins its bridge in the same request.
  const hostLinks: Op[] = [];
  const switchOps: Op[] = [];
  if (hub) {
    switchOps.push({ kind: "link.alias", ns: hub, dev: "lo", alias: labMark(lab.name), origin: lab.span });
    for (const sw of lab.switches)
      switchOps.push({ kind: "bridge.add", ns: hub, name: sw.name, ...opt("mtu", sw.mtu), origin: sw.span });
  }
  // Ports and the first end of point-to-point pairs get ifindexes from INDEX_BASE up, far
  // from the small ones the kernel gives interfaces in a fresh namespace: an end whose
  // ifindex equals its peer's (both 3, say) has its carrier event treated as non-urgent
  // by the kernel's link watcher, which then starts its queue up to a second late and
  // drops the first packets (an IPv6 neighbour solicitation, typically).
  let port = 0;
  let p2p = 0;
  for (const link of lab.links) {
    switch (link.kind) {
      case "switch": {
        const iface = ifaceOf(link.end.node, link.end.iface);
        const sw = switches.get(link.switch);
        const mtu = iface?.mtu ?? sw?.mtu;
        port++;
        switchOps.push({
          kind: "veth.add",
          ns: hub,
          a: {
            ns: hub,
            name: portName(link.end.node, link.end.iface, port),
            index: INDEX_BASE + port,
            ...opt("mtu", mtu),
            master: link.switch,
          },
          b: { ns: ns(link.end.node), name: link.end.iface, ...opt("mtu", mtu), ...opt("mac", iface?.mac) },
          origin: link.span,
        });
        break;
      }
      case "p2p": {
        const a = ifaceOf(link.a.node, link.a.iface);
        const b = ifaceOf(link.b.node, link.b.iface);
        // One declared MTU applies to both ends; two different ones are kept (and warned about).
        const mtuA = a?.mtu ?? b?.mtu;
        const mtuB = b?.mtu ?? a?.mtu;
        p2p++;
        hostLinks.push({
          kind: "veth.add",
          ns: null,
          a: {
            ns: ns(link.a.node),
            name: link.a.iface,
            index: INDEX_BASE + p2p,
            ...opt("mtu", mtuA),
            ...opt("mac", a?.mac),
          },
          b: { ns: ns(link.b.node), name: link.b.iface, ...opt("mtu", mtuB), ...opt("mac", b?.mac) },
          origin: link.span,
        });
        break;
      }
      case "host": {
        const iface = ifaceOf(link.end.node, link.end.iface);
        hostLinks.push(
          {
            kind: "veth.add",
            ns: null,
            a: { ns: null, name: link.hostName, ...opt("mtu", iface?.mtu) },
            b: {
              ns: ns(link.end.node),
              name: link.end.iface,
              ...opt("mtu", iface?.mtu),
              ...opt("mac", iface?.mac),
            },
            origin: link.span,
          },
          {
            kind: "link.alias",
            ns: null,
            dev: link.hostName,
            alias: hostIfaceMark(lab.name, link.end.node, link.end.iface),
            origin: link.span,
          },
          ...link.hostAddresses.map(
            (a): Op => ({
              kind: "addr.add",
              ns: null,
              dev: link.hostName,
              cidr: a.cidr,
              family: a.family,
              origin: a.span,
            }),
          ),
          { kind: "link.up", ns: null, dev: link.hostName, origin: link.span },
        );
        break;
      }
      default:
        assertNever(link);
    }
  }

  // 4. Per-interface sysctls, then 5. each node's own batch: mark, loopback, addresses,
  //    links up, routes.
  const late = networked.map((n) => sysctls(n, ns(n.name), true));
  const configure = networked.map((n) => nodeConfig(lab.name, n, ns(n.name)));
  // 6. Everything else a node isolates, its limits and its services (plan/isolation.ts).
  const isolation = lowerIsolation(lab, options.cgroups ?? V2_LAYOUT);

  const stages: Stage[] = [
    { name: "namespaces", steps: steps(namespaces) },
    { name: "namespace sysctls", steps: early.flatMap(steps) },
    { name: "filters", steps: filters.flatMap(steps) },
    { name: "links", steps: [...steps(hostLinks), ...steps(switchOps)] },
    { name: "interface sysctls", steps: late.flatMap(steps) },
    { name: "addresses and routes", steps: configure.flatMap(steps) },
    ...isolation.stages,
  ].filter((s) => s.steps.length > 0);

  return {
    lab: lab.name,
    stages,
    teardown: teardown(stages),
    ...(Object.keys(isolation.nodes).length ? { nodes: isolation.nodes } : {}),
  };
}

function sysctls(n: Node, ns: string, perIface: boolean): Op[] {
  return n.sysctls
    .filter((s) => isPerIface(s.key) === perIface)
    .map((s) => ({ kind: "sysctl.set", ns, key: s.key, value: s.value, origin: s.span }));
}

function nodeConfig(lab: string, n: Node, ns: string): Op[] {
  const ops: Op[] = [
    { kind: "link.alias", ns, dev: "lo", alias: nodeMark(lab, n.name), origin: n.span },
    { kind: "link.up", ns, dev: "lo", origin: n.span },
  ];
  for (const i of n.ifaces) {
    for (const a of i.addresses)
      ops.push({ kind: "addr.add", ns, dev: i.name, cidr: a.cidr, family: a.family, origin: a.span });
    if (i.name !== "lo") ops.push({ kind: "link.up", ns, dev: i.name, origin: i.span });
  }
  for (const r of n.routes)
    ops.push({
      kind: "route.add",
      ns,
      family: r.family,
      destination: r.destination.cidr,
      ...opt("via", r.via?.text),
      ...opt("dev", r.dev),
      ...opt("metric", r.metric),
      ...opt("src", r.src?.text),
      ...opt("mtu", r.mtu),
      ...(r.onlink ? { onlink: true } : {}),
      origin: r.span,
    });
  return ops;
}

/** Every inverse, newest first, in stages by rank (the network's as one host batch). */
export function teardown(stages: readonly Stage[]): Stage[] {
  const inverses = opsOf(stages)
    .map(inverseOf)
    .filter((op): op is Op => op !== null);
  return teardownStages(inverses.reverse());
}

const RANK_NAMES: Readonly<Record<number, string>> = {
  0: "stop services",
  1: "stop init processes",
  2: "teardown",
  3: "release namespaces",
  4: "namespace directory and node cgroups",
  5: "lab cgroups",
};

/**
 * Inverses (newest first) as tear-down stages, one per rank (ops.ts `rankOf`): what runs in
 * a node stops before the namespaces it uses go, and cgroups go once empty. Within the
 * network's rank, host-side links are deleted before namespaces so that they are gone when
 * `down` returns (namespace clean-up in the kernel is asynchronous).
 */
export function teardownStages(inverses: readonly Op[]): Stage[] {
  const byRank = new Map<number, Op[]>();
  for (const op of inverses) byRank.set(rankOf(op), [...(byRank.get(rankOf(op)) ?? []), op]);
  return [...byRank.keys()]
    .sort((a, b) => a - b)
    .map((rank) => {
      const ops = byRank.get(rank) ?? [];
      const ordered = [
        ...ops.filter((o) => o.kind !== "netns.del"),
        ...ops.filter((o) => o.kind === "netns.del"),
      ];
      return { name: RANK_NAMES[rank] ?? `teardown ${rank}`, steps: steps(ordered) };
    });
}

/** `{ key: value }` when value is defined, `{}` otherwise (for exactOptionalPropertyTypes). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
