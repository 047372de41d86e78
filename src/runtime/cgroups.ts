// This machine's cgroup layout, read from /proc/self/mountinfo and the hierarchies' own
// files, and the check that every limit of a lab can be enforced here — before anything
// is created, because a limit that silently does nothing is worse than none.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { hasLimits, isolates, LIMIT_KINDS } from "../model/isolation.js";
import type { Lab } from "../model/model.js";
import type { CgroupLayout, Controller, Hierarchy } from "../plan/cgroups.js";

/** Whether any node of the lab needs a cgroup: a limit, or `isolate cgroup`. */
/** Whether lowering needs this machine's cgroup layout: limits, `isolate cgroup`, or services to track. */
export function usesCgroups(lab: Lab): boolean {
  return lab.nodes.some(
    (n) =>
      hasLimits(n.isolation.limits) || isolates(n.isolation, "cgroup") || n.isolation.services.length > 0,
  );
}

export interface MountEntry {
  readonly root: string;
  readonly mountPoint: string;
  readonly fstype: string;
  readonly superOptions: readonly string[];
}

/** The entries of a mount table (/proc/PID/mountinfo); paths as the kernel escapes them (`\040`). */
export function mountTable(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split("\n")) {
    // id parent major:minor root mount-point options [optional fields…] - fstype source super-options
    const fields = line.split(" ");
    const dash = fields.indexOf("-");
    const root = fields[3];
    const mountPoint = fields[4];
    const fstype = fields[dash + 1];
    if (dash < 6 || root === undefined || mountPoint === undefined || fstype === undefined) continue;
    out.push({ root, mountPoint, fstype, superOptions: (fields[dash + 3] ?? "").split(",") });
  }
  return out;
}

/** What the layout is read from besides the mount table: a machine's cgroup files. */
export interface CgroupFiles {
  /** The words of a file (empty if it cannot be read). */
  words(path: string): string[];
  exists(path: string): boolean;
  /** Whether some cgroup directly under a v2 root has `file` (the root itself never does). */
  childHas(root: string, file: string): boolean;
}

/** This machine's own files. */
export const LOCAL_FILES: CgroupFiles = {
  words(path) {
    try {
      return readFileSync(path, "utf8").split(/\s+/).filter(Boolean);
    } catch {
      return [];
    }
  },
  exists: existsSync,
  childHas(root, file) {
    try {
      return readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .slice(0, 32)
        .some((d) => existsSync(`${root}/${d.name}/${file}`));
    } catch {
      return false;
    }
  },
};

/** The layout of this machine (or of the mount table and files given: tests, another machine). */
export function detectCgroupLayout(
  mountinfo: string = readFileSync("/proc/self/mountinfo", "utf8"),
  files: CgroupFiles = LOCAL_FILES,
): CgroupLayout {
  const controllers: { [K in Controller]?: Hierarchy } = {};
  let unified: string | undefined;
  // Only whole hierarchies (root `/`): a bind of a sub-cgroup is not where OpenTop's subtree goes.
  for (const m of mountTable(mountinfo).filter((m) => m.root === "/")) {
    if (m.fstype === "cgroup2" && unified === undefined) unified = m.mountPoint;
    if (m.fstype !== "cgroup") continue;
    for (const c of LIMIT_KINDS)
      if (m.superOptions.includes(c) && !controllers[c]) controllers[c] = { version: 1, mount: m.mountPoint };
  }
  // A controller bound to a v1 hierarchy is not available in cgroup2 (the hybrid layout).
  if (unified !== undefined) {
    const available = files.words(`${unified}/cgroup.controllers`);
    for (const c of LIMIT_KINDS)
      if (!controllers[c] && available.includes(c)) controllers[c] = { version: 2, mount: unified };
  }
  const memory = controllers.memory;
  return {
    controllers,
    ...(unified !== undefined ? { unified } : {}),
    memsw: memory?.version === 1 && files.exists(`${memory.mount}/memory.memsw.limit_in_bytes`),
    swapMax: memory?.version === 2 && files.childHas(memory.mount, "memory.swap.max"),
  };
}

/** Every limit (and `isolate cgroup`) this machine cannot honour, each at its statement. */
export function cgroupProblems(
  lab: Lab,
  layout: CgroupLayout,
  files: CgroupFiles = LOCAL_FILES,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const rootEnabled = layout.unified ? files.words(`${layout.unified}/cgroup.subtree_control`) : [];
  for (const n of lab.nodes) {
    for (const kind of LIMIT_KINDS) {
      const limit = n.isolation.limits[kind];
      if (!limit) continue;
      const h = layout.controllers[kind];
      if (!h)
        out.push(
          diag(
            "OT5101",
            `this machine has no cgroup \`${kind}\` controller: \`limit ${kind}\` cannot be enforced`,
            {
              span: limit.span,
              notes: [
                `no cgroup v1 hierarchy has ${kind}, and the cgroup2 hierarchy${layout.unified ? ` at ${layout.unified}` : ""} does not offer it`,
              ],
              help: `enable the ${kind} controller (kernel configuration, or the cgroup_enable= boot option), or remove the limit`,
            },
          ),
        );
      else if (h.version === 2 && !rootEnabled.includes(kind))
        out.push(
          diag("OT5101", `the cgroup2 root does not hand the \`${kind}\` controller to its children`, {
            span: limit.span,
            notes: [
              `${h.mount}/cgroup.subtree_control lacks ${kind}; OpenTop does not change the host's root cgroup`,
            ],
            help: `enable it (\`echo +${kind} > ${h.mount}/cgroup.subtree_control\`; systemd does this at boot), or remove the limit`,
          }),
        );
    }
    if (isolates(n.isolation, "cgroup") && !layout.unified)
      out.push(
        diag("OT5101", `node \`${n.name}\` isolates \`cgroup\`, but this machine has no cgroup2 hierarchy`, {
          span: n.span,
          notes: ["a node's cgroup namespace is rooted at its own cgroup, made in the cgroup2 hierarchy"],
          help: "mount cgroup2 (for example at /sys/fs/cgroup/unified), or remove `cgroup` from `isolate`",
        }),
      );
  }
  return out;
}

/** Every distinct hierarchy of a layout where OpenTop may make cgroups: its controllers' and cgroup2's. */
export function hierarchiesOf(layout: CgroupLayout): Hierarchy[] {
  const out = new Map<string, Hierarchy>();
  for (const h of Object.values(layout.controllers)) if (h) out.set(h.mount, h);
  if (layout.unified !== undefined && !out.has(layout.unified))
    out.set(layout.unified, { version: 2, mount: layout.unified });
  return [...out.values()];
}
