// Tear-down holds the namespaces it deletes (src/runtime/netns-hold.ts): a namespace held
// outlives its deletion until released, then dies; no more are held than the descriptors
// this process can spare; and `down` through the API, in a process that lives on, lets every
// namespace go (none is kept alive by a descriptor left open: its veths would stay).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { up } from "../../src/api/opentop.js";
import { holdNamespaces, openFiles, openFilesLimit, RESERVE } from "../../src/runtime/netns-hold.js";
import { leftovers } from "../support/host.js";
import { cli, SKIP_NOT_ROOT, scratch, uniqueLab, until } from "../support/lab.js";
import { type Held, holdOpen } from "../support/netns-watch.js";

function ip(...args: string[]): void {
  const r = spawnSync("ip", args, { encoding: "utf8" });
  assert.equal(r.status, 0, `ip ${args.join(" ")}: ${r.stderr}`);
}

test("openFilesLimit reads the soft limit of /proc/self/limits", () => {
  const limits = (soft: string) =>
    `Limit                     Soft Limit           Hard Limit           Units     \nMax processes             63704                63704                processes \nMax open files            ${soft}                524288               files     \n`;
  assert.equal(openFilesLimit(limits("1024")), 1024);
  assert.equal(openFilesLimit(limits("unlimited")), Number.POSITIVE_INFINITY);
  assert.equal(openFilesLimit("Max processes 10 10 processes\n"), undefined);
  assert.ok((openFilesLimit() ?? 0) > RESERVE, "this process's own limit is read");
});

test("openFiles counts this process's open descriptors", () => {
  const before = openFiles();
  assert.ok(before !== undefined && before >= 3);
  const fd = openSync("/dev/null", "r");
  try {
    assert.equal(openFiles(), before + 1);
  } finally {
    closeSync(fd);
  }
  assert.equal(openFiles(), before);
});

test("a held namespace outlives its deletion until released; no more are held than can be spared", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const base = uniqueLab("hold");
  const [a, b, hub] = [`${base}.a`, `${base}.b`, `${base}.hub`];
  let held: Held | undefined;
  let release = () => {};
  try {
    for (const ns of [a, b, hub]) ip("netns", "add", ns);
    ip("-n", hub, "link", "add", "name", "pa", "type", "veth", "peer", "name", "x", "netns", a);
    ip("-n", hub, "link", "add", "name", "pb", "type", "veth", "peer", "name", "x", "netns", b);
    const h = holdOpen(hub);
    held = h;
    // One descriptor to spare: `a` is held, `b` is not.
    release = holdNamespaces([a, b], 100 + RESERVE + 1, 100);
    ip("netns", "del", a);
    ip("netns", "del", b);
    assert.ok(await until(() => !h.veths().includes("pb")), "b, not held, dies at its deletion");
    await sleep(300);
    assert.deepEqual(h.veths(), ["pa"], "a, held, is alive after its deletion");
    release();
    assert.ok(await until(() => h.veths().length === 0), "a dies once released");
  } finally {
    release();
    held?.close();
    for (const ns of [a, b, hub]) spawnSync("ip", ["netns", "del", ns], { stdio: "ignore" });
  }
});

test("down through the API, in a process that lives on, lets every namespace go", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const name = uniqueLab("holddown");
  const file = join(s.dir, "lab.otop");
  let held: Held | undefined;
  const fds = () => readdirSync("/proc/self/fd").length;
  try {
    writeFileSync(file, `lab ${name}\nswitch sw\nnode h[1..6] { eth0 -> sw 10.0.0.{i}/24 }\n`);
    const lab = await up(file);
    // The switches' namespace, held here as the benchmark holds it: its ports are the peers
    // of the nodes' veths, and each goes only when its node's namespace dies.
    const h = holdOpen(name);
    held = h;
    assert.equal(h.veths().length, 6);
    const before = fds();
    await lab.down();
    assert.equal(fds(), before, "down closed every descriptor it opened");
    assert.ok(await until(() => h.veths().length === 0), "every node's namespace died");
    assert.deepEqual(leftovers(name), []);
  } finally {
    held?.close();
    cli(["down", name]);
    s.remove();
  }
});
