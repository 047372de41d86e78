// The link kinds' lowerings, one per kind of the model (src/model/links/), exhaustively: a
// kind of link without its lowering here does not compile. Lowering asks this table, never
// "which kind?".

import type { Link } from "../../model/model.js";
import type { Op } from "../ops.js";
import { HOST } from "./host.js";
import {
  type HostNat,
  type LinkContext,
  type LinkLowering,
  type LinkOf,
  PHASES,
  type Phase,
  type Phased,
} from "./kind.js";
import { NIC } from "./nic.js";
import { P2P } from "./p2p.js";
import { SWITCH } from "./switch.js";
import { VLAN } from "./vlan.js";

export type { LinkContext, Phase } from "./kind.js";

const LOWERINGS: { readonly [K in Link["kind"]]: LinkLowering<K> } = {
  switch: SWITCH,
  p2p: P2P,
  host: HOST,
  vlan: VLAN,
  nic: NIC,
};

function lowering<K extends Link["kind"]>(link: LinkOf<K>): LinkLowering<K> {
  return LOWERINGS[link.kind] as unknown as LinkLowering<K>;
}

/**
 * What the links need: the namespaces of stage 1 (the kinds' once-per-lab ones), and every
 * operation by phase — the kinds' once-per-lab objects first, then each link's, in the
 * lab's order.
 */
export function linkOps(ctx: LinkContext): { namespaces: Op[]; phases: Record<Phase, Op[]> } {
  const namespaces: Op[] = [];
  const phases = Object.fromEntries(PHASES.map((phase) => [phase, []])) as unknown as Record<Phase, Op[]>;
  // Each part's operations appended to their phase's list as it is made.
  const add = (part: Phased) => {
    for (const phase of PHASES) {
      const ops = part[phase];
      if (ops) for (const op of ops) phases[phase].push(op);
    }
  };
  for (const kind of Object.values(LOWERINGS) as LinkLowering<Link["kind"]>[]) {
    const perLab = kind.lab?.(ctx);
    if (!perLab) continue;
    namespaces.push(...perLab.namespaces);
    add(perLab.links);
  }
  for (const link of ctx.lab.links) add(lowering(link).link(link, ctx));
  return { namespaces, phases };
}

/** The host-side NAT rules the lab's links ask for. */
export function hostNats(links: readonly Link[]): HostNat[] {
  return links.flatMap((link) => lowering(link).hostNat?.(link) ?? []);
}

/** The node interfaces that are the host's own devices moved in, as `NODE IFACE`. */
export function hostDevices(links: readonly Link[]): ReadonlySet<string> {
  return new Set(
    links.flatMap((link) => (lowering(link).hostDevices?.(link) ?? []).map((e) => `${e.node} ${e.iface}`)),
  );
}

/** Whether any of the links makes an interface on the host. */
export function makesHostIfaces(links: readonly Link[]): boolean {
  return links.some((link) => lowering(link).makesHostIface === true);
}
