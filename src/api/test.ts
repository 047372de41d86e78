// A lab's expectations tested with real packets in the running lab (`opentop test`): the
// probes of src/plan/tests.ts run by src/runtime/tests.ts, each result typed, beside the
// model's verdict — a failed expectation, and a disagreement between the model and the
// kernel (a defect of one of them), each a diagnostic as well.

import { type Diagnostic, diag } from "../diagnostics/diagnostic.js";
import type { Family } from "../model/ip.js";
import type { ProbeProtocol } from "../model/model.js";
import type { VerdictKind } from "../model/reach/types.js";
import type { Holds } from "../model/reach/verdict.js";
import type { Seen } from "../plan/probes.js";
import { lowerTests, matrixTests, PROBE_SECONDS } from "../plan/tests.js";
import { acquire } from "../runtime/lock.js";
import { tableBound } from "../runtime/neigh.js";
import { runDir } from "../runtime/record.js";
import { readSpan } from "../runtime/span.js";
import { type LiveResult, runTest, testTools } from "../runtime/tests.js";
import type { Params } from "./compile.js";
import { guarded, OpentopError } from "./errors.js";
import { looksLikeFile, type Modelled, modelTarget, requireRoot } from "./target.js";

export interface TestOptions {
  /** Ping every ordered pair of nodes instead of testing the lab's expectations. */
  readonly matrix?: boolean;
  /** How long a probe waits for an answer, in seconds (default 2; 1 with `matrix`). */
  readonly timeout?: number;
  /** At most this many probes at once (default 16; 64 with `matrix`). */
  readonly jobs?: number;
  /** The values the lab was brought up with, when given its file. */
  readonly params?: Params;
  /** Aborting it stops the probes that have not started (they count as errors). */
  readonly signal?: AbortSignal;
}

/** One expectation (or, with `matrix`, one pair of nodes), with the model's verdict and the kernel's answer. */
export interface TestResult {
  /** `pc1 -> web tcp 80`, as written. */
  readonly expectation: string;
  readonly family: Family;
  readonly from: string;
  readonly to: string;
  readonly protocol: ProbeProtocol;
  /** What is expected (absent for a pair of the matrix, which expects nothing). */
  readonly expect?: "reach" | "not reach";
  readonly model: { readonly verdict: VerdictKind; readonly holds?: Holds; readonly why: string };
  readonly live: { readonly seen: Seen; readonly detail?: string; readonly seconds: number };
  /** Whether the expectation holds with real packets (absent for a pair of the matrix). */
  readonly pass?: boolean;
  /** Whether the model and the kernel agree (absent when the model did not decide). */
  readonly agrees?: boolean;
  /** Why the kernel's answer says nothing about the lab, when it does not (the machine's limits). */
  readonly inconclusive?: string;
  /** Where the expectation is written: file:line:col. */
  readonly origin?: string;
}

export interface TestReport {
  readonly lab: string;
  readonly matrix: boolean;
  readonly results: readonly TestResult[];
  /** Every failure, defect and problem as a diagnostic (the matrix lists its disagreements in its grid instead). */
  readonly problems: readonly Diagnostic[];
  /** No expectation failed, the model and the kernel agree, every probe ran. */
  readonly ok: boolean;
  readonly interrupted: boolean;
  /** Wall-clock seconds of the whole test, and the timeout of one probe. */
  readonly seconds: number;
  readonly timeout: number;
}

/** Tests a running lab's expectations with real packets (needs root). */
export async function test(labOrFile: string, options: TestOptions = {}): Promise<TestReport> {
  const params = new Map(Object.entries(options.params ?? {}).map(([k, v]) => [k, String(v)]));
  // A lab this machine brought up on others: known by its span, not by a record here.
  const span = looksLikeFile(labOrFile) ? undefined : readSpan(labOrFile);
  if (span && !(span instanceof Error))
    throw new OpentopError(acrossMachines(labOrFile, span.machines.length));
  const target = guarded(() => modelTarget(labOrFile, params));
  const lab = target.compiled.lab;
  if (lab.machines.length) throw new OpentopError(acrossMachines(lab.name, lab.machines.length));
  upFromThisFile(target);
  const matrix = options.matrix === true;
  const timeout = options.timeout ?? (matrix ? 1 : PROBE_SECONDS);
  const tp = matrix
    ? matrixTests(lab, runDir(), timeout, neighbourBudget())
    : lowerTests(lab, runDir(), timeout);
  const empty = { lab: lab.name, matrix, timeout, seconds: 0, interrupted: false };
  if (tp.rows.length === 0) return { ...empty, results: [], problems: [], ok: true };
  guarded(() => requireRoot("testing a lab", "run OpenTop as root: probes run inside the lab's namespaces"));
  const missing = testTools(tp);
  if (missing.length) throw new OpentopError(missing);
  const lock = acquire(lab.name);
  if (!lock.ok)
    throw new OpentopError(
      diag("OT6009", `lab ${lab.name} is busy: another OpenTop command is working on it`, {
        help: "wait for it to finish, then try again",
      }),
    );
  try {
    const started = performance.now();
    const outcome = await runTest(tp, {
      concurrency: options.jobs ?? (matrix ? 64 : 16),
      ...(options.signal ? { interrupted: () => options.signal?.aborted === true } : {}),
    });
    const results = outcome.results.map(resultOf);
    const problems = [...outcome.problems, ...(matrix ? [] : findings(outcome.results, labOrFile))];
    if (outcome.interrupted)
      problems.push(diag("OT8023", "the test was interrupted: probes that had not run are errors"));
    const failed = results.some((r) => r.pass === false || r.agrees === false || r.live.seen === "error");
    return {
      ...empty,
      seconds: (performance.now() - started) / 1000,
      interrupted: outcome.interrupted,
      results,
      problems,
      ok: !failed && !outcome.interrupted,
    };
  } finally {
    lock.release();
  }
}

/**
 * How many neighbour entries a round of the matrix may make: half the machine's smaller
 * bound (the table is shared with every other namespace), unless it cannot be read.
 */
function neighbourBudget(): number | undefined {
  const bounds = ([4, 6] as const).map(tableBound).filter((b): b is number => b !== undefined);
  return bounds.length ? Math.max(64, Math.floor(Math.min(...bounds) / 2)) : undefined;
}

/**
 * A lab on several machines is not tested with real packets yet (OT8024): each probe would
 * run on its source node's machine and its throwaway listener on its target's, started
 * before the probe and stopped after it — an order across machines that the machines'
 * scripts (each with its own `test`) do not keep. The model's verdicts are the whole lab's.
 */
function acrossMachines(lab: string, machines: number): Diagnostic {
  return diag(
    "OT8024",
    `lab ${lab} is on ${machines} machines: its expectations cannot be tested with real packets yet`,
    {
      notes: [
        "each probe would run on its source's machine, and its listener on its target's, started before it and stopped after it: that order across machines is not kept yet",
      ],
      help: `\`opentop check FILE\` gives the model's verdict of each expectation, and \`opentop trace\` its path; \`opentop exec ${lab} NODE ping …\` probes one by hand`,
    },
  );
}

/** The lab that is up must be this file's: else its probes would test another lab. */
function upFromThisFile(t: Modelled): void {
  const r = t.record;
  const lab = t.compiled.lab;
  if (!r)
    throw new OpentopError(
      diag("OT6007", `lab ${lab.name} is not up`, {
        help: `bring it up with \`opentop up ${t.compiled.file.path}\``,
      }),
    );
  const sameNodes = r.nodes.join(" ") === lab.nodes.map((n) => n.name).join(" ");
  if (r.hash === t.compiled.hash && sameNodes && r.state === "up") return;
  throw new OpentopError(
    diag("OT8022", `lab ${lab.name} is not up from this file as it is now`, {
      notes: [
        r.state !== "up"
          ? "its up did not finish"
          : r.hash !== t.compiled.hash
            ? `it was brought up ${r.createdAt} from ${r.file}, which has changed since`
            : "its nodes differ from the file's (other --set values?)",
      ],
      help: `bring it down and up again: \`opentop down ${lab.name}\`, then \`opentop up FILE\``,
    }),
  );
}

function resultOf(r: LiveResult): TestResult {
  const row = r.row;
  return {
    expectation: row.name,
    family: row.family,
    from: row.from,
    to: row.to,
    protocol: row.protocol,
    ...(row.expect !== undefined ? { expect: row.expect ? ("reach" as const) : ("not reach" as const) } : {}),
    model: { verdict: row.verdict, ...(row.holds ? { holds: row.holds } : {}), why: row.why },
    live: { seen: r.live.seen, ...(r.live.detail ? { detail: r.live.detail } : {}), seconds: r.seconds },
    ...(r.pass !== undefined ? { pass: r.pass } : {}),
    ...(r.agrees !== undefined ? { agrees: r.agrees } : {}),
    ...(r.inconclusive ? { inconclusive: r.inconclusive } : {}),
    ...(row.origin ? { origin: row.origin } : {}),
  };
}

/** A diagnostic per failed expectation and per disagreement (the latter, a defect). */
function findings(results: readonly LiveResult[], arg: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of results) {
    const row = r.row;
    const name = `\`${row.name}\` (IPv${row.family})`;
    const seen = r.live.seen === "error" ? `error: ${r.live.detail}` : r.live.seen;
    const where = row.origin ? [`expected at ${row.origin}`] : [];
    if (r.agrees === false)
      out.push(
        diag("OT8021", `DEFECT: the model and the kernel disagree on ${name}`, {
          notes: [`the model: ${row.verdict} (${row.why})`, `the kernel: ${seen}`, ...where],
          help: `either OpenTop's model or the lab's kernel state is wrong: \`opentop status ${arg}\` shows drift, \`opentop trace\` the model's path; report it with the lab file if the kernel is as planned`,
        }),
      );
    else if (r.pass === false || r.live.seen === "error")
      out.push(
        diag(
          r.live.seen === "error" ? "OT8023" : "OT8020",
          `${name} ${r.live.seen === "error" ? "could not be probed" : "failed"}: ${seen}`,
          { notes: [`the model: ${row.verdict} (${row.why})`, ...where] },
        ),
      );
  }
  return out;
}
