// A point-to-point link: `eth0 -> r2.eth1`, a veth pair between two nodes' interfaces. It is
// declared at one end (or at both, pointing at each other) and is a segment of its own.

import { closest } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/source.js";
import type { Text } from "../expand.js";
import type { IfaceState, Scope } from "../scope.js";
import { type End, endText, type LinkKindSpec } from "./spec.js";

export interface P2pLink {
  readonly kind: "p2p";
  readonly a: End;
  readonly b: End;
  readonly span: Span;
}

export const P2P_LINK: LinkKindSpec<P2pLink, undefined> = {
  kind: "p2p",
  // NODE.IFACE: node names never contain a dot; a reserved word is never a node (host.NIC).
  usage: "NODE.IFACE",
  matches: (target, keywords) => target.includes(".") && !keywords.has(target.slice(0, target.indexOf("."))),
  resembles: (_scope, word) => /^[A-Za-z][\w-]*\.[A-Za-z]/.test(word),
  farEnd: false,
  options: {},
  settings: () => undefined,

  attach(scope, self, target) {
    const here: End = { node: self.node.name.text, iface: self.decl.name.text };
    const peer = splitEnd(target.text) ?? { node: target.text, iface: "" };
    const other = peerIface(scope, peer, target);
    if (!other || !validPair(scope, here, peer, target)) return undefined;
    const otherTarget = other.decl.target;
    if (otherTarget && otherTarget.text !== endText(here)) {
      scope.diagnostics.error(
        "OT1010",
        `\`${endText(peer)}\` is linked to \`${otherTarget.text}\`, not back to \`${endText(here)}\``,
        {
          span: target.span,
          labels: [{ span: otherTarget.span, message: "the other end says this" }],
          help: `a point-to-point link is declared at one end; remove \`-> ${otherTarget.text}\` from the other end or make it point back`,
        },
      );
      return undefined;
    }
    // Declared at both ends: recorded when the end attached first named the other.
    if (otherTarget && other.creator !== undefined) return undefined;
    return { kind: "p2p", a: here, b: peer, span: self.decl.span };
  },

  ends: (link) => [
    { end: link.a, role: "creates" },
    { end: link.b, role: "creates" },
  ],

  segment: (_scope, link, index) => ({
    key: `link:${index}`,
    name: `the link ${endText(link.a)} — ${endText(link.b)}`,
    addresses: [],
  }),
  // Its two ends, on two machines, are one tunnel's; each end's MTU is its own (one given
  // applies to both, src/plan/links/p2p.ts).
  domain: (_scope, link, index) => ({
    key: `link:${index}`,
    name: `the link ${endText(link.a)} — ${endText(link.b)}`,
    span: link.span,
  }),
};

/** `NODE.IFACE` split at its first dot (node names have none); undefined without a dot. */
export function splitEnd(text: string): End | undefined {
  const dot = text.indexOf(".");
  return dot === -1 ? undefined : { node: text.slice(0, dot), iface: text.slice(dot + 1) };
}

/** The other end's interface, or undefined when its node or interface does not exist (reported). */
function peerIface(scope: Scope, peer: End, target: Text): IfaceState | undefined {
  const peerNode = scope.nodes.get(peer.node);
  if (!peerNode) {
    const guess = closest(peer.node, scope.nodes.keys());
    scope.diagnostics.error("OT1007", `no node named \`${peer.node}\``, {
      span: target.span,
      help: guess
        ? `did you mean \`${guess}.${peer.iface}\`?`
        : `declare it with \`node ${peer.node} { … }\``,
    });
    return undefined;
  }
  const other = scope.iface(peer.node, peer.iface);
  if (other) return other;
  // Suggest only interfaces that are free to be this link's other end.
  const free = [...scope.ifacesOf(peer.node)]
    .filter(([name, info]) => name !== "lo" && !info.decl.target)
    .map(([name]) => name);
  const guess = closest(peer.iface, free);
  scope.diagnostics.error("OT1008", `node \`${peer.node}\` has no interface \`${peer.iface}\``, {
    span: target.span,
    labels: [{ span: peerNode.name.span, message: `\`${peer.node}\` is declared here` }],
    help: guess
      ? `did you mean \`${peer.node}.${guess}\`?`
      : `declare the other end in \`${peer.node}\`, for example \`${peer.iface} 10.0.0.2/30\``,
  });
  return undefined;
}

/** Two ends a veth pair can join: not the loopback, not one interface twice. */
function validPair(scope: Scope, here: End, peer: End, target: Text): boolean {
  if (peer.iface === "lo") {
    scope.diagnostics.error("OT1013", "the loopback interface `lo` cannot be linked", {
      span: target.span,
      help: `link to another interface of \`${peer.node}\`; \`lo\` takes only addresses`,
    });
    return false;
  }
  if (peer.node === here.node && peer.iface === here.iface) {
    scope.diagnostics.error("OT1012", `interface \`${endText(here)}\` is linked to itself`, {
      span: target.span,
      help: "a point-to-point link joins two different interfaces",
    });
    return false;
  }
  return true;
}
