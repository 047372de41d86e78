// A node's own network configuration: its sysctls, and one batch that marks its namespace,
// brings up loopback and its interfaces, adds its addresses and then its routes.

import type { Lab, Node } from "../model/model.js";
import { nodeMark } from "../model/names.js";
import type { Route } from "../model/routes.js";
import { sysctlIface } from "../model/sysctls.js";
import { opt } from "../opt.js";
import type { Op, OpOf } from "./ops.js";
import { qdiscOps } from "./shaping.js";

/**
 * The node's sysctls, in two lists: those of its namespace, which go first, and those that
 * name an interface (net.ipv4.conf.eth0.…), which need their interface.
 */
export function sysctls(n: Node, ns: string): { readonly namespace: Op[]; readonly ifaces: Op[] } {
  const namespace: Op[] = [];
  const ifaces: Op[] = [];
  for (const s of n.sysctls)
    (sysctlIface(s.key) === undefined ? namespace : ifaces).push({
      kind: "sysctl.set",
      ns,
      key: s.key,
      value: s.value,
      origin: s.span,
    });
  return { namespace, ifaces };
}

/**
 * Whether the lab declares IPv6: an IPv6 address on an interface or an IPv6 route. A lab that
 * does not gets no IPv6 link-local addresses on the interfaces it makes (`linkLocal`).
 */
export function declaresIpv6(lab: Lab): boolean {
  return lab.nodes.some(
    (n) =>
      n.routes.some((r) => r.family === 6) || n.ifaces.some((i) => i.addresses.some((a) => a.family === 6)),
  );
}

/** What lowering a node's batch needs to know about the rest of the lab. */
export interface NodeContext {
  readonly lab: string;
  /** Interfaces get IPv6 link-local addresses (the lab declares IPv6). */
  readonly linkLocal: boolean;
  /** The host's own devices moved into nodes (`NODE IFACE`): left as they are. */
  readonly hostDevices: ReadonlySet<string>;
}

/** IPv6 address generation as the node sets it itself, for one of its interfaces or all. */
const OWN_IPV6 = /^net\.ipv6\.conf\.([^.]+)\.(addr_gen_mode|disable_ipv6)$/;

/**
 * Whether the node's interfaces get no link-local address (before they go up): in a lab that
 * declares no IPv6, those the lab made, unless the node says how IPv6 addresses are made on
 * them (on one, or on all).
 */
function withoutLinkLocal(n: Node, ctx: NodeContext): (iface: string) => boolean {
  if (ctx.linkLocal) return never;
  // Most nodes set none of these: no set for them.
  let own: Set<string> | undefined;
  for (const s of n.sysctls) {
    const iface = OWN_IPV6.exec(s.key)?.[1];
    if (iface === undefined) continue;
    own ??= new Set();
    own.add(iface);
  }
  if (own?.has("all") || own?.has("default")) return never;
  return (iface) =>
    iface !== "lo" &&
    !own?.has(iface) &&
    !(ctx.hostDevices.size && ctx.hostDevices.has(`${n.name} ${iface}`));
}

const never = () => false;

export function nodeConfig(n: Node, ns: string, ctx: NodeContext): Op[] {
  const ops: Op[] = [
    { kind: "link.alias", ns, dev: "lo", alias: nodeMark(ctx.lab, n.name), origin: n.span },
    { kind: "link.up", ns, dev: "lo", origin: n.span },
  ];
  const quiet = withoutLinkLocal(n, ctx);
  for (const i of n.ifaces) {
    for (const a of i.addresses)
      ops.push({ kind: "addr.add", ns, dev: i.name, cidr: a.cidr, family: a.family, origin: a.span });
    if (quiet(i.name)) ops.push({ kind: "link.nolinklocal", ns, dev: i.name, origin: i.span });
    if (i.name !== "lo") ops.push({ kind: "link.up", ns, dev: i.name, origin: i.span });
  }
  for (const r of n.routes) ops.push(routeOp(r, ns));
  return ops;
}

type RouteOp = { -readonly [K in keyof OpOf<"route.add">]: OpOf<"route.add">[K] };

/**
 * A route's operation, made field by field in the order its JSON shows them: an object
 * literal with spreads in it (`...opt("via", …)`) costs several times as much, and a large
 * lab has a route or more a node.
 */
function routeOp(r: Route, ns: string): Op {
  const op: RouteOp = { kind: "route.add", ns, family: r.family, destination: r.destination.cidr };
  if (r.via !== undefined) op.via = r.via.text;
  if (r.dev !== undefined) op.dev = r.dev;
  if (r.metric !== undefined) op.metric = r.metric;
  if (r.src !== undefined) op.src = r.src.text;
  if (r.mtu !== undefined) op.mtu = r.mtu;
  if (r.onlink) op.onlink = true;
  if (r.nexthops)
    op.nexthops = r.nexthops.map((h) => ({
      ...opt("via", h.via?.text),
      dev: h.dev,
      weight: h.weight,
      ...(h.onlink ? { onlink: true } : {}),
    }));
  op.origin = r.span;
  return op;
}

/** The qdiscs that shape what the node's interfaces send, added to `out`. */
export function nodeShaping(n: Node, ns: string, out: Op[]): void {
  for (const i of n.ifaces) if (i.egress) out.push(...qdiscOps(ns, i.name, i.egress));
}
