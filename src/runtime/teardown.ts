// What tearing a lab down deletes, from its record: each operation with the guard under
// which it applies. `down` evaluates the guards here against the kernel; the emitted
// script tests the same guards in sh (src/backends/sh.ts). A new guard kind fails to
// compile until both know it.

import { assertNever } from "../model/expand.js";
import type { Op } from "../plan/ops.js";
import { hostTableMark } from "./firewall.js";
import { hostIfaceAlias, hostIfaceExists, netnsExists } from "./kernel.js";
import type { LabRecord } from "./record.js";

export type Guard =
  /** The named network namespace exists. */
  | { readonly kind: "netns"; readonly name: string }
  /**
   * The host interface exists and carries the lab's mark, or none: unmarked means the run
   * died between creating and marking it, and the record proves it is the lab's.
   */
  | { readonly kind: "host-iface"; readonly name: string; readonly mark: string }
  /**
   * The lab's nftables table on the host exists and carries the lab's mark as its comment
   * (it is loaded whole with it: a table without the mark is not the lab's).
   */
  | { readonly kind: "host-table"; readonly family: "inet"; readonly name: string; readonly mark: string };

export interface GuardedOp {
  readonly op: Op;
  readonly when: Guard;
}

/**
 * The lab's tables and interfaces on the host first, then namespaces: deleting a namespace
 * is asynchronous in the kernel.
 */
export function teardownOps(record: LabRecord): GuardedOp[] {
  return [
    ...(record.hostTables ?? []).map(
      (t): GuardedOp => ({
        op: { kind: "nft.deltable", ns: null, family: t.family, name: t.name },
        when: { kind: "host-table", family: t.family, name: t.name, mark: t.mark },
      }),
    ),
    ...record.hostIfaces.map(
      (h): GuardedOp => ({
        op: { kind: "link.del", ns: null, dev: h.name },
        when: { kind: "host-iface", name: h.name, mark: h.mark },
      }),
    ),
    ...record.namespaces.map(
      (name): GuardedOp => ({ op: { kind: "netns.del", name }, when: { kind: "netns", name } }),
    ),
  ];
}

export function holds(guard: Guard): boolean {
  switch (guard.kind) {
    case "netns":
      return netnsExists(guard.name);
    case "host-iface": {
      if (!hostIfaceExists(guard.name)) return false;
      const alias = hostIfaceAlias(guard.name);
      return alias === undefined || alias === guard.mark;
    }
    case "host-table":
      return hostTableMark(guard.family, guard.name) === guard.mark;
    default:
      return assertNever(guard);
  }
}
