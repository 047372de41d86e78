// The link kinds' lowerings, one per kind of the model (src/model/links/), exhaustively: a
// kind of link without its lowering here does not compile. Lowering asks this table, never
// "which kind?".

import type { Link } from "../../model/model.js";
import type { Op } from "../ops.js";
import { HOST } from "./host.js";
import type { HostNat, LinkContext, LinkLowering, LinkOf } from "./kind.js";
import { P2P } from "./p2p.js";
import { SWITCH } from "./switch.js";

export type { LinkContext } from "./kind.js";

const LOWERINGS: { readonly [K in Link["kind"]]: LinkLowering<K> } = {
  switch: SWITCH,
  p2p: P2P,
  host: HOST,
};

function lowering<K extends Link["kind"]>(link: LinkOf<K>): LinkLowering<K> {
  return LOWERINGS[link.kind] as unknown as LinkLowering<K>;
}

/** What the link kinds need once per lab: namespaces for stage 1, objects for the links stage. */
export function labLinkOps(ctx: LinkContext): { namespaces: Op[]; links: Op[] } {
  const kinds = Object.values(LOWERINGS) as LinkLowering<Link["kind"]>[];
  const parts = kinds.flatMap((k) => (k.lab ? [k.lab(ctx)] : []));
  return { namespaces: parts.flatMap((p) => p.namespaces), links: parts.flatMap((p) => p.links) };
}

/** Every link's operations, in the lab's order. */
export function linkOps(ctx: LinkContext): Op[] {
  return ctx.lab.links.flatMap((link) => lowering(link).link(link, ctx));
}

/** The host-side NAT rules the lab's links ask for. */
export function hostNats(links: readonly Link[]): HostNat[] {
  return links.flatMap((link) => lowering(link).hostNat?.(link) ?? []);
}
