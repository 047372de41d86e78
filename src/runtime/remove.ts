// Removing a lab — `down`, and the rollback of a failed `up` — from a record: run its guarded
// tear-down, then make sure that nothing the record lists is left before the record goes.
// The record is the only trace of what the lab made: it is removed only once everything it
// lists is gone, so that `down` can be run again until it is.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { assertNever } from "../never.js";
import { netnsPath } from "../plan/layout.js";
import type { Owned } from "../plan/owned.js";
import { opsOf, type Stage } from "../plan/plan.js";
import type { LabRecord } from "../plan/record.js";
import { mountsUnder } from "./discover-isolation.js";
import { failureDiagnostic } from "./failure.js";
import { netnsFile } from "./kernel.js";
import { holdNamespaces } from "./netns-hold.js";
import { byInterrupt } from "./proc.js";
import { labDir, removeRecord } from "./record.js";
import { type RunOptions, type RunOutcome, runStages } from "./run.js";
import { leftBehind, teardownOf } from "./teardown.js";

/** Told the stages tear-down will run, then each step as it finishes (`down`'s progress). */
export interface RemovalProgress {
  readonly onStages?: (stages: readonly Stage[]) => void;
  readonly onStep?: NonNullable<RunOptions["onStep"]>;
}

export interface Removal {
  /** Operations run (each removes one object, or checks and removes what is left of one). */
  readonly removed: number;
  readonly diagnostics: Diagnostic[];
}

/**
 * Runs the guarded tear-down of `undo` (by default the whole record), then — when it went
 * through — removes the lab's directory, record included, unless `record` still lists
 * something that exists (reported: the lab's that could not go, or a look-alike that is not
 * the lab's) or a mount OpenTop did not make is left in the directory.
 */
export async function removeLab(
  record: LabRecord,
  undo: LabRecord = record,
  progress: RemovalProgress = {},
): Promise<Removal> {
  const stages = teardownOf(undo);
  const removed = stages.reduce((n, s) => n + s.steps.reduce((m, st) => m + st.ops.length, 0), 0);
  progress.onStages?.(stages);
  const options = { force: true, ...(progress.onStep ? { onStep: progress.onStep } : {}) };
  // The namespaces it deletes die together once it is done (src/runtime/netns-hold.ts).
  const release = holdNamespaces(opsOf(stages).flatMap((op) => (op.kind === "netns.del" ? [op.name] : [])));
  let outcome: RunOutcome;
  try {
    outcome = await runStages(stages, options);
    // A step that an interrupt reached as it started died for nothing (src/runtime/proc.ts):
    // tear-down runs again, its guards read anew, so that `down` is not left half-way.
    for (let i = 0; i < 2 && outcome.failures.some((f) => byInterrupt(f.result)); i++)
      outcome = await runStages(teardownOf(undo), options);
  } finally {
    release();
  }
  const diagnostics = outcome.failures.map(failureDiagnostic);
  const left = leftBehind(record);
  for (const l of left)
    if (l.verdict === "foreign") diagnostics.push(notTheLabs(record.lab, l.owned, record.born !== undefined));
  // Its own, still there although its removal did not fail: said so rather than lost.
  if (diagnostics.length === 0)
    for (const l of left)
      diagnostics.push(
        diag("OT6004", `${named(l.owned).what} is still there after its removal`, {
          help: again(record.lab),
        }),
      );
  if (diagnostics.length === 0) diagnostics.push(...removeLabDir(record.lab));
  return { removed, diagnostics };
}

function again(lab: string): string {
  return `run \`opentop down ${lab}\` again`;
}

/** How a person names an owned object, and removes it by hand; `recorded`: a record up wrote lists it. */
function named(o: Owned, recorded = false): { what: string; mark: string; remove: string } {
  switch (o.kind) {
    case "netns":
      // Not a namespace at all: `ip netns del` would follow a link to what it names.
      if (netnsFile(o.name) === "other")
        return {
          what: `network namespace ${o.name}`,
          mark: `${netnsPath(o.name)} is not a namespace but something else under its name (a symbolic link, a directory, a FIFO or a file with content)`,
          remove: `rm ${netnsPath(o.name)}`,
        };
      return {
        what: `network namespace ${o.name}`,
        mark: `its loopback does not carry the lab's mark, and ${recorded ? "it was made before the lab's record" : "no record of the lab says that the lab made it"}`,
        remove: `ip netns del ${o.name}`,
      };
    case "host-iface":
      return {
        what: `host interface ${o.name}`,
        mark: `it does not carry the lab's mark (its alias is not ${o.mark}), and it is not a veth into the lab's own namespace`,
        remove: `ip link del dev ${o.name}`,
      };
    case "host-table":
      return {
        what: `nftables table ${o.family} ${o.name} on the host`,
        mark: `its comment is not the lab's mark ${o.mark}`,
        remove: `nft delete table ${o.family} ${o.name}`,
      };
    case "moved-nic":
      return {
        what: `the saved state of host interface ${o.name} (${o.saved}), moved into ${o.ns} as ${o.iface}`,
        mark: `the lab's node ${o.ns} does not hold it, and its saved state does not start with the line its move wrote, or ${o.name} is not on the host to give it back to`,
        remove: `rm ${o.saved}`,
      };
    default:
      return assertNever(o);
  }
}

/** An object under the lab's name that nothing proves is the lab's: left, and said so. */
function notTheLabs(lab: string, o: Owned, recorded: boolean): Diagnostic {
  const n = named(o, recorded);
  return diag("OT6018", `${n.what} exists but is not provably lab ${lab}'s: it was left`, {
    notes: [
      n.mark,
      `OpenTop removes only what carries a lab's mark or was provably made by it${o.kind === "netns" ? ` (${netnsPath(o.name)})` : ""}`,
    ],
    help: `if it is yours, keep it${recorded ? " (the lab's record stays until it is gone)" : ""}; if the lab left it, remove it by hand (\`${n.remove}\`), then ${again(lab)}`,
  });
}

/**
 * Removes the lab's directory (its record, PID files, logs), unless something is still
 * mounted in it: deleting a directory tree recursively would delete through the mount —
 * the files of whatever is mounted there. After tear-down only a mount OpenTop did not
 * make can be left (or one it could not unmount); it is reported, and kept with the directory.
 */
export function removeLabDir(lab: string): Diagnostic[] {
  const mounted = mountsUnder(labDir(lab));
  if (mounted.length) return [foreignMounts(lab, mounted, "down")];
  const strangers = removeRecord(lab);
  if (strangers.length === 0) return [];
  const shown =
    strangers.slice(0, 5).join(", ") + (strangers.length > 5 ? `, … (${strangers.length} in all)` : "");
  return [
    diag("OT6092", `the directory of lab ${lab} holds what OpenTop did not put there: ${shown}`, {
      notes: [
        `it is ${labDir(lab)}; OpenTop deletes only what it puts in a lab's directory (its record, namespace files, services' PID files and logs, moved interfaces' saved states), never a directory tree`,
      ],
      help: `if it is yours, move it elsewhere (the lab's record stays until it is gone); then run \`opentop down ${lab}\` again`,
    }),
  ];
}

/** OT6016: mounts in a lab's directory that OpenTop did not make, found at `up` or left after `down`. */
export function foreignMounts(lab: string, mounted: readonly string[], when: "up" | "down"): Diagnostic {
  const one = mounted.length === 1;
  const unmount = `unmount ${one ? "it" : "them"} (\`umount ${mounted[0]}\`${one ? "" : ", …"})`;
  return when === "up"
    ? diag("OT6016", `${one ? "a mount is" : "mounts are"} in the directory of lab ${lab}`, {
        notes: [
          ...mounted.map((m) => `mounted: ${m}`),
          "OpenTop makes every mount in a lab's directory itself: it does not build on one it did not make",
        ],
        help: `${unmount}, or give the lab another name`,
      })
    : diag("OT6016", `${one ? "a mount is" : "mounts are"} left in the directory of lab ${lab}`, {
        notes: [
          ...mounted.map((m) => `mounted: ${m}`),
          "OpenTop mounts only namespace files there, and has unmounted those; it does not unmount what it did not mount, nor delete a directory through a mount",
        ],
        help: `${unmount}, then run \`opentop down ${lab}\` again`,
      });
}
