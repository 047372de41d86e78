// Tear-down, as a pure function of a plan or a record: the inverses of what `up` did, in
// stages by rank, and — from a record — each object the lab owns with the guard under which
// it is removed. `down` evaluates the guards against the kernel (src/runtime/teardown.ts);
// the standalone script tests the same guards in sh. A new kind of owned object fails to
// compile until its removal, its guard in the runtime and its guard in the script exist.

import { assertNever } from "../never.js";
import { inverseOf, isIsolationOp, type Op, orderOf, rankOf } from "./ops.js";
import type { Owned, OwnedKind } from "./owned.js";
import { opsOf, type Stage, steps } from "./plan.js";
import type { LabRecord } from "./record.js";

export type Guard =
  /**
   * None: isolation's inverses check for themselves what exists and is the lab's (a
   * service's process by its mark, a mount with mountpoint, a cgroup by its directory).
   */
  | { readonly kind: "always" }
  /** The owned object exists and is the lab's (each kind says how it is recognised). */
  | { readonly kind: "owned"; readonly owned: Owned };

export interface GuardedOp {
  readonly op: Op;
  readonly when: Guard;
}

/**
 * How each kind of owned object is removed, and in which order within the network's rank:
 * the lab's tables and interfaces on the host before its namespaces (deleting a namespace is
 * asynchronous in the kernel; the host's objects are gone when `down` returns).
 */
const REMOVAL: { readonly [K in OwnedKind]: { readonly order: number } } = {
  "host-table": { order: 0 },
  "host-iface": { order: 1 },
  netns: { order: 2 },
};

export function removalOf(o: Owned): Op {
  switch (o.kind) {
    case "netns":
      return { kind: "netns.del", name: o.name };
    case "host-iface":
      return { kind: "link.del", ns: null, dev: o.name };
    case "host-table":
      return { kind: "nft.deltable", ns: null, family: o.family, name: o.name };
    default:
      return assertNever(o);
  }
}

/**
 * Everything the lab owns, in the order it is removed: by rank (services stop while what
 * they use still exists; `rankOf`), and within the network's rank by owned kind.
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
  const owned = [...record.owned]
    .map((o, i) => ({ o, i }))
    .sort((x, y) => REMOVAL[x.o.kind].order - REMOVAL[y.o.kind].order || x.i - y.i)
    .map(({ o }): GuardedOp => ({ op: removalOf(o), when: { kind: "owned", owned: o } }));
  // A stable sort: the order above holds within a rank.
  return [...isolation, ...owned]
    .map((g, i) => ({ g, i }))
    .sort((x, y) => rankOf(x.g.op) - rankOf(y.g.op) || x.i - y.i)
    .map((x) => x.g);
}

/** Every inverse of a plan's stages, newest first, in stages by rank. */
export function teardown(stages: readonly Stage[]): Stage[] {
  const inverses = opsOf(stages)
    .map(inverseOf)
    .filter((op): op is Op => op !== null);
  return teardownStages(inverses.reverse());
}

const RANK_NAMES: Readonly<Record<number, string>> = {
  0: "stop services",
  1: "stop init processes",
  2: "teardown",
  3: "release namespaces",
  4: "namespace directory and node cgroups",
  5: "lab cgroups",
};

/**
 * Inverses (newest first) as tear-down stages, one per rank (`rankOf`): what runs in a node
 * stops before the namespaces it uses go, and cgroups go once empty. Within the network's
 * rank, host-side links are deleted before namespaces so that they are gone when `down`
 * returns (namespace clean-up in the kernel is asynchronous).
 */
export function teardownStages(inverses: readonly Op[]): Stage[] {
  const byRank = new Map<number, Op[]>();
  for (const op of inverses) byRank.set(rankOf(op), [...(byRank.get(rankOf(op)) ?? []), op]);
  return [...byRank.keys()]
    .sort((a, b) => a - b)
    .map((rank) => {
      const ordered = (byRank.get(rank) ?? [])
        .map((op, i) => ({ op, i }))
        .sort((x, y) => orderOf(x.op) - orderOf(y.op) || x.i - y.i)
        .map((x) => x.op);
      return { name: RANK_NAMES[rank] ?? `teardown ${rank}`, steps: steps(ordered) };
    });
}
