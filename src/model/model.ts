// The checked model: every name resolved, every value parsed and valid, every link known
// once. The planner reads only this; nothing here refers back to syntax except spans.

import type { Span } from "../diagnostics/source.js";
import type { Expectation } from "./expect/types.js";
import type { Filter } from "./filter.js";
import type { Iface } from "./ifaces.js";
import type { Isolation } from "./isolation.js";
import type { Link } from "./links/index.js";
import type { Machine } from "./machines.js";
import type { Route } from "./routes.js";
import type { LabSegment } from "./segments.js";
import type { Sysctl } from "./sysctls.js";
import type { Tunnel } from "./tunnels.js";

export type { Expectation, ProbeProtocol, Source, Target } from "./expect/types.js";
// Each part of the model is defined by the module that checks it; the planner imports them here.
export type { Iface } from "./ifaces.js";
export type { End, HostLink, Link, LinkKind, P2pLink, SwitchLink, VlanLink } from "./links/index.js";
export type { Machine, SshTarget } from "./machines.js";
export type { Nexthop, Route } from "./routes.js";
export type { LabSegment } from "./segments.js";
export type { Shaping } from "./shaping.js";
export type { Sysctl } from "./sysctls.js";
export type { Tunnel } from "./tunnels.js";
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
  /**
   * The hosts the lab spreads over (src/model/machines.ts), in declaration order; none for a
   * lab of one machine, whichever runs it.
   */
  readonly machines: readonly Machine[];
  /** Where nodes that name no machine are, and switches without ports (only with machines). */
  readonly defaultMachine?: string;
  /** The layer-2 domains carried between machines, each with its VNI (src/model/tunnels.ts). */
  readonly tunnels: readonly Tunnel[];
}

export interface Switch {
  readonly name: string;
  readonly span: Span;
  readonly mtu?: number;
  /** Its ports carry VLANs (each port's are on its link); the bridge filters by them. */
  readonly vlanAware?: boolean;
  /**
   * In a lab with machines: the machines it has a bridge on, those of its ports (the default
   * machine for a switch without any); several are joined by its tunnel.
   */
  readonly machines?: readonly string[];
  /** The VNI of the tunnel that joins its bridges, when its ports are on several machines. */
  readonly vni?: number;
}

export interface Node {
  readonly name: string;
  readonly span: Span;
  /** The machine it is on, in a lab with machines. */
  readonly machine?: string;
  readonly ifaces: readonly Iface[];
  readonly routes: readonly Route[];
  /** In declaration order; `forward` expands to its two sysctls here. */
  readonly sysctls: readonly Sysctl[];
  /** Packet filter and NAT (src/model/filter.ts); absent when the node has none. */
  readonly filter?: Filter;
  /** What it isolates besides (or instead of) its network, its mounts, limits and services. */
  readonly isolation: Isolation;
}
