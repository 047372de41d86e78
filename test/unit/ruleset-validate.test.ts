// Every generated ruleset (of the golden cases and the examples) is one the tools accept:
// nft rulesets pass `nft -c -f -` and load into a throwaway namespace; iptables rulesets
// load with both iptables variants of this machine (nft and legacy), and read back by
// iptables-save exactly as written, which is what status's drift comparison relies on.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { compileFile } from "../../src/model/compile.js";
import { type Firewall, usesFirewall } from "../../src/plan/firewall.js";
import { lower } from "../../src/plan/lower.js";
import { command } from "../../src/plan/plan.js";
import { IS_ROOT, ROOT } from "../support/lab.js";

const SKIP = IS_ROOT ? false : "needs root (nft and iptables talk to the kernel, in a throwaway namespace)";

const sources = [
  ...readdirSync(join(ROOT, "test/golden/cases")).map((f) => join(ROOT, "test/golden/cases", f)),
  ...readdirSync(join(ROOT, "examples")).map((f) => join(ROOT, "examples", f)),
].filter((f) => f.endsWith(".otop"));

/** The stdin of every step of `tool` in the lab's plan, or nothing when it cannot be lowered so. */
function scripts(path: string, firewall: Firewall, tool: string): string[] {
  const lab = compileFile(path).lab;
  if (!lab || !usesFirewall(lab)) return [];
  try {
    return lower(lab, { firewall })
      .stages.flatMap((s) => s.steps)
      .filter((s) => s.tool === tool)
      .map((s) => command(s).stdin ?? "");
  } catch {
    return []; // OT4009: covered by the golden iptables baselines
  }
}

function scratch(argv: string[], stdin: string) {
  return spawnSync("unshare", ["--net", "--", ...argv], { input: stdin, encoding: "utf8" });
}

/**
 * Policies and `-A` lines as iptables-save prints them, each prefixed with its table
 * (legacy and nft variants save the tables in different orders), without counters.
 */
function ruleLines(text: string): string[] {
  let table = "";
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/^\[\d+:\d+\] /, "").replace(/ \[\d+:\d+\]$/, "");
    if (line.startsWith("*")) table = line;
    else if (line.startsWith("-A ") || line.startsWith(":")) out.push(`${table} ${line}`);
  }
  return out;
}

/** Table by table (a stable sort), each table's lines in their order. */
function byTable(lines: readonly string[]): string[] {
  const table = (l: string) => l.split(" ")[0] ?? "";
  return [...lines].sort((a, b) => table(a).localeCompare(table(b)));
}

describe("generated rulesets", { skip: SKIP }, () => {
  for (const path of sources) {
    const name = path.slice(ROOT.length + 1);
    const nft = scripts(path, "nft", "nft");
    if (nft.length)
      test(`nft accepts ${name}`, () => {
        for (const script of nft) {
          const checked = scratch(["nft", "-c", "-f", "-"], script);
          assert.equal(checked.status, 0, `nft -c:\n${checked.stderr}\n${script}`);
          const loaded = scratch(["nft", "-f", "-"], script);
          assert.equal(loaded.status, 0, `nft -f:\n${loaded.stderr}`);
        }
      });
    for (const tool of ["iptables", "ip6tables"]) {
      const files = scripts(path, "iptables", tool);
      if (files.length === 0) continue;
      for (const variant of ["nft", "legacy"])
        test(`${tool}-${variant} reads ${name} back as written`, () => {
          for (const file of files) {
            // One namespace for both commands: load, then save. A fixed script; the rules go on stdin.
            const r = scratch(["sh", "-c", `${tool}-${variant}-restore -w && ${tool}-${variant}-save`], file);
            assert.equal(r.status, 0, r.stderr);
            const want = ruleLines(file);
            const got = ruleLines(r.stdout);
            for (const line of want)
              assert.ok(got.includes(line), `${tool}-${variant}-save lacks:\n${line}\n\n${r.stdout}`);
            const rules = (list: string[]) => byTable(list.filter((l) => l.includes(" -A ")));
            assert.deepEqual(rules(got), rules(want), "the same rules, in the same order in each table");
          }
        });
    }
  }
});
