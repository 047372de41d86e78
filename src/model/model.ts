// The checked model: every name resolved, every value parsed and valid, every link known
// once. The planner reads only this; nothing here refers back to syntax except spans.

import type { Span } from "../diagnostics/source.js";
import type { Expectation } from "./expect/types.js";
import type { Filter } from "./filter.js";
import type { Iface } from "./ifaces.js";
import type { Isolation } from "./isolation.js";
import type { Link } from "./links/index.js";
import type { Route } from "./routes.js";
import type { LabSegment } from "./segments.js";
import type { Sysctl } from "./sysctls.js";

export type { Expectation, ProbeProtocol, Source, Target } from "./expect/types.js";
// Each part of the model is defined by the module that checks it; the planner imports them here.
export type { Iface } from "./ifaces.js";
export type { End, HostLink, Link, LinkKind, P2pLink, SwitchLink, VlanLink } from "./links/index.js";
export type { Nexthop, Route } from "./routes.js";
export type { LabSegment } from "./segments.js";
export type { Shaping } from "./shaping.js";
export type { Sysctl } from "./sysctls.js";
export type { Address } from "./values.js";

export interface Lab {
  readonly name: string;
  readonly span: Span;
  readonly switches: readonly Switch[];
  readonly nodes: readonly Node[];
  readonly links: readonly Link[];
  /** The layer-2 segments the links make, with the interfaces on each. */
  readonly segments: readonly LabSegment[];
  /** What the lab must (and must not) reach, one per address family (docs/expectations.md). */
  readonly expectations: readonly Expectation[];
}

export interface Switch {
  readonly name: string;
  readonly span: Span;
  readonly mtu?: number;
  /** Its ports carry VLANs (each port's are on its link); the bridge filters by them. */
  readonly vlanAware?: boolean;
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
