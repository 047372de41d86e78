// The API's compile as `apply` uses it: the `--set` values a running lab keeps (from its record,
// under OPENTOP_RUN_DIR here), overridden when set again, dropped by `unset`, dropped with a
// warning when the file no longer has the parameter; and the head of a record that `exec`
// reads without parsing the rest (src/plan/record-head.ts), with what makes it give up; and
// a lab on several machines: each machine's plan, one machine's part, the API's refusals.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { compile, frontOf } from "../../src/api/compile.js";
import { fast } from "../../src/cli/fast.js";
import { lower } from "../../src/plan/lower.js";
import { recordOf, recordText } from "../../src/plan/record.js";
import { recordHead } from "../../src/plan/record-head.js";
import { writeRecord } from "../../src/runtime/record.js";

const LAB =
  "lab keepme\nparam rate = 10mbit\nparam mtu = 1500\nnode a { eth0 -> b.eth0 10.0.0.1/30 { rate {rate} } }\nnode b { eth0 10.0.0.2/30 }\n";
let dir = "";
let file = "";
const saved = process.env.OPENTOP_RUN_DIR;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "opentop-keep-"));
  process.env.OPENTOP_RUN_DIR = join(dir, "run");
  file = join(dir, "lab.otop");
  writeFileSync(file, LAB);
  // The lab "is up" with rate=20mbit and mtu=9000: its record says so.
  const c = compile(file, { params: { rate: "20mbit", mtu: 9000 } });
  const { compiled, plan } = frontOf(c);
  writeRecord({ ...recordOf(compiled, plan, "cli", "now"), state: "up" });
});

after(() => {
  if (saved === undefined) delete process.env.OPENTOP_RUN_DIR;
  else process.env.OPENTOP_RUN_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

const errors = (c: ReturnType<typeof compile>) => c.diagnostics.map((d) => `${d.severity} ${d.code}`);

test("compile with keep: the running lab's values, unless given again or unset", () => {
  assert.deepEqual(compile(file).params, {});
  assert.deepEqual(compile(file, { keep: true }).params, { rate: "20mbit", mtu: "9000" });
  assert.deepEqual(compile(file, { keep: true, params: { rate: "5mbit" } }).params, {
    rate: "5mbit",
    mtu: "9000",
  });
  assert.deepEqual(compile(file, { keep: true, unset: ["rate"] }).params, { mtu: "9000" });
  const tbf = JSON.stringify(compile(file, { keep: true, unset: ["rate"] }).plan?.stages);
  assert.match(tbf, /"kind":"tbf","rate":10000000,/, "back to the file's default");
});

test("compile with keep: a parameter unset that the lab does not have, or set and unset at once, is an error", () => {
  const nope = compile(file, { keep: true, unset: ["rat"] });
  assert.deepEqual(errors(nope), ["error OT6064"]);
  assert.equal(nope.plan, undefined);
  assert.match(nope.diagnostics[0]?.message ?? "", /`--unset rat` names no parameter/);
  assert.deepEqual(errors(compile(file, { keep: true, unset: ["rate"], params: { rate: "1mbit" } })), [
    "error OT6064",
  ]);
});

test("compile with keep: a kept value for a parameter the file no longer has is dropped, with a warning", () => {
  writeFileSync(file, LAB.replace("param mtu = 1500\n", ""));
  try {
    const c = compile(file, { keep: true });
    assert.deepEqual(errors(c), ["warning OT6065"]);
    assert.deepEqual(c.params, { rate: "20mbit" });
    assert.ok(c.plan, "the change goes on");
  } finally {
    writeFileSync(file, LAB);
  }
});

test("compile with keep: an unreadable record is OT6013, not an exception", () => {
  const path = join(process.env.OPENTOP_RUN_DIR as string, "keepme", "record.json");
  const good = compile(file, { params: { rate: "20mbit", mtu: 9000 } });
  writeFileSync(path, "{ not json");
  try {
    assert.deepEqual(errors(compile(file, { keep: true })), ["error OT6013"]);
  } finally {
    const { compiled, plan } = frontOf(good);
    writeRecord({ ...recordOf(compiled, plan, "cli", "now"), state: "up" });
  }
});

test("a record's head: lab, nodes, switches and isolated nodes from recordText's layout; anything else is no head", () => {
  const c = compile("iso.otop", {
    source:
      "lab iso\nswitch sw\nnode a { eth0 -> sw 10.0.0.1/24 }\nnode b { isolate net uts\n  hostname bb\n  eth0 -> sw 10.0.0.2/24 }\n",
  });
  const { compiled, plan } = frontOf(c);
  const text = recordText(recordOf(compiled, lower(compiled.lab), "cli", "now"));
  assert.ok(plan);
  assert.deepEqual(recordHead(text), { lab: "iso", nodes: ["a", "b"], switches: ["sw"], isolated: ["b"] });
  assert.equal(recordHead(JSON.stringify(JSON.parse(text))), undefined, "one line: not the layout");
  assert.equal(recordHead(text.replace(/\n "nodes": .*\n/, "\n")), undefined, "no nodes");
  assert.equal(
    recordHead(text.replace(/\n "nodes": \[/, '\n "nodes": ["a b", ')),
    undefined,
    "a name that is none",
  );
  assert.equal(recordHead(text.replace('"version": 2', '"version": 9')), undefined, "another version");
  assert.equal(recordHead(text.replace(/\n "isolation": .*/, '\n "isolation": [1],')), undefined);
});

test("exec's quick way gives up (undefined) on anything but a plain node of a lab whose namespace exists", async () => {
  for (const argv of [
    ["up", "lab.otop"],
    ["exec", "keepme"],
    ["exec", "keepme", "a"], // no command
    ["exec", "keepme", "a", "--help"],
    ["exec", "./lab.otop", "a", "--", "true"], // a file
    ["exec", "keepme", "zz", "--", "true"], // no such node
    ["exec", "keepme", "a", "--", "true"], // its namespace does not exist here
    ["exec", "nolab", "a", "--", "true"],
    ["shell", "keepme", "a", "extra"],
  ])
    assert.equal(await fast(argv), undefined, argv.join(" "));
});

const SPREAD = `lab spreadapi
machine alpha 198.51.100.1
machine beta 198.51.100.2
node a on alpha { eth0 -> b.eth0 10.0.0.1/30 }
node b on beta { eth0 10.0.0.2/30 }
`;

test("compile of a lab on several machines: each machine's plan, or the one chosen; the API refuses it (OT6049)", async () => {
  const spread = compile("spread.otop", { source: SPREAD });
  assert.equal(spread.plan, undefined, "no one plan for this machine");
  assert.deepEqual(
    spread.machines?.map((p) => p.machine),
    ["alpha", "beta"],
  );
  assert.throws(
    () => frontOf(spread),
    (e: Error & { diagnostics?: { code: string }[] }) => e.diagnostics?.[0]?.code === "OT6049",
  );
  // One machine's part, as that machine (`--machine`).
  const alpha = compile("spread.otop", { source: SPREAD, machine: "alpha" });
  assert.equal(alpha.plan?.machine, "alpha");
  assert.equal(alpha.machines, undefined);
  assert.equal(frontOf(alpha).plan, alpha.plan);
  // A machine the lab does not have, and `machine` for a lab without machines: OT6045.
  assert.deepEqual(errors(compile("spread.otop", { source: SPREAD, machine: "gama" })), ["error OT6045"]);
  assert.deepEqual(errors(compile(file, { machine: "alpha" })), ["error OT6045"]);
  // up, apply and diff of the whole lab are the CLI's; apply and diff of a part too.
  const { up, apply, diff } = await import("../../src/api/opentop.js");
  for (const act of [() => up(spread), () => apply(spread), () => apply(alpha), async () => diff(alpha)])
    await assert.rejects(
      act,
      (e: Error & { diagnostics?: { code: string }[] }) =>
        e.diagnostics?.some((d) => d.code === "OT6049") === true,
    );
});
