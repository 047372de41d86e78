// Shell completion: what `opentop __complete` offers for each place on a command line, and
// the bash, zsh and fish scripts, run in those shells, showing it. Lab names come from the
// records of a run directory made here (OPENTOP_RUN_DIR), nodes from a record or a file.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { complete } from "../../src/cli/complete.js";
import { compileFile } from "../../src/model/compile.js";
import { lower } from "../../src/plan/lower.js";
import { recordOf, recordText } from "../../src/plan/record.js";
import { BIN, ROOT } from "../support/lab.js";

let dir = "";
const saved = process.env.OPENTOP_RUN_DIR;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "opentop-complete-"));
  // Two labs "up": isolation (with a service) and office.
  for (const example of ["isolation", "office"]) {
    const compiled = compileFile(join(ROOT, "examples", `${example}.otop`));
    if (!compiled.lab) throw new Error(example);
    const record = {
      // Lowered for the run directory it is written to: a record names its own lab's paths.
      ...recordOf(compiled, lower(compiled.lab, { runDir: join(dir, "run") }), "cli", "2024-01-01T00:00:00Z"),
      state: "up" as const,
    };
    mkdirSync(join(dir, "run", example), { recursive: true });
    writeFileSync(join(dir, "run", example, "record.json"), recordText(record));
  }
  // `opentop` on PATH, as the scripts call it.
  mkdirSync(join(dir, "bin"));
  writeFileSync(
    join(dir, "bin", "opentop"),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
  );
  chmodSync(join(dir, "bin", "opentop"), 0o755);
  process.env.OPENTOP_RUN_DIR = join(dir, "run");
});

after(() => {
  if (saved === undefined) delete process.env.OPENTOP_RUN_DIR;
  else process.env.OPENTOP_RUN_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

const values = (words: string[]) => complete(words).candidates.map((c) => c.value);

test("__complete: commands, options and their values", () => {
  assert.deepEqual(values(["st"]), ["status"]);
  assert.ok(values([""]).includes("graph") && !values([""]).includes("__complete"), "hidden stays hidden");
  assert.deepEqual(values(["up", "--f"]), ["--firewall", "--format"]);
  assert.deepEqual(values(["up", "x.otop", "--firewall", ""]), ["nft", "iptables"]);
  assert.deepEqual(values(["graph", "office", "-T", "m"]), ["mermaid"]);
  assert.deepEqual(values(["completion", ""]), ["bash", "zsh", "fish"]);
  assert.deepEqual(values(["import", "c"]), ["containerlab"]);
  assert.deepEqual(values(["help", "lo"]), ["logs"]);
});

test("__complete: files where a command takes one", () => {
  assert.equal(complete(["up", ""]).files, true);
  assert.equal(complete(["graph", "x.otop", "-o", ""]).files, true);
  assert.equal(complete(["ls", ""]).files, false);
});

test("__complete: lab names from the records, nodes and services of a lab", () => {
  assert.deepEqual(values(["status", ""]), ["isolation", "office"]);
  assert.equal(complete(["down", "o"]).files, true, "a lab or its file");
  assert.deepEqual(values(["exec", "office", "pc"]), ["pc1", "pc2"]);
  assert.deepEqual(values(["exec", join(ROOT, "examples/p2p.otop"), ""]), ["a", "b"], "nodes of a file");
  assert.deepEqual(values(["logs", "isolation", "db", ""]), ["web"]);
  assert.deepEqual(values(["shell", "nosuchlab", ""]), []);
  // Past the node, `exec`'s words are the program's: no candidates of OpenTop's.
  assert.deepEqual(values(["exec", "office", "pc1", "--", "-"]), []);
  assert.deepEqual(values(["exec", "office", "pc1", "ping", "-"]), []);
});

function run(argv: string[], input?: string) {
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    encoding: "utf8",
    input: input ?? "",
    env: {
      ...process.env,
      PATH: `${join(dir, "bin")}:${process.env.PATH}`,
      OPENTOP_RUN_DIR: join(dir, "run"),
    },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const bashSkip = existsSync("/bin/bash") ? false : "no bash";
test("bash: the script completes commands, labs and nodes", { skip: bashSkip }, () => {
  const script = `source <(opentop completion bash)
show() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _opentop; printf '%s,' "\${COMPREPLY[@]}"; echo; }
show opentop sta
show opentop status i
show opentop exec office pc
show opentop graph examples/office.otop -T ''
`;
  const r = run(["bash", "-c", script]);
  assert.equal(r.stderr, "");
  assert.deepEqual(r.stdout.trim().split("\n"), [
    "status,",
    "isolation,",
    "pc1,pc2,",
    "dot,mermaid,svg,html,",
  ]);
});

const zshSkip =
  existsSync("/usr/bin/zsh") || existsSync("/bin/zsh") ? false : "no zsh (scripts/setup.sh installs it)";
test("zsh: the script hands candidates with their descriptions to zsh's completion", {
  skip: zshSkip,
}, () => {
  // zsh's completion functions, replaced by ones that print what they were given.
  const script = `_describe() { print -r -- "describe: \${(j:|:)\${(P)4}}"; }
compadd() { shift; print -r -- "compadd: $*"; }
_files() { print -r -- files; }
compdef() { print -r -- "compdef $*"; }
source <(opentop completion zsh)
words=(opentop st); CURRENT=2; _opentop
words=(opentop logs isolation db ''); CURRENT=5; _opentop
words=(opentop up ''); CURRENT=3; _opentop
`;
  const r = run(["zsh", "-f", "-c", script]);
  assert.equal(r.stderr, "");
  assert.deepEqual(r.stdout.trim().split("\n"), [
    "compdef _opentop opentop",
    "describe: status:show a lab's live state from the kernel and any drift from its plan",
    "describe: web:exec python3 -m http.server 8080 --bind 10.20.0.10 --directory /var/tmp",
    "files",
  ]);
});

const fishSkip = existsSync("/usr/bin/fish") ? false : "no fish (scripts/setup.sh installs it)";
test("fish: the script completes commands, labs and nodes", { skip: fishSkip }, () => {
  const script = `opentop completion fish | source
complete -C 'opentop sta'
complete -C 'opentop exec office pc'
complete -C 'opentop status i'`;
  const r = run(["fish", "--no-config", "-c", script]);
  assert.equal(r.stderr, "");
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines[0], "status\tshow a lab's live state from the kernel and any drift from its plan");
  assert.deepEqual(
    lines.slice(1).map((l) => l.split("\t")[0]),
    ["pc1", "pc2", "isolation"],
  );
});
