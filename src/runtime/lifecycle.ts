// `up` and `down`: preflight checks, the lock, the record, running the plan, and rollback.
// Everything here reads the plan; nothing decides kernel operations of its own except
// which of a teardown's objects still exist and are the lab's.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Compiled } from "../model/compile.js";
import { inverseOf, type Op, undoneBy } from "../plan/ops.js";
import type { Owned } from "../plan/owned.js";
import { type Plan, programsNeeded, type Stage } from "../plan/plan.js";
import { PROGRAMS, type Program } from "../plan/programs.js";
import { type LabRecord, RECORD_VERSION, recordOf } from "../plan/record.js";
import { removalOf, teardownStages } from "../plan/teardown.js";
import { VERSION } from "../version.js";
import { collisions } from "./collisions.js";
import { discover, type Marked } from "./discover.js";
import { isolationRemovals, mountsUnder } from "./discover-isolation.js";
import { failureDiagnostic } from "./failure.js";
import { probeFeatures } from "./features.js";
import { firewallTools, probeFirewall } from "./firewall.js";
import { isolationPreflight } from "./isolation.js";
import { acquire } from "./lock.js";
import { which } from "./proc.js";
import { labDir, readRecord, removeRecord, writeRecord } from "./record.js";
import { type RunOptions, runStages } from "./run.js";
import { teardownOf } from "./teardown.js";

export interface Outcome {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly message?: string;
}

/**
 * Programs a plan needs on this machine: what its steps and its rollback run, and `unshare`
 * with the probes of its kernel features and its rulesets (tried in throwaway namespaces first).
 */
export function toolsNeeded(plan: Plan): Program[] {
  const programs = new Set<Program>(programsNeeded(plan));
  if (firewallTools(plan).includes("unshare")) programs.add("unshare");
  return [...programs];
}

function preflight(plan: Plan): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (process.getuid?.() !== 0)
    out.push(
      diag("OT6006", "bringing a lab up or down needs root", {
        help: "run OpenTop as root (for example with sudo); it creates namespaces and interfaces",
      }),
    );
  for (const tool of toolsNeeded(plan))
    if (!which(tool))
      out.push(
        diag("OT6005", `${tool} not found: ${PROGRAMS[tool].why}`, {
          help: `install ${PROGRAMS[tool].package}`,
        }),
      );
  return out;
}

export interface UpOptions {
  readonly concurrency?: number;
  readonly interrupted?: () => boolean;
  readonly onStep?: NonNullable<RunOptions["onStep"]>;
}

export async function up(compiled: Compiled, plan: Plan, options: UpOptions = {}): Promise<Outcome> {
  const pre = preflight(plan);
  if (pre.length) return { ok: false, diagnostics: pre };
  // What this machine must provide for the lab's isolation: before anything is created.
  const machine = compiled.lab ? isolationPreflight(compiled.lab) : [];
  if (machine.length) return { ok: false, diagnostics: machine };
  const lock = acquire(plan.lab);
  if (!lock.ok) return { ok: false, diagnostics: [busy(plan.lab, lock.holder)] };
  try {
    const existing = readRecord(plan.lab);
    if (existing instanceof Error) return { ok: false, diagnostics: [unreadable(plan.lab, existing)] };
    if (existing) {
      const already =
        existing.state === "up"
          ? diag("OT6001", `lab ${plan.lab} is already up`, {
              notes: [`brought up ${existing.createdAt} from ${existing.file}`],
              help: `run \`opentop down ${plan.lab}\` first`,
            })
          : diag("OT6010", `lab ${plan.lab} is half up: an earlier up did not finish`, {
              notes: [
                `that up started ${existing.createdAt} from ${existing.file}; it was killed, or its rollback failed`,
              ],
              help: `run \`opentop down ${plan.lab}\` to remove what it created, then bring it up again`,
            });
      return { ok: false, diagnostics: [already] };
    }
    const clash = await collisions(plan);
    if (clash.length) return { ok: false, diagnostics: clash };
    // The kernel must have every feature the plan uses: probed in throwaway namespaces first.
    const lacking = await probeFeatures(plan);
    if (lacking.length) return { ok: false, diagnostics: lacking };
    // The kernel must take the lab's rulesets: tried in a throwaway namespace first.
    const refused = await probeFirewall(plan);
    if (refused.length) return { ok: false, diagnostics: refused };

    const record = recordOf(compiled, plan, "cli", new Date().toISOString());
    writeRecord(record);
    const outcome = await runStages(plan.stages, options);
    if (outcome.failures.length === 0 && !outcome.interrupted) {
      writeRecord({ ...record, state: "up" });
      return { ok: true, diagnostics: [] };
    }
    const diagnostics: Diagnostic[] = outcome.failures.map(failureDiagnostic);
    // An operation that checks its own undoing may have half happened when it failed
    // (unshare binds some files before it fails on the next); its inverse is idempotent and
    // checks what exists, so it is undone as well.
    const failed = outcome.failures.flatMap((f) => (f.op && undoneBy(f.op) === "self" ? [f.op] : []));
    const rollback = await undo([...outcome.done, ...failed]);
    if (outcome.interrupted)
      diagnostics.push(
        diag("OT6004", `bringing lab ${plan.lab} up was interrupted`, {
          ...(rollback.length ? {} : { help: "what it had done is undone: nothing is left behind" }),
        }),
      );
    if (rollback.length) {
      diagnostics.push(...rollback);
      diagnostics.push(
        diag("OT6012", `rolling back lab ${plan.lab} did not finish`, {
          help: `run \`opentop down ${plan.lab}\` to remove what is left`,
        }),
      );
    } else removeRecord(plan.lab);
    return { ok: false, diagnostics };
  } finally {
    lock.release();
  }
}

/** Undo operations that took effect: their inverses, newest first, tolerant of absences. */
async function undo(done: readonly Op[]): Promise<Diagnostic[]> {
  const inverses = done
    .map(inverseOf)
    .filter((op): op is Op => op !== null)
    .reverse();
  if (inverses.length === 0) return [];
  const outcome = await runStages(teardownStages(inverses), { force: true });
  return outcome.failures.map(failureDiagnostic);
}

function busy(lab: string, holder: string): Diagnostic {
  return diag("OT6009", `lab ${lab} is busy: another OpenTop command is working on it`, {
    notes: [
      holder === "unknown"
        ? "another process holds its lock"
        : `the lock is held by process ${holder.split(":")[0]}`,
    ],
    help: "wait for it to finish, then try again",
  });
}

function unreadable(lab: string, e: Error): Diagnostic {
  return diag("OT6013", `the record of lab ${lab} cannot be read: ${e.message}`, {
    help: `inspect /run/opentop/${lab}/record.json; \`opentop down ${lab}\` removes the lab by its marks`,
  });
}

export interface DownResult extends Outcome {
  readonly removed: number;
}

export interface DownOptions {
  /** What to remove when the lab has no readable record: from its file, or found by marks. */
  readonly fallback?: LabRecord;
  /**
   * The caller (gc) found the lab without a record: if one has appeared since — an `up`
   * started in between — the lab is left alone, whatever the fallback says.
   */
  readonly unrecorded?: boolean;
  /** Told the stages tear-down will run, then each step as it finishes (progress). */
  readonly onStages?: (stages: readonly Stage[]) => void;
  readonly onStep?: NonNullable<RunOptions["onStep"]>;
}

export async function down(lab: string, options: DownOptions = {}): Promise<DownResult> {
  if (process.getuid?.() !== 0)
    return {
      ok: false,
      removed: 0,
      diagnostics: [diag("OT6006", "taking a lab down needs root", { help: "run OpenTop as root" })],
    };
  const lock = acquire(lab);
  if (!lock.ok) return { ok: false, removed: 0, diagnostics: [busy(lab, lock.holder)] };
  try {
    const stored = readRecord(lab);
    if (options.unrecorded && stored !== undefined)
      return { ok: true, removed: 0, diagnostics: [], message: `lab ${lab} has a record now: left alone` };
    let record = stored instanceof Error || !stored ? options.fallback : stored;
    if (!record) {
      // No record (or an unreadable one) and no file: what carries the lab's mark is still
      // the lab's. An unreadable record is removed with the lab's directory, which counts
      // as found (discover-isolation.ts).
      const marked = (await discover(lab)).get(lab);
      if (!marked)
        return { ok: true, removed: 0, diagnostics: [], message: `lab ${lab} is not up: nothing to do` };
      record = markedRecord(lab, marked);
    }
    const stages = teardownOf(record);
    const count = stages.reduce((n, s) => n + s.steps.reduce((m, st) => m + st.ops.length, 0), 0);
    options.onStages?.(stages);
    const outcome = await runStages(stages, {
      force: true,
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
    const diagnostics = outcome.failures.map(failureDiagnostic);
    if (diagnostics.length === 0) diagnostics.push(...removeLabDir(lab));
    return { ok: diagnostics.length === 0, removed: count, diagnostics };
  } finally {
    lock.release();
  }
}

/**
 * Removes the lab's directory (its record, PID files, logs), unless something is still
 * mounted in it: deleting a directory tree recursively would delete through the mount —
 * the files of whatever is mounted there. After tear-down only a mount OpenTop did not
 * make can be left (or one it could not unmount); it is reported, and kept with the directory.
 */
function removeLabDir(lab: string): Diagnostic[] {
  const mounted = mountsUnder(labDir(lab));
  if (mounted.length === 0) {
    removeRecord(lab);
    return [];
  }
  return [
    diag(
      "OT6016",
      `${mounted.length === 1 ? "a mount is" : "mounts are"} left in the directory of lab ${lab}`,
      {
        notes: [
          ...mounted.map((m) => `mounted: ${m}`),
          "OpenTop mounts only namespace files there, and has unmounted those; it does not unmount what it did not mount, nor delete a directory through a mount",
        ],
        help: `unmount ${mounted.length === 1 ? "it" : "them"} (\`umount ${mounted[0]}\`${mounted.length > 1 ? ", …" : ""}), then run \`opentop down ${lab}\` again`,
      },
    ),
  ];
}

/** A record standing in for a lost one: the objects found by their marks (isolation's included), to tear them down. */
export function markedRecord(lab: string, marked: Marked): LabRecord {
  const owned = [
    ...marked.namespaces.map((name): Owned => ({ kind: "netns", name })),
    ...marked.hostIfaces.map((h): Owned => ({ kind: "host-iface", ...h })),
    ...marked.hostTables.map((t): Owned => ({ kind: "host-table", ...t })),
    ...marked.movedNics.map((n): Owned => ({ kind: "moved-nic", ...n })),
  ];
  return {
    version: RECORD_VERSION,
    tool: `opentop ${VERSION}`,
    lab,
    file: "",
    hash: "",
    state: "creating",
    createdAt: "",
    by: "cli",
    nodes: [],
    switches: [],
    plan: "",
    owned,
    ops: [],
    found: [
      ...isolationRemovals(lab, marked).map((op) => ({ op })),
      ...owned.map((o) => ({ op: removalOf(o), owned: o })),
    ],
  };
}
