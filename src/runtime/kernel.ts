// Reading what exists on this machine without spawning anything where the file system
// tells: named network namespaces are files under /run/netns, host interfaces are under
// /sys/class/net (sysfs shows the host's namespace to a process in it).

import { existsSync, readdirSync, readFileSync } from "node:fs";

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
  return existsSync(`/sys/class/net/${name}`);
}

export function listHostIfaces(): string[] {
  try {
    return readdirSync("/sys/class/net");
  } catch {
    return [];
  }
}

/** The alias (ifalias) of a host interface: where OpenTop writes its mark. */
export function hostIfaceAlias(name: string): string | undefined {
  try {
    const alias = readFileSync(`/sys/class/net/${name}/ifalias`, "utf8").trim();
    return alias || undefined;
  } catch {
    return undefined;
  }
}
