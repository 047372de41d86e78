// Helpers for integration tests of isolation: commands in a node through `opentop exec`
// (so they enter exactly what the node isolates), status as JSON, and what of a lab is
// left on the host after `down`.

import { existsSync, readFileSync } from "node:fs";
import { hostSnapshot } from "./host.js";
import { type CliResult, cli } from "./lab.js";

export function inNode(lab: string, node: string, argv: string[]): CliResult {
  return cli(["exec", lab, node, "--", ...argv]);
}

/** Output of a command that must succeed inside a node. */
export function outOf(lab: string, node: string, argv: string[]): string {
  const r = inNode(lab, node, argv);
  if (r.code !== 0)
    throw new Error(`${argv.join(" ")} in ${node} failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

export interface ServiceJson {
  name: string;
  state: "running" | "exited" | "stopped";
  pid?: number;
  code?: number;
  log: string;
}

export interface NodeJson {
  node: string;
  aspects: string[];
  init?: { pid?: number; alive: boolean };
  services: ServiceJson[];
}

export function statusJson(lab: string): { nodes: NodeJson[]; drift: unknown[] } {
  const r = cli(["status", lab, "--json"]);
  return JSON.parse(r.stdout) as { nodes: NodeJson[]; drift: unknown[] };
}

export function service(lab: string, node: string, name: string): ServiceJson | undefined {
  return statusJson(lab)
    .nodes.find((n) => n.node === node)
    ?.services.find((s) => s.name === name);
}

/** Polls `check` every 100 ms until it returns a value, up to `ms`. */
export async function waitFor<T>(check: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Alive: present in /proc and not a zombie. */
export function processAlive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== undefined && state !== "Z";
  } catch {
    return false;
  }
}

/** What of a lab is on the host: cgroups, mounts, namespace files and marked processes. */
export function debris(lab: string): string[] {
  const s = hostSnapshot();
  const mounts = readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter((l) => l.includes(`/${lab}/`) || l.includes(`opentop:${lab}`));
  return [
    ...s.cgroups.filter((c) => c.includes(`/${lab}`)).map((c) => `cgroup ${c}`),
    ...s.processes.filter((p) => p.startsWith(`opentop:${lab}:`)).map((p) => `process ${p}`),
    ...mounts.map((m) => `mount ${m}`),
    ...(existsSync(`/run/opentop/${lab}`) ? [`directory /run/opentop/${lab}`] : []),
    ...s.netns.filter((n) => n === lab || n.startsWith(`${lab}.`)).map((n) => `netns ${n}`),
  ];
}
