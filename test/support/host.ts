// A snapshot of the host's network state and OpenTop's footprint, for "leaves nothing
// behind" assertions: compare before and after.

import { execFileSync } from "node:child_process";
import { type Dirent, existsSync, readdirSync, readFileSync } from "node:fs";

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
  /** Cgroups under every hierarchy's opentop/ (the empty opentop/ itself is left by design). */
  cgroups: string[];
  /** Processes that carry an OpenTop mark (`opentop:LAB:NODE:NAME` as their `$0`). */
  processes: string[];
}

/** Directories below …/opentop in every cgroup hierarchy mounted under /sys/fs/cgroup. */
function opentopCgroups(): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 3) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries)
      if (e.isDirectory()) {
        out.push(`${dir}/${e.name}`);
        walk(`${dir}/${e.name}`, depth + 1);
      }
  };
  const roots = ["/sys/fs/cgroup/opentop"];
  try {
    for (const h of readdirSync("/sys/fs/cgroup")) roots.push(`/sys/fs/cgroup/${h}/opentop`);
  } catch {}
  for (const r of roots) walk(r, 1);
  return out.sort();
}

/** Processes whose fourth argv word is an OpenTop mark: services' wrappers and inits. */
function markedProcesses(): string[] {
  const out: string[] = [];
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const mark = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[3] ?? "";
      if (mark.startsWith("opentop:")) out.push(`${mark} (pid ${pid})`);
    } catch {}
  }
  return out.sort();
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
    cgroups: opentopCgroups(),
    processes: markedProcesses(),
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
    // The lab's own table on the host (host-side NAT): `table inet opentop-LAB`.
    ...(s.nft.match(/^table \S+ opentop-\S+/gm) ?? [])
      .filter((t) => t.includes(prefix))
      .map((t) => `nft ${t}`),
    ...s.runMounts.filter((m) => m.includes(prefix)).map((m) => `mount ${m}`),
    ...s.cgroups.filter((c) => c.includes(prefix)).map((c) => `cgroup ${c}`),
    ...s.processes.filter((p) => p.includes(`:${prefix}`)).map((p) => `process ${p}`),
  ];
}
