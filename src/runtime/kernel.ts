// Reading what exists on this machine without spawning anything where the file system
// tells: named network namespaces are files under /run/netns, host interfaces are under
// /sys/class/net — where sysfs shows this process's network namespace. A sysfs mounted from
// another namespace (some sandboxes and containers mount /sys so) shows other interfaces or
// none; there the kernel is asked (`ip -j link`).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { inNetns } from "../plan/enter.js";
import { runSync } from "./proc.js";

/** Whether /sys/class/net is this namespace's: every namespace has `lo`. */
let sysfsIsOurs: boolean | undefined;
function sysfs(): boolean {
  sysfsIsOurs ??= existsSync("/sys/class/net/lo");
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
  if (!sysfs()) return hostLinks().map((l) => l.ifname);
  try {
    return readdirSync("/sys/class/net");
  } catch {
    return [];
  }
}

/**
 * What `ip -j` printed: one JSON array a line (`ip -j -batch` prints one per command), or
 * undefined when a line that should be one is not. Callers decide what unreadable output
 * means: never "nothing there" by accident.
 */
export function ipJson<T>(stdout: string): T[][] | undefined {
  const docs: T[][] = [];
  for (const line of stdout.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const doc: unknown = JSON.parse(line);
      if (!Array.isArray(doc)) return undefined;
      docs.push(doc as T[]);
    } catch {
      return undefined;
    }
  }
  return docs;
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
  return runSync(inNetns(ns, ["ip", "link", "show", "dev", name])).code === 0;
}
