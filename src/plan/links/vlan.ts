// A VLAN sub-interface: `ip link add link PARENT name PARENT.VID type vlan id VID` in its
// node, once its parent exists (the `stack` phase, after the links stage made the parent).

import { opt } from "../../opt.js";
import type { LinkLowering } from "./kind.js";

export const VLAN: LinkLowering<"vlan"> = {
  link(link, ctx) {
    const iface = ctx.iface(link.end.node, link.end.iface);
    return {
      stack: [
        {
          kind: "vlan.add",
          ns: ctx.ns(link.end.node),
          parent: link.parent.iface,
          name: link.end.iface,
          vid: link.vid,
          ...opt("mtu", iface?.mtu),
          ...opt("mac", iface?.mac),
          origin: link.span,
        },
      ],
    };
  },
};
