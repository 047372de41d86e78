// One operation at a time per lab. The lock is a symbolic link whose target names its
// holder (`PID:STARTTIME`): creating it is atomic, a shell script can take the same lock
// with `ln -s`, and a holder that died (SIGKILL) is recognised by its PID and start time.

import { mkdirSync, readFileSync, readlinkSync, symlinkSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { lockIn, RUN_DIR } from "../plan/layout.js";
import { runDir, stateWrite } from "./record.js";

export function lockPath(lab: string): string {
  return lockIn(runDir(), lab);
}

/** The start time of a process (field 22 of /proc/PID/stat), or undefined if it is gone. */
export function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: split after the last `)`.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19];
  } catch {
    return undefined;
  }
}

export function holderAlive(holder: string): boolean {
  const [pid, start] = holder.split(":");
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 && startTime(n) === start;
}

export type LockResult = { ok: true; release: () => void } | { ok: false; holder: string };

/** The lab's lock, or who holds it. */
export function acquire(lab: string): LockResult {
  return acquireAt(lockPath(lab));
}

/**
 * The lock of the whole machine's host-side addresses, in the default run directory whatever
 * OPENTOP_RUN_DIR says (labs of every run directory share the host): waited for, not
 * refused, since its holders are `up`s that finish; undefined once `interrupted` (Ctrl-C).
 */
export async function acquireHost(interrupted: () => boolean): Promise<(() => void) | undefined> {
  while (!interrupted()) {
    const lock = acquireAt(lockIn(RUN_DIR, HOST_LOCK));
    if (lock.ok) return lock.release;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

/** Not a lab's name (those start with a letter): the host lock's, `.host.lock`. */
export const HOST_LOCK = ".host";

/**
 * Removes the host lock if its holder died (an `up` killed while it added host addresses):
 * the next `up` would take it over anyway, but `down` and `gc` leave the run directory as
 * it was before the lab. Returns its path if it was stale (and, unless `dryRun`, removed).
 */
export function clearStaleHostLock(dryRun = false): string | undefined {
  const path = lockIn(RUN_DIR, HOST_LOCK);
  const holder = holderOf(path);
  // Only OpenTop's kind of lock (PID:STARTTIME), and only once its holder is gone.
  if (holder === undefined || !/^\d+:\d+$/.test(holder) || holderAlive(holder)) return undefined;
  if (!dryRun) dropStale(path, holder);
  return path;
}

function holderOf(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** Removes the lock at `path` if `holder` (who died) still holds it: not one taken over meanwhile. */
function dropStale(path: string, holder: string): void {
  try {
    if (readlinkSync(path) === holder) unlinkSync(path);
  } catch {}
}

/** The lock at `path` (in a directory of the run directory, made if missing). */
export function acquireAt(path: string): LockResult {
  stateWrite(dirname(path), () => mkdirSync(dirname(path), { recursive: true, mode: 0o755 }));
  const me = `${process.pid}:${startTime(process.pid) ?? "0"}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      symlinkSync(me, path);
      return {
        ok: true,
        release: () => {
          try {
            if (readlinkSync(path) === me) unlinkSync(path);
          } catch {}
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST")
        stateWrite(path, () => {
          throw e;
        });
    }
    const holder = holderOf(path);
    if (holder === undefined) continue; // released meanwhile
    if (holderAlive(holder)) return { ok: false, holder };
    // A stale lock: its holder died without releasing it.
    dropStale(path, holder);
  }
  return { ok: false, holder: "unknown" };
}
