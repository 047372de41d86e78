// How a command enters a namespace or a node: the argv prefix every step, `exec`, `shell`,
// the script's `exec` and services use. Entering is one `nsenter` (after joining the node's
// cgroups, when it has any), never `ip -n` or `ip netns exec`, which also unshare a mount
// namespace and remount /sys — a copy of every mount of the machine, one per namespace
// under /run/netns, so their cost grows with the size of the lab.

import { ASPECTS, type Aspect } from "../model/isolation.js";
import { nodeNetns } from "../model/names.js";
import { inNetns } from "./ns.js";
import { ENTER_SHAPE, type Enter, joinArgv, nsenterArgs } from "./ops/isolation.js";
import { F, type Shape } from "./ops/types.js";

export { inNetns } from "./ns.js";

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

const PROCESS: Shape = { pidfile: "lab-path", log: "lab-path", mark: "mark" };

/** A node's runtime as a record read back must hold it: its files are the lab's own. */
export const NODE_RUNTIME_SHAPE: Shape = {
  aspects: { each: { oneOf: ASPECTS } },
  enter: { object: ENTER_SHAPE },
  join: F.strings,
  hostname: F.optional(F.word),
  root: F.optional("string"),
  limits: F.strings,
  init: F.optional({ object: PROCESS }),
  services: {
    each: { object: { ...PROCESS, name: F.word, command: "string", status: "lab-path" } },
  },
};

/** The argv prefix of a command run inside a node: join its cgroups, enter its namespaces. */
export function enterPrefix(rt: Pick<NodeRuntime, "enter" | "join">): string[] {
  return [...joinArgv(rt.join), "nsenter", ...nsenterArgs(rt.enter), "--"];
}

/**
 * The argv prefix that enters `node` of `lab` (the program follows `--`): exactly the
 * namespaces it isolates, after its cgroups; a node absent from the record's isolation is
 * network-only. The runner's `exec` and the script's `exec` run the same.
 */
export function nodeEnterPrefix(lab: string, node: string, rt: NodeRuntime | undefined): string[] {
  return rt ? enterPrefix(rt) : inNetns(nodeNetns(lab, node), []);
}

/** The first nodes of a lab, for a message that lists them: `pc1, pc2, …` past 20. */
export function someNodes(nodes: readonly string[]): string {
  return `${nodes.slice(0, 20).join(", ")}${nodes.length > 20 ? ", …" : ""}`;
}
