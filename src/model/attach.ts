// Linking: every interface's target resolved by its kind, each link recorded once, and the
// roles enforced: an interface has exactly one link that creates it (OT1009, OT1011).

import type { Span } from "../diagnostics/source.js";
import { assertNever } from "../never.js";
import { attach, endsOf, type Joined, type Link, namedKind, type Pending } from "./links/index.js";
import { endText } from "./links/spec.js";
import type { Scope } from "./scope.js";

/** The lab's links, in the order their interfaces are declared. */
export function attachAll(scope: Scope, waiting: readonly Pending[]): Link[] {
  const links: Link[] = [];
  for (const p of waiting) {
    const link = attach(scope, p);
    if (link) join(scope, links, link, endsOf(link), p.target.span);
  }
  unattached(scope);
  return links;
}

/**
 * Records a link on the interfaces it joins, unless one it creates has a creator already
 * (reported at `at`). `joined` is `endsOf(link)`; a parameter so that roles no kind has yet
 * can be tried.
 */
export function join(scope: Scope, links: Link[], link: Link, joined: readonly Joined[], at: Span): void {
  let taken = false;
  for (const { end, role } of joined) {
    const creator = scope.iface(end.node, end.iface)?.creator;
    if (role !== "creates" || creator === undefined) continue;
    const existing = links[creator];
    scope.diagnostics.error("OT1009", `interface \`${endText(end)}\` is attached twice`, {
      span: at,
      labels: existing ? [{ span: existing.span, message: "already attached here" }] : [],
      help: "an interface is one end of one link; give the node another interface",
    });
    taken = true;
  }
  if (taken) return;
  const index = links.push(link) - 1;
  for (const { end, role } of joined) {
    const info = scope.iface(end.node, end.iface);
    if (!info) continue;
    switch (role) {
      case "creates":
        info.creator = index;
        break;
      case "uses":
        info.users.push(index);
        break;
      default:
        assertNever(role);
    }
  }
}

/** An interface no link creates, that does not name a target of its own (that was reported). */
function unattached(scope: Scope): void {
  // By value (an interface is keyed by its name, in its node's map): a large lab has tens of
  // thousands, and each entry read as a pair would be an array made.
  for (const ifaces of scope.ifaces.values()) {
    for (const info of ifaces.values()) {
      const name = info.decl.name.text;
      // One that names a target, or whose name is its target (`eth0.10`), has been reported.
      if (name === "lo" || info.creator !== undefined || info.decl.target || namedKind(name)) continue;
      const node = info.node.name.text;
      scope.diagnostics.error("OT1011", `interface \`${node}.${name}\` is not connected to anything`, {
        span: info.decl.name.span,
        help: `connect it with ${scope.words.targetsFor(name)}, or link to it from another node with \`-> ${node}.${name}\``,
      });
    }
  }
}
