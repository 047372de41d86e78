// What is under a namespace's name in /run/netns, asked without opening it: its own module,
// so that `exec`'s fast path (src/cli/fast.ts) asks it without loading the rest.

import { lstatSync, statfsSync } from "node:fs";
import { netnsPath } from "../plan/layout.js";

/** The magic number of nsfs, the file system of namespace files (linux/magic.h). */
const NSFS_MAGIC = 0x6e736673;

/**
 * What is at `/run/netns/NAME`, asked without opening it or following a link: a namespace
 * (a namespace file mounted on a file of that name), the empty file a namespace leaves when
 * it is unmounted, nothing, or something else — a symbolic link (whose target may be another
 * lab's namespace), a directory, a FIFO (which blocks whoever opens it), a file with content.
 */
export interface NetnsFile {
  readonly kind: "namespace" | "unmounted" | "gone" | "other";
  /** For a namespace or an unmounted one: its file's time (the kernel's, of the namespace's making). */
  readonly made?: number;
}

export function netnsEntry(name: string): NetnsFile {
  const path = netnsPath(name);
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st === undefined) return { kind: "gone" };
    if (!st.isFile()) return { kind: "other" };
    if (statfsSync(path).type === NSFS_MAGIC) return { kind: "namespace", made: st.mtimeMs };
    return st.size === 0 ? { kind: "unmounted", made: st.mtimeMs } : { kind: "other" };
  } catch {
    return { kind: "other" };
  }
}

export function netnsFile(name: string): NetnsFile["kind"] {
  return netnsEntry(name).kind;
}

/** Whether `/run/netns/NAME` holds a namespace that may be entered. */
export function netnsLive(name: string): boolean {
  return netnsFile(name) === "namespace";
}
