// Per layer-2 segment (a switch, a point-to-point or a host link): the interfaces on it must
// have distinct addresses and MACs and one MTU, and a bridge has a bounded number of ports.

import type { Span } from "../diagnostics/source.js";
import { type End, endsOf, type Link, type Segment, segmentOf } from "./links/index.js";
import { endText } from "./links/spec.js";
import type { IfaceState, Scope } from "./scope.js";
import type { Address } from "./values.js";

interface Member {
  readonly end: End;
  readonly info: IfaceState;
}

interface Gathered {
  readonly segment: Segment;
  readonly members: Member[];
  readonly addresses: Address[];
}

/** A layer-2 segment of the checked model: the interfaces on it, and what else is there. */
export interface LabSegment {
  readonly key: string;
  /** For people: "switch `lan`", "the link a.eth0 — b.eth0". */
  readonly name: string;
  /** The interfaces the segment's links create on it. */
  readonly ends: readonly End[];
  /** Addresses on it that no node holds (the host's side of a host link). */
  readonly addresses: readonly Address[];
  /** What else is on it besides the lab's nodes (`the host`), if anything. */
  readonly outside?: string;
}

/** Checks every segment; returns them for the model (the reachability analysis reads them). */
export function checkSegments(scope: Scope, links: readonly Link[]): LabSegment[] {
  const gathered = gather(scope, links);
  tooManyPorts(scope, gathered);
  const out: LabSegment[] = [];
  for (const { segment, members, addresses } of gathered) {
    out.push({
      key: segment.key,
      name: segment.name,
      ends: members.map((m) => m.end),
      addresses,
      ...(segment.outside !== undefined ? { outside: segment.outside } : {}),
    });
    distinctAddresses(scope, segment, members.flatMap((m) => m.info.addresses).concat(addresses));
    distinctMacs(scope, segment, members);
    oneMtu(scope, segment, members);
  }
  return out;
}

/** A bridge's ports, over all its segments (a VLAN-aware switch has one a VLAN). */
function tooManyPorts(scope: Scope, gathered: readonly Gathered[]): void {
  const ports = new Map<string, { count: number; segment: Segment }>();
  for (const { segment, members } of gathered) {
    if (!segment.ports) continue;
    const entry = ports.get(segment.ports.bridge) ?? { count: 0, segment };
    ports.set(segment.ports.bridge, { ...entry, count: entry.count + members.length });
  }
  for (const [bridge, { count, segment }] of ports)
    if (segment.ports && count > segment.ports.max)
      scope.diagnostics.error("OT1018", `switch \`${bridge}\` has ${count} ports`, {
        span: segment.ports.span,
        label: `a Linux bridge takes at most ${segment.ports.max}`,
        help: "split the segment into several switches joined by a node, or use fewer nodes",
      });
}

/** The segments in the order of their first link; on each, the interfaces its links create. */
function gather(scope: Scope, links: readonly Link[]): Gathered[] {
  const segments = new Map<string, Gathered>();
  links.forEach((link, index) => {
    const segment = segmentOf(scope, link, index, links);
    const entry = segments.get(segment.key) ?? { segment, members: [], addresses: [] };
    segments.set(segment.key, entry);
    for (const { end, role } of endsOf(link)) {
      const info = scope.iface(end.node, end.iface);
      if (info && role === "creates") entry.members.push({ end, info });
    }
    entry.addresses.push(...segment.addresses);
  });
  return [...segments.values()];
}

function distinctAddresses(scope: Scope, segment: Segment, addresses: readonly Address[]): void {
  const seen = new Map<string, Span>();
  for (const a of addresses) {
    const first = seen.get(a.text);
    if (first) {
      scope.diagnostics.error("OT2002", `address ${a.text} is used twice on ${segment.name}`, {
        span: a.span,
        labels: [{ span: first, message: "also assigned here" }],
        help: "every interface on a segment needs its own address",
      });
    } else seen.set(a.text, a.span);
  }
}

function distinctMacs(scope: Scope, segment: Segment, members: readonly Member[]): void {
  const macs = new Map<string, IfaceState>();
  for (const m of members) {
    if (!m.info.mac) continue;
    const first = macs.get(m.info.mac);
    if (first) {
      scope.diagnostics.error("OT2006", `MAC address ${m.info.mac} is used twice on ${segment.name}`, {
        span: optionSpan(m.info, "mac") ?? m.info.decl.span,
        labels: [{ span: optionSpan(first, "mac") ?? first.decl.span, message: "also used here" }],
        help: "give each interface on a segment its own MAC address",
      });
    } else macs.set(m.info.mac, m.info);
  }
}

/** Every interface's MTU (its own, else the segment's) is the same, and fits IPv6 where used. */
function oneMtu(scope: Scope, segment: Segment, members: readonly Member[]): void {
  // Where an interface's MTU comes from: its own `mtu`, else the segment's.
  const whereMtu = (info: IfaceState): Span => optionSpan(info, "mtu") ?? segment.mtuSpan ?? info.decl.span;
  const mtus = new Map<number, IfaceState>();
  for (const m of members) {
    const mtu = m.info.mtu ?? segment.mtu;
    if (mtu !== undefined) mtus.set(mtu, m.info);
    if (mtu !== undefined && mtu < 1280 && m.info.addresses.some((a) => a.family === 6)) {
      scope.diagnostics.error("OT2005", `MTU ${mtu} is too small for IPv6 on \`${endText(m.end)}\``, {
        span: whereMtu(m.info),
        notes: ["the kernel disables IPv6 on an interface whose MTU is below 1280"],
        help: "use an MTU of 1280 or more, or drop the IPv6 addresses",
      });
    }
  }
  if (mtus.size > 1 && members.length > 1) {
    const [a, b] = [...mtus.entries()];
    if (a && b)
      scope.diagnostics.error("OT2007", `MTUs differ on ${segment.name}: ${a[0]} and ${b[0]}`, {
        span: whereMtu(b[1]),
        labels: [{ span: whereMtu(a[1]), message: `MTU ${a[0]} here` }],
        help: "set the same MTU on every end (or once on the switch); large packets are dropped otherwise",
      });
  }
}

/** Where an interface's first `mtu` or `mac` option gives its value. */
function optionSpan(info: IfaceState, key: "mtu" | "mac"): Span | undefined {
  return info.decl.props.find((p) => p.key === key)?.args[0]?.span;
}
