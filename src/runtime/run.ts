// The direct runner: executes a plan's stages with the elementary tools, the steps of a
// stage concurrently, and knows after a failure exactly which operations took effect, so
// that rollback undoes those and nothing else.

import { cpus } from "node:os";
import type { Op } from "../plan/ops.js";
import { type Command, command, type Stage, type Step, stepRunsLabPrograms } from "../plan/plan.js";
import { TOOLS } from "../plan/tools.js";
import type { ProcResult } from "./proc.js";
import { type Job, runJobs } from "./workers.js";

export interface StepFailure {
  readonly step: Step;
  /** The operation that failed, when the tool says which (a batch line). */
  readonly op?: Op;
  readonly result: ProcResult;
  /** The failing line of a batch, 1-based. */
  readonly line?: number;
}

export interface RunOutcome {
  /** Operations that took effect, in the order they ran (per step). */
  readonly done: Op[];
  /**
   * Operations that may or may not have taken effect: those of a step that failed without
   * saying how far it got (killed by a signal, or a tool that names no line), and the one a
   * batch failed at (it may have half happened). Undone like `done`, under guards.
   */
  readonly uncertain: Op[];
  readonly failures: StepFailure[];
  readonly interrupted: boolean;
}

export interface RunOptions {
  /** Processes in flight at once within a stage. */
  readonly concurrency?: number;
  /** Keep going past failing lines (`ip -force`), as tear-down does. */
  readonly force?: boolean;
  /** Polled between steps: true stops the run (SIGINT, SIGTERM). */
  readonly interrupted?: () => boolean;
  /** Called as each step finishes, with its wall-clock duration in seconds. */
  readonly onStep?: (step: Step, result: ProcResult, seconds: number) => void;
}

export function defaultConcurrency(): number {
  return Math.max(2, Math.min(16, cpus().length * 4));
}

export async function runStages(stages: readonly Stage[], options: RunOptions = {}): Promise<RunOutcome> {
  const outcome: RunOutcome = { done: [], uncertain: [], failures: [], interrupted: false };
  const interrupted = options.interrupted ?? (() => false);
  const stopped = () => (outcome.failures.length > 0 && !options.force) || interrupted();
  for (const stage of stages) {
    if (interrupted()) return { ...outcome, interrupted: true };
    await runStage(stage, outcome, options, stopped);
    if (outcome.failures.length > 0 && !options.force) return { ...outcome, interrupted: interrupted() };
  }
  return { ...outcome, interrupted: interrupted() };
}

/**
 * A stage's steps, concurrently: through a few shells when there are many of them (a
 * thousand node batches; src/runtime/workers.ts), each step still one process whose exit
 * status, output and errors are its own.
 */
async function runStage(
  stage: Stage,
  outcome: RunOutcome,
  options: RunOptions,
  stopped: () => boolean,
): Promise<void> {
  const steps: Step[] = [];
  const jobs: Job[] = [];
  for (const step of stage.steps) {
    let cmd: Command;
    try {
      cmd = command(step, options.force ? { force: true } : {});
    } catch (e) {
      const result = {
        argv: [step.tool],
        code: 127,
        stdout: "",
        stderr: `internal: ${(e as Error).message}`,
      };
      options.onStep?.(step, result, 0);
      record(step, result, outcome);
      continue;
    }
    steps.push(step);
    // The tools, and OpenTop's own programs, in C; a lab's own programs (a service, an init,
    // a readiness check) keep the caller's locale.
    jobs.push({
      argv: cmd.argv,
      ...(cmd.stdin !== undefined ? { stdin: cmd.stdin } : {}),
      ...(stepRunsLabPrograms(step) ? {} : { tools: true }),
    });
  }
  await runJobs(jobs, {
    concurrency: options.concurrency ?? defaultConcurrency(),
    stop: stopped,
    onDone: (i, result, seconds) => {
      const step = steps[i] as Step;
      options.onStep?.(step, result, seconds);
      record(step, result, outcome);
    },
  });
}

/** What a finished step did, into `outcome`. */
function record(step: Step, result: ProcResult, outcome: RunOutcome): void {
  if (result.code === 0) {
    outcome.done.push(...step.ops);
    return;
  }
  const failure = locate(step, result);
  if (failure.line !== undefined) {
    // A batch stops at its failing line: those before took effect, that one may have half.
    outcome.done.push(...step.ops.slice(0, failure.line - 1));
    outcome.uncertain.push(...step.ops.slice(failure.line - 1, failure.line));
  } else outcome.uncertain.push(...step.ops);
  outcome.failures.push(failure);
}

/** Which operation of a step failed, as its tool reports it. */
function locate(step: Step, result: ProcResult): StepFailure {
  return { step, result, ...TOOLS[step.tool].locate(result.stderr, step.ops) };
}
