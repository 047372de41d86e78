// `apply`: change a running lab into what its file now says, running only the difference
// between its record and the new plan (src/plan/diff.ts): first what goes, under the same
// guards as tear-down, then what is made, changed in place or made again. The record says
// `applying` — with the next plan beside the current one — before the first kernel
// operation, so that a kill at any point leaves a record whose tear-down removes both; a
// failure or an interrupt rolls back to the lab as it was, and says whether it got there.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Compiled } from "../model/compile.js";
import { type Diff, diffPlans, diffRecord, partly, type UndoOp, undoStages } from "../plan/diff.js";
import type { Ns } from "../plan/ns.js";
import { describe, keyOf, leavesOf, type Op, whereOf } from "../plan/ops.js";
import { opsOf, type Plan, type Stage, type Step, steps } from "../plan/plan.js";
import {
  type LabRecord,
  namespaceNodes,
  nextOf,
  recordNamespaces,
  recordOf,
  settled,
} from "../plan/record.js";
import { acrossMachines } from "../plan/span.js";
import { failureDiagnostic } from "./failure.js";
import { withHostLock } from "./hostnet.js";
import { isolationLeft, isolationPreflight } from "./isolation.js";
import { netnsExists } from "./kernel.js";
import {
  busy,
  machineRefuses,
  type Outcome,
  preflight,
  type UpOptions,
  unreadable,
  up,
} from "./lifecycle.js";
import { acquire } from "./lock.js";
import { byInterrupt, type ProcResult } from "./proc.js";
import { readRecord, writeRecord } from "./record.js";
import { type RunOutcome, runStages } from "./run.js";
import { type Drift, type Status, status } from "./status.js";
import { holds, proofOf } from "./teardown.js";

export interface ApplyOutcome extends Outcome {
  /** What was (or, on failure, would have been) changed; absent when the lab was brought up whole. */
  readonly diff?: Diff;
  /** The lab was not up: `apply` brought it up. */
  readonly created?: boolean;
}

export async function apply(compiled: Compiled, plan: Plan, options: UpOptions = {}): Promise<ApplyOutcome> {
  const lock = acquire(plan.lab);
  if (!lock.ok) return { ok: false, diagnostics: [busy(plan.lab, lock.holder)] };
  let record: LabRecord | undefined | Error;
  try {
    record = readRecord(plan.lab);
  } finally {
    lock.release();
  }
  if (record instanceof Error) return { ok: false, diagnostics: [unreadable(plan.lab, record)] };
  // Nothing up: the whole plan is the difference.
  if (!record) return { ...(await up(compiled, plan, options)), created: true };
  const again = acquire(plan.lab);
  if (!again.ok) return { ok: false, diagnostics: [busy(plan.lab, again.holder)] };
  try {
    // Read again under the lock: another command may have changed the lab in between.
    const current = readRecord(plan.lab);
    if (current instanceof Error) return { ok: false, diagnostics: [unreadable(plan.lab, current)] };
    if (!current) return { ...(await up(compiled, plan, options)), created: true };
    if (current.state !== "up") return { ok: false, diagnostics: [unfinished(current)] };
    // A machine's part of a lab on several machines (brought up by `up --machine`, or over
    // ssh): the others would not change with it.
    if (current.machine !== undefined || plan.machine !== undefined)
      return {
        ok: false,
        diagnostics: [acrossMachines(plan.lab, current.machines?.length ?? 0, "apply")],
      };
    return await change(compiled, plan, current, options);
  } finally {
    again.release();
  }
}

function unfinished(r: LabRecord): Diagnostic {
  return r.state === "applying"
    ? diag("OT6060", `lab ${r.lab} is half changed: an earlier apply did not finish`, {
        notes: [
          "it was killed, or its rollback failed: some of the lab is as it was, some as the change made it",
        ],
        help: `run \`opentop down ${r.lab}\` (it removes what either made), then \`opentop up\``,
      })
    : diag("OT6010", `lab ${r.lab} is half up: an earlier up did not finish`, {
        notes: [`that up started ${r.createdAt} from ${r.file}`],
        help: `run \`opentop down ${r.lab}\` to remove what it created, then bring it up again`,
      });
}

/** The checks of `up` on what the change makes, then the change; under the host lock when it adds host addresses. */
async function change(
  compiled: Compiled,
  plan: Plan,
  record: LabRecord,
  options: UpOptions,
): Promise<ApplyOutcome> {
  const diff = diffRecord(record.ops, plan);
  const next = recordOf(compiled, plan, "cli", record.createdAt);
  if (diff.blocked.length) return { ok: false, diff, diagnostics: diff.blocked.map(cannotChange) };
  if (diff.changes.length === 0) {
    // Nothing for the kernel; the record still learns the file, its hash and its values.
    if (next.hash !== record.hash || next.file !== record.file) writeRecord({ ...record, ...nextOf(next) });
    return { ok: true, diff, diagnostics: [] };
  }
  const whole: Plan = {
    lab: plan.lab,
    stages: [
      ...undoStages(diff.undo.map((u) => u.op)),
      ...diff.stages,
      ...undoStages(diff.last.map((u) => u.op)),
    ],
    teardown: plan.teardown,
  };
  const pre = [...preflight(whole), ...(compiled.lab ? isolationPreflight(compiled.lab) : [])];
  if (pre.length) return { ok: false, diff, diagnostics: pre };
  const interrupted = options.interrupted ?? (() => false);
  const added = addedPlan(plan, diff);
  const refused = await machineRefuses(added, touchedPlan(plan, diff), interrupted, () =>
    interruptedDiag(plan.lab, true),
  );
  if (refused.length) return { ok: false, diff, diagnostics: refused };
  return withHostLock(
    added,
    interrupted,
    () => run(record, next, diff, plan, options),
    () => ({ ok: false, diff, diagnostics: [interruptedDiag(plan.lab, true)] }),
  );
}

/** The new plan's steps that make or change anything: what the kernel's features and rulesets are tried for. */
function touchedPlan(plan: Plan, diff: Diff): Plan {
  const touched = new Set(diff.changes.flatMap((c) => (c.to ? [c.key] : [])));
  return {
    lab: plan.lab,
    stages: plan.stages.map((s) => ({
      name: s.name,
      steps: s.steps.filter((st) => st.ops.some((op) => touched.has(keyOf(op)))),
    })),
    teardown: [],
  };
}

/** Only what is new to the lab: what must be free on the machine first. */
function addedPlan(plan: Plan, diff: Diff): Plan {
  const added = new Set(diff.changes.flatMap((c) => (c.kind === "add" ? [c.key] : [])));
  return {
    lab: plan.lab,
    stages: [{ name: "added", steps: steps(opsOf(plan.stages).filter((op) => added.has(keyOf(op)))) }],
    teardown: [],
  };
}

function cannotChange(op: Op): Diagnostic {
  return diag("OT6061", `${describe(op)}: this cannot be changed on a running lab`, {
    ...(op.origin ? { span: op.origin } : {}),
    notes: ["it cannot be taken back alone, and lives in nothing apply could make again in its place"],
    help: "take the lab down and bring it up again (`opentop down`, then `opentop up`)",
  });
}

/** Writes the record `applying`, runs what goes then what is made; on failure, rolls back. */
async function run(
  record: LabRecord,
  next: LabRecord,
  diff: Diff,
  plan: Plan,
  options: UpOptions,
): Promise<ApplyOutcome> {
  // What the namespaces the change touches look like now: a rollback must leave them so,
  // drift that was there before included (an address someone added by hand stays).
  const touched = touchedNamespaces(diff);
  const scope = scoped(record, touched);
  const was = await status(scope);
  const before = was.drift.map(driftText);
  const running = servicesRunning(touchedNodes(record, touched, diff), was);
  const applying = writeRecord({ ...record, state: "applying", next: nextOf(next) });
  const proof = proofOf(applying);
  const undo = [...diff.undo, ...diff.last].filter((u) => holds(u.when, proof));
  const early = new Set(diff.undo);
  const remove = (which: (u: (typeof undo)[number]) => boolean) =>
    runStages(undoStages(undo.filter(which).map((u) => u.op)), runOptions(options));
  const failed = (o: RunOutcome) => o.failures.length > 0 || o.interrupted;
  // What goes, then what is made or changed, then what goes once its replacement is there.
  const removal = await remove((u) => early.has(u));
  const made = failed(removal) ? undefined : await runStages(diff.stages, runOptions(options));
  const after = made && !failed(made) ? await remove((u) => !early.has(u)) : undefined;
  if (after && !failed(after)) {
    writeRecord(settled(applying));
    return { ok: true, diff, diagnostics: [] };
  }
  // What may have run: done, or cut short — except a batch line the kernel refused, which
  // did not happen (one request each): undoing it would remove what was there before.
  const ran = (o: RunOutcome) => {
    const refused = new Set(o.failures.flatMap((f) => (f.line !== undefined && f.op ? [f.op] : [])));
    return [...o.done, ...o.uncertain.filter((op) => !refused.has(op))];
  };
  const removed = [...ran(removal), ...(after ? ran(after) : [])];
  const undone = new Set(removed.flatMap((op) => undo.filter((u) => u.op === op).map((u) => u.of)));
  const done = new Set((made ? ran(made) : []).flatMap((op) => diff.sources.get(op) ?? []));
  const now = partly(
    diff,
    record.ops.map((r) => r.op),
    opsOf(plan.stages),
    undone,
    done,
  );
  const added = new Set(recordNamespaces(next));
  for (const ns of recordNamespaces(record)) added.delete(ns);
  const back = await rollBack(applying, record, now, {
    scope,
    before: new Set(before),
    added: [...added],
    running,
  });
  const outcome = after ?? made ?? removal;
  return { ok: false, diff, diagnostics: [...reasons(record.lab, outcome, back.length === 0), ...back] };
}

function runOptions(options: UpOptions) {
  return {
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.interrupted ? { interrupted: options.interrupted } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
  };
}

/** What a rollback is checked against. */
interface Check {
  /** The record in the namespaces the change touched, and the drift they had before it. */
  readonly scope: LabRecord;
  readonly before: ReadonlySet<string>;
  /** The namespaces the change adds: none may be left. */
  readonly added: readonly string[];
  /** The services that ran in the nodes the change touched (`node service`): each must run again. */
  readonly running: ReadonlySet<string>;
}

/**
 * The nodes a change touches: those whose network namespace it acts in, and those an
 * operation of it names (a node that isolates no network has no namespace of its own).
 */
function touchedNodes(record: LabRecord, namespaces: ReadonlySet<Ns>, diff: Diff): Set<string> {
  const nodes = namespaceNodes(record);
  const out = new Set([...namespaces].flatMap((ns) => (ns === null ? [] : (nodes.get(ns) ?? []))));
  for (const c of diff.changes)
    for (const op of [c.from, c.to]) if (op && "node" in op && typeof op.node === "string") out.add(op.node);
  return out;
}

/** The services running in the nodes a change touches (`node service`). */
function servicesRunning(touched: ReadonlySet<string>, live: Status): Set<string> {
  return new Set(
    live.nodes
      .filter((n) => touched.has(n.node))
      .flatMap((n) => n.services.filter((x) => x.state === "running").map((x) => `${n.node} ${x.name}`)),
  );
}

/** A service that ran before the change and does not after its rollback (one it started again that died). */
function servicesStopped(running: ReadonlySet<string>, live: Status): Drift[] {
  return live.nodes.flatMap((n) =>
    n.services
      .filter((x) => running.has(`${n.node} ${x.name}`) && x.state !== "running")
      .map(
        (x): Drift => ({
          ns: null,
          kind: "changed",
          what: `service ${x.name} of node ${n.node} ${x.state === "exited" ? `exited with status ${x.code}` : "is stopped"} (see ${x.log})`,
        }),
      ),
  );
}

/**
 * Back to the lab as it was: the difference between what exists now and its record's
 * operations, run to the end whatever fails (an operation that had not happened cannot be
 * undone, and says so); then the kernel is compared with the record, and only if it agrees
 * (and no namespace the change added is left) is the record the lab's again. Otherwise it
 * stays `applying`: `down` removes what either made.
 */
async function rollBack(
  applying: LabRecord,
  record: LabRecord,
  now: readonly Op[],
  check: Check,
): Promise<Diagnostic[]> {
  const back = diffPlans(
    now,
    record.ops.map((r) => r.op),
  );
  const proof = proofOf(applying);
  const guarded = (list: readonly UndoOp[]) => list.filter((u) => holds(u.when, proof)).map((u) => u.op);
  const stages = [...undoStages(guarded(back.undo)), ...back.stages, ...undoStages(guarded(back.last))];
  const ended = new Map<Step, ProcResult>();
  const pass = (list: readonly Stage[]) =>
    runStages(list, { force: true, onStep: (step, result) => ended.set(step, result) });
  await pass(stages);
  // A step that an interrupt killed as it started did nothing (src/runtime/proc.ts), nor did
  // one its worker never started, killed so: those run again, in order, twice at most, rather
  // than leave the rollback half-way under a stream of Ctrl-Cs. Never the others: starting a
  // service again would start a second one.
  for (let i = 0; i < 2; i++) {
    const again = stages
      .map((s) => ({
        ...s,
        steps: s.steps.filter((st) => {
          const result = ended.get(st);
          return result === undefined || byInterrupt(result);
        }),
      }))
      .filter((s) => s.steps.length > 0);
    if (again.length === 0) break;
    await pass(again);
  }
  // The kernel finishes some of a removal after the call returns (the other end of a deleted
  // namespace's veth goes a moment later), and a read can be killed by a stream of
  // interrupts: what differs is read again, a few times, before it is called left.
  let drift = await leftOver(record, now, check);
  for (let i = 0; i < 3 && drift.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 150));
    drift = await leftOver(record, now, check);
  }
  if (drift.length === 0) {
    writeRecord(record);
    return [];
  }
  return [
    diag("OT6063", `rolling back the change of lab ${record.lab} did not finish`, {
      notes: [
        ...drift.slice(0, 10).map(driftNote),
        ...(drift.length > 10 ? [`… and ${drift.length - 10} more, not shown`] : []),
      ],
      help: `run \`opentop down ${record.lab}\` to remove what the lab and the change made, then \`opentop up\``,
    }),
  ];
}

/** What differs after a rollback from the lab as it was (see `Check`). */
async function leftOver(record: LabRecord, now: readonly Op[], check: Check): Promise<Drift[]> {
  const left = check.added
    .filter((ns) => netnsExists(ns))
    .map((ns): Drift => ({ ns, kind: "extra", what: `namespace ${ns}` }));
  const live = await status(check.scope);
  return [
    ...live.drift.filter((d) => !check.before.has(driftText(d))),
    ...left,
    ...servicesStopped(check.running, live),
    // What the change made outside the network's namespaces (mounts, cgroups, inits, its
    // services): the record that stays would not know it, and `down` would leave it.
    ...isolationLeft(
      now,
      record.ops.map((r) => r.op),
    ),
  ];
}

/** Why the change failed: its failures (an interrupt stands for those it ended), and the rollback's verdict. */
function reasons(lab: string, outcome: RunOutcome, clean: boolean): Diagnostic[] {
  const failures = outcome.failures
    .filter((f) => !outcome.interrupted || !byInterrupt(f.result))
    .map((f) => {
      const d = failureDiagnostic(f);
      return clean ? { ...d, notes: [...d.notes, `lab ${lab} is as it was before the apply`] } : d;
    });
  return outcome.interrupted ? [...failures, interruptedDiag(lab, clean)] : failures;
}

function interruptedDiag(lab: string, clean: boolean): Diagnostic {
  return diag("OT6017", `changing lab ${lab} was interrupted`, {
    ...(clean ? { help: "what the change had done is undone: the lab is as it was" } : {}),
  });
}

function driftText(d: Drift): string {
  return `${d.ns ?? "host"}: ${d.what} ${d.kind}`;
}

/** A drift as a diagnostic's note: a change's words say how it changed, and lead. */
function driftNote(d: Drift): string {
  if (d.kind !== "changed") return driftText(d);
  return d.ns === null ? d.what : `${d.ns}: ${d.what}`;
}

/** The namespaces a change acts in or leaves something in (null: the host's). */
function touchedNamespaces(diff: Diff): Set<Ns> {
  const out = new Set<Ns>();
  for (const c of diff.changes)
    for (const op of [c.from, c.to])
      if (op) {
        out.add(whereOf(op));
        for (const f of leavesOf(op)) if ("ns" in f) out.add(f.ns);
      }
  return out;
}

/** The record as seen in `namespaces` only: what `status` reads to check a rollback, cheaply. */
function scoped(record: LabRecord, namespaces: ReadonlySet<Ns>): LabRecord {
  const within = (op: Op) =>
    namespaces.has(whereOf(op)) || leavesOf(op).some((f) => "ns" in f && namespaces.has(f.ns));
  return {
    ...record,
    state: "up",
    owned: record.owned.filter((o) => o.kind !== "netns" || namespaces.has(o.name)),
    ops: record.ops.filter((r) => within(r.op)),
  };
}
