// Holding network namespaces open while tear-down deletes them, so that they die together
// once it is done.
//
// `ip netns del` unmounts a namespace's file; the namespace dies when nothing else refers to
// it, and the kernel frees dead namespaces in batches, later, in a worker of its own
// (cleanup_net). Freeing a node's namespace takes its veth's peer out of its switch's
// bridge, which then walks all of its ports again, with the CPU held: quadratic in the
// switch's ports, about 0.3 s of CPU for a 1,000-port switch here. When such a batch
// starts while the deletions are still running, each unmount left waits for an RCU grace
// period that the busy CPU delays: the 1,001 deletions of a 1,000-node star took 0.30–0.38 s
// instead of 0.02–0.03 s in about one `down` of three (traced: docs/benchmarks.md). Held
// open, a namespace outlives its file; released after the deletions, they all die at once,
// in one batch that the kernel frees after `down` returns, as it did before.

import { closeSync, constants, openSync, readdirSync, readFileSync } from "node:fs";
import { netnsPath } from "../plan/layout.js";

/**
 * Descriptors left free for everything else while namespaces are held: tear-down starts at
 * most 16 processes at once (`defaultConcurrency`), each with three pipes, and another
 * tear-down in the same process (two labs taken down at once through the API) as many; 512
 * is several times that. A hold never takes these: without descriptors no step could start
 * (EMFILE), where without the hold it would only be slow.
 */
export const RESERVE = 512;

/** How many descriptors this process has open, or undefined when /proc does not say. */
export function openFiles(): number | undefined {
  try {
    // The listing counts the descriptor it reads /proc/self/fd with.
    return readdirSync("/proc/self/fd").length - 1;
  } catch {
    return undefined;
  }
}

/** This process's limit of open files (its soft limit), or undefined when /proc does not say. */
export function openFilesLimit(limits = readLimits()): number | undefined {
  const line = limits?.split("\n").find((l) => l.startsWith("Max open files"));
  const soft = line?.slice("Max open files".length).trim().split(/\s+/)[0];
  if (soft === "unlimited") return Number.POSITIVE_INFINITY;
  return soft !== undefined && /^\d+$/.test(soft) ? Number(soft) : undefined;
}

function readLimits(): string | undefined {
  try {
    return readFileSync("/proc/self/limits", "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Opens the namespaces named (those tear-down has found to be the lab's and is about to
 * delete) and returns what closes them. Best effort, as without it the deletions only
 * risk being slow: a name that is gone or cannot be opened is not held, nor those beyond
 * the descriptors this process can spare — its limit, less those open now (another
 * tear-down's held namespaces among them) and the `RESERVE`. Opened without following a
 * link, without waiting (a FIFO in a namespace's place would block) and as no terminal.
 */
export function holdNamespaces(
  names: readonly string[],
  limit = openFilesLimit(),
  open = openFiles(),
): () => void {
  const spare = limit === undefined || open === undefined ? 0 : limit - open - RESERVE;
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW | constants.O_NOCTTY;
  const fds: number[] = [];
  for (const name of names) {
    if (fds.length >= spare) break;
    try {
      fds.push(openSync(netnsPath(name), flags));
    } catch {
      // Not held: its freeing may overlap the deletions, as it would without this.
    }
  }
  return () => {
    for (const fd of fds.splice(0)) closeSync(fd);
  };
}
