// The standalone script on a real kernel: the same state as `opentop up` for every example
// (links, addresses, routes, sysctls, nftables rulesets, namespace files and cgroup limits),
// a run with nothing but the programs it declares, each other's labs, three shells, a failing
// step, a crash, a held lock, and a record from another plan. Nothing is left behind.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { leftovers } from "../support/host.js";
import { type CliResult, cli, ping, ROOT, SKIP_NOT_ROOT, scratch, uniqueLab, until } from "../support/lab.js";
import { settledLabState } from "../support/state.js";

type Shell = readonly string[];
const DASH: Shell = ["/usr/bin/dash"];
const SHELLS: readonly Shell[] = [DASH, ["/usr/bin/busybox", "sh"], ["/usr/bin/bash"]];

interface Built {
  readonly lab: string;
  readonly file: string;
  readonly script: string;
  readonly dir: string;
}

/** Writes a lab file (`lab NAME` first) and builds its script with `opentop build -o`. */
function build(dir: string, lab: string, body: string, name = "lab"): Built {
  const file = join(dir, `${name}.otop`);
  writeFileSync(file, `lab ${lab}\n${body}`);
  const script = join(dir, `${name}.sh`);
  const r = cli(["build", file, "-o", script]);
  assert.equal(r.code, 0, `opentop build failed:\n${r.stderr}`);
  return { lab, file, script, dir };
}

function runScript(script: string, args: string[], options: { shell?: Shell; env?: NodeJS.ProcessEnv } = {}) {
  const [file, ...pre] = options.shell ?? DASH;
  const r = spawnSync(file as string, [...pre, script, ...args], {
    encoding: "utf8",
    env: options.env ?? { PATH: process.env.PATH },
    timeout: 120_000,
  });
  const killed = r.signal === "SIGKILL" ? 137 : 128;
  return { code: r.status ?? killed, stdout: r.stdout, stderr: r.stderr } satisfies CliResult;
}

function ok(r: CliResult, what: string): CliResult {
  assert.equal(r.code, 0, `${what} failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r;
}

/** The lab's namespaces, host interfaces (by their mark), record and lock: none may remain. */
function assertGone(lab: string): void {
  assert.deepEqual(leftovers(lab), [], `lab ${lab} left something behind`);
}

/** Always removes a lab, whatever state a failed test left it in. */
function cleanUp(lab: string): void {
  cli(["down", lab]);
}

function recordOf(lab: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`/run/opentop/${lab}/record.json`, "utf8")) as Record<string, unknown>;
}

/** The record without what legitimately differs between the CLI's and the script's. */
function comparable(record: Record<string, unknown>): Record<string, unknown> {
  const { createdAt: _c, by: _b, ...rest } = record;
  return rest;
}

// ---- equivalence -------------------------------------------------------------------------

// Every example: a new one is covered without a line here.
const EXAMPLES = readdirSync(join(ROOT, "examples"))
  .filter((f) => f.endsWith(".otop"))
  // A lab on several machines has a script a machine: machines.test.ts brings it up.
  .filter((f) => !/^machine /m.test(readFileSync(join(ROOT, "examples", f), "utf8")))
  .map((f) => f.replace(/\.otop$/, ""))
  .sort();

for (const example of EXAMPLES)
  test(`build: examples/${example}.otop gives the same kernel state through the script as through opentop up`, {
    skip: SKIP_NOT_ROOT,
  }, (t) => {
    const s = scratch();
    const lab = uniqueLab(example);
    try {
      const source = readFileSync(join(ROOT, "examples", `${example}.otop`), "utf8");
      const body = source.replace(/^lab \S+\n/m, "");
      assert.notEqual(body, source, "the example declares its lab on a line of its own");
      const b = build(s.dir, lab, body, example);
      const plan = JSON.parse(ok(cli(["plan", b.file, "--json"]), "plan").stdout) as {
        up: { steps: { ops: Record<string, unknown>[] }[] }[];
      };
      const ops = plan.up.flatMap((stage) => stage.steps.flatMap((step) => step.ops));
      const macs = new Set(
        ops.flatMap((op) =>
          op.kind === "veth.add" ? [op.a, op.b].map((e) => (e as { mac?: string }).mac ?? "") : [],
        ),
      );
      const sysctls = ops.flatMap((op) => (op.kind === "sysctl.set" ? [String(op.key)] : []));
      const hostIfaces = ops.flatMap((op) =>
        op.kind === "link.alias" && op.ns === null ? [String(op.dev)] : [],
      );
      const dump = () => settledLabState(lab, { hostIfaces, macs, sysctls });

      const up = cli(["up", b.file]);
      // An example may need what this kernel lacks (netem, 802.1Q): up refuses it whole.
      const lacks = /error\[OT6011\]: (this kernel lacks [^\n]*)/.exec(up.stderr);
      if (up.code !== 0 && lacks) {
        assertGone(lab);
        t.skip(lacks[1]);
        return;
      }
      ok(up, "opentop up");
      const byCli = dump();
      const cliRecord = comparable(recordOf(lab));
      ok(cli(["down", lab]), "opentop down");
      assertGone(lab);

      ok(runScript(b.script, ["up"]), "script up");
      const byScript = dump();
      const scriptRecord = comparable(recordOf(lab));
      ok(runScript(b.script, ["down"]), "script down");
      assertGone(lab);

      assert.ok(Object.keys(byCli.namespaces as object).length > 0, "the dump saw the lab");
      if (example === "office")
        assert.match(JSON.stringify(byCli.namespaces), /table inet opentop/, "the dump saw the filters");
      if (example === "isolation") {
        const iso = byCli.isolation as { files: string[]; cgroups: object };
        assert.ok(iso.files.length > 0 && Object.keys(iso.cgroups).length > 0, "the dump saw the isolation");
      }
      assert.deepEqual(byScript, byCli);
      assert.deepEqual(scriptRecord, cliRecord, "the script writes the record `opentop up` writes");
    } finally {
      cleanUp(lab);
      s.remove();
    }
  });

// ---- nothing but the declared programs -----------------------------------------------

/** The `requires` line of a script's header. */
function declared(script: string): string[] {
  const m = /^# {3}requires {2}(.*)$/m.exec(readFileSync(script, "utf8"));
  assert.ok(m?.[1], "the script declares what it requires");
  return m[1].split(" ");
}

/** A directory of symbolic links to exactly these programs. */
function binWith(dir: string, programs: readonly string[]): string {
  const bin = join(dir, "bin");
  rmSync(bin, { recursive: true, force: true });
  mkdirSync(bin);
  for (const p of programs) {
    const r = spawnSync("sh", ["-c", 'command -v "$1"', "sh", p], { encoding: "utf8" });
    assert.equal(r.status, 0, `${p} is installed`);
    symlinkSync(r.stdout.trim(), join(bin, p));
  }
  return bin;
}

test("build: the script works with nothing on PATH but the programs it declares", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const lab = uniqueLab("alone");
  try {
    // Without its expectations: their `test` needs programs of its own (ping, socat, …).
    const source = readFileSync(join(ROOT, "examples", "routed.otop"), "utf8")
      .replace(/^lab \S+\n/m, "")
      .replace(/^expect .*\n/gm, "");
    const b = build(s.dir, lab, source);
    // The script alone, away from the lab file and from OpenTop.
    const alone = join(s.dir, "alone");
    mkdirSync(alone);
    const script = join(alone, "routed.sh");
    copyFileSync(b.script, script);
    rmSync(b.file);
    const required = declared(script);
    assert.deepEqual(required, [
      "ip",
      "nsenter",
      "sysctl",
      "unshare",
      "mkdir",
      "ln",
      "readlink",
      "rm",
      "mv",
      "date",
      "touch",
      "find",
      "cat",
    ]);
    assert.ok(!required.includes("node"));

    // Without sysctl, up names it, says why and what provides it, and creates nothing.
    const partial = {
      PATH: binWith(
        alone,
        required.filter((p) => p !== "sysctl"),
      ),
    };
    const refused = runScript(script, ["up"], { env: partial });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error\[OT6005\]: sysctl not found: this lab sets sysctls$/m);
    assert.match(refused.stderr, /= help: install procps/);
    assertGone(lab);

    const env = { PATH: binWith(alone, required) };
    for (const shell of SHELLS) {
      ok(runScript(script, ["up"], { shell, env }), `up under ${shell.join(" ")}`);
      // Across both switches and both routers; ping by absolute path, as it is not declared.
      // -w: the first packet can be lost while the routers' link-local addresses are still
      // tentative (the same after `opentop up`), so ping retries until the deadline.
      ok(
        runScript(script, ["exec", "client", "/usr/bin/ping", "-n", "-q", "-c1", "-w5", "10.2.0.10"], {
          shell,
          env,
        }),
        "ping",
      );
      ok(
        runScript(script, ["exec", "client", "/usr/bin/ping", "-n", "-q", "-c1", "-w5", "fd00:2::10"], {
          shell,
          env,
        }),
        "ping6",
      );
      const status = ok(runScript(script, ["status"], { shell, env }), "status");
      assert.match(status.stdout, /^no drift: the kernel matches the plan$/m);
      ok(runScript(script, ["down"], { shell, env }), "down");
      assertGone(lab);
    }
  } finally {
    cleanUp(lab);
    s.remove();
  }
});

// ---- the script and the CLI on each other's labs ------------------------------------------

const SWITCHED = `switch sw
node a { eth0 -> sw 10.0.0.1/24 fd00::1/64 }
node b { eth0 -> sw 10.0.0.2/24 fd00::2/64 }
`;

test("build: the script's status, exec and down work on a lab opentop brought up, and back", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const lab = uniqueLab("cross");
  try {
    // Quotes, `$` and spaces in the path reach the record through the script's quoting.
    const dir = join(s.dir, `it's a "$dir" with spaces`);
    mkdirSync(dir);
    const b = build(dir, lab, SWITCHED);

    ok(cli(["up", b.file]), "opentop up");
    assert.match(ok(runScript(b.script, ["status"]), "script status").stdout, /^no drift/m);
    ok(runScript(b.script, ["exec", "a", "ping", "-n", "-q", "-c1", "-W2", "10.0.0.2"]), "script exec");
    const env = runScript(b.script, ["exec", "b", "sh", "-c", 'echo "$OPENTOP_LAB/$OPENTOP_NODE"']);
    assert.equal(env.stdout.trim(), `${lab}/b`);
    ok(runScript(b.script, ["down"]), "script down");
    assertGone(lab);

    ok(runScript(b.script, ["up"]), "script up");
    const record = recordOf(lab);
    assert.equal(record.by, "script");
    assert.equal(record.file, b.file);
    assert.equal(record.state, "up");
    const status = ok(cli(["status", lab]), "opentop status");
    assert.match(status.stdout, /no drift/);
    assert.ok(ping(`${lab}.b`, "fd00::1"));
    ok(cli(["exec", lab, "a", "--", "ping", "-n", "-q", "-c1", "-W2", "fd00::2"]), "opentop exec");
    ok(cli(["down", lab]), "opentop down");
    assertGone(lab);
  } finally {
    cleanUp(lab);
    s.remove();
  }
});

// ---- three shells ---------------------------------------------------------------------

for (const shell of SHELLS)
  test(`build: up, status, exec and down under ${shell.join(" ")}`, { skip: SKIP_NOT_ROOT }, () => {
    const s = scratch();
    const lab = uniqueLab("shell");
    try {
      const b = build(
        s.dir,
        lab,
        "node a { eth0 -> b.eth0 10.0.0.1/30 fd00::1/64 mtu 9000 mac 02:00:00:00:00:0a }\nnode b { eth0 10.0.0.2/30 fd00::2/64 }\n",
      );
      const up = ok(runScript(b.script, ["up"], { shell }), "up");
      assert.match(up.stdout, /^lab \S+ is up: 2 nodes, 0 switches, 1 link \(\d+ operations\)$/m);
      assert.ok(ping(`${lab}.a`, "10.0.0.2"));
      assert.ok(ping(`${lab}.b`, "fd00::1"));
      ok(runScript(b.script, ["exec", "b", "ping", "-n", "-q", "-c1", "-W2", "10.0.0.1"], { shell }), "exec");
      assert.equal(
        runScript(b.script, ["exec", "b", "sh", "-c", "exit 7"], { shell }).code,
        7,
        "exec passes the status through",
      );
      const unknown = runScript(b.script, ["exec", "c", "true"], { shell });
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /error\[OT6008\]: lab \S+ has no node `c`/);
      assert.match(ok(runScript(b.script, ["status"], { shell }), "status").stdout, /^no drift/m);

      const again = runScript(b.script, ["up"], { shell });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /error\[OT6001\]: lab \S+ is already up/);

      // Drift: what status reports, and its exit status.
      spawnSync("ip", ["-n", `${lab}.b`, "addr", "del", "fd00::2/64", "dev", "eth0"]);
      spawnSync("ip", ["-n", `${lab}.a`, "link", "set", "eth0", "mtu", "1500"]);
      const drift = runScript(b.script, ["status"], { shell });
      assert.equal(drift.code, 1);
      assert.match(drift.stdout, /missing address fd00::2\/64 on eth0 \(in \S+\.b\)/);
      assert.match(drift.stdout, /changed interface eth0 has MTU 1500, not 9000 \(in \S+\.a\)/);
      assert.match(drift.stdout, /^drift \(2 differences\):$/m);

      const down = ok(runScript(b.script, ["down"], { shell }), "down");
      assert.match(down.stdout, /is down \(2 objects removed\)/);
      assertGone(lab);
      assert.match(
        ok(runScript(b.script, ["down"], { shell }), "down again").stdout,
        /is not up: nothing to do/,
      );
    } finally {
      cleanUp(lab);
      s.remove();
    }
  });

// ---- failures --------------------------------------------------------------------------

const ROUTER = `switch lan
node r { forward
  eth0 -> lan 10.1.0.1/24
  eth1 -> s.eth0 10.2.0.1/24 }
node s { eth0 10.2.0.2/24
  route default via 10.2.0.1 }
node pc { eth0 -> lan 10.1.0.10/24
  route default via 10.1.0.1 }
`;

/** PATH with the real programs the script declares and `more`, except `sysctl`, which is `fake`. */
function fakeSysctl(b: Built, fake: string, more: readonly string[] = []): NodeJS.ProcessEnv {
  const bin = binWith(b.dir, [...declared(b.script).filter((p) => p !== "sysctl"), ...more]);
  writeFileSync(join(bin, "sysctl"), `#!/bin/sh\n${fake}\n`, { mode: 0o755 });
  return { PATH: bin };
}

/** Sets the alias of the loopback of namespace `ns`: the lab's mark, or another. */
function loAlias(ns: string, alias: string): void {
  const r = spawnSync("ip", ["-n", ns, "link", "set", "dev", "lo", "alias", alias], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

test("build: a failing step stops up, names the step, and rolls everything back", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const lab = uniqueLab("fail");
  try {
    const b = build(s.dir, lab, ROUTER);
    const env = fakeSysctl(b, 'echo "sysctl: permission denied on key net.ipv4.ip_forward" >&2; exit 1');
    const r = runScript(b.script, ["up"], { env });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^sysctl: permission denied on key net\.ipv4\.ip_forward$/m,
      "the tool's own message",
    );
    assert.match(
      r.stderr,
      /^error\[OT6004\]: up failed at step 2\/\d+, namespace sysctls, in node r \(\S+\.r\)$/m,
    );
    assert.match(r.stderr, /^rolled back: 4 objects removed, nothing is left$/m);
    assertGone(lab);
  } finally {
    cleanUp(lab);
    s.remove();
  }
});

test("build: an interrupted up finishes its step, stops, and rolls back", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const s = scratch();
  const lab = uniqueLab("intr");
  try {
    const b = build(s.dir, lab, ROUTER);
    // A slow sysctl keeps the script in stage 2 long enough to be told to stop.
    const env = fakeSysctl(b, "/bin/sleep 1");
    const child = spawn("/usr/bin/dash", [b.script, "up"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    setTimeout(() => child.kill("SIGTERM"), 500);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 1, stderr);
    assert.match(stderr, /^error\[OT6017\]: bringing lab \S+ up was interrupted$/m);
    assert.match(stderr, /^rolled back: 4 objects removed, nothing is left$/m);
    assertGone(lab);
  } finally {
    cleanUp(lab);
    s.remove();
  }
});

test("build: after a crash half-way, up refuses, down removes it all, and the dead holder's lock is taken over", {
  skip: SKIP_NOT_ROOT,
}, () => {
  const s = scratch();
  const lab = uniqueLab("crash");
  try {
    const b = build(s.dir, lab, ROUTER);
    // The script is killed while it runs sysctl (nsenter execs it, so its parent is the script).
    const crashed = runScript(b.script, ["up"], { env: fakeSysctl(b, "kill -9 $PPID") });
    assert.equal(crashed.code, 137);
    assert.equal(recordOf(lab).state, "creating");
    assert.ok(
      leftovers(lab).some((l) => l === `record ${lab}.lock`),
      "the dead script's lock is still there",
    );

    const status = runScript(b.script, ["status"]);
    assert.equal(status.code, 1);
    assert.match(status.stdout, /half up \(interrupted\)/);
    assert.equal(cli(["status", lab]).code, 1);

    const again = runScript(b.script, ["up"]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /error\[OT6010\]: lab \S+ was left half up by an interrupted run/);
    const down = ok(runScript(b.script, ["down"]), "down");
    assert.match(down.stdout, /is down \(4 objects removed\)/);
    assertGone(lab);
  } finally {
    cleanUp(lab);
    s.remove();
  }
});

test("build: a lock held by a live process stops the script's up and down", { skip: SKIP_NOT_ROOT }, () => {
  const s = scratch();
  const lab = uniqueLab("busy");
  const lock = `/run/opentop/${lab}.lock`;
  try {
    const b = build(s.dir, lab, SWITCHED);
    // This test's own process holds the lock, in OpenTop's format.
    const stat = readFileSync(`/proc/${process.pid}/stat`, "utf8");
    const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    mkdirSync("/run/opentop", { recursive: true });
    symlinkSync(`${process.pid}:${start}`, lock);
    for (const command of ["up", "down"]) {
      const r = runScript(b.script, [command]);
      assert.equal(r.code, 1, command);
      assert.match(r.stderr, /^error\[OT6009\]: lab \S+ is busy: another OpenTop command is working on it$/m);
      assert.match(r.stderr, new RegExp(`the lock is held by process ${process.pid}$`, "m"));
    }
    rmSync(lock);
    assertGone(lab);
  } finally {
    rmSync(lock, { force: true });
    cleanUp(lab);
    s.remove();
  }
});

test("build: the script leaves alone a lab brought up from another plan", { skip: SKIP_NOT_ROOT }, () => {
  const s = scratch();
  const lab = uniqueLab("other");
  try {
    const old = build(s.dir, lab, SWITCHED, "old");
    const grown = build(s.dir, lab, `${SWITCHED}node c { eth0 -> sw 10.0.0.3/24 }\n`, "new");
    ok(cli(["up", grown.file]), "opentop up");
    for (const command of ["down", "status"]) {
      const r = runScript(old.script, [command]);
      assert.equal(r.code, 1, command);
      assert.match(r.stderr, /^error\[OT7002\]: lab \S+ was brought up from another plan$/m);
    }
    assert.equal(cli(["status", lab]).code, 0, "the lab is untouched");
    ok(runScript(grown.script, ["down"]), "down with the script of the same plan");
    assertGone(lab);
  } finally {
    cleanUp(lab);
    s.remove();
  }
});

// ---- what the script's down takes for the lab's ------------------------------------------

/** The time the kernel made a namespace (its file's modification time), in nanoseconds. */
function madeAt(ns: string): bigint {
  return statSync(`/run/netns/${ns}`, { bigint: true }).mtimeNs;
}

/** Sets a file's modification time to the nanosecond (`touch -d @S.N`, GNU). */
function touchAt(file: string, ns: bigint): void {
  const s = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, "0");
  const r = spawnSync("touch", ["-m", "-d", `@${s}.${frac}`, file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(file, { bigint: true }).mtimeNs, ns, "touch set the time to the nanosecond");
}

for (const shell of SHELLS)
  test(`build: under ${shell.join(" ")}, the script's down takes an unmarked namespace for the lab's only if it was made after the record, to the nanosecond`, {
    skip: SKIP_NOT_ROOT,
  }, () => {
    // A record of this plan proves that what was made at or after it under the lab's names
    // is the lab's (up marks a namespace only in a later stage). Made before it, only the
    // mark counts: a look-alike. Some shells' `-nt` compares whole seconds, so a namespace
    // made in the record's second, a nanosecond before it, must still be told apart.
    const s = scratch();
    const lab = uniqueLab("born");
    const record = `/run/opentop/${lab}/record.json`;
    const unmark = (node: string) => loAlias(`${lab}.${node}`, "not-opentop");
    const exists = (node: string) => existsSync(`/run/netns/${lab}.${node}`);
    try {
      const b = build(s.dir, lab, "node a\nnode b\n");
      // The record a nanosecond after a was made, at the very time, and a nanosecond before
      // (the kernel's times of making are coarse: b may have a's). Each time, what was made
      // before the record is left, and the rest taken down.
      for (const [label, shift] of [
        ["a nanosecond after a", 1n],
        ["with a", 0n],
        ["a nanosecond before a", -1n],
      ] as const) {
        ok(runScript(b.script, ["up"], { shell }), `up (the record ${label})`);
        const made = { a: madeAt(`${lab}.a`), b: madeAt(`${lab}.b`) };
        const at = made.a + shift;
        unmark("a");
        unmark("b");
        touchAt(record, at);
        const before = (["a", "b"] as const).filter((n) => made[n] < at);
        const r = runScript(b.script, ["down"], { shell });
        const what = `down, the record ${label} (made: a ${made.a}, b ${made.b}, record ${at})`;
        for (const n of ["a", "b"] as const)
          assert.equal(
            exists(n),
            before.includes(n),
            `${what}: ${n} ${before.includes(n) ? "left" : "taken"}`,
          );
        if (before.length === 0) {
          ok(r, what);
          assertGone(lab);
          continue;
        }
        assert.equal(r.code, 1, `${what} leaves the look-alike:\n${r.stderr}${r.stdout}`);
        assert.match(r.stderr, /^error\[OT6018\]/m);
        // The test's own namespaces: marked again, they go with the lab.
        for (const n of before) loAlias(`${lab}.${n}`, `opentop:${lab}:${n}`);
        ok(runScript(b.script, ["down"], { shell }), `down again (the record ${label})`);
        assertGone(lab);
      }
    } finally {
      for (const node of ["a", "b"]) if (exists(node)) spawnSync("ip", ["netns", "del", `${lab}.${node}`]);
      cleanUp(lab);
      s.remove();
    }
  });

// ---- a stage's steps side by side ------------------------------------------------------

/** N routers, each a sysctl step of its own: one stage of N steps of the tools. */
function routers(n: number): string {
  return `node r[1..${n}] { forward }\n`;
}

/**
 * PATH for the script with the programs it declares, getconf and mktemp (which let it run a
 * stage's steps side by side), and a fake sysctl that logs `start NS NANOS` and `end NS
 * NANOS` to `log` (NS: the inode of its network namespace) around `body`.
 */
function sideBySide(b: Built, log: string, body: string): NodeJS.ProcessEnv {
  const ns = `$(/usr/bin/stat -L -c %i /proc/self/ns/net)`;
  const logged = `echo "start ${ns} $(/bin/date +%s%N)" >>${log}\n${body}\nrc=$?\necho "end ${ns} $(/bin/date +%s%N)" >>${log}\nexit $rc`;
  return fakeSysctl(b, logged, ["getconf", "mktemp"]);
}

interface Call {
  readonly ns: string;
  readonly start: bigint;
  readonly end?: bigint;
}

/** The fake sysctl's calls, from its log. */
function calls(log: string): Call[] {
  const out = new Map<string, { ns: string; start: bigint; end?: bigint }>();
  for (const line of readFileSync(log, "utf8").split("\n").filter(Boolean)) {
    const [what, ns = "", at = "0"] = line.split(" ");
    if (what === "start") out.set(ns, { ns, start: BigInt(at) });
    else {
      const c = out.get(ns);
      if (c) c.end = BigInt(at);
    }
  }
  return [...out.values()];
}

const CPUS = Math.min(64, availableParallelism());
const SKIP_SIDE_BY_SIDE =
  SKIP_NOT_ROOT || (CPUS < 2 && "one CPU: the script runs the steps one after another");

/** Kills what is left of a process group this test started (by its ID, which the test recorded). */
function killGroup(group: number): void {
  if (group <= 0) return;
  try {
    process.kill(-group, "SIGKILL");
  } catch {
    // none left
  }
}

test("build: a stage of the tools' steps runs them side by side, one runner a CPU", {
  skip: SKIP_SIDE_BY_SIDE,
}, () => {
  const s = scratch();
  const lab = uniqueLab("side");
  const log = join(s.dir, "sysctl.log");
  try {
    const n = 2 * CPUS + 1;
    const b = build(s.dir, lab, routers(n));
    const env = sideBySide(b, log, "/bin/sleep 0.2");
    ok(runScript(b.script, ["up"], { env }), "up");
    const all = calls(log);
    assert.equal(all.length, n, "every router's sysctl ran once");
    // Some two of them ran at the same time.
    const overlap = all.some((x) =>
      all.some((y) => x !== y && x.start < (y.end ?? 0n) && y.start < (x.end ?? 0n)),
    );
    assert.ok(overlap, `the steps ran side by side:\n${readFileSync(log, "utf8")}`);
    ok(runScript(b.script, ["down"]), "down");
    assertGone(lab);
  } finally {
    cleanUp(lab);
    s.remove();
  }
});

for (const shell of SHELLS)
  test(`build: under ${shell.join(" ")}, a step that fails among steps side by side stops the others from starting, is named, and up rolls back`, {
    skip: SKIP_SIDE_BY_SIDE,
  }, () => {
    const s = scratch();
    const lab = uniqueLab("sidef");
    const log = join(s.dir, "sysctl.log");
    try {
      const n = 4 * CPUS;
      const b = build(s.dir, lab, routers(n));
      // The second router's sysctl fails at once; the others take 0.3 s, so that when each
      // runner's first step ends the failure is known.
      const failing = `"$(/usr/bin/stat -L -c %i /proc/self/ns/net)" = "$(/usr/bin/stat -L -c %i /run/netns/${lab}.r2)"`;
      const env = sideBySide(
        b,
        log,
        `if [ ${failing} ]; then echo "sysctl: permission denied on key net.ipv4.ip_forward" >&2; false; else /bin/sleep 0.3; fi`,
      );
      const r = runScript(b.script, ["up"], { shell, env });
      assert.equal(r.code, 1, r.stderr);
      assert.match(
        r.stderr,
        /^sysctl: permission denied on key net\.ipv4\.ip_forward$/m,
        "the tool's own message",
      );
      assert.match(
        r.stderr,
        new RegExp(
          `^error\\[OT6004\\]: up failed at step 3/\\d+, namespace sysctls, in node r2 \\(${lab}\\.r2\\)$`,
          "m",
        ),
      );
      assert.match(r.stderr, /^rolled back: \d+ objects removed, nothing is left$/m);
      const all = calls(log);
      assert.ok(all.length <= 2 * CPUS, `${all.length} of ${n} sysctls started: the runners stopped`);
      assert.ok(
        all.every((c) => c.end !== undefined),
        "every step under way ran to its end before the rollback",
      );
      assertGone(lab);
    } finally {
      cleanUp(lab);
      s.remove();
    }
  });

test("build: an interrupted up stops the runners of a stage side by side: no runner starts another step, each under way ends, and up rolls back", {
  skip: SKIP_SIDE_BY_SIDE,
}, async () => {
  const s = scratch();
  const lab = uniqueLab("sidei");
  const log = join(s.dir, "sysctl.log");
  try {
    const n = 4 * CPUS;
    const b = build(s.dir, lab, routers(n));
    const env = sideBySide(b, log, "/bin/sleep 1");
    const child = spawn("/usr/bin/dash", [b.script, "up"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // Each runner is under way with its first step (of 1 s) when up is told to stop.
    assert.ok(await until(() => existsSync(log) && calls(log).length >= CPUS), "every runner started");
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 1, stderr);
    assert.match(stderr, /^error\[OT6017\]: bringing lab \S+ up was interrupted$/m);
    assert.match(stderr, /^rolled back: \d+ objects removed, nothing is left$/m);
    const all = calls(log);
    assert.equal(all.length, CPUS, `no runner started a second step:\n${readFileSync(log, "utf8")}`);
    assert.ok(
      all.every((c) => c.end !== undefined && c.end - c.start >= 900_000_000n),
      "each step under way ran to its end",
    );
    assertGone(lab);
  } finally {
    cleanUp(lab);
    s.remove();
  }
});

test("build: under bash, the script's down takes no unmarked namespace made before the record for the lab's while the record is renamed away and back", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  // bash's `[ A -nt B ]` is true when B does not exist: a record that is not there for the
  // instant between born_after's `[ -e "$RECORD" ]` and its `-nt` (renamed away and back, as
  // an editor saving it does) must not prove a look-alike the lab's. find -newer, which
  // fails when the record is missing, never did.
  const s = scratch();
  const lab = uniqueLab("gone");
  const nodes = Array.from({ length: 12 }, (_, i) => `n${i}`);
  const dir = `/run/opentop/${lab}`;
  const record = `${dir}/record.json`;
  const stop = join(s.dir, "stop");
  const exists = (node: string) => existsSync(`/run/netns/${lab}.${node}`);
  let flipper: ReturnType<typeof spawn> | undefined;
  try {
    const b = build(s.dir, lab, nodes.map((n) => `node ${n}\n`).join(""));
    ok(runScript(b.script, ["up"], { shell: ["/usr/bin/bash"] }), "up");
    // Every namespace unmarked and made before the record: none is provably the lab's.
    let last = 0n;
    for (const n of nodes) {
      loAlias(`${lab}.${n}`, "not-opentop");
      if (madeAt(`${lab}.${n}`) > last) last = madeAt(`${lab}.${n}`);
    }
    touchAt(record, last + 1_000_000_000n);
    // The record renamed away and back as fast as the kernel allows, until told to stop.
    const aside = `${dir}/.record.1.tmp`;
    flipper = spawn(process.execPath, [
      "-e",
      `const fs = require("node:fs");
       fs.writeFileSync(${JSON.stringify(`${stop}.ready`)}, "");
       for (let i = 0; i % 1000 !== 0 || !fs.existsSync(${JSON.stringify(stop)}); i++) {
         try { fs.renameSync(${JSON.stringify(record)}, ${JSON.stringify(aside)}); } catch {}
         try { fs.renameSync(${JSON.stringify(aside)}, ${JSON.stringify(record)}); } catch {}
       }`,
    ]);
    const exited = new Promise((resolve) => flipper?.on("exit", resolve));
    assert.ok(await until(() => existsSync(`${stop}.ready`)), "the renaming started");
    let taken: string[] = [];
    for (let i = 0; i < 20 && taken.length === 0; i++) {
      runScript(b.script, ["down"], { shell: ["/usr/bin/bash"] });
      taken = nodes.filter((n) => !exists(n));
    }
    writeFileSync(stop, "");
    await exited;
    flipper = undefined;
    assert.deepEqual(taken, [], "a look-alike made before the record was taken for the lab's");
    for (const n of nodes) loAlias(`${lab}.${n}`, `opentop:${lab}:${n}`);
    ok(runScript(b.script, ["down"], { shell: ["/usr/bin/bash"] }), "down, every namespace marked again");
    assertGone(lab);
  } finally {
    if (flipper) {
      writeFileSync(stop, "");
      await new Promise((resolve) => flipper?.on("exit", resolve));
    }
    for (const n of nodes) if (exists(n)) spawnSync("ip", ["netns", "del", `${lab}.${n}`]);
    cleanUp(lab);
    s.remove();
  }
});
test("build: under busybox sh with busybox's own find, the script's down leaves an unmarked namespace made a nanosecond before the record", {
  skip: SKIP_NOT_ROOT,
}, () => {
  // Where the shell cannot tell the two times apart (busybox compares whole seconds), find
  // decides: busybox's find (a busybox-only host: Alpine) compares whole seconds too, and
  // then takes a namespace made in the record's second, before it, for the lab's.
  const s = scratch();
  const lab = uniqueLab("bbfind");
  const record = `/run/opentop/${lab}/record.json`;
  const exists = (node: string) => existsSync(`/run/netns/${lab}.${node}`);
  const bin = join(s.dir, "bin");
  mkdirSync(bin);
  symlinkSync("/usr/bin/busybox", join(bin, "find"));
  const env = { PATH: `${bin}:${process.env.PATH}` };
  const shell: Shell = ["/usr/bin/busybox", "sh"];
  try {
    const b = build(s.dir, lab, "node a\nnode b\n");
    ok(runScript(b.script, ["up"], { shell, env }), "up");
    for (const n of ["a", "b"]) loAlias(`${lab}.${n}`, "not-opentop");
    const made = { a: madeAt(`${lab}.a`), b: madeAt(`${lab}.b`) };
    // A nanosecond after the later of the two (the kernel's times of making are coarse).
    const [later = 0n] = [made.a, made.b].sort((x, y) => (x < y ? 1 : -1));
    const at = later + 1n;
    touchAt(record, at);
    const r = runScript(b.script, ["down"], { shell, env });
    assert.deepEqual(
      (["a", "b"] as const).filter((n) => !exists(n)),
      [],
      `made before the record (a ${made.a}, b ${made.b}, record ${at}), unmarked: left\n${r.stderr}`,
    );
    for (const n of ["a", "b"]) loAlias(`${lab}.${n}`, `opentop:${lab}:${n}`);
    ok(runScript(b.script, ["down"], { shell, env }), "down, marked again");
    assertGone(lab);
  } finally {
    for (const node of ["a", "b"]) if (exists(node)) spawnSync("ip", ["netns", "del", `${lab}.${node}`]);
    cleanUp(lab);
    s.remove();
  }
});

/** The processes of process group `pgid` still running (zombies aside), from /proc. */
function inGroup(pgid: number): string[] {
  const out: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let stat = "";
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z") out.push(pid);
  }
  return out;
}

// Once up's own shell is gone — killed (SIGKILL: `timeout -s KILL`, the OOM killer), or ended
// by a signal it does not trap (Ctrl-\ sends SIGQUIT to the whole process group, and a
// background runner ignores SIGQUIT as it ignores SIGINT) — nothing may go on creating the
// lab: the lock's holder is dead, so the next `down` takes the lab over and removes it while
// orphaned runners would still be starting steps (a cgroup's `mkdir -p` then makes again what
// down removed). A step under way ends, as when up ran its steps one after another; no other
// starts, and the runners' directory is not left in TMPDIR.
for (const [shell, how] of [
  [DASH, "SIGKILL to its shell"],
  [["/usr/bin/busybox", "sh"], "SIGKILL to its shell"],
  [["/usr/bin/bash"], "SIGKILL to its shell"],
  [DASH, "SIGQUIT (Ctrl-\\) to its process group"],
] as const)
  test(`build: under ${shell.join(" ")}, up ended by ${how} during a stage side by side: its runners start no step after it and leave nothing in TMPDIR`, {
    skip: SKIP_SIDE_BY_SIDE,
  }, async () => {
    const s = scratch();
    const lab = uniqueLab("sidek");
    const log = join(s.dir, "sysctl.log");
    const tmp = join(s.dir, "tmp");
    mkdirSync(tmp);
    let group = 0;
    try {
      const n = 4 * CPUS;
      const b = build(s.dir, lab, routers(n));
      const env = { ...sideBySide(b, log, "/bin/sleep 0.5"), TMPDIR: tmp };
      const [file, ...pre] = shell;
      const child = spawn(file as string, [...pre, b.script, "up"], {
        env,
        stdio: ["ignore", "ignore", "ignore"],
        detached: true,
      });
      group = child.pid ?? 0;
      const exited = new Promise((resolve) => child.on("exit", resolve));
      assert.ok(await until(() => existsSync(log) && calls(log).length > 0), "a sysctl started");
      if (how.startsWith("SIGKILL")) child.kill("SIGKILL");
      else process.kill(-group, "SIGQUIT");
      const killed = BigInt(Date.now()) * 1_000_000n;
      await exited;
      // Long enough for each runner to end its step (0.5 s) and start another if it would.
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok(await until(() => inGroup(group).length === 0, 5_000), "every runner ended");
      const late = calls(log).filter((c) => c.start > killed + 200_000_000n);
      assert.deepEqual(late, [], `steps started after up was gone:\n${readFileSync(log, "utf8")}`);
      assert.deepEqual(readdirSync(tmp), [], "the runners' directory is removed");
      ok(runScript(b.script, ["down"], { shell, env: { PATH: process.env.PATH } }), "down");
      assertGone(lab);
    } finally {
      killGroup(group);
      cleanUp(lab);
      s.remove();
    }
  });

// A full TMPDIR (mktemp -d still makes its directory: that takes no block) must not make up
// name the wrong step: the label a runner writes there is lost, and up named the last step
// it had run itself — one that succeeded ("up failed at step 1/…, namespaces").
test("build: with TMPDIR full, a step that fails among steps side by side is still the one named", {
  skip: SKIP_SIDE_BY_SIDE,
}, () => {
  const s = scratch();
  const lab = uniqueLab("sidefull");
  const log = join(s.dir, "sysctl.log");
  const full = join(s.dir, "full");
  mkdirSync(full);
  let mounted = false;
  try {
    assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=4k", "opentop-test", full]).status, 0);
    mounted = true;
    try {
      writeFileSync(join(full, "filler"), Buffer.alloc(64 * 1024));
    } catch {
      // ENOSPC: the point
    }
    const n = 2 * CPUS;
    const b = build(s.dir, lab, routers(n));
    const failing = `"$(/usr/bin/stat -L -c %i /proc/self/ns/net)" = "$(/usr/bin/stat -L -c %i /run/netns/${lab}.r2)"`;
    const env = {
      ...sideBySide(b, log, `if [ ${failing} ]; then echo "sysctl: no" >&2; false; else /bin/sleep 0.2; fi`),
      TMPDIR: full,
    };
    const r = runScript(b.script, ["up"], { env });
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        `^error\\[OT6004\\]: up failed at step 3/\\d+, namespace sysctls, in node r2 \\(${lab}\\.r2\\)$`,
        "m",
      ),
    );
    assert.match(r.stderr, /^rolled back: \d+ objects removed, nothing is left$/m);
    assertGone(lab);
  } finally {
    if (mounted) spawnSync("umount", [full]);
    cleanUp(lab);
    s.remove();
  }
});

const STRACE = spawnSync("sh", ["-c", "command -v strace"], { encoding: "utf8" }).stdout.trim();

// A signal that lands while up's shell forks the last runner of a stage is trapped before
// the shell waits: the wait is not cut short, so the runners hear of it only once the first
// has run its whole share of the stage. strace holds each fork of the shell 0.4 s after the
// child starts, which makes that moment one the test can hit.
test("build: a signal that lands as up forks its last runner stops the runners at once", {
  skip:
    SKIP_NOT_ROOT ||
    (CPUS < 2 && "one CPU: the script runs the steps one after another") ||
    (!STRACE && "needs strace"),
}, async () => {
  const s = scratch();
  const lab = uniqueLab("sidefork");
  const log = join(s.dir, "sysctl.log");
  let group = 0;
  try {
    const n = 4 * CPUS;
    const b = build(s.dir, lab, routers(n));
    const env = sideBySide(b, log, "/bin/sleep 0.5");
    const delay = ["-e", "inject=clone:delay_exit=400000", "-e", "inject=clone3:delay_exit=400000"];
    const child = spawn(
      STRACE,
      ["-qq", "-o", "/dev/null", "-e", "trace=clone,clone3", ...delay, "/usr/bin/dash", b.script, "up"],
      { env, stdio: ["ignore", "ignore", "pipe"], detached: true },
    );
    group = child.pid ?? 0;
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // The last runner's first step (router CPUS's) has started: its fork is being held.
    const last = () => String(statSync(`/run/netns/${lab}.r${CPUS}`, { throwIfNoEntry: false })?.ino);
    assert.ok(
      await until(() => existsSync(log) && calls(log).some((c) => c.ns === last()), 20_000),
      "the last runner started",
    );
    const shell = readdirSync("/proc").find((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] === String(group);
      } catch {
        return false;
      }
    });
    assert.ok(shell, "up's shell");
    process.kill(Number(shell), "SIGTERM");
    const signalled = BigInt(Date.now()) * 1_000_000n;
    await exited;
    assert.match(stderr, /^error\[OT6017\]: bringing lab \S+ up was interrupted$/m);
    assert.match(stderr, /^rolled back: \d+ objects removed, nothing is left$/m);
    const late = calls(log).filter((c) => c.start > signalled + 100_000_000n);
    assert.deepEqual(late, [], `steps started after the signal:\n${readFileSync(log, "utf8")}`);
    assertGone(lab);
  } finally {
    killGroup(group);
    cleanUp(lab);
    s.remove();
  }
});

// TMPDIR out of inodes (mktemp -d took the last): no file can be made in the runners'
// directory. `: >FILE` failing there is a special built-in's redirection error, which ends
// a non-interactive dash or busybox at once — up's own shell, told to stop, died with status
// 2, neither saying OT6017 nor rolling back, and the lab was left half up.
test("build: with TMPDIR out of inodes, an up interrupted during a stage side by side still rolls back", {
  skip: SKIP_SIDE_BY_SIDE,
}, async () => {
  const s = scratch();
  const lab = uniqueLab("sideino");
  const log = join(s.dir, "sysctl.log");
  const full = join(s.dir, "full");
  mkdirSync(full);
  let mounted = false;
  try {
    const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1m,nr_inodes=2", "opentop-test", full]);
    assert.equal(mount.status, 0, String(mount.stderr));
    mounted = true;
    const n = 4 * CPUS;
    const b = build(s.dir, lab, routers(n));
    const env = { ...sideBySide(b, log, "/bin/sleep 0.3"), TMPDIR: full };
    const child = spawn("/usr/bin/dash", [b.script, "up"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    assert.ok(await until(() => existsSync(log) && calls(log).length > 0), "a sysctl started");
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 1, stderr);
    assert.match(stderr, /^error\[OT6017\]: bringing lab \S+ up was interrupted$/m);
    assert.match(stderr, /^rolled back: \d+ objects removed, nothing is left$/m);
    assertGone(lab);
  } finally {
    if (mounted) spawnSync("umount", [full]);
    cleanUp(lab);
    s.remove();
  }
});

// at_once makes its directory with mktemp and removes it with rm, two processes in up's
// process group: Ctrl-C, or SIGTERM or SIGHUP to the group, kills either half-way (mktemp
// after making the directory, before naming it; rm before it removed it) and the directory
// is left in TMPDIR. Here each is held 0.5 s, and the group signalled meanwhile.
for (const held of ["mktemp", "rm"] as const)
  test(`build: a signal to up's process group as ${held} ${held === "rm" ? "removes" : "makes"} the runners' directory leaves nothing in TMPDIR`, {
    skip: SKIP_SIDE_BY_SIDE,
  }, async () => {
    const s = scratch();
    const lab = uniqueLab(`side${held}`);
    const log = join(s.dir, "sysctl.log");
    const tmp = join(s.dir, "tmp");
    const seen = join(s.dir, `${held}.log`);
    mkdirSync(tmp);
    let group = 0;
    try {
      const b = build(s.dir, lab, routers(2 * CPUS));
      const base = sideBySide(b, log, ":");
      const bin = String(base.PATH);
      const env = { ...base, TMPDIR: tmp };
      const real = spawnSync("sh", ["-c", `command -v ${held}`], { encoding: "utf8" }).stdout.trim();
      rmSync(join(bin, held));
      writeFileSync(
        join(bin, held),
        held === "mktemp"
          ? `#!/bin/sh\nd=$(${real} "$@") || exit\necho "$d" >>${seen}\n/bin/sleep 0.5\necho "$d"\n`
          : `#!/bin/sh\ncase $* in *${tmp}/*) echo "$*" >>${seen}; /bin/sleep 0.5 ;; esac\nexec ${real} "$@"\n`,
        { mode: 0o755 },
      );
      const child = spawn("/usr/bin/dash", [b.script, "up"], {
        env,
        stdio: ["ignore", "ignore", "pipe"],
        detached: true,
      });
      group = child.pid ?? 0;
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      assert.ok(await until(() => existsSync(seen)), `${held} ran on the runners' directory`);
      process.kill(-group, "SIGTERM");
      const code = await closed;
      assert.equal(code, 1, stderr);
      assert.match(stderr, /^error\[OT6017\]: bringing lab \S+ up was interrupted$/m);
      assert.match(stderr, /^rolled back: \d+ objects removed, nothing is left$/m);
      assert.deepEqual(readdirSync(tmp), [], "the runners' directory is removed");
      assertGone(lab);
    } finally {
      killGroup(group);
      cleanUp(lab);
      s.remove();
    }
  });
