// Shaping lowered to qdiscs (docs/language.md, "Shaping"). One interface's direction becomes
// at most two qdiscs: a token bucket (tbf) at the root for `rate`, with a child that holds
// the queue — the network emulator (netem) for `delay`, `jitter` and `loss`, else a FIFO of
// `limit` packets; without a rate, netem (or the FIFO) alone. The defaults this module
// chooses are documented there, with what they do to real traffic.

import type { Span } from "../diagnostics/source.js";
import { ETHERNET_HEADER, type Shaping } from "../model/shaping.js";
import type { Ns, Op } from "./ops.js";
import type { Qdisc } from "./qdisc.js";

/** The queue of a link with no reason for another: the kernel's own (txqueuelen, netem's limit). */
export const DEFAULT_LIMIT = 1000;

/**
 * The rate a delay line is sized for without a `rate`: more than a veth between two
 * namespaces carries on common machines, so that the queue never limits the throughput.
 */
export const UNSHAPED_RATE = 10e9;

/**
 * netem's own rate when jitter is given without one: far above any link's, so it adds no
 * delay worth the name (0.12 µs for 1500 bytes), yet a packet never leaves before the one
 * ahead of it (netem computes each packet's time from the previous one's when it has a rate).
 */
export const ORDER_RATE = 100e9;

/** A bucket of 1 ms of traffic at the rate, and at least this many full packets. */
const BURST_PACKETS = 10;
const BURST_SECONDS = 0.001;

/** The bucket: 1 ms of traffic at the rate, at least 10 full packets, unless given. */
export function burstOf(s: Shaping): number {
  const packet = s.mtu + ETHERNET_HEADER;
  return s.burst ?? Math.max(Math.ceil(((s.rate ?? 0) / 8) * BURST_SECONDS), BURST_PACKETS * packet);
}

/**
 * The queue, in packets, unless given: the kernel's 1000, raised to hold twice what the link
 * carries during `delay + jitter` (at the rate, or at 10 Gbit/s without one), so that a long
 * fat link is not throttled by its own delay line (netem's 1000 packets pass 120 Mbit/s at
 * 100 ms).
 */
export function limitOf(s: Shaping): number {
  if (s.limit !== undefined) return s.limit;
  const seconds = ((s.delay ?? 0) + (s.jitter ?? 0)) / 1e6;
  const bytes = ((s.rate ?? UNSHAPED_RATE) / 8) * seconds;
  return Math.max(DEFAULT_LIMIT, Math.ceil((2 * bytes) / (s.mtu + ETHERNET_HEADER)));
}

/** The qdisc that holds the queue: netem when it impairs, else a FIFO. */
function queue(s: Shaping): Qdisc {
  const limit = limitOf(s);
  if (s.delay === undefined && s.loss === undefined) return { kind: "pfifo", limit };
  return {
    kind: "netem",
    limit,
    ...(s.delay !== undefined ? { delay: s.delay } : {}),
    ...(s.jitter ? { jitter: s.jitter } : {}),
    ...(s.loss !== undefined ? { loss: s.loss } : {}),
    // Jitter draws each packet's delay alone, which reorders them; a rate keeps them in order.
    ...(s.jitter ? { rate: s.rate ?? ORDER_RATE } : {}),
  };
}

/** The qdiscs that shape what leaves `dev` in `ns`. */
export function qdiscOps(ns: Ns, dev: string, s: Shaping, origin: Span = s.span): Op[] {
  const inner = queue(s);
  if (s.rate === undefined)
    return [{ kind: "qdisc.add", ns, dev, parent: "root", handle: "1:", qdisc: inner, origin }];
  const tbf: Qdisc = {
    kind: "tbf",
    rate: s.rate,
    burst: burstOf(s),
    limit: inner.limit * (s.mtu + ETHERNET_HEADER),
  };
  return [
    { kind: "qdisc.add", ns, dev, parent: "root", handle: "1:", qdisc: tbf, origin },
    { kind: "qdisc.add", ns, dev, parent: "1:1", handle: "10:", qdisc: inner, origin },
  ];
}
