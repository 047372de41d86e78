// OpenTop as a library: `import { up, lab } from "opentop"`. The same functions the commands
// run — compile, up, apply, down, status — and a running lab's handle, whose `exec` costs
// what one `nsenter` costs (how to enter each node is read from the record once) and whose
// `spawn` starts a long-running process in a node's namespaces and cgroups. Errors are
// thrown as `OpentopError`, whose `diagnostics` are data (code, message, place, notes, help).

import { type ChildProcess, type SpawnOptions, spawn as spawnProcess } from "node:child_process";
import { type Diagnostic, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import { sourceFile } from "../diagnostics/source.js";
import { type Compiled, compileFile, compileSource } from "../model/compile.js";
import type { Lab as Model } from "../model/model.js";
import { machinesInUse } from "../model/part.js";
import type { Diff } from "../plan/diff.js";
import type { Plan } from "../plan/plan.js";
import type { LabRecord } from "../plan/record.js";
import { acrossMachines, apply as applyPlan, preview } from "../runtime/apply.js";
import { enterArgv } from "../runtime/enter.js";
import { down as downLab, up as upPlan } from "../runtime/lifecycle.js";
import { lowerHere } from "../runtime/platform.js";
import { readRecord } from "../runtime/record.js";
import { status as readStatus, type Status } from "../runtime/status.js";

export type { Diagnostic } from "../diagnostics/diagnostic.js";
export type { Diff } from "../plan/diff.js";
export type { Op } from "../plan/ops.js";
export type { Plan } from "../plan/plan.js";
export type { LabRecord } from "../plan/record.js";
export type { Status } from "../runtime/status.js";
export type { Model };

/** What every failing call throws: the diagnostics OpenTop would print, as data. */
export class OpentopError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n"));
    this.name = "OpentopError";
    this.diagnostics = diagnostics;
  }
}

/** Parameters as `--set` gives them. */
export type Params = Readonly<Record<string, string | number>>;

export interface Compilation {
  /** The checked model; absent when there are errors. */
  readonly model?: Model;
  /** The plan for this machine; absent when there are errors, or the lab is on several machines. */
  readonly plan?: Plan;
  /**
   * A lab on several machines (`machine`): each machine's plan, of its part, as this
   * machine's platform would lower it (each machine lowers its own for `up`).
   */
  readonly machines?: readonly Plan[];
  /** Errors and warnings, as data. */
  readonly diagnostics: readonly Diagnostic[];
}

function paramMap(params: Params | undefined): Map<string, string> {
  return new Map(Object.entries(params ?? {}).map(([k, v]) => [k, String(v)]));
}

function compiled(file: string, params: Params | undefined): Compiled & { readonly lab: Model } {
  const c = compileFile(file, { params: paramMap(params) });
  if (!c.lab) throw new OpentopError(c.diagnostics);
  return { ...c, lab: c.lab };
}

/** Compiles a lab file, or with `source`, the text of one (named `name` in diagnostics). Never throws on bad input. */
export function compile(
  file: string,
  options: { readonly params?: Params; readonly source?: string } = {},
): Compilation {
  const params = paramMap(options.params);
  const c =
    options.source !== undefined
      ? compileSource(sourceFile(file, options.source), { params })
      : compileFile(file, { params });
  const model = c.lab;
  return {
    ...(model
      ? model.machines.length
        ? { model, machines: machinesInUse(model).map((m) => lowerHere(model, { machine: m.name })) }
        : { model, plan: lowerHere(model) }
      : {}),
    diagnostics: c.diagnostics,
  };
}

/**
 * The API brings up, changes and compares labs of this machine: a lab on several machines
 * is the CLI's (`opentop up FILE` acts on each machine over ssh), and is refused (OT6064).
 */
function thisMachineOnly(c: Compiled & { readonly lab: Model }, doing: string): void {
  if (c.lab.machines.length)
    throw new OpentopError([
      {
        ...acrossMachines(c.lab.name, c.lab.machines.length, doing),
        help: `\`opentop up FILE\` brings it up on every machine over ssh, \`opentop down ${c.lab.name}\` takes it down`,
      },
    ]);
}

/** Brings a lab up from its file and returns its handle. */
export async function up(file: string, options: { readonly params?: Params } = {}): Promise<RunningLab> {
  const c = compiled(file, options.params);
  thisMachineOnly(c, "the API's up");
  const outcome = await upPlan(c, lowerHere(c.lab));
  if (!outcome.ok) throw new OpentopError(outcome.diagnostics);
  return lab(c.lab.name);
}

/** Changes the running lab into what its file now says (brought up if it is not); returns what changed. */
export async function apply(
  file: string,
  options: { readonly params?: Params } = {},
): Promise<Diff | undefined> {
  const c = compiled(file, options.params);
  thisMachineOnly(c, "the API's apply");
  const outcome = await applyPlan(c, lowerHere(c.lab));
  if (!outcome.ok) throw new OpentopError(outcome.diagnostics);
  return outcome.diff;
}

/** What `apply` would change, without changing it (`plan --diff`). */
export function diff(file: string, options: { readonly params?: Params } = {}): Diff | undefined {
  const c = compiled(file, options.params);
  thisMachineOnly(c, "the API's diff");
  const record = readRecord(c.lab.name);
  if (record instanceof Error) throw new OpentopError([unreadable(c.lab.name, record)]);
  return record ? preview(record, lowerHere(c.lab)) : undefined;
}

/** Takes a lab down by its name. */
export async function down(name: string): Promise<void> {
  const r = await downLab(name);
  if (!r.ok) throw new OpentopError(r.diagnostics);
}

/** A running lab by its name (its record is read now). */
export function lab(name: string): RunningLab {
  const record = readRecord(name);
  if (record instanceof Error) throw new OpentopError([unreadable(name, record)]);
  if (!record)
    throw new OpentopError([
      diag("OT6007", `lab ${name} is not up`, { help: "bring it up with `up(file)`" }),
    ]);
  return new RunningLab(record);
}

function unreadable(name: string, e: Error): Diagnostic {
  return diag("OT6013", `the record of lab ${name} cannot be read: ${e.message}`, {
    help: `\`opentop down ${name}\` removes the lab by its marks`,
  });
}

export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  /** Written to the program's standard input. */
  readonly input?: string | Buffer;
  /** Killed (SIGKILL) after this many milliseconds; its code is then 137. */
  readonly timeout?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** A lab that is up: run programs in its nodes, read its state, change it, take it down. */
export class RunningLab {
  readonly name: string;
  #record: LabRecord;
  readonly #enter = new Map<string, readonly string[]>();

  constructor(record: LabRecord) {
    this.name = record.lab;
    this.#record = record;
  }

  /** The record of the lab as it was read (its plan's operations, nodes, how to enter them). */
  get record(): LabRecord {
    return this.#record;
  }

  get nodes(): readonly string[] {
    return this.#record.nodes;
  }

  /** The argv prefix that enters `node` (`nsenter …` after joining its cgroups), computed once. */
  enter(node: string): readonly string[] {
    let argv = this.#enter.get(node);
    if (!argv) {
      try {
        argv = enterArgv(this.#record, node);
      } catch (e) {
        if (e instanceof DiagnosticError) throw new OpentopError(e.diagnostics);
        throw e;
      }
      this.#enter.set(node, argv);
    }
    return argv;
  }

  /** Runs `argv` in `node` and resolves to its exit status (128 + n after signal n) and output. */
  async exec(node: string, argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    const child = this.spawn(node, argv, {
      stdio: [options.input !== undefined ? "pipe" : "ignore", "pipe", "pipe"],
      ...(options.env ? { env: options.env } : {}),
      ...(options.timeout !== undefined ? { timeout: options.timeout, killSignal: "SIGKILL" } : {}),
    });
    return new Promise((resolve) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout?.on("data", (b: Buffer) => out.push(b));
      child.stderr?.on("data", (b: Buffer) => err.push(b));
      if (options.input !== undefined) child.stdin?.end(options.input);
      child.on("error", (e) => resolve({ code: 127, stdout: "", stderr: String(e) }));
      child.on("close", (code, signal) =>
        resolve({
          code: code ?? 128 + (signal ? (SIGNALS[signal] ?? 0) : 0),
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
        }),
      );
    });
  }

  /** Starts `argv` in `node` (its namespaces and cgroups) and returns the process; stop it by its PID. */
  spawn(node: string, argv: readonly string[], options: SpawnOptions = {}): ChildProcess {
    const [file, ...args] = [...this.enter(node), ...argv];
    if (file === undefined) throw new OpentopError([diag("OT9002", "give a program to run", {})]);
    return spawnProcess(file, args, {
      ...options,
      env: { ...process.env, ...options.env, OPENTOP_LAB: this.name, OPENTOP_NODE: node },
    });
  }

  /** The lab's live state and its drift from the plan. */
  async status(): Promise<Status> {
    return readStatus(this.#record);
  }

  /** Changes the lab into what `file` now says; the handle then knows the new plan. */
  async apply(file: string, options: { readonly params?: Params } = {}): Promise<Diff | undefined> {
    const d = await apply(file, options);
    this.#record = lab(this.name).#record;
    this.#enter.clear();
    return d;
  }

  async down(): Promise<void> {
    await down(this.name);
  }
}

const SIGNALS: Partial<Record<NodeJS.Signals, number>> = { SIGKILL: 9, SIGTERM: 15, SIGINT: 2, SIGHUP: 1 };
