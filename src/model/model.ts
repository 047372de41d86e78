// The checked model: every name resolved, every value parsed and valid, every link known
// once. The planner reads only this; nothing here refers back to syntax except spans.

import type { Span } from "../diagnostics/source.js";
import type { Filter } from "./filter.js";
import type { Cidr, Family, Ip } from "./ip.js";
import type { Isolation } from "./isolation.js";

export interface Lab {
  readonly name: string;
  readonly span: Span;
  readonly switches: readonly Switch[];
  readonly nodes: readonly Node[];
  readonly links: readonly Link[];
}

export interface Switch {
  readonly name: string;
  readonly span: Span;
  readonly mtu?: number;
}

export interface Node {
  readonly name: string;
  readonly span: Span;
  readonly ifaces: readonly Iface[];
  readonly routes: readonly Route[];
  /** In declaration order; `forward` expands to its two sysctls here. */
  readonly sysctls: readonly Sysctl[];
  /** Packet filter and NAT (src/model/filter.ts); absent when the node has none. */
  readonly filter?: Filter;
  /** What it isolates besides (or instead of) its network, its mounts, limits and services. */
  readonly isolation: Isolation;
}

export interface Address extends Cidr {
  readonly span: Span;
}

export interface Iface {
  readonly node: string;
  readonly name: string;
  readonly span: Span;
  readonly addresses: readonly Address[];
  readonly mtu?: number;
  readonly mac?: string;
  /** Index into Lab.links; absent only for `lo`. */
  readonly link?: number;
}

export interface End {
  readonly node: string;
  readonly iface: string;
}

export type Link =
  | { readonly kind: "switch"; readonly switch: string; readonly end: End; readonly span: Span }
  | { readonly kind: "p2p"; readonly a: End; readonly b: End; readonly span: Span }
  | {
      readonly kind: "host";
      readonly end: End;
      /** The host-side interface name: declared, or generated (≤ 15 characters). */
      readonly hostName: string;
      readonly hostAddresses: readonly Address[];
      /** `host-masquerade`: the lab's traffic from this link leaves the host with the host's address. */
      readonly hostMasquerade?: Span;
      readonly span: Span;
    };

export interface Route {
  /** `default` resolved to 0.0.0.0/0 or ::/0. */
  readonly destination: Cidr;
  readonly family: Family;
  readonly via?: Ip;
  readonly dev?: string;
  readonly metric?: number;
  readonly src?: Ip;
  readonly mtu?: number;
  readonly onlink: boolean;
  readonly span: Span;
}

export interface Sysctl {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}
