// `up` and `down`: preflight checks, the lock, the record, running the plan, and rollback.
// Everything here reads the plan; nothing decides kernel operations of its own except
// which of a teardown's objects still exist and are the lab's.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Diagnostic, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import type { Compiled } from "../model/compile.js";
import { labDirIn } from "../plan/layout.js";
import type { Op } from "../plan/ops.js";
import type { Owned } from "../plan/owned.js";
import { opsOf, type Plan, programsNeeded, type Stage } from "../plan/plan.js";
import { PROGRAMS, type Program } from "../plan/programs.js";
import { type LabRecord, RECORD_VERSION, recordOf } from "../plan/record.js";
import { removalOf } from "../plan/teardown.js";
import { VERSION } from "../version.js";
import { collisions } from "./collisions.js";
import { discover, type Marked } from "./discover.js";
import { isolationRemovals, mountsUnder } from "./discover-isolation.js";
import { failureDiagnostic } from "./failure.js";
import { probeFeatures } from "./features.js";
import { firewallTools, probeFirewall } from "./firewall.js";
import { withHostLock } from "./hostnet.js";
import { isolationPreflight } from "./isolation.js";
import { acquire, clearStaleHostLock } from "./lock.js";
import { byInterrupt, which } from "./proc.js";
import {
  knownRunDirs,
  labDir,
  readRecord,
  recordedAnywhere,
  registerRunDir,
  runDir,
  writeRecord,
} from "./record.js";
import { foreignMounts, removeLab, removeLabDir } from "./remove.js";
import { type RunOptions, type RunOutcome, runStages } from "./run.js";

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

export function preflight(plan: Plan): Diagnostic[] {
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
    if (existing) return { ok: false, diagnostics: [alreadyThere(plan.lab, existing)] };
    // Addresses on the host's side are checked and added under one lock for the whole
    // machine, so that two labs never both take a prefix that was free when each looked.
    const interrupted = options.interrupted ?? (() => false);
    return await withHostLock(
      plan,
      interrupted,
      () => create(compiled, plan, options),
      () => ({ ok: false, diagnostics: [interruptedDiag(plan.lab, true)] }),
    );
  } finally {
    lock.release();
  }
}

function alreadyThere(lab: string, existing: LabRecord): Diagnostic {
  return existing.state === "up"
    ? diag("OT6001", `lab ${lab} is already up`, {
        notes: [`brought up ${existing.createdAt} from ${existing.file}`],
        help: `run \`opentop down ${lab}\` first`,
      })
    : diag("OT6010", `lab ${lab} is half up: an earlier up did not finish`, {
        notes: [
          `that up started ${existing.createdAt} from ${existing.file}; it was killed, or its rollback failed`,
        ],
        help: `run \`opentop down ${lab}\` to remove what it created, then bring it up again`,
      });
}

/** Checks the machine, writes the record, runs the plan; after any failure, rolls back. */
async function create(compiled: Compiled, plan: Plan, options: UpOptions): Promise<Outcome> {
  const refused = await machineRefuses(plan, plan, options.interrupted ?? (() => false), () =>
    interruptedDiag(plan.lab, true),
  );
  if (refused.length) return { ok: false, diagnostics: refused };
  // The record and everything isolation keeps go in the lab's directory, which `down`
  // deletes: a mount OpenTop did not make there is never built on.
  const mounted = mountsUnder(labDir(plan.lab));
  if (mounted.length) return { ok: false, diagnostics: [foreignMounts(plan.lab, mounted, "up")] };

  registerRunDir();
  const record = writeRecord(recordOf(compiled, plan, "cli", new Date().toISOString()));
  try {
    return await bringUp(plan, record, options);
  } catch (e) {
    // OpenTop's own failure half-way through: undone like any other, under the guards.
    const rollback = await removeLab(record);
    const detail = process.env.OPENTOP_DEBUG ? `\n${(e as Error).stack}` : "";
    return {
      ok: false,
      diagnostics: [
        diag("OT9003", `internal error: ${(e as Error).message ?? String(e)}${detail}`, {
          help: `this is a bug in OpenTop; please report it with the lab file (OPENTOP_DEBUG=1 shows where)${rollback.diagnostics.length ? "" : "; what up had done is undone"}`,
        }),
        ...rollbackReport(plan.lab, rollback.diagnostics),
      ],
    };
  }
}

/**
 * What this machine says against a plan, before anything is created: what is in the way of
 * what `adds` makes, the kernel features and the rulesets `tries` needs (`up` asks both of
 * its plan, `apply` of what its change adds and touches). An interrupt that lands meanwhile
 * is an interrupt (`stopped`, as the command says it), whatever a check then said: a
 * terminal's SIGINT can reach a check's process before it leaves OpenTop's process group,
 * and a check killed so says nothing of the machine.
 */
export async function machineRefuses(
  adds: Plan,
  tries: Plan,
  interrupted: () => boolean,
  stopped: () => Diagnostic,
): Promise<Diagnostic[]> {
  const checks = [
    () => collisions(adds),
    // The kernel must have every feature the plan uses: probed in throwaway namespaces first.
    () => probeFeatures(tries),
    // The kernel must take the lab's rulesets: tried in a throwaway namespace first.
    () => probeFirewall(tries),
  ];
  for (const check of checks) {
    const found = await check();
    if (interrupted()) return [stopped()];
    if (found.length) return found;
  }
  return [];
}

/** Runs the plan of a lab whose record is written; after any failure, rolls back. */
async function bringUp(plan: Plan, record: LabRecord, options: UpOptions): Promise<Outcome> {
  const outcome = await runStages(plan.stages, options);
  const failed = outcome.failures.length > 0 || outcome.interrupted;
  const unmarked = failed ? [] : markUp(record);
  if (!failed && unmarked.length === 0) return { ok: true, diagnostics: [] };

  // What was started is undone under the record's guards — every step of it, also one that
  // died without saying how far it got — and the record goes once none of the lab is left.
  const all = opsOf(plan.stages);
  const started = new Set(failed ? [...outcome.done, ...outcome.uncertain] : all);
  const undo = { ...record, ops: record.ops.filter((_, i) => started.has(all[i] as Op)) };
  const rollback = await removeLab(record, undo);
  const clean = rollback.diagnostics.length === 0;
  return {
    ok: false,
    diagnostics: [
      ...reasons(plan.lab, outcome, unmarked, clean),
      ...rollbackReport(plan.lab, rollback.diagnostics),
    ],
  };
}

/** Marks the record up, keeping its time of birth; a failure to write it is a failure of `up`. */
function markUp(record: LabRecord): Diagnostic[] {
  try {
    writeRecord({ ...record, state: "up" });
    return [];
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw e;
    return e.diagnostics.map((d) => ({
      ...d,
      notes: [
        ...d.notes,
        `lab ${record.lab} was complete, but its record could not say so; a lab whose record does not say what it is cannot be taken down reliably, so it was rolled back`,
      ],
    }));
  }
}

/** Why `up` failed: its failures (an interrupt stands for those of the steps it ended), or the record. */
function reasons(lab: string, outcome: RunOutcome, unmarked: Diagnostic[], clean: boolean): Diagnostic[] {
  if (!outcome.interrupted) return [...outcome.failures.map(failureDiagnostic), ...unmarked];
  return [
    ...outcome.failures.filter((f) => !byInterrupt(f.result)).map(failureDiagnostic),
    interruptedDiag(lab, clean),
  ];
}

function interruptedDiag(lab: string, clean: boolean): Diagnostic {
  return diag("OT6017", `bringing lab ${lab} up was interrupted`, {
    ...(clean ? { help: "what it had done is undone: nothing is left behind" } : {}),
  });
}

function rollbackReport(lab: string, problems: Diagnostic[]): Diagnostic[] {
  if (problems.length === 0) return [];
  return [
    ...problems,
    diag("OT6012", `rolling back lab ${lab} did not finish`, {
      help: `run \`opentop down ${lab}\` to remove what is left`,
    }),
  ];
}

/** A lab whose record is in another run directory is that record's to take down. */
function elsewhere(lab: string): DownResult {
  const dirs = knownRunDirs().filter(
    (d) => d !== runDir() && existsSync(join(labDirIn(d, lab), "record.json")),
  );
  return {
    ok: false,
    removed: 0,
    diagnostics: [
      diag("OT6021", `lab ${lab} is recorded in another run directory: ${dirs.join(", ")}`, {
        notes: [`this command uses ${runDir()} (OPENTOP_RUN_DIR)`],
        help: `take it down where it is recorded: \`OPENTOP_RUN_DIR=${dirs[0] ?? "…"} opentop down ${lab}\``,
      }),
    ],
  };
}

export function busy(lab: string, holder: string): Diagnostic {
  return diag("OT6009", `lab ${lab} is busy: another OpenTop command is working on it`, {
    notes: [
      holder === "unknown"
        ? "another process holds its lock"
        : `the lock is held by process ${holder.split(":")[0]}`,
    ],
    help: "wait for it to finish, then try again",
  });
}

export function unreadable(lab: string, e: Error): Diagnostic {
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
    if (stored === undefined && recordedAnywhere(lab)) return elsewhere(lab);
    let record = stored instanceof Error || !stored ? options.fallback : stored;
    if (!record) {
      // No record (or an unreadable one) and no file: what carries the lab's mark is still
      // the lab's. An unreadable record is removed with the lab's directory, which counts
      // as found (discover-isolation.ts).
      const marked = (await discover(lab)).get(lab);
      if (!marked) {
        // Nothing of it is up; a directory it left goes too, unless someone else's is in it.
        const left = existsSync(labDir(lab)) ? removeLabDir(lab) : [];
        if (left.length) return { ok: false, removed: 0, diagnostics: left };
        return { ok: true, removed: 0, diagnostics: [], message: `lab ${lab} is not up: nothing to do` };
      }
      record = markedRecord(lab, marked);
    }
    const r = await removeLab(record, record, {
      ...(options.onStages ? { onStages: options.onStages } : {}),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
    const nothing = stored === undefined && r.diagnostics.length === 0 && r.removed === 0;
    return {
      ok: r.diagnostics.length === 0,
      removed: r.removed,
      diagnostics: r.diagnostics,
      ...(nothing ? { message: `lab ${lab} is not up: nothing to do` } : {}),
    };
  } finally {
    lock.release();
    clearStaleHostLock();
  }
}

/** A record standing in for a lost one: the objects found by their marks (isolation's included), to tear them down. */
export function markedRecord(lab: string, marked: Marked): LabRecord {
  const owned = [
    // A node's namespace is LAB.NODE (its mark agreed with its name when it was found).
    ...marked.namespaces.map(
      (name): Owned =>
        name.startsWith(`${lab}.`)
          ? { kind: "netns", name, node: name.slice(lab.length + 1) }
          : { kind: "netns", name },
    ),
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
