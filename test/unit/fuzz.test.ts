// Hostile input: thousands of mutated labs through the whole front end, the plan and the
// standalone script.
// The only acceptable outcomes are a clean model or diagnostics — never an exception, a
// hang, or an unsafe word in a command. OPENTOP_FUZZ=N runs N inputs (default 2000).

import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { buildScript } from "../../src/backends/sh/script.js";
import { planJson, planText } from "../../src/backends/text.js";
import { CODES } from "../../src/diagnostics/codes.js";
import { renderJson, renderPretty, renderShort } from "../../src/diagnostics/render.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileSource } from "../../src/model/compile.js";
import type { Reader } from "../../src/model/sources.js";
import { lowerAll } from "../../src/plan/lower.js";
import { command } from "../../src/plan/plan.js";
import { cli, ROOT, scratch } from "../support/lab.js";

const COUNT = Number(process.env.OPENTOP_FUZZ ?? 2000);

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  "{",
  "}",
  "->",
  "!->",
  '"',
  "'",
  ";",
  "\n",
  "\0",
  "\\",
  "$(rm -rf /)",
  "`id`",
  "$HOME",
  "a b",
  "é",
  "☃",
  "\u202e",
  "{i+}",
  "{1/0}",
  "{99999999999999999999}",
  "[1..99999999]",
  "[3..1]",
  "..",
  "-1",
  "0",
  "65536",
  "255.255.255.255/32",
  "0.0.0.0/0",
  "::/0",
  "fe80::1%eth0",
  "10.0.0.1/33",
  "lo",
  "host",
  "forward",
  "route default via 10.0.0.1",
  "sysctl kernel.x 1",
  "mtu 1",
  "mac ff:ff:ff:ff:ff:ff",
  "x".repeat(5000),
  "node",
  "switch",
  "lab",
  "param n = ",
  "for i in 1..3 {",
  '"a\\qb"',
  "# comment",
  // composition (docs/language.md): links, conditions, let, pools, includes, templates
  "link a.eth0 -- b.eth0",
  "link r{k}.right {host(net(10.255.0.0/16, 31, k), 0)} -- r{k+1}.left {host(net(10.255.0.0/16, 31, k), 1)}",
  " -- ",
  "if k > 1 {",
  "} else {",
  "} else if k == 2 {",
  "else",
  "if not (i % 2 == 0) or n != 3 { forward }",
  'if "a" == 1 { }',
  "let p = net(fd00::/48, 64, i)",
  "let = ",
  "{host(10.1.0.0/24, i)}",
  "{net(10.0.0.0/8, 33, 1)}",
  "{ip(host(::/0, 99999999999999))}",
  "{host(p, -1)}",
  'include "part.otop"',
  'include "self.otop"',
  'include "missing.otop"',
  "include x{i}.otop",
  "template t { param k\n lo 10.9.{k}.1/32 }",
  "use t k={i}",
  "use t k=1 k=2",
  "use nope",
  "template t { use t }",
];

/** Included files, from memory, so that the fuzzer never reads the disk. */
const PARTS: Record<string, string> = {
  "part.otop": "template t {\n  param k = 1\n  lo 10.9.{k}.1/32\n}\nswitch fuzzsw\n",
  "self.otop": 'include "self.otop"\nnode fz { lo 10.8.0.1/32 }\n',
};
const read: Reader = (path) => {
  const text = PARTS[path];
  if (text === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
  return { bytes: Buffer.from(text), id: path };
};

function seeds(): string[] {
  const dirs = [join(ROOT, "examples"), join(ROOT, "test/golden/cases")];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".otop"))
      .map((f) => readFileSync(join(d, f), "utf8")),
  );
}

function mutate(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  let out = text;
  const rounds = 1 + Math.floor(random() * 4);
  for (let r = 0; r < rounds; r++) {
    const at = Math.floor(random() * (out.length + 1));
    switch (Math.floor(random() * 6)) {
      case 0: // delete a range
        out = out.slice(0, at) + out.slice(at + Math.floor(random() * 40));
        break;
      case 1: // insert something hostile
        out = out.slice(0, at) + pick(HOSTILE) + out.slice(at);
        break;
      case 2: {
        // replace a word
        const words = out.split(/(\s+)/);
        const i = Math.floor(random() * words.length);
        if (!/^\s*$/.test(words[i] ?? "")) words[i] = pick(HOSTILE);
        out = words.join("");
        break;
      }
      case 3: {
        // duplicate or drop a line
        const lines = out.split("\n");
        const i = Math.floor(random() * lines.length);
        if (random() < 0.5) lines.splice(i, 0, lines[i] ?? "");
        else lines.splice(i, 1);
        out = lines.join("\n");
        break;
      }
      case 4: // flip a byte to a random printable or control character
        out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + out.slice(at + 1);
        break;
      default: // splice in part of another lab
        out = out.slice(0, at) + out.slice(Math.floor(random() * out.length));
    }
  }
  return out;
}

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
