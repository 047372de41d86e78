// Where a node's cgroups live and which files carry its limits, for the two cgroup
// layouts in the wild: v2 (one hierarchy, the norm) and v1 (a hierarchy per controller,
// as on hybrid machines, whose cgroup2 mount has no controllers). The layout is read from
// the machine at run time (src/runtime/cgroups.ts); here it is a parameter, so that the
// lowering stays pure and both layouts have golden tests.

import type { Limit, LimitKind, Limits } from "../model/isolation.js";

export type Controller = LimitKind;

export interface Hierarchy {
  readonly version: 1 | 2;
  /** Its mount point, such as /sys/fs/cgroup or /sys/fs/cgroup/memory. */
  readonly mount: string;
}

export interface CgroupLayout {
  /** The hierarchy each controller is attached to; absent: this machine cannot use it. */
  readonly controllers: { readonly [K in Controller]?: Hierarchy };
  /** The cgroup2 mount, if any: a node that isolates `cgroup` gets its cgroup there. */
  readonly unified?: string;
  /** v1: memory.memsw.* exist (swap accounting), so a memory limit covers swap too. */
  readonly memsw: boolean;
  /** v2: memory.swap.max exists, so a memory limit can forbid swapping past it. */
  readonly swapMax: boolean;
}

/** A current distribution: cgroup v2 with every controller at /sys/fs/cgroup. */
export const V2_LAYOUT: CgroupLayout = {
  controllers: {
    memory: { version: 2, mount: "/sys/fs/cgroup" },
    cpu: { version: 2, mount: "/sys/fs/cgroup" },
    pids: { version: 2, mount: "/sys/fs/cgroup" },
  },
  unified: "/sys/fs/cgroup",
  memsw: false,
  swapMax: true,
};

/** The hybrid layout (systemd's "hybrid"): v1 controllers, an empty cgroup2 at …/unified. */
export const HYBRID_LAYOUT: CgroupLayout = {
  controllers: {
    memory: { version: 1, mount: "/sys/fs/cgroup/memory" },
    cpu: { version: 1, mount: "/sys/fs/cgroup/cpu" },
    pids: { version: 1, mount: "/sys/fs/cgroup/pids" },
  },
  unified: "/sys/fs/cgroup/unified",
  memsw: true,
  swapMax: false,
};

/** The subtree OpenTop owns in every hierarchy: `opentop/LAB/NODE`. */
export const CGROUP_ROOT = "opentop";

/** The CPU period limits are expressed in: 100 ms, the kernel's default. */
export const CPU_PERIOD_US = 100_000;

export function labCgroup(h: Hierarchy, lab: string): string {
  return `${h.mount}/${CGROUP_ROOT}/${lab}`;
}

export function nodeCgroup(h: Hierarchy, lab: string, node: string): string {
  return `${labCgroup(h, lab)}/${node}`;
}

/** The hierarchy of a controller; v2 at /sys/fs/cgroup when the layout lacks it (reported before `up`). */
export function hierarchyOf(layout: CgroupLayout, c: Controller): Hierarchy {
  return layout.controllers[c] ?? { version: 2, mount: layout.unified ?? "/sys/fs/cgroup" };
}

/** A file to write and its value, in the order they must be written. */
export interface Write {
  readonly file: string;
  readonly value: string;
  /** Written after every `false` one (v1's memsw must not be below the memory limit). */
  readonly late: boolean;
  readonly limit: Limit;
}

/** The writes that set one node's limits. */
export function limitWrites(layout: CgroupLayout, lab: string, node: string, limits: Limits): Write[] {
  const out: Write[] = [];
  const dir = (c: Controller) => nodeCgroup(hierarchyOf(layout, c), lab, node);
  const v1 = (c: Controller) => hierarchyOf(layout, c).version === 1;
  const { memory, cpu, pids } = limits;
  if (memory) {
    const bytes = String(memory.value);
    if (v1("memory")) {
      out.push({ file: `${dir("memory")}/memory.limit_in_bytes`, value: bytes, late: false, limit: memory });
      // memory + swap ≤ the limit: past it, allocation fails or the OOM killer acts,
      // rather than the node swapping without bound.
      if (layout.memsw)
        out.push({
          file: `${dir("memory")}/memory.memsw.limit_in_bytes`,
          value: bytes,
          late: true,
          limit: memory,
        });
    } else {
      out.push({ file: `${dir("memory")}/memory.max`, value: bytes, late: false, limit: memory });
      if (layout.swapMax)
        out.push({ file: `${dir("memory")}/memory.swap.max`, value: "0", late: false, limit: memory });
    }
  }
  if (cpu) {
    const quota = String(Math.round(cpu.value * CPU_PERIOD_US));
    if (v1("cpu")) {
      out.push({
        file: `${dir("cpu")}/cpu.cfs_period_us`,
        value: String(CPU_PERIOD_US),
        late: false,
        limit: cpu,
      });
      out.push({ file: `${dir("cpu")}/cpu.cfs_quota_us`, value: quota, late: false, limit: cpu });
    } else
      out.push({
        file: `${dir("cpu")}/cpu.max`,
        value: `${quota} ${CPU_PERIOD_US}`,
        late: false,
        limit: cpu,
      });
  }
  if (pids)
    out.push({ file: `${dir("pids")}/pids.max`, value: String(pids.value), late: false, limit: pids });
  return out;
}

/** What a limit file holds when nothing limits: what a limit's removal writes back. */
export function unlimited(file: string): string {
  const name = file.slice(file.lastIndexOf("/") + 1);
  switch (name) {
    case "cpu.max":
      return `max ${CPU_PERIOD_US}`;
    case "cpu.cfs_period_us":
      return String(CPU_PERIOD_US);
    case "memory.limit_in_bytes":
    case "memory.memsw.limit_in_bytes":
    case "cpu.cfs_quota_us":
      return "-1";
    default:
      // memory.max, memory.swap.max, pids.max (v1 and v2)
      return "max";
  }
}
