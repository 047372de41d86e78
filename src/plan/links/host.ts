// A link to the host: a veth pair whose host end carries the lab's mark (its alias) and the
// host-side addresses, and may ask for host-side NAT (`host-masquerade`).

import { hostIfaceMark } from "../../model/names.js";
import { opt } from "../../opt.js";
import type { Op } from "../ops.js";
import { qdiscOps } from "../shaping.js";
import type { LinkLowering } from "./kind.js";

export const HOST: LinkLowering<"host"> = {
  makesHostIface: true,
  link(link, ctx) {
    const iface = ctx.iface(link.end.node, link.end.iface);
    const mark = hostIfaceMark(ctx.lab.name, link.end.node, link.end.iface);
    const create: Op[] = [
      {
        kind: "veth.add",
        ns: null,
        a: { ns: null, name: link.hostName, ...opt("mtu", iface?.mtu), mark },
        b: {
          ns: ctx.ns(link.end.node),
          name: link.end.iface,
          ...opt("mtu", iface?.mtu),
          ...opt("mac", iface?.mac),
        },
        origin: link.span,
      },
      { kind: "link.alias", ns: null, dev: link.hostName, alias: mark, origin: link.span },
      ...link.hostAddresses.map(
        (a): Op => ({
          kind: "addr.add",
          ns: null,
          dev: link.hostName,
          cidr: a.cidr,
          family: a.family,
          ...(link.hostOverrideDefault ? { overDefault: true as const } : {}),
          origin: a.span,
        }),
      ),
      { kind: "link.up", ns: null, dev: link.hostName, origin: link.span },
    ];
    // What the node receives leaves the host by the host's end: shaped there (`both`).
    return { create, ...(iface?.ingress ? { shape: qdiscOps(null, link.hostName, iface.ingress) } : {}) };
  },
  hostNat: (link) =>
    link.hostMasquerade
      ? [
          {
            hostIface: link.hostName,
            text: `${link.end.node}.${link.end.iface} host-masquerade`,
            span: link.hostMasquerade,
          },
        ]
      : [],
};
