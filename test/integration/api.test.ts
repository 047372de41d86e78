// The TypeScript API on real namespaces: compile (diagnostics as data), up, exec (status,
// output, input), spawn (a long-running process in the node, stopped by its PID), apply
// through the handle, status without drift, and down — nothing left behind.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { compile, lab as labHandle, OpentopError, up } from "../../src/api/opentop.js";
import { leftovers } from "../support/host.js";
import { SKIP_NOT_ROOT, scratch, uniqueLab } from "../support/lab.js";

test("api: compile gives diagnostics as data, never throws on bad input", () => {
  const bad = compile("bad.otop", { source: "lab x\nnode a { eth0 -> nowhere }\n" });
  assert.equal(bad.model, undefined);
  assert.deepEqual(
    bad.diagnostics.map((d) => d.code),
    ["OT1007"],
  );
  const good = compile("good.otop", { source: "lab x\nparam n = 2\nnode h[1..{n}] { }\n", params: { n: 3 } });
  assert.deepEqual(
    good.model?.nodes.map((n) => n.name),
    ["h1", "h2", "h3"],
  );
  assert.ok((good.plan?.stages.length ?? 0) > 0);
});

test("api: up, exec, spawn, apply, status and down of a real lab", { skip: SKIP_NOT_ROOT }, async () => {
  const s = scratch();
  const name = uniqueLab("api");
  const file = join(s.dir, "lab.otop");
  const body = (rate: string) =>
    `lab ${name}\nparam rate = ${rate}\nnode a { eth0 -> b.eth0 10.0.0.1/30 { rate {rate} } }\nnode b { eth0 10.0.0.2/30 }\n`;
  try {
    writeFileSync(file, body("10mbit"));
    const lab = await up(file);
    assert.equal(lab.name, name);
    const ping = await lab.exec("a", ["ping", "-c", "1", "-W", "2", "10.0.0.2"]);
    assert.equal(ping.code, 0, ping.stderr);
    assert.match(ping.stdout, /1 received/);
    const cat = await lab.exec("b", ["cat"], { input: "hello\n" });
    assert.deepEqual(cat, { code: 0, stdout: "hello\n", stderr: "" });
    assert.equal((await lab.exec("b", ["sh", "-c", "exit 3"])).code, 3);
    await assert.rejects(lab.exec("nope", ["true"]), (e: unknown) => {
      assert.ok(e instanceof OpentopError);
      assert.equal(e.diagnostics[0]?.code, "OT6008");
      return true;
    });

    // A long-running process in the node's namespace, stopped by its PID.
    const sleeper = lab.spawn("b", ["sleep", "100"], { stdio: "ignore" });
    assert.ok(sleeper.pid !== undefined);
    const seen = await lab.exec("b", ["sh", "-c", `readlink /proc/${sleeper.pid}/ns/net`]);
    const own = await lab.exec("b", ["readlink", "/proc/self/ns/net"]);
    assert.equal(seen.stdout, own.stdout, "the spawned process is in the node's network namespace");
    const exited = new Promise((r) => sleeper.once("exit", r));
    process.kill(sleeper.pid, "SIGKILL");
    await exited;

    // A change through the handle: only the qdiscs change.
    const applied = await lab.apply(file, { params: { rate: "20mbit" } });
    assert.equal(applied.created, false);
    assert.deepEqual(
      applied.diff.changes.map((c) => c.kind),
      ["update", "update"],
    );
    const tc = await lab.exec("a", ["tc", "-j", "qdisc", "show", "dev", "eth0"]);
    assert.equal((JSON.parse(tc.stdout) as { options?: { rate?: number } }[])[0]?.options?.rate, 2_500_000);
    assert.deepEqual((await lab.status()).drift, []);
    assert.equal(labHandle(name).record.params?.rate, "20mbit", "the record keeps the value");
    await lab.down();
    assert.deepEqual(leftovers(name), []);
  } finally {
    try {
      await labHandle(name).down();
    } catch {}
    s.remove();
  }
});
