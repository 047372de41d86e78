// Lowering of composable isolation (docs/isolation.md): the stages that give nodes their other
// namespaces, mounts, cgroups, inits and services, after the network is in place. Only
// what a node declares is set up: a node without `mount` gets no mount namespace, a lab
// without limits touches no cgroup, and a network-only node gets nothing from here.
//
// Nothing here stays resident. Namespaces other than net are kept by bind-mounting their
// files under /run/opentop/LAB/ns (as `unshare --uts=FILE` does); a pid namespace is the
// exception, since it dies with its first process, so a node that isolates pid gets a
// minimal init (snippets.ts INIT). Services run detached, their PIDs in files.

import type { Span } from "../diagnostics/source.js";
import { type Aspect, isolates } from "../model/isolation.js";
import type { Lab, Node } from "../model/model.js";
import { nodeMark, nodeNetns } from "../model/names.js";
import { labDir } from "../runtime/record.js";
import {
  CGROUP_ROOT,
  type CgroupLayout,
  type Controller,
  type Hierarchy,
  hierarchyOf,
  labCgroup,
  limitWrites,
  nodeCgroup,
} from "./cgroups.js";
import { type Enter, joinArgv, type MountType, nsenterArgs } from "./isolation-ops.js";
import type { Op } from "./ops.js";
import { netnsPath, type Stage, steps } from "./plan.js";

/** How to reach a node at run time: what `exec`, `status` and `logs` read from the record. */
export interface NodeRuntime {
  readonly aspects: readonly Aspect[];
  /** The namespace files to enter (net included when the node has its own network). */
  readonly enter: Enter;
  /** cgroup.procs files a process joins to count against the node's limits. */
  readonly join: readonly string[];
  readonly hostname?: string;
  readonly root?: string;
  /** Limits as written: `memory 256M`. */
  readonly limits: readonly string[];
  readonly init?: { readonly pidfile: string; readonly log: string; readonly mark: string };
  readonly services: readonly ServiceRuntime[];
}

export interface ServiceRuntime {
  readonly name: string;
  readonly command: string;
  readonly pidfile: string;
  readonly log: string;
  /** Holds the exit status once the service has ended by itself. */
  readonly status: string;
  readonly mark: string;
}

export interface IsolationPlan {
  readonly stages: readonly Stage[];
  /** Every node whose isolation is not the default network-only one with nothing to run. */
  readonly nodes: Readonly<Record<string, NodeRuntime>>;
}

/** Namespace files: /run/opentop/LAB/ns/NODE.KIND (a private mount, see nsdir.add). */
export function nsDir(lab: string): string {
  return `${labDir(lab)}/ns`;
}

/** PID files, logs and exit statuses: /run/opentop/LAB/services/NODE.SERVICE.{pid,log,status}. */
export function servicesDir(lab: string): string {
  return `${labDir(lab)}/services`;
}

/** The mark on a node's processes (their `$0`): `opentop:LAB:NODE:SERVICE`, or `…:init`. */
export function processMark(lab: string, node: string, name: string): string {
  return `${nodeMark(lab, node)}:${name}`;
}

/** Phases in order; a `sequential` phase keeps each owner's operations in order (one stage each). */
const PHASES = [
  ["directories", "parallel"],
  ["namespace directory", "parallel"],
  ["cgroup controllers", "sequential"],
  ["node cgroups and namespace files", "parallel"],
  ["limits", "parallel"],
  ["limits (swap)", "parallel"],
  ["node namespaces", "parallel"],
  ["hostnames", "parallel"],
  ["mounts", "sequential"],
  ["init processes", "parallel"],
  ["/proc of pid namespaces", "parallel"],
  ["roots", "parallel"],
  ["services", "parallel"],
] as const;
type Phase = (typeof PHASES)[number][0];

class Builder {
  private readonly ops = new Map<Phase, { owner: string; op: Op }[]>();

  add(phase: Phase, owner: string, op: Op): void {
    const list = this.ops.get(phase) ?? [];
    list.push({ owner, op });
    this.ops.set(phase, list);
  }

  stages(): Stage[] {
    const out: Stage[] = [];
    for (const [phase, mode] of PHASES) {
      const list = this.ops.get(phase) ?? [];
      if (list.length === 0) continue;
      if (mode === "parallel") {
        out.push({ name: phase, steps: steps(list.map((x) => x.op)) });
        continue;
      }
      // Stage k holds every owner's k-th operation: owners run side by side, each in order.
      const byOwner = new Map<string, Op[]>();
      for (const { owner, op } of list) byOwner.set(owner, [...(byOwner.get(owner) ?? []), op]);
      const depth = Math.max(...[...byOwner.values()].map((l) => l.length));
      for (let k = 0; k < depth; k++)
        out.push({
          name: depth > 1 ? `${phase} (${k + 1} of ${depth})` : phase,
          steps: steps([...byOwner.values()].flatMap((l) => l.slice(k, k + 1))),
        });
    }
    return out;
  }
}

function isDefault(n: Node): boolean {
  const i = n.isolation;
  return (
    i.aspects.length === 1 &&
    i.aspects[0] === "net" &&
    i.services.length === 0 &&
    Object.keys(i.limits).length === 0
  );
}

/** The hierarchies a node has a cgroup in: those of its limits, and cgroup2's if it isolates cgroup. */
function hierarchies(n: Node, layout: CgroupLayout): Hierarchy[] {
  const out = new Map<string, Hierarchy>();
  for (const c of Object.keys(n.isolation.limits) as Controller[]) {
    const h = hierarchyOf(layout, c);
    out.set(h.mount, h);
  }
  if (isolates(n.isolation, "cgroup")) {
    const mount = layout.unified ?? "/sys/fs/cgroup";
    if (!out.has(mount)) out.set(mount, { version: 2, mount });
  }
  return [...out.values()];
}

export function lowerIsolation(lab: Lab, layout: CgroupLayout): IsolationPlan {
  const b = new Builder();
  const nodes: Record<string, NodeRuntime> = {};
  const name = lab.name;
  const special = lab.nodes.filter((n) => !isDefault(n));
  if (special.length === 0) return { stages: [], nodes };

  // Lab-wide: the directories for namespace files and services, the lab's cgroups.
  const nsFiles = special.some((n) => n.isolation.aspects.some((a) => a !== "net"));
  const running = special.some((n) => n.isolation.services.length > 0 || isolates(n.isolation, "pid"));
  const dirs = [...(nsFiles ? [nsDir(name)] : []), ...(running ? [servicesDir(name)] : [])];
  if (dirs.length) b.add("directories", "lab", { kind: "dir.add", paths: dirs, origin: lab.span });
  if (nsFiles)
    b.add("namespace directory", "lab", { kind: "nsdir.add", path: nsDir(name), origin: lab.span });

  const labHierarchies = new Map<string, { h: Hierarchy; controllers: Set<Controller> }>();
  for (const n of special) {
    for (const h of hierarchies(n, layout))
      if (!labHierarchies.has(h.mount)) labHierarchies.set(h.mount, { h, controllers: new Set() });
    for (const c of Object.keys(n.isolation.limits) as Controller[])
      labHierarchies.get(hierarchyOf(layout, c).mount)?.controllers.add(c);
  }
  for (const { h, controllers } of labHierarchies.values()) {
    b.add("directories", "lab", {
      kind: "cgroup.add",
      path: labCgroup(h, name),
      scope: "lab",
      origin: lab.span,
    });
    // cgroup v2 gives a controller to a child only if every ancestor enables it for its
    // subtree: the root (checked before `up`; not OpenTop's to change), opentop/, opentop/LAB.
    if (h.version === 2 && controllers.size) {
      const value = (["memory", "cpu", "pids"] as const)
        .filter((c) => controllers.has(c))
        .map((c) => `+${c}`)
        .join(" ");
      for (const dir of [`${h.mount}/${CGROUP_ROOT}`, labCgroup(h, name)])
        b.add("cgroup controllers", `lab:${h.mount}`, {
          kind: "cgroup.set",
          file: `${dir}/cgroup.subtree_control`,
          value,
          origin: lab.span,
        });
    }
  }

  for (const n of special) nodes[n.name] = lowerNode(b, lab, n, layout);
  return { stages: b.stages(), nodes };
}

function lowerNode(b: Builder, lab: Lab, n: Node, layout: CgroupLayout): NodeRuntime {
  const i = n.isolation;
  const has = (a: Aspect) => isolates(i, a);
  const origin = n.span;
  const file = (kind: string) => `${nsDir(lab.name)}/${n.name}.${kind}`;
  const files = {
    ...(has("uts") ? { uts: file("uts") } : {}),
    ...(has("ipc") ? { ipc: file("ipc") } : {}),
    ...(has("cgroup") ? { cgroup: file("cgroup") } : {}),
    ...(has("pid") ? { pid: file("pid") } : {}),
    ...(has("mount") ? { mnt: file("mnt") } : {}),
  };
  const net = has("net") ? netnsPath(nodeNetns(lab.name, n.name)) : undefined;
  const enter: Enter = { ...(net !== undefined ? { net } : {}), ...files };
  const mark = nodeMark(lab.name, n.name);

  // Cgroups: one per hierarchy the node uses, then its limits.
  const cgroups = hierarchies(n, layout).map((h) => nodeCgroup(h, lab.name, n.name));
  const join = cgroups.map((d) => `${d}/cgroup.procs`);
  for (const path of cgroups)
    b.add("node cgroups and namespace files", n.name, { kind: "cgroup.add", path, scope: "node", origin });
  for (const w of limitWrites(layout, lab.name, n.name, i.limits))
    b.add(w.late ? "limits (swap)" : "limits", n.name, {
      kind: "cgroup.set",
      file: w.file,
      value: w.value,
      origin: w.limit.span,
    });

  // Namespaces besides net and pid: created at once, each kept by its file.
  const all = Object.values(files);
  if (all.length) {
    b.add("node namespaces", n.name, {
      kind: "ns.create",
      node: n.name,
      ...(files.uts !== undefined ? { uts: files.uts } : {}),
      ...(files.ipc !== undefined ? { ipc: files.ipc } : {}),
      ...(files.cgroup !== undefined ? { cgroup: files.cgroup } : {}),
      ...(files.mnt !== undefined ? { mnt: files.mnt } : {}),
      // A cgroup namespace is rooted where its creator is: in the node's cgroups.
      join: files.cgroup !== undefined ? join : [],
      release: all,
      origin,
    });
    b.add("node cgroups and namespace files", n.name, {
      kind: "ns.files",
      node: n.name,
      paths: all,
      origin,
    });
  }
  if (files.uts !== undefined && i.hostname !== undefined)
    b.add("hostnames", n.name, {
      kind: "uts.hostname",
      node: n.name,
      uts: files.uts,
      hostname: i.hostname,
      origin: i.hostnameSpan ?? origin,
    });

  // Mounts, in the node's mount namespace and in order (a later one may lie inside an
  // earlier one). With `root DIR` they are made under DIR, which becomes / at the end.
  const mnt = files.mnt;
  if (mnt !== undefined) {
    const inMnt: Enter = { mnt };
    const mount = (
      type: MountType,
      source: string,
      target: string,
      options: string[],
      into: Enter,
      from: Span,
    ) =>
      b.add("mounts", n.name, {
        kind: "mount.add",
        node: n.name,
        enter: into,
        type,
        source,
        target,
        options,
        origin: from,
      });
    // sysfs shows the network namespace of whoever mounts it: mounted from inside the node's.
    const sysEnter: Enter = { ...(net !== undefined ? { net } : {}), mnt };
    const root = i.root?.dir;
    if (root !== undefined) {
      const at = i.root?.span ?? origin;
      mount("bind", root, root, [], inMnt, at); // pivot_root needs a mount point
      if (!has("pid")) mount("proc", mark, `${root}/proc`, [], inMnt, at);
      mount("sysfs", mark, `${root}/sys`, [], sysEnter, at);
      mount("rbind", "/dev", `${root}/dev`, [], inMnt, at);
    } else if (net !== undefined) mount("sysfs", mark, "/sys", [], sysEnter, origin);
    for (const m of i.mounts) {
      const target = `${root ?? ""}${m.target}`;
      if (m.kind === "tmpfs")
        mount("tmpfs", mark, target, m.size !== undefined ? [`size=${m.size}`] : [], inMnt, m.span);
      else mount("bind", m.source, target, m.readonly ? ["ro"] : [], inMnt, m.span);
    }
  }

  // A pid namespace: its init, then its own /proc (mounted from inside it), then the root.
  let init: NodeRuntime["init"];
  if (files.pid !== undefined && mnt !== undefined) {
    const { pid: _pid, ...others } = enter;
    init = {
      pidfile: `${servicesDir(lab.name)}/${n.name}.init.pid`,
      log: `${servicesDir(lab.name)}/${n.name}.init.log`,
      mark: processMark(lab.name, n.name, "init"),
    };
    b.add("init processes", n.name, {
      kind: "init.start",
      node: n.name,
      enter: others,
      join,
      log: init.log,
      pidfile: init.pidfile,
      pidns: files.pid,
      mark: init.mark,
      origin,
    });
    b.add("/proc of pid namespaces", n.name, {
      kind: "mount.add",
      node: n.name,
      enter: { pid: files.pid, mnt },
      type: "proc",
      source: mark,
      target: `${i.root?.dir ?? ""}/proc`,
      options: [],
      origin,
    });
  }
  if (i.root !== undefined && mnt !== undefined)
    b.add("roots", n.name, {
      kind: "root.pivot",
      node: n.name,
      enter: { ...(files.pid !== undefined ? { pid: files.pid } : {}), mnt },
      dir: i.root.dir,
      origin: i.root.span,
    });

  const services: ServiceRuntime[] = i.services.map((s) => {
    const base = `${servicesDir(lab.name)}/${n.name}.${s.name}`;
    const svc: ServiceRuntime = {
      name: s.name,
      command: s.command,
      pidfile: `${base}.pid`,
      log: `${base}.log`,
      status: `${base}.status`,
      mark: processMark(lab.name, n.name, s.name),
    };
    b.add("services", n.name, {
      kind: "service.start",
      node: n.name,
      name: s.name,
      enter,
      join,
      log: svc.log,
      pidfile: svc.pidfile,
      status: svc.status,
      mark: svc.mark,
      env: [`OPENTOP_LAB=${lab.name}`, `OPENTOP_NODE=${n.name}`, `OPENTOP_SERVICE=${s.name}`],
      command: s.command,
      origin: s.span,
    });
    return svc;
  });

  return {
    aspects: i.aspects,
    enter,
    join,
    ...(i.hostname !== undefined ? { hostname: i.hostname } : {}),
    ...(i.root !== undefined ? { root: i.root.dir } : {}),
    limits: (Object.entries(i.limits) as [Controller, { text: string }][]).map(([k, l]) => `${k} ${l.text}`),
    ...(init ? { init } : {}),
    services,
  };
}

/** The argv prefix of a command run inside a node: join its cgroups, enter its namespaces. */
export function enterPrefix(rt: Pick<NodeRuntime, "enter" | "join">): string[] {
  return [...joinArgv(rt.join), "nsenter", ...nsenterArgs(rt.enter), "--"];
}
