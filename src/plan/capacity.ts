// What a plan asks of the machine that holds it, in the kernel's own units: network
// namespaces (each also a mount, its name under /run/netns) and the kernel memory they take.
// `up` (src/runtime/capacity.ts) and the script's `capacity` compare it with the machine's
// limits before anything is created.

import { claimsOf } from "./ops.js";
import { opsOf, type Plan } from "./plan.js";

/**
 * Kernel memory a node takes, measured on this project's machines (docs/benchmarks.md): its
 * namespace, a veth pair and a switch port, an address.
 */
export const KERNEL_BYTES_PER_NAMESPACE = 320 * 1024;

/** The network namespaces the plan creates. */
export function namespacesWanted(plan: Plan): number {
  return opsOf(plan.stages)
    .flatMap(claimsOf)
    .filter((c) => c.kind === "netns").length;
}
