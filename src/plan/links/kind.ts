// What lowering a link kind means: the operations one link of the kind needs, by phase, plus
// what the kind needs once per lab (the switches' namespace and bridges). Each kind fills
// this in in a file of its own (src/plan/links/*.ts); the registry is src/plan/links/index.ts.

import type { SwitchLink } from "../../model/links/index.js";
import type { Iface, Lab, Link, Machine, Switch, Tunnel } from "../../model/model.js";
import type { Op } from "../ops.js";
import type { Underlay } from "../owned.js";
import type { Platform } from "../platform.js";

export type LinkOf<K extends Link["kind"]> = Extract<Link, { kind: K }>;

/** What a kind's lowering may ask about the lab it is part of. */
export interface LinkContext {
  /** The part of the lab on the machine the plan is for (all of it, without machines). */
  readonly lab: Lab;
  /** The whole lab, every machine's part. */
  readonly whole: Lab;
  /** The machine the plan is for. */
  readonly platform: Platform;
  /** That machine as the lab declares it (absent in a lab without machines). */
  readonly machine?: Machine;
  /** The lab's directory on it (/run/opentop/LAB). */
  readonly labDir: string;
  /** The network namespace of a node. */
  ns(node: string): string;
  /** A node's interface, as checked. */
  iface(node: string, name: string): Iface | undefined;
  switchOf(name: string): Switch | undefined;
  /** A switch's ports, on every machine. */
  portsOf(name: string): readonly SwitchLink[];
  /**
   * The explicit ifindex of a veth end (`INDEX_BASE`): derived from the end itself (its node
   * and interface), distinct from every other end given one in the same namespace.
   */
  index(ns: string, node: string, iface: string): number;
  /** The machine a node is on (absent in a lab without machines). */
  machineOf(node: string): Machine | undefined;
  /** Whether a node is on the machine the plan is for. */
  here(node: string): boolean;
  /** The tunnel that carries a link between machines, if it crosses any. */
  tunnel(link: Link): Tunnel | undefined;
  /** What this machine's tunnels need of the underlay to a peer machine. */
  underlay(peer: Machine): Underlay;
}

/**
 * Switch ports and the first end of point-to-point pairs get explicit ifindexes from here
 * up, far from the small ones the kernel gives interfaces in a fresh namespace: an end whose
 * ifindex equals its peer's (both 3, say) has its carrier event treated as non-urgent by the
 * kernel's link watcher, which then starts its queue up to a second late and drops the first
 * packets (an IPv6 neighbour solicitation, typically). Each end's index is a hash of its node
 * and interface within `INDEX_SPAN` (the next free one on a collision in its namespace): the
 * same end gets the same index whatever else the lab holds, so that `apply` recreates no
 * link because another was added before it.
 */
export const INDEX_BASE = 1000;
export const INDEX_SPAN = 2 ** 24;

/** A host-side NAT rule a link asks for (`host-masquerade`): the interface it leaves by. */
export interface HostNat {
  readonly hostIface: string;
  /** The statement, as the rule's comment. */
  readonly text: string;
  readonly span: NonNullable<Op["origin"]>;
}

/**
 * When a link's operations run, each phase a stage of its own (the steps of a stage run
 * concurrently, so an operation that needs another's object cannot share its stage):
 * `create` makes interfaces where they live (veth pairs, a macvlan on a host interface, a
 * host interface moved in, a tunnel's end); `stack` makes interfaces on a parent that
 * `create` made (a VLAN sub-interface, a macvlan on a node's interface); `join` makes
 * interfaces made elsewhere ports of their bridge (a switch's tunnel) and tells a tunnel its
 * peers; `attach` configures ports that exist (a VLAN-aware switch's VLANs); `shape` gives
 * interfaces their qdiscs.
 */
export const PHASES = ["create", "stack", "join", "attach", "shape"] as const;
export type Phase = (typeof PHASES)[number];

/** Operations by phase; a phase without work is absent. */
export type Phased = { readonly [P in Phase]?: readonly Op[] };

export interface LinkLowering<K extends Link["kind"]> {
  /** Once per lab (empty where it does not apply): namespaces (stage 1) and objects in them, by phase. */
  lab?(ctx: LinkContext): { readonly namespaces: Op[]; readonly links: Phased };
  /** The operations of one link, by phase, each in order. */
  link(link: LinkOf<K>, ctx: LinkContext): Phased;
  /** The host-side NAT rules the link asks for, in the lab's table on the host. */
  hostNat?(link: LinkOf<K>): HostNat[];
  /**
   * The node interfaces the link gives that are the host's own devices, moved in: their
   * settings are the host's, which they get back with them, so lowering leaves them as
   * they are (absent: none).
   */
  hostDevices?(link: LinkOf<K>): readonly { readonly node: string; readonly iface: string }[];
  /**
   * Whether the link makes an interface on the host (a veth's host end), which `check` asks
   * the host about before `up` (absent: it makes none).
   */
  readonly makesHostIface?: true;
}
