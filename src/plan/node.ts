// A node's own network configuration: its sysctls, and one batch that marks its namespace,
// brings up loopback and its interfaces, adds its addresses and then its routes.

import type { Lab, Node } from "../model/model.js";
import { nodeMark } from "../model/names.js";
import { sysctlIface } from "../model/sysctls.js";
import { opt } from "../opt.js";
import type { Op } from "./ops.js";
import { qdiscOps } from "./shaping.js";

/** The node's sysctls that name an interface (`perIface`), or the others. */
export function sysctls(n: Node, ns: string, perIface: boolean): Op[] {
  return (
    n.sysctls
      // Per-interface sysctls (net.ipv4.conf.eth0.…) need their interface; the rest go first.
      .filter((s) => (sysctlIface(s.key) !== undefined) === perIface)
      .map((s) => ({ kind: "sysctl.set", ns, key: s.key, value: s.value, origin: s.span }))
  );
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
 * The interfaces to give no link-local address (before they go up): in a lab that declares
 * no IPv6, those the lab made, unless the node says how IPv6 addresses are made on them.
 */
function withoutLinkLocal(n: Node, ctx: NodeContext): Set<string> {
  if (ctx.linkLocal) return new Set();
  const own = new Set(n.sysctls.flatMap((s) => OWN_IPV6.exec(s.key)?.[1] ?? []));
  if (own.has("all") || own.has("default")) return new Set();
  return new Set(
    n.ifaces
      .filter((i) => i.name !== "lo" && !own.has(i.name) && !ctx.hostDevices.has(`${n.name} ${i.name}`))
      .map((i) => i.name),
  );
}

export function nodeConfig(n: Node, ns: string, ctx: NodeContext): Op[] {
  const ops: Op[] = [
    { kind: "link.alias", ns, dev: "lo", alias: nodeMark(ctx.lab, n.name), origin: n.span },
    { kind: "link.up", ns, dev: "lo", origin: n.span },
  ];
  const quiet = withoutLinkLocal(n, ctx);
  for (const i of n.ifaces) {
    for (const a of i.addresses)
      ops.push({ kind: "addr.add", ns, dev: i.name, cidr: a.cidr, family: a.family, origin: a.span });
    if (quiet.has(i.name)) ops.push({ kind: "link.nolinklocal", ns, dev: i.name, origin: i.span });
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
      ...(r.nexthops
        ? {
            nexthops: r.nexthops.map((h) => ({
              ...opt("via", h.via?.text),
              dev: h.dev,
              weight: h.weight,
              ...(h.onlink ? { onlink: true } : {}),
            })),
          }
        : {}),
      origin: r.span,
    });
  return ops;
}

/** The qdiscs that shape what the node's interfaces send. */
export function nodeShaping(n: Node, ns: string): Op[] {
  return n.ifaces.flatMap((i) => (i.egress ? qdiscOps(ns, i.name, i.egress) : []));
}
