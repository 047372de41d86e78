// What a link kind tells the checker, in one interface (the front end's rtnl_link_ops): the
// targets it recognises, the options it owns, how it resolves, which interfaces it joins.

import type { Span } from "../../diagnostics/source.js";
import type { IfaceDecl, PropDecl, Text } from "../expand.js";
import type { IfaceState, Scope } from "../scope.js";
import type { Address } from "../values.js";

/** One interface of one node. */
export interface End {
  readonly node: string;
  readonly iface: string;
}

export function endText(end: End): string {
  return `${end.node}.${end.iface}`;
}

/**
 * How a link joins an interface. It `creates` it (a veth end: an interface has at most one
 * creator, OT1009), or `uses` an interface the node has as its parent device (a VLAN
 * `eth0.10` or a macvlan on `eth0`: any number of links may). No kind uses one yet.
 */
export type Role = "creates" | "uses";

export interface Joined {
  readonly end: End;
  readonly role: Role;
}

/**
 * The layer-2 segment a link is part of: where addresses, MACs and MTUs must agree. The
 * interfaces a link creates are on it; those it uses are on their own creator's.
 */
export interface Segment {
  /** Links with one key share one segment: every port of a switch. */
  readonly key: string;
  /** How messages name it: "switch `lan`", "the link a.eth0 — b.eth0". */
  readonly name: string;
  /** Addresses on the segment that no node's interface holds: the host's side of a host link. */
  readonly addresses: readonly Address[];
  /**
   * What else is on the segment besides the lab's nodes, for people (`the host`): the
   * reachability analysis does not follow packets there.
   */
  readonly outside?: string;
  /** The MTU of an interface that sets none (a switch's), and where it is written. */
  readonly mtu?: number;
  readonly mtuSpan?: Span;
  /** A bridge numbers its ports: at most `max` on `bridge`, else an error at `span` (OT1018). */
  readonly ports?: { readonly bridge: string; readonly max: number; readonly span: Span };
}

/**
 * The layer-2 domain a link is part of, which a tunnel carries from machine to machine when
 * the interfaces its links create are on several (src/model/tunnels.ts): links with one key
 * are one domain, every port of a switch.
 */
export interface Domain {
  readonly key: string;
  /** How messages name it: "switch `lan`", "the link a.eth0 — b.eth0". */
  readonly name: string;
  /** Where a problem of the domain as a whole is reported. */
  readonly span: Span;
  /**
   * The MTU the domain gives interfaces that set none (a switch's `mtu`), where it is
   * written, and how the tunnel's own is given to it when it has none.
   */
  readonly mtu?: { readonly value?: number; readonly span?: Span; set(mtu: number): void };
  /** It carries frames tagged with a VLAN (a VLAN-aware switch's): 4 more bytes a frame. */
  readonly tagged?: boolean;
  /**
   * Told the machines its interfaces are on, and its tunnel's VNI if they are several, where
   * it keeps them (a switch's bridges).
   */
  placed?(machines: readonly string[], vni: number | undefined): void;
}

/** The segment key of VLAN `vid` carried by the interface `end` (undefined: not linked). */
export type Tagged = (end: End, vid: number) => string | undefined;

/** Reports an option of a kind on an interface that is not linked by that kind (OT2008). */
export type Misplaced = (scope: Scope, option: PropDecl, iface: IfaceDecl) => void;

/**
 * A link kind. `L` is its model type; `S` the settings that its interface options fill,
 * read when the interface is declared and handed back to `attach`.
 */
export interface LinkKindSpec<L extends { readonly kind: string }, S> {
  readonly kind: L["kind"];
  /**
   * A word that names this kind's target by itself (`host`): reserved, so that no switch or
   * node can be called so; `meaning` says what it stands for in messages.
   */
  readonly keyword?: { readonly word: string; readonly meaning: string };
  /**
   * How its target is written after `->`, for messages that list them: `SWITCH`, `host`;
   * absent for a kind declared by the interface's name (`named`).
   */
  readonly usage?: string;
  /**
   * Whether the word after `->` asks for this kind. Kinds split the words between them
   * (exactly one matches; `keywords` are every kind's reserved words).
   */
  matches(target: string, keywords: ReadonlySet<string>): boolean;
  /**
   * Whether an interface declared without `->` is of this kind by its name (`eth0.10`, a
   * VLAN sub-interface); its name then stands in for the target `attach` is given.
   */
  named?(name: string): boolean;
  /** Whether a word written where an address belongs names a target of this kind (OT2001's hint). */
  resembles(scope: Scope, word: string): boolean;
  /**
   * Whether the link has an end of its own beyond the node interfaces it joins (a switch's
   * port, the host's end of a host link): `both` shapes what the interface receives there.
   */
  readonly farEnd: boolean;
  /** The interface options this kind owns (the parser's IFACE_OPTIONS lists the words). */
  readonly options: { readonly [word: string]: Misplaced };
  /** Reads the kind's options of an interface that links by it. */
  settings(scope: Scope, iface: IfaceDecl): S;
  /**
   * Resolves the target once every name is declared. Undefined after an error, and when
   * the link is already recorded from its other end.
   */
  attach(scope: Scope, iface: IfaceState, target: Text, settings: S): L | undefined;
  /** The interfaces the link joins, each with its role. */
  ends(link: L): readonly Joined[];
  /**
   * `index` is the link's place in the lab's links, for segments of their own; `tagged`
   * gives the segment of a VLAN carried tagged by the link that creates an interface.
   */
  segment(scope: Scope, link: L, index: number, tagged: Tagged): Segment;
  /**
   * The key of the segment that VLAN `vid` is on when this link carries it tagged (default:
   * the link's own segment's VLAN `vid`; a VLAN-aware switch's VLAN `vid`).
   */
  tagged?(scope: Scope, link: L, index: number, vid: number): string | undefined;
  /**
   * Why the link does not carry VLAN `vid` tagged, for people (undefined: it does, or
   * carries anything, as a plain link does).
   */
  carries?(scope: Scope, link: L, vid: number): string | undefined;
  /** The VLAN an interface it creates is tagged with on the parent it uses (a VLAN sub-interface's). */
  tagOf?(link: L): number;
  /** Checks across the lab's links of this kind, once all are attached (one NIC moved twice). */
  checkAll?(scope: Scope, links: readonly L[]): void;
  /**
   * The layer-2 domain the link belongs to, for a lab on several machines; absent for a kind
   * whose link never leaves its node's machine (a host link; a VLAN, carried by its parent).
   */
  domain?(scope: Scope, link: L, index: number): Domain;
}
