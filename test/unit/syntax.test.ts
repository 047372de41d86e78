// The lexer and parser: tokens, interpolations, recovery.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { Lexer } from "../../src/syntax/lexer.js";
import { parse } from "../../src/syntax/parser.js";

function tokens(text: string): string[] {
  const lexer = new Lexer(sourceFile("t.otop", text));
  const out: string[] = [];
  for (let t = lexer.next(); t.kind !== "eof"; t = lexer.next()) out.push(`${t.kind}:${t.text}`);
  return out;
}

test("lexer: words, arrows, braces, strings, comments and line breaks", () => {
  assert.deepEqual(tokens('node a { eth0->b.eth0 10.0.0.1/30 } # c\nrun "x \\"y\\""'), [
    "word:node",
    "word:a",
    "lbrace:{",
    "word:eth0",
    "arrow:->",
    "word:b.eth0",
    "word:10.0.0.1/30",
    "rbrace:}",
    "newline:\n",
    "word:run",
    'string:"x \\"y\\""',
  ]);
});

test("lexer: `{expr}` glued to a word is an interpolation, a spaced `{` opens a block", () => {
  const lexer = new Lexer(sourceFile("t.otop", "pc{i+1}x 10.0.{i}.1/24 node {"));
  const w = lexer.next();
  assert.deepEqual(
    w.parts?.map((p) => (p.kind === "text" ? p.text : `{${p.source}}`)),
    ["pc", "{i+1}", "x"],
  );
  const addr = lexer.next();
  assert.deepEqual(
    addr.parts?.map((p) => (p.kind === "text" ? p.text : `{${p.source}}`)),
    ["10.0.", "{i}", ".1/24"],
  );
  assert.equal(lexer.next().text, "node");
  assert.equal(lexer.next().kind, "lbrace");
});

test("lexer: `name{ eth0 -> x }` on one line is a block, not an interpolation", () => {
  assert.deepEqual(tokens("node a{ eth0 -> b.eth0 }").slice(0, 3), ["word:node", "word:a", "lbrace:{"]);
});

test("lexer: string escapes decode; a bad escape and an unterminated string are reported", () => {
  const d = new Diagnostics();
  const lexer = new Lexer(sourceFile("t.otop", '"a\\tb\\n" "bad\\q" "open\n'), d);
  assert.equal(lexer.next().value, "a\tb\n");
  lexer.next();
  lexer.next();
  assert.deepEqual(
    d.list.map((x) => x.code),
    ["OT0005", "OT0002"],
  );
});

test("lexer: an unexpected character is reported once and skipped", () => {
  const d = new Diagnostics();
  const lexer = new Lexer(sourceFile("t.otop", "a ☃ b"), d);
  assert.equal(lexer.next().text, "a");
  assert.equal(lexer.next().text, "b");
  assert.equal(d.list[0]?.code, "OT0001");
  assert.equal(d.list[0]?.span?.end, 2 + Buffer.byteLength("☃"), "the span covers the whole UTF-8 sequence");
});

test("lexer: rawBlock returns literal text up to the balancing brace", () => {
  const lexer = new Lexer(
    sourceFile("t.otop", "nft { chain c { type filter hook input priority 0; } } tail"),
  );
  lexer.next();
  assert.equal(lexer.next().kind, "lbrace");
  const raw = lexer.rawBlock();
  assert.equal(raw?.text.trim(), "chain c { type filter hook input priority 0; }");
  assert.equal(lexer.next().kind, "rbrace");
  assert.equal(lexer.next().text, "tail");
});

test("parser: a whole lab parses into statements with spans", () => {
  const file = sourceFile(
    "t.otop",
    "lab x\nparam n = 3\nswitch s { mtu 1400 }\nnode h[1..{n}] {\n  eth0 -> s 10.0.0.{i}/24\n}\n",
  );
  const d = new Diagnostics();
  const tree = parse(file, d);
  assert.deepEqual(d.list, []);
  assert.deepEqual(
    tree.statements.map((s) => s.kind),
    ["lab", "param", "switch", "node"],
  );
  const node = tree.statements[3];
  assert.ok(node?.kind === "node" && node.name.range, "the node has a range");
});

test("parser: recovers after each error and reports all of them in one run", () => {
  const d = new Diagnostics();
  parse(
    sourceFile(
      "t.otop",
      "lab x\nnode a {\n  route\n  eth0 -> \n  sysctl k\n}\nbogus\nnode b { eth0 -> s }\n",
    ),
    d,
  );
  assert.deepEqual(
    d.list.map((x) => x.code),
    ["OT0003", "OT0003", "OT0003", "OT0007"],
  );
});

test("parser: what a node body may hold is named whole, isolation statements included", () => {
  const d = new Diagnostics();
  parse(sourceFile("t.otop", 'lab x\nnode a {\n  "eth0"\n}\n'), d);
  assert.equal(
    d.list[0]?.message,
    "expected an interface or a statement (`route`, `forward`, `sysctl`, `filter`, `nft`, `for`, `isolate`, `hostname`, `mount`, `bind`, `root`, `limit`, `run`, `let`, `if`, `use`)",
  );
});

test("parser: an unclosed block is reported at its `{`", () => {
  const d = new Diagnostics();
  parse(sourceFile("t.otop", "lab x\nnode a {\n  eth0 -> s\n"), d);
  assert.equal(d.list[0]?.code, "OT0004");
  assert.equal(d.list[0]?.span?.start, "lab x\nnode a ".length);
});

test("parser: unknown options name the known ones", () => {
  const d = new Diagnostics();
  parse(sourceFile("t.otop", "lab x\nswitch s { speed 10 }\n"), d);
  assert.equal(d.list[0]?.code, "OT0003");
  assert.match(d.list[0]?.help ?? "", /`mtu`/);
});

test("lexer: a word may start with a tight interpolation; a spaced `{` stays a block", () => {
  const lexer = new Lexer(sourceFile("t.otop", "{a+1}.0.{i}/24 {b} { mtu 1400 }"));
  const first = lexer.next();
  assert.equal(first.kind, "word");
  assert.deepEqual(
    first.parts?.map((p) => (p.kind === "text" ? p.text : `{${p.source}}`)),
    ["{a+1}", ".0.", "{i}", "/24"],
  );
  assert.equal(lexer.next().text, "{b}");
  assert.equal(lexer.next().kind, "lbrace");
});
