// Hostile input: thousands of mutated labs through the whole front end, the plan and the
// standalone script.
// The only acceptable outcomes are a clean model or diagnostics — never an exception, a
// hang, or an unsafe word in a command. OPENTOP_FUZZ=N runs N inputs (default 2000).

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildScript } from "../../src/backends/sh/script.js";
import { planJson, planText } from "../../src/backends/text.js";
import { CODES } from "../../src/diagnostics/codes.js";
import { renderJson, renderPretty, renderShort } from "../../src/diagnostics/render.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import { lowerAll } from "../../src/plan/lower.js";
import { command } from "../../src/plan/plan.js";
import { mutate, read, seeds } from "../support/fuzz.js";
import { cli, scratch } from "../support/lab.js";
import { rng } from "../support/random.js";

const COUNT = Number(process.env.OPENTOP_FUZZ ?? 2000);

/** Beyond this, an input is taken to hang (the bounds of expansion failed), not to be slow. */
const HANG_MS = 60_000;

test(`fuzz: ${COUNT} mutated labs give a model or diagnostics, never an exception`, () => {
  const corpus = seeds();
  const random = rng(20261130);
  let models = 0;
  let slowest = 0;
  for (let n = 0; n < COUNT; n++) {
    const input = mutate(corpus[n % corpus.length] ?? "", random);
    const started = performance.now();
    try {
      const file = sourceFile("fuzz.otop", input);
      const compiled = compileSource(file, { read });
      for (const d of compiled.diagnostics) {
        assert.ok(d.code in CODES, `unknown code ${d.code}`);
        if (d.span)
          assert.ok(
            d.span.start >= 0 && d.span.end <= d.span.file.bytes.length && d.span.start <= d.span.end,
          );
        renderPretty(d);
        renderShort(d);
        renderJson(d);
      }
      if (compiled.lab) {
        models++;
        // A lab on several machines: each machine's plan.
        for (const plan of lowerAll(compiled.lab)) {
          planText(plan);
          planJson(plan);
          // The standalone script too: every value from the file is quoted or rejected.
          buildScript(compiled, plan);
          // Every command is argv; every batch line passes the safe-word check inside command().
          for (const stage of [...plan.stages, ...plan.teardown])
            for (const step of stage.steps) command(step);
        }
      } else
        assert.ok(
          compiled.diagnostics.some((d) => d.severity === "error"),
          "no model means an error",
        );
    } catch (e) {
      assert.fail(`input #${n} threw ${(e as Error).stack}\n--- input ---\n${JSON.stringify(input)}`);
    }
    slowest = Math.max(slowest, performance.now() - started);
    // A watchdog for a blow-up (exponential expansion, a loop that never ends), not a speed
    // test: a mutant may legitimately expand to a hundred thousand statements (two nested
    // loops of 300), about 2 s of work here and more on a loaded machine.
    assert.ok(slowest < HANG_MS, `input #${n} took ${slowest.toFixed(0)} ms:\n${JSON.stringify(input)}`);
  }
  assert.ok(
    models > COUNT / 20,
    `only ${models} of ${COUNT} mutants compiled: the fuzzer is not reaching the planner`,
  );
});

/**
 * Depth and size: a random seed wrapped in nesting (loops, blocks, parentheses, unary
 * minuses, function calls) or grown (many lines, long lines, long words), up to far past
 * every bound. Each must give a model or diagnostics in bounded time, never an exception.
 */
function deepen(text: string, random: () => number): string {
  const depth = Math.floor(2 ** (random() * 12)); // 1 … 4096, most of them small
  const kind = Math.floor(random() * 7);
  const body = text.replace(/^lab\s+\S+\s*$/m, "");
  switch (kind) {
    case 0: // loops in loops around the whole lab
      return `lab deep\n${"for i in 1..1 {\n".repeat(depth)}${body}\n${"}\n".repeat(depth)}`;
    case 1: // an expression nested in parentheses
      return text.replace(/\{(i|[0-9]+)\}/, () => `{${"(".repeat(depth)}1${")".repeat(depth)}}`);
    case 2: // unary minuses
      return text.replace(/\{(i|[0-9]+)\}/, () => `{${"-".repeat(depth * 20)}1}`);
    case 3: // calls in calls
      return text.replace(/\{(i|[0-9]+)\}/, () => `{${"hex(".repeat(depth)}1${")".repeat(depth)}}`);
    case 4: // unbalanced: opened, never closed
      return `${text}\n${"node x {\n".repeat(depth)}`;
    case 5: // many lines
      return `${text}\n${"# a comment\nnode n{i} { eth0 -> lan 10.0.{i / 250}.{i % 250}/16 }\n".repeat(depth)}`;
    default: // a long line of words
      return `${text}\nnode long { ${"eth0 ".repeat(depth * 10)}}\n`;
  }
}

/** A diagnostic of a nesting or size bound: blocks (OT0025), or an expression's depth or length (OT0006). */
function atBound(d: { readonly code: string; readonly message: string }): boolean {
  return (
    d.code === "OT0025" ||
    (d.code === "OT0006" && /nest more than \d+ deep|at most \d+ characters/.test(d.message))
  );
}

test(`fuzz: ${Math.ceil(COUNT / 10)} labs nested deep or grown large give a model or diagnostics, in bounded time`, () => {
  const corpus = seeds();
  const random = rng(1010);
  let deepest = 0;
  for (let n = 0; n < Math.ceil(COUNT / 10); n++) {
    const input = deepen(corpus[n % corpus.length] ?? "", random);
    const started = performance.now();
    try {
      const file = sourceFile("deep.otop", input);
      const compiled = compileSource(file, { read });
      for (const d of compiled.diagnostics) {
        assert.ok(d.code in CODES, `unknown code ${d.code}`);
        renderShort(d);
        renderJson(d);
      }
      if (compiled.lab) lowerAll(compiled.lab);
      else assert.ok(compiled.diagnostics.some((d) => d.severity === "error"));
      if (compiled.diagnostics.some(atBound)) deepest++;
    } catch (e) {
      assert.fail(`input #${n} threw ${(e as Error).stack}\n--- input (start) ---\n${input.slice(0, 300)}`);
    }
    const took = performance.now() - started;
    assert.ok(took < HANG_MS, `input #${n} took ${took.toFixed(0)} ms:\n${input.slice(0, 300)}`);
  }
  assert.ok(deepest > 0, "no input reached a nesting bound: the fuzzer is not nesting deep enough");
});

test("fuzz: the CLI never prints a stack trace", () => {
  const s = scratch();
  try {
    const corpus = seeds();
    const random = rng(7);
    for (let n = 0; n < 24; n++) {
      const path = join(s.dir, `f${n}.otop`);
      const input = mutate(corpus[n % corpus.length] ?? "", random);
      writeFileSync(path, input);
      for (const command of ["check", "plan"]) {
        const r = cli([
          command,
          path,
          ...(n % 3 === 0 ? ["--json"] : n % 3 === 1 ? ["--format", "short"] : []),
        ]);
        assert.ok(r.code === 0 || r.code === 1, `${command} exited ${r.code}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .*\(.*:\d+:\d+\)/, "no stack trace");
        assert.doesNotMatch(r.stderr, /OT9003/, "no internal error");
      }
    }
  } finally {
    s.remove();
  }
});
