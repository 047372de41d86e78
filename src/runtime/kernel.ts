// Reading what exists on this machine without spawning anything where the file system
// tells: named network namespaces are files under /run/netns, host interfaces are under
// /sys/class/net — where sysfs shows this process's network namespace, as it does on a normal
// host. A sysfs mounted from another namespace (or one that is gone) shows other interfaces
// or none; that is seen once, by comparing it with /proc/self/net/dev (always the reader's
// namespace), and there the kernel is asked (`ip -j link`). What only a tool can tell (a
// namespace's loopback, a veth's peer) costs one process, asked only when needed.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { inNetns } from "../plan/enter.js";
import { runSync } from "./proc.js";

/**
 * The interfaces of this process's network namespace as /proc/self/net/dev lists them: two
 * header lines, then `NAME: counters` (a name never holds `:`); undefined when unreadable.
 */
function procInterfaces(): string[] | undefined {
  try {
    return readFileSync("/proc/self/net/dev", "utf8")
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => l.slice(0, l.indexOf(":")).trim());
  } catch {
    return undefined;
  }
}

/** The interfaces /sys/class/net shows (directories; `bonding_masters` is a file). */
function sysfsInterfaces(): string[] {
  try {
    return readdirSync("/sys/class/net").filter((n) => existsSync(`/sys/class/net/${n}/ifindex`));
  } catch {
    return [];
  }
}

/**
 * Whether /sys/class/net is this namespace's: it shows the interfaces the kernel lists for
 * it. Decided once; an interface made or deleted between the two reads can only make the
 * answer "no" (asked again twice), which costs time, never correctness.
 */
let sysfsIsOurs: boolean | undefined;
function sysfs(): boolean {
  for (let i = 0; sysfsIsOurs === undefined && i < 3; i++) {
    const proc = procInterfaces();
    if (proc === undefined) sysfsIsOurs = existsSync("/sys/class/net/lo");
    else {
      const sys = new Set(sysfsInterfaces());
      if (sys.size === proc.length && proc.every((n) => sys.has(n))) sysfsIsOurs = true;
    }
  }
  sysfsIsOurs ??= false;
  return sysfsIsOurs;
}

/** The host's interfaces as the kernel lists them (all, or one by name). */
function hostLinks(name?: string): { ifname: string; ifalias?: string }[] {
  const r = runSync(["ip", "-j", "link", "show", ...(name !== undefined ? ["dev", name] : [])]);
  if (r.code !== 0) return [];
  return (ipJson<{ ifname: string; ifalias?: string }>(r.stdout) ?? []).flat();
}

export function netnsExists(name: string): boolean {
  return existsSync(`/run/netns/${name}`);
}

export { netnsEntry, netnsFile, netnsLive } from "./netns-file.js";

export function listNetns(): string[] {
  try {
    return readdirSync("/run/netns");
  } catch {
    return [];
  }
}

export function hostIfaceExists(name: string): boolean {
  if (sysfs()) return existsSync(`/sys/class/net/${name}`);
  return hostLinks(name).length > 0;
}

export function listHostIfaces(): string[] {
  return procInterfaces() ?? hostLinks().map((l) => l.ifname);
}

/**
 * What `ip -j` printed: one JSON array a line (`ip -j -batch` prints one per command), or
 * undefined when a line that should be one is not. Callers decide what unreadable output
 * means: never "nothing there" by accident. iproute2 prints a name's control characters raw
 * (an interface a process in a node named `x\x1b[2J`), which JSON does not allow; a name
 * holds no blank, so every one of them is inside a string, and is read escaped.
 */
export function ipJson<T>(stdout: string): T[][] | undefined {
  const docs: T[][] = [];
  for (const line of stdout.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const doc: unknown = JSON.parse(line.replace(RAW_CONTROL, escapeControl));
      if (!Array.isArray(doc)) return undefined;
      docs.push(doc as T[]);
    } catch {
      return undefined;
    }
  }
  return docs;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_CONTROL = /[\u0000-\u001f]/g;

function escapeControl(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** A route's `dst` as `ip -j` prints it, as a prefix: `default` and bare addresses made whole. */
export function routePrefix(dst: string, family: 4 | 6): string {
  if (dst === "default") return family === 4 ? "0.0.0.0/0" : "::/0";
  return dst.includes("/") ? dst : `${dst}/${family === 4 ? 32 : 128}`;
}

/** The alias (ifalias) of a host interface: where OpenTop writes its mark. */
export function hostIfaceAlias(name: string): string | undefined {
  if (!sysfs()) return hostLinks(name)[0]?.ifalias || undefined;
  try {
    const alias = readFileSync(`/sys/class/net/${name}/ifalias`, "utf8").trim();
    return alias || undefined;
  } catch {
    return undefined;
  }
}

/** Whether network namespace `ns` holds an interface `name`. */
export function ifaceIn(ns: string, name: string): boolean {
  return runSync(inNetns(ns, ["ip", "link", "show", "dev", name]), { tools: true }).code === 0;
}

/**
 * The mark on a namespace's loopback (its alias), read from inside it; undefined when it has
 * none or cannot be read. One process: for the few namespaces that nothing else proves.
 */
export function netnsLoMark(ns: string): string | undefined {
  const r = runSync(inNetns(ns, ["ip", "-j", "link", "show", "dev", "lo"]), { tools: true });
  if (r.code !== 0) return undefined;
  return ipJson<{ ifalias?: string }>(r.stdout)?.[0]?.[0]?.ifalias;
}

/**
 * The named namespace the peer of host interface `name` is in, when it is a veth whose peer
 * is in a namespace with a name; undefined otherwise.
 */
export function vethPeerNetns(name: string): string | undefined {
  const link = runSync(["ip", "-j", "-d", "link", "show", "dev", name]);
  const info = ipJson<{ link_netnsid?: number; linkinfo?: { info_kind?: string } }>(link.stdout)?.[0]?.[0];
  if (link.code !== 0 || info?.linkinfo?.info_kind !== "veth" || info.link_netnsid === undefined)
    return undefined;
  const ids = runSync(["ip", "-j", "netns", "list-id"]);
  return ipJson<{ nsid: number; name?: string }>(ids.stdout)
    ?.flat()
    .find((n) => n.nsid === info.link_netnsid)?.name;
}
