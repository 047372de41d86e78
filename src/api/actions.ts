// What the API and the CLI do to a lab as a whole: bring it up, change it, preview a change,
// take it down, read its state. Each returns data or throws `OpentopError`; the CLI only
// parses its arguments, prints what these return and maps their errors to exit statuses.

import { diag } from "../diagnostics/diagnostic.js";
import { type Diff, diffPlans, diffRecord } from "../plan/diff.js";
import type { Firewall } from "../plan/firewall.js";
import type { Stage, Step } from "../plan/plan.js";
import { type LabRecord, recordOf } from "../plan/record.js";
import { acrossMachines } from "../plan/span.js";
import { apply as applyPlan } from "../runtime/apply.js";
import { up as bringUp, down as takeDown } from "../runtime/lifecycle.js";
import { lowerHere } from "../runtime/platform.js";
import type { ProcResult } from "../runtime/proc.js";
import { readRecord } from "../runtime/record.js";
import { readSpan } from "../runtime/span.js";
import { status as readStatus, type Status } from "../runtime/status.js";
import {
  type Compilation,
  type CompileOptions,
  compiledTarget,
  onSeveralMachines,
  type Params,
  unreadableRecord,
} from "./compile.js";
import { ApplyError, guarded, guardedAsync, mustSucceed, OpentopError } from "./errors.js";
import { requireRecord, requireRoot, resolveTarget, type Target } from "./target.js";

/** How a run on the machine is watched and stopped. */
export interface RunOptions {
  /** Aborting it interrupts the run, which then rolls back what it did (as Ctrl-C does). */
  readonly signal?: AbortSignal;
  /** At most this many processes at once within a stage. */
  readonly jobs?: number;
  /** Told each process as it finishes, with its wall-clock seconds. */
  readonly onStep?: (step: Step, result: ProcResult, seconds: number) => void;
}

export interface UpOptions extends RunOptions {
  readonly params?: Params;
  readonly firewall?: Firewall;
}

export interface ApplyOptions extends UpOptions {
  /** Parameters whose value the running lab keeps is dropped (back to the file's default). */
  readonly unset?: readonly string[];
}

/** What a finished `apply` did. */
export interface Applied {
  /** The lab's record as it is now. */
  readonly record: LabRecord;
  /** What changed; when the lab was not up, everything is added. */
  readonly diff: Diff;
  /** The lab was not up: `apply` brought it up. */
  readonly created: boolean;
}

function runOptions(o: RunOptions) {
  return {
    ...(o.signal ? { interrupted: () => o.signal?.aborted === true } : {}),
    ...(o.jobs !== undefined ? { concurrency: o.jobs } : {}),
    ...(o.onStep ? { onStep: o.onStep } : {}),
  };
}

function compileOptions(o: ApplyOptions, keep: boolean): CompileOptions {
  return {
    ...(o.params ? { params: o.params } : {}),
    ...(o.firewall ? { firewall: o.firewall } : {}),
    ...(o.unset ? { unset: o.unset } : {}),
    ...(keep ? { keep } : {}),
  };
}

/**
 * Brings a lab up; resolves to its record. A lab on several machines is refused (OT6049: the
 * CLI brings it up over ssh), unless compiled for one of them (`CompileOptions.machine`): that
 * machine's part is brought up here.
 */
export async function upLab(target: string | Compilation, options: UpOptions = {}): Promise<LabRecord> {
  const { compiled, plan } = compiledTarget(target, compileOptions(options, false), "the API's up");
  mustSucceed(await guardedAsync(() => bringUp(compiled, plan, runOptions(options))));
  return recordNow(plan.lab);
}

/**
 * Changes the running lab into what its file now says (brought up if it is not); only the
 * difference runs. A lab on several machines, or a machine's part of one, is refused (OT6049).
 */
export async function applyLab(target: string | Compilation, options: ApplyOptions = {}): Promise<Applied> {
  const { compiled, plan } = compiledTarget(target, compileOptions(options, true), "the API's apply");
  if (compiled.lab.machines.length)
    throw new OpentopError(onSeveralMachines(compiled.lab, "the API's apply"));
  const outcome = await guardedAsync(() => applyPlan(compiled, plan, runOptions(options)));
  if (!outcome.ok) throw new ApplyError(outcome.diagnostics, outcome.diff);
  return {
    record: recordNow(plan.lab),
    diff: outcome.diff ?? diffPlans([], plan),
    created: outcome.created === true,
  };
}

/** What `apply` would change (`plan --diff`): against the running lab, or against nothing. */
export function previewLab(
  target: string | Compilation,
  options: Omit<ApplyOptions, keyof RunOptions> = {},
): { readonly up: boolean; readonly diff: Diff } {
  const { compiled, plan } = compiledTarget(target, compileOptions(options, true), "the API's diff");
  if (compiled.lab.machines.length) throw new OpentopError(onSeveralMachines(compiled.lab, "the API's diff"));
  const record = readRecord(plan.lab);
  if (record instanceof Error) throw new OpentopError(unreadableRecord(plan.lab, record));
  // Up as a machine's part of a lab on several machines: the others would not change with it.
  if (record?.machine !== undefined)
    throw new OpentopError(acrossMachines(plan.lab, record.machines?.length ?? 0, "diff (`plan --diff`)"));
  return { up: record !== undefined, diff: diffRecord(record?.ops ?? [], plan) };
}

export interface DownOptions {
  /** With a lab file: the values it was brought up with, to know its plan. */
  readonly params?: Params;
  /** Told the stages tear-down will run, once its record is read. */
  readonly onStages?: (stages: readonly Stage[]) => void;
  readonly onStep?: RunOptions["onStep"];
}

export interface Downed {
  readonly lab: string;
  /** How many objects were removed. */
  readonly removed: number;
  /** Why nothing was done, when nothing was: `lab x is not up: nothing to do`. */
  readonly note?: string;
}

/**
 * Takes a lab down by its name or its file; a lab that is not up is nothing to do. A lab on
 * several machines that this machine brought up (or whose file says so) is refused (OT6049):
 * `opentop down` takes it down on every machine over ssh. This machine's part of one is
 * taken down.
 */
export async function downLab(labOrFile: string, options: DownOptions = {}): Promise<Downed> {
  const params = new Map(Object.entries(options.params ?? {}).map(([k, v]) => [k, String(v)]));
  const target = guarded(() => resolveTarget(labOrFile, params, true));
  const lab = target.compiled?.lab;
  if (readSpan(target.lab) !== undefined || (!target.record && lab?.machines.length))
    throw new OpentopError(
      lab?.machines.length
        ? onSeveralMachines(lab, "the API's down")
        : {
            ...acrossMachines(target.lab, 0, "the API's down"),
            help: `\`opentop down ${target.lab}\` takes it down on every machine over ssh`,
          },
    );
  return downTarget(target, options);
}

/**
 * `downLab` of a lab already resolved (the CLI resolves it first: a lab on several machines is
 * its own); `machine`, the machine whose part this machine holds (`--machine NAME`).
 */
export async function downTarget(
  target: Target,
  options: DownOptions & { readonly machine?: string } = {},
): Promise<Downed> {
  const fallback = guarded(() => planOfFile(target, options.machine ?? target.record?.machine));
  const outcome = mustSucceed(
    await takeDown(target.lab, {
      ...(fallback ? { fallback } : {}),
      ...(options.onStages ? { onStages: options.onStages } : {}),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    }),
  );
  return {
    lab: target.lab,
    removed: outcome.removed,
    ...(outcome.message !== undefined ? { note: outcome.message } : {}),
  };
}

/**
 * Given a lab file: with the record gone (or unreadable), the file's own plan (of `machine`'s
 * part, for a lab on several machines) says what to look for; with a record, the file must be
 * the one the lab was brought up from — `down FILE` never takes down a lab of the same name
 * that another file brought up.
 */
function planOfFile(target: Target, machine: string | undefined): LabRecord | undefined {
  const compiled = target.compiled;
  if (!compiled?.lab) return undefined;
  const up = target.record;
  // A lab on several machines is planned one machine's part at a time: none of its machines
  // is this one's part, nothing to compare (without a record) or not the file it runs.
  const lab = compiled.lab;
  const part = !lab.machines.length || lab.machines.some((m) => m.name === machine);
  const mine = part
    ? recordOf(compiled, lowerHere(lab, machine !== undefined ? { machine } : {}), "cli", "")
    : undefined;
  if (!up) return mine;
  const same =
    mine !== undefined &&
    (up.plan !== "" ? up.plan === mine.plan : JSON.stringify(up.owned) === JSON.stringify(mine.owned));
  if (same) return undefined;
  throw new OpentopError(
    diag("OT6019", `lab ${target.lab} is up from another file, or from another version of this one`, {
      notes: [
        `it was brought up ${up.createdAt} from ${up.file}; the plan of ${compiled.file.path} differs from the one it runs`,
      ],
      help: `take it down by its name, whatever its file: \`opentop down ${target.lab}\``,
    }),
  );
}

/** A lab's live state and drift; `fileChanged` when given its file and that has changed since. */
export interface LabStatus extends Status {
  readonly fileChanged?: boolean;
}

/** The live state of a lab that is up, by its name or its file (needs root). */
export async function labStatus(labOrFile: string, record?: LabRecord): Promise<LabStatus> {
  return statusOf(record ? { lab: record.lab, record } : guarded(() => resolveTarget(labOrFile)));
}

/** `labStatus` of a lab already resolved (the CLI resolves it first: a lab on several machines is its own). */
export async function statusOf(target: Target): Promise<LabStatus> {
  const r = guarded(() => requireRecord(target));
  guarded(() =>
    requireRoot(
      `reading the live state of lab ${r.lab}`,
      `run \`sudo opentop status ${r.lab}\`; \`opentop ls\` lists the labs without root`,
      ["without root, OpenTop cannot enter the lab's namespaces: it cannot tell what exists in them"],
    ),
  );
  const s = await readStatus(r);
  const compiled = "compiled" in target ? target.compiled : undefined;
  return compiled ? { ...s, fileChanged: compiled.hash !== r.hash } : s;
}

/** The record of a lab that is up, now; OT6007 when there is none. */
export function recordNow(lab: string): LabRecord {
  const record = readRecord(lab);
  if (record instanceof Error) throw new OpentopError(unreadableRecord(lab, record));
  if (!record)
    throw new OpentopError(
      diag("OT6007", `lab ${lab} is not up`, { help: "bring it up with `up(file)` (`opentop up FILE`)" }),
    );
  return record;
}
