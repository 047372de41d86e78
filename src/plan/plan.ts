// A plan: stages run in order; the steps of a stage are independent of each other and may
// run concurrently; a step is one process (one `ip -batch`, one `sysctl -w`) and holds
// the operations it performs, in order.

import type { Family } from "../model/ip.js";
import type { ProbeProtocol } from "../model/model.js";
import type { VerdictKind } from "../model/reach/types.js";
import type { Holds } from "../model/reach/verdict.js";
import { inNetns, type NodeRuntime } from "./enter.js";
import { FEATURES } from "./features.js";
import { claimsOf, featureUsers, type Ns, type Op, placing, runsLabPrograms, type Tool } from "./ops.js";
import { CLAIM_PROGRAMS } from "./owned.js";
import { type Program, programsOfArgv } from "./programs.js";
import { TOOLS } from "./tools.js";

export interface Step {
  readonly tool: Tool;
  /** Where the process runs: a namespace, or null for the host's. */
  readonly ns: Ns;
  readonly ops: readonly Op[];
}

export interface Stage {
  readonly name: string;
  readonly steps: readonly Step[];
}

export interface Plan {
  readonly lab: string;
  /** The machine it is for, in a lab with machines: its part of the lab, nothing else. */
  readonly machine?: string;
  readonly stages: readonly Stage[];
  /** What `down` runs: every inverse of `stages`, newest first. */
  readonly teardown: readonly Stage[];
  /** How to enter each node that isolates more than its network, or runs services (for the record). */
  readonly nodes?: Readonly<Record<string, NodeRuntime>>;
  /** The lab's expectations as a test (`opentop test`, the script's `test`); absent without any. */
  readonly tests?: TestPlan;
}

/** Every operation of the stages, in the order they run (within a stage, step by step). */
export function opsOf(stages: readonly Stage[]): Op[] {
  const out: Op[] = [];
  for (const s of stages) for (const st of s.steps) for (const op of st.ops) out.push(op);
  return out;
}

/** How many operations the stages hold (`opsOf(stages).length`, without the list). */
export function opCount(stages: readonly Stage[]): number {
  let n = 0;
  for (const s of stages) for (const st of s.steps) n += st.ops.length;
  return n;
}

/** Groups operations into steps: consecutive operations with the same tool and place share one. */
export function steps(ops: readonly Op[]): Step[] {
  const out: { tool: Tool; ns: Ns; ops: Op[] }[] = [];
  for (const op of ops) {
    const kind = placing(op);
    const tool = kind.tool;
    const ns = kind.where(op);
    const last = out.at(-1);
    // An `exec` operation is a process of its own.
    if (last && tool !== "exec" && last.tool === tool && last.ns === ns) last.ops.push(op);
    else out.push({ tool, ns, ops: [op] });
  }
  return out;
}

export interface Command {
  readonly argv: readonly string[];
  /** Text for the process's standard input (the lines of a batch). */
  readonly stdin?: string;
  /**
   * Every program the process runs, argv[0] first (nsenter, then the tool it enters with):
   * what a machine must have for this step, for `up`'s preflight and the script's check.
   */
  readonly programs: readonly Program[];
}

/** The exact process a step runs: its tool's command (src/plan/tools.ts), entered into its namespace. */
export function command(step: Step, options: { force?: boolean } = {}): Command {
  const stdin = TOOLS[step.tool].stdin(step.ops);
  return { ...processOf(step, options), ...(stdin !== undefined ? { stdin } : {}) };
}

/**
 * A step's process without its standard input, which can be large (a thousand ports of a
 * switch): its argv, the programs it runs, and whether it reads anything.
 */
export function processOf(
  step: Step,
  options: { force?: boolean } = {},
): Omit<Command, "stdin"> & { readonly input: boolean } {
  const tool = TOOLS[step.tool];
  const argv = argvOf(step, options);
  return { argv, programs: programsOfArgv(argv, tool.also(step.ops)), input: tool.input(step.ops) };
}

/**
 * Whether a step runs a program the lab file wrote (a service, an init, a readiness check),
 * which keeps the caller's locale; every other step runs in the tools' (C), by `opentop` and
 * by the built script alike.
 */
export function stepRunsLabPrograms(step: Step): boolean {
  return step.ops.some(runsLabPrograms);
}

/** A step's argv alone (`processOf` without the programs it runs, which `plan` does not show). */
export function argvOf(step: Step, options: { force?: boolean } = {}): string[] {
  return inNetns(step.ns, TOOLS[step.tool].argv(step.ops, options));
}

/** Whether a step's process reads anything on standard input (`processOf(step).input`). */
export function readsInput(step: Step): boolean {
  return TOOLS[step.tool].input(step.ops);
}

/** Programs the stages run, each once, in the order they are first needed. */
export function programsOfStages(stages: readonly Stage[]): Program[] {
  const out = new Set<Program>();
  for (const stage of stages)
    for (const step of stage.steps) for (const p of processOf(step).programs) out.add(p);
  return [...out];
}

/**
 * Programs `up` needs: its own, those that probe its kernel features and check what it
 * claims on the machine, and its rollback's.
 */
export function programsNeeded(plan: Plan): Program[] {
  return [
    ...new Set([
      ...programsOfStages(plan.stages),
      ...featurePrograms(plan),
      ...opsOf(plan.stages).flatMap((op) => claimsOf(op).flatMap((c) => CLAIM_PROGRAMS[c.kind])),
      ...programsOfStages(plan.teardown),
    ]),
  ];
}

/** What probing the plan's kernel features runs: `unshare`, and each probe's program. */
export function featurePrograms(plan: Plan): Program[] {
  const features = [...featureUsers(opsOf(plan.stages)).keys()];
  return features.length ? ["unshare", ...features.map((f) => FEATURES[f].probe.argv[0])] : [];
}

// ---- the test of a lab's expectations (src/plan/tests.ts lowers it) -------------------

/** One line of a test's table: an expectation (or a pair of the matrix) and its probe. */
export interface TestRow {
  /** `pc1 -> web tcp 80`, as written. */
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly family: Family;
  readonly protocol: ProbeProtocol;
  /** `->` (true) or `!->` (false); absent for a pair of the matrix, which expects nothing. */
  readonly expect?: boolean;
  /** The model's verdict, and whether the expectation holds on it. */
  readonly verdict: VerdictKind;
  readonly holds?: Holds;
  /** The model's verdict in words: where the packet stops, or how it gets there. */
  readonly why: string;
  /** The key of its probe, and of the listener it needs (tcp, udp). */
  readonly probe: string;
  readonly listener?: string;
  /** Where the expectation is written: file:line:col. */
  readonly origin?: string;
}

export interface TestPlan {
  /**
   * Before anything else, with an IPv6 probe: each node waits until its addresses have passed
   * duplicate address detection (a lab just brought up is about a second from it).
   */
  readonly settle: readonly Stage[];
  /** Throwaway listeners, each started only if nothing listens where it would. */
  readonly listen: readonly Stage[];
  readonly probes: readonly Stage[];
  /** Stops the listeners that were started: run whatever happened before. */
  readonly stop: readonly Stage[];
  readonly rows: readonly TestRow[];
  /** How long one probe waits for an answer. */
  readonly seconds: number;
}
