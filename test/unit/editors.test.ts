// Editor support (editors/): the TextMate grammar, tokenized by the engine VS Code uses
// (vscode-textmate with Oniguruma), covers every keyword table of src/syntax; the VS Code
// extension's manifest points at it, and its entry point starts `opentop lsp`.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { ASPECTS, LIMIT_KINDS } from "../../src/model/isolation.js";
import {
  CHAINS,
  NAT_ACTIONS,
  PROTOCOLS,
  RULE_CLAUSES,
  SPECIAL_CLAUSES,
  VERDICTS,
} from "../../src/syntax/filter.js";
import {
  IFACE_OPTIONS,
  LINK_SEPARATOR,
  MACHINE_OPTIONS,
  NODE_KEYWORDS,
  NODE_STATEMENTS,
  ROUTE_OPTIONS,
  SWITCH_OPTIONS,
  TOP_KEYWORDS,
  VXLAN_OPTIONS,
} from "../../src/syntax/parser.js";
import { ROOT } from "../support/lab.js";

const require = createRequire(import.meta.url);
// Both are CommonJS modules: loaded as such.
const oniguruma = require("vscode-oniguruma") as typeof import("vscode-oniguruma");
const textmate = require("vscode-textmate") as typeof import("vscode-textmate");
const GRAMMAR = join(ROOT, "editors/textmate/opentop.tmLanguage.json");
const VSCODE = join(ROOT, "editors/vscode");

/** Every keyword table of the syntax, and the words the parser reads by name. */
const TABLES: Record<string, readonly string[]> = {
  TOP_KEYWORDS,
  NODE_STATEMENTS,
  NODE_KEYWORDS,
  SWITCH_OPTIONS: Object.keys(SWITCH_OPTIONS),
  IFACE_OPTIONS: Object.keys(IFACE_OPTIONS),
  ROUTE_OPTIONS: Object.keys(ROUTE_OPTIONS),
  MACHINE_OPTIONS: Object.keys(MACHINE_OPTIONS),
  VXLAN_OPTIONS: Object.keys(VXLAN_OPTIONS),
  LINK_SEPARATOR: [LINK_SEPARATOR],
  CHAINS,
  VERDICTS,
  NAT_ACTIONS,
  PROTOCOLS,
  RULE_CLAUSES: Object.keys(RULE_CLAUSES),
  SPECIAL_CLAUSES,
  "the isolation's aspects (ASPECTS)": ASPECTS,
  LIMIT_KINDS,
  "words of the parser": ["policy", "nat", "state", "in", "else", "param", "host", "default"],
};

const KEYWORD_SCOPE = /^(keyword|storage|support|constant\.language)\./;

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

async function tokenizer(): Promise<(text: string) => Token[][]> {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === "source.opentop" ? textmate.parseRawGrammar(readFileSync(GRAMMAR, "utf8"), GRAMMAR) : null,
  });
  const grammar = await registry.loadGrammar("source.opentop");
  assert.ok(grammar, "the grammar loads");
  return (text) => {
    let state = textmate.INITIAL;
    return text.split("\n").map((line) => {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
}

const tokenize = await tokenizer();

function scopesOf(line: string, word: string): readonly string[] {
  const t = tokenize(line)[0]?.find((tok) => tok.text === word);
  assert.ok(t, `\`${word}\` is a token of its own in \`${line}\``);
  return t.scopes;
}

test("the grammar highlights every keyword of every table of src/syntax", () => {
  const missing: string[] = [];
  for (const [table, words] of Object.entries(TABLES))
    for (const word of words) {
      const scopes = scopesOf(`  ${word} `, word);
      if (!scopes.some((s) => KEYWORD_SCOPE.test(s))) missing.push(`${word} (${table}): ${scopes.join(" ")}`);
    }
  assert.deepEqual(missing, [], "keywords the grammar does not highlight");
});

test("the grammar: declarations, addresses, interpolations, strings, comments and nft text", () => {
  const has = (line: string, word: string, scope: string) =>
    assert.ok(
      scopesOf(line, word).some((s) => s.startsWith(scope)),
      `${word} in \`${line}\`: ${scopesOf(line, word).join(" ")}`,
    );
  has("node r1 {", "r1", "entity.name.type");
  has("  eth0 -> lan 10.0.0.1/24 fd00::1/64", "10.0.0.1/24", "constant.numeric.address");
  has("  eth0 -> lan 10.0.0.1/24 fd00::1/64", "fd00::1/64", "constant.numeric.address");
  has("  eth0 -> lan 10.0.0.1/24", "->", "keyword.operator");
  has("  route default via {ip(p, 1)}", "ip", "support.function");
  has(
    '  run web "python3 -m http.server # not a comment"',
    "python3 -m http.server # not a comment",
    "string",
  );
  has("  forward  # on", "# on", "comment");
  has("  wan -> rb.wan { rate 20mbit delay 30ms }", "20mbit", "constant.numeric");
  const nft = tokenize(
    "  nft {\n    table inet x { # c\n      chain y { }\n    }\n  }\n  route default via 1.2.3.4",
  );
  const scopesAt = (line: number, text: string) =>
    nft[line]?.find((t) => t.text.includes(text))?.scopes ?? [];
  assert.ok(scopesAt(1, "table").includes("source.nft"), "nft text is nftables'");
  assert.ok(
    scopesAt(1, "# c").some((s) => s.startsWith("comment")),
    "comments in nft text",
  );
  assert.ok(
    !scopesAt(5, "route").includes("source.nft"),
    "the block ends at its `}`, nested braces balanced",
  );
});

test("every example highlights: each comment as a comment, no text left unscoped between words", () => {
  for (const name of readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".otop"))) {
    const text = readFileSync(join(ROOT, "examples", name), "utf8");
    for (const [i, line] of tokenize(text).entries())
      for (const t of line) {
        if (t.text.trim() === "") continue;
        // Names may stay plain; punctuation, numbers and addresses may not.
        assert.ok(
          t.scopes.length > 1 || /^\.?[A-Za-z][\w.-]*(\s+\.?[A-Za-z][\w.-]*)*$/.test(t.text.trim()),
          `${name}:${i + 1}: \`${t.text}\` unscoped`,
        );
        if (t.text.startsWith("#"))
          assert.ok(
            t.scopes.some((s) => s.startsWith("comment")),
            `${name}:${i + 1}`,
          );
      }
  }
});

test("the VS Code extension: its grammar is the grammar, its language configuration, its entry point", () => {
  const manifest = JSON.parse(readFileSync(join(VSCODE, "package.json"), "utf8"));
  const [language] = manifest.contributes.languages;
  const [grammar] = manifest.contributes.grammars;
  assert.deepEqual(language.extensions, [".otop"]);
  assert.equal(grammar.language, language.id);
  assert.equal(realpathSync(join(VSCODE, grammar.path)), realpathSync(GRAMMAR), "one grammar file, linked");
  assert.equal(grammar.scopeName, JSON.parse(readFileSync(GRAMMAR, "utf8")).scopeName);
  const config = JSON.parse(readFileSync(join(VSCODE, language.configuration), "utf8"));
  assert.equal(config.comments.lineComment, "#");
  assert.deepEqual(config.brackets[0], ["{", "}"]);
  assert.ok(new RegExp(config.wordPattern).exec("r1.eth0")?.[0] === "r1.eth0", "an endpoint is one word");

  // The entry point, with VS Code and the language client played by fakes.
  const started: unknown[] = [];
  const fakes: Record<string, unknown> = {
    vscode: { workspace: { getConfiguration: () => ({ get: (_: string, d: string) => d }) } },
    "vscode-languageclient/node": {
      LanguageClient: class {
        constructor(...args: unknown[]) {
          started.push(args);
        }
        start() {
          return Promise.resolve();
        }
      },
    },
  };
  const Module = require("node:module") as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  Module._load = (request, ...rest) => (request in fakes ? fakes[request] : load(request, ...rest));
  try {
    const ext = require(join(VSCODE, manifest.main)) as { activate: () => unknown };
    ext.activate();
  } finally {
    Module._load = load;
  }
  const [[id, , server, client]] = started as [
    [string, string, { run: unknown }, { documentSelector: unknown }],
  ];
  assert.equal(id, "opentop");
  assert.deepEqual(server.run, { command: "opentop", args: ["lsp"] });
  assert.deepEqual(client.documentSelector, [{ language: "opentop" }]);
});
