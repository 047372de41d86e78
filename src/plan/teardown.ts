// Tear-down, as a pure function of a plan or a record: the inverses of what `up` did, in
// stages by rank, and — from a record — each under the guard its kind asks for (`undone`):
// only while what it owns still exists and is the lab's. `down` evaluates the guards
// against the kernel (src/runtime/teardown.ts); the standalone script tests the same guards
// in sh. A new kind of owned object fails to compile until its guard in the runtime and its
// guard in the script exist.

import { addTo } from "../group.js";
import { assertNever } from "../never.js";
import {
  contentOf,
  inverseOf,
  type Op,
  orderOf,
  ownsOf,
  RANK,
  rankOf,
  undoneBy,
  unprovenInverseOf,
} from "./ops.js";
import type { Owned } from "./owned.js";
import { opsOf, type Stage, steps } from "./plan.js";
import { type LabRecord, recordedOps } from "./record.js";

export type Guard =
  /**
   * None: the operation checks for itself what exists and is the lab's (a service's process
   * by its mark, a mount with mountpoint, a cgroup by its directory).
   */
  | { readonly kind: "always" }
  /** Each owned object exists and is the lab's (each kind says how it is recognised). */
  | { readonly kind: "owned"; readonly owned: readonly Owned[] };

export interface GuardedOp {
  readonly op: Op;
  readonly when: Guard;
}

/** What removes an object the lab owns, found on the machine by its mark without its operation. */
export function removalOf(o: Owned): Op {
  switch (o.kind) {
    case "netns":
      return { kind: "netns.del", name: o.name };
    case "host-iface":
      return { kind: "link.del", ns: null, dev: o.name };
    case "host-table":
      return { kind: "nft.deltable", ns: null, family: o.family, name: o.name };
    case "moved-nic":
      return { kind: "nic.give", ns: o.ns, name: o.iface, nic: o.name, saved: o.saved };
    default:
      return assertNever(o);
  }
}

/**
 * How tear-down from a record undoes one operation of its plan: its inverse, and when.
 * `proven`: the record is one `up` wrote (it proves what the lab made), not a stand-in.
 */
export function guardedInverse(op: Op, proven = true): GuardedOp[] {
  const how = undoneBy(op);
  const inverse = proven ? inverseOf(op) : unprovenInverseOf(op);
  switch (how) {
    case "nothing":
      if (inverse) throw new Error(`internal: ${op.kind} has an inverse that tear-down never runs`);
      return [];
    case "owned": {
      const owned = ownsOf(op);
      if (!inverse || owned.length === 0)
        throw new Error(`internal: ${op.kind} is undone under guards it does not give`);
      return [{ op: inverse, when: { kind: "owned", owned } }];
    }
    case "self":
      if (!inverse) throw new Error(`internal: ${op.kind} has no inverse to check itself`);
      return [{ op: inverse, when: { kind: "always" } }];
    default:
      return assertNever(how);
  }
}

/**
 * Everything the lab owns, in the order it is removed: the inverses of its operations,
 * newest first, each under its guard (`proven`: as a record `up` wrote has them, the default
 * for a record read back with its time of birth), then — for a record that stands in for a
 * lost one — what was found by its marks; by rank (services stop while what they use still exists)
 * and, within a rank, by order (namespaces after the host's objects that lead into them).
 */
export function teardownOps(record: LabRecord, proven = record.born !== undefined): GuardedOp[] {
  // During an `apply`, what either plan made may exist: both are undone, each inverse once.
  const seen = new Set<string>();
  const once = (g: GuardedOp) => {
    const k = contentOf(g.op);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  const ops = recordedOps(record)
    .map((r) => r.op)
    .reverse();
  const found = (record.found ?? []).map(
    (f): GuardedOp => ({
      op: f.op,
      when: f.owned ? { kind: "owned", owned: [f.owned] } : { kind: "always" },
    }),
  );
  return [...ops.flatMap((op) => guardedInverse(op, proven)).filter(once), ...found]
    .map((g, i) => ({ g, i }))
    .sort((x, y) => rankOf(x.g.op) - rankOf(y.g.op) || orderOf(x.g.op) - orderOf(y.g.op) || x.i - y.i)
    .map((x) => x.g);
}

/** Every inverse of a plan's stages, newest first, in stages by rank. */
export function teardown(stages: readonly Stage[]): Stage[] {
  const inverses = opsOf(stages)
    .map(inverseOf)
    .filter((op): op is Op => op !== null);
  return teardownStages(inverses.reverse());
}

const RANK_NAMES: { readonly [R in (typeof RANK)[keyof typeof RANK]]: string } = {
  [RANK.services]: "stop services",
  [RANK.inits]: "stop init processes",
  [RANK.nics]: "give host interfaces back",
  [RANK.network]: "teardown",
  [RANK.namespaces]: "release namespaces",
  [RANK.files]: "namespace directory and node cgroups",
  [RANK.labCgroups]: "lab cgroups",
};

/**
 * Inverses (newest first) as tear-down stages, one per rank (`rankOf`): what runs in a node
 * stops before the namespaces it uses go, and cgroups go once empty. Within the network's
 * rank, host-side links are deleted before namespaces so that they are gone when `down`
 * returns (namespace clean-up in the kernel is asynchronous).
 */
export function teardownStages(inverses: readonly Op[]): Stage[] {
  const byRank = new Map<number, Op[]>();
  for (const op of inverses) addTo(byRank, rankOf(op), op);
  return [...byRank.keys()]
    .sort((a, b) => a - b)
    .map((rank) => {
      const ordered = (byRank.get(rank) ?? [])
        .map((op, i) => ({ op, i }))
        .sort((x, y) => orderOf(x.op) - orderOf(y.op) || x.i - y.i)
        .map((x) => x.op);
      return {
        name: (RANK_NAMES as Readonly<Record<number, string>>)[rank] ?? `teardown ${rank}`,
        steps: steps(ordered),
      };
    });
}
