// What is under a lab's namespace names when it is not a namespace: unmounted by hand, a
// FIFO, a symbolic link (to another lab's namespace), a directory, a file with content.
// OpenTop never opens it as a namespace, never enters it, and `down` never deletes it (nor
// what a link names). Serial: the kernel's tools themselves open every name in /run/netns
// (`ip` looks up namespace ids so), and block on a FIFO there, or complain of what is no
// namespace — other tests running at the same time would hang or fail.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { leftovers } from "../support/host.js";
import { cli, SKIP_NOT_ROOT, scratch, writeLab } from "../support/lab.js";

function assertNothingLeft(lab: string): void {
  assert.deepEqual(leftovers(lab), [], `nothing of lab ${lab} is left`);
}

test("status: a namespace unmounted by hand is missing, and a FIFO in its place is not opened", {
  skip: SKIP_NOT_ROOT,
  timeout: 60_000,
}, () => {
  // Both leave a file of the namespace's name that is no namespace: an empty file, which
  // `nsenter` refuses, and a FIFO, which blocks whoever opens it (status hung on it, and left
  // its nsenter waiting after it was killed).
  const s = scratch();
  const { path, lab } = writeLab(
    s.dir,
    "nonsfile",
    "node a { eth0 -> b.eth0 10.45.0.1/30 }\nnode b {\n  eth0 10.45.0.2/30\n  eth1 10.45.1.2/30\n}\nnode c { eth0 -> b.eth1 10.45.1.1/30 }\n",
  );
  try {
    assert.equal(cli(["up", path]).code, 0);
    assert.equal(spawnSync("umount", [`/run/netns/${lab}.a`]).status, 0);
    assert.equal(spawnSync("umount", [`/run/netns/${lab}.c`]).status, 0);
    rmSync(`/run/netns/${lab}.c`);
    assert.equal(spawnSync("mkfifo", [`/run/netns/${lab}.c`]).status, 0);
    const r = cli(["status", lab], { timeout: 20_000 });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, new RegExp(`node a \\(${lab}\\.a\\) missing`), r.stdout);
    assert.match(r.stdout, new RegExp(`node c \\(${lab}\\.c\\) missing`), r.stdout);
    assert.doesNotMatch(r.stdout, /could not be read/, r.stdout);
    const exec = cli(["exec", lab, "c", "--", "true"], { timeout: 20_000 });
    assert.equal(exec.code, 1, exec.stderr);
    assert.match(exec.stderr, /OT6008/, exec.stderr);
    // Nor does down delete what is not a namespace: the FIFO is left, and said so.
    const down = cli(["down", lab]);
    assert.equal(down.code, 1, down.stderr);
    assert.match(down.stderr, new RegExp(`OT6018\\]: network namespace ${lab}\\.c exists`), down.stderr);
  } finally {
    rmSync(`/run/netns/${lab}.c`, { force: true });
    assert.equal(cli(["down", lab]).code, 0);
    s.remove();
  }
});

test("a link, a directory or a file with content in place of a node's namespace: down leaves it, and never what a link names", {
  skip: SKIP_NOT_ROOT,
}, () => {
  // `ip netns del` of a symbolic link unmounts its target: another lab's namespace was
  // destroyed by the first lab's down (both made after the first lab's record).
  const s = scratch();
  const first = writeLab(
    s.dir,
    "linked",
    "node a { eth0 -> b.eth0 10.46.0.1/30 }\nnode b { eth0 10.46.0.2/30 }\nnode c\nnode d\n",
  );
  const other = writeLab(
    s.dir,
    "target",
    "node x { eth0 -> y.eth0 10.46.1.1/30 }\nnode y { eth0 10.46.1.2/30 }\n",
  );
  const at = (node: string) => `/run/netns/${first.lab}.${node}`;
  try {
    assert.equal(cli(["up", first.path]).code, 0);
    assert.equal(cli(["up", other.path]).code, 0);
    for (const node of ["a", "c", "d"]) {
      assert.equal(spawnSync("umount", [at(node)]).status, 0);
      unlinkSync(at(node));
    }
    symlinkSync(`/run/netns/${other.lab}.x`, at("a"));
    mkdirSync(at("c"));
    writeFileSync(at("d"), "mine\n");
    const st = cli(["status", first.lab]);
    assert.match(st.stdout, new RegExp(`missing namespace ${first.lab}\\.a`), "a link is not entered");
    assert.equal(cli(["exec", first.lab, "a", "--", "true"]).code, 1, "nor entered by exec");
    const r = cli(["down", first.lab]);
    assert.equal(r.code, 1, r.stderr);
    for (const node of ["a", "c", "d"])
      assert.match(
        r.stderr,
        new RegExp(`OT6018\\]: network namespace ${first.lab}\\.${node} exists but is not provably`),
      );
    assert.match(r.stderr, /is not a namespace but something else under its name/);
    assert.equal(cli(["status", other.lab]).code, 0, "the other lab's namespace is whole");
    assert.ok(existsSync(at("c")) && existsSync(at("d")), "the directory and the file are kept");
  } finally {
    for (const node of ["a", "c", "d"]) rmSync(at(node), { recursive: true, force: true });
    assert.equal(cli(["down", first.lab]).code, 0);
    assert.equal(cli(["down", other.lab]).code, 0);
    s.remove();
  }
  assertNothingLeft(first.lab);
  assertNothingLeft(other.lab);
});

test("the built script's down leaves a link in place of a node's namespace, and what it names", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const first = writeLab(
    s.dir,
    "shlinked",
    "node a { eth0 -> b.eth0 10.46.2.1/30 }\nnode b { eth0 10.46.2.2/30 }\n",
  );
  const other = writeLab(
    s.dir,
    "shtarget",
    "node x { eth0 -> y.eth0 10.46.3.1/30 }\nnode y { eth0 10.46.3.2/30 }\n",
  );
  const script = first.path.replace(/\.otop$/, ".sh");
  const at = `/run/netns/${first.lab}.a`;
  try {
    assert.equal(cli(["build", first.path, "-o", script]).code, 0);
    assert.equal(spawnSync("sh", [script, "up"]).status, 0);
    assert.equal(cli(["up", other.path]).code, 0);
    assert.equal(spawnSync("umount", [at]).status, 0);
    unlinkSync(at);
    symlinkSync(`/run/netns/${other.lab}.x`, at);
    const down = spawnSync("sh", [script, "down"], { encoding: "utf8" });
    assert.equal(down.status, 1, down.stderr);
    assert.match(down.stderr, /OT6018/, down.stderr);
    assert.equal(cli(["status", other.lab]).code, 0, "the other lab's namespace is whole");
  } finally {
    rmSync(at, { force: true });
    assert.equal(spawnSync("sh", [script, "down"]).status, 0);
    assert.equal(cli(["down", other.lab]).code, 0);
    s.remove();
  }
  assertNothingLeft(first.lab);
  assertNothingLeft(other.lab);
});
