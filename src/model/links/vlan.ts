// A VLAN sub-interface: `eth0.10`, named as iproute2 names them — the node's interface `eth0`
// carries it, tagged with VLAN 10. It is declared by its name alone (no `->`): its parent's
// link carries it, and its layer-2 segment is VLAN 10 of that link (on a VLAN-aware switch,
// the switch's VLAN 10). The parent is used, not created: it may carry many.

import type { IfaceState, Scope } from "../scope.js";
import { type End, endText, type LinkKindSpec } from "./spec.js";

export interface VlanLink {
  readonly kind: "vlan";
  /** The sub-interface. */
  readonly end: End;
  /** The interface that carries it, tagged. */
  readonly parent: End;
  readonly vid: number;
  readonly span: import("../../diagnostics/source.js").Span;
}

/** `PARENT.VID`: the parent's name (a name of the language), a dot, the VLAN's number. */
export const VLAN_NAME = /^([A-Za-z][A-Za-z0-9_-]*)\.(\d+)$/;

/** 802.1Q numbers VLANs 1 to 4094 (0 and 4095 are reserved). */
export const MAX_VID = 4094;

export const VLAN_LINK: LinkKindSpec<VlanLink, undefined> = {
  kind: "vlan",
  // Declared by its name, never after `->`.
  matches: () => false,
  named: (name) => VLAN_NAME.test(name),
  resembles: () => false,
  farEnd: false,
  options: {},
  settings: () => undefined,

  attach(scope, iface) {
    const m = VLAN_NAME.exec(iface.decl.name.text);
    if (!m?.[1] || !m[2]) return undefined;
    const end: End = { node: iface.node.name.text, iface: iface.decl.name.text };
    const vid = Number(m[2]);
    if (!/^[1-9]\d*$/.test(m[2]) || vid > MAX_VID) {
      scope.diagnostics.error("OT2030", `\`${m[2]}\` is not a VLAN number`, {
        span: iface.decl.name.span,
        help: `a VLAN sub-interface is PARENT.VID with VID from 1 to ${MAX_VID}, such as \`${m[1]}.10\``,
      });
      return undefined;
    }
    const parent = parentOf(scope, iface, m[1]);
    return parent ? { kind: "vlan", end, parent, vid, span: iface.decl.span } : undefined;
  },

  tagOf: (link) => link.vid,

  ends: (link) => [
    { end: link.end, role: "creates" },
    { end: link.parent, role: "uses" },
  ],

  segment: (_scope, link, index, tagged) => ({
    key: tagged(link.parent, link.vid) ?? `link:${index}`,
    name: `VLAN ${link.vid} of \`${endText(link.parent)}\``,
    addresses: [],
  }),
};

/** The parent interface: declared in the node, and not the loopback (reported otherwise). */
function parentOf(scope: Scope, iface: IfaceState, name: string): End | undefined {
  const node = iface.node.name.text;
  const span = iface.decl.name.span;
  if (name === "lo") {
    scope.diagnostics.error("OT1013", "the loopback interface `lo` cannot carry VLANs", { span });
    return undefined;
  }
  if (!scope.iface(node, name)) {
    scope.diagnostics.error(
      "OT1008",
      `node \`${node}\` has no interface \`${name}\` to carry \`${iface.decl.name.text}\``,
      {
        span,
        help: `declare the parent in \`${node}\`, for example \`${name} -> SWITCH\``,
      },
    );
    return undefined;
  }
  return { node, iface: name };
}
