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
 * of `test`'s throwaway listeners (`probes/NODE.PROTO.ADDRESS.PORT.pid`), and the standalone
 * script's `test` files (`test.PID/{l,p}K.{out,err,rc}`, left by a test killed outright).
 * Nothing else is ever the lab's: tear-down deletes these and only these, so that a run directory given by
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
  { path: /^test\.\d+$/, dir: true },
  { path: /^test\.\d+\/[lp]\d+\.(out|err|rc)$/, dir: false },
];

/** Whether OpenTop puts an entry there, a directory or a regular file (LAB_DIR_ENTRIES). */
export function labDirHolds(path: string, isDir: boolean): boolean {
  return LAB_DIR_ENTRIES.some((e) => e.dir === isDir && e.path.test(path));
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

/**
 * Everything OpenTop puts in a span's directory, by path relative to it (as LAB_DIR_ENTRIES
 * for a lab's): the span's record (`span.json`, written through `.span.PID.tmp`), each
 * machine's script (`MACHINE.sh`, through `.MACHINE.sh.PID.tmp`), and the shared ssh
 * connections' sockets (`ssh/MACHINE`, or `ssh/K` under a long run directory, and the
 * `.XXXXXXXXXXXXXXXX` one ssh makes while it listens). Forgetting a span deletes these and
 * only these.
 */
const SPAN_DIR_ENTRIES: readonly { readonly path: RegExp; readonly kind: "dir" | "file" | "socket" }[] = [
  { path: /^span\.json$/, kind: "file" },
  { path: /^\.span\.\d+\.tmp$/, kind: "file" },
  { path: new RegExp(`^${NAME}\\.sh$`), kind: "file" },
  { path: new RegExp(`^\\.${NAME}\\.sh\\.\\d+\\.tmp$`), kind: "file" },
  { path: /^ssh$/, kind: "dir" },
  { path: new RegExp(`^ssh/(${NAME}|\\d+)(\\.[A-Za-z0-9]{16})?$`), kind: "socket" },
];

/** Whether OpenTop puts an entry there, of that kind (SPAN_DIR_ENTRIES). */
export function spanDirHolds(path: string, kind: "dir" | "file" | "socket"): boolean {
  return SPAN_DIR_ENTRIES.some((e) => e.kind === kind && e.path.test(path));
}

/** One command at a time works on a lab across its machines (each machine locks its part too). */
export function spanLockIn(runDir: string, lab: string): string {
  return `${runDir}/.machines/${lab}.lock`;
}
