// A lab on several machines, driven from the machine OpenTop runs on: each machine's part
// is planned for that machine (its platform read over ssh), built as its standalone script,
// and streamed to it (src/runtime/fleet.ts) — no OpenTop, no agent on the machines. `up`
// asks every machine whether it can come up before any creates anything (their underlays
// included), then brings all up at once, and rolls every machine back if one fails. This
// machine keeps the span's record and scripts (src/runtime/span.ts) for `down`, `status` and
// `exec` without the file; each machine keeps its own record and lock of its part.

import { buildScript } from "../backends/sh/script.js";
import { type Diagnostic, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import type { Compiled } from "../model/compile.js";
import type { Lab } from "../model/model.js";
import { machinesInUse, partOn } from "../model/part.js";
import type { Firewall } from "../plan/firewall.js";
import { lower } from "../plan/lower.js";
import { type SpanRecord, spanOf } from "../plan/span.js";
import { cgroupProblems, usesCgroups } from "../runtime/cgroups.js";
import { lost, type MachineRun, runScripts, type Target } from "../runtime/fleet.js";
import { pool } from "../runtime/proc.js";
import { remotePlatform } from "../runtime/remote-platform.js";
import {
  lockSpan,
  readSpan,
  remoteOf,
  removeSpan,
  scriptPath,
  spanDir,
  writeScript,
  writeSpan,
} from "../runtime/span.js";
import { closeConnection } from "../runtime/ssh.js";

export interface AcrossOptions {
  readonly firewall?: Firewall;
  /** ssh sessions at once. */
  readonly jobs?: number;
  /** Polled between phases: true rolls back what came up (Ctrl-C). */
  readonly interrupted?: () => boolean;
}

export interface AcrossResult {
  readonly ok: boolean;
  readonly runs: readonly MachineRun[];
  readonly diagnostics: readonly Diagnostic[];
  readonly span?: SpanRecord;
}

type LabCompiled = Compiled & { readonly lab: Lab };

interface Prepared {
  readonly span: SpanRecord;
  /** Each machine with its script, written in the span's directory. */
  readonly targets: readonly Target[];
}

/**
 * Each machine's part, planned for that machine and built as its script (written in the
 * span's directory as it is made). Reading the machines' platforms opens the shared
 * connections; a machine that cannot be reached, or cannot enforce its part's limits,
 * refuses the lab before anything is created.
 */
async function prepare(compiled: LabCompiled, options: AcrossOptions): Promise<Prepared | Diagnostic[]> {
  const lab = compiled.lab;
  const machines = machinesInUse(lab);
  const remotes = machines.map((m, i) => remoteOf(lab.name, m, i));
  const asked = options.firewall ? { firewall: options.firewall } : {};
  const probed = await pool(remotes, options.jobs ?? 32, (r) => remotePlatform(r, asked));
  const problems = probed.flatMap((p) => (p?.problem ? [p.problem] : []));
  if (problems.length) return problems;
  const parts = machines.map((machine, i) => {
    const p = probed[i];
    const plan = lower(lab, { ...p?.platform, machine: machine.name });
    const part = partOn(lab, machine.name);
    if (usesCgroups(part) && p?.platform?.cgroups)
      problems.push(
        ...cgroupProblems(part, p.platform.cgroups, p.files).map((d) => onMachineNote(d, machine.name)),
      );
    const script = writeScript(lab.name, `${machine.name}.sh`, buildScript(compiled, plan).text);
    return { machine, nodes: plan.nodes, target: { remote: remotes[i] as Target["remote"], script } };
  });
  if (problems.length) return problems;
  const span = spanOf(
    compiled,
    parts.map(({ machine, nodes }) => ({ machine, ...(nodes ? { nodes } : {}) })),
    new Date().toISOString(),
  );
  return { span, targets: parts.map((p) => p.target) };
}

function onMachineNote(d: Diagnostic, machine: string): Diagnostic {
  return { ...d, notes: [...d.notes, `on machine ${machine}`] };
}

/** The span's machines with the scripts `up` stored for them. */
function storedTargets(span: SpanRecord): Target[] | Diagnostic[] {
  const missing: Diagnostic[] = [];
  const targets = span.machines.flatMap((m, i) => {
    const script = scriptPath(span, m);
    if (script !== undefined) return [{ remote: remoteOf(span.lab, m, i), script }];
    missing.push(
      diag("OT6013", `the script of machine ${m.name} of lab ${span.lab} is missing on this machine`, {
        help: `give the lab's file (\`opentop down FILE\`), which is planned again for each machine`,
      }),
    );
    return [];
  });
  return missing.length ? missing : targets;
}

/**
 * Ends the span's shared connections and forgets it: its record, scripts and sockets, and
 * nothing else (OT6092 names what else its directory holds, which stays with the record).
 */
async function forget(lab: string, targets: readonly Target[]): Promise<Diagnostic[]> {
  await Promise.all(targets.map((t) => closeConnection(t.remote)));
  const strangers = removeSpan(lab);
  if (strangers.length === 0) return [];
  const shown =
    strangers.slice(0, 5).join(", ") + (strangers.length > 5 ? `, … (${strangers.length} in all)` : "");
  return [
    diag("OT6092", `the directory of lab ${lab}'s machines holds what OpenTop did not put there: ${shown}`, {
      notes: [
        `it is ${spanDir(lab)}; OpenTop deletes only what it puts there (the record of the lab's machines, their scripts, the sockets of its ssh connections), never a directory tree`,
      ],
      help: `if it is yours, move it elsewhere (the record stays until it is gone); then run \`opentop down ${lab}\` again`,
    }),
  ];
}

function failed(diagnostics: readonly Diagnostic[], runs: readonly MachineRun[] = []): AcrossResult {
  return { ok: false, runs, diagnostics };
}

/** `up FILE` on every machine of the lab. */
export async function upAcross(compiled: LabCompiled, options: AcrossOptions = {}): Promise<AcrossResult> {
  const name = compiled.lab.name;
  const lock = lockSpan(name);
  if (!lock.ok) return failed([busy(name)]);
  try {
    const existing = readSpan(name);
    if (existing instanceof Error) return failed([unreadable(name, existing)]);
    if (existing) return failed([alreadyThere(existing)]);
    const prepared = await prepare(compiled, options);
    if (Array.isArray(prepared)) {
      // The connections the platforms were read by end with the span's directory.
      const remotes = machinesInUse(compiled.lab).map((m, i) => remoteOf(name, m, i));
      const left = await forget(
        name,
        remotes.map((remote) => ({ remote, script: "" })),
      );
      return failed([...prepared, ...left]);
    }
    writeSpan(prepared.span);
    return await bringUp(compiled, prepared, options);
  } finally {
    lock.release();
  }
}

/** Every machine says it can come up, then all come up; a failure anywhere rolls all back. */
async function bringUp(compiled: LabCompiled, p: Prepared, options: AcrossOptions): Promise<AcrossResult> {
  const name = compiled.lab.name;
  const fleet = {
    ...(options.jobs ? { concurrency: options.jobs } : {}),
    commands: { lab: name, file: compiled.file.path },
  };
  const interrupted = options.interrupted ?? (() => false);
  const checks = await runScripts(p.targets, "check", fleet);
  if (checks.some((r) => !r.ok) || interrupted()) {
    const left = await forget(name, p.targets);
    return failed(
      [...checks.flatMap((r) => r.diagnostics), ...(interrupted() ? [stopped(name)] : []), ...left],
      checks,
    );
  }
  const ups = (await runScripts(p.targets, "up", fleet)).map(lost);
  if (ups.every((r) => r.ok) && !interrupted()) {
    const span = { ...p.span, state: "up" as const };
    writeSpan(span);
    return { ok: true, runs: ups, diagnostics: [], span };
  }
  const downs = await runScripts(p.targets, "down", fleet);
  const diagnostics = [
    ...ups.flatMap((r) => (r.ok ? [] : r.diagnostics)),
    interrupted() ? stopped(name) : rolledBack(name, ups),
  ];
  if (downs.every((r) => r.ok)) diagnostics.push(...(await forget(name, p.targets)));
  else
    diagnostics.push(
      ...downs.flatMap((r) => (r.ok ? [] : r.diagnostics)),
      diag("OT6012", `rolling back lab ${name} did not finish on every machine`, {
        notes: downs.filter((r) => !r.ok).map((r) => `not rolled back: ${r.machine}`),
        help: `run \`opentop down ${name}\` to remove what is left`,
      }),
    );
  return failed(diagnostics, ups);
}

/**
 * What `down` runs on: the machines of the span with their stored scripts, or, without a
 * span (or its scripts), each machine's part of the file planned again.
 */
async function downTargets(
  lab: string,
  compiled: LabCompiled | undefined,
  options: AcrossOptions,
): Promise<Target[] | Diagnostic[]> {
  const span = readSpan(lab);
  if (span instanceof Error && !compiled) return [unreadable(lab, span)];
  if (span && !(span instanceof Error)) {
    const stored = storedTargets(span);
    if (!isProblem(stored) || !compiled) return stored;
  }
  if (!compiled) return [];
  const fresh = await prepare(compiled, options);
  return Array.isArray(fresh) ? fresh : [...fresh.targets];
}

/** `down`: every machine of the span takes its part down; the span is forgotten once all did. */
export async function downAcross(
  lab: string,
  compiled: LabCompiled | undefined,
  options: AcrossOptions = {},
): Promise<AcrossResult> {
  const lock = lockSpan(lab);
  if (!lock.ok) return failed([busy(lab)]);
  try {
    const targets = await downTargets(lab, compiled, options);
    if (isProblem(targets)) return failed(targets);
    const fleet = { ...(options.jobs ? { concurrency: options.jobs } : {}), commands: { lab } };
    const runs = await runScripts(targets, "down", fleet);
    if (runs.every((r) => r.ok)) {
      const left = await forget(lab, targets);
      return left.length ? failed(left, runs) : { ok: true, runs, diagnostics: [] };
    }
    return failed(
      [
        ...runs.flatMap((r) => (r.ok ? [] : r.diagnostics)),
        diag("OT6012", `lab ${lab} is not down on every machine`, {
          notes: runs.map((r) => `${r.machine}: ${r.ok ? "down" : "not down"}`),
          help: `run \`opentop down ${lab}\` again once the machines are reachable; this machine keeps the lab's record until then`,
        }),
      ],
      runs,
    );
  } finally {
    lock.release();
  }
}

function isProblem(x: Target[] | Diagnostic[]): x is Diagnostic[] {
  return x.some((t) => "code" in t);
}

/** `status`: every machine of the span reads its part's live state. */
export async function statusAcross(span: SpanRecord, options: AcrossOptions = {}): Promise<AcrossResult> {
  const targets = storedTargets(span);
  if (isProblem(targets)) return failed(targets);
  const runs = await runScripts(targets, "status", {
    ...(options.jobs ? { concurrency: options.jobs } : {}),
    commands: { lab: span.lab },
  });
  return { ok: runs.every((r) => r.ok), runs, diagnostics: runs.flatMap((r) => r.diagnostics), span };
}

/** The span of a lab this machine brought up on machines, if it has one (OT6013 if unreadable). */
export function spanOfLab(lab: string): SpanRecord | undefined {
  const span = readSpan(lab);
  if (span instanceof Error) throw new DiagnosticError(unreadable(lab, span));
  return span;
}

function busy(lab: string): Diagnostic {
  return diag("OT6009", `lab ${lab} is busy: another OpenTop command is working on its machines`, {
    help: "wait for it to finish, then try again",
  });
}

function unreadable(lab: string, e: Error): Diagnostic {
  return diag("OT6013", `the record of lab ${lab}'s machines cannot be read: ${e.message}`, {
    help: `give the lab's file instead (\`opentop down FILE\`); the record is ${lab}/span.json under the run directory's .machines`,
  });
}

function alreadyThere(span: SpanRecord): Diagnostic {
  const machines = span.machines.map((m) => m.name).join(", ");
  return span.state === "up"
    ? diag("OT6001", `lab ${span.lab} is already up on ${machines}`, {
        notes: [`brought up ${span.createdAt} from ${span.file}`],
        help: `run \`opentop down ${span.lab}\` first`,
      })
    : diag("OT6010", `lab ${span.lab} is half up on ${machines}: an earlier up did not finish`, {
        notes: [`that up started ${span.createdAt} from ${span.file}`],
        help: `run \`opentop down ${span.lab}\` to remove what it created, then bring it up again`,
      });
}

function stopped(lab: string): Diagnostic {
  return diag("OT6017", `bringing lab ${lab} up was interrupted`, {
    help: "what its machines had done is undone",
  });
}

function rolledBack(lab: string, ups: readonly MachineRun[]): Diagnostic {
  const failing = ups.filter((r) => !r.ok).map((r) => r.machine);
  return diag(
    "OT6044",
    `lab ${lab} could not come up on ${failing.join(", ")}: every machine was rolled back`,
    {
      notes: ups.map(
        (r) =>
          `${r.machine}: ${r.ok ? "came up, then was taken down" : r.reached ? "failed (above)" : "not reached"}`,
      ),
      help: "fix what the machine said, then bring the lab up again; nothing of it is left on any machine",
    },
  );
}
