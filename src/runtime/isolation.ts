// Isolation at run time: the checks before `up` (paths exist, limits enforceable), the
// state of inits and services (from their PID files, their marks and their exit-status
// files: there is no daemon to ask), drift of namespace files and cgroups, and entering.

import { existsSync, readFileSync, statSync } from "node:fs";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Lab, Node } from "../model/model.js";
import { assertNever } from "../never.js";
import type { NodeRuntime, ServiceRuntime } from "../plan/enter.js";
import type { FactOf } from "../plan/facts.js";
import { leavesOf, type Op } from "../plan/ops.js";
import type { LabRecord } from "../plan/record.js";
import { cgroupProblems, detectCgroupLayout, mountTable, usesCgroups } from "./cgroups.js";
import type { Drift } from "./drift.js";

/** Everything about a lab's isolation that this machine must provide, before `up` creates anything. */
export function isolationPreflight(lab: Lab): Diagnostic[] {
  return [...(usesCgroups(lab) ? cgroupProblems(lab, detectCgroupLayout()) : []), ...pathProblems(lab)];
}

function kindOf(path: string): "dir" | "file" | undefined {
  try {
    return statSync(path).isDirectory() ? "dir" : "file";
  } catch {
    return undefined;
  }
}

/** Roots, mount points and bind sources that do not exist (OpenTop creates none of them). */
function pathProblems(lab: Lab): Diagnostic[] {
  return lab.nodes.flatMap((n) => [...rootProblems(n), ...mountProblems(n)]);
}

/** A node's root must hold the directories its /proc, /sys and /dev are mounted on. */
function rootProblems(n: Node): Diagnostic[] {
  const root = n.isolation.root;
  if (!root) return [];
  const dir = root.dir;
  const missing = [dir, `${dir}/proc`, `${dir}/sys`, `${dir}/dev`].filter((p) => kindOf(p) !== "dir");
  if (!missing.length) return [];
  return [
    diag("OT5102", `the root of node \`${n.name}\` is incomplete: ${missing.join(", ")} missing`, {
      span: root.span,
      notes: [
        "the node sees this directory as /, with its own /proc, /sys and /dev mounted on these directories",
      ],
      help: `create them (\`mkdir -p ${missing.join(" ")}\`); OpenTop does not write into a node's root`,
    }),
  ];
}

/**
 * Where each mount point is, as the node's mount namespace will see it when it is made:
 * through the binds before it, and not inside a fresh tmpfs (which starts empty).
 */
function mountProblems(n: Node): Diagnostic[] {
  const out: Diagnostic[] = [];
  const i = n.isolation;
  const root = i.root?.dir;
  const earlier: { target: string; source?: string }[] = [];
  const resolve = (path: string): { host?: string; tmpfs?: string } => {
    for (const e of [...earlier].reverse()) {
      if (path !== e.target && !path.startsWith(`${e.target}/`)) continue;
      if (e.source === undefined) return { tmpfs: e.target };
      return { host: `${e.source}${path.slice(e.target.length)}` };
    }
    return { host: path };
  };
  for (const m of i.mounts) {
    const target = `${root ?? ""}${m.target}`;
    const where = resolve(target);
    const sourceKind = m.kind === "bind" ? kindOf(m.source) : "dir";
    if (m.kind === "bind" && sourceKind === undefined)
      out.push(
        diag("OT5102", `\`${m.source}\` does not exist on this machine`, {
          span: m.span,
          help: "bind an existing file or directory of the host",
        }),
      );
    if (where.tmpfs !== undefined)
      out.push(
        diag(
          "OT5102",
          `mount point \`${m.target}\` lies inside the tmpfs at \`${where.tmpfs}\`, which starts empty`,
          {
            span: m.span,
            help: "mount it somewhere else, or bind a directory of the host there instead of a tmpfs",
          },
        ),
      );
    else if (where.host !== undefined) {
      const k = kindOf(where.host);
      if (k === undefined)
        out.push(
          diag("OT5102", `mount point \`${m.target}\` of node \`${n.name}\` does not exist`, {
            span: m.span,
            notes: [`it would be ${where.host} on this machine`],
            help: `create it (\`mkdir -p ${where.host}\`); OpenTop creates no directory outside a lab's own`,
          }),
        );
      else if (sourceKind !== undefined && k !== sourceKind)
        out.push(
          diag(
            "OT5102",
            `a ${sourceKind === "dir" ? "directory" : "file"} cannot be mounted on a ${k === "dir" ? "directory" : "file"}`,
            {
              span: m.span,
              help: "mount a directory on a directory and a file on a file",
            },
          ),
        );
    }
    earlier.push({ target, ...(m.kind === "bind" ? { source: m.source } : {}) });
  }
  return out;
}

/** A process named by a PID file, and whether it is still ours (its fourth argv word is the mark). */
export interface ProcState {
  readonly pid?: number;
  readonly alive: boolean;
}

export function processState(pidfile: string, mark: string): ProcState {
  let pid: number;
  try {
    pid = Number(readFileSync(pidfile, "utf8").trim());
  } catch {
    return { alive: false };
  }
  if (!Number.isInteger(pid) || pid <= 0) return { alive: false };
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return { pid, alive: argv[3] === mark };
  } catch {
    return { pid, alive: false };
  }
}

export type ServiceState =
  | { readonly state: "running"; readonly pid: number }
  /** Ended by itself (or was killed by a signal, as 128 + n): the wrapper wrote its status. */
  | { readonly state: "exited"; readonly code: number }
  /** Gone without an exit status: stopped from outside, or it never started (see its log). */
  | { readonly state: "stopped" };

export function serviceState(s: ServiceRuntime): ServiceState {
  const p = processState(s.pidfile, s.mark);
  if (p.alive && p.pid !== undefined) return { state: "running", pid: p.pid };
  try {
    const text = readFileSync(s.status, "utf8").trim();
    if (/^\d+$/.test(text)) return { state: "exited", code: Number(text) };
  } catch {}
  return { state: "stopped" };
}

export interface NodeIsolationStatus {
  readonly node: string;
  readonly aspects: readonly string[];
  readonly hostname?: string;
  readonly root?: string;
  readonly limits: readonly string[];
  readonly init?: ProcState;
  readonly services: readonly ({ readonly name: string; readonly log: string } & ServiceState)[];
}

/** Mount points of this mount namespace (namespace files are bind mounts, so they are among them). */
function mountPoints(): Set<string> {
  try {
    return new Set(mountTable(readFileSync("/proc/self/mountinfo", "utf8")).map((m) => m.mountPoint));
  } catch {
    return new Set();
  }
}

type IsolationFact = FactOf<"mount" | "cgroup" | "process">;

/** Whether an isolation fact holds here, and how its drift reads when it does not. */
function check(f: IsolationFact, mounted: ReadonlySet<string>): { holds: boolean; what: string } {
  switch (f.kind) {
    case "mount":
      return { holds: mounted.has(f.path), what: `${f.what} of node ${f.node} (${f.path})` };
    case "cgroup":
      return { holds: existsSync(f.path), what: `cgroup ${f.path} of node ${f.node}` };
    case "process":
      return {
        holds: processState(f.pidfile, f.mark).alive,
        what: `${f.what} of node ${f.node} (its pid namespace is dead)`,
      };
    default:
      return assertNever(f);
  }
}

/** The isolation part of `status`: per node, its init and services; drift where its facts do not hold. */
export function isolationStatus(
  record: LabRecord,
  facts: readonly IsolationFact[],
): { nodes: NodeIsolationStatus[]; drift: Drift[] } {
  const mounted = mountPoints();
  const drift: Drift[] = facts
    .map((f) => check(f, mounted))
    .filter((c) => !c.holds)
    .map((c) => ({ ns: null, kind: "missing", what: c.what }));
  const nodes = Object.entries(record.isolation ?? {}).map(([node, rt]): NodeIsolationStatus => {
    const init = rt.init ? processState(rt.init.pidfile, rt.init.mark) : undefined;
    return {
      node,
      aspects: rt.aspects,
      ...(rt.hostname !== undefined ? { hostname: rt.hostname } : {}),
      ...(rt.root !== undefined ? { root: rt.root } : {}),
      limits: rt.limits,
      ...(init ? { init } : {}),
      services: rt.services.map((s) => ({ name: s.name, log: s.log, ...serviceState(s) })),
    };
  });
  return { nodes, drift };
}

/** An isolation object an operation makes: its identity, and its name if it is still there. */
interface Made {
  readonly id: string;
  readonly left: () => string | undefined;
}

function madeBy(op: Op, mounted: ReadonlySet<string>): Made[] {
  const alive = (pidfile: string, mark: string, what: string): Made => ({
    id: `process ${pidfile}`,
    left: () => (processState(pidfile, mark).alive ? what : undefined),
  });
  switch (op.kind) {
    case "nsdir.add":
      return [
        {
          id: `mount ${op.path}`,
          left: () => (mounted.has(op.path) ? `the lab's namespace directory ${op.path}` : undefined),
        },
      ];
    case "cgroup.add":
      if (op.scope === "lab")
        return [
          { id: `cgroup ${op.path}`, left: () => (existsSync(op.path) ? `cgroup ${op.path}` : undefined) },
        ];
      break;
    case "service.start":
      return [alive(op.pidfile, op.mark, `service ${op.name} of node ${op.node}`)];
  }
  return leavesOf(op).flatMap((f): Made[] => {
    if (f.kind === "process") return [alive(f.pidfile, f.mark, `${f.what} of node ${f.node} (${f.pidfile})`)];
    if (f.kind !== "mount" && f.kind !== "cgroup") return [];
    return [
      {
        id: `${f.kind} ${f.path}`,
        left: () => {
          const c = check(f, mounted);
          return c.holds ? c.what : undefined;
        },
      },
    ];
  });
}

/**
 * What isolation objects `added` made that are still there, but that `kept` (the lab as it
 * stays) does not make too: namespace files and the namespace directory (mounts), cgroups,
 * inits and services. After a rollback, each is left behind (the record that stays would not
 * know it).
 */
export function isolationLeft(added: readonly Op[], kept: readonly Op[]): Drift[] {
  const mounted = mountPoints();
  const skip = new Set(kept.flatMap((op) => madeBy(op, mounted).map((m) => m.id)));
  const left: Drift[] = [];
  for (const m of added.flatMap((op) => madeBy(op, mounted))) {
    if (skip.has(m.id)) continue;
    skip.add(m.id); // each object once
    const what = m.left();
    if (what !== undefined) left.push({ ns: null, kind: "extra", what });
  }
  return left;
}

/** Why a node cannot be entered, if it cannot: its namespace files gone, or its init dead. */
export function enterProblem(record: LabRecord, node: string, rt: NodeRuntime): Diagnostic | undefined {
  const { net: _net, ...files } = rt.enter;
  const mounted = mountPoints();
  const gone = Object.entries(files).filter(([, path]) => !mounted.has(path));
  if (gone.length)
    return diag(
      "OT6008",
      `node ${node} of lab ${record.lab} has lost its namespaces (${gone.map(([k]) => k).join(", ")})`,
      {
        help: `\`opentop status ${record.lab}\` shows what is missing; \`opentop down ${record.lab}\` and \`up\` rebuild it`,
      },
    );
  if (rt.init && !processState(rt.init.pidfile, rt.init.mark).alive)
    return diag("OT5103", `the init process of node ${node} is gone, and its pid namespace with it`, {
      notes: [
        "a pid namespace lives as long as its first process; OpenTop starts one per node that isolates pid, and something has stopped it",
      ],
      help: `bring the lab down and up again: \`opentop down ${record.lab}\``,
    });
  return undefined;
}

/** Whether a node has its own network namespace (nodes absent from `isolation` are network-only). */
export function hasNetwork(record: LabRecord, node: string): boolean {
  const rt = record.isolation?.[node];
  return !rt || rt.enter.net !== undefined;
}
