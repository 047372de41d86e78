// What tearing a lab down deletes, from its record: each operation with the guard under
// which it applies. `down` evaluates the guards here against the kernel; the emitted
// script tests the same guards in sh (src/backends/sh.ts). A new guard kind fails to
// compile until both know it.

import { assertNever } from "../never.js";
import { inverseOf, isIsolationOp, type Op, rankOf } from "../plan/ops.js";
import { hostTableMark } from "./firewall.js";
import { hostIfaceAlias, hostIfaceExists, netnsExists } from "./kernel.js";
import type { LabRecord } from "./record.js";

export type Guard =
  /**
   * None: isolation's inverses check for themselves what exists and is the lab's (a
   * service's process by its mark, a mount with mountpoint, a cgroup by its directory).
   */
  | { readonly kind: "always" }
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
 * Everything the lab owns, in the order it is removed: by rank (services stop while what
 * they use still exists; `rankOf`), and within the network's rank the lab's tables and
 * interfaces on the host before its namespaces (deleting a namespace is asynchronous in
 * the kernel; the host's objects are gone when `down` returns).
 */
export function teardownOps(record: LabRecord): GuardedOp[] {
  const isolation = [
    ...record.ops
      .map((r) => r.op)
      .filter(isIsolationOp)
      .map(inverseOf)
      .filter((op): op is Op => op !== null)
      .reverse(),
    // A stand-in record's: inverses already, and as self-checking as those above.
    ...(record.found ?? []),
  ].map((op): GuardedOp => ({ op, when: { kind: "always" } }));
  const guarded = [
    ...isolation,
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
  // A stable sort: the order above holds within a rank.
  return guarded
    .map((g, i) => ({ g, i }))
    .sort((x, y) => rankOf(x.g.op) - rankOf(y.g.op) || x.i - y.i)
    .map((x) => x.g);
}

export function holds(guard: Guard): boolean {
  switch (guard.kind) {
    case "always":
      return true;
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
