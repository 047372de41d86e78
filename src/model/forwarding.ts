// Routers by declaration: a node that other nodes route through (a gateway of their routes is
// one of its addresses) forwards packets for them, which the kernel does only with
// forwarding on. A fabric written without `forward` on its leaves passes every other check
// and silently drops; this says so (OT3020).

import type { Diagnostics } from "../diagnostics/diagnostic.js";
import type { Family } from "./ip.js";
import type { Node } from "./model.js";
import type { Route } from "./routes.js";

/** The sysctls that turn forwarding on, by family (`forward` sets the first of each). */
const FORWARDING: { readonly [F in Family]: readonly string[] } = {
  4: ["net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding"],
  6: ["net.ipv6.conf.all.forwarding"],
};

function forwards(n: Node, family: Family): boolean {
  // A loop, not `some` with a closure: asked for every route through a router (each leaf's
  // default route, in a large tree).
  const keys = FORWARDING[family];
  for (const s of n.sysctls) if (s.value === "1" && keys.includes(s.key)) return true;
  return false;
}

/** The gateways of a route: its `via`, or each path's. */
function gateways(r: Route): string[] {
  return r.nexthops ? r.nexthops.flatMap((h) => (h.via ? [h.via.text] : [])) : r.via ? [r.via.text] : [];
}

/** Warns once per node and family that other nodes route through without its forwarding. */
export function checkForwarding(diagnostics: Diagnostics, nodes: readonly Node[]): void {
  const owner = new Map<string, Node>();
  for (const n of nodes) for (const i of n.ifaces) for (const a of i.addresses) owner.set(a.text, n);
  const warned = new Set<string>();
  for (const n of nodes)
    for (const r of n.routes)
      for (const gw of gateways(r)) {
        const router = owner.get(gw);
        if (!router || router === n || forwards(router, r.family)) continue;
        // A route to the gateway's own address is delivered there, not forwarded.
        if (r.destination.prefix === (r.family === 4 ? 32 : 128) && owner.get(r.destination.text) === router)
          continue;
        const key = `${router.name} ${r.family}`;
        if (warned.has(key)) continue;
        warned.add(key);
        diagnostics.error(
          "OT3020",
          `\`${n.name}\` routes ${r.destination.prefix === 0 ? "default" : r.destination.cidr} through \`${router.name}\`, which does not forward IPv${r.family}`,
          {
            span: r.span,
            labels: [
              { span: router.span, message: `\`${router.name}\` is declared here, without \`forward\`` },
            ],
            notes: [
              `${gw} is an address of \`${router.name}\`; a node drops packets not addressed to it unless it forwards`,
            ],
            help: `add \`forward\` to node \`${router.name}\``,
          },
        );
      }
}
