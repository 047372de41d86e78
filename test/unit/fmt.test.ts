// The formatter: one canonical style, every comment kept, idempotent, and never a change to
// what a lab means — the plan of every example, golden case and fuzzed lab is the same
// before and after, and so are the diagnostics of those that do not compile.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { planJson } from "../../src/backends/text.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { format } from "../../src/format/format.js";
import { type CompileOptions, compileSource } from "../../src/model/compile.js";
import { lowerAll } from "../../src/plan/lower.js";
import { Lexer, type Trivia } from "../../src/syntax/lexer.js";
import { parse } from "../../src/syntax/parser.js";
import { mutate, read, seeds } from "../support/fuzz.js";
import { cli, ROOT, scratch } from "../support/lab.js";
import { rng } from "../support/random.js";

const COUNT = Number(process.env.OPENTOP_FUZZ ?? 2000);

function fmt(text: string, path = "lab.otop"): string {
  const r = format(sourceFile(path, text));
  if (r.text === undefined) assert.fail(r.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return r.text;
}

/** Every `#` comment as written (those inside `nft { … }` are its text, which the plan holds). */
function commentsOf(text: string): string[] {
  const trivia: Trivia = { tokens: [], comments: [] };
  const file = sourceFile("c.otop", text);
  parse(file, undefined, trivia);
  return trivia.comments.map((c) => Buffer.from(file.bytes.subarray(c.start, c.end)).toString().trimEnd());
}

/** What a lab means: its plan without the places that asked for each operation, or its diagnostics. */
function meaning(path: string, text: string, options: CompileOptions = {}): string {
  const compiled = compileSource(sourceFile(path, text), options);
  if (!compiled.lab) return JSON.stringify(compiled.diagnostics.map((d) => `${d.code} ${d.message}`).sort());
  // A lab on several machines: every machine's plan.
  return JSON.stringify(lowerAll(compiled.lab).map(planJson), (key, value) =>
    key === "origin" ? undefined : value,
  );
}

function labFiles(): string[] {
  const dirs = ["examples", "test/golden/cases", "test/golden/cases/parts"].map((d) => join(ROOT, d));
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".otop"))
      .map((f) => join(d, f)),
  );
}

test("fmt over every example and golden case: idempotent, the same plan, every comment kept", () => {
  let formatted = 0;
  for (const path of labFiles()) {
    const text = readFileSync(path, "utf8");
    const r = format(sourceFile(path, text));
    if (r.text === undefined) {
      // Only the golden cases of syntax errors may be refused, for their syntax errors.
      assert.match(path, /errors-/, `${path}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
      assert.ok(r.diagnostics.every((d) => /^OT0|^OT4/.test(d.code)));
      continue;
    }
    formatted++;
    assert.equal(fmt(r.text, path), r.text, `${path}: fmt twice differs from fmt once`);
    assert.equal(meaning(path, r.text), meaning(path, text), `${path}: the plan changed`);
    assert.deepEqual(commentsOf(r.text), commentsOf(text), `${path}: comments changed`);
  }
  assert.ok(formatted >= 20, `only ${formatted} files formatted`);
});

test("every example is already in canonical style", () => {
  for (const path of labFiles().filter((p) => p.includes("/examples/"))) {
    const text = readFileSync(path, "utf8");
    assert.equal(fmt(text, path), text, `${path} is not formatted: run \`opentop fmt ${path}\``);
  }
});

/**
 * Formats input #n: refused only for its syntax (never as unsafe), else idempotent, with the
 * same meaning and comments. Returns undefined when refused, else whether the lab compiled.
 */
function formatsSafely(input: string, n: number): boolean | undefined {
  const r = format(sourceFile("fuzz.otop", input));
  if (r.text === undefined) {
    assert.ok(
      r.diagnostics.every((d) => d.code !== "OT9031"),
      `input #${n} was refused as unsafe: ${r.diagnostics[0]?.message}\n${JSON.stringify(input)}`,
    );
    return undefined;
  }
  const where = `input #${n}:\n${JSON.stringify(input)}\n--- formatted ---\n${r.text}`;
  assert.equal(fmt(r.text, "fuzz.otop"), r.text, `not idempotent, ${where}`);
  const before = meaning("fuzz.otop", input, { read });
  assert.equal(meaning("fuzz.otop", r.text, { read }), before, `the meaning changed, ${where}`);
  assert.deepEqual(commentsOf(r.text), commentsOf(input), `comments changed, ${where}`);
  // A lab that compiled means its plans (`[{…}]`); one that did not, its diagnostics (`["…"]`).
  return before.startsWith("[{");
}

test(`fmt over ${COUNT} fuzzed labs: what parses is formatted, idempotent, and means the same`, () => {
  const corpus = seeds();
  const random = rng(17);
  const outcomes = Array.from({ length: COUNT }, (_, n) =>
    formatsSafely(mutate(corpus[n % corpus.length] ?? "", random), n),
  );
  const formatted = outcomes.filter((o) => o !== undefined).length;
  const compiled = outcomes.filter((o) => o === true).length;
  assert.ok(formatted > COUNT / 10, `only ${formatted} of ${COUNT} mutants parsed`);
  assert.ok(compiled > COUNT / 20, `only ${compiled} of ${COUNT} mutants compiled`);
});

/** Offsets of every occurrence of a character. */
function offsets(text: string, ch: string): number[] {
  return [...text].flatMap((c, i) => (c === ch ? [i] : []));
}

/** The same lab laid out at random: blanks, blank lines, comments, continuations, `;`, CRLF. */
function jiggle(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
  let out = text;
  const rounds = 1 + Math.floor(random() * 6);
  for (let r = 0; r < rounds; r++) {
    const nl = pick(offsets(out, "\n"));
    const sp = pick(offsets(out, " "));
    const at = (i: number | undefined, cut: number, put: string) =>
      i === undefined ? out : out.slice(0, i) + put + out.slice(i + cut);
    switch (Math.floor(random() * 7)) {
      case 0:
        out = at(nl, 0, `${" ".repeat(Math.floor(random() * 9))}# after ${r}`);
        break;
      case 1:
        out = at(nl, 0, `\n${" ".repeat(Math.floor(random() * 9))}# alone ${r}`);
        break;
      case 2:
        out = at(sp, 1, pick(["  ", "\t", " \\\n    ", "   "]) ?? " ");
        break;
      case 3:
        out = at(nl, 0, "\n\n\n");
        break;
      case 4:
        out = at(nl, 1, pick([";", " ; ", "\r\n"]) ?? ";");
        break;
      case 5:
        out = at(nl === undefined ? undefined : nl + 1, 0, pick(["  ", "\t", "      "]) ?? "");
        break;
      default:
        out = at(nl, 1, "\n}\nnode jiggle {\n");
    }
  }
  return out;
}

test(`fmt over ${COUNT} labs laid out at random: formatted, idempotent, the same meaning and comments`, () => {
  const corpus = seeds();
  const random = rng(1717);
  const outcomes = Array.from({ length: COUNT }, (_, n) =>
    formatsSafely(jiggle(corpus[n % corpus.length] ?? "", random), n),
  );
  const formatted = outcomes.filter((o) => o !== undefined).length;
  assert.ok(formatted > COUNT / 3, `only ${formatted} of ${COUNT} labs parsed`);
});

/** Input and the canonical text it becomes. */
const STYLE: readonly [string, string, string][] = [
  [
    "indentation and spacing",
    "lab  x\nnode a{\n      eth0->b.eth0   10.0.0.1/30\n}\n",
    "lab x\nnode a {\n  eth0 -> b.eth0 10.0.0.1/30\n}\n",
  ],
  [
    "`;` in a multi-line block splits lines",
    "node a {\n  forward; eth0 10.0.0.1/30\n}\n",
    "node a {\n  forward\n  eth0 10.0.0.1/30\n}\n",
  ],
  [
    "a one-line block stays on its line",
    "node a {forward ;eth0 10.0.0.1/30}\n",
    "node a { forward; eth0 10.0.0.1/30 }\n",
  ],
  ["top-level `;` splits lines", "switch a; switch b\n", "switch a\nswitch b\n"],
  [
    "blank lines: at most one, none at the edges",
    "\n\nlab x\n\n\n\nswitch s\nnode a {\n\n  forward\n\n}\n\n",
    "lab x\n\nswitch s\nnode a {\n  forward\n}\n",
  ],
  ["an empty block", "node a {\n}\nnode b\n", "node a {}\nnode b\n"],
  [
    "comments alone on a line keep their place and the block's level",
    "# head\n\nnode a {\n# inside\n      forward\n    # last\n}\n# tail\n",
    "# head\n\nnode a {\n  # inside\n  forward\n  # last\n}\n# tail\n",
  ],
  [
    "comments after code stay there, aligned in a run",
    "node a {  # opens\n  forward # on\n  eth0 10.0.0.1/30     # the link\n}   # closes\n",
    "node a {  # opens\n  forward           # on\n  eth0 10.0.0.1/30  # the link\n}  # closes\n",
  ],
  [
    "a comment in an empty block keeps it open",
    "node a { # nothing yet\n}\n",
    "node a {  # nothing yet\n}\n",
  ],
  [
    "line continuations stay where they were",
    "link a.x 10.0.0.0/31 \\\n          -- b.y 10.0.0.1/31\n",
    "link a.x 10.0.0.0/31 \\\n  -- b.y 10.0.0.1/31\n",
  ],
  [
    "if, else if, else",
    "node a {\n  if k>1 { forward }   else if k == 1 {\n  forward\n  } else { route default via 10.0.0.1 }\n}\n",
    "node a {\n  if k>1 { forward } else if k == 1 {\n    forward\n  } else { route default via 10.0.0.1 }\n}\n",
  ],
  [
    "`else { if … }` stays a block",
    "node a { if x { forward } else { if y { forward } } }\n",
    "node a { if x { forward } else { if y { forward } } }\n",
  ],
  [
    "words, strings and interpolations are kept as written",
    'node pc [ 1..{n} ] { run  "a  b"; eth0 10.0.{i}.1/24 }\n',
    'node pc[1..{n}] { run "a  b"; eth0 10.0.{i}.1/24 }\n',
  ],
  [
    "options inline and in a block, in the order written",
    "node a { eth0 -> lan mtu 1400 10.0.0.1/24 {\n  rate 1mbit ;delay 5ms\n  both\n} }\n",
    "node a {\n  eth0 -> lan mtu 1400 10.0.0.1/24 {\n    rate 1mbit\n    delay 5ms\n    both\n  }\n}\n",
  ],
  [
    "templates: parameters and statements in the order written",
    "template t {\nforward\nparam k  =  1\n}\nnode a { use t  k = 2 }\n",
    "template t {\n  forward\n  param k = 1\n}\nnode a { use t k=2 }\n",
  ],
  [
    "filters: `nat`, `ct state`, NAT targets as written",
    "node a { filter {\n  forward   accept ct  state established\n  nat  dnat to [fd00::1]:80 in wan tcp dport 80\n  input policy  drop\n} }\n",
    "node a {\n  filter {\n    forward accept ct state established\n    nat dnat to [fd00::1]:80 in wan tcp dport 80\n    input policy drop\n  }\n}\n",
  ],
  [
    "nft text re-indented, its lines kept",
    "node a {\nnft {\n        table inet x {   \n          chain y { }\n        }\n}\n}\n",
    "node a {\n  nft {\n    table inet x {\n      chain y { }\n    }\n  }\n}\n",
  ],
  [
    "let, for and include",
    'include   "p.otop"\nfor k in 1..3 {\n let  p = net(10.0.0.0/8, 24, k)   # a pool\n}\n',
    'include "p.otop"\nfor k in 1..3 {\n  let p = net(10.0.0.0/8, 24, k)  # a pool\n}\n',
  ],
  ["CRLF line ends become LF", "lab x\r\nswitch s\r\n", "lab x\nswitch s\n"],
  ["an empty file stays empty", "\n\n", ""],
];

for (const [what, input, expected] of STYLE)
  test(`fmt style: ${what}`, () => {
    assert.equal(fmt(input), expected);
    assert.equal(fmt(expected), expected, "idempotent");
  });

test("fmt refuses a file with syntax errors, with the parser's diagnostics", () => {
  const r = format(sourceFile("bad.otop", "node a {\n  eth0 -> \n}\n"));
  assert.equal(r.text, undefined);
  assert.deepEqual(
    r.diagnostics.map((d) => d.code),
    ["OT0003"],
  );
  const binary = format(sourceFile("bin.otop", Buffer.from([0x6c, 0x00, 0x62])));
  assert.deepEqual(
    binary.diagnostics.map((d) => d.code),
    ["OT0009"],
  );
});

test("the lexer's trivia: every comment once, none from strings or nft text", () => {
  const text = 'lab x # a\nnode n { run "# not" # b\n nft { # c\n } }\n';
  const trivia: Trivia = { tokens: [], comments: [] };
  const lexer = new Lexer(sourceFile("t.otop", text), undefined, trivia);
  while (lexer.next().kind !== "eof");
  assert.equal(trivia.comments.length, 3, "a lexer alone reads nft text as tokens: a, b and c");
  const parsed: Trivia = { tokens: [], comments: [] };
  parse(sourceFile("t.otop", text), undefined, parsed);
  assert.equal(parsed.comments.length, 2, "the parser reads nft text raw: a and b");
});

test("the OT9030 example of docs/diagnostics.md is what `fmt --check` prints", async () => {
  const page = readFileSync(join(ROOT, "docs/diagnostics.md"), "utf8");
  const m =
    /### OT9030[\s\S]*?```\n(lab [\s\S]*?)```\n\n```\n\$ opentop fmt --check lab\.otop\n([\s\S]*?)```/.exec(
      page,
    );
  assert.ok(m, "docs/diagnostics.md has an OT9030 example with its lab");
  const [, lab = "", shown = ""] = m;
  const s = scratch();
  try {
    writeFileSync(join(s.dir, "lab.otop"), lab);
    const r = cli(["fmt", "--check", "lab.otop"], { cwd: s.dir });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, shown);
    assert.equal(readFileSync(join(s.dir, "lab.otop"), "utf8"), lab, "--check writes nothing");
  } finally {
    s.remove();
  }
});

test("`opentop fmt` rewrites files whole, through symlinks, keeping their mode; `-` is standard input", () => {
  const s = scratch();
  try {
    const messy = "lab x\nnode a {\nforward\n}\n";
    const clean = "lab x\nnode a {\n  forward\n}\n";
    const real = join(s.dir, "real.otop");
    writeFileSync(real, messy, { mode: 0o600 });
    symlinkSync(real, join(s.dir, "link.otop"));
    writeFileSync(join(s.dir, "tidy.otop"), clean);
    const r = cli(["fmt", "link.otop", "tidy.otop"], { cwd: s.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "link.otop\n", "the files rewritten, by name");
    assert.equal(readFileSync(real, "utf8"), clean);
    assert.ok(lstatSync(join(s.dir, "link.otop")).isSymbolicLink(), "the symlink stays a symlink");
    assert.equal(statSync(real).mode & 0o777, 0o600);
    assert.deepEqual(
      readdirSync(s.dir).sort(),
      ["link.otop", "real.otop", "tidy.otop"],
      "no file left beside",
    );
    const piped = cli(["fmt", "-"], { input: messy });
    assert.equal(piped.code, 0);
    assert.equal(piped.stdout, clean);
    const json = cli(["fmt", "--check", "--json", "-"], { input: messy });
    assert.equal(json.code, 1);
    const doc = JSON.parse(json.stdout) as {
      ok: boolean;
      files: { status: string }[];
      diagnostics: { code: string }[];
    };
    assert.equal(doc.ok, false);
    assert.deepEqual(
      doc.files.map((f) => f.status),
      ["not formatted"],
    );
    assert.deepEqual(
      doc.diagnostics.map((d) => d.code),
      ["OT9030"],
    );
  } finally {
    s.remove();
  }
});

test("`opentop fmt` leaves a file with syntax errors, and one it cannot read, as they are", () => {
  const s = scratch();
  try {
    const bad = "lab x\nnode a {\n  eth0 ->\n}\n";
    writeFileSync(join(s.dir, "bad.otop"), bad);
    execFileSync("mkfifo", [join(s.dir, "fifo.otop")]);
    const r = cli(["fmt", "bad.otop", "missing.otop", "fifo.otop", "."], { cwd: s.dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read fifo\.otop: not a regular file/, "a FIFO is refused, not waited on");
    assert.match(r.stderr, /cannot read \.: it is a directory/);
    assert.match(r.stderr, /error\[OT0003\]/);
    assert.match(r.stderr, /error\[OT9001\]: cannot read missing\.otop: no such file/);
    assert.equal(readFileSync(join(s.dir, "bad.otop"), "utf8"), bad);
    assert.equal(cli(["fmt"]).code, 2, "no file is a usage error");
  } finally {
    s.remove();
  }
});

test("the example of docs/language.md, Style, is what fmt writes", () => {
  const page = readFileSync(join(ROOT, "docs/language.md"), "utf8");
  const m = /## Style[\s\S]*?```\n# before\n([\s\S]*?)\n# after `opentop fmt`\n([\s\S]*?)```/.exec(page);
  assert.ok(m, "docs/language.md has a before and after in its Style section");
  const [, before = "", after = ""] = m;
  assert.equal(fmt(before), after);
});
