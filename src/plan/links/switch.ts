// A switch port: a veth pair from the switches' namespace, whose switch end joins the
// switch's bridge in the same request and whose other end is created in the node. Bridges
// and ports have no IPv6 link-local address (they are layer 2 only).

import { type PortVlans, vidRanges } from "../../model/links/switch-vlans.js";
import { labMark, portName, switchNetns } from "../../model/names.js";
import { opt } from "../../opt.js";
import type { Op } from "../ops.js";
import { qdiscOps } from "../shaping.js";
import type { LinkLowering } from "./kind.js";

export const SWITCH: LinkLowering<"switch"> = {
  // The switches' namespace (named after the lab), marked, with one bridge per switch.
  lab({ lab }) {
    if (lab.switches.length === 0) return { namespaces: [], links: {} };
    const hub = switchNetns(lab.name);
    return {
      namespaces: [{ kind: "netns.add", name: hub, origin: lab.span }],
      links: {
        create: [
          { kind: "link.alias", ns: hub, dev: "lo", alias: labMark(lab.name), origin: lab.span },
          ...lab.switches.flatMap((sw): Op[] => [
            {
              kind: "bridge.add",
              ns: hub,
              name: sw.name,
              ...opt("mtu", sw.mtu),
              ...(sw.vlanAware ? { vlanAware: true } : {}),
              origin: sw.span,
            },
            { kind: "link.nolinklocal", ns: hub, dev: sw.name, origin: sw.span },
            { kind: "link.up", ns: hub, dev: sw.name, origin: sw.span },
          ]),
        ],
      },
    };
  },
  link(link, ctx) {
    const hub = switchNetns(ctx.lab.name);
    const iface = ctx.iface(link.end.node, link.end.iface);
    const mtu = iface?.mtu ?? ctx.switchOf(link.switch)?.mtu;
    const name = portName(link.end.node, link.end.iface);
    const create: Op[] = [
      {
        kind: "veth.add",
        ns: hub,
        a: {
          ns: hub,
          name,
          index: ctx.index(hub, link.end.node, link.end.iface),
          ...opt("mtu", mtu),
          master: link.switch,
        },
        b: { ns: ctx.ns(link.end.node), name: link.end.iface, ...opt("mtu", mtu), ...opt("mac", iface?.mac) },
        origin: link.span,
      },
      // A bridge and its ports are layer 2 only: an IPv6 address of their own would only
      // send duplicate address detection, router solicitations and MLD reports to every
      // port. Set before the port has a carrier (its node's end is brought up later).
      { kind: "link.nolinklocal", ns: hub, dev: name, origin: link.span },
    ];
    // What the node receives leaves the switch by its port: shaped there (`both`).
    return {
      create,
      ...(link.vlans ? { attach: portVlanOps(hub, name, link.vlans, link.span) } : {}),
      ...(iface?.ingress ? { shape: qdiscOps(hub, name, iface.ingress) } : {}),
    };
  },
};

/** A port's VLANs: its access VLAN, or its trunk's (consecutive ones as a range) and native. */
function portVlanOps(ns: string, dev: string, vlans: PortVlans, origin: Op["origin"]): Op[] {
  const op = (vids: string, untagged: boolean): Op => ({
    kind: "port.vlan",
    ns,
    dev,
    vids,
    ...(untagged ? { untagged: true } : {}),
    ...(origin ? { origin } : {}),
  });
  if (vlans.access !== undefined) return [op(String(vlans.access), true)];
  const tagged = (vlans.trunk ?? []).filter((v) => v !== vlans.native);
  return [
    ...vidRanges(tagged).map((r) => op(r, false)),
    ...(vlans.native !== undefined ? [op(String(vlans.native), true)] : []),
  ];
}
