// Attacks on tear-down's hold of the namespaces it deletes (src/runtime/netns-hold.ts), by a
// fresh eye. The first four failed on the hold as first written, whose budget (the limit of
// open files less a reserve) counted none of the descriptors already open: it took the last
// free ones, no step could be spawned (EMFILE), and `down`, or the rollback of a failed `up`,
// stopped with the whole lab left, where without the hold it finished. Now:
//   - down through the API in a process that has most of its descriptors in use
//   - two labs taken down at once through the API in one process
//   - a failed up rolled back through the API in a process with most descriptors in use
//   - the CLI's down, started with descriptors inherited from its parent
// and what held up from the start:
//   - holdNamespaces neither follows a link nor blocks on a FIFO in a namespace's place
//   - down killed (SIGKILL) in the middle of its batch, then run again: every namespace dies
//   - down interrupted (SIGINT) in the middle of its batch finishes by itself
//   - up/down cycles and failed ups through the API: no descriptor kept, every namespace dies

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readdirSync, rmSync, statfsSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { up } from "../../src/api/opentop.js";
import { leftovers } from "../support/host.js";
import { BIN, cli, ROOT, SKIP_NOT_ROOT, scratch, uniqueLab, until } from "../support/lab.js";
import { holdOpen, vethsOf } from "../support/netns-watch.js";

const API = join(ROOT, "dist/src/api/opentop.js");
const HOLD = join(ROOT, "dist/src/runtime/netns-hold.js");

/** The lab's names under /run/netns (read without `ip netns list`, which opens each). */
function namespacesOf(lab: string): string[] {
  return readdirSync("/run/netns").filter((n) => n === lab || n.startsWith(`${lab}.`));
}

/** A star: one switch, nodes h1..hN on 10.77.0.0/16 (or `net`). */
function star(lab: string, n: number, extra = "", net = "10.77"): string {
  return `lab ${lab}\nswitch sw\nnode h[1..${n}] { eth0 -> sw ${net}.{i / 250}.{i % 250 + 1}/16 }\n${extra}`;
}

/**
 * Runs a Node ES module (its source) in a process whose limit of open files is `limit`
 * (soft and hard: Node raises its soft limit to the hard one at start), with its output.
 */
function withLimit(limit: number, dir: string, source: string, args: string[] = []) {
  const script = join(dir, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(script, source);
  const r = spawnSync(
    "bash",
    ["-c", `ulimit -n ${limit} && exec "$0" "$@"`, process.execPath, script, ...args],
    { encoding: "utf8", timeout: 120_000 },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("down through the API still finishes when most of the process's descriptors are in use", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const name = uniqueLab("fdbusy");
  const file = join(s.dir, "lab.otop");
  try {
    writeFileSync(file, star(name, 150));
    // A process that lives on (a server, a test harness) with 1,024 descriptors allowed and
    // about 880 in use: 140 are free, and down needs a handful. A hold that counted none of
    // those in use would take the 140 left, and then `ip` could not be spawned.
    const r = withLimit(
      1024,
      s.dir,
      `import { up } from ${JSON.stringify(API)};
import { openSync } from "node:fs";
const lab = await up(${JSON.stringify(file)});
for (let i = 0; i < 860; i++) openSync("/dev/null", "r");
try { const d = await lab.down(); console.log("DOWN OK " + d.removed); }
catch (e) { console.log("DOWN FAILED " + String(e)); }
`,
    );
    assert.match(r.stdout, /DOWN OK/, `down failed:\n${r.stdout}${r.stderr}`);
    assert.deepEqual(namespacesOf(name), [], "every namespace of the lab is deleted");
  } finally {
    cli(["down", name]);
    s.remove();
  }
});

test("two labs taken down at once through the API in one process both go", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const names = [uniqueLab("fdpair1"), uniqueLab("fdpair2")];
  const files = names.map((n, k) => {
    const f = join(s.dir, `${k}.otop`);
    writeFileSync(f, star(n, 300, "", `10.7${k}`));
    return f;
  });
  try {
    // 600 descriptors, two downs of 301 namespaces at once: were each to hold what the limit
    // alone allows, the two together would take every free descriptor, and the second's `ip`
    // could not be spawned.
    const r = withLimit(
      600,
      s.dir,
      `import { up } from ${JSON.stringify(API)};
const labs = [];
for (const f of ${JSON.stringify(files)}) labs.push(await up(f));
const rs = await Promise.allSettled(labs.map((l) => l.down()));
for (const r of rs) console.log(r.status === "fulfilled" ? "DOWN OK" : "DOWN FAILED " + String(r.reason));
`,
    );
    assert.equal(r.stdout.match(/DOWN OK/g)?.length, 2, `a down failed:\n${r.stdout}${r.stderr}`);
    for (const n of names) assert.deepEqual(namespacesOf(n), [], `every namespace of ${n} is deleted`);
  } finally {
    for (const n of names) cli(["down", n]);
    s.remove();
  }
});

test("a failed up rolled back through the API in a process with most descriptors in use leaves nothing", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const name = uniqueLab("fdroll");
  const file = join(s.dir, "lab.otop");
  try {
    // The last node's service exits with an error: up fails after every namespace exists,
    // and rolls back. With 850 of 1,024 descriptors in use, a hold that took the rest would
    // make stopping the service, deleting the namespaces and removing the cgroups all fail.
    writeFileSync(file, star(name, 150, `node bad {\n  eth0 -> sw 10.77.200.1/16\n  run x "exit 3"\n}\n`));
    const r = withLimit(
      1024,
      s.dir,
      `import { up } from ${JSON.stringify(API)};
import { openSync } from "node:fs";
for (let i = 0; i < 850; i++) openSync("/dev/null", "r");
try { await up(${JSON.stringify(file)}); console.log("UP OK"); }
catch (e) { console.log("UP FAILED " + String(e)); }
`,
    );
    assert.match(r.stdout, /UP FAILED .*OT5021/, `up should fail at its service:\n${r.stdout}${r.stderr}`);
    assert.doesNotMatch(r.stdout, /OT6012|EMFILE/, "the rollback finished");
    assert.deepEqual(namespacesOf(name), [], "every namespace of the lab is deleted");
    assert.deepEqual(leftovers(name), []);
  } finally {
    cli(["down", name]);
    s.remove();
  }
});

test("the CLI's down finishes when started with descriptors inherited from its parent", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const name = uniqueLab("fdinherit");
  const file = join(s.dir, "lab.otop");
  try {
    writeFileSync(file, star(name, 150));
    const u = cli(["up", file]);
    assert.equal(u.code, 0, u.stderr);
    // A parent that leaks descriptors into its children (870 of 1,024): down needs few.
    const r = spawnSync(
      "bash",
      [
        "-c",
        `ulimit -n 1024 && for i in $(seq 10 880); do eval "exec $i</dev/null"; done && exec "$0" "$@"`,
        process.execPath,
        BIN,
        "down",
        name,
      ],
      { encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } },
    );
    assert.equal(r.status, 0, `down failed:\n${r.stderr}`);
    assert.deepEqual(namespacesOf(name), []);
  } finally {
    cli(["down", name]);
    s.remove();
  }
});

test("holdNamespaces neither follows a link nor blocks on a FIFO in a namespace's place", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const base = uniqueLab("holdodd");
  const [real, link, fifo] = [`${base}.real`, `${base}.link`, `${base}.fifo`];
  const s = scratch();
  try {
    assert.equal(spawnSync("ip", ["netns", "add", real]).status, 0);
    symlinkSync(`/run/netns/${real}`, `/run/netns/${link}`);
    assert.equal(spawnSync("mkfifo", [`/run/netns/${fifo}`]).status, 0);
    // In a child with a timeout: an open that blocked would hang this process for good.
    const r = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { holdNamespaces } from ${JSON.stringify(HOLD)};
import { readdirSync } from "node:fs";
const n = () => readdirSync("/proc/self/fd").length;
const a = n(); const rl = holdNamespaces([${JSON.stringify(link)}]); const linked = n() - a; rl();
const b = n(); const rf = holdNamespaces([${JSON.stringify(fifo)}]); rf();
const c = n(); const rr = holdNamespaces([${JSON.stringify(real)}]); const held = n() - c; rr();
console.log(JSON.stringify({ linked, held, after: n() - a }));`,
      ],
      { encoding: "utf8", timeout: 10_000 },
    );
    assert.equal(r.status, 0, `holdNamespaces hung or failed: ${r.signal ?? ""} ${r.stderr}`);
    assert.deepEqual(JSON.parse(r.stdout), { linked: 0, held: 1, after: 0 });
  } finally {
    rmSync(`/run/netns/${link}`, { force: true });
    rmSync(`/run/netns/${fifo}`, { force: true });
    spawnSync("ip", ["netns", "del", real], { stdio: "ignore" });
    s.remove();
  }
});

/** Starts `down LAB`, waits until its batch has deleted some of the lab's namespaces, and sends `signal`. */
async function signalMidBatch(
  lab: string,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; stderr: string }> {
  const total = namespacesOf(lab).length;
  const child = spawn(process.execPath, [BIN, "down", lab], { env: { ...process.env, NO_COLOR: "1" } });
  let stderr = "";
  child.stderr.on("data", (b: Buffer) => {
    stderr += b.toString("utf8");
  });
  const done = new Promise<number | null>((resolve) => child.on("close", resolve));
  // Busy: the batch of 301 deletions takes some 30 ms.
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && namespacesOf(lab).length === total);
  const left = namespacesOf(lab).length;
  assert.ok(left < total && left > 0, `not caught in its batch (${left} of ${total} left)`);
  child.kill(signal);
  return { code: await done, stderr };
}

/**
 * A 300-node star brought up, its switches' namespace held to watch the nodes' die (their
 * veths' peers go with them), and `body` run on it; everything is taken down after.
 */
async function withHeldStar(base: string, body: (name: string) => Promise<void>) {
  const s = scratch();
  const name = uniqueLab(base);
  const file = join(s.dir, "lab.otop");
  let held: ReturnType<typeof holdOpen> | undefined;
  try {
    writeFileSync(file, star(name, 300));
    assert.equal(cli(["up", file]).code, 0);
    held = holdOpen(name);
    const h = held;
    assert.equal(h.veths().length, 300);
    await body(name);
    assert.ok(await until(() => h.veths().length === 0), "every node's namespace died");
    assert.deepEqual(leftovers(name), []);
  } finally {
    held?.close();
    cli(["down", name]);
    s.remove();
  }
}

test("down killed (SIGKILL) in the middle of its batch, then run again: every namespace dies", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withHeldStar("killmid", async (name) => {
    const killed = await signalMidBatch(name, "SIGKILL");
    assert.equal(killed.code, null);
    // Its `ip` may outlive it and finish the batch: down again, until nothing is left.
    assert.ok(
      await until(() => cli(["down", name]).code === 0 && namespacesOf(name).length === 0, 5000),
      "down again finishes",
    );
  });
});

test("down interrupted (SIGINT) in the middle of its batch finishes by itself, and every namespace dies", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withHeldStar("intmid", async (name) => {
    const r = await signalMidBatch(name, "SIGINT");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(namespacesOf(name), []);
  });
});

test("up/down cycles and failed ups through the API keep no descriptor and let every namespace die", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const name = uniqueLab("cycles");
  const file = join(s.dir, "lab.otop");
  const fds = () => readdirSync("/proc/self/fd").length;
  try {
    let steady: number | undefined;
    for (let c = 0; c < 4; c++) {
      const fail = c % 2 === 1;
      writeFileSync(
        file,
        star(name, 10, fail ? `node bad {\n  eth0 -> sw 10.77.200.1/16\n  run x "exit 3"\n}\n` : ""),
      );
      const before = fds();
      let hubFd: number | undefined;
      if (fail) {
        // The switch's namespace is held from its making, to watch the rollback free the nodes'.
        let stop = false;
        const watcher = (async () => {
          while (!stop && hubFd === undefined) {
            try {
              const fd = openSync(`/run/netns/${name}`, "r");
              // Not the empty file `ip netns add` mounts the namespace on, yet: the namespace.
              if (statfsSync(`/proc/self/fd/${fd}`).type === 0x6e736673) hubFd = fd;
              else closeSync(fd);
            } catch {}
            if (hubFd === undefined) await sleep(2);
          }
        })();
        await assert.rejects(up(file), /OT5021/);
        stop = true;
        await watcher;
      } else {
        const lab = await up(file);
        hubFd = openSync(`/run/netns/${name}`, "r");
        assert.equal(vethsOf(hubFd).length, 10);
        await lab.down();
      }
      assert.ok(hubFd !== undefined, "the switch's namespace was seen");
      const fd = hubFd;
      assert.ok(await until(() => vethsOf(fd).length === 0), `cycle ${c}: every node's namespace died`);
      closeSync(fd);
      assert.deepEqual(leftovers(name), []);
      // The first cycle may open what Node keeps for good; later ones add nothing.
      if (c > 0) assert.equal(fds(), steady ?? before, `cycle ${c}: no descriptor kept`);
      steady = fds();
    }
  } finally {
    cli(["down", name]);
    s.remove();
  }
});
