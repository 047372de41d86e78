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
import type { NodeRuntime, ServiceRuntime } from "./enter.js";
import { netnsPath, nsDirIn, servicesDirIn } from "./layout.js";
import type { Enter, MountType } from "./ops/isolation.js";
import type { Op } from "./ops.js";
import { type Stage, steps } from "./plan.js";

export interface IsolationPlan {
  readonly stages: readonly Stage[];
  /** Every node whose isolation is not the default network-only one with nothing to run. */
  readonly nodes: Readonly<Record<string, NodeRuntime>>;
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

/**
 * The hierarchies a node has a cgroup in: those of its limits; cgroup2's if it isolates
 * cgroup; and cgroup2's to track its services when nothing else holds what they start — a
 * service that leaves its process group (a daemon calling setsid) stays in its cgroup,
 * where `down` finds and stops it. A node with a pid namespace needs none: its init's end
 * ends every process in it. The tracking cgroup has no controller and no limit (its cost:
 * a directory made at `up`, removed at `down`); a machine without cgroup2 has none.
 */
function hierarchies(n: Node, layout: CgroupLayout): Hierarchy[] {
  const out = new Map<string, Hierarchy>();
  for (const c of Object.keys(n.isolation.limits) as Controller[]) {
    const h = hierarchyOf(layout, c);
    out.set(h.mount, h);
  }
  const tracked = n.isolation.services.length > 0 && !isolates(n.isolation, "pid") && out.size === 0;
  if (isolates(n.isolation, "cgroup") || (tracked && layout.unified !== undefined)) {
    const mount = layout.unified ?? "/sys/fs/cgroup";
    if (!out.has(mount)) out.set(mount, { version: 2, mount });
  }
  return [...out.values()];
}

/** What lowering a node's isolation needs besides the node: the lab, where its files go, the cgroups. */
interface Ctx {
  readonly b: Builder;
  readonly lab: Lab;
  readonly layout: CgroupLayout;
  /** The lab's namespace files' and services' directories. */
  readonly nsDir: string;
  readonly servicesDir: string;
}

export function lowerIsolation(lab: Lab, layout: CgroupLayout, runDir: string): IsolationPlan {
  const b = new Builder();
  const nodes: Record<string, NodeRuntime> = {};
  const special = lab.nodes.filter((n) => !isDefault(n));
  if (special.length === 0) return { stages: [], nodes };
  const ctx: Ctx = {
    b,
    lab,
    layout,
    nsDir: nsDirIn(runDir, lab.name),
    servicesDir: servicesDirIn(runDir, lab.name),
  };

  // Lab-wide: the directories for namespace files and services, the lab's cgroups.
  const nsFiles = special.some((n) => n.isolation.aspects.some((a) => a !== "net"));
  const running = special.some((n) => n.isolation.services.length > 0 || isolates(n.isolation, "pid"));
  const dirs = [...(nsFiles ? [ctx.nsDir] : []), ...(running ? [ctx.servicesDir] : [])];
  if (dirs.length) b.add("directories", "lab", { kind: "dir.add", paths: dirs, origin: lab.span });
  if (nsFiles) b.add("namespace directory", "lab", { kind: "nsdir.add", path: ctx.nsDir, origin: lab.span });
  labCgroups(ctx, special);

  for (const n of special) nodes[n.name] = lowerNode(ctx, n);
  return { stages: b.stages(), nodes };
}

/** The lab's cgroup in every hierarchy its nodes use, with the controllers they need. */
function labCgroups({ b, lab, layout }: Ctx, special: readonly Node[]): void {
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
      path: labCgroup(h, lab.name),
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
      for (const dir of [`${h.mount}/${CGROUP_ROOT}`, labCgroup(h, lab.name)])
        b.add("cgroup controllers", `lab:${h.mount}`, {
          kind: "cgroup.set",
          file: `${dir}/cgroup.subtree_control`,
          value,
          origin: lab.span,
        });
    }
  }
}

/** The namespace files of a node: one per namespace it isolates besides net. */
type Files = { readonly [K in "uts" | "ipc" | "cgroup" | "pid" | "mnt"]?: string };

function lowerNode(ctx: Ctx, n: Node): NodeRuntime {
  const { lab } = ctx;
  const i = n.isolation;
  const has = (a: Aspect) => isolates(i, a);
  const file = (kind: string) => `${ctx.nsDir}/${n.name}.${kind}`;
  const files: Files = {
    ...(has("uts") ? { uts: file("uts") } : {}),
    ...(has("ipc") ? { ipc: file("ipc") } : {}),
    ...(has("cgroup") ? { cgroup: file("cgroup") } : {}),
    ...(has("pid") ? { pid: file("pid") } : {}),
    ...(has("mount") ? { mnt: file("mnt") } : {}),
  };
  const net = has("net") ? netnsPath(nodeNetns(lab.name, n.name)) : undefined;
  const enter: Enter = { ...(net !== undefined ? { net } : {}), ...files };
  const join = nodeCgroups(ctx, n);
  namespaces(ctx, n, files, join);
  mounts(ctx, n, files, net);
  const init = pidNamespace(ctx, n, enter, join);
  if (i.root !== undefined && files.mnt !== undefined)
    ctx.b.add("roots", n.name, {
      kind: "root.pivot",
      node: n.name,
      enter: { ...(files.pid !== undefined ? { pid: files.pid } : {}), mnt: files.mnt },
      dir: i.root.dir,
      origin: i.root.span,
    });
  return {
    aspects: i.aspects,
    enter,
    join,
    ...(i.hostname !== undefined ? { hostname: i.hostname } : {}),
    ...(i.root !== undefined ? { root: i.root.dir } : {}),
    limits: (Object.entries(i.limits) as [Controller, { text: string }][]).map(([k, l]) => `${k} ${l.text}`),
    ...(init ? { init } : {}),
    services: services(ctx, n, enter, join),
  };
}

/** A node's cgroups, one per hierarchy it uses, then its limits; the cgroup.procs files to join. */
function nodeCgroups({ b, lab, layout }: Ctx, n: Node): string[] {
  const cgroups = hierarchies(n, layout).map((h) => nodeCgroup(h, lab.name, n.name));
  for (const path of cgroups)
    b.add("node cgroups and namespace files", n.name, {
      kind: "cgroup.add",
      path,
      scope: "node",
      origin: n.span,
    });
  for (const w of limitWrites(layout, lab.name, n.name, n.isolation.limits))
    b.add(w.late ? "limits (swap)" : "limits", n.name, {
      kind: "cgroup.set",
      file: w.file,
      value: w.value,
      origin: w.limit.span,
    });
  return cgroups.map((d) => `${d}/cgroup.procs`);
}

/** Namespaces besides net and pid: created at once, each kept by its file; then the hostname. */
function namespaces({ b }: Ctx, n: Node, files: Files, join: readonly string[]): void {
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
      origin: n.span,
    });
    b.add("node cgroups and namespace files", n.name, {
      kind: "ns.files",
      node: n.name,
      paths: all,
      origin: n.span,
    });
  }
  const { hostname, hostnameSpan } = n.isolation;
  if (files.uts !== undefined && hostname !== undefined)
    b.add("hostnames", n.name, {
      kind: "uts.hostname",
      node: n.name,
      uts: files.uts,
      hostname,
      origin: hostnameSpan ?? n.span,
    });
}

/**
 * Mounts, in the node's mount namespace and in order (a later one may lie inside an earlier
 * one). With `root DIR` they are made under DIR, which becomes / at the end.
 */
function mounts({ b, lab }: Ctx, n: Node, files: Files, net: string | undefined): void {
  const mnt = files.mnt;
  if (mnt === undefined) return;
  const i = n.isolation;
  const mark = nodeMark(lab.name, n.name);
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
    const at = i.root?.span ?? n.span;
    mount("bind", root, root, [], inMnt, at); // pivot_root needs a mount point
    if (!isolates(i, "pid")) mount("proc", mark, `${root}/proc`, [], inMnt, at);
    mount("sysfs", mark, `${root}/sys`, [], sysEnter, at);
    mount("rbind", "/dev", `${root}/dev`, [], inMnt, at);
  } else if (net !== undefined) mount("sysfs", mark, "/sys", [], sysEnter, n.span);
  for (const m of i.mounts) {
    const target = `${root ?? ""}${m.target}`;
    if (m.kind === "tmpfs")
      mount("tmpfs", mark, target, m.size !== undefined ? [`size=${m.size}`] : [], inMnt, m.span);
    else mount("bind", m.source, target, m.readonly ? ["ro"] : [], inMnt, m.span);
  }
}

/** A pid namespace: its init, then its own /proc (mounted from inside it). */
function pidNamespace(
  { b, lab, servicesDir }: Ctx,
  n: Node,
  enter: Enter,
  join: readonly string[],
): NodeRuntime["init"] {
  const { pid, mnt } = enter;
  if (pid === undefined || mnt === undefined) return undefined;
  const { pid: _pid, ...others } = enter;
  const init = {
    pidfile: `${servicesDir}/${n.name}.init.pid`,
    log: `${servicesDir}/${n.name}.init.log`,
    mark: processMark(lab.name, n.name, "init"),
  };
  b.add("init processes", n.name, {
    kind: "init.start",
    node: n.name,
    enter: others,
    join,
    log: init.log,
    pidfile: init.pidfile,
    pidns: pid,
    mark: init.mark,
    origin: n.span,
  });
  b.add("/proc of pid namespaces", n.name, {
    kind: "mount.add",
    node: n.name,
    enter: { pid, mnt },
    type: "proc",
    source: nodeMark(lab.name, n.name),
    target: `${n.isolation.root?.dir ?? ""}/proc`,
    options: [],
    origin: n.span,
  });
  return init;
}

function services(
  { b, lab, servicesDir }: Ctx,
  n: Node,
  enter: Enter,
  join: readonly string[],
): ServiceRuntime[] {
  return n.isolation.services.map((s) => {
    const base = `${servicesDir}/${n.name}.${s.name}`;
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
}
