// Routing as a node's kernel does it: is an address the node's own, which route of the
// main table takes a packet (longest prefix, then lowest metric), and which source address
// a packet gets when its sender does not choose one.

import { type Cidr, contains, type Family, type Ip, network } from "../ip.js";
import type { Iface } from "../model.js";
import type { NodeView, RouteEntry } from "./net.js";

export type { RouteEntry };

const LOOPBACK4: Cidr = {
  family: 4,
  text: "127.0.0.0",
  bytes: [127, 0, 0, 0],
  prefix: 8,
  cidr: "127.0.0.0/8",
};

/** Whether `ip` is the node's own: an address of an interface, loopback, or a subnet on `lo`. */
export function isLocal(node: NodeView, ip: Ip): boolean {
  if (ip.family === 4 && contains(LOOPBACK4, ip)) return true;
  if (ip.family === 6 && ip.text === "::1") return true;
  for (const i of node.ifaces.values())
    for (const a of i.addresses) {
      if (a.text === ip.text) return true;
      // An IPv4 subnet on the loopback is local as a whole (the kernel's route to it is `local`).
      if (i.name === "lo" && a.family === 4 && contains(network(a), ip)) return true;
    }
  return false;
}

/** The route the kernel takes to `dst`: the longest matching prefix, then the lowest metric. */
export function lookup(node: NodeView, dst: Ip): RouteEntry | undefined {
  let best: RouteEntry | undefined;
  for (const r of node.routes) {
    if (r.family !== dst.family || !contains(r.destination, dst)) continue;
    if (
      !best ||
      r.destination.prefix > best.destination.prefix ||
      (r.destination.prefix === best.destination.prefix && r.metric < best.metric)
    )
      best = r;
  }
  return best;
}

/**
 * The source address the kernel gives a packet the sender did not bind: the route's `src`;
 * for IPv4 the first address of the output interface whose subnet holds the next hop, else
 * its first address, else (unless `onlyOif`, as masquerade) the first of the node's,
 * loopback first; for IPv6 the rules of RFC 6724 that tell a lab's addresses apart: the
 * destination itself, the output interface's, a matching label, the longest common prefix.
 */
export function sourceAddress(
  node: NodeView,
  oif: string,
  dst: Ip,
  nextHop: Ip,
  routeSrc: Ip | undefined,
  onlyOif = false,
): Ip | undefined {
  if (routeSrc) return routeSrc;
  const family = dst.family;
  const on = (i: Iface | undefined) => (i ? i.addresses.filter((a) => a.family === family) : []);
  const out = on(node.ifaces.get(oif));
  const ordered = [...node.ifaces.values()].sort((a, b) => (a.name === "lo" ? -1 : b.name === "lo" ? 1 : 0));
  if (family === 4) {
    const pick =
      out.find((a) => contains(network(a), nextHop)) ??
      out[0] ??
      (onlyOif ? undefined : ordered.flatMap(on)[0]);
    return pick && plain(pick);
  }
  // The kernel lists an interface's IPv6 addresses newest first, and keeps the first best.
  const all = ordered.flatMap((i) =>
    on(i)
      .map((a) => ({ a, onOif: i.name === oif }))
      .reverse(),
  );
  if (all.length === 0) return undefined;
  const score = (c: { a: Ip; onOif: boolean }) => [
    c.a.text === dst.text ? 1 : 0,
    c.onOif ? 1 : 0,
    label(c.a) === label(dst) ? 1 : 0,
    commonPrefix(c.a, dst),
  ];
  const best = all.reduce((x, y) => (compare(score(y), score(x)) > 0 ? y : x));
  return plain(best.a);
}

function plain(a: Ip): Ip {
  return { family: a.family, text: a.text, bytes: a.bytes };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** RFC 6724's default policy labels, for the prefixes a lab may use. */
function label(ip: Ip): number {
  const [b0 = 0, b1 = 0] = ip.bytes;
  if ((b0 & 0xfe) === 0xfc) return 13; // fc00::/7, unique local
  if (b0 === 0x20 && b1 === 0x02) return 2; // 2002::/16, 6to4
  if (b0 === 0x20 && b1 === 0x01 && ip.bytes[2] === 0 && ip.bytes[3] === 0) return 5; // 2001::/32, Teredo
  return 1;
}

/** How many leading bits two addresses of a family share. */
export function commonPrefix(a: Ip, b: Ip): number {
  let bits = 0;
  for (let i = 0; i < a.bytes.length; i++) {
    const x = (a.bytes[i] ?? 0) ^ (b.bytes[i] ?? 0);
    if (x === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(x) - 24;
  }
  return bits;
}

/** The first address of the family on an interface, if any. */
export function ifaceAddress(node: NodeView, iface: string, family: Family): Ip | undefined {
  const a = node.ifaces.get(iface)?.addresses.find((x) => x.family === family);
  return a && plain(a);
}
