// The ends of a tunnel on the machine a plan is for: a point-to-point link's end is a VXLAN
// device that is the node's interface itself, sending to the other machine; a switch's end
// is one VXLAN device a machine, a port of the switch's bridge, flooding to every other
// machine of the switch (head-end replication: one entry a peer, never a device a peer, and
// no loop, since a bridge never sends a frame back out of the port it came in by).

import type { Machine, Tunnel } from "../../model/model.js";
import { opt } from "../../opt.js";
import type { Op } from "../ops.js";
import type { LinkContext, Phased } from "./kind.js";

/** This machine, which a plan with a tunnel has (a lab with machines). */
function here(ctx: LinkContext): Machine {
  if (!ctx.machine) throw new Error("internal: a tunnel in a plan that is no machine's");
  return ctx.machine;
}

/** The end of a point-to-point tunnel in node `node`, as its interface `name`, to `peer`. */
export function tunnelEnd(
  ctx: LinkContext,
  tunnel: Tunnel,
  end: { readonly node: string; readonly iface: string; readonly mtu?: number; readonly mac?: string },
  peer: Machine,
  origin: Op["origin"],
): Op {
  return {
    kind: "vxlan.add",
    netns: ctx.ns(end.node),
    name: end.iface,
    vni: tunnel.vni,
    machine: here(ctx).name,
    local: here(ctx).address,
    remote: peer.address,
    port: tunnel.port,
    ...opt("mtu", end.mtu),
    ...opt("mac", end.mac),
    underlay: ctx.underlay(peer),
    ...(origin ? { origin } : {}),
  };
}

/**
 * A switch's tunnel on this machine: its device `dev` in the switches' namespace `hub`
 * (created from this machine's own), a port of `bridge`, flooding to each other machine.
 */
export function switchTunnel(
  ctx: LinkContext,
  tunnel: Tunnel,
  hub: string,
  sw: { readonly bridge: string; readonly dev: string; readonly mtu?: number },
  origin: Op["origin"],
): Phased {
  const self = here(ctx);
  const at = origin ? { origin } : {};
  const peers = tunnel.machines
    .filter((m) => m !== self.name)
    .flatMap((m) => {
      const peer = ctx.whole.machines.find((x) => x.name === m);
      return peer ? [peer] : [];
    });
  return {
    create: [
      {
        kind: "vxlan.add",
        netns: hub,
        name: sw.dev,
        vni: tunnel.vni,
        machine: self.name,
        local: self.address,
        port: tunnel.port,
        ...opt("mtu", sw.mtu),
        ...at,
      },
    ],
    join: [
      { kind: "link.master", ns: hub, dev: sw.dev, master: sw.bridge, ...at },
      ...peers.map(
        (peer): Op => ({
          kind: "vxlan.peer",
          ns: hub,
          dev: sw.dev,
          remote: peer.address,
          underlay: ctx.underlay(peer),
          ...at,
        }),
      ),
    ],
  };
}
