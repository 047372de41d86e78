// The host's NIC: a macvlan on it, created from the host directly in the node (the links
// stage), or the NIC itself moved in (`nic.take`, its state saved in the lab's directory).

import { opt } from "../../opt.js";
import type { LinkLowering } from "./kind.js";

export const NIC: LinkLowering<"nic"> = {
  hostDevices: (link) => (link.use.kind === "move" ? [link.end] : []),
  link(link, ctx) {
    const iface = ctx.iface(link.end.node, link.end.iface);
    const ns = ctx.ns(link.end.node);
    const common = { ...opt("mtu", iface?.mtu), ...opt("mac", iface?.mac), origin: link.span };
    const use = link.use;
    switch (use.kind) {
      case "macvlan":
        return {
          create: [
            {
              kind: "macvlan.add",
              parent: link.nic,
              netns: ns,
              name: link.end.iface,
              mode: use.mode,
              ...common,
            },
          ],
        };
      case "move":
        return {
          create: [
            {
              kind: "nic.take",
              nic: link.nic,
              ns,
              name: link.end.iface,
              saved: `${ctx.labDir}/nics/${link.nic}`,
              ...common,
            },
          ],
        };
    }
  },
};
