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

/** A name of the language (a node, a service, a NIC): what the entries below are named by. */
const NAME = "[A-Za-z][A-Za-z0-9_-]*";

/**
 * Everything OpenTop puts in a lab's directory, by path relative to it: its record (and the
 * file it is written through), the namespace files' directory (`ns/NODE.KIND`), the
 * services' PID files, logs and exit statuses (`services/NODE.NAME.{pid,log,status}`), and
 * moved interfaces' saved states (`nics/NIC`, written through `NIC.new`), and the PID files
 * of `test`'s throwaway listeners (`probes/NODE.PROTO.ADDRESS.PORT.pid`). Nothing else is
 * ever the lab's: tear-down deletes these and only these, so that a run directory given by
 * mistake (`OPENTOP_RUN_DIR=/`), or a stranger's file in a lab's directory, loses nothing.
 */
const LAB_DIR_ENTRIES: readonly { readonly path: RegExp; readonly dir: boolean }[] = [
  { path: /^record\.json$/, dir: false },
  { path: /^\.record\.\d+\.tmp$/, dir: false },
  { path: /^(ns|services|nics|probes)$/, dir: true },
  { path: new RegExp(`^ns/${NAME}\\.[a-z]+$`), dir: false },
  { path: new RegExp(`^services/${NAME}\\.${NAME}\\.(pid|log|status)$`), dir: false },
  { path: new RegExp(`^nics/${NAME}(\\.new)?$`), dir: false },
  { path: new RegExp(`^probes/${NAME}\\.(tcp|udp)\\.[0-9a-fA-F.:]+\\.\\d+\\.pid$`), dir: false },
];

/** Whether OpenTop puts an entry there, a directory or a regular file (LAB_DIR_ENTRIES). */
export function labDirHolds(path: string, isDir: boolean): boolean {
  return LAB_DIR_ENTRIES.some((e) => e.dir === isDir && e.path.test(path));
}
