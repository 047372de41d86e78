// The command line on a real lab: `graph LAB` draws its live state (a link set down shows
// red, drift orange), a shell names LAB:NODE in its prompt, `logs -f` follows a service,
// progress shows on a terminal and not in a pipe, a user other than root is told what needs
// root, and a mistyped lab name gets a suggestion.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import { test } from "node:test";
import { BIN, cli, inNs, SKIP_NOT_ROOT, scratch, withLab, writeLab } from "../support/lab.js";

const LAB = `switch sw
node a {
  eth0 -> sw 10.77.0.1/24
  run tick "i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done"
}
node b {
  eth0 -> sw 10.77.0.2/24
  eth1 10.78.0.2/30
}
node c { eth0 -> b.eth1 10.78.0.1/30 }
`;

test("graph LAB: the live state, as planned, then a link down and drift", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab("graph", LAB, ({ name, ns }) => {
    const fine = cli(["graph", name, "-T", "dot"]);
    assert.equal(fine.code, 0, fine.stderr);
    assert.match(fine.stdout, /live: as planned/);
    // b's end of the link to c goes down: the link is drawn red and dashed, b drifts.
    assert.equal(inNs(ns("b"), ["ip", "link", "set", "eth1", "down"]).code, 0);
    const down = cli(["graph", name, "-T", "dot"]);
    assert.equal(down.code, 0, down.stderr);
    assert.match(down.stdout, /live: 1 link down, drift/);
    assert.match(down.stdout, /-- "n2":"eth0" \[id="e2", color="#c62828", style="dashed"/);
    assert.match(down.stdout, /"n1" \[id="n1", shape="plain", label=<<table[^>]*bgcolor="#fff3e0"/);
    const page = cli(["graph", name, "-T", "html"]);
    assert.match(page.stdout, /live: 1 link down, drift/);
    const mmd = cli(["graph", name, "-T", "mermaid"]);
    assert.match(mmd.stdout, /class n1 otDrift/);
  });
});

test("shell: the prompt names LAB:NODE in bash, sh, zsh and fish", { skip: SKIP_NOT_ROOT }, async () => {
  await withLab("shell", LAB, ({ name }) => {
    for (const shell of ["/bin/bash", "/bin/sh", "/usr/bin/zsh", "/usr/bin/fish"]) {
      if (!existsSync(shell)) continue;
      // In a terminal (`script` makes one), as a person would type: fish shows no prompt
      // without one.
      const r = spawnSync(
        "sh",
        [
          "-c",
          `printf '%s\\n' 'echo inside $OPENTOP_NODE' exit | script -qec "$0 $1 shell $2 b" /dev/null`,
          process.execPath,
          BIN,
          name,
        ],
        {
          encoding: "utf8",
          env: { ...process.env, NO_COLOR: "1", SHELL: shell, HOME: "/root" },
          timeout: 30_000,
        },
      );
      assert.equal(r.status, 0, `${shell}: ${r.stderr}`);
      assert.match(r.stdout, /inside b/, shell);
      assert.ok(`${r.stdout}${r.stderr}`.includes(`[${name}:b]`), `${shell} shows [${name}:b]: ${r.stderr}`);
    }
  });
});

test("logs -f: follows a service until interrupted", { skip: SKIP_NOT_ROOT }, async () => {
  await withLab("logs", LAB, async ({ name }) => {
    const child = spawn(process.execPath, [BIN, "logs", name, "a", "tick", "-f"], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    let out = "";
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no new output followed: ${out}`)), 20_000);
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        // What was there at the start, then at least three lines written since.
        const ticks = [...out.matchAll(/^tick (\d+)$/gm)].map((m) => Number(m[1]));
        if (ticks.length >= 4 && (ticks.at(-1) ?? 0) - (ticks[0] ?? 0) >= 3) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    try {
      await seen;
    } finally {
      child.kill("SIGINT");
    }
    const code = await new Promise((resolve) => child.on("close", resolve));
    assert.equal(code, 0, "Ctrl-C ends it normally");
    const ticks = [...out.matchAll(/^tick (\d+)$/gm)].map((m) => Number(m[1]));
    assert.deepEqual(
      ticks,
      ticks.map((_, i) => (ticks[0] ?? 0) + i),
      "every line once, in order, none cut",
    );
  });
});

test("up and down: progress on a terminal, nothing in a pipe", { skip: SKIP_NOT_ROOT }, () => {
  const s = scratch();
  const { path, lab } = writeLab(s.dir, "progress", LAB);
  try {
    const piped = cli(["up", path]);
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(piped.stderr, "", "quiet when piped");
    assert.equal(cli(["down", lab]).stderr, "");
    // `script` gives the command a terminal and records what it wrote.
    const tty = spawnSync(
      "script",
      [
        "-qec",
        `${process.execPath} ${BIN} up ${path} && ${process.execPath} ${BIN} down ${lab}`,
        "/dev/null",
      ],
      {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", COLUMNS: "200" },
        timeout: 120_000,
      },
    );
    assert.equal(tty.status, 0, tty.stdout);
    assert.match(
      tty.stdout,
      new RegExp(`\\r\\x1b\\[Kbringing ${lab} up: [a-z ]+ \\(stage \\d of \\d\\), \\d+ of \\d+ steps`),
    );
    assert.match(tty.stdout, new RegExp(`\\r\\x1b\\[Ktaking ${lab} down: `));
    assert.ok(tty.stdout.includes(`\r\x1b[Klab ${lab} is up:`), "the line is erased before the result");
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});

/** Runs the CLI as nobody (uid 65534). */
function asNobody(args: string[]) {
  const r = spawnSync(
    "setpriv",
    ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, ...args],
    {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("a user other than root is told what needs root; a mistyped lab gets a suggestion", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withLab("rootless", LAB, ({ name, path }) => {
    // The lab's file must be readable by nobody for `graph` to draw it.
    chmodSync(dirname(path), 0o755);
    const status = asNobody(["status", name]);
    assert.equal(status.code, 1);
    assert.match(
      status.stderr,
      new RegExp(`^error\\[OT6006\\]: reading the live state of lab ${name} needs root`, "m"),
    );
    assert.doesNotMatch(status.stderr, /drift|missing/);
    const exec = asNobody(["exec", name, "a", "--", "true"]);
    assert.equal(exec.code, 1);
    assert.match(exec.stderr, /^error\[OT6006\]: running a command inside a node needs root/m);
    assert.doesNotMatch(exec.stderr, /reassociate|Operation not permitted/);
    const graph = asNobody(["graph", name, "-T", "dot"]);
    assert.equal(graph.code, 0, graph.stderr);
    assert.match(graph.stderr, /^warning\[OT9012\]/m);
    const typo = cli(["status", `${name.slice(0, -1)}x`]);
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, new RegExp(`did you mean \`${name}\`\\?`));
  });
});
