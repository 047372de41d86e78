// A switch port: `eth0 -> lan`. The interface is one end of a veth whose other end is a
// port of the switch's bridge; every port of one switch is one segment.

import { closest } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/source.js";
import type { End, LinkKindSpec } from "./spec.js";

export interface SwitchLink {
  readonly kind: "switch";
  readonly switch: string;
  readonly end: End;
  readonly span: Span;
}

/** A Linux bridge numbers its ports 1 to 1023 (BR_MAX_PORTS - 1). */
export const BRIDGE_MAX_PORTS = 1023;

export const SWITCH_LINK: LinkKindSpec<SwitchLink, undefined> = {
  kind: "switch",
  usage: "SWITCH",
  // A bare name that no kind reserves (those name no switch: OT1013).
  matches: (target, keywords) => !target.includes(".") && !keywords.has(target),
  resembles: (scope, word) => scope.switches.has(word),
  farEnd: true,
  options: {},
  settings: () => undefined,

  attach(scope, iface, target) {
    const end: End = { node: iface.node.name.text, iface: iface.decl.name.text };
    if (scope.switches.has(target.text))
      return { kind: "switch", switch: target.text, end, span: iface.decl.span };
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

  segment(scope, link) {
    const sw = scope.switches.get(link.switch);
    // Where an interface's MTU comes from when it sets none: the switch's `mtu`.
    const mtuSpan = sw?.decl.props.find((p) => p.key === "mtu")?.args[0]?.span;
    return {
      key: `switch:${link.switch}`,
      name: `switch \`${link.switch}\``,
      addresses: [],
      ...(sw?.mtu !== undefined ? { mtu: sw.mtu } : {}),
      ...(mtuSpan ? { mtuSpan } : {}),
      ...(sw ? { ports: { max: BRIDGE_MAX_PORTS, span: sw.decl.name.span } } : {}),
    };
  },
};
