// Finding what a lab's isolation left on the machine when its record is gone: processes
// that carry the lab's mark (services' wrappers, the inits of pid namespaces), the mounts
// OpenTop makes in the lab's directory (namespace files and the private directory that
// holds them), and the lab's cgroups `opentop/LAB[/NODE]` in every hierarchy. Each is
// removed by isolation's own inverse (src/plan/ops/isolation.ts), never by code of its own.
//
// What counts as the lab's, and why:
// - a process, only by its mark: its `$0` (the fourth word of /proc/PID/cmdline, after
//   `sh -c PROGRAM`) is `opentop:LAB:NODE:NAME`. Never by its name, its cgroup or its parent.
// - a mount, only where OpenTop makes one: `/run/opentop/LAB/ns` and the namespace files
//   `/run/opentop/LAB/ns/NODE.KIND` in it. Anything else mounted in the lab's directory is
//   not OpenTop's: it is reported and left, and the directory with it.
// - a cgroup, by its place: `opentop/` at the root of a hierarchy is OpenTop's subtree, as
//   /run/opentop is its directory, so `opentop/LAB` and `opentop/LAB/NODE` (names a lab
//   could have) are the lab's. Their processes are not provably the lab's, though: without
//   a record, nothing proves that OpenTop put them there. So nothing in them is killed
//   except the lab's marked processes (stopped first, with their process groups and pid
//   namespaces); the cgroups are removed with rmdir, which the kernel refuses while anything
//   still runs in them. A look-alike — a lab-named cgroup outside `opentop/`, `opentop/`
//   below a hierarchy's root, or a directory whose name no lab can have — is not looked at.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { addTo } from "../group.js";
import { LAB_NAME_MAX, NAME_PATTERN, parseMark } from "../model/names.js";
import { CGROUP_ROOT } from "../plan/cgroups.js";
import { nsDirIn, servicesDirIn } from "../plan/layout.js";
import { stopOp } from "../plan/ops/isolation.js";
import type { Op } from "../plan/ops.js";
import { detectCgroupLayout, hierarchiesOf, mountTable } from "./cgroups.js";
import { labDir, listLabs, runDir, strangersIn } from "./record.js";

/** A process whose `$0` is a mark `opentop:LAB:NODE:NAME`: a service's wrapper, or a node's init. */
export interface MarkedProcess {
  readonly pid: number;
  readonly mark: string;
  readonly node: string;
  /** The service's name, or `init` (a name no service may have). */
  readonly name: string;
}

export interface FoundCgroup {
  readonly path: string;
  readonly scope: "lab" | "node";
}

/** A lab's isolation objects found on the machine. */
export interface IsolationFound {
  readonly processes: MarkedProcess[];
  /** Namespace files `LAB/ns/NODE.KIND`, mounted or not (a run may die between creating and binding them). */
  readonly nsFiles: string[];
  /** `LAB/ns`, when it is a mount point (the private bind of itself). */
  readonly nsDirs: string[];
  /** Mounts in the lab's directory that OpenTop does not make: never touched. */
  readonly foreignMounts: string[];
  readonly cgroups: FoundCgroup[];
  /** The lab's directory under /run/opentop exists. */
  dir: boolean;
}

export function emptyIsolation(): IsolationFound {
  return { processes: [], nsFiles: [], nsDirs: [], foreignMounts: [], cgroups: [], dir: false };
}

const KINDS = "uts|ipc|cgroup|pid|mnt";
const NS_FILE = new RegExp(`^([A-Za-z][A-Za-z0-9_-]*)\\.(?:${KINDS})$`);

function isLabName(name: string): boolean {
  return NAME_PATTERN.test(name) && name.length <= LAB_NAME_MAX;
}

/** A mount point as mountinfo writes it, unescaped (`\040` is a space). */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/** Processes that carry an OpenTop mark of a node's service or init, by PID. */
function markedProcesses(): { lab: string; process: MarkedProcess }[] {
  const out: { lab: string; process: MarkedProcess }[] = [];
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // gone since the listing
    }
    // `sh -c PROGRAM MARK …`: the mark is the program's $0. A zombie's command line is empty.
    if (argv[1] !== "-c") continue;
    const mark = argv[3];
    const parsed = parseMark(mark);
    if (!parsed || mark === undefined || parsed.node === undefined || parsed.iface === undefined) continue;
    if (!NAME_PATTERN.test(parsed.node) || !NAME_PATTERN.test(parsed.iface)) continue;
    out.push({
      lab: parsed.lab,
      process: { pid: Number(pid), mark, node: parsed.node, name: parsed.iface },
    });
  }
  return out;
}

/** Mount points in the run directory's lab directories, by lab (each once, however stacked). */
function labMounts(): Map<string, { path: string; fstype: string }[]> {
  const out = new Map<string, { path: string; fstype: string }[]>();
  let text: string;
  try {
    text = readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return out;
  }
  const base = `${runDir()}/`;
  for (const m of mountTable(text)) {
    const path = unescapeMountPath(m.mountPoint);
    if (!path.startsWith(base)) continue;
    const lab = path.slice(base.length).split("/")[0] ?? "";
    if (!isLabName(lab)) continue;
    const list = out.get(lab) ?? [];
    if (!list.some((x) => x.path === path)) list.push({ path, fstype: m.fstype });
    out.set(lab, list);
  }
  return out;
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

/** The lab cgroups `opentop/LAB` and node cgroups `opentop/LAB/NODE` of every hierarchy, by lab. */
function labCgroups(): Map<string, FoundCgroup[]> {
  const out = new Map<string, FoundCgroup[]>();
  for (const h of hierarchiesOf(detectCgroupLayout())) {
    const root = `${h.mount}/${CGROUP_ROOT}`;
    for (const lab of subdirectories(root).filter(isLabName)) {
      const list = out.get(lab) ?? [];
      list.push({ path: `${root}/${lab}`, scope: "lab" });
      for (const node of subdirectories(`${root}/${lab}`).filter((n) => NAME_PATTERN.test(n)))
        list.push({ path: `${root}/${lab}/${node}`, scope: "node" });
      out.set(lab, list);
    }
  }
  return out;
}

/** The isolation objects of every lab on this machine (or of `only`), by lab. */
export function discoverIsolation(only?: string): Map<string, IsolationFound> {
  const out = new Map<string, IsolationFound>();
  const entry = (lab: string): IsolationFound => {
    let found = out.get(lab);
    if (!found) {
      found = emptyIsolation();
      out.set(lab, found);
    }
    return found;
  };
  const wanted = (lab: string) => only === undefined || lab === only;

  for (const { lab, process } of markedProcesses()) if (wanted(lab)) entry(lab).processes.push(process);

  for (const [lab, list] of labMounts()) {
    if (!wanted(lab)) continue;
    const ns = nsDirIn(runDir(), lab);
    for (const m of list) {
      const file = m.path.startsWith(`${ns}/`) ? m.path.slice(ns.length + 1) : undefined;
      if (m.path === ns) entry(lab).nsDirs.push(m.path);
      else if (file !== undefined && NS_FILE.test(file) && m.fstype === "nsfs")
        entry(lab).nsFiles.push(m.path);
      else entry(lab).foreignMounts.push(m.path);
    }
  }

  const dirs = only === undefined ? listLabs() : existsSync(labDir(only)) ? [only] : [];
  // A directory is a lab's only if it holds nothing OpenTop does not put there: a run
  // directory given by mistake (OPENTOP_RUN_DIR=/) holds `etc` and `home`, which are no labs.
  for (const lab of dirs.filter((d) => isLabName(d) && strangersIn(d).length === 0)) {
    const found = entry(lab);
    found.dir = true;
    // Namespace files that were created but never bound (or are bound: listed once).
    const ns = nsDirIn(runDir(), lab);
    let names: string[] = [];
    try {
      names = readdirSync(ns);
    } catch {}
    for (const name of names.filter((n) => NS_FILE.test(n)))
      if (!found.nsFiles.includes(`${ns}/${name}`)) found.nsFiles.push(`${ns}/${name}`);
  }

  for (const [lab, list] of labCgroups()) if (wanted(lab)) entry(lab).cgroups.push(...list);
  return out;
}

/**
 * The operations that remove what was found, all of them isolation's own inverses: stop each
 * marked process (by its PID, checking its mark again), release namespace files, unmount
 * and remove the namespace directory, remove the cgroups if empty. Tear-down orders them by
 * rank: processes first, cgroups last, node cgroups before the lab's.
 */
export function isolationRemovals(lab: string, found: IsolationFound): Op[] {
  const ops: Op[] = [];
  for (const p of found.processes)
    ops.push(
      stopOp(
        p.name === "init" ? "init" : "service",
        p.node,
        p.name,
        `${servicesDirIn(runDir(), lab)}/${p.node}.${p.name}.pid`,
        p.mark,
        p.pid,
      ),
    );
  const byNode = new Map<string, string[]>();
  for (const path of found.nsFiles) {
    const node = NS_FILE.exec(path.slice(path.lastIndexOf("/") + 1))?.[1];
    if (node !== undefined) addTo(byNode, node, path);
  }
  for (const [node, paths] of byNode) ops.push({ kind: "ns.release", node, paths: paths.sort() });
  for (const path of found.nsDirs) ops.push({ kind: "nsdir.del", path });
  for (const c of found.cgroups) ops.push({ kind: "cgroup.del", path: c.path, scope: c.scope, byName: true });
  return ops;
}

/** Mount points at or below a directory (what must not be deleted through). */
export function mountsUnder(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return [];
  }
  const points = mountTable(text)
    .map((m) => unescapeMountPath(m.mountPoint))
    .filter((p) => p === dir || p.startsWith(`${dir}/`));
  return [...new Set(points)];
}
