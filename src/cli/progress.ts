// Progress of a long `up` or `down` on a terminal: the phase (the plan's stage) and a count
// of steps, on one line of standard error that is rewritten in place and erased at the end.
// Nothing at all when standard error is not a terminal (piped, in CI, in a script).

import type { Stage, Step } from "../plan/plan.js";
import type { Io } from "./io.js";

export interface Progress {
  /** A phase before the plan runs: `checking the machine`. */
  phase(text: string): void;
  /** The stages about to run (for `down`, known only once its record is read). */
  start(stages: readonly Stage[]): void;
  /** A step has finished. */
  step(step: Step): void;
  /** Erases the line. */
  end(): void;
}

const QUIET: Progress = { phase() {}, start() {}, step() {}, end() {} };
/** Redraw at most this often: a 1000-step lab would otherwise write a line per step. */
const EVERY_MS = 80;

export function progress(io: Io, verb: string, enabled: boolean): Progress {
  const show = io.progress;
  if (!enabled || !show) return QUIET;
  const stageOf = new Map<Step, number>();
  let stages: readonly Stage[] = [];
  let total = 0;
  let done = 0;
  let last = 0;
  const draw = (text: string, force = false) => {
    const now = performance.now();
    if (!force && now - last < EVERY_MS) return;
    last = now;
    show(`${verb}: ${text}`);
  };
  return {
    phase: (text) => draw(text, true),
    start(list) {
      stages = list;
      stageOf.clear();
      list.forEach((s, i) => {
        for (const st of s.steps) stageOf.set(st, i);
      });
      total = list.reduce((n, s) => n + s.steps.length, 0);
      done = 0;
    },
    step(st) {
      done++;
      const i = stageOf.get(st) ?? 0;
      draw(
        `${stages[i]?.name ?? ""} (stage ${i + 1} of ${stages.length}), ${done} of ${total} steps`,
        done === total,
      );
    },
    end: () => show(undefined),
  };
}
