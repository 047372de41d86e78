// What is under a namespace's name in /run/netns, asked without opening it: its own module,
// so that `exec`'s fast path (src/cli/fast.ts) asks it without loading the rest.

import { lstatSync, statfsSync } from "node:fs";

/** The magic number of nsfs, the file system of namespace files (linux/magic.h). */
const NSFS_MAGIC = 0x6e736673;

/**
 * What is at `/run/netns/NAME`, asked without opening it or following a link: a namespace
 * (a namespace file mounted on a file of that name), the empty file a namespace leaves when
 * it is unmounted, nothing, or something else — a symbolic link (whose target may be another
 * lab's namespace), a directory, a FIFO (which blocks whoever opens it), a file with content.
 */
export function netnsFile(name: string): "namespace" | "unmounted" | "gone" | "other" {
  const path = `/run/netns/${name}`;
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st === undefined) return "gone";
    if (!st.isFile()) return "other";
    if (statfsSync(path).type === NSFS_MAGIC) return "namespace";
    return st.size === 0 ? "unmounted" : "other";
  } catch {
    return "other";
  }
}

/** Whether `/run/netns/NAME` holds a namespace that may be entered (`netnsFile`). */
export function netnsLive(name: string): boolean {
  return netnsFile(name) === "namespace";
}
