// A switch port: `eth0 -> lan`. The interface is one end of a veth whose other end is a
// port of the switch's bridge; every port of one switch is one segment.

import { closest } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/source.js";
import type { End, LinkKindSpec } from "./spec.js";
import {
  notCarried,
  PORT_OPTIONS,
  type PortSettings,
  type PortVlans,
  portOnly,
  portSettings,
  portVlans,
  untaggedDropped,
} from "./switch-vlans.js";

export interface SwitchLink {
  readonly kind: "switch";
  readonly switch: string;
  readonly end: End;
  /** On a VLAN-aware switch: what the port carries. */
  readonly vlans?: PortVlans;
  readonly span: Span;
}

/** A Linux bridge numbers its ports 1 to 1023 (BR_MAX_PORTS - 1). */
export const BRIDGE_MAX_PORTS = 1023;

export const SWITCH_LINK: LinkKindSpec<SwitchLink, PortSettings> = {
  kind: "switch",
  usage: "SWITCH",
  // A bare name that no kind reserves (those name no switch: OT1013).
  matches: (target, keywords) => !target.includes(".") && !keywords.has(target),
  resembles: (scope, word) => scope.switches.has(word),
  farEnd: true,
  options: Object.fromEntries(PORT_OPTIONS.map((o) => [o, portOnly])),
  settings: portSettings,

  attach(scope, iface, target, settings) {
    const end: End = { node: iface.node.name.text, iface: iface.decl.name.text };
    const sw = scope.switches.get(target.text);
    if (sw) {
      const vlans = portVlans(
        scope,
        iface,
        { name: target.text, ...(sw.vlanAware ? { vlanAware: sw.vlanAware } : {}) },
        settings,
      );
      if (!vlans) return undefined;
      untaggedDropped(scope, iface, vlans);
      const carried = vlans.access !== undefined || vlans.trunk !== undefined;
      return {
        kind: "switch",
        switch: target.text,
        end,
        ...(carried ? { vlans } : {}),
        span: iface.decl.span,
      };
    }
    const isNode = scope.nodes.has(target.text);
    const guess = closest(target.text, scope.switches.keys());
    scope.diagnostics.error("OT1007", `no switch named \`${target.text}\``, {
      span: target.span,
      help: isNode
        ? `\`${target.text}\` is a node: link to one of its interfaces, as in \`-> ${target.text}.eth0\``
        : guess
          ? `did you mean \`${guess}\`?`
          : `declare it with \`switch ${target.text}\`, or link to ${scope.words.otherTargets("switch")}`,
    });
    return undefined;
  },

  ends: (link) => [{ end: link.end, role: "creates" }],

  segment(scope, link, index) {
    const sw = scope.switches.get(link.switch);
    // Where an interface's MTU comes from when it sets none: the switch's `mtu`.
    const mtuSpan = sw?.decl.props.find((p) => p.key === "mtu")?.args[0]?.span;
    // On a VLAN-aware switch, the port's untagged VLAN is its segment (none: its own).
    const untagged = link.vlans ? (link.vlans.access ?? link.vlans.native) : undefined;
    return {
      key: !link.vlans
        ? `switch:${link.switch}`
        : untagged !== undefined
          ? vlanKey(link.switch, untagged)
          : `link:${index}`,
      name:
        untagged !== undefined
          ? `VLAN ${untagged} of switch \`${link.switch}\``
          : `switch \`${link.switch}\``,
      addresses: [],
      ...(sw?.mtu !== undefined ? { mtu: sw.mtu } : {}),
      ...(mtuSpan ? { mtuSpan } : {}),
      ...(sw ? { ports: { bridge: link.switch, max: BRIDGE_MAX_PORTS, span: sw.decl.name.span } } : {}),
    };
  },
  // Every port of a switch is one domain, whatever VLANs they carry: one bridge a machine,
  // joined by one tunnel; the switch's `mtu` is its ports' unless they set their own.
  domain(scope, link) {
    const sw = scope.switches.get(link.switch);
    const mtuSpan = sw?.decl.props.find((p) => p.key === "mtu")?.args[0]?.span;
    return {
      key: `switch:${link.switch}`,
      name: `switch \`${link.switch}\``,
      span: sw?.decl.name.span ?? link.span,
      ...(sw?.vlanAware ? { tagged: true } : {}),
      ...(sw
        ? {
            mtu: {
              ...(sw.mtu !== undefined ? { value: sw.mtu } : {}),
              ...(mtuSpan ? { span: mtuSpan } : {}),
              set: (mtu: number) => {
                sw.mtu = mtu;
              },
            },
            placed: (machines: readonly string[], vni: number | undefined) => {
              sw.machines = machines;
              if (vni !== undefined) sw.vni = vni;
            },
          }
        : {}),
    };
  },
  // A VLAN tagged over a port of a VLAN-aware switch is the switch's VLAN.
  tagged: (_scope, link, _index, vid) => (link.vlans ? vlanKey(link.switch, vid) : undefined),
  carries: (_scope, link, vid) => (link.vlans ? notCarried(link.vlans, vid) : undefined),
};

function vlanKey(sw: string, vid: number): string {
  return `switch:${sw}:vlan:${vid}`;
}
