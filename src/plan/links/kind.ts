// What lowering a link kind means: the operations of the "links" stage that one link of the
// kind needs, plus what the kind needs once per lab (the switches' namespace and bridges).
// Each kind fills this in in a file of its own (src/plan/links/*.ts); the registry is
// src/plan/links/index.ts.

import type { Iface, Lab, Link, Switch } from "../../model/model.js";
import type { Op } from "../ops.js";
import type { Platform } from "../platform.js";

export type LinkOf<K extends Link["kind"]> = Extract<Link, { kind: K }>;

/** What a kind's lowering may ask about the lab it is part of. */
export interface LinkContext {
  readonly lab: Lab;
  /** The machine the plan is for. */
  readonly platform: Platform;
  /** The network namespace of a node. */
  ns(node: string): string;
  /** A node's interface, as checked. */
  iface(node: string, name: string): Iface | undefined;
  switchOf(name: string): Switch | undefined;
  /** The next number of a series (1, 2, …): switch ports, first ends of point-to-point pairs. */
  ordinal(series: string): number;
}

/**
 * Switch ports and the first end of point-to-point pairs get explicit ifindexes from here
 * up, far from the small ones the kernel gives interfaces in a fresh namespace: an end whose
 * ifindex equals its peer's (both 3, say) has its carrier event treated as non-urgent by the
 * kernel's link watcher, which then starts its queue up to a second late and drops the first
 * packets (an IPv6 neighbour solicitation, typically).
 */
export const INDEX_BASE = 1000;

/** A host-side NAT rule a link asks for (`host-masquerade`): the interface it leaves by. */
export interface HostNat {
  readonly hostIface: string;
  /** The statement, as the rule's comment. */
  readonly text: string;
  readonly span: NonNullable<Op["origin"]>;
}

export interface LinkLowering<K extends Link["kind"]> {
  /** Once per lab (empty where it does not apply): namespaces (stage 1) and objects in them (links stage). */
  lab?(ctx: LinkContext): { readonly namespaces: Op[]; readonly links: Op[] };
  /** The operations of one link, in the links stage, in order. */
  link(link: LinkOf<K>, ctx: LinkContext): Op[];
  /** The host-side NAT rules the link asks for, in the lab's table on the host. */
  hostNat?(link: LinkOf<K>): HostNat[];
}
