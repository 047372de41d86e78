// What an expectation of the checked model is: a source, a target, a protocol and a family,
// whether it must reach, and where it is written (./check.ts makes them).

import type { Span } from "../../diagnostics/source.js";
import type { Family, Ip } from "../ip.js";

export type ProbeProtocol = "icmp" | "tcp" | "udp";
export const PROBE_PROTOCOLS: readonly ProbeProtocol[] = ["icmp", "tcp", "udp"];

/** Where a probe starts: a node, and the source address when the expectation fixes one. */
export interface Source {
  readonly node: string;
  /** `NODE.IFACE` as the source: the address is that interface's. */
  readonly iface?: string;
  /** Fixed by `NODE.IFACE` or an address; otherwise the kernel chooses (the analysis predicts it). */
  readonly address?: Ip;
}

/** Where a probe goes: always an address, and the node that holds it. */
export interface Target {
  readonly node: string;
  readonly iface?: string;
  readonly address: Ip;
}

export interface Expectation {
  /** As written, expanded: `pc1 -> web tcp 80`. */
  readonly text: string;
  /** `->` (true) or `!->` (false). */
  readonly reach: boolean;
  readonly from: Source;
  readonly to: Target;
  readonly protocol: ProbeProtocol;
  /** For tcp and udp. */
  readonly port?: number;
  readonly family: Family;
  /** `via NODE`: the path must cross it. */
  readonly via?: string;
  readonly span: Span;
}
