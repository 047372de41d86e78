// `opentop test FILE|LAB [--matrix]`: a lab's expectations with real packets in the running
// lab, side by side with the model's verdicts; a table, exit status 1 on any failure, and a
// disagreement between the model and the kernel reported loudly as the defect it is.

import { type Diagnostic, DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import { lowerTests, matrixTests, PROBE_SECONDS, type TestPlan } from "../../plan/tests.js";
import { counted } from "../../plural.js";
import { acquire } from "../../runtime/lock.js";
import { tableBound } from "../../runtime/neigh.js";
import { runDir } from "../../runtime/record.js";
import { readSpan } from "../../runtime/span.js";
import { type LiveResult, runTest, testTools } from "../../runtime/tests.js";
import { params, parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { type Io, printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { looksLikeFile, type Modelled, modelTarget } from "../target.js";
import { printMatrix } from "./matrix.js";

const spec = SPEC.test;
const usage = usageOf(spec);

export const test: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const [arg, ...extra] = p.positionals;
    if (!arg || extra.length) throw usageError("give one lab name or lab file", usage);
    const seconds = number(
      p.values.timeout,
      p.values.matrix ? 1 : PROBE_SECONDS,
      0.2,
      60,
      "--timeout",
      usage,
    );
    const jobs = number(p.values.jobs, p.values.matrix ? 64 : 16, 1, 256, "--jobs", usage);
    // A lab this machine brought up on others: known by its span, not by a record here.
    const span = looksLikeFile(arg) ? undefined : readSpan(arg);
    if (span && !(span instanceof Error))
      throw new DiagnosticError(acrossMachines(arg, span.machines.length));
    const target = modelTarget(arg, params(p.values));
    const lab = target.compiled.lab;
    if (lab.machines.length) throw new DiagnosticError(acrossMachines(lab.name, lab.machines.length));
    upFromThisFile(target);
    const tp = p.values.matrix
      ? matrixTests(lab, runDir(), seconds, neighbourBudget())
      : lowerTests(lab, runDir(), seconds);
    if (tp.rows.length === 0) {
      io.out(
        `lab ${lab.name} has no expectations: write \`expect SRC -> DST …\`, or try \`opentop test ${arg} --matrix\``,
      );
      return EXIT.ok;
    }
    const missing = [...(process.getuid?.() === 0 ? [] : [notRoot()]), ...testTools(tp)];
    if (missing.length) throw new DiagnosticError(missing);
    const lock = acquire(lab.name);
    if (!lock.ok)
      throw new DiagnosticError(
        diag("OT6009", `lab ${lab.name} is busy: another OpenTop command is working on it`, {
          help: "wait for it to finish, then try again",
        }),
      );
    let interrupted = false;
    const onSignal = () => {
      interrupted = true;
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const started = performance.now();
      const outcome = await runTest(tp, { concurrency: jobs, interrupted: () => interrupted });
      const total = (performance.now() - started) / 1000;
      // The matrix lists its disagreements under its grid; a test, one diagnostic each.
      const problems = [...outcome.problems, ...(p.values.matrix ? [] : findings(outcome.results, arg))];
      if (outcome.interrupted)
        problems.push(diag("OT8023", "the test was interrupted: probes that had not run are errors"));
      report(io, p.format, lab.name, tp, outcome.results, problems, total, !!p.values.matrix);
      const failed = outcome.results.some(
        (r) => r.pass === false || r.agrees === false || r.live.seen === "error",
      );
      return failed || outcome.interrupted ? EXIT.failed : EXIT.ok;
    } finally {
      lock.release();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};

/**
 * How many neighbour entries a round of the matrix may make: half the machine's smaller
 * bound (the table is shared with every other namespace), unless it cannot be read.
 */
function neighbourBudget(): number | undefined {
  const bounds = ([4, 6] as const).map(tableBound).filter((b): b is number => b !== undefined);
  return bounds.length ? Math.max(64, Math.floor(Math.min(...bounds) / 2)) : undefined;
}

function number(v: unknown, fallback: number, min: number, max: number, name: string, usage: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw usageError(`${name} takes a number from ${min} to ${max}`, usage);
  return n;
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

function notRoot(): Diagnostic {
  return diag("OT6006", "testing a lab needs root", {
    help: "run OpenTop as root: probes run inside the lab's namespaces",
  });
}

/** The lab that is up must be this file's: else its probes would test another lab. */
function upFromThisFile(t: Modelled): void {
  const r = t.record;
  const lab = t.compiled.lab;
  if (!r)
    throw new DiagnosticError(
      diag("OT6007", `lab ${lab.name} is not up`, {
        help: `bring it up with \`opentop up ${t.compiled.file.path}\``,
      }),
    );
  const sameNodes = r.nodes.join(" ") === lab.nodes.map((n) => n.name).join(" ");
  if (r.hash === t.compiled.hash && sameNodes && r.state === "up") return;
  throw new DiagnosticError(
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

/** A diagnostic per failed expectation and per disagreement (the latter, a defect). */
function findings(results: readonly LiveResult[], arg: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of results) {
    const row = r.row;
    const name = `\`${row.name}\` (IPv${row.family})`;
    const seen = r.live.seen === "error" ? `error: ${r.live.detail}` : r.live.seen;
    if (r.agrees === false)
      out.push(
        diag("OT8021", `DEFECT: the model and the kernel disagree on ${name}`, {
          notes: [
            `the model: ${row.verdict} (${row.why})`,
            `the kernel: ${seen}`,
            ...(row.origin ? [`expected at ${row.origin}`] : []),
          ],
          help: `either OpenTop's model or the lab's kernel state is wrong: \`opentop status ${arg}\` shows drift, \`opentop trace\` the model's path; report it with the lab file if the kernel is as planned`,
        }),
      );
    else if (r.pass === false || r.live.seen === "error")
      out.push(
        diag(
          r.live.seen === "error" ? "OT8023" : "OT8020",
          `${name} ${r.live.seen === "error" ? "could not be probed" : "failed"}: ${seen}`,
          {
            notes: [
              `the model: ${row.verdict} (${row.why})`,
              ...(row.origin ? [`expected at ${row.origin}`] : []),
            ],
          },
        ),
      );
  }
  return out;
}

function report(
  io: Io,
  format: string,
  lab: string,
  tp: TestPlan,
  results: readonly LiveResult[],
  problems: readonly Diagnostic[],
  total: number,
  matrix: boolean,
): void {
  if (format === "json") {
    io.out(
      JSON.stringify(
        {
          lab,
          ok: isOk(results, problems),
          seconds: round(total),
          timeout: tp.seconds,
          results: results.map(resultJson),
          diagnostics: problems.map(renderJson),
        },
        null,
        2,
      ),
    );
    return;
  }
  if (matrix) printMatrix(io, lab, results);
  else printTable(io, lab, results);
  if (problems.length) printDiagnostics(io, problems, format === "short" ? "short" : "pretty");
  const failed = results.filter((r) => r.pass === false).length;
  const defects = results.filter((r) => r.agrees === false).length;
  const decided = results.filter((r) => r.agrees !== undefined).length;
  const lost = results.filter((r) => r.inconclusive).length;
  const agreement = decided
    ? `the model and the kernel agree on ${decided - defects} of the ${decided} the model decides`
    : "the model decides none of them";
  const summary = [
    matrix
      ? `${counted(results.length, "pair")} in ${total.toFixed(1)} s: ${agreement}`
      : `${results.length - failed - lost} of ${results.length} expectations hold with real packets; ${agreement}`,
    ...(lost ? [`${lost} cannot be judged`] : []),
  ].join("; ");
  io.out(defects || failed || lost ? io.style.error(summary) : io.style.help(summary));
}

function isOk(results: readonly LiveResult[], problems: readonly Diagnostic[]): boolean {
  return problems.length === 0 && results.every((r) => r.pass !== false && r.agrees !== false);
}

function printTable(io: Io, lab: string, results: readonly LiveResult[]): void {
  const st = io.style;
  const rows = results.map((r) => [
    r.row.name,
    `IPv${r.row.family}`,
    r.row.verdict,
    r.live.seen,
    `${r.seconds.toFixed(2)} s`,
    r.live.seen === "error"
      ? "ERROR"
      : r.inconclusive
        ? "INCONCLUSIVE"
        : r.agrees === false
          ? "DEFECT"
          : r.pass === false
            ? "FAIL"
            : "ok",
  ]);
  const head = ["expectation", "family", "model", "live", "time", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  io.out(st.bold(`lab ${lab}: ${counted(results.length, "expectation")}`));
  io.out(st.dim(line(head)));
  for (const r of rows) {
    const text = line(r);
    const mark = r[5];
    io.out(mark === "ok" ? text : mark === "DEFECT" ? st.error(st.bold(text)) : st.error(text));
  }
}

function resultJson(r: LiveResult): unknown {
  const row = r.row;
  return {
    expectation: row.name,
    family: row.family,
    from: row.from,
    to: row.to,
    ...(row.expect !== undefined ? { expect: row.expect ? "reach" : "not reach" } : {}),
    model: { verdict: row.verdict, ...(row.holds ? { holds: row.holds } : {}), why: row.why },
    live: {
      seen: r.live.seen,
      ...(r.live.detail ? { detail: r.live.detail } : {}),
      seconds: round(r.seconds),
    },
    ...(r.pass !== undefined ? { pass: r.pass } : {}),
    agrees: r.agrees ?? null,
    ...(r.inconclusive ? { inconclusive: r.inconclusive } : {}),
    ...(row.origin ? { origin: row.origin } : {}),
  };
}

function round(n: number): number {
  return Number(n.toFixed(3));
}
