// The command line's rough edges, in process: help for every command (`--help`, `-h`,
// `help CMD`, also for exec, whose own program's --help stays its own), -V, suggestions, and
// progress only where there is a terminal.

import assert from "node:assert/strict";
import { test } from "node:test";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { progress } from "../../src/cli/progress.js";
import { SPECS } from "../../src/cli/spec.js";
import { plainStyle } from "../../src/diagnostics/render.js";
import type { Stage } from "../../src/plan/plan.js";
import { VERSION } from "../../src/version.js";

function fakeIo(withProgress = false) {
  const out: string[] = [];
  const err: string[] = [];
  const shown: (string | undefined)[] = [];
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    style: plainStyle,
    color: false,
    ...(withProgress ? { progress: (line: string | undefined) => shown.push(line) } : {}),
  };
  return { io, out, err, shown };
}

async function run(args: string[]) {
  const f = fakeIo();
  const code = await main(args, f.io);
  return { code, out: f.out.join("\n"), err: f.err.join("\n") };
}

test("every command answers --help, -h and `help CMD` with its usage and examples", async () => {
  for (const spec of SPECS.filter((s) => !s.hidden)) {
    for (const args of [
      [spec.name, "--help"],
      [spec.name, "-h"],
      ["help", spec.name],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 0, args.join(" "));
      assert.match(r.out, new RegExp(`^opentop ${spec.name}: `), args.join(" "));
      assert.match(r.out, /\nusage: opentop /);
      assert.match(r.out, /\nexamples:\n/);
      assert.equal(r.err, "");
    }
  }
});

test("exec --help is exec's help; after the node, --help is the program's", async () => {
  for (const args of [
    ["exec", "--help"],
    ["exec", "lab", "--help"],
    ["exec", "lab", "node", "-h"],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 0, args.join(" "));
    assert.match(r.out, /^opentop exec: run a command inside a node/);
  }
  // `exec LAB NODE ls --help` runs ls: here the lab is not up, so the lab is what fails.
  const r = await run(["exec", "nosuchlab", "a", "ls", "--help"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /OT6007/);
});

test("-V, --version and version print the version", async () => {
  for (const flag of ["-V", "--version", "version"]) {
    const r = await run([flag]);
    assert.deepEqual([r.code, r.out], [0, `opentop ${VERSION}`]);
  }
});

test("a mistyped command gets a suggestion, and `help` of one too", async () => {
  const r = await run(["stauts"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown command `stauts`; did you mean `status`\?/);
  const h = await run(["help", "grpah"]);
  assert.equal(h.code, 2);
  assert.match(h.err, /did you mean `graph`\?/);
});

test("progress draws only where the Io has a terminal, and erases its line", () => {
  const stage: Stage = { name: "links", steps: [{ tool: "ip", ns: null, ops: [] }] };
  const piped = fakeIo(false);
  const quiet = progress(piped.io, "bringing x up", true);
  quiet.start([stage]);
  quiet.step(stage.steps[0] as Stage["steps"][number]);
  quiet.end();
  assert.deepEqual([piped.out, piped.err], [[], []]);
  const tty = fakeIo(true);
  const p = progress(tty.io, "bringing x up", true);
  p.phase("checking the machine");
  p.start([stage]);
  p.step(stage.steps[0] as Stage["steps"][number]);
  p.end();
  assert.deepEqual(tty.shown, [
    "bringing x up: checking the machine",
    "bringing x up: links (stage 1 of 1), 1 of 1 steps",
    undefined,
  ]);
  assert.deepEqual(tty.out, [], "nothing on standard output");
});
