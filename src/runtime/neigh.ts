// The kernel's neighbour tables (ARP for IPv4, neighbour discovery for IPv6) are one table
// per family for the whole machine, every namespace's entries in it, bounded by the host's
// gc_thresh3 (1024 by default). Past it the kernel drops packets that need a new neighbour:
// a test of every pair of a large lab can fill it. These read how often it was full
// (`table_fulls`, summed over CPUs) and its bound, so that a test can tell the lab's
// failures from the machine's.

import { readFileSync } from "node:fs";
import type { Family } from "../model/ip.js";

const TABLES: { readonly [F in Family]: string } = { 4: "arp_cache", 6: "ndisc_cache" };

/** How many times each family's table was full so far (undefined where the kernel does not say). */
export function tableFulls(): { readonly [F in Family]?: number } {
  const out: { [F in Family]?: number } = {};
  for (const family of [4, 6] as const) {
    try {
      const [head = "", ...rows] = readFileSync(`/proc/net/stat/${TABLES[family]}`, "utf8")
        .trim()
        .split("\n");
      const column = head.trim().split(/\s+/).indexOf("table_fulls");
      if (column < 0) continue;
      out[family] = rows.reduce(
        (n, row) => n + Number.parseInt(row.trim().split(/\s+/)[column] ?? "0", 16),
        0,
      );
    } catch {}
  }
  return out;
}

/** The host's bound on each family's table (gc_thresh3), if it can be read. */
export function tableBound(family: Family): number | undefined {
  try {
    const n = Number(readFileSync(`/proc/sys/net/ipv${family}/neigh/default/gc_thresh3`, "utf8").trim());
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}
