// Running a test (src/plan/tests.ts) with real packets: the throwaway listeners, the probes
// concurrently, and — whatever happened, an interruption included — the listeners' stops.
// Each probe's printed line is its live verdict; set against the model's, it passes or
// fails the expectation, and agrees with the model or is a defect of one of them.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import { keyOf, type Op } from "../plan/ops.js";
import { programsOfStages, type Stage } from "../plan/plan.js";
import { type ProbeOutput, readProbe } from "../plan/probes.js";
import { PROGRAMS, type Program } from "../plan/programs.js";
import type { TestPlan, TestRow } from "../plan/tests.js";
import { which } from "./proc.js";
import { defaultConcurrency, runStages } from "./run.js";

export interface LiveResult {
  readonly row: TestRow;
  readonly live: ProbeOutput;
  /** Wall-clock seconds of the probe. */
  readonly seconds: number;
  /** Whether the expectation holds with real packets (absent for a pair of the matrix). */
  readonly pass?: boolean;
  /** Whether the model's verdict and the kernel's agree (absent when the model did not decide). */
  readonly agrees?: boolean;
}

export interface TestOutcome {
  readonly results: readonly LiveResult[];
  readonly interrupted: boolean;
  /** Listeners that could not be stopped. */
  readonly problems: readonly Diagnostic[];
}

export interface TestOptions {
  readonly concurrency?: number;
  readonly interrupted?: () => boolean;
}

/** The programs a test runs, and those missing here (OT6005). */
export function testTools(tp: TestPlan): Diagnostic[] {
  const programs = new Set<Program>(programsOfStages([...tp.listen, ...tp.probes, ...tp.stop]));
  return [...programs].flatMap((p) =>
    which(p)
      ? []
      : [diag("OT6005", `${p} not found: ${PROGRAMS[p].why}`, { help: `install ${PROGRAMS[p].package}` })],
  );
}

export async function runTest(tp: TestPlan, options: TestOptions = {}): Promise<TestOutcome> {
  const concurrency = options.concurrency ?? Math.max(16, defaultConcurrency());
  const interrupted = options.interrupted ?? (() => false);
  const printed = new Map<string, { stdout: string; stderr: string; code: number; seconds: number }>();
  const onStep = (
    step: { ops: readonly Op[] },
    r: { stdout: string; stderr: string; code: number },
    seconds: number,
  ) => {
    const op = step.ops[0];
    if (op) printed.set(keyOf(op), { stdout: r.stdout, stderr: r.stderr, code: r.code, seconds });
  };
  let stopped: Diagnostic[] = [];
  let cut = false;
  try {
    const run = (stages: readonly Stage[]) =>
      runStages(stages, { force: true, concurrency, interrupted, onStep });
    cut = (await run(tp.listen)).interrupted || (await run(tp.probes)).interrupted;
  } finally {
    // Every listener that was started goes, also after an interruption.
    const stop = await runStages(tp.stop, { force: true, concurrency });
    stopped = stop.failures.map((f) =>
      diag(
        "OT8023",
        `a throwaway listener could not be stopped: ${f.result.stderr.trim() || `exit status ${f.result.code}`}`,
        {
          notes: [`command: ${f.result.argv.join(" ")}`],
          help: "it ends by itself after its lifetime; `opentop down` of the lab removes its namespace meanwhile",
        },
      ),
    );
  }
  const results = tp.rows.map((row) => judge(row, printed));
  return { results, interrupted: cut, problems: stopped };
}

/** One row's live verdict: what its probe printed, unless its listener could not start. */
function judge(
  row: TestRow,
  printed: ReadonlyMap<string, { stdout: string; stderr: string; code: number; seconds: number }>,
): LiveResult {
  const listener = row.listener ? printed.get(row.listener) : undefined;
  const probe = printed.get(row.probe);
  let live: ProbeOutput;
  if (listener && listener.code !== 0)
    live = {
      seen: "error",
      detail: `no listener: ${oneLine(listener.stderr) || `exit status ${listener.code}`}`,
    };
  else if (!probe) live = { seen: "error", detail: "not run (interrupted)" };
  else if (probe.code !== 0)
    live = { seen: "error", detail: oneLine(probe.stderr) || `exit status ${probe.code}` };
  else live = readProbe(probe.stdout);
  const reached = live.seen === "reached";
  const predicted = row.verdict === "reaches" ? true : row.verdict === "blocked" ? false : undefined;
  const measured = live.seen !== "error";
  return {
    row,
    live,
    seconds: probe?.seconds ?? 0,
    ...(row.expect !== undefined ? { pass: measured && row.expect === reached } : {}),
    ...(predicted !== undefined && measured ? { agrees: predicted === reached } : {}),
  };
}

function oneLine(text: string): string {
  return text.trim().split("\n").join("; ");
}
