// The network's operations: namespaces, links, addresses, routes and sysctls, each an
// `ip -batch` line or a `sysctl -w` argument. Most need no inverse: deleting the namespace
// they live in undoes them. What lives on the host (a veth end) is owned and deleted explicitly.

import { MACVLAN_MODES } from "../../model/links/nic.js";
import { routeMetric } from "../../model/routes.js";
import { sysctlDefault, sysctlIface } from "../../model/sysctls.js";
import { opt } from "../../opt.js";
import type { Fact } from "../facts.js";
import { netnsPath } from "../layout.js";
import { at, type Ns, nsKey } from "../ns.js";
import type { Claim, Owned, Underlay } from "../owned.js";
import { ADDR_PROMOTE, SYSCTL_RESET } from "../snippets.js";
import {
  type Base,
  F,
  inside,
  linkKey,
  type Need,
  type NeedContext,
  NOTHING,
  need,
  netnsKey,
  type Shape,
  type SpecTable,
  type Undone,
  type Update,
} from "./types.js";

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

/**
 * A veth end, its fields set one by one in the order a plan's JSON shows them: an object
 * literal with spreads in it (`...opt("mtu", mtu)`) costs several times as much, and a large
 * lab has an end or two a link.
 */
export function vethEnd(
  ns: Ns,
  name: string,
  o: { readonly [K in Exclude<keyof VethEnd, "ns" | "name">]?: VethEnd[K] | undefined },
): VethEnd {
  const end: { -readonly [K in keyof VethEnd]: VethEnd[K] } = { ns, name };
  if (o.index !== undefined) end.index = o.index;
  if (o.mtu !== undefined) end.mtu = o.mtu;
  if (o.mac !== undefined) end.mac = o.mac;
  if (o.master !== undefined) end.master = o.master;
  if (o.mark !== undefined) end.mark = o.mark;
  return end;
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
    | {
        /**
         * No IPv6 link-local address on an interface (addrgenmode none), set before it has a
         * carrier: so no duplicate address detection, router solicitation or MLD report.
         */
        readonly kind: "link.nolinklocal";
        readonly ns: string;
        readonly dev: string;
      }
    | { readonly kind: "link.del"; readonly ns: Ns; readonly dev: string }
    | {
        readonly kind: "addr.add";
        readonly ns: Ns;
        readonly dev: string;
        readonly cidr: string;
        readonly family: 4 | 6;
        /** On the host's side: the link may take a prefix the host routes through its default route. */
        readonly overDefault?: true;
      }
    | RouteAdd
    | { readonly kind: "sysctl.set"; readonly ns: Ns; readonly key: string; readonly value: string }
    // What `apply` runs to change or remove one object of a running lab (never in `up`'s plan).
    | {
        /** An interface's settings changed in place. */
        readonly kind: "link.set";
        readonly ns: Ns;
        readonly dev: string;
        readonly mtu?: number;
        readonly mac?: string;
        readonly master?: string;
        /** No longer a port of its bridge (a switch's tunnel taken out of it). */
        readonly nomaster?: true;
      }
    | { readonly kind: "link.down"; readonly ns: Ns; readonly dev: string }
    | { readonly kind: "addr.del"; readonly ns: Ns; readonly dev: string; readonly cidr: string }
    | {
        /** An IPv4 address removed while another of its subnet stays (`ADDR_PROMOTE`). */
        readonly kind: "addr.promote";
        readonly ns: string;
        readonly dev: string;
        readonly cidr: string;
      }
    | {
        readonly kind: "route.del";
        readonly ns: Ns;
        readonly family: 4 | 6;
        readonly destination: string;
        readonly metric: number;
      }
    | (Omit<RouteAdd, "kind"> & { readonly kind: "route.replace" })
    | { readonly kind: "port.unvlan"; readonly ns: string; readonly dev: string; readonly vids: string }
    | {
        /** A switch's tunnel stops flooding to a peer machine (`vxlan.peer` undone). */
        readonly kind: "vxlan.unpeer";
        readonly ns: string;
        readonly dev: string;
        readonly remote: string;
      }
    | {
        /** A sysctl set back to what it was before the lab set it (`SYSCTL_RESET`). */
        readonly kind: "sysctl.reset";
        readonly ns: string;
        readonly key: string;
        /** The key whose value it takes: itself, or for an interface's, `…conf.default.…`. */
        readonly from: string;
        /** From a fresh namespace (a namespace-wide key), or from the node's own `from`. */
        readonly fresh: boolean;
      }
  );

type RouteAdd = {
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
};

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

const VETH_END: Shape = {
  ns: F.ns,
  name: F.word,
  mtu: F.optional("number"),
  mac: F.optional(F.word),
  master: F.optional(F.word),
  index: F.optional("number"),
  mark: F.optional("mark"),
};

const FAMILY = { oneOf: [4, 6] } as const;

/** An interface's MTU and MAC, where the lab sets them. */
export const LINK_SETTINGS: Shape = { mtu: F.optional("number"), mac: F.optional(F.word) };

const HOP: Shape = {
  via: F.optional(F.word),
  dev: F.word,
  weight: "number",
  onlink: F.optional("boolean"),
};

/**
 * A route's words: `route`, its verb (`add`, `replace`), then its fields. Pushed one by one: a
 * literal of conditional spreads made and copied a list for each field, for every route.
 */
function routeWords(verb: string, op: Omit<RouteAdd, "kind">): string[] {
  const w = ["route", verb, op.destination];
  if (op.via) w.push("via", op.via);
  if (op.dev) w.push("dev", op.dev);
  if (op.metric !== undefined) w.push("metric", String(op.metric));
  if (op.src) w.push("src", op.src);
  if (op.mtu !== undefined) w.push("mtu", String(op.mtu));
  if (op.onlink) w.push("onlink");
  // Last: iproute2 reads everything after the first `nexthop` as paths.
  for (const h of op.nexthops ?? []) {
    w.push("nexthop");
    if (h.via) w.push("via", h.via);
    w.push("dev", h.dev, "weight", String(h.weight));
    if (h.onlink) w.push("onlink");
  }
  return w;
}

const ROUTE_SHAPE: Shape = {
  ns: F.ns,
  family: FAMILY,
  destination: F.word,
  via: F.optional(F.word),
  dev: F.optional(F.word),
  metric: F.optional("number"),
  src: F.optional(F.word),
  mtu: F.optional("number"),
  onlink: F.optional("boolean"),
  nexthops: F.optional({ each: { object: HOP } }),
};

/**
 * What a route goes with: its namespace, its interfaces (its `dev`, its paths', the one its
 * gateway is on) — and it needs the addresses that put its gateway on a link: the kernel drops
 * the route when the last of them goes, so it is removed first and made again after them.
 */
function routeNeeds(op: RouteAdd, ctx: NeedContext): Need[] {
  const gateways = [op.via, ...(op.nexthops ?? []).map((h) => h.via)].filter((v) => v !== undefined);
  const holding = gateways.flatMap((via) => ctx.onLink(op.ns, via));
  const devs = new Set([
    ...(op.dev !== undefined ? [op.dev] : []),
    ...(op.nexthops ?? []).map((h) => h.dev),
    ...(op.dev === undefined && op.nexthops === undefined ? holding.map((a) => a.dev) : []),
  ]);
  return [
    ...(op.ns === null ? [] : [inside(netnsKey(op.ns))]),
    ...[...devs].map((d) => inside(linkKey(op.ns, d))),
    ...holding.map((a) => need(`addr ${nsKey(op.ns)} ${a.dev} ${a.cidr}`)),
  ];
}

/**
 * A veth end's settings changed in place: the MTU or MAC it was given (or another one), or
 * the bridge it is a port of. Undefined when it must be made again: another name, namespace,
 * index or mark, or a setting dropped (the kernel's default would need the interface anew).
 */
function endUpdate(from: VethEnd, to: VethEnd): NetworkOp | null | undefined {
  if (from.ns !== to.ns || from.name !== to.name || from.index !== to.index || from.mark !== to.mark)
    return undefined;
  const dropped = (["mtu", "mac", "master"] as const).some(
    (k) => from[k] !== undefined && to[k] === undefined,
  );
  if (dropped) return undefined;
  const changed = {
    ...(to.mtu !== from.mtu ? opt("mtu", to.mtu) : {}),
    ...(to.mac !== from.mac ? opt("mac", to.mac) : {}),
    ...(to.master !== from.master ? opt("master", to.master) : {}),
  };
  return Object.keys(changed).length ? { kind: "link.set", ns: to.ns, dev: to.name, ...changed } : null;
}

/** An interface's MTU and MAC changed in place; undefined when one is dropped (made again). */
function settingsUpdate(
  ns: Ns,
  dev: string,
  from: { readonly mtu?: number; readonly mac?: string },
  to: { readonly mtu?: number; readonly mac?: string },
): Update<NetworkOp> | undefined {
  if ((from.mtu !== undefined && to.mtu === undefined) || (from.mac !== undefined && to.mac === undefined))
    return undefined;
  const changed = {
    ...(to.mtu !== from.mtu ? opt("mtu", to.mtu) : {}),
    ...(to.mac !== from.mac ? opt("mac", to.mac) : {}),
  };
  return { ops: [{ kind: "link.set", ns, dev, ...changed }], dependents: "kept" };
}

/** Another address of its subnet stays on its interface in the plan the lab becomes. */
function staysBeside(
  op: { readonly ns: Ns; readonly dev: string; readonly cidr: string },
  next: NeedContext,
): boolean {
  const ip = op.cidr.split("/")[0] ?? "";
  return next.onLink(op.ns, ip).some((a) => a.dev === op.dev && a.cidr !== op.cidr);
}

/**
 * The same object, the rest of its fields equal: `keys` are those an update may change. Where
 * in the file it came from is no field of the object (a record's operations have none), nor is
 * the order in which a record read back lists them.
 */
function sameBut<T extends object>(from: T, to: T, keys: readonly (keyof T)[]): boolean {
  const rest = (o: T) =>
    JSON.stringify(
      Object.entries(o)
        .filter(([k, v]) => k !== "origin" && v !== undefined && !keys.includes(k as keyof T))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  return rest(from) === rest(to);
}

/**
 * An interface created from the machine's own namespace directly in one of the lab's
 * (`netns`): one line of the host's batch, which goes with its namespace (a tunnel's socket
 * with it). Removed alone (`apply`), it is deleted where it lives; its MTU and MAC change in
 * place.
 */
type MadeIntoNetns = {
  readonly netns: string;
  readonly name: string;
  readonly mtu?: number;
  readonly mac?: string;
};

const MADE_INTO_NETNS = {
  tool: "ip",
  where: () => null,
  inverse: () => null,
  undone: (): Undone => "nothing",
  key: (op: MadeIntoNetns) => linkKey(op.netns, op.name),
  leaves: (op: MadeIntoNetns) => [linkLeaves(op.netns, op.name, op)],
  owns: () => [],
  needs: (op: MadeIntoNetns) => [inside(netnsKey(op.netns))],
  makes: (op: MadeIntoNetns) => [linkKey(op.netns, op.name)],
  undo: (op: MadeIntoNetns): NetworkOp[] => [{ kind: "link.del", ns: op.netns, dev: op.name }],
} as const;

/** What the underlay to a peer machine must carry (a tunnel's claim). */
const UNDERLAY: Shape = { machine: F.word, address: F.word, family: { oneOf: [4, 6] }, size: "number" };

export const NETWORK_OPS: SpecTable<NetworkOp> = {
  "netns.add": {
    needs: () => [],
    makes: (op) => [netnsKey(op.name), linkKey(op.name, "lo")],
    undo: (op) => [{ kind: "netns.del", name: op.name }],
    shape: { name: "netns", node: F.optional(F.word) },
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
    ...NOTHING,
    shape: { name: "netns" },
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
    needs: (op) => [inside(netnsKey(op.ns))],
    undo: (op) => [{ kind: "link.del", ns: op.ns, dev: op.name }],
    update: (from, to) =>
      sameBut(from, to, ["mtu"]) && to.mtu !== undefined
        ? { ops: [{ kind: "link.set", ns: to.ns, dev: to.name, mtu: to.mtu }], dependents: "kept" }
        : undefined,
    shape: { ns: "netns", name: F.word, mtu: F.optional("number"), vlanAware: F.optional("boolean") },
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "link",
      "add",
      "name",
      op.name,
      ...(op.mtu ? ["mtu", String(op.mtu)] : []),
      // Down: it is brought up once it is told to have no link-local address (a bridge has
      // one at once when it is up: it needs no carrier).
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
    leaves: (op) => [{ kind: "link", ns: op.ns, dev: op.name, ...(op.mtu ? { mtu: op.mtu } : {}) }],
    owns: () => [],
    features: (op) => (op.vlanAware ? ["bridge", "bridge-vlan"] : ["bridge"]),
  },
  "port.vlan": {
    needs: (op) => [inside(linkKey(op.ns, op.dev))],
    undo: (op) => [{ kind: "port.unvlan", ns: op.ns, dev: op.dev, vids: op.vids }],
    shape: { ns: "netns", dev: F.word, vids: F.word, untagged: F.optional("boolean") },
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
    // Both ends are deleted explicitly, never left to a namespace's deletion: the kernel
    // destroys the peer of an end in a deleted namespace a moment later, which would collide
    // with the same pair made again. Deleting an end in a namespace of the lab's own needs no
    // guard: nothing there is anyone else's.
    needs: (op) => [
      ...[op.a.ns, op.b.ns].flatMap((ns) => (ns === null ? [] : [need(netnsKey(ns))])),
      ...[op.a, op.b].flatMap((e) => (e.master !== undefined ? [need(linkKey(e.ns, e.master))] : [])),
    ],
    makes: (op) => [linkKey(op.a.ns, op.a.name), linkKey(op.b.ns, op.b.name)],
    undo: (op) => [
      op.a.ns !== null
        ? { kind: "link.del", ns: op.a.ns, dev: op.a.name }
        : { kind: "link.del", ns: op.b.ns, dev: op.b.name },
    ],
    update: (from, to) => {
      if (from.ns !== to.ns) return undefined;
      const ends = [endUpdate(from.a, to.a), endUpdate(from.b, to.b)];
      if (ends.includes(undefined)) return undefined;
      return { ops: ends.filter((e): e is NetworkOp => !!e), dependents: "kept" };
    },
    shape: { ns: F.ns, a: { object: VETH_END }, b: { object: VETH_END } },
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
    needs: (op) => [inside(netnsKey(op.ns)), inside(linkKey(op.ns, op.parent))],
    undo: (op) => [{ kind: "link.del", ns: op.ns, dev: op.name }],
    update: (from, to) =>
      sameBut(from, to, ["mtu", "mac"]) ? settingsUpdate(to.ns, to.name, from, to) : undefined,
    shape: { ns: "netns", parent: F.word, name: F.word, vid: "number", ...LINK_SETTINGS },
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
    update: (from, to) =>
      sameBut(from, to, ["mtu", "mac"]) ? settingsUpdate(to.netns, to.name, from, to) : undefined,
    shape: {
      parent: F.word,
      netns: "netns",
      name: F.word,
      mode: { oneOf: MACVLAN_MODES },
      ...LINK_SETTINGS,
    },
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
    // Its MTU in place (what the underlay must carry follows it); anything else is another tunnel.
    update: (from, to) =>
      sameBut(from, to, ["mtu", "mac", "underlay"]) ? settingsUpdate(to.netns, to.name, from, to) : undefined,
    shape: {
      netns: "netns",
      name: F.word,
      vni: "number",
      machine: F.word,
      local: F.word,
      remote: F.optional(F.word),
      port: "number",
      ...LINK_SETTINGS,
      underlay: F.optional({ object: UNDERLAY }),
    },
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
    needs: (op) => [inside(linkKey(op.ns, op.dev))],
    undo: (op) => [{ kind: "vxlan.unpeer", ns: op.ns, dev: op.dev, remote: op.remote }],
    shape: { ns: "netns", dev: F.word, remote: F.word, underlay: { object: UNDERLAY } },
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
    // A port of its bridge until it goes, or the bridge does (then it is made a port again).
    needs: (op) => [inside(linkKey(op.ns, op.dev)), need(linkKey(op.ns, op.master))],
    undo: (op) => [{ kind: "link.set", ns: op.ns, dev: op.dev, nomaster: true }],
    update: (from, to) =>
      sameBut(from, to, ["master"])
        ? { ops: [{ kind: "link.set", ns: to.ns, dev: to.dev, master: to.master }], dependents: "kept" }
        : undefined,
    shape: { ns: "netns", dev: F.word, master: F.word },
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
    needs: (op) => [inside(linkKey(op.ns, op.dev))],
    // A mark is never taken off an interface that stays: its interface is made again.
    undo: () => null,
    update: (_, to) => ({ ops: [to], dependents: "kept" }),
    shape: { ns: F.ns, dev: F.word, alias: "mark" },
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
  "link.nolinklocal": {
    needs: (op) => [inside(linkKey(op.ns, op.dev))],
    // Set before the interface has a carrier: taken back only by making the interface again,
    // and given to an interface that is up only by making it again (the kernel keeps the
    // link-local address it has).
    undo: () => null,
    madeWith: true,
    shape: { ns: "netns", dev: F.word },
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "set", "dev", op.dev, "addrgenmode", "none"],
    // A setting of an interface of the lab's namespace: it goes with it.
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `give ${op.dev} in ${op.ns} no IPv6 link-local address`,
    key: (op) => `addrgen ${op.ns} ${op.dev}`,
    leaves: () => [],
    owns: () => [],
  },
  "link.up": {
    needs: (op) => [inside(linkKey(op.ns, op.dev))],
    undo: (op) => [{ kind: "link.down", ns: op.ns, dev: op.dev }],
    shape: { ns: F.ns, dev: F.word },
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
    ...NOTHING,
    shape: { ns: F.ns, dev: F.word },
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
    needs: (op) => [inside(linkKey(op.ns, op.dev))],
    undo: (op, next) =>
      op.ns !== null && op.family === 4 && staysBeside(op, next)
        ? [{ kind: "addr.promote", ns: op.ns, dev: op.dev, cidr: op.cidr }]
        : [{ kind: "addr.del", ns: op.ns, dev: op.dev, cidr: op.cidr }],
    // Removed once what replaces it is there: the routes through its subnet never lose it.
    undoneLast: true,
    // Only whether the host may route it differs: nothing to do in the kernel.
    update: () => ({ ops: [], dependents: "kept" }),
    shape: {
      ns: F.ns,
      dev: F.word,
      cidr: F.word,
      family: FAMILY,
      overDefault: F.optional({ oneOf: [true] }),
    },
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
    claims: (op): Claim[] =>
      op.ns === null
        ? [{ kind: "host-net", cidr: op.cidr, ...(op.overDefault ? { overDefault: true as const } : {}) }]
        : [],
  },
  "route.add": {
    needs: routeNeeds,
    undo: (op) => [
      {
        kind: "route.del",
        ns: op.ns,
        family: op.family,
        destination: op.destination,
        metric: routeMetric(op),
      },
    ],
    // One request swaps the route for the new one: no moment without it.
    update: (_, { kind: _k, ...to }) => ({ ops: [{ kind: "route.replace", ...to }], dependents: "kept" }),
    shape: ROUTE_SHAPE,
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => routeWords("add", op),
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
        // A metric the lab gives is the route's: an IPv4 `metric 0` is one, which the kernel
        // shows by showing none; an IPv6 route's `metric 0` is its 1024. Without one, the
        // fact says none and a route of any metric is it.
        ...(op.metric !== undefined ? { metric: routeMetric(op) } : {}),
        ...(op.nexthops ? { nexthops: op.nexthops.map(({ onlink: _, ...h }) => h) } : {}),
      },
    ],
    owns: () => [],
    features: (op) => (op.nexthops ? ["multipath"] : []),
  },
  "sysctl.set": {
    needs: (op) => {
      if (op.ns === null) return [];
      const iface = sysctlIface(op.key);
      return [inside(netnsKey(op.ns)), ...(iface !== undefined ? [inside(linkKey(op.ns, iface))] : [])];
    },
    undo: (op) =>
      op.ns === null
        ? null
        : sysctlIface(op.key) !== undefined
          ? [{ kind: "sysctl.reset", ns: op.ns, key: op.key, from: sysctlDefault(op.key), fresh: false }]
          : [{ kind: "sysctl.reset", ns: op.ns, key: op.key, from: op.key, fresh: true }],
    update: (_, to) => ({ ops: [to], dependents: "kept" }),
    shape: { ns: F.ns, key: F.word, value: "string" },
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
  "link.set": {
    shape: {
      ns: F.ns,
      dev: F.word,
      ...LINK_SETTINGS,
      master: F.optional(F.word),
      nomaster: F.optional({ oneOf: [true] }),
    },
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => [
      "link",
      "set",
      "dev",
      op.dev,
      ...linkSettings(op),
      ...(op.master !== undefined ? ["master", op.master] : []),
      ...(op.nomaster ? ["nomaster"] : []),
    ],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `change ${op.dev} in ${at(op.ns)}: ${[op.mtu !== undefined ? `mtu ${op.mtu}` : "", op.mac ?? "", op.master !== undefined ? `port of ${op.master}` : "", op.nomaster ? "no longer a port" : ""].filter(Boolean).join(", ")}`,
    key: (op) => linkKey(op.ns, op.dev),
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
  "link.down": {
    shape: { ns: F.ns, dev: F.word },
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["link", "set", "dev", op.dev, "down"],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `bring ${op.dev} down in ${at(op.ns)}`,
    key: (op) => `up ${nsKey(op.ns)} ${op.dev}`,
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
  "addr.del": {
    shape: { ns: F.ns, dev: F.word, cidr: F.word },
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => ["addr", "del", op.cidr, "dev", op.dev],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `remove ${op.cidr} from ${op.dev} in ${at(op.ns)}`,
    key: (op) => `addr ${nsKey(op.ns)} ${op.dev} ${op.cidr}`,
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
  "addr.promote": {
    shape: { ns: "netns", dev: F.word, cidr: F.word },
    tool: "exec",
    where: (op) => op.ns,
    words: (op) => ["sh", "-c", ADDR_PROMOTE, "opentop-addr-promote", op.dev, op.cidr],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `remove ${op.cidr} from ${op.dev} in ${op.ns}, the next address of its subnet taking its place`,
    key: (op) => `addr ${op.ns} ${op.dev} ${op.cidr}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["sysctl", "ip"],
    ...NOTHING,
  },
  "route.del": {
    shape: { ns: F.ns, family: FAMILY, destination: F.word, metric: "number" },
    tool: "ip",
    where: (op) => op.ns,
    // The destination says the family (`::/0`, never `default`), the metric which route.
    words: (op) => ["route", "del", op.destination, "metric", String(op.metric)],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `remove the route to ${op.destination} (metric ${op.metric}) in ${at(op.ns)}`,
    key: (op) => `route ${nsKey(op.ns)} ${op.family} ${op.destination} ${op.metric}`,
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
  "route.replace": {
    shape: ROUTE_SHAPE,
    tool: "ip",
    where: (op) => op.ns,
    words: (op) => routeWords("replace", op),
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `replace the route to ${op.destination} in ${at(op.ns)}`,
    key: (op) => `route ${nsKey(op.ns)} ${op.family} ${op.destination} ${routeMetric(op)}`,
    leaves: () => [],
    owns: () => [],
    features: (op) => (op.nexthops ? ["multipath"] : []),
    ...NOTHING,
  },
  "port.unvlan": {
    shape: { ns: "netns", dev: F.word, vids: F.word },
    tool: "bridge",
    where: (op) => op.ns,
    words: (op) => ["vlan", "del", "dev", op.dev, "vid", op.vids],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `stop port ${op.dev} in ${op.ns} carrying VLAN ${op.vids}`,
    key: (op) => `vlan ${op.ns} ${op.dev} ${op.vids}`,
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
  "vxlan.unpeer": {
    shape: { ns: "netns", dev: F.word, remote: F.word },
    tool: "bridge",
    where: (op) => op.ns,
    words: (op) => ["fdb", "del", "00:00:00:00:00:00", "dev", op.dev, "dst", op.remote],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `stop ${op.dev} in ${op.ns} flooding to ${op.remote}`,
    key: (op) => `fdb ${op.ns} ${op.dev} ${op.remote}`,
    leaves: () => [],
    owns: () => [],
    ...NOTHING,
  },
  "sysctl.reset": {
    shape: { ns: "netns", key: F.word, from: F.word, fresh: "boolean" },
    tool: "exec",
    where: () => null,
    words: (op) => [
      "sh",
      "-c",
      SYSCTL_RESET,
      "opentop-sysctl-reset",
      netnsPath(op.ns),
      op.key,
      op.from,
      op.fresh ? "fresh" : "node",
    ],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      `set ${op.key} in ${op.ns} back to ${op.fresh ? "a fresh namespace's value" : `the node's ${op.from}`}`,
    key: (op) => `sysctl ${op.ns} ${op.key}`,
    leaves: () => [],
    owns: () => [],
    programs: (op) => ["nsenter", "sysctl", ...(op.fresh ? (["unshare"] as const) : [])],
    ...NOTHING,
  },
};
