// The network's operations: namespaces, links, addresses, routes and sysctls, each an
// `ip -batch` line or a `sysctl -w` argument. Most need no inverse: deleting the namespace
// they live in undoes them. What lives on the host (a veth end) is owned and deleted explicitly.

import { routeMetric } from "../../model/routes.js";
import type { Fact } from "../facts.js";
import { at, type Ns, nsKey } from "../ns.js";
import type { Claim, Owned, Underlay } from "../owned.js";
import type { Base, SpecTable, Undone } from "./types.js";

export interface VethEnd {
  readonly ns: Ns;
  readonly name: string;
  readonly mtu?: number;
  readonly mac?: string;
  /** A bridge in the same namespace to enslave this end to (it is also set up). */
  readonly master?: string;
  /**
   * An explicit ifindex (first end only; iproute2 ignores it on the peer). See
   * src/plan/links/index.ts: it keeps an end's ifindex different from its peer's, which the
   * kernel's link watcher otherwise mistakes for "not urgent" and delays the link's start.
   */
  readonly index?: number;
  /** The lab's mark, which an end on the host carries (its alias): what makes it the lab's. */
  readonly mark?: string;
}

/** One path of a multipath route, as its operation and its fact say it. */
export interface Hop {
  readonly via?: string;
  readonly dev: string;
  readonly weight: number;
  readonly onlink?: boolean;
}

export type NetworkOp = Base &
  /** A node's namespace, or (without `node`) the lab's own, which holds its switches. */
  (
    | { readonly kind: "netns.add"; readonly name: string; readonly node?: string }
    | { readonly kind: "netns.del"; readonly name: string }
    | {
        readonly kind: "bridge.add";
        readonly ns: string;
        readonly name: string;
        readonly mtu?: number;
        /** Filters by VLAN, with no default VLAN on its ports (each port says which it carries). */
        readonly vlanAware?: boolean;
      }
    | {
        /** VLANs a port of a VLAN-aware bridge carries: tagged, or one untagged as its PVID. */
        readonly kind: "port.vlan";
        readonly ns: string;
        readonly dev: string;
        /** `10` or a range `100-110`. */
        readonly vids: string;
        readonly untagged?: boolean;
      }
    | { readonly kind: "veth.add"; readonly ns: Ns; readonly a: VethEnd; readonly b: VethEnd }
    | {
        /** A VLAN sub-interface on a parent in the same namespace. */
        readonly kind: "vlan.add";
        readonly ns: string;
        readonly parent: string;
        readonly name: string;
        readonly vid: number;
        readonly mtu?: number;
        readonly mac?: string;
      }
    | {
        /** A macvlan on a host interface, created from the host directly in a node. */
        readonly kind: "macvlan.add";
        readonly parent: string;
        readonly netns: string;
        readonly name: string;
        readonly mode: string;
        readonly mtu?: number;
        readonly mac?: string;
      }
    | {
        /**
         * A VXLAN tunnel's end, created from the machine's own namespace directly in one of
         * the lab's (`netns`): its UDP socket stays in the machine's namespace, on the
         * underlay, while the device is a node's interface (the end of a point-to-point link
         * to another machine, with `remote`) or a port of a switch's bridge (with an entry a
         * peer machine, `vxlan.peer`). Its kernel learns remote MACs only for the latter.
         */
        readonly kind: "vxlan.add";
        readonly netns: string;
        readonly name: string;
        readonly vni: number;
        /** This machine, and its underlay address: the tunnel's source. */
        readonly machine: string;
        readonly local: string;
        /** The other machine's, for a point-to-point tunnel. */
        readonly remote?: string;
        /** The UDP port, the same on every machine. */
        readonly port: number;
        readonly mtu?: number;
        readonly mac?: string;
        /** What the underlay must carry to `remote`. */
        readonly underlay?: Underlay;
      }
    | {
        /**
         * Head-end replication: a switch's tunnel sends what it floods (and what it has not
         * learnt) to this peer machine too, one entry a peer.
         */
        readonly kind: "vxlan.peer";
        readonly ns: string;
        readonly dev: string;
        readonly remote: string;
        readonly underlay: Underlay;
      }
    | {
        /** An interface made elsewhere made a port of a bridge in its namespace, and up. */
        readonly kind: "link.master";
        readonly ns: string;
        readonly dev: string;
        readonly master: string;
      }
    | { readonly kind: "link.alias"; readonly ns: Ns; readonly dev: string; readonly alias: string }
    | { readonly kind: "link.up"; readonly ns: Ns; readonly dev: string }
    | { readonly kind: "link.del"; readonly ns: Ns; readonly dev: string }
    | {
        readonly kind: "addr.add";
        readonly ns: Ns;
        readonly dev: string;
        readonly cidr: string;
        readonly family: 4 | 6;
      }
    | {
        readonly kind: "route.add";
        readonly ns: Ns;
        readonly family: 4 | 6;
        readonly destination: string;
        readonly via?: string;
        readonly dev?: string;
        readonly metric?: number;
        readonly src?: string;
        readonly mtu?: number;
        readonly onlink?: boolean;
        /** A multipath route's paths (then no `via` or `dev` of its own). */
        readonly nexthops?: readonly Hop[];
      }
    | { readonly kind: "sysctl.set"; readonly ns: Ns; readonly key: string; readonly value: string }
  );

function vethWords(end: VethEnd, here: Ns): string[] {
  // `name` and `dev` before user-chosen names: iproute2 would read a name such as `br`
  // or `up` as a keyword (an abbreviation of `broadcast`, a flag) without them.
  const w = [end.name];
  if (end.index !== undefined) w.push("index", String(end.index));
  if (end.ns !== here) {
    // A host end is always created from the host: "the host's namespace" has no name
    // that another namespace could use reliably.
    if (end.ns === null) throw new Error(`internal: veth end ${end.name} on the host created from ${here}`);
    w.push("netns", end.ns);
  }
  if (end.mtu !== undefined) w.push("mtu", String(end.mtu));
  if (end.mac !== undefined) w.push("address", end.mac);
  if (end.master !== undefined) w.push("master", end.master, "up");
  return w;
}

/** An interface's `mtu` and `address` words, where the lab sets them. */
export function linkSettings(o: { readonly mtu?: number; readonly mac?: string }): string[] {
  return [
    ...(o.mtu !== undefined ? ["mtu", String(o.mtu)] : []),
    ...(o.mac !== undefined ? ["address", o.mac] : []),
  ];
}

/** An interface a stacked or moved link leaves, with the MTU and MAC the lab set. */
export function linkLeaves(ns: Ns, dev: string, o: { readonly mtu?: number; readonly mac?: string }): Fact {
  return {
    kind: "link",
    ns,
    dev,
    ...(o.mtu !== undefined ? { mtu: o.mtu } : {}),
    ...(o.mac !== undefined ? { mac: o.mac } : {}),
  };
}

function vethLeaves(end: VethEnd): Fact {
  return {
    kind: "link",
    ns: end.ns,
    dev: end.name,
    ...(end.mtu !== undefined ? { mtu: end.mtu } : {}),
    ...(end.mac !== undefined ? { mac: end.mac } : {}),
    ...(end.master !== undefined ? { master: end.master, up: true } : {}),
  };
}

/** A veth end on the host is the lab's own: its mark says so (the alias set right after). */
function hostEnd(end: VethEnd): Owned[] {
  if (end.ns !== null) return [];
  if (end.mark === undefined) throw new Error(`internal: host end ${end.name} without the lab's mark`);
  return [{ kind: "host-iface", name: end.name, mark: end.mark }];
}

/**
 * An interface created from the machine's own namespace directly in one of the lab's
 * (`netns`): one line of the host's batch, which goes with its namespace (a tunnel's socket
 * with it).
 */
const MADE_INTO_NETNS = {
  tool: "ip",
  where: () => null,
  inverse: () => null,
  undone: (): Undone => "nothing",
  key: (op: { readonly netns: string; readonly name: string }) => `link ${op.netns} ${op.name}`,
  leaves: (op: {
    readonly netns: string;
    readonly name: string;
    readonly mtu?: number;
    readonly mac?: string;
  }) => [linkLeaves(op.netns, op.name, op)],
  owns: () => [],
} as const;

export const NETWORK_OPS: SpecTable<NetworkOp> = {
  "netns.add": {
    tool: "ip",
    where: () => null,
    words: (op) => ["netns", "add", op.name],
    inverse: (op) => ({ kind: "netns.del", name: op.name }),
    undone: () => "owned",
    describe: (op) => `create network namespace ${op.name}`,
    key: (op) => `netns ${op.name}`,
    leaves: (op) => [{ kind: "link", ns: op.name, dev: "lo" }],
    owns: (op) => [{ kind: "netns", name: op.name, ...(op.node !== undefined ? { node: op.node } : {}) }],
  },
  "netns.del": {
    tool: "ip",
    where: () => null,
    words: (op) => ["netns", "del", op.name],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `delete network namespace ${op.name} and everything in it`,
    order: () => 1,
    removes: (op) => [`netns ${op.name}`],
    key: (op) => `netns ${op.name}`,
    leaves: () => [],
    owns: () => [],
  },
  "bridge.add": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "link",
      "add",
      "name",
      op.name,
      ...(op.mtu ? ["mtu", String(op.mtu)] : []),
      "up",
      "type",
      "bridge",
      // No default VLAN: with one (1), every port that names none would share it.
      ...(op.vlanAware ? ["vlan_filtering", "1", "vlan_default_pvid", "0"] : []),
    ],
    // Bridges live in the switches' namespace and go with it.
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `create ${op.vlanAware ? "VLAN-aware " : ""}bridge ${op.name} in ${op.ns}`,
    key: (op) => `link ${op.ns} ${op.name}`,
    leaves: (op) => [{ kind: "link", ns: op.ns, dev: op.name, up: true, ...(op.mtu ? { mtu: op.mtu } : {}) }],
    owns: () => [],
    features: (op) => (op.vlanAware ? ["bridge", "bridge-vlan"] : ["bridge"]),
  },
  "port.vlan": {
    tool: "bridge",
    where: (op) => op.ns,
    words: (op) => [
      "vlan",
      "add",
      "dev",
      op.dev,
      "vid",
      op.vids,
      ...(op.untagged ? ["pvid", "untagged"] : []),
    ],
    // It goes with the switches' namespace.
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `let port ${op.dev} in ${op.ns} carry VLAN ${op.vids}${op.untagged ? " untagged" : " tagged"}`,
    key: (op) => `vlan ${op.ns} ${op.dev} ${op.vids}`,
    // Not compared by status (yet): `bridge -j vlan show` would be its reader.
    leaves: () => [],
    owns: () => [],
    features: () => ["bridge-vlan"],
  },
  "veth.add": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "link",
      "add",
      "name",
      ...vethWords(op.a, op.ns),
      "type",
      "veth",
      "peer",
      "name",
      ...vethWords(op.b, op.ns),
    ],
    inverse: (op) =>
      op.a.ns === null
        ? { kind: "link.del", ns: null, dev: op.a.name }
        : op.b.ns === null
          ? { kind: "link.del", ns: null, dev: op.b.name }
          : null,
    undone: (op) => (op.a.ns === null || op.b.ns === null ? "owned" : "nothing"),
    describe: (op) => `create veth pair ${op.a.name} (${at(op.a.ns)}) — ${op.b.name} (${at(op.b.ns)})`,
    key: (op) => `link ${nsKey(op.a.ns)} ${op.a.name}`,
    leaves: (op) => [vethLeaves(op.a), vethLeaves(op.b)],
    owns: (op) => [...hostEnd(op.a), ...hostEnd(op.b)],
    features: () => ["veth"],
  },
  "vlan.add": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "link",
      "add",
      "link",
      op.parent,
      "name",
      op.name,
      ...linkSettings(op),
      "type",
      "vlan",
      "id",
      String(op.vid),
    ],
    // It goes with its namespace.
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `create VLAN ${op.vid} sub-interface ${op.name} on ${op.parent} in ${op.ns}`,
    key: (op) => `link ${op.ns} ${op.name}`,
    leaves: (op) => [linkLeaves(op.ns, op.name, op)],
    owns: () => [],
    features: () => ["vlan"],
  },
  "macvlan.add": {
    ...MADE_INTO_NETNS,
    words: (op) => [
      "link",
      "add",
      "link",
      op.parent,
      "name",
      op.name,
      "netns",
      op.netns,
      ...linkSettings(op),
      "type",
      "macvlan",
      "mode",
      op.mode,
    ],
    describe: (op) => `create macvlan ${op.name} (${op.mode}) on the host's ${op.parent}, in ${op.netns}`,
    claims: (op) => [{ kind: "host-nic", name: op.parent, use: "parent" }],
    features: () => ["macvlan"],
  },
  "vxlan.add": {
    // From the machine's own namespace: the kernel binds a tunnel's socket in the namespace
    // of the request, which is the one with the underlay.
    ...MADE_INTO_NETNS,
    words: (op) => [
      "link",
      "add",
      "name",
      op.name,
      "netns",
      op.netns,
      ...linkSettings(op),
      "type",
      "vxlan",
      "id",
      String(op.vni),
      "local",
      op.local,
      ...(op.remote !== undefined ? ["remote", op.remote, "nolearning"] : []),
      "dstport",
      String(op.port),
    ],
    describe: (op) =>
      `create VXLAN tunnel ${op.name} (VNI ${op.vni}${op.remote !== undefined ? ` to ${op.remote}` : ""}) in ${op.netns}`,
    claims: (op): Claim[] => [
      { kind: "own-address", machine: op.machine, address: op.local },
      ...(op.underlay ? [{ kind: "underlay" as const, ...op.underlay }] : []),
    ],
    features: () => ["vxlan"],
  },
  "vxlan.peer": {
    tool: "bridge",
    where: (op) => op.ns,
    words: (op) => ["fdb", "append", "00:00:00:00:00:00", "dev", op.dev, "dst", op.remote],
    // It goes with its tunnel.
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `let ${op.dev} in ${op.ns} flood to machine ${op.underlay.machine} (${op.remote})`,
    key: (op) => `fdb ${op.ns} ${op.dev} ${op.remote}`,
    // Not compared by status (yet): `bridge -j fdb show` would be its reader.
    leaves: () => [],
    owns: () => [],
    claims: (op): Claim[] => [{ kind: "underlay", ...op.underlay }],
  },
  "link.master": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "set", "dev", op.dev, "master", op.master, "up"],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `make ${op.dev} a port of ${op.master} in ${op.ns}`,
    key: (op) => `master ${op.ns} ${op.dev}`,
    leaves: (op) => [{ kind: "link", ns: op.ns, dev: op.dev, master: op.master, up: true }],
    owns: () => [],
  },
  "link.alias": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "set", "dev", op.dev, "alias", op.alias],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `mark ${op.dev} in ${at(op.ns)} as ${op.alias}`,
    key: (op) => `alias ${nsKey(op.ns)} ${op.dev}`,
    leaves: () => [],
    owns: () => [],
  },
  "link.up": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "set", "dev", op.dev, "up"],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `bring ${op.dev} up in ${at(op.ns)}`,
    key: (op) => `up ${nsKey(op.ns)} ${op.dev}`,
    leaves: (op) => [{ kind: "link", ns: op.ns, dev: op.dev, up: true }],
    owns: () => [],
  },
  "link.del": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "del", "dev", op.dev],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `delete ${op.dev} from ${at(op.ns)}`,
    removes: (op) => [`link ${op.dev}`],
    key: (op) => `link ${nsKey(op.ns)} ${op.dev}`,
    leaves: () => [],
    owns: () => [],
  },
  "addr.add": {
    tool: "ip",
    where: (op) => op.ns,
    // IPv6 addresses skip duplicate address detection: a lab's addresses are checked for
    // duplicates at compile time, and DAD would leave them unusable for a second or two.
    words: (op) => ["addr", "add", op.cidr, "dev", op.dev, ...(op.family === 6 ? ["nodad"] : [])],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `add ${op.cidr} to ${op.dev} in ${at(op.ns)}`,
    key: (op) => `addr ${nsKey(op.ns)} ${op.dev} ${op.cidr}`,
    leaves: (op) => [{ kind: "addr", ns: op.ns, dev: op.dev, cidr: op.cidr.toLowerCase() }],
    owns: () => [],
    // On the host's side of a link, a prefix must not be one the host already routes.
    claims: (op): Claim[] => (op.ns === null ? [{ kind: "host-net", cidr: op.cidr }] : []),
  },
  "route.add": {
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "route",
      "add",
      op.destination,
      ...(op.via ? ["via", op.via] : []),
      ...(op.dev ? ["dev", op.dev] : []),
      ...(op.metric !== undefined ? ["metric", String(op.metric)] : []),
      ...(op.src ? ["src", op.src] : []),
      ...(op.mtu !== undefined ? ["mtu", String(op.mtu)] : []),
      ...(op.onlink ? ["onlink"] : []),
      // Last: iproute2 reads everything after the first `nexthop` as paths.
      ...(op.nexthops ?? []).flatMap((h) => [
        "nexthop",
        ...(h.via ? ["via", h.via] : []),
        "dev",
        h.dev,
        "weight",
        String(h.weight),
        ...(h.onlink ? ["onlink"] : []),
      ]),
    ],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `route ${op.destination}${op.via ? ` via ${op.via}` : ""}${op.dev ? ` dev ${op.dev}` : ""}${op.nexthops ? ` over ${op.nexthops.length} paths` : ""} in ${at(op.ns)}`,
    key: (op) => `route ${nsKey(op.ns)} ${op.family} ${op.destination} ${routeMetric(op)}`,
    leaves: (op) => [
      {
        kind: "route",
        ns: op.ns,
        family: op.family,
        destination: op.destination,
        ...(op.via !== undefined ? { via: op.via } : {}),
        ...(op.dev !== undefined ? { dev: op.dev } : {}),
        ...(op.metric !== undefined ? { metric: op.metric } : {}),
        ...(op.nexthops ? { nexthops: op.nexthops.map(({ onlink: _, ...h }) => h) } : {}),
      },
    ],
    owns: () => [],
    features: (op) => (op.nexthops ? ["multipath"] : []),
  },
  "sysctl.set": {
    tool: "sysctl",
    where: (op) => op.ns,
    words: (op) => [`${op.key}=${op.value}`],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `set ${op.key} = ${op.value} in ${at(op.ns)}`,
    key: (op) => `sysctl ${nsKey(op.ns)} ${op.key}`,
    // Not compared by `status`: a namespace's sysctls are set once and read by nothing else.
    leaves: () => [],
    owns: () => [],
  },
};
