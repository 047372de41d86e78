// A node's routes: destination, gateway and options parsed, the gateway checked against the
// node's subnets, and routes that the kernel would refuse as duplicates reported.

import { closest, type Diagnostics } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/source.js";
import type { Building } from "../opt.js";
import type { NodeDecl, RouteDecl, Text } from "./expand.js";
import {
  type Cidr,
  contains,
  type Family,
  type Ip,
  isLinkLocal,
  isNetwork,
  isV4BroadcastOf,
  isV4Mapped,
  network,
  parseCidr,
  parseIp,
  Subnets,
} from "./ip.js";
import {
  emptyHop,
  type HopOptions,
  MAX_WEIGHT,
  type Nexthop,
  repeatedHop,
  splitRoute,
  v6DeviceHop,
} from "./nexthops.js";
import type { IfaceState } from "./scope.js";
import { type Address, parseInteger } from "./values.js";

export type { Nexthop } from "./nexthops.js";

export interface Route {
  /** `default` resolved to 0.0.0.0/0 or ::/0. */
  readonly destination: Cidr;
  readonly family: Family;
  /** A route of one path: its gateway and interface (as written). */
  readonly via?: Ip;
  readonly dev?: string;
  /** A multipath route: two or more paths (and no `via` or `dev` of its own). */
  readonly nexthops?: readonly Nexthop[];
  readonly metric?: number;
  readonly src?: Ip;
  readonly mtu?: number;
  readonly onlink: boolean;
  readonly span: Span;
}

type Ifaces = ReadonlyMap<string, IfaceState>;

/**
 * The metric the kernel gives a route: its own, or where it sets none 0 for IPv4 and 1024
 * for IPv6 (which takes a metric of 0 as none: `metric 0` is stored as 1024). A route is one
 * object of the kernel per destination and metric (in its table), so this is part of its
 * identity wherever two routes are compared.
 */
export function routeMetric(route: { readonly family: Family; readonly metric?: number }): number {
  if (route.family === 6) return route.metric || 1024;
  return route.metric ?? 0;
}

/** The node's valid routes, in order; each invalid or duplicate one is reported and left out. */
export function checkRoutes(diagnostics: Diagnostics, n: NodeDecl, byName: Ifaces): Route[] {
  const ifaces = new NodeIfaces(byName);
  const routes: Route[] = [];
  // Most nodes of a large lab have one route, which cannot be a duplicate.
  const seen = n.routes.length > 1 ? new Map<string, Span>() : undefined;
  for (const r of n.routes) {
    const route = checkRoute(diagnostics, n, r, ifaces);
    if (!route) continue;
    if (seen) {
      const key = `${route.destination.cidr} metric ${routeMetric(route)}`;
      const first = seen.get(key);
      if (first) {
        diagnostics.error("OT3004", `route to ${route.destination.cidr} is declared twice`, {
          span: r.span,
          labels: [{ span: first, message: "first declared here" }],
          help: "for several paths to one destination write one multipath route (`via A via B`), or give them different `metric`s",
        });
        continue;
      }
      seen.set(key, r.span);
    }
    const kernel = kernelRoute(route, ifaces);
    if (kernel) {
      diagnostics.error(
        "OT3004",
        `route to ${route.destination.cidr} duplicates the route the kernel makes for ${kernel.address.cidr}`,
        {
          span: r.span,
          labels: [
            { span: kernel.address.span, message: `the kernel routes this subnet to ${kernel.iface}` },
          ],
          notes: ["an IPv4 address on an interface that is up comes with a route to its subnet, of metric 0"],
          help: "remove the route: the subnet is on the link already; for a second path to it, give the route a `metric`",
        },
      );
      continue;
    }
    routes.push(route);
  }
  return routes;
}

/** One route: the first problem found is reported, and the route left out. */
function checkRoute(
  diagnostics: Diagnostics,
  n: NodeDecl,
  r: RouteDecl,
  ifaces: NodeIfaces,
): Route | undefined {
  const parts = splitRoute(diagnostics, r);
  if (!parts) return undefined;
  const written = parts.hops.length ? parts.hops : [emptyHop(r.span)];
  const gws = written.map((h) => gateway(diagnostics, h.via?.args[0]));
  if (gws.includes(null)) return undefined;
  const destination = destinationOf(
    diagnostics,
    r,
    gws.find((g): g is Ip => !!g),
  );
  if (!destination) return undefined;
  const hops: CheckedHop[] = [];
  // By index, not `entries()`: a pair made for each hop of each route, in code that runs too
  // few times to be optimised.
  for (let i = 0; i < written.length; i++) {
    const h = written[i];
    if (!h) continue;
    const hop = checkHop(diagnostics, n, r, { written: h, gw: gws[i] ?? undefined, destination }, ifaces);
    if (!hop) return undefined;
    hops.push(hop);
  }
  if (hops.length > 1 && repeatedHop(diagnostics, hops)) return undefined;
  if (v6DeviceHop(diagnostics, destination.family, hops)) return undefined;
  const metric = parseInteger(diagnostics, parts.opts.metric, 0, 0xffffffff, "metric");
  const mtu = parseInteger(diagnostics, parts.opts.mtu, 68, 65535, "route MTU");
  const src = source(diagnostics, n, parts.opts.src?.args[0], destination, ifaces);
  if (src === null || metric === null || mtu === null) return undefined;
  const [one, ...more] = hops;
  const only = more.length === 0 ? one : undefined;
  // Made field by field, in the order the model's JSON shows them: a literal of conditional
  // spreads (`...(src ? { src } : {})`) cost several times as much, and a large lab has a
  // route or more a node.
  const route: Building<Route> = { destination, family: destination.family };
  if (metric !== undefined) route.metric = metric;
  if (src) route.src = src;
  if (mtu !== undefined) route.mtu = mtu;
  route.span = r.span;
  if (only?.via) route.via = only.via;
  if (only?.written) route.dev = only.written;
  route.onlink = only ? only.onlink : false;
  if (!only) route.nexthops = hops.map(nexthopOf);
  // Complete: `span` and `onlink`, the fields not in the first literal, are set above on every path.
  return route as Route;
}

/** A path of a multipath route, for the model: its `via` only when it has one. */
function nexthopOf({ via, dev, weight, onlink }: CheckedHop): Nexthop {
  return via ? { via, dev, weight, onlink } : { dev, weight, onlink };
}

/**
 * A checked path: its interface as written, and as resolved (the one on the gateway's
 * subnet). Every field always there, so that every hop has one shape.
 */
interface CheckedHop {
  readonly via: Ip | undefined;
  readonly dev: string;
  readonly written: string | undefined;
  readonly weight: number;
  readonly onlink: boolean;
  readonly span: Span;
}

/** One path of a route: its gateway's family, interface and reach, and its weight. */
function checkHop(
  diagnostics: Diagnostics,
  n: NodeDecl,
  r: RouteDecl,
  h: { readonly written: HopOptions; readonly gw: Ip | undefined; readonly destination: Cidr },
  ifaces: NodeIfaces,
): CheckedHop | undefined {
  const { gw, destination } = h;
  const options = h.written;
  const viaText = options.via?.args[0];
  if (gw && gw.family !== destination.family) {
    diagnostics.error("OT3002", `an IPv${destination.family} route through an IPv${gw.family} gateway`, {
      span: viaText?.span ?? r.span,
      labels: [{ span: r.destination.span, message: `IPv${destination.family} destination` }],
      help: "use a gateway of the destination's family",
    });
    return undefined;
  }
  const devText = options.dev?.args[0];
  const onlink = options.onlink !== undefined;
  if (!nextHop(diagnostics, n, r, { gw, viaText, devText, destination, onlink }, ifaces)) return undefined;
  const weight = parseInteger(diagnostics, options.weight, 1, MAX_WEIGHT, "weight");
  if (weight === null) return undefined;
  const dev = devText?.text ?? (gw ? ifaces.onSubnet(gw) : undefined);
  if (dev === undefined) {
    diagnostics.error("OT3021", `the path through ${gw?.text ?? "?"} needs \`dev\``, {
      span: viaText?.span ?? h.written.span,
      help: "name the interface the gateway is reached through: `dev eth0`",
    });
    return undefined;
  }
  return { via: gw, dev, written: devText?.text, weight: weight ?? 1, onlink, span: h.written.span };
}

/**
 * A node's interfaces as its routes see them: what each route may ask of their addresses is
 * made once per node, at the first route that asks.
 */
class NodeIfaces {
  private subnets: Subnets<string> | undefined;
  private kernel: Subnets<{ address: Address; iface: string }> | undefined;
  private own: Set<string> | undefined;

  constructor(readonly byName: Ifaces) {}

  /** The first interface with an address on the gateway's subnet. */
  onSubnet(gw: Ip): string | undefined {
    if (!this.subnets) {
      this.subnets = new Subnets<string>();
      for (const [name, info] of this.byName) for (const a of info.addresses) this.subnets.add(a, name);
    }
    return this.subnets.find(gw);
  }

  /** The node's own addresses, as text. */
  ownAddresses(): Set<string> {
    if (!this.own) {
      this.own = new Set();
      for (const info of this.byName.values()) for (const a of info.addresses) this.own.add(a.text);
    }
    return this.own;
  }

  /** The subnets the kernel routes by itself on a node: each IPv4 address's, but lo's and /32s. */
  kernelSubnets(): Subnets<{ address: Address; iface: string }> {
    if (!this.kernel) {
      this.kernel = new Subnets();
      for (const [iface, info] of this.byName)
        if (iface !== "lo")
          for (const address of info.addresses)
            if (address.family === 4 && address.prefix < 32) this.kernel.add(address, { address, iface });
    }
    return this.kernel;
  }
}

/** `via`'s address: undefined when absent, null when invalid (reported). */
function gateway(diagnostics: Diagnostics, viaText: Text | undefined): Ip | undefined | null {
  if (!viaText) return undefined;
  const via = parseIp(viaText.text);
  if (via.ok) return via.value;
  diagnostics.error("OT2001", `invalid gateway \`${viaText.text}\``, {
    span: viaText.span,
    label: via.reason,
    help: "a gateway is an address without a prefix length, such as 10.0.0.1",
  });
  return null;
}

/** The destination prefix; `default` takes the gateway's family, so it needs one. */
function destinationOf(diagnostics: Diagnostics, r: RouteDecl, gw: Ip | undefined): Cidr | undefined {
  if (r.destination.text === "default") {
    if (gw) return defaultRoute(gw.family);
    diagnostics.error("OT3003", "a default route without a gateway", {
      span: r.destination.span,
      help: "add `via ADDRESS`; for a route out of an interface write `route 0.0.0.0/0 dev IFACE` or `route ::/0 dev IFACE`",
    });
    return undefined;
  }
  const parsed = parseCidr(r.destination.text);
  if (!parsed.ok) {
    diagnostics.error("OT2001", `invalid route destination \`${r.destination.text}\``, {
      span: r.destination.span,
      label: parsed.reason,
      help: "write `default` or a prefix such as 10.2.0.0/16 or fd00:2::/64",
    });
    return undefined;
  }
  if (!isNetwork(parsed.value)) {
    diagnostics.error("OT2001", `route destination \`${parsed.value.cidr}\` has host bits set`, {
      span: r.destination.span,
      help: `did you mean \`${network(parsed.value).cidr}\`?`,
    });
    return undefined;
  }
  return parsed.value;
}

interface Hop {
  readonly gw: Ip | undefined;
  readonly viaText: Text | undefined;
  readonly devText: Text | undefined;
  readonly destination: Cidr;
  readonly onlink: boolean;
}

/** Whether the route says how to leave the node: a device it has, or a gateway it reaches. */
function nextHop(diagnostics: Diagnostics, n: NodeDecl, r: RouteDecl, hop: Hop, ifaces: NodeIfaces): boolean {
  const { gw, devText } = hop;
  if (devText && !ifaces.byName.has(devText.text)) {
    const guess = closest(devText.text, ifaces.byName.keys());
    diagnostics.error("OT1008", `node \`${n.name.text}\` has no interface \`${devText.text}\``, {
      span: devText.span,
      help: guess ? `did you mean \`${guess}\`?` : "name an interface declared in this node",
    });
    return false;
  }
  if (!gw && !devText) {
    diagnostics.error("OT3003", `route to ${hop.destination.cidr} has neither \`via\` nor \`dev\``, {
      span: r.span,
      help: "add `via GATEWAY`, or `dev IFACE` for a destination directly on a link",
    });
    return false;
  }
  if (gw) {
    const why = unusableGateway(gw, hop.onlink, ifaces);
    if (why) {
      diagnostics.error("OT2001", `gateway ${gw.text} cannot be used`, {
        span: hop.viaText?.span ?? r.span,
        label: why,
        help: "use a neighbour's unicast address as the gateway, or `dev IFACE` alone for a destination on the link",
      });
      return false;
    }
  }
  if (!gw || hop.onlink) return true;
  if (isLinkLocal(gw)) {
    if (devText) return true;
    diagnostics.error("OT3003", `the link-local gateway ${gw.text} needs \`dev\``, {
      span: hop.viaText?.span ?? r.span,
      help: "name the interface the gateway is on: `dev eth0`",
    });
    return false;
  }
  return gatewayConnected(diagnostics, n, r, hop, gw, ifaces);
}

/**
 * Why the kernel refuses a gateway, or undefined when it takes it (each tried with `ip route
 * add` here): the unspecified address (IPv4 takes `via 0.0.0.0` as no gateway, IPv6
 * refuses `::`: either way not the route written), multicast, an IPv4 broadcast (the
 * limited one, or a connected subnet's: "Nexthop has invalid gateway"), the node's own
 * address for IPv6 ("Gateway can not be a local address"), or for IPv4 with `onlink` (then
 * it must be unicast on the link); and an IPv4-mapped one, which carries no IPv6 packets.
 */
function unusableGateway(gw: Ip, onlink: boolean, ifaces: NodeIfaces): string | undefined {
  if (gw.bytes.every((b) => b === 0)) return "the unspecified address is no gateway";
  const first = gw.bytes[0] ?? 0;
  if (gw.family === 4) {
    if (first >= 224 && first < 240) return "a multicast address is no gateway";
    if (gw.text === "255.255.255.255") return "the broadcast address is no gateway";
    const subnet = broadcastOf(gw, ifaces);
    if (subnet) return `it is the broadcast address of ${subnet}`;
    if (onlink && (first === 127 || ifaces.ownAddresses().has(gw.text)))
      return "with `onlink` the gateway must be a neighbour, not the node's own address";
    return undefined;
  }
  if (first === 0xff) return "a multicast address is no gateway";
  if (gw.text === "::1" || ifaces.ownAddresses().has(gw.text))
    return "it is the node's own address (the kernel refuses a local IPv6 gateway)";
  if (isV4Mapped(gw)) return "an IPv4-mapped address (::ffff:0:0/96) carries no IPv6 packets";
  return undefined;
}

/** The connected IPv4 subnet (below /31) whose broadcast address `gw` is, as `10.0.1.0/24 on eth0`. */
function broadcastOf(gw: Ip, ifaces: NodeIfaces): string | undefined {
  const on = ifaces.kernelSubnets().find(gw);
  if (!on || on.address.prefix >= 31 || !isV4BroadcastOf(on.address, gw)) return undefined;
  return `${network(on.address).cidr} on ${on.iface}`;
}

/** A gateway (not link-local, not `onlink`) must be on a subnet of the node's (or of `dev`'s). */
function gatewayConnected(
  diagnostics: Diagnostics,
  n: NodeDecl,
  r: RouteDecl,
  hop: Hop,
  gw: Ip,
  ifaces: NodeIfaces,
): boolean {
  const { devText } = hop;
  // Every route asks: the node's subnets are looked up, not compared one by one (a spine of
  // a large fabric has an address and a route for each of its leaves), and its interfaces
  // listed only for the message.
  const dev = devText && ifaces.byName.get(devText.text);
  if (devText ? dev?.addresses.some((a) => contains(a, gw)) : ifaces.onSubnet(gw)) return true;
  const candidates = devText ? (dev ? [dev] : []) : [...ifaces.byName.values()];
  const all = candidates.flatMap((c) =>
    c.addresses.filter((a) => a.family === gw.family).map((a) => ({ a, on: c.decl.name.text })),
  );
  // A spine has hundreds: name a few.
  const connected = all.slice(0, 8).map(({ a, on }) => `${network(a).cidr} on ${on}`);
  if (all.length > 8) connected.push(`and ${all.length - 8} more`);
  diagnostics.error("OT3001", `gateway ${gw.text} is on no subnet connected to \`${n.name.text}\``, {
    span: hop.viaText?.span ?? r.span,
    notes: [
      connected.length
        ? `connected IPv${gw.family} subnets${devText ? ` of ${devText.text}` : ""}: ${connected.join(", ")}`
        : `\`${n.name.text}\` has no IPv${gw.family} address${devText ? ` on ${devText.text}` : ""}`,
    ],
    help: "use a gateway on one of those subnets, add an address in the gateway's subnet, or add `onlink` if the gateway is reachable without one",
  });
  return false;
}

/** `src`: one of the node's own addresses, of the route's family; null when not (reported). */
function source(
  diagnostics: Diagnostics,
  n: NodeDecl,
  srcText: Text | undefined,
  destination: Cidr,
  ifaces: NodeIfaces,
): Ip | undefined | null {
  if (!srcText) return undefined;
  const parsed = parseIp(srcText.text);
  if (!parsed.ok) {
    diagnostics.error("OT2001", `invalid source address \`${srcText.text}\``, {
      span: srcText.span,
      label: parsed.reason,
      help: "`src` must be one of the node's own addresses, without a prefix length",
    });
    return null;
  }
  if (!ifaces.ownAddresses().has(parsed.value.text)) {
    diagnostics.error(
      "OT3007",
      `source address \`${srcText.text}\` is not an address of \`${n.name.text}\``,
      {
        span: srcText.span,
        help: "`src` must be one of the node's own addresses, without a prefix length",
      },
    );
    return null;
  }
  if (parsed.value.family !== destination.family) {
    diagnostics.error(
      "OT3002",
      `an IPv${destination.family} route with an IPv${parsed.value.family} source`,
      {
        span: srcText.span,
      },
    );
    return null;
  }
  return parsed.value;
}

/**
 * `default`, as every default route shares it: frozen, because the model is read-only and an
 * API caller who wrote to one anyway would otherwise change every lab's default routes.
 */
const DEFAULT_ROUTES: { readonly [F in Family]: Cidr } = {
  4: frozenCidr({ family: 4, text: "0.0.0.0", bytes: [0, 0, 0, 0], prefix: 0, cidr: "0.0.0.0/0" }),
  6: frozenCidr({ family: 6, text: "::", bytes: new Array<number>(16).fill(0), prefix: 0, cidr: "::/0" }),
};

function frozenCidr(c: Cidr): Cidr {
  Object.freeze(c.bytes);
  return Object.freeze(c);
}

function defaultRoute(family: Family): Cidr {
  return DEFAULT_ROUTES[family];
}

/**
 * The address whose subnet route (the kernel's own, IPv4, metric 0, in the main table) a
 * route would collide with: the kernel refuses a second route to a prefix at one metric.
 * Not on `lo`, and not for /32, which come with no subnet route.
 */
function kernelRoute(route: Route, ifaces: NodeIfaces): { address: Address; iface: string } | undefined {
  if (route.family !== 4 || (route.metric ?? 0) !== 0) return undefined;
  // The destination is a network (checked before): an address with its length on it.
  return ifaces.kernelSubnets().on(route.destination);
}
