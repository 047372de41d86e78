// A node's own network configuration: its sysctls, and one batch that marks its namespace,
// brings up loopback and its interfaces, adds its addresses and then its routes.

import type { Node } from "../model/model.js";
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

export function nodeConfig(lab: string, n: Node, ns: string): Op[] {
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
