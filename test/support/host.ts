// A snapshot of the host's network state and OpenTop's footprint, for "leaves nothing
// behind" assertions: compare before and after.

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

function sh(argv: string[]): string {
  try {
    return execFileSync(argv[0] as string, argv.slice(1), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return "";
  }
}

export interface HostSnapshot {
  netns: string[];
  links: string[];
  addresses: string[];
  routes4: string[];
  routes6: string[];
  nft: string;
  records: string[];
  runMounts: string[];
  forwarding: string[];
}

export function hostSnapshot(): HostSnapshot {
  const links = JSON.parse(sh(["ip", "-j", "link", "show"]) || "[]") as {
    ifname: string;
    ifalias?: string;
  }[];
  const addrs = JSON.parse(sh(["ip", "-j", "addr", "show"]) || "[]") as {
    ifname: string;
    addr_info?: { local: string; prefixlen: number }[];
  }[];
  const mounts = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .filter(
      (m) => m.startsWith("/run/") && !m.startsWith("/run/user/") && m !== "/run/netns" && m !== "/run/lock",
    );
  return {
    netns: (existsSync("/run/netns") ? readdirSync("/run/netns") : []).sort(),
    links: links.map((l) => `${l.ifname}${l.ifalias ? ` (${l.ifalias})` : ""}`).sort(),
    addresses: addrs
      .flatMap((a) => (a.addr_info ?? []).map((i) => `${a.ifname} ${i.local}/${i.prefixlen}`))
      .sort(),
    routes4: sh(["ip", "route", "show", "table", "all"]).split("\n").filter(Boolean).sort(),
    routes6: sh(["ip", "-6", "route", "show", "table", "all"]).split("\n").filter(Boolean).sort(),
    nft: sh(["nft", "list", "ruleset"]),
    records: existsSync("/run/opentop") ? readdirSync("/run/opentop").sort() : [],
    runMounts: mounts.sort(),
    forwarding: ["net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding"].map((k) => {
      try {
        return `${k}=${readFileSync(`/proc/sys/${k}`, "utf8").trim()}`;
      } catch {
        return `${k}=?`;
      }
    }),
  };
}

/** Differences between two snapshots, as readable lines (empty when equal). */
export function diffSnapshots(before: HostSnapshot, after: HostSnapshot): string[] {
  const out: string[] = [];
  for (const key of Object.keys(before) as (keyof HostSnapshot)[]) {
    const a = before[key];
    const b = after[key];
    if (typeof a === "string" || typeof b === "string") {
      if (a !== b) out.push(`${key} changed:\n--- before\n${a}\n--- after\n${b}`);
      continue;
    }
    const added = b.filter((x) => !a.includes(x));
    const removed = a.filter((x) => !b.includes(x));
    if (added.length) out.push(`${key} added: ${added.join(", ")}`);
    if (removed.length) out.push(`${key} removed: ${removed.join(", ")}`);
  }
  return out;
}

/** Objects whose name contains `prefix`: what a test run that used it left behind. */
export function leftovers(prefix: string): string[] {
  const s = hostSnapshot();
  return [
    ...s.netns.filter((n) => n.includes(prefix)).map((n) => `netns ${n}`),
    ...s.links.filter((l) => l.includes(prefix)).map((l) => `link ${l}`),
    ...s.records.filter((r) => r.includes(prefix)).map((r) => `record ${r}`),
    ...s.runMounts.filter((m) => m.includes(prefix)).map((m) => `mount ${m}`),
  ];
}
