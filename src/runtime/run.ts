// The direct runner: executes a plan's stages with the elementary tools, the steps of a
// stage concurrently, and knows after a failure exactly which operations took effect, so
// that rollback undoes those and nothing else.

import { cpus } from "node:os";
import type { Op } from "../plan/ops.js";
import { command, type Stage, type Step } from "../plan/plan.js";
import { TOOLS } from "../plan/tools.js";
import { type ProcResult, pool, run } from "./proc.js";

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
  const done: Op[] = [];
  const failures: StepFailure[] = [];
  const interrupted = options.interrupted ?? (() => false);
  for (const stage of stages) {
    if (interrupted()) return { done, failures, interrupted: true };
    await pool(
      stage.steps,
      options.concurrency ?? defaultConcurrency(),
      async (step) => {
        const cmd = command(step, options.force ? { force: true } : {});
        const started = performance.now();
        const result = await run(cmd.argv, cmd.stdin !== undefined ? { stdin: cmd.stdin } : {});
        options.onStep?.(step, result, (performance.now() - started) / 1000);
        if (result.code === 0) {
          done.push(...step.ops);
          return;
        }
        const failure = locate(step, result);
        // Lines of a batch before the failing one took effect.
        if (failure.line !== undefined) done.push(...step.ops.slice(0, failure.line - 1));
        failures.push(failure);
      },
      () => (failures.length > 0 && !options.force) || interrupted(),
    );
    if (failures.length > 0 && !options.force) return { done, failures, interrupted: false };
  }
  return { done, failures, interrupted: interrupted() };
}

/** Which operation of a step failed, as its tool reports it. */
function locate(step: Step, result: ProcResult): StepFailure {
  return { step, result, ...TOOLS[step.tool].locate(result.stderr, step.ops) };
}
