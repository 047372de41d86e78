// What a command that works on the machine does with Ctrl-C, SIGTERM and SIGHUP, and how
// `--verbose` shows its processes: one place for `up`, `apply`, `test` and `down`.

import { command, type Step } from "../plan/plan.js";
import { counted } from "../plural.js";
import type { ProcResult } from "../runtime/proc.js";
import { holdInterrupts, SIGNALS, takeHeld } from "./hold.js";
import type { Io } from "./io.js";

export { holdInterrupts };

/** Calls `handler` on each interrupting signal until the returned function is called. */
export function onInterrupt(handler: () => void): () => void {
  for (const s of SIGNALS) process.on(s, handler);
  return () => {
    for (const s of SIGNALS) process.off(s, handler);
  };
}

/** A flag that each interrupting signal sets, for a command that polls it (`up` across machines). */
export interface Interrupt {
  readonly interrupted: () => boolean;
  /** Stops listening (the default handling is back, unless interrupts are held: src/cli/hold.ts). */
  off(): void;
}

export function interruptFlag(): Interrupt {
  let seen = takeHeld();
  const off = onInterrupt(() => {
    seen = true;
  });
  return { interrupted: () => seen, off };
}

/**
 * Runs `work` with an AbortSignal that a Ctrl-C (or SIGTERM, SIGHUP) aborts: the work stops
 * starting processes, lets those running finish and rolls back — it is never killed half-way.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (takeHeld()) abort();
  for (const s of SIGNALS) process.on(s, abort);
  try {
    return await work(controller.signal);
  } finally {
    for (const s of SIGNALS) process.off(s, abort);
  }
}

/**
 * Runs `work` to its end whatever signal comes, saying so when one does (taking a lab down is
 * not left half-way), one held since the command started included.
 */
export async function unstoppable<T>(notice: () => void, work: () => Promise<T>): Promise<T> {
  if (takeHeld()) notice();
  for (const s of SIGNALS) process.on(s, notice);
  try {
    return await work();
  } finally {
    for (const s of SIGNALS) process.off(s, notice);
  }
}

/** `--verbose`: each process as it finishes, with its time, on standard error. */
export function verboseSteps(io: Io): (step: Step, result: ProcResult, seconds: number) => void {
  return (step, result, seconds) =>
    io.err(
      `${io.style.dim(`${seconds.toFixed(3)} s`)} ${step.ns ?? "host"}: ${command(step).argv.join(" ")} (${counted(step.ops.length, "operation")})${result.code ? ` failed: ${result.code}` : ""}`,
    );
}
