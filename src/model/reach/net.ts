// The lab as the analysis walks it: every node's interfaces, addresses, routes (its own
// and those the kernel adds for its subnets), the segment each interface is on, and who
// holds each address. Built once per lab from the checked model, never from syntax.

import type { Span } from "../../diagnostics/source.js";
import type { Filter } from "../filter.js";
import { type Cidr, contains, type Family, type Ip, network } from "../ip.js";
import type { MacvlanMode } from "../links/nic.js";
import type { Iface, Lab, LabSegment, Node, Route } from "../model.js";
import { routeMetric } from "../routes.js";
import { type NodeSettings, settingsOf } from "./settings.js";

/** A route of a node's main table: declared, or made by the kernel for a subnet. */
export interface RouteEntry {
  readonly destination: Cidr;
  readonly family: Family;
  readonly metric: number;
  /** The next hops: one for a plain route (several for an equal-cost multipath one). */
  readonly hops: readonly NextHop[];
  readonly src?: Ip;
  /** For people: `route default via 10.1.0.1`, `10.1.0.0/24 dev eth0 (connected)`. */
  readonly text: string;
  /** The statement that declared it; a connected route points at the address. */
  readonly span?: Span;
}

export interface NextHop {
  readonly dev: string;
  /** The gateway; absent when the destination is on the link. */
  readonly via?: Ip;
}

export interface NodeView {
  readonly name: string;
  readonly span: Span;
  readonly ifaces: ReadonlyMap<string, Iface>;
  readonly routes: readonly RouteEntry[];
  readonly filter?: Filter;
  readonly settings: NodeSettings;
}

export interface SegmentView {
  readonly segment: LabSegment;
  readonly members: readonly { readonly node: string; readonly iface: string }[];
}

export class Net {
  readonly nodes = new Map<string, NodeView>();
  private readonly segments = new Map<string, SegmentView>();
  /** `node.iface` → the segment's key. */
  private readonly segmentOfIface = new Map<string, string>();
  /** `node.iface` → the mode of the macvlan it is on a host's NIC. */
  private readonly macvlans = new Map<string, MacvlanMode>();

  constructor(readonly lab: Lab) {
    for (const s of lab.segments) {
      const members = s.ends.map((e) => ({ node: e.node, iface: e.iface }));
      this.segments.set(s.key, { segment: s, members });
      for (const m of members) this.segmentOfIface.set(`${m.node}.${m.iface}`, s.key);
    }
    for (const n of lab.nodes) this.nodes.set(n.name, view(n));
    for (const l of lab.links)
      if (l.kind === "nic" && l.use.kind === "macvlan")
        this.macvlans.set(`${l.end.node}.${l.end.iface}`, l.use.mode);
  }

  /** The mode of the macvlan `node.iface` is, if it is one. */
  macvlanMode(node: string, iface: string): MacvlanMode | undefined {
    return this.macvlans.get(`${node}.${iface}`);
  }

  node(name: string): NodeView {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`internal: no node ${name} in the analysis`);
    return n;
  }

  segmentOf(node: string, iface: string): SegmentView | undefined {
    const key = this.segmentOfIface.get(`${node}.${iface}`);
    return key === undefined ? undefined : this.segments.get(key);
  }
}

/** The analysis's index of a lab, made once per model. */
const CACHE = new WeakMap<Lab, Net>();

export function netOf(lab: Lab): Net {
  let net = CACHE.get(lab);
  if (!net) {
    net = new Net(lab);
    CACHE.set(lab, net);
  }
  return net;
}

function view(n: Node): NodeView {
  return {
    name: n.name,
    span: n.span,
    ifaces: new Map(n.ifaces.map((i) => [i.name, i])),
    routes: [...connected(n), ...declared(n)],
    ...(n.filter ? { filter: n.filter } : {}),
    settings: settingsOf(n),
  };
}

/**
 * The routes the kernel adds for each address's subnet: IPv4 metric 0, IPv6 metric 256;
 * none for a host prefix (/32, /128). On `lo` an IPv4 subnet is all local (./route.ts).
 */
function connected(n: Node): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const i of n.ifaces) {
    if (i.name === "lo") continue;
    for (const a of i.addresses) {
      if (a.prefix === (a.family === 4 ? 32 : 128)) continue;
      const destination = network(a);
      if (out.some((r) => r.destination.cidr === destination.cidr && r.hops[0]?.dev === i.name)) continue;
      out.push({
        destination,
        family: a.family,
        metric: a.family === 4 ? 0 : 256,
        hops: [{ dev: i.name }],
        text: `route ${destination.cidr} dev ${i.name} (connected: ${a.cidr})`,
        span: a.span,
      });
    }
  }
  return out;
}

/**
 * The node's own routes. A multipath route (`via A via B`, `nexthop …`) is one entry with a
 * next hop per path: the kernel hashes each flow onto one of them, which the model cannot
 * know, so the walk follows every one (and a verdict that differs between them is `partial`).
 */
function declared(n: Node): RouteEntry[] {
  return n.routes.flatMap((r): RouteEntry[] => {
    const hops: NextHop[] = r.nexthops
      ? r.nexthops.map((h) => ({ dev: h.dev, ...(h.via ? { via: h.via } : {}) }))
      : single(n, r);
    if (hops.length === 0) return [];
    const dest = r.destination.prefix === 0 ? "default" : r.destination.cidr;
    const paths = r.nexthops
      ? r.nexthops
          .map(
            (h) =>
              `${h.via ? ` via ${h.via.text}` : ""} dev ${h.dev}${h.weight !== 1 ? ` weight ${h.weight}` : ""}`,
          )
          .join(",")
      : `${r.via ? ` via ${r.via.text}` : ""}${r.dev ? ` dev ${r.dev}` : ""}`;
    const text = `route ${dest}${paths}${r.metric !== undefined ? ` metric ${r.metric}` : ""}`;
    return [
      {
        destination: r.destination,
        family: r.family,
        metric: routeMetric(r),
        hops,
        ...(r.src ? { src: r.src } : {}),
        text,
        span: r.span,
      },
    ];
  });
}

/** A route of one path: its interface as written, or the one its gateway is on. */
function single(n: Node, r: Route): NextHop[] {
  const dev = r.dev ?? (r.via ? gatewayDev(n, r.via) : undefined);
  return dev === undefined ? [] : [{ dev, ...(r.via ? { via: r.via } : {}) }];
}

/** The interface a gateway is reached by: the longest connected subnet that holds it. */
function gatewayDev(n: Node, via: Ip): string | undefined {
  let best: { dev: string; prefix: number } | undefined;
  for (const i of n.ifaces)
    for (const a of i.addresses)
      if (contains(network(a), via) && (!best || a.prefix > best.prefix))
        best = { dev: i.name, prefix: a.prefix };
  return best?.dev;
}
