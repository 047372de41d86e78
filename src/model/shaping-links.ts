// Where each interface's shaping lands once the links are known: what it sends is shaped on
// the interface itself; with `both`, what it receives is shaped at the link's other end —
// the other interface of a point-to-point pair (which must not shape that direction itself,
// OT2024), or an end the link kind owns (a switch port, the host's end). A link without
// another end (a VLAN sub-interface, a macvlan) cannot (OT2023).

import type { Span } from "../diagnostics/source.js";
import { endsOf, LINK_KINDS, type Link, segmentOf } from "./links/index.js";
import type { End } from "./links/spec.js";
import type { IfaceState, Scope } from "./scope.js";
import { ETHERNET_HEADER, type Shaping, shapes } from "./shaping.js";

/** An Ethernet link's MTU when nothing sets one. */
const DEFAULT_MTU = 1500;

export function placeShaping(scope: Scope, links: readonly Link[]): void {
  // Each interface's own egress first, so that `both` on another finds it.
  const placed: { info: IfaceState; link: Link; shaping: Shaping; both: Span }[] = [];
  // By value: an interface's key is its name, and only a shaped one needs it.
  for (const ifaces of scope.ifaces.values())
    for (const info of ifaces.values()) {
      const decl = info.shaping;
      if (!decl) continue;
      if (info.decl.name.text === "lo") {
        scope.diagnostics.error("OT2008", "the loopback interface `lo` cannot be shaped", {
          span: decl.shaping.span,
          help: "shape an interface that is linked to something",
        });
        continue;
      }
      const link = info.creator !== undefined ? links[info.creator] : undefined;
      if (!link) continue; // not connected: reported
      const shaping: Shaping = { ...decl.shaping, mtu: mtuOf(scope, info, links, info.creator ?? 0) };
      if (!burstFits(scope, shaping)) continue;
      if (shapes(decl.shaping)) info.egress = shaping;
      if (decl.both) placed.push({ info, link, shaping, both: decl.both });
    }
  for (const p of placed) both(scope, p.info, p.link, p.shaping, p.both);
}

/** `both`: the other end of the link shapes what this interface receives. */
function both(
  scope: Scope,
  info: IfaceState,
  link: Link,
  shaping: Shaping,
  at: NonNullable<IfaceState["shaping"]>["both"],
): void {
  if (!at) return;
  const name = `${info.node.name.text}.${info.decl.name.text}`;
  if (!shapes(shaping)) {
    scope.diagnostics.error("OT2023", "`both` with nothing to shape", {
      span: at,
      help: "give the shaping (`rate 10mbit delay 20ms both`), or remove `both`",
    });
    return;
  }
  const other = otherEnd(scope, link, info);
  if (other) {
    if (other.info.egress) {
      scope.diagnostics.error(
        "OT2024",
        `\`${name}\` and \`${other.end.node}.${other.end.iface}\` both shape what \`${other.end.node}.${other.end.iface}\` sends`,
        {
          span: at,
          labels: [{ span: other.info.egress.span, message: "shaped here as well" }],
          help: "shape each direction once: remove `both`, or the other end's shaping",
        },
      );
      return;
    }
    other.info.egress = { ...shaping, mtu: other.info.mtu ?? shaping.mtu };
    return;
  }
  if (!LINK_KINDS[link.kind].farEnd) {
    scope.diagnostics.error("OT2023", `\`${name}\` has no other end to shape what it receives`, {
      span: at,
      notes: [
        "a qdisc shapes what leaves an interface; what arrives is shaped where it leaves, at the link's other end",
      ],
      help: "remove `both`; shape the traffic where it is sent",
    });
    return;
  }
  info.ingress = shaping;
}

/** A bucket smaller than a full packet never passes one: the link would carry nothing large. */
function burstFits(scope: Scope, s: Shaping): boolean {
  const packet = s.mtu + ETHERNET_HEADER;
  if (s.burst === undefined || s.burst >= packet) return true;
  scope.diagnostics.error(
    "OT2022",
    `a burst of ${s.burst} bytes is smaller than a packet of this interface`,
    {
      span: s.span,
      notes: [
        `its MTU is ${s.mtu}: a full packet is ${packet} bytes with its Ethernet header, and never fits the bucket`,
      ],
      help: `use a burst of at least ${packet} bytes, or leave \`burst\` out (it then holds 1 ms at the rate, and at least 10 packets)`,
    },
  );
  return false;
}

/** The other node interface the link creates, if it joins two (a point-to-point pair). */
function otherEnd(scope: Scope, link: Link, self: IfaceState): { end: End; info: IfaceState } | undefined {
  for (const { end, role } of endsOf(link)) {
    const info = scope.iface(end.node, end.iface);
    if (role === "creates" && info && info !== self) return { end, info };
  }
  return undefined;
}

/** The interface's MTU: its own, its segment's, its peer's, or Ethernet's. */
function mtuOf(scope: Scope, info: IfaceState, links: readonly Link[], index: number): number {
  const link = links[index];
  if (!link) return info.mtu ?? DEFAULT_MTU;
  return (
    info.mtu ??
    segmentOf(scope, link, index, links).mtu ??
    otherEnd(scope, link, info)?.info.mtu ??
    DEFAULT_MTU
  );
}
