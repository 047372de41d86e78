// A point-to-point link: one veth pair created from the host with both ends directly in
// their nodes' namespaces (never moved).

import { opt } from "../../opt.js";
import { type Op, vethEnd } from "../ops.js";
import type { LinkLowering } from "./kind.js";
import { tunnelEnd } from "./tunnel.js";

export const P2P: LinkLowering<"p2p"> = {
  link(link, ctx) {
    const a = ctx.iface(link.a.node, link.a.iface);
    const b = ctx.iface(link.b.node, link.b.iface);
    // One declared MTU applies to both ends; two different ones are kept (and warned about).
    const mtuA = a?.mtu ?? b?.mtu;
    const mtuB = b?.mtu ?? a?.mtu;
    // Ends on two machines: the end on this one is a tunnel to the other (no veth at all).
    const tunnel = ctx.tunnel(link);
    if (tunnel) {
      const ends = [
        { end: { ...link.a, ...opt("mtu", mtuA), ...opt("mac", a?.mac) }, peer: link.b.node },
        { end: { ...link.b, ...opt("mtu", mtuB), ...opt("mac", b?.mac) }, peer: link.a.node },
      ];
      const create = ends.flatMap(({ end, peer }) => {
        const there = ctx.machineOf(peer);
        return ctx.here(end.node) && there ? [tunnelEnd(ctx, tunnel, end, there, link.span)] : [];
      });
      return { create };
    }
    const create: Op[] = [
      {
        kind: "veth.add",
        ns: null,
        a: vethEnd(ctx.ns(link.a.node), link.a.iface, {
          index: ctx.index(ctx.ns(link.a.node), link.a.node, link.a.iface),
          mtu: mtuA,
          mac: a?.mac,
        }),
        b: vethEnd(ctx.ns(link.b.node), link.b.iface, { mtu: mtuB, mac: b?.mac }),
        origin: link.span,
      },
    ];
    return { create };
  },
};
