// What one machine can hold, against one plan (a plan is one machine's): the kernel's limits
// a large lab reaches first, read from this machine before anything is created, so that a
// lab too big for it is refused whole instead of failing half-way through `up`. Measured on
// this project's machines (docs/benchmarks.md, src/plan/capacity.ts): a node costs the kernel about 320 KiB (its
// namespace, a veth pair and its port), and every named namespace is a mount.

import { readFileSync } from "node:fs";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { KERNEL_BYTES_PER_NAMESPACE, namespacesWanted } from "../plan/capacity.js";
import type { Plan } from "../plan/plan.js";
import { listNetns } from "./kernel.js";

export { KERNEL_BYTES_PER_NAMESPACE };

/** This machine's limits and what is in use of them (Infinity, 0: not known here). */
export interface Capacity {
  /** user.max_net_namespaces */
  readonly maxNamespaces: number;
  /** Named network namespaces that exist (unnamed ones count against the limit too). */
  readonly namespaces: number;
  /** fs.mount-max: mounts in one mount namespace; each named network namespace is one. */
  readonly maxMounts: number;
  readonly mounts: number;
  /** MemAvailable, in bytes. */
  readonly memory: number;
}

function number(path: string, pick: (text: string) => string | undefined = (t) => t): number {
  try {
    const n = Number(pick(readFileSync(path, "utf8"))?.trim());
    return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function lines(path: string): number {
  try {
    return readFileSync(path, "utf8").split("\n").filter(Boolean).length;
  } catch {
    return 0;
  }
}

export function capacityHere(): Capacity {
  return {
    maxNamespaces: number("/proc/sys/user/max_net_namespaces"),
    namespaces: listNetns().length,
    maxMounts: number("/proc/sys/fs/mount-max"),
    mounts: lines("/proc/self/mountinfo"),
    memory: number("/proc/meminfo", (t) => /^MemAvailable:\s+(\d+) kB$/m.exec(t)?.[1]) * 1024,
  };
}

const MB = 1024 * 1024;

/** The limits of this machine the plan would exceed, known before anything is created. */
export function limits(plan: Plan, here: Capacity = capacityHere()): Diagnostic[] {
  const wanted = namespacesWanted(plan);
  const out: Diagnostic[] = [];
  // `namespaces` counts the named ones; unnamed ones (containers, browsers) count too.
  if (wanted + here.namespaces > here.maxNamespaces)
    out.push(
      diag(
        "OT6015",
        `this lab needs ${wanted} network namespaces; the machine allows ${here.maxNamespaces} in all`,
        {
          notes: [
            `${here.namespaces} named network namespaces exist already`,
            "the limit is the sysctl user.max_net_namespaces",
          ],
          help: "bring up a smaller lab (see `--set`), take other labs down, or raise the limit if this machine is yours",
        },
      ),
    );
  if (wanted + here.mounts > here.maxMounts)
    out.push(
      diag(
        "OT6080",
        `this lab needs ${wanted} mounts; the machine allows ${here.maxMounts}, and ${here.mounts} are in use`,
        {
          notes: [
            "every network namespace of a lab is a mount, its name under /run/netns",
            "the limit is the sysctl fs.mount-max, for each mount namespace",
          ],
          help: "bring up a smaller lab, take other labs down, or raise the limit if this machine is yours (`sysctl -w fs.mount-max=N`)",
        },
      ),
    );
  const memory = wanted * KERNEL_BYTES_PER_NAMESPACE;
  if (memory > here.memory)
    out.push(
      diag(
        "OT6081",
        `this lab needs about ${Math.ceil(memory / MB)} MB of kernel memory; the machine has ${Math.floor(here.memory / MB)} MB available`,
        {
          notes: [
            `a node takes about ${KERNEL_BYTES_PER_NAMESPACE / 1024} KiB of kernel memory (its namespace, a veth pair and its port), measured`,
          ],
          help: "bring up a smaller lab, or take other labs down",
        },
      ),
    );
  return out;
}
