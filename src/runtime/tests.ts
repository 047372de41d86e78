// Running a test (src/plan/tests.ts) with real packets: the throwaway listeners, the probes
// concurrently, and — whatever happened, an interruption included — the listeners' stops.
// Each probe's printed line is its live verdict; set against the model's, it passes or
// fails the expectation, and agrees with the model or is a defect of one of them.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Family } from "../model/ip.js";
import { keyOf, type Op } from "../plan/ops.js";
import { programsOfStages, type Stage } from "../plan/plan.js";
import { type ProbeOutput, readProbe } from "../plan/probes.js";
import { PROGRAMS, type Program } from "../plan/programs.js";
import type { TestPlan, TestRow } from "../plan/tests.js";
import { counted } from "../plural.js";
import { tableBound, tableFulls } from "./neigh.js";
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
  /** Why the kernel's answer says nothing about the lab, when it does not (the machine's limits). */
  readonly inconclusive?: string;
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
  const programs = new Set<Program>(programsOfStages([...tp.settle, ...tp.listen, ...tp.probes, ...tp.stop]));
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
  const fullBefore = tableFulls();
  try {
    const run = (stages: readonly Stage[]) =>
      runStages(stages, { force: true, concurrency, interrupted, onStep });
    cut =
      (await run(tp.settle)).interrupted ||
      (await run(tp.listen)).interrupted ||
      (await run(tp.probes)).interrupted;
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
  const overflowed = overflows(fullBefore, tableFulls());
  const results = tp.rows.map((row) => unanswered(inconclusive(judge(row, printed), overflowed), printed));
  const lost = results.filter((r) => r.inconclusive?.includes("neighbour table")).length;
  const silent = results.filter((r) => r.inconclusive && !r.inconclusive.includes("neighbour table"));
  const problems = [
    ...stopped,
    ...(lost ? [overflowDiagnostic(overflowed, lost)] : []),
    ...silent.map((r) =>
      diag("OT8023", `\`${r.row.name}\` (IPv${r.row.family}) cannot be judged: ${r.inconclusive}`, {
        help: "a udp expectation is answered by OpenTop's own responder only where nothing listens; expect a port nothing else uses, or make the service answer",
      }),
    ),
  ];
  return { results, interrupted: cut, problems };
}

/** The families whose neighbour table was full at some point of the test. */
function overflows(before: ReturnType<typeof tableFulls>, after: ReturnType<typeof tableFulls>): Family[] {
  return ([4, 6] as const).filter((f) => (after[f] ?? 0) > (before[f] ?? 0));
}

/**
 * A probe that did not get through while its family's neighbour table was full says
 * nothing about the lab: the kernel dropped it for lack of room. It is neither a failure
 * of the expectation nor a disagreement with the model.
 */
function inconclusive(r: LiveResult, full: readonly Family[]): LiveResult {
  if (!full.includes(r.row.family) || (r.live.seen !== "timeout" && r.live.seen !== "unreachable")) return r;
  if (r.agrees !== false && r.pass !== false) return r;
  const { agrees: _a, pass: _p, ...rest } = r;
  return { ...rest, inconclusive: `the kernel's IPv${r.row.family} neighbour table was full` };
}

/**
 * A udp probe to a port where a service of the lab listens (its listener found it there and
 * started nothing) is answered only if that service answers a stray datagram: its silence
 * says nothing about the path.
 */
function unanswered(r: LiveResult, printed: ReadonlyMap<string, { stdout: string }>): LiveResult {
  const listener = r.row.listener ? printed.get(r.row.listener) : undefined;
  if (r.row.protocol !== "udp" || r.live.seen !== "timeout" || listener?.stdout.trim() !== "present")
    return r;
  if (r.agrees !== false && r.pass !== false) return r;
  const { agrees: _a, pass: _p, ...rest } = r;
  return {
    ...rest,
    inconclusive: "a service of the lab listens there and did not answer the probe's datagram",
  };
}

function overflowDiagnostic(full: readonly Family[], lost: number): Diagnostic {
  const bounds = full.map((f) => `net.ipv${f}.neigh.default.gc_thresh3 = ${tableBound(f) ?? "?"}`).join(", ");
  return diag(
    "OT8023",
    `the kernel's neighbour table overflowed during the test: ${counted(lost, "probe")} cannot be judged`,
    {
      notes: [
        `the table is one for the whole machine, every namespace's neighbours in it: ${bounds}`,
        "past its bound the kernel drops packets that need a new neighbour: their probes time out whatever the lab says",
      ],
      help: "test fewer pairs at once (a smaller lab, or expectations instead of --matrix), or raise gc_thresh3 on the host",
    },
  );
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
