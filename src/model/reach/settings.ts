// What a node's sysctls say about the path of a packet: forwarding (per family, and per
// interface for IPv4), reverse-path filtering, echo replies, the ephemeral port range —
// and which settings change reachability in ways the analysis does not model.

import type { Family } from "../ip.js";
import type { Node } from "../model.js";
import type { Ports } from "./types.js";

export interface NodeSettings {
  /** Whether the node routes packets of `family` that arrive on `iface`. */
  forwards(family: Family, iface: string): boolean;
  /** Reverse-path filtering of IPv4 on `iface`: 0 off, 1 strict, 2 loose. */
  rpFilter(iface: string): number;
  /** Whether the node answers pings of `family`. */
  answersEcho(family: Family): boolean;
  /** Where the kernel picks a connection's source port. */
  readonly ephemeral: Ports;
  /** A setting that changes reachability in a way the analysis does not follow, if any. */
  unmodelled(family: Family): { readonly key: string; readonly value: string } | undefined;
}

/** The kernel's default ephemeral range (net.ipv4.ip_local_port_range, both families). */
const EPHEMERAL: Ports = { first: 32768, last: 60999 };

/**
 * Settings that decide whether a packet passes, but that the analysis leaves alone: a path
 * through a node that sets one of them (to anything but its default) is `unknown`.
 */
const UNMODELLED: readonly {
  readonly pattern: RegExp;
  readonly family: Family;
  readonly harmless: string;
}[] = [
  {
    pattern: /^net\.ipv4\.conf\.[^.]+\.(arp_ignore|arp_filter|proxy_arp|accept_local|route_localnet)$/,
    family: 4,
    harmless: "0",
  },
  { pattern: /^net\.ipv6\.conf\.[^.]+\.(disable_ipv6|proxy_ndp)$/, family: 6, harmless: "0" },
];

export function settingsOf(n: Node): NodeSettings {
  const values = new Map<string, string>();
  for (const s of n.sysctls) values.set(s.key, s.value.trim());
  const get = (key: string) => values.get(key);
  /** The last of `keys` the node sets (sysctls apply in order; all.* and ip_forward reset default.*). */
  const lastOf = (keys: readonly string[]) => {
    let out: string | undefined;
    for (const s of n.sysctls) if (keys.includes(s.key)) out = s.value.trim();
    return out;
  };
  const v4Forward = lastOf([
    "net.ipv4.ip_forward",
    "net.ipv4.conf.all.forwarding",
    "net.ipv4.conf.default.forwarding",
  ]);
  const range = /^(\d+)\s+(\d+)$/.exec(get("net.ipv4.ip_local_port_range") ?? "");
  return {
    forwards(family, iface) {
      if (family === 6) return get("net.ipv6.conf.all.forwarding") === "1";
      return (get(`net.ipv4.conf.${iface}.forwarding`) ?? v4Forward) === "1";
    },
    rpFilter(iface) {
      const all = Number(get("net.ipv4.conf.all.rp_filter") ?? "0");
      const own = Number(
        get(`net.ipv4.conf.${iface}.rp_filter`) ?? get("net.ipv4.conf.default.rp_filter") ?? "0",
      );
      return Math.max(all, own);
    },
    answersEcho(family) {
      const key = family === 4 ? "net.ipv4.icmp_echo_ignore_all" : "net.ipv6.icmp.echo_ignore_all";
      return get(key) !== "1";
    },
    ephemeral: range ? { first: Number(range[1]), last: Number(range[2]) } : EPHEMERAL,
    unmodelled(family) {
      for (const s of n.sysctls) {
        const u = UNMODELLED.find((x) => x.family === family && x.pattern.test(s.key));
        if (u && s.value.trim() !== u.harmless) return { key: s.key, value: s.value };
      }
      return undefined;
    },
  };
}
