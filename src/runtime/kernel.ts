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
  try {
    const alias = readFileSync(`/sys/class/net/${name}/ifalias`, "utf8").trim();
    return alias || undefined;
  } catch {
    return undefined;
  }
}
