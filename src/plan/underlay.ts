// How the path to a peer machine is tried before anything of a lab is created: a ping, to
// know that the peer answers at all, then a ping of the tunnel's largest packet that may not
// be fragmented (`-M do`), to know that the underlay carries it whole. The runner
// (src/runtime/underlay.ts) and the standalone script run the same two commands.

import type { Underlay } from "./owned.js";

/** What ping's ICMP echo adds to its payload: the IP header (20 or 40) and ICMP's own (8). */
const ECHO_HEADERS: { readonly [F in 4 | 6]: number } = { 4: 28, 6: 48 };

/** One echo, a second for its answer; the caller tries `TRIES` times (one lost packet is no verdict). */
const ONE = ["-c", "1", "-W", "1"];
export const TRIES = 3;

/** Whether the peer answers at all. */
export function reachArgv(u: Underlay): string[] {
  return ["ping", `-${u.family}`, "-n", "-q", ...ONE, u.address];
}

/** Whether the underlay carries a packet of the tunnel's size whole. */
export function carryArgv(u: Underlay): string[] {
  return [
    "ping",
    `-${u.family}`,
    "-n",
    "-q",
    ...ONE,
    // `-Mdo`: never fragment (one word: a bare `do` reads as sh's keyword to a reader).
    "-Mdo",
    "-s",
    String(u.size - ECHO_HEADERS[u.family]),
    u.address,
  ];
}

/** The largest size each peer is needed at: one probe a peer. */
export function byPeer(underlays: readonly Underlay[]): Underlay[] {
  const out = new Map<string, Underlay>();
  for (const u of underlays) {
    const seen = out.get(u.address);
    if (!seen || seen.size < u.size) out.set(u.address, u);
  }
  return [...out.values()];
}
