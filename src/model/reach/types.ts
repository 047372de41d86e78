// The vocabulary of the reachability analysis: packets as the kernel's hooks see them, the
// steps a packet takes through a lab, where and why it stops, and the verdict on a whole
// expectation. Types only; the walk is ./walk.ts.

import type { Span } from "../../diagnostics/source.js";
import type { Family, Ip } from "../ip.js";

/** Three-valued: a match that depends on what the kernel picks (a source port) is `maybe`. */
export type Tri = "yes" | "no" | "maybe";

/** A port, or the range the kernel picks an ephemeral source port from. */
export interface Ports {
  readonly first: number;
  readonly last: number;
}

/**
 * What a packet carries for the analysis. `icmp` is an echo (request or reply) in either
 * family; `nd` a neighbour solicitation or advertisement (ICMPv6, untracked by conntrack).
 */
export interface Packet {
  readonly family: Family;
  readonly proto: "icmp" | "tcp" | "udp" | "nd";
  readonly src: Ip;
  readonly dst: Ip;
  readonly sport?: Ports;
  readonly dport?: Ports;
}

/** The connection state a filter sees: conntrack's, or `untracked` (neighbour discovery). */
export type PacketState = "new" | "established" | "related" | "invalid" | "untracked";

export type Hook = "prerouting" | "input" | "forward" | "output" | "postrouting";

/** What decided a step: a statement of the lab file (a rule, a policy, a route, a node). */
export interface Decider {
  readonly text: string;
  readonly span?: Span;
}

/** One thing that happened to the packet at a node, in order. */
export type Step =
  | { readonly kind: "route"; readonly node: string; readonly text: string; readonly span?: Span }
  | {
      readonly kind: "filter";
      readonly node: string;
      readonly hook: Hook;
      readonly state: PacketState;
      readonly by: Decider;
    }
  | { readonly kind: "nat"; readonly node: string; readonly text: string; readonly span?: Span }
  | {
      readonly kind: "send";
      readonly node: string;
      readonly out: string;
      readonly to: string;
      readonly in: string;
      readonly via: string;
    }
  | { readonly kind: "local"; readonly node: string; readonly text: string };

/** Why a packet went no further. */
export type Blocked =
  | "dropped"
  | "rejected"
  | "no-route"
  | "not-forwarding"
  | "no-neighbour"
  | "neighbour-discovery"
  | "loop"
  | "rp-filter"
  | "ignored"
  | "no-source"
  | "mismatch";

export type Stop =
  /** The request arrived: at `node`, for `address` (and `port`), after any NAT on the way. */
  | { readonly kind: "delivered"; readonly node: string; readonly address: Ip; readonly port?: number }
  /** The reply arrived at the source, as a reply to what it sent. */
  | { readonly kind: "returned"; readonly node: string }
  | { readonly kind: "blocked"; readonly node: string; readonly how: Blocked; readonly by: Decider }
  | { readonly kind: "unknown"; readonly node: string; readonly reason: string; readonly span?: Span };

/** One way through the lab (several with equal-cost routes): the request, then the reply. */
export interface Path {
  readonly forward: readonly Step[];
  /** Empty when the request did not arrive. */
  readonly reply: readonly Step[];
  /** Where the request stopped (`delivered` when it arrived). */
  readonly request: Stop;
  /** Where the whole round trip stopped: `returned`, or why not. */
  readonly stop: Stop;
  /** The nodes the request crossed, source and destination included, in order. */
  readonly nodes: readonly string[];
}

export type VerdictKind = "reaches" | "blocked" | "unknown" | "partial";

export interface Verdict {
  /** `reaches` on every path, `blocked` on every path, `partial` when paths differ. */
  readonly kind: VerdictKind;
  readonly family: Family;
  /** The address the source sends from (fixed, or as the kernel would choose it). */
  readonly source?: Ip;
  readonly paths: readonly Path[];
  /**
   * Where the request lands when filters are set aside (routing and NAT only): where a live
   * probe's throwaway listener belongs, so that a filter the model misreads shows as a reply.
   */
  readonly delivery?: { readonly node: string; readonly address: Ip; readonly port?: number };
}
