// The op table's answers, over every lab the repository has (examples and golden cases): each
// operation's key names one object of its plan, what a record owns is what its operations
// own, facts merge per object, and a record read back is the record written.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileFile, compileSource } from "../../src/model/compile.js";
import { expectedFacts, expectedNetwork } from "../../src/plan/expected.js";
import { factId, factsFor, mergeFacts } from "../../src/plan/facts.js";
import { labDirIn } from "../../src/plan/layout.js";
import { lower, lowerAll } from "../../src/plan/lower.js";
import {
  claimsOf,
  describe,
  inverseOf,
  keyOf,
  leavesOf,
  type Op,
  ownsOf,
  shapeOfKind,
  undoneBy,
} from "../../src/plan/ops.js";
import { ownedKey } from "../../src/plan/owned.js";
import { opsOf, type Plan } from "../../src/plan/plan.js";
import { parseRecord, recordOf, recordText } from "../../src/plan/record.js";
import { shapeProblem } from "../../src/plan/shape.js";
import { removalOf, teardownOps } from "../../src/plan/teardown.js";
import { matrixTests } from "../../src/plan/tests.js";
import { SECTION } from "../../src/runtime/status.js";
import { ROOT } from "../support/lab.js";

/** Every valid lab of the repository, with its plan. */
function labs(): { name: string; compiled: ReturnType<typeof compileFile>; plan: Plan }[] {
  const out = [];
  for (const dir of ["examples", "test/golden/cases"])
    for (const f of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".otop"))) {
      const compiled = compileFile(join(ROOT, dir, f));
      // A lab on several machines: each machine's plan.
      if (compiled.lab)
        for (const plan of lowerAll(compiled.lab))
          out.push({ name: `${dir}/${f}${plan.machine ? ` (${plan.machine})` : ""}`, compiled, plan });
    }
  assert.ok(out.length >= 8, "the examples and the valid golden cases");
  return out;
}

test("op table: every operation's key is unique within its plan, up and down", () => {
  for (const { name, plan } of labs())
    for (const stages of [plan.stages, plan.teardown]) {
      const seen = new Map<string, Op>();
      for (const op of opsOf(stages)) {
        const key = keyOf(op);
        const before = seen.get(key);
        assert.ok(
          !before,
          `${name}: "${key}" names both "${before && describe(before)}" and "${describe(op)}"`,
        );
        seen.set(key, op);
      }
    }
});

test("op table: a key does not depend on where in the file the operation was asked for", () => {
  for (const { plan } of labs())
    for (const op of opsOf(plan.stages)) {
      const { origin: _origin, ...elsewhere } = op;
      assert.equal(keyOf(elsewhere as Op), keyOf(op));
    }
});

test("op table: what a record owns is exactly what its operations own, each removed by an operation", () => {
  for (const { name, compiled, plan } of labs()) {
    const record = recordOf(compiled, plan, "cli", "");
    const ops = opsOf(plan.stages);
    assert.deepEqual(record.owned, ops.flatMap(ownsOf), name);
    // Every netns the plan creates is owned; every owned object is also claimed (must be free).
    const created = ops.filter((o) => o.kind === "netns.add").length;
    assert.equal(record.owned.filter((o) => o.kind === "netns").length, created, name);
    const claimed = new Set(ops.flatMap(claimsOf).map((c) => JSON.stringify(c)));
    for (const o of record.owned)
      assert.ok(claimed.has(JSON.stringify(o)), `${name}: ${ownedKey(o)} is claimed`);
    // Tear-down removes each owned object once, with the operation for its kind.
    // …by the inverse of the operation that made it, which is what removes it when it is
    // found without its record (by its mark).
    const removals = teardownOps(record).filter((g) => g.when.kind === "owned");
    assert.deepEqual(
      removals.map((g) => g.op),
      removals.flatMap((g) => (g.when.kind === "owned" ? g.when.owned.map(removalOf) : [])),
    );
    assert.equal(removals.length, record.owned.length, name);
  }
});

test("op table: an owned object on the host has an inverse that removes it on rollback", () => {
  for (const { name, plan } of labs())
    for (const op of opsOf(plan.stages))
      for (const o of ownsOf(op))
        assert.ok(
          inverseOf(op) !== null || o.kind === "host-iface",
          `${name}: ${describe(op)} has no inverse`,
        );
});

test("facts: an interface's facts merge into one, and later facts add to earlier ones", () => {
  const merged = mergeFacts([
    { kind: "link", ns: "n", dev: "eth0", mtu: 1400 },
    { kind: "addr", ns: "n", dev: "eth0", cidr: "10.0.0.1/24" },
    { kind: "link", ns: "n", dev: "eth0", up: true },
    { kind: "link", ns: "m", dev: "eth0" },
  ]);
  assert.deepEqual(merged, [
    { kind: "link", ns: "n", dev: "eth0", mtu: 1400, up: true },
    { kind: "addr", ns: "n", dev: "eth0", cidr: "10.0.0.1/24" },
    { kind: "link", ns: "m", dev: "eth0" },
  ]);
});

test("facts: every example leaves its interfaces, addresses and routes, each object once", () => {
  for (const { name, plan } of labs()) {
    const ops = opsOf(plan.stages);
    const facts = expectedFacts(ops);
    const ids = facts.map(factId);
    assert.equal(new Set(ids).size, ids.length, `${name}: one fact an object`);
    const network = expectedNetwork(factsFor(SECTION, facts, "network"));
    for (const op of ops)
      for (const f of leavesOf(op))
        if (f.kind === "route")
          assert.ok(
            network.get(f.ns)?.routes.some((r) => factId(r) === factId(f)),
            `${name}: ${factId(f)}`,
          );
        else if (f.kind === "addr") assert.ok(network.get(f.ns)?.addrs.get(f.dev)?.has(f.cidr), name);
  }
});

test("record: the text OpenTop and the script write reads back as the same record", () => {
  for (const { name, compiled, plan } of labs()) {
    const record = recordOf(compiled, plan, "script", "");
    const back = parseRecord(recordText(record), record.lab);
    assert.ok(!(back instanceof Error), `${name}: ${back instanceof Error ? back.message : ""}`);
    assert.deepEqual(back, JSON.parse(JSON.stringify(record)), name);
    // One key a line, what the lab owns and its operations one a line: what the script reads.
    const lines = recordText(record).split("\n");
    assert.ok(lines.includes(' "state": "creating",'), name);
    assert.equal(
      lines.filter((l) => l.startsWith('  {"op":')).length,
      record.ops.length,
      `${name}: one operation a line`,
    );
  }
});

test("op table: the operations of a test and of the matrix hold their kinds' shapes, as a record's would", () => {
  let seen = 0;
  for (const { name, compiled, plan } of labs()) {
    const lab = compiled.lab ?? assert.fail(name);
    // A small neighbour budget, so that the matrix comes in rounds with their flushes.
    const tests = [plan.tests, matrixTests(lab, "/run/opentop", 1, 4)];
    for (const tp of tests) {
      if (!tp) continue;
      const ctx = { lab: lab.name, dir: labDirIn("/run/opentop", lab.name) };
      for (const op of opsOf([...tp.listen, ...tp.probes, ...tp.stop])) {
        const { kind, origin: _origin, ...fields } = op;
        const shape = shapeOfKind(kind) ?? assert.fail(`${name}: ${kind} has no shape`);
        assert.equal(shapeProblem(fields, shape, ctx), undefined, `${name}: ${describe(op)}`);
        seen++;
      }
    }
  }
  assert.ok(seen > 0);
});

test("record: a record of another version or lab, or missing what the commands read, is unreadable", () => {
  const { compiled, plan } = labs()[0] ?? assert.fail("no lab");
  const record = recordOf(compiled, plan, "cli", "");
  const text = recordText(record);
  assert.match(String(parseRecord(text, "other")), /not understood/);
  assert.match(
    String(parseRecord(text.replace('"version": 2', '"version": 3'), record.lab)),
    /not understood/,
  );
  const { owned: _owned, ...partial } = record;
  assert.match(String(parseRecord(JSON.stringify(partial), record.lab)), /lacks owned/);
  assert.match(String(parseRecord("{", record.lab)), /not valid JSON/);
});

test("record: an object the lab is said to own must be one OpenTop owns, of a known kind", () => {
  const { compiled, plan } = labs()[0] ?? assert.fail("no lab");
  const record = recordOf(compiled, plan, "cli", "");
  for (const owned of [
    { kind: "file", name: "/etc/passwd" },
    { kind: "netns" },
    { kind: "host-iface", name: "eth0" },
    7,
  ])
    assert.match(
      String(parseRecord(JSON.stringify({ ...record, owned: [owned] }), record.lab)),
      /not one OpenTop owns/,
      JSON.stringify(owned),
    );
});

test("record: a lab brought up before an upgrade (record version 1) stays the lab's", () => {
  const v1 = {
    version: 1,
    tool: "opentop 0.1.0",
    lab: "old",
    file: "/labs/old.otop",
    hash: "",
    state: "up",
    createdAt: "2026-11-30T00:00:00.000Z",
    by: "cli",
    nodes: ["a"],
    switches: [],
    namespaces: ["old.a"],
    hostIfaces: [{ name: "ot-abc123-up0", mark: "opentop:old:a:up0" }],
    hostTables: [],
    ops: [
      { op: { kind: "netns.add", name: "old.a" } },
      {
        op: {
          kind: "veth.add",
          ns: null,
          a: { ns: null, name: "ot-abc123-up0" },
          b: { ns: "old.a", name: "up0" },
        },
      },
      { op: { kind: "link.alias", ns: null, dev: "ot-abc123-up0", alias: "opentop:old:a:up0" } },
    ],
  };
  const record = parseRecord(JSON.stringify(v1), "old");
  assert.ok(!(record instanceof Error), String(record));
  assert.deepEqual(record.owned, [
    { kind: "netns", name: "old.a", node: "a" },
    { kind: "host-iface", name: "ot-abc123-up0", mark: "opentop:old:a:up0" },
  ]);
  // Its tear-down removes the host end under the lab's mark, then the namespace.
  assert.deepEqual(
    teardownOps(record).map((g) => [describe(g.op), g.when.kind]),
    [
      ["delete ot-abc123-up0 from the host", "owned"],
      ["delete network namespace old.a and everything in it", "owned"],
    ],
  );
});

test("routes: one kernel route per destination and metric, the family's default metric included", () => {
  const keys = (source: string) => {
    const c = compileSource(
      sourceFile(
        "r.otop",
        `lab r\nnode a {\n  eth0 -> b.eth0 10.0.0.1/24 fd00::1/64\n${source}}\nnode b { forward; eth0 10.0.0.2/24 fd00::2/64 }\n`,
      ),
    );
    return {
      codes: c.diagnostics.map((d) => d.code),
      keys: c.lab ? opsOf(lower(c.lab).stages).map(keyOf) : [],
    };
  };
  // IPv6's default metric is 1024, and it takes `metric 0` as none (stored as 1024; then
  // adding the one without fails with "File exists", tried on this kernel): one route.
  assert.deepEqual(
    keys("  route fd00:9::/64 via fd00::2\n  route fd00:9::/64 via fd00::2 metric 0\n").codes,
    ["OT3004"],
  );
  // One at 0 and one at 5 are two routes, two keys.
  const v6 = keys("  route fd00:9::/64 via fd00::2 metric 5\n  route fd00:9::/64 via fd00::2 metric 0\n");
  assert.deepEqual(v6.codes, []);
  assert.equal(new Set(v6.keys).size, v6.keys.length);
  // IPv4's is 0: one without and one at 0 are one route, which the kernel would refuse.
  assert.deepEqual(
    keys("  route 10.9.0.0/16 via 10.0.0.2\n  route 10.9.0.0/16 via 10.0.0.2 metric 0\n").codes,
    ["OT3004"],
  );
  assert.deepEqual(
    keys("  route fd00:9::/64 via fd00::2\n  route fd00:9::/64 via fd00::2 metric 1024\n").codes,
    ["OT3004"],
  );
});

test("tear-down: every operation says how it is undone, and its inverse agrees", () => {
  for (const { name, plan } of labs())
    for (const op of opsOf(plan.stages)) {
      const how = undoneBy(op);
      assert.equal(inverseOf(op) === null, how === "nothing", `${name}: ${describe(op)} is undone by ${how}`);
      if (how === "owned") assert.ok(ownsOf(op).length > 0, `${name}: ${describe(op)}`);
    }
});
