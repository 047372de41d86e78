// Tear-down's guards, evaluated against this machine: an owned object is removed only if it
// still exists and is the lab's. The guarded operations themselves come from the plan
// (src/plan/teardown.ts); the standalone script tests the same guards in sh.

import { readFileSync } from "node:fs";
import { assertNever } from "../never.js";
import type { Owned, OwnedKind, OwnedOf } from "../plan/owned.js";
import type { Stage } from "../plan/plan.js";
import type { LabRecord } from "../plan/record.js";
import { nicSavedHead } from "../plan/snippets.js";
import { type Guard, teardownOps, teardownStages } from "../plan/teardown.js";
import { hostTableMark } from "./firewall.js";
import { hostIfaceAlias, hostIfaceExists, ifaceIn, netnsExists } from "./kernel.js";

/** How each kind of owned object is recognised as the lab's, here. */
const OURS: { readonly [K in OwnedKind]: (o: OwnedOf<K>) => boolean } = {
  netns: (o) => netnsExists(o.name),
  // Unmarked means the run died between creating and marking it: the record proves it is the lab's.
  "host-iface": (o) => {
    if (!hostIfaceExists(o.name)) return false;
    const alias = hostIfaceAlias(o.name);
    return alias === undefined || alias === o.mark;
  },
  // A table is loaded whole with its comment: without the mark it is not the lab's.
  "host-table": (o) => hostTableMark(o.family, o.name) === o.mark,
  // The node holds it, or its saved state is left to restore (a give-back cut short): a
  // file that says so in its first line, as the move wrote it.
  "moved-nic": (o) => (netnsExists(o.ns) && ifaceIn(o.ns, o.iface)) || savedFor(o),
};

/** Whether a moved interface's saved state is the file its move wrote. */
function savedFor(o: OwnedOf<"moved-nic">): boolean {
  try {
    return readFileSync(o.saved, "utf8").split("\n")[0] === nicSavedHead(o.name, o.ns, o.iface);
  } catch {
    return false;
  }
}

function ours(o: Owned): boolean {
  return (OURS[o.kind] as (o: Owned) => boolean)(o);
}

export function holds(guard: Guard): boolean {
  switch (guard.kind) {
    case "always":
      return true;
    case "owned":
      return guard.owned.every(ours);
    default:
      return assertNever(guard);
  }
}

/** The tear-down of a lab from its record: what it owns and still exists, in stages. */
export function teardownOf(record: LabRecord): Stage[] {
  return teardownStages(
    teardownOps(record)
      .filter((g) => holds(g.when))
      .map((g) => g.op),
  );
}
