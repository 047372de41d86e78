// How each link kind is drawn: its two ends (which vertex, which interface, which
// addresses) and its details. One entry per kind, exhaustive: a new link kind does not
// compile until it says how it looks.

import type { LinkOf } from "../../model/links/index.js";
import type { Address, Iface, Lab, LinkKind, Shaping } from "../../model/model.js";

/** What an edge end is attached to. */
export type Vertex =
  | { readonly kind: "node"; readonly name: string }
  | { readonly kind: "switch"; readonly name: string }
  | { readonly kind: "host" };

export interface EdgeEnd {
  /** The node whose interface this end is (for live state), when it is a node's. */
  readonly node?: string;
  readonly iface?: string;
  readonly addresses: readonly string[];
  /** Short facts about this end drawn beside it: `mtu 9000`, and later its shaping. */
  readonly notes: readonly string[];
}

export interface DrawnEdge {
  readonly a: EdgeEnd & { readonly at: Vertex };
  readonly b: EdgeEnd & { readonly at: Vertex };
  readonly details: readonly string[];
}

type Draw<K extends LinkKind> = (link: LinkOf<K>, lab: Lab) => DrawnEdge;

/** How a link that crosses machines is carried: "VXLAN 4242 between alpha and beta". */
export function tunnelOf(lab: Lab, link: Lab["links"][number]): string | undefined {
  const index = lab.links.indexOf(link);
  const t = lab.tunnels.find((x) => x.links.includes(index));
  return t ? `VXLAN ${t.vni} between ${t.machines.join(" and ")}` : undefined;
}

export const EDGES: { readonly [K in LinkKind]: Draw<K> } = {
  switch: (link, lab) => {
    const end = nodeEnd(lab, link.end.node, link.end.iface);
    return {
      a: end,
      b: { at: { kind: "switch", name: link.switch }, addresses: [], notes: [] },
      details: [`${link.end.node}.${link.end.iface} — switch ${link.switch}`, ...endDetails(end)],
    };
  },
  p2p: (link, lab) => {
    const a = nodeEnd(lab, link.a.node, link.a.iface);
    const b = nodeEnd(lab, link.b.node, link.b.iface);
    return {
      a,
      b,
      details: [
        `${link.a.node}.${link.a.iface} — ${link.b.node}.${link.b.iface} (${tunnelOf(lab, link) ?? "veth pair"})`,
        ...endDetails(a),
        ...endDetails(b),
      ],
    };
  },
  host: (link, lab) => {
    const end = nodeEnd(lab, link.end.node, link.end.iface);
    const host: EdgeEnd & { readonly at: Vertex } = {
      at: { kind: "host" },
      iface: link.hostName,
      addresses: texts(link.hostAddresses),
      notes: link.hostMasquerade ? ["masquerade"] : [],
    };
    return {
      a: end,
      b: host,
      details: [
        `${link.end.node}.${link.end.iface} — host ${link.hostName}`,
        ...endDetails(end),
        ...endDetails(host),
        ...(link.hostMasquerade ? ["the host masquerades the lab's traffic from this link"] : []),
      ],
    };
  },
  nic: (link, lab) => {
    const end = nodeEnd(lab, link.end.node, link.end.iface);
    const how = link.use.kind === "move" ? "moved into the node" : `macvlan (${link.use.mode}) on it`;
    const host: EdgeEnd & { readonly at: Vertex } = {
      at: { kind: "host" },
      iface: link.nic,
      addresses: [],
      notes: [link.use.kind === "move" ? "moved" : `macvlan ${link.use.mode}`],
    };
    return {
      a: end,
      b: host,
      details: [
        `${link.end.node}.${link.end.iface} — the host's NIC ${link.nic}, ${how}`,
        ...endDetails(end),
      ],
    };
  },
  // A VLAN sub-interface hangs from its parent, in the same node: an edge between the two rows.
  vlan: (link, lab) => {
    const sub = nodeEnd(lab, link.end.node, link.end.iface);
    const parent = nodeEnd(lab, link.parent.node, link.parent.iface);
    return {
      a: { ...sub, notes: [...sub.notes, `vlan ${link.vid}`] },
      b: parent,
      details: [
        `${link.end.node}.${link.end.iface}: VLAN ${link.vid}, tagged on ${link.parent.iface}`,
        ...endDetails(sub),
      ],
    };
  },
};

/** How a link is drawn, by its kind's entry (generic over the kind, so the entry and the link agree). */
export function drawLink<K extends LinkKind>(link: LinkOf<K> & { readonly kind: K }, lab: Lab): DrawnEdge {
  const draw: Draw<K> = EDGES[link.kind];
  return draw(link, lab);
}

function texts(addresses: readonly Address[]): string[] {
  return addresses.map((a) => a.cidr);
}

/** Each lab's interfaces by `NODE.IFACE`, built once: a lab may have thousands. */
const IFACES = new WeakMap<Lab, ReadonlyMap<string, Iface>>();

function ifaceOf(lab: Lab, node: string, iface: string): Iface | undefined {
  let index = IFACES.get(lab);
  if (!index) {
    index = new Map(lab.nodes.flatMap((n) => n.ifaces.map((i) => [`${n.name}.${i.name}`, i] as const)));
    IFACES.set(lab, index);
  }
  return index.get(`${node}.${iface}`);
}

function nodeEnd(lab: Lab, node: string, name: string): EdgeEnd & { readonly at: Vertex } {
  const iface = ifaceOf(lab, node, name);
  return {
    at: { kind: "node", name: node },
    node,
    iface: name,
    addresses: texts(iface?.addresses ?? []),
    notes: [
      ...(iface?.mtu ? [`mtu ${iface.mtu}`] : []),
      ...(iface?.egress ? [`${name} sends ${shapingText(iface.egress)}`] : []),
      ...(iface?.ingress ? [`${name} receives ${shapingText(iface.ingress)}`] : []),
    ],
  };
}

/** Shaping as people write it: `50mbit 30ms ±2ms 0.1% loss`. */
export function shapingText(s: Shaping): string {
  const rate = (bits: number) =>
    bits >= 1e9 && bits % 1e9 === 0
      ? `${bits / 1e9}gbit`
      : bits >= 1e6
        ? `${Math.round(bits / 1e4) / 100}mbit`
        : bits >= 1e3
          ? `${Math.round(bits / 10) / 100}kbit`
          : `${bits}bit`;
  const time = (us: number) => (us >= 1000 ? `${Math.round(us / 10) / 100}ms` : `${us}us`);
  return [
    ...(s.rate !== undefined ? [rate(s.rate)] : []),
    ...(s.delay !== undefined ? [time(s.delay)] : []),
    ...(s.jitter !== undefined ? [`±${time(s.jitter)}`] : []),
    ...(s.loss !== undefined ? [`${s.loss}% loss`] : []),
  ].join(" ");
}

function endDetails(end: EdgeEnd & { readonly at: Vertex }): string[] {
  const who = end.node ?? "host";
  return [`${who} ${end.iface ?? ""}: ${[...end.addresses, ...end.notes].join(" ") || "no address"}`];
}
