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
import { lower } from "../../src/plan/lower.js";
import { command } from "../../src/plan/plan.js";
import { mutate, read, rng, seeds } from "../support/fuzz.js";
import { cli, scratch } from "../support/lab.js";

const COUNT = Number(process.env.OPENTOP_FUZZ ?? 2000);

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
        const plan = lower(compiled.lab);
        planText(plan);
        planJson(plan);
        // The standalone script too: every value from the file is quoted or rejected.
        buildScript(compiled, plan);
        // Every command is argv; every batch line passes the safe-word check inside command().
        for (const stage of [...plan.stages, ...plan.teardown]) for (const step of stage.steps) command(step);
      } else
        assert.ok(
          compiled.diagnostics.some((d) => d.severity === "error"),
          "no model means an error",
        );
    } catch (e) {
      assert.fail(`input #${n} threw ${(e as Error).stack}\n--- input ---\n${JSON.stringify(input)}`);
    }
    slowest = Math.max(slowest, performance.now() - started);
    assert.ok(slowest < 5000, `input #${n} took ${slowest.toFixed(0)} ms:\n${JSON.stringify(input)}`);
  }
  assert.ok(
    models > COUNT / 20,
    `only ${models} of ${COUNT} mutants compiled: the fuzzer is not reaching the planner`,
  );
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
