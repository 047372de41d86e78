// Where a lab's files are on a machine: everything under one run directory (/run/opentop,
// a tmpfs, so it vanishes at reboot with the namespaces it describes). The paths are pure
// functions of the run directory and the lab, so that the plan, the runner and the
// standalone script agree on them.

/** The run directory unless the machine's platform says otherwise (OPENTOP_RUN_DIR). */
export const RUN_DIR = "/run/opentop";

/** `/run/opentop/LAB`: the lab's record, namespace files, services' PID files and logs. */
export function labDirIn(runDir: string, lab: string): string {
  return `${runDir}/${lab}`;
}

/** The lab's record, written before its first operation and marked `up` after its last. */
export function recordIn(runDir: string, lab: string): string {
  return `${labDirIn(runDir, lab)}/record.json`;
}

/** The lock: one command at a time works on a lab (src/runtime/lock.ts). */
export function lockIn(runDir: string, lab: string): string {
  return `${runDir}/${lab}.lock`;
}

/** Namespace files: LAB/ns/NODE.KIND (a private mount, see `nsdir.add`). */
export function nsDirIn(runDir: string, lab: string): string {
  return `${labDirIn(runDir, lab)}/ns`;
}

/** PID files, logs and exit statuses: LAB/services/NODE.SERVICE.{pid,log,status}. */
export function servicesDirIn(runDir: string, lab: string): string {
  return `${labDirIn(runDir, lab)}/services`;
}

/** The file a named network namespace is entered by. */
export function netnsPath(ns: string): string {
  return `/run/netns/${ns}`;
}

/**
 * What this machine keeps of a lab it brought up on other machines over ssh (src/plan/span.ts):
 * RUN/.machines/LAB, apart from any part of the lab this machine holds itself (no lab is
 * called `.machines`). It holds the span's record, each machine's script and the sockets of
 * the shared ssh connections.
 */
export function spanDirIn(runDir: string, lab: string): string {
  return `${runDir}/.machines/${lab}`;
}

/** One command at a time works on a lab across its machines (each machine locks its part too). */
export function spanLockIn(runDir: string, lab: string): string {
  return `${runDir}/.machines/${lab}.lock`;
}
