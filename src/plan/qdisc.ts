// A qdisc as the plan gives it (shaping's, src/plan/shaping.ts) and as tc reads and prints
// it: the operations (src/plan/ops/tc.ts), the `qdisc` fact, and the two statuses that
// compare it with the kernel all use these.

/** The qdiscs shaping uses, with their parameters in the kernel's units. */
export type Qdisc =
  /** A token bucket: `rate` bits/s, a bucket of `burst` bytes, `limit` bytes queued. */
  | { readonly kind: "tbf"; readonly rate: number; readonly burst: number; readonly limit: number }
  /**
   * The network emulator: `delay` and `jitter` in microseconds, `loss` in percent, `limit`
   * packets; `rate` (bits/s) serialises packets, which also keeps them in order under jitter.
   */
  | {
      readonly kind: "netem";
      readonly limit: number;
      readonly delay?: number;
      readonly jitter?: number;
      readonly loss?: number;
      readonly rate?: number;
    }
  /** A FIFO of `limit` packets. */
  | { readonly kind: "pfifo"; readonly limit: number };

/** A rate as tc reads it: the largest unit that writes it exactly. */
export function rateWord(bits: number): string {
  for (const [unit, size] of [
    ["tbit", 1e12],
    ["gbit", 1e9],
    ["mbit", 1e6],
    ["kbit", 1e3],
  ] as const)
    if (bits % size === 0) return `${bits / size}${unit}`;
  return `${bits}bit`;
}

/** A time as tc reads it (from microseconds). */
export function timeWord(us: number): string {
  return us % 1000 === 0 ? `${us / 1000}ms` : `${us}us`;
}

/** The qdisc and its parameters, as words of a `tc qdisc add` line. */
export function qdiscWords(q: Qdisc): string[] {
  switch (q.kind) {
    case "tbf":
      return ["tbf", "rate", rateWord(q.rate), "burst", `${q.burst}b`, "limit", `${q.limit}b`];
    case "netem":
      return [
        "netem",
        "limit",
        String(q.limit),
        ...(q.delay !== undefined
          ? ["delay", timeWord(q.delay), ...(q.jitter ? [timeWord(q.jitter)] : [])]
          : []),
        ...(q.loss !== undefined ? ["loss", `${q.loss}%`] : []),
        ...(q.rate !== undefined ? ["rate", rateWord(q.rate)] : []),
      ];
    case "pfifo":
      return ["pfifo", "limit", String(q.limit)];
  }
}

/** A rate of the kernel (bytes/s) as `tc qdisc show` prints it: `10Mbit`, `12345Kbit`. */
export function printedRate(bytesPerSecond: number): string {
  let rate = bytesPerSecond * 8;
  const units = ["", "K", "M", "G", "T"];
  let i = 0;
  for (; i < units.length - 1; i++) {
    if (rate < 1000) break;
    if (rate % 1000 !== 0 && rate < 1000 * 1000) break;
    rate = Math.floor(rate / 1000);
  }
  return `${rate}${units[i]}bit`;
}

/** The rate the kernel keeps for a rate of `bits` bits/s: whole bytes per second. */
export function kernelRate(bits: number): number {
  return Math.floor(bits / 8);
}

/**
 * What `status` and the script's status compare of a qdisc besides its kind and place, as
 * `tc qdisc show` prints it: a token bucket's rate, a queue's limit (a FIFO counts
 * packets with a `p`). Bursts and netem's delays are rounded by the kernel to its clock and
 * printed in several forms: they are not compared.
 */
export function comparedParams(q: Qdisc): [string, string][] {
  switch (q.kind) {
    case "tbf":
      return [["rate", printedRate(kernelRate(q.rate))]];
    case "netem":
      return [["limit", String(q.limit)]];
    case "pfifo":
      return [["limit", `${q.limit}p`]];
  }
}
