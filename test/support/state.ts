// A lab's kernel state as data, for "these two ways of bringing a lab up give the same
// kernel": interfaces, addresses and routes of every namespace of the lab (`ip -j`), the
// lab's interfaces on the host, and sysctls. What legitimately differs between two
// bring-ups is normalised away: interface indexes and netns ids, MAC addresses the lab did
// not declare, link-local addresses and routes (derived from those MACs), lifetimes, and
// carrier state, which settles asynchronously.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

type Json = Record<string, unknown>;

function ipJson(ns: string | null, args: string[]): Json[] {
  const argv = ns === null ? ["-j", ...args] : ["-n", ns, "-j", ...args];
  const r = spawnSync("ip", argv, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`ip ${argv.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout || "[]") as Json[];
}

/** Flags that follow the carrier, which comes up asynchronously. */
const TRANSIENT_FLAGS = new Set(["LOWER_UP", "NO-CARRIER", "M-DOWN", "DORMANT", "linkdown"]);

/** `ip -j link` (which has the alias) with the addresses of `ip -j addr`. */
function links(ns: string | null, args: string[]): Json[] {
  const addrs = new Map(ipJson(ns, ["addr", "show", ...args]).map((a) => [a.ifname, a.addr_info]));
  return ipJson(ns, ["link", "show", ...args]).map((l) => ({ ...l, addr_info: addrs.get(l.ifname) ?? [] }));
}

function iface(link: Json, macs: ReadonlySet<string>): Json {
  const {
    ifindex: _ifindex,
    link_index: _linkIndex,
    link_netnsid: _netnsid,
    operstate: _operstate,
    addr_info,
    flags,
    address,
    ...rest
  } = link;
  const mac = typeof address === "string" && address !== "00:00:00:00:00:00" && !macs.has(address);
  return {
    ...rest,
    address: mac ? "<undeclared>" : address,
    flags: ((flags as string[] | undefined) ?? []).filter((f) => !TRANSIENT_FLAGS.has(f)),
    addresses: ((addr_info as Json[] | undefined) ?? [])
      .filter((a) => a.scope !== "link")
      .map(({ valid_life_time: _v, preferred_life_time: _p, tentative: _t, ...a }) => a),
  };
}

function route(r: Json): Json {
  const flags = ((r.flags as string[] | undefined) ?? []).filter((f) => !TRANSIENT_FLAGS.has(f));
  return { ...r, flags };
}

function routes(ns: string | null, args: string[]): Json[] {
  return [...ipJson(ns, ["route", "show", ...args]), ...ipJson(ns, ["-6", "route", "show", ...args])]
    .filter((r) => !String(r.dst ?? "").startsWith("fe80"))
    .map(route)
    .map((r) => JSON.stringify(r))
    .sort()
    .map((r) => JSON.parse(r) as Json);
}

/** `KEY = VALUE` of every key that exists in the namespace (a per-interface key may not). */
function sysctls(ns: string, keys: readonly string[]): Record<string, string> {
  const r = spawnSync("nsenter", [`--net=/run/netns/${ns}`, "--", "sysctl", "-e", ...keys], {
    encoding: "utf8",
  });
  return Object.fromEntries(
    r.stdout
      .split("\n")
      .filter((l) => l.includes(" = "))
      .map((l) => l.split(" = ", 2) as [string, string]),
  );
}

/** The nftables ruleset of a namespace as text (no handles: they differ between runs). */
function ruleset(ns: string): string {
  const r = spawnSync("nsenter", [`--net=/run/netns/${ns}`, "--", "nft", "list", "ruleset"], {
    encoding: "utf8",
  });
  return r.status === 0 ? r.stdout : "";
}

/**
 * What isolation made of the lab: its namespace files, its cgroups with their limits, and
 * each node's hostname as seen from inside (services' PIDs differ between runs).
 */
function isolationState(lab: string): Json {
  const files = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((e) => !e.isDirectory())
          .map((e) => `${e.parentPath.slice(dir.length)}/${e.name}`)
          .filter((f) => /\.(uts|ipc|mnt|pid|cgroup)$/.test(f) && f.startsWith("/ns/"))
          .sort()
      : [];
  const cgroups: Json = {};
  for (const root of [
    "/sys/fs/cgroup",
    ...(existsSync("/sys/fs/cgroup/memory")
      ? readdirSync("/sys/fs/cgroup").map((c) => `/sys/fs/cgroup/${c}`)
      : []),
  ]) {
    const dir = `${root}/opentop/${lab}`;
    if (!existsSync(dir)) continue;
    for (const node of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()))
      for (const limit of [
        "memory.limit_in_bytes",
        "memory.max",
        "cpu.cfs_quota_us",
        "cpu.max",
        "pids.max",
      ]) {
        const file = `${dir}/${node.name}/${limit}`;
        if (existsSync(file)) cgroups[file] = readFileSync(file, "utf8").trim();
      }
  }
  return { files: files(`/run/opentop/${lab}`), cgroups };
}

/** The namespaces of a lab on this machine: LAB and LAB.NODE. */
export function labNamespaces(lab: string): string[] {
  if (!existsSync("/run/netns")) return [];
  return readdirSync("/run/netns")
    .filter((n) => n === lab || n.startsWith(`${lab}.`))
    .sort();
}

export interface StateOptions {
  /** The lab's interfaces on the host's side. */
  readonly hostIfaces: readonly string[];
  /** MAC addresses the lab declares: kept, where others are normalised away. */
  readonly macs: ReadonlySet<string>;
  /** Sysctls to read in every namespace (besides forwarding). */
  readonly sysctls: readonly string[];
}

export function labState(lab: string, options: StateOptions): Json {
  const keys = [...new Set(["net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding", ...options.sysctls])];
  const namespaces: Json = {};
  for (const ns of labNamespaces(lab))
    namespaces[ns] = {
      ifaces: links(ns, [])
        .map((l) => iface(l, options.macs))
        .sort((a, b) => String(a.ifname).localeCompare(String(b.ifname))),
      routes: routes(ns, ["table", "all"]),
      sysctls: sysctls(ns, keys),
      ruleset: ruleset(ns),
    };
  const host: Json = {};
  for (const dev of options.hostIfaces)
    host[dev] = {
      iface: links(null, ["dev", dev]).map((l) => iface(l, options.macs)),
      routes: routes(null, ["dev", dev]),
    };
  return { namespaces, host, isolation: isolationState(lab) };
}

/**
 * The state once it has settled: the kernel adds some objects when a link's carrier comes
 * up (IPv6 multicast routes, for one), a moment after the command that made the link
 * returned. Dumps until two in a row agree (or a few seconds have passed).
 */
export function settledLabState(lab: string, options: StateOptions): Json {
  let last = JSON.stringify(labState(lab, options));
  for (let i = 0; i < 20; i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    const now = JSON.stringify(labState(lab, options));
    if (now === last) break;
    last = now;
  }
  return JSON.parse(last) as Json;
}
