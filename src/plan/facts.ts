// What a plan leaves in the kernel, as data: each operation kind says which facts it makes
// true (src/plan/ops.ts, `leaves`), and `status` and the standalone script's `status` both
// compare the kernel with these facts rather than with rules of their own. Facts about one
// object (an interface's MTU from its creation, its state from `link up`) merge into one.

import { routeMetric } from "../model/routes.js";
import { assertNever } from "../never.js";
import type { Ns } from "./ns.js";
import type { Qdisc } from "./qdisc.js";

export type Fact =
  /**
   * An interface, with what the plan set on it (absent: not the plan's concern). In a
   * namespace the lab owns, every interface that is no fact is drift.
   */
  | {
      readonly kind: "link";
      readonly ns: Ns;
      readonly dev: string;
      readonly up?: boolean;
      readonly mtu?: number;
      readonly mac?: string;
      /** The bridge it is a port of. */
      readonly master?: string;
    }
  | { readonly kind: "addr"; readonly ns: Ns; readonly dev: string; readonly cidr: string }
  | {
      readonly kind: "route";
      readonly ns: Ns;
      readonly family: 4 | 6;
      readonly destination: string;
      readonly via?: string;
      readonly dev?: string;
      readonly metric?: number;
      /** A multipath route's paths: gateway, interface and weight of each. */
      readonly nexthops?: readonly { readonly via?: string; readonly dev: string; readonly weight: number }[];
    }
  /** A qdisc on an interface: its place in the interface's tree, and what it does. */
  | {
      readonly kind: "qdisc";
      readonly ns: Ns;
      readonly dev: string;
      readonly handle: string;
      readonly parent: string;
      readonly qdisc: Qdisc;
    }
  /** An nftables table holding exactly this ruleset (compared in the kernel's canonical form). */
  | {
      readonly kind: "nft-table";
      readonly ns: Ns;
      readonly family: "inet";
      readonly name: string;
      readonly ruleset: string;
    }
  /** The iptables (4) or ip6tables (6) rules of a namespace, as iptables-restore reads them. */
  | { readonly kind: "iptables"; readonly ns: Ns; readonly family: 4 | 6; readonly ruleset: string }
  /** A bind mount that keeps a node's namespace alive (its file under the lab's directory). */
  | { readonly kind: "mount"; readonly node: string; readonly what: string; readonly path: string }
  | { readonly kind: "cgroup"; readonly node: string; readonly path: string }
  /** A process that must run for the node to exist (the init of its pid namespace). */
  | {
      readonly kind: "process";
      readonly node: string;
      readonly what: string;
      readonly pidfile: string;
      readonly mark: string;
    };

export type FactKind = Fact["kind"];
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;

/** Which object a fact is about: facts with one identity describe one object, and merge. */
export function factId(f: Fact): string {
  switch (f.kind) {
    case "link":
      return `link ${f.ns ?? ""} ${f.dev}`;
    case "addr":
      return `addr ${f.ns ?? ""} ${f.dev} ${f.cidr.toLowerCase()}`;
    case "route":
      return `route ${f.ns ?? ""} ${f.family} ${f.destination} ${routeMetric(f)}`;
    case "qdisc":
      return `qdisc ${f.ns ?? ""} ${f.dev} ${f.handle}`;
    case "nft-table":
      return `nft-table ${f.ns ?? ""} ${f.family} ${f.name}`;
    case "iptables":
      return `iptables ${f.ns ?? ""} ${f.family}`;
    case "mount":
      return `mount ${f.path}`;
    case "cgroup":
      return `cgroup ${f.path}`;
    case "process":
      return `process ${f.pidfile}`;
    default:
      return assertNever(f);
  }
}

/**
 * Facts in plan order, each object once: a later fact about an object adds to what earlier
 * ones said (an interface created with an MTU, then brought up, is one interface, up, with
 * that MTU).
 */
export function mergeFacts(facts: Iterable<Fact>): Fact[] {
  const byId = new Map<string, Fact>();
  for (const f of facts) {
    const id = factId(f);
    const before = byId.get(id);
    byId.set(id, before ? ({ ...before, ...defined(f) } as Fact) : f);
  }
  return [...byId.values()];
}

/** The fields of `f` that are set: merging never unsets what an earlier fact said. */
function defined(f: Fact): Partial<Fact> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Partial<Fact>;
}

/**
 * Which facts go to which part of a consumer, by a table over every kind (`{ [K in
 * FactKind]: Part }`): the facts of part `part`, typed as the kinds the table sends there,
 * so that the part's reader must accept every kind it is given.
 */
export function factsFor<T extends { readonly [K in FactKind]: unknown }, const P extends T[FactKind]>(
  table: T,
  facts: readonly Fact[],
  part: P,
): FactOf<{ [K in FactKind]: T[K] extends P ? K : never }[FactKind]>[] {
  return facts.filter((f) => table[f.kind] === part) as FactOf<
    { [K in FactKind]: T[K] extends P ? K : never }[FactKind]
  >[];
}
