// `opentop test FILE|LAB [--matrix]`: a lab's expectations with real packets in the running
// lab, side by side with the model's verdicts; a table, exit status 1 on any failure, and a
// disagreement between the model and the kernel reported loudly as the defect it is (the
// API's `test`).

import { test as runTests, type TestReport, type TestResult } from "../../api/test.js";
import { renderJson } from "../../diagnostics/render.js";
import { PROBE_SECONDS } from "../../plan/tests.js";
import { counted } from "../../plural.js";
import { params, parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { type Io, printDiagnostics } from "../io.js";
import { interruptible } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";
import { onePositional } from "../target.js";
import { printMatrix } from "./matrix.js";

const spec = SPEC.test;
const usage = usageOf(spec);

export const test: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const arg = onePositional(p, usage, "give one lab name or lab file");
    const matrix = p.values.matrix === true;
    const timeout = number(p.values.timeout, matrix ? 1 : PROBE_SECONDS, 0.2, 60, "--timeout", usage);
    const jobs = number(p.values.jobs, matrix ? 64 : 16, 1, 256, "--jobs", usage);
    const report = await interruptible((signal) =>
      runTests(arg, { matrix, timeout, jobs, signal, params: Object.fromEntries(params(p.values)) }),
    );
    if (report.results.length === 0) {
      io.out(
        `lab ${report.lab} has no expectations: write \`expect SRC -> DST …\`, or try \`opentop test ${arg} --matrix\``,
      );
      return EXIT.ok;
    }
    print(io, p.format, report);
    return report.ok ? EXIT.ok : EXIT.failed;
  },
};

function number(v: unknown, fallback: number, min: number, max: number, name: string, usage: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw usageError(`${name} takes a number from ${min} to ${max}`, usage);
  return n;
}

function print(io: Io, format: string, report: TestReport): void {
  const { lab, results, problems, matrix } = report;
  if (format === "json") {
    io.out(
      JSON.stringify(
        {
          lab,
          ok: problems.length === 0 && results.every((r) => r.pass !== false && r.agrees !== false),
          seconds: round(report.seconds),
          timeout: report.timeout,
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
      ? `${counted(results.length, "pair")} in ${report.seconds.toFixed(1)} s: ${agreement}`
      : `${results.length - failed - lost} of ${results.length} expectations hold with real packets; ${agreement}`,
    ...(lost ? [`${lost} cannot be judged`] : []),
  ].join("; ");
  io.out(defects || failed || lost ? io.style.error(summary) : io.style.help(summary));
}

function printTable(io: Io, lab: string, results: readonly TestResult[]): void {
  const st = io.style;
  const rows = results.map((r) => [
    r.expectation,
    `IPv${r.family}`,
    r.model.verdict,
    r.live.seen,
    `${r.live.seconds.toFixed(2)} s`,
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

/** A result as JSON: the API's, its times rounded, and `agrees` null where the model did not decide. */
function resultJson(r: TestResult): unknown {
  return { ...r, live: { ...r.live, seconds: round(r.live.seconds) }, agrees: r.agrees ?? null };
}

function round(n: number): number {
  return Number(n.toFixed(3));
}
