// What a lab owns on the machine and what it must find free there: the objects an operation
// creates outside the lab's own namespaces (or the namespaces themselves), named so that the
// record can list them, tear-down can remove each under its guard, and `up` can refuse to
// start when one exists already. Types only: each operation kind says which it creates
// (src/plan/ops.ts, `owns` and `claims`).

import { assertNever } from "../never.js";
import type { Program } from "./programs.js";

/**
 * An object the lab creates and removes explicitly. Everything inside a lab's namespaces goes
 * with them; these are what does not: the namespaces themselves, and objects on the host.
 */
export type Owned =
  /**
   * A named network namespace (`/run/netns/NAME`), carrying the lab's mark on its `lo`: a
   * node's, or (without `node`) the lab's own, which holds its switches.
   */
  | { readonly kind: "netns"; readonly name: string; readonly node?: string }
  /** An interface in the host's namespace, created with the lab's mark as its alias. */
  | { readonly kind: "host-iface"; readonly name: string; readonly mark: string }
  /** An nftables table on the host, loaded whole with the lab's mark as its comment. */
  | { readonly kind: "host-table"; readonly family: "inet"; readonly name: string; readonly mark: string }
  /**
   * A host interface moved into a node (`-> host.NIC { move }`): the lab owns the move, and
   * its removal gives it back as `saved` says it was. The lab's while the node holds it
   * under `iface`, or its saved state is left (a give-back cut short).
   */
  | {
      readonly kind: "moved-nic";
      readonly name: string;
      readonly ns: string;
      readonly iface: string;
      readonly saved: string;
    };

export type OwnedKind = Owned["kind"];
export type OwnedOf<K extends OwnedKind> = Extract<Owned, { kind: K }>;

/**
 * What must be free on the machine before `up` creates anything: every owned object (it must
 * not exist yet), and what the lab uses without owning it alone — its cgroups under
 * `opentop/` (debris of a lost run is never reused), the prefixes it puts on the host's
 * side of a link (they must not overlap a network the host uses), and the host's
 * interfaces it uses (they must exist).
 */
/**
 * What a tunnel needs of the underlay to a peer machine: that it carries IP packets of `size`
 * bytes (the tunnel's MTU and its headers) without fragmenting them.
 */
export interface Underlay {
  readonly machine: string;
  readonly address: string;
  readonly family: 4 | 6;
  readonly size: number;
}

export type Claim =
  | Owned
  | { readonly kind: "cgroup"; readonly path: string }
  | { readonly kind: "host-net"; readonly cidr: string; readonly overDefault?: true }
  /**
   * A host interface the lab uses without creating it: the parent of a macvlan, or one it
   * moves in. It must exist and be nobody else's (no lab's mark); one to move must not carry
   * the host's default route.
   */
  | { readonly kind: "host-nic"; readonly name: string; readonly use: "parent" | "move" }
  /** The underlay to a peer machine: it answers, and carries the tunnel's packets whole. */
  | ({ readonly kind: "underlay" } & Underlay)
  /** The machine a plan is for has its own underlay address: it is that machine. */
  | { readonly kind: "own-address"; readonly machine: string; readonly address: string };

export type ClaimKind = Claim["kind"];
export type ClaimOf<K extends ClaimKind> = Extract<Claim, { kind: K }>;

/**
 * Programs checking a kind of claim runs besides the lab's own (`up` and the script need
 * them): the underlay is tried with ping; the rest are read with the lab's own tools.
 */
export const CLAIM_PROGRAMS: { readonly [K in ClaimKind]: readonly Program[] } = {
  netns: [],
  "host-iface": [],
  "host-table": [],
  "moved-nic": [],
  cgroup: [],
  "host-net": [],
  "host-nic": [],
  underlay: ["ping"],
  "own-address": [],
};

/** A stable text for an owned object, for sets and for comparing two records. */
export function ownedKey(o: Owned): string {
  switch (o.kind) {
    case "netns":
      return `netns ${o.name}`;
    case "host-iface":
      return `host-iface ${o.name}`;
    case "host-table":
      return `host-table ${o.family} ${o.name}`;
    case "moved-nic":
      return `moved-nic ${o.name}`;
    default:
      return assertNever(o);
  }
}
