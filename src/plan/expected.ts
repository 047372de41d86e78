// The expected state of a lab: what its operations leave in the kernel (each kind's
// `leaves`), merged per object. `status` (src/runtime/status.ts) and the standalone script's
// `status` (src/backends/sh/) compare the kernel with exactly this.

import { assertNever } from "../never.js";
import { type Fact, type FactOf, mergeFacts } from "./facts.js";
import { leavesOf, type Ns, type Op } from "./ops.js";

export function expectedFacts(ops: readonly Op[]): Fact[] {
  return mergeFacts(ops.flatMap(leavesOf));
}

/** The network facts of one namespace (null: the host), as status reads it. */
export interface NsExpected {
  readonly links: Map<string, Extract<Fact, { kind: "link" }>>;
  /** Each interface's addresses, lower-case. */
  readonly addrs: Map<string, Set<string>>;
  readonly routes: Extract<Fact, { kind: "route" }>[];
}

/** The facts about a namespace's network, which `status` and the script's status both read. */
export type NetworkFact = FactOf<"link" | "addr" | "route">;

/** The network facts grouped by namespace: interfaces, their addresses, routes. */
export function expectedNetwork(facts: readonly NetworkFact[]): Map<Ns, NsExpected> {
  const out = new Map<Ns, NsExpected>();
  const get = (ns: Ns): NsExpected => {
    let e = out.get(ns);
    if (!e) {
      e = { links: new Map(), addrs: new Map(), routes: [] };
      out.set(ns, e);
    }
    return e;
  };
  for (const f of facts)
    switch (f.kind) {
      case "link":
        get(f.ns).links.set(f.dev, f);
        break;
      case "addr": {
        const addrs = get(f.ns).addrs;
        addrs.set(f.dev, (addrs.get(f.dev) ?? new Set()).add(f.cidr));
        break;
      }
      case "route":
        get(f.ns).routes.push(f);
        break;
      default:
        assertNever(f);
    }
  return out;
}

/**
 * A route for people, as `status` and the script's status name it in drift: its destination
 * and its gateway and interface, or each path's (`via A dev D weight W`, joined by commas),
 * then its metric where it has one (a live IPv4 route at 0 shows none, as `ip` does), but
 * IPv6's default, 1024, which every IPv6 route would show: so a route whose metric changed
 * reads as two routes.
 */
export function routeText(r: {
  readonly destination: string;
  readonly via?: string;
  readonly dev?: string;
  readonly metric?: number;
  readonly nexthops?: readonly { readonly via?: string; readonly dev: string; readonly weight: number }[];
}): string {
  const hops = r.nexthops
    ? r.nexthops.map((h) => `${h.via ? ` via ${h.via}` : ""} dev ${h.dev} weight ${h.weight}`).join(",")
    : `${r.via ? ` via ${r.via}` : ""}${r.dev ? ` dev ${r.dev}` : ""}`;
  const metric =
    r.metric === undefined || (r.metric === 1024 && r.destination.includes(":")) ? "" : ` metric ${r.metric}`;
  return `route ${r.destination}${hops}${metric}`;
}
