// The operations of composable isolation (docs/isolation.md), in the shape of the table in
// ops.ts: each kind with its exact command, its inverse and a sentence for people. They are all
// `exec` steps — one process each, argv as written — and every inverse is idempotent and
// checks ownership itself, so tear-down is safe after a crash at any point, from the
// runner and from a standalone script alike.

import { assertNever } from "../../never.js";
import { unlimited } from "../cgroups.js";
import type { Fact } from "../facts.js";
import {
  CGROUP_DEL,
  CGROUP_RMDIR,
  INIT,
  JOIN,
  NS_RELEASE,
  NSDIR_DEL,
  PIVOT,
  SERVICE_WRAPPER,
  START_INIT,
  START_SERVICE,
  STOP,
} from "../snippets.js";
import {
  type Base,
  F,
  inside,
  type Need,
  NOTHING,
  need,
  netnsKey,
  RANK,
  type Shape,
  type SpecTable,
} from "./types.js";

/** The namespace files a process enters a node by (each present only if the node has it). */
export interface Enter {
  /** /run/netns/LAB.NODE */
  readonly net?: string;
  readonly uts?: string;
  readonly ipc?: string;
  readonly cgroup?: string;
  readonly pid?: string;
  readonly mnt?: string;
}

/** How `enter` is read back from a record: the namespace files are the lab's own. */
export const ENTER_SHAPE: Shape = {
  net: F.optional("string"),
  uts: F.optional("lab-path"),
  ipc: F.optional("lab-path"),
  cgroup: F.optional("lab-path"),
  pid: F.optional("lab-path"),
  mnt: F.optional("lab-path"),
};

/** nsenter's options for `enter`, in one fixed order. */
export function nsenterArgs(enter: Enter): string[] {
  const out: string[] = [];
  if (enter.net !== undefined) out.push(`--net=${enter.net}`);
  if (enter.uts !== undefined) out.push(`--uts=${enter.uts}`);
  if (enter.ipc !== undefined) out.push(`--ipc=${enter.ipc}`);
  if (enter.cgroup !== undefined) out.push(`--cgroup=${enter.cgroup}`);
  if (enter.pid !== undefined) out.push(`--pid=${enter.pid}`);
  if (enter.mnt !== undefined) out.push(`--mount=${enter.mnt}`);
  return out;
}

/** `sh -c JOIN opentop-join PROCS… --` before a command that must run in the node's cgroups. */
export function joinArgv(procs: readonly string[]): string[] {
  return procs.length ? ["sh", "-c", JOIN, "opentop-join", ...procs, "--"] : [];
}

export type MountType = "tmpfs" | "proc" | "sysfs" | "bind" | "rbind";

/** Who a stopped process is: a service (stopped with its process group) or a node's init. */
export type ProcRole = "service" | "init";

export type IsolationOp = Base & IsolationOpBody;

type IsolationOpBody =
  | { readonly kind: "dir.add"; readonly paths: readonly string[] }
  | { readonly kind: "nsdir.add"; readonly path: string }
  | { readonly kind: "nsdir.del"; readonly path: string }
  | { readonly kind: "cgroup.add"; readonly path: string; readonly scope: "lab" | "node" }
  | {
      readonly kind: "cgroup.del";
      readonly path: string;
      readonly scope: "lab" | "node";
      /**
       * Found by its name alone (`opentop/LAB[/NODE]`), without a record that says the lab
       * made it: removed only if empty. What runs in it is not provably the lab's, so it is
       * never killed (the lab's marked processes are stopped before, by their marks).
       */
      readonly byName?: true;
    }
  | { readonly kind: "cgroup.set"; readonly file: string; readonly value: string }
  | { readonly kind: "ns.files"; readonly node: string; readonly paths: readonly string[] }
  | {
      readonly kind: "ns.create";
      readonly node: string;
      readonly uts?: string;
      readonly ipc?: string;
      readonly cgroup?: string;
      readonly mnt?: string;
      /** cgroup.procs files to join first, so that a cgroup namespace is rooted at the node's cgroup. */
      readonly join: readonly string[];
      /** Every namespace file of the node (the pid one too): what the inverse releases. */
      readonly release: readonly string[];
    }
  | { readonly kind: "ns.release"; readonly node: string; readonly paths: readonly string[] }
  | { readonly kind: "uts.hostname"; readonly node: string; readonly uts: string; readonly hostname: string }
  | {
      readonly kind: "mount.add";
      readonly node: string;
      readonly enter: Enter;
      readonly type: MountType;
      readonly source: string;
      readonly target: string;
      readonly options: readonly string[];
    }
  | {
      readonly kind: "root.pivot";
      readonly node: string;
      /** The mount namespace, and the pid one if the node has it: umount reads /proc/self/mountinfo,
       * and once the node's /proc is its pid namespace's, only a process inside that has a /proc/self. */
      readonly enter: Enter;
      readonly dir: string;
    }
  | {
      readonly kind: "init.start";
      readonly node: string;
      /** The node's namespaces except pid, which the init creates. */
      readonly enter: Enter;
      readonly join: readonly string[];
      readonly log: string;
      readonly pidfile: string;
      readonly pidns: string;
      readonly mark: string;
    }
  | {
      readonly kind: "service.start";
      readonly node: string;
      readonly name: string;
      readonly enter: Enter;
      readonly join: readonly string[];
      readonly log: string;
      readonly pidfile: string;
      readonly status: string;
      readonly mark: string;
      /** `NAME=VALUE` for the service's environment. */
      readonly env: readonly string[];
      /** The user's command, run by `sh -c` as one argument. */
      readonly command: string;
    }
  | {
      /** What `apply` runs to take one mount off a node that stays (never in `up`'s plan). */
      readonly kind: "mount.del";
      readonly node: string;
      readonly enter: Enter;
      readonly target: string;
    }
  | {
      readonly kind: "proc.stop";
      readonly role: ProcRole;
      readonly node: string;
      readonly name: string;
      readonly pidfile: string;
      readonly mark: string;
      /** Tenths of a second between TERM and KILL. */
      readonly grace: number;
      /**
       * A process found by its mark rather than through its PID file (its lab's record is
       * gone): its PID, given to the same program on standard input (`-` as the PID file).
       * The program still checks the mark before it signals anything.
       */
      readonly pid?: number;
    };

export type IsolationKind = IsolationOp["kind"];

/** Between a service's TERM and KILL at `down`: 5 s. */
export const SERVICE_GRACE = 50;

/**
 * How a lab's process is stopped — the inverse of starting a service or an init, and what
 * removes one found by its mark alone. A service gets SIGTERM and a grace period; an init
 * gets SIGKILL at once: the init of a pid namespace ignores every other signal sent from
 * outside (it has no handlers), and its death takes the namespace's processes with it.
 */
export function stopOp(
  role: ProcRole,
  node: string,
  name: string,
  pidfile: string,
  mark: string,
  pid?: number,
): Extract<IsolationOp, { kind: "proc.stop" }> {
  return {
    kind: "proc.stop",
    role,
    node,
    name,
    pidfile,
    mark,
    grace: role === "service" ? SERVICE_GRACE : 0,
    ...(pid !== undefined ? { pid } : {}),
  };
}

function mountTypeArgs(type: MountType): string[] {
  switch (type) {
    case "bind":
      return ["--bind"];
    case "rbind":
      return ["--rbind"];
    case "tmpfs":
    case "proc":
    case "sysfs":
      return ["-t", type];
    default:
      return assertNever(type);
  }
}

function nsKinds(op: Extract<IsolationOp, { kind: "ns.create" }>): string {
  const kinds = [op.uts && "uts", op.ipc && "ipc", op.cgroup && "cgroup", op.mnt && "mount"].filter(
    (k): k is string => !!k,
  );
  return kinds.join(", ");
}

/** The node a cgroup `…/opentop/LAB/NODE` is of. */
function nodeOfCgroup(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The files that keep a node's namespaces (pid's is the init's), as facts for `status`. */
function nsFiles(node: string, files: Readonly<Record<string, string | undefined>>): Fact[] {
  return Object.entries(files).flatMap(([what, path]): Fact[] =>
    path === undefined ? [] : [{ kind: "mount", node, what: `${what} namespace`, path }],
  );
}

const SCOPE = { oneOf: ["lab", "node"] } as const;

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/"));
}

/** The key of a node's namespaces besides its network's (`ns.create`). */
function nsOf(node: string): string {
  return `ns ${node}`;
}

/** What a process entering a node needs: its network namespace, its other namespaces, its cgroups. */
function enterNeeds(node: string, enter: Enter, join: readonly string[]): Need[] {
  const { net, pid, ...others } = enter;
  return [
    ...(net !== undefined ? [need(netnsKey(net.slice(net.lastIndexOf("/") + 1)))] : []),
    ...(Object.values(others).some((f) => f !== undefined) ? [need(nsOf(node))] : []),
    ...(pid !== undefined ? [need(`init ${node}`)] : []),
    ...join.map((procs) => need(`cgroup ${parentOf(procs)}`)),
  ];
}

/** A mount needs those it lies inside (any mount of the node at one of its target's ancestors). */
function mountNeeds(node: string, target: string): Need[] {
  const parts = target.split("/").filter(Boolean);
  return parts.slice(0, -1).map((_, i) => need(`mount ${node} /${parts.slice(0, i + 1).join("/")}`));
}

export const ISOLATION_OPS: SpecTable<IsolationOp> = {
  "dir.add": {
    shape: { paths: F.labPaths },
    tool: "exec",
    where: () => null,
    words: (op) => ["mkdir", "-p", ...op.paths],
    inverse: () => null, // inside the lab's record directory, which `down` removes
    undone: () => "nothing",
    describe: (op) => `create directories ${op.paths.join(", ")}`,
    key: (op) => `dir ${op.paths.join(",")}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["mkdir"],
    // The lab's own directories: they go with the lab's directory.
    needs: () => [],
    undo: () => [],
  },
  "nsdir.add": {
    shape: { path: "lab-path" },
    tool: "exec",
    where: () => null,
    // A mount namespace file cannot be bound under a shared mount (the bind would propagate
    // into the namespace itself: a reference loop the kernel refuses), so the directory is
    // made a private mount of its own first, as unshare(1) documents.
    words: (op) => ["mount", "--bind", "--make-private", op.path, op.path],
    inverse: (op) => ({ kind: "nsdir.del", path: op.path }),
    undone: () => "self",
    describe: (op) => `make ${op.path} a private mount to hold namespace files`,
    key: (op) => `nsdir ${op.path}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["mount"],
    needs: () => [],
    undo: (op) => [{ kind: "nsdir.del", path: op.path }],
  },
  "nsdir.del": {
    shape: { path: "lab-path" },
    tool: "exec",
    where: () => null,
    words: (op) => ["sh", "-c", NSDIR_DEL, "opentop-nsdir-del", op.path],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `unmount and remove ${op.path}`,
    rank: () => RANK.files,
    key: (op) => `nsdir ${op.path}`,
    removes: (op) => [`mount ${op.path}`],
    leaves: () => [],
    owns: () => [],
    programs: () => ["sh", "mountpoint", "stat", "umount", "rmdir"],
    ...NOTHING,
  },
  "cgroup.add": {
    shape: { path: "cgroup", scope: SCOPE },
    tool: "exec",
    where: () => null,
    words: (op) => ["mkdir", "-p", op.path],
    inverse: (op) => ({ kind: "cgroup.del", path: op.path, scope: op.scope }),
    // Without a record, what runs in the cgroup is not provably the lab's: removed if empty.
    unproven: (op) => ({ kind: "cgroup.del", path: op.path, scope: op.scope, byName: true }),
    undone: () => "self",
    describe: (op) => `create cgroup ${op.path}`,
    key: (op) => `cgroup ${op.path}`,
    leaves: (op) =>
      op.scope === "node" ? [{ kind: "cgroup", node: nodeOfCgroup(op.path), path: op.path }] : [],
    // Isolation's inverses check for themselves what is the lab's: nothing to list.
    owns: () => [],
    // A lab's cgroup left by a run whose record is gone is never reused.
    claims: (op) => (op.scope === "lab" ? [{ kind: "cgroup", path: op.path }] : []),
    programs: () => ["mkdir"],
    needs: (op) => (op.scope === "node" ? [need(`cgroup ${parentOf(op.path)}`)] : []),
    undo: (op) => [{ kind: "cgroup.del", path: op.path, scope: op.scope }],
  },
  "cgroup.del": {
    shape: { path: "cgroup", scope: SCOPE, byName: F.optional({ oneOf: [true] }) },
    tool: "exec",
    where: () => null,
    // By name only: rmdir, which the kernel refuses while anything runs in the cgroup.
    words: (op) =>
      op.byName
        ? ["sh", "-c", CGROUP_RMDIR, "opentop-cgroup-rmdir", op.path]
        : ["sh", "-c", CGROUP_DEL, "opentop-cgroup-del", op.path],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) =>
      op.byName
        ? `remove cgroup ${op.path} if it is empty (found by its name: what runs in it is not killed)`
        : `remove cgroup ${op.path} (killing what still runs in it)`,
    rank: (op) => (op.scope === "node" ? RANK.files : RANK.labCgroups),
    key: (op) => `cgroup ${op.path}`,
    removes: (op) => [`cgroup ${op.path}`],
    leaves: () => [],
    owns: () => [],
    programs: (op) => (op.byName ? ["sh", "rmdir"] : ["sh", "stat", "mountpoint", "cat", "sleep", "rmdir"]),
    ...NOTHING,
  },
  "cgroup.set": {
    shape: { file: "string", value: "string" },
    tool: "exec",
    where: () => null,
    words: (op) => ["tee", op.file],
    script: (op) => `${op.value}\n`,
    inverse: () => null, // goes with the cgroup
    undone: () => "nothing",
    describe: (op) => `write ${op.value} to ${op.file}`,
    key: (op) => `cgroup-file ${op.file}`,
    // Limits are checked before `up` (src/runtime/cgroups.ts) and go with their cgroup.
    leaves: () => [],
    owns: () => [],
    programs: () => ["tee"],
    needs: (op) => [inside(`cgroup ${parentOf(op.file)}`)],
    undo: (op) => [{ kind: "cgroup.set", file: op.file, value: unlimited(op.file) }],
    update: (from, to, ctx) => {
      // v1: memory + swap must never be below the memory limit, so a larger memory limit
      // raises the swap limit first (its own update then writes the same value again).
      const swap = `${parentOf(to.file)}/memory.memsw.limit_in_bytes`;
      const first =
        to.file.endsWith("/memory.limit_in_bytes") &&
        ctx.has(`cgroup-file ${swap}`) &&
        Number(to.value) > Number(from.value)
          ? [{ kind: "cgroup.set" as const, file: swap, value: to.value }]
          : [];
      return { ops: [...first, to], dependents: "kept" };
    },
  },
  "ns.files": {
    shape: { node: F.word, paths: F.labPaths },
    tool: "exec",
    where: () => null,
    // unshare binds a namespace onto an existing file.
    words: (op) => ["touch", ...op.paths],
    // The files exist from here on, bound or not: their release unmounts what is bound and
    // removes them, whether or not the namespaces were created (a run cut short in between).
    inverse: (op) => ({ kind: "ns.release", node: op.node, paths: op.paths }),
    undone: () => "self",
    describe: (op) => `create the namespace files of node ${op.node}`,
    key: (op) => `ns-files ${op.node}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["touch"],
    needs: (op) => (op.paths[0] !== undefined ? [need(`nsdir ${parentOf(op.paths[0])}`)] : []),
    undo: (op) => [{ kind: "ns.release", node: op.node, paths: op.paths }],
  },
  "ns.create": {
    shape: {
      node: F.word,
      uts: F.optional("lab-path"),
      ipc: F.optional("lab-path"),
      cgroup: F.optional("lab-path"),
      mnt: F.optional("lab-path"),
      join: F.strings,
      release: F.labPaths,
    },
    tool: "exec",
    where: () => null,
    words: (op) => [
      ...joinArgv(op.join),
      "unshare",
      ...(op.uts !== undefined ? [`--uts=${op.uts}`] : []),
      ...(op.ipc !== undefined ? [`--ipc=${op.ipc}`] : []),
      ...(op.cgroup !== undefined ? [`--cgroup=${op.cgroup}`] : []),
      ...(op.mnt !== undefined ? [`--mount=${op.mnt}`, "--propagation", "private"] : []),
      "--",
      "true",
    ],
    // Its files are released by the inverse of `ns.files`, which made them (`release` names
    // the same files: records written before that still read).
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `create the ${nsKinds(op)} namespaces of node ${op.node}`,
    key: (op) => `ns ${op.node}`,
    leaves: (op) => nsFiles(op.node, { uts: op.uts, ipc: op.ipc, cgroup: op.cgroup, mnt: op.mnt }),
    owns: () => [],
    programs: (op) => (op.join.length ? ["sh", "unshare"] : ["unshare"]),
    // Its files are bound by it and released by the undo of `ns.files`, made again with it.
    needs: (op) => [
      inside(`ns-files ${op.node}`),
      ...op.join.map((procs) => need(`cgroup ${parentOf(procs)}`)),
    ],
    undo: () => null,
  },
  "ns.release": {
    shape: { node: F.word, paths: F.labPaths },
    tool: "exec",
    where: () => null,
    words: (op) => ["sh", "-c", NS_RELEASE, "opentop-ns-release", ...op.paths],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `release the namespaces of node ${op.node}`,
    rank: () => RANK.namespaces,
    key: (op) => `ns ${op.node}`,
    removes: (op) => op.paths.map((p) => `namespace file ${p}`),
    leaves: () => [],
    owns: () => [],
    programs: () => ["sh", "mountpoint", "stat", "umount", "rm"],
    ...NOTHING,
  },
  "uts.hostname": {
    shape: { node: F.word, uts: "lab-path", hostname: F.word },
    tool: "exec",
    where: () => null,
    words: (op) => ["nsenter", `--uts=${op.uts}`, "--", "hostname", op.hostname],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `set the hostname of node ${op.node} to ${op.hostname}`,
    key: (op) => `hostname ${op.node}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["nsenter", "hostname"],
    needs: (op) => [inside(nsOf(op.node))],
    undo: () => null,
    update: (_, to) => ({ ops: [to], dependents: "kept" }),
  },
  "mount.add": {
    shape: {
      node: F.word,
      enter: { object: ENTER_SHAPE },
      type: { oneOf: ["tmpfs", "proc", "sysfs", "bind", "rbind"] },
      source: "string",
      target: "string",
      options: F.strings,
    },
    tool: "exec",
    where: () => null,
    words: (op) => [
      "nsenter",
      ...nsenterArgs(op.enter),
      "--",
      "mount",
      ...mountTypeArgs(op.type),
      ...(op.options.length ? ["-o", op.options.join(",")] : []),
      op.source,
      op.target,
    ],
    inverse: () => null, // gone with the node's mount namespace
    undone: () => "nothing",
    describe: (op) =>
      `mount ${op.type === "bind" || op.type === "rbind" ? op.source : op.type} on ${op.target} in node ${op.node}`,
    key: (op) => `mount ${op.node} ${op.target}`,
    // Inside the node's mount namespace, which `status` does not enter.
    leaves: () => [],
    owns: () => [],
    programs: () => ["nsenter", "mount"],
    needs: (op) => [inside(nsOf(op.node)), ...mountNeeds(op.node, op.target)],
    undo: (op) => [{ kind: "mount.del", node: op.node, enter: op.enter, target: op.target }],
  },
  "root.pivot": {
    shape: { node: F.word, enter: { object: ENTER_SHAPE }, dir: "string" },
    tool: "exec",
    where: () => null,
    words: (op) => ["nsenter", ...nsenterArgs(op.enter), "--", "sh", "-c", PIVOT, "opentop-root", op.dir],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `make ${op.dir} the root of node ${op.node}`,
    key: (op) => `root ${op.node}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["nsenter", "sh", "pivot_root", "umount"],
    // A root is not taken back: the node's namespaces are made again.
    needs: (op) => [inside(nsOf(op.node))],
    undo: () => null,
  },
  "init.start": {
    shape: {
      node: F.word,
      enter: { object: ENTER_SHAPE },
      join: F.strings,
      log: "lab-path",
      pidfile: "lab-path",
      pidns: "lab-path",
      mark: "mark",
    },
    tool: "exec",
    labPrograms: true,
    where: () => null,
    words: (op) => [
      "unshare",
      "--pid",
      "--",
      "sh",
      "-c",
      START_INIT,
      "opentop-init",
      op.log,
      op.pidfile,
      op.pidns,
      ...op.join,
      "--",
      "nsenter",
      ...nsenterArgs(op.enter),
      "--",
      "sh",
      "-c",
      INIT,
      op.mark,
    ],
    inverse: (op) => stopOp("init", op.node, "init", op.pidfile, op.mark),
    undone: () => "self",
    describe: (op) => `start the init of node ${op.node}'s pid namespace`,
    key: (op) => `init ${op.node}`,
    leaves: (op) => [
      ...nsFiles(op.node, { pid: op.pidns }),
      { kind: "process", node: op.node, what: "init process", pidfile: op.pidfile, mark: op.mark },
    ],
    owns: () => [],
    programs: () => ["unshare", "sh", "nsenter", "mount", "sleep"],
    needs: (op) => enterNeeds(op.node, op.enter, op.join),
    undo: (op) => [stopOp("init", op.node, "init", op.pidfile, op.mark)],
  },
  "service.start": {
    shape: {
      node: F.word,
      name: F.word,
      enter: { object: ENTER_SHAPE },
      join: F.strings,
      log: "lab-path",
      pidfile: "lab-path",
      status: "lab-path",
      mark: "mark",
      env: F.strings,
      command: "string",
    },
    tool: "exec",
    labPrograms: true,
    where: () => null,
    words: (op) => [
      "sh",
      "-c",
      START_SERVICE,
      "opentop-start",
      op.log,
      op.pidfile,
      op.status,
      ...op.join,
      "--",
      "sh",
      "-c",
      SERVICE_WRAPPER,
      op.mark,
      op.status,
      "env",
      ...op.env,
      "nsenter",
      ...nsenterArgs(op.enter),
      "--",
      "sh",
      "-c",
      op.command,
    ],
    inverse: (op) => stopOp("service", op.node, op.name, op.pidfile, op.mark),
    undone: () => "self",
    describe: (op) => `start service ${op.name} in node ${op.node}`,
    key: (op) => `service ${op.node} ${op.name}`,
    // A service may end by itself: `status` reports its state, which is not drift.
    leaves: () => [],
    owns: () => [],
    programs: () => ["sh", "setsid", "env", "nsenter"],
    // A service restarts when its command, or anything it runs in, changes.
    needs: (op) => enterNeeds(op.node, op.enter, op.join),
    undo: (op) => [stopOp("service", op.node, op.name, op.pidfile, op.mark)],
  },
  "proc.stop": {
    shape: {
      role: { oneOf: ["service", "init"] },
      node: F.word,
      name: F.word,
      pidfile: "lab-path",
      mark: "mark",
      grace: "number",
      pid: F.optional("number"),
    },
    tool: "exec",
    where: () => null,
    words: (op) => [
      "sh",
      "-c",
      STOP,
      "opentop-stop",
      op.pid !== undefined ? "-" : op.pidfile,
      op.mark,
      String(op.grace),
      op.role === "service" ? "group" : "process",
    ],
    script: (op) => (op.pid !== undefined ? `${op.pid}\n` : undefined),
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => {
      const pid = op.pid !== undefined ? ` (process ${op.pid}, found by its mark ${op.mark})` : "";
      return op.role === "service"
        ? `stop service ${op.name} of node ${op.node}${pid}`
        : `stop the init of node ${op.node}${pid} (and with it every process in its pid namespace)`;
    },
    rank: (op) => (op.role === "service" ? RANK.services : RANK.inits),
    key: (op) => (op.role === "service" ? `service ${op.node} ${op.name}` : `init ${op.node}`),
    removes: (op) => [
      `process ${op.pid ?? `of ${op.pidfile}`} ${op.mark} (${op.role === "init" ? "the init of a pid namespace" : "a service"})`,
    ],
    leaves: () => [],
    owns: () => [],
    programs: () => ["sh", "cat", "tr", "sed", "sleep"],
    ...NOTHING,
  },
  "mount.del": {
    shape: { node: F.word, enter: { object: ENTER_SHAPE }, target: "string" },
    tool: "exec",
    where: () => null,
    words: (op) => ["nsenter", ...nsenterArgs(op.enter), "--", "umount", op.target],
    inverse: () => null,
    undone: () => "nothing",
    describe: (op) => `unmount ${op.target} in node ${op.node}`,
    key: (op) => `mount ${op.node} ${op.target}`,
    leaves: () => [],
    owns: () => [],
    programs: () => ["nsenter", "umount"],
    ...NOTHING,
  },
};
