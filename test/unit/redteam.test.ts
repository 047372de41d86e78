// The second adversarial pass (after issue 10), without a machine to change: what reaches a
// terminal from a hostile lab file, an include that is not a lab file, and the command line's
// own mistakes. What needs namespaces is in test/integration/redteam.test.ts.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { diag } from "../../src/diagnostics/diagnostic.js";
import { plainStyle, renderPretty, renderShort } from "../../src/diagnostics/render.js";
import { compileFile } from "../../src/model/compile.js";
import type { Op } from "../../src/plan/ops.js";
import { command, steps } from "../../src/plan/plan.js";
import { failureDiagnostic } from "../../src/runtime/failure.js";
import { ipJson } from "../../src/runtime/kernel.js";
import { byInterrupt, runSync } from "../../src/runtime/proc.js";

/** Runs the CLI in process: its exit status, standard output and standard error. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = {
    out: (t) => {
      out += t.endsWith("\n") ? t : `${t}\n`;
    },
    err: (t) => {
      err += t.endsWith("\n") ? t : `${t}\n`;
    },
    style: plainStyle,
    color: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}

/** A terminal's escape, a bell, a carriage return: what must never reach it raw. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test("diagnostics never carry a control character to the terminal: a file name, an include path, a tool's words", async () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-redteam-"));
  try {
    // A file name with an escape sequence (a window title) and a newline.
    const name = join(dir, "x\u001b]0;pwned\u0007\n.otop");
    writeFileSync(name, "lab e\nnode a { eth0 -> lan }\n");
    // A lab that includes a path written with escapes the language's strings allow.
    const inc = join(dir, "inc.otop");
    writeFileSync(inc, 'lab i\ninclude "a\\nb\\tc.otop"\n');
    for (const [file, format] of [
      [name, "pretty"],
      [name, "short"],
      [inc, "pretty"],
      [inc, "short"],
    ] as const) {
      const r = await cli(["check", file, "--format", format]);
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.err, CONTROL, `${format}: ${JSON.stringify(r.err)}`);
      if (format === "short")
        for (const line of r.err.trimEnd().split("\n"))
          assert.match(
            line,
            /^[^\n]*:\d+:\d+: error\[OT\d{4}\]: /,
            `one line per diagnostic: ${JSON.stringify(r.err)}`,
          );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // What the machine's tools say (a failed step's stderr) is shown as text, not interpreted.
  const d = diag("OT6004", "could not do it: \u001b[2J\u001b[Hcleared\r", {
    notes: ["the tool said: \u001b]52;c;Y2xpcGJvYXJk\u0007 and \u202eevil"],
    help: "\u009b31mred",
  });
  for (const text of [renderPretty(d), renderShort(d)])
    assert.doesNotMatch(text, CONTROL, JSON.stringify(text));
  assert.match(renderShort(d), /could not do it: \\u001b\[2J\\u001b\[Hcleared\\r$/);
});

test("an include that is a symbolic link to a file that is not a lab file is refused, its text not shown", () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-redteam-"));
  try {
    const secret = join(dir, "secret");
    writeFileSync(secret, "root:$6$salt$hash:19000:0:99999:7:::\n");
    symlinkSync(secret, join(dir, "parts.otop"));
    const lab = join(dir, "lab.otop");
    writeFileSync(lab, 'lab s\ninclude "parts.otop"\nnode a\n');
    const c = compileFile(lab);
    assert.deepEqual(
      c.diagnostics.map((x) => x.code),
      ["OT0020"],
      c.diagnostics.map((x) => x.message).join("\n"),
    );
    assert.match(c.diagnostics[0]?.message ?? "", /is not a lab file/);
    assert.doesNotMatch(JSON.stringify(c.diagnostics), /salt/);
    // A link to a lab file is fine: the name that counts is the file's own.
    writeFileSync(join(dir, "real.otop"), "node b\n");
    symlinkSync(join(dir, "real.otop"), join(dir, "alias.otop"));
    writeFileSync(lab, 'lab s\ninclude "alias.otop"\nnode a\n');
    assert.deepEqual(compileFile(lab).diagnostics, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the command line's mistakes name the option as the user wrote it", async () => {
  const build = await cli(["build", "x.otop", "-o"]);
  assert.equal(build.code, 2);
  assert.match(build.err, /option `-o` \(`--output`\) needs a value/);
  const version = await cli(["--version", "extra"]);
  assert.equal(version.code, 2);
  assert.match(version.err, /--version takes no arguments/);
});

test("what `ip -j` prints is read even when a name holds a control character (iproute2 does not escape them)", () => {
  // An interface a process in a node named `x ESC [2J y`: ip prints the byte as it is.
  const line =
    '[{"ifindex":3,"ifname":"x\u001b[2Jy","flags":["BROADCAST"]},{"ifindex":4,"ifname":"p\u001b]0;T\u0007"}]\n';
  const docs = ipJson<{ ifname: string }>(line);
  assert.deepEqual(
    docs?.flat().map((l) => l.ifname),
    ["x\u001b[2Jy", "p\u001b]0;T\u0007"],
  );
  assert.equal(ipJson("not json\n"), undefined, "what is not JSON stays unreadable");
});

test("a failed step that runs one of OpenTop's own sh programs names it, instead of printing its text twice", () => {
  const op = {
    kind: "nic.give",
    ns: "lab.a",
    name: "wan",
    nic: "eth1",
    saved: "/run/opentop/lab/nics/eth1",
  } as const satisfies Op;
  const [step] = steps([op]);
  assert.ok(step);
  const d = failureDiagnostic({
    step,
    op,
    result: { argv: command(step).argv, code: 1, stdout: "", stderr: "eth1 is not on the host\n" },
  });
  const text = renderPretty(d);
  assert.doesNotMatch(text, /IFS= read -r head/, "the program's text is not repeated");
  assert.match(text, /note: command: sh -c <nic-give> opentop-nic-give \/run\/netns\/lab\.a wan eth1 /);
  assert.doesNotMatch(text, /note: operation:/, "an exec step's operation is its command");
  assert.match(text, /<nic-give> is a program of OpenTop's own: `opentop plan` shows its text/);
  assert.ok(text.length < 1200, `${text.length} characters:\n${text}`);
});

test("a flood of errors (a file that is not a lab file at all) prints the first ones and says how many more; short and JSON list them all", async () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-redteam-"));
  try {
    const file = join(dir, "big.otop");
    writeFileSync(file, `lab big\n${Array.from({ length: 5000 }, (_, i) => `garbage${i} x`).join("\n")}\n`);
    const pretty = await cli(["check", file]);
    assert.equal(pretty.code, 1);
    assert.ok(pretty.err.length < 40_000, `${pretty.err.length} characters printed`);
    assert.match(
      pretty.err,
      /\n… and 4900 more, not shown \(`--format short` or `--json` lists every one\)\n/,
    );
    assert.match(pretty.err, /\n5000 errors\n$/);
    const short = await cli(["check", file, "--format", "short"]);
    assert.equal(short.err.trimEnd().split("\n").length, 5000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a check that an interrupt killed as it started is run again (the terminal's signal reaches a child before it leaves OpenTop's process group)", () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-redteam-"));
  try {
    const marker = join(dir, "once");
    // Dies of SIGHUP the first time, as a child caught by the signal between fork and setsid.
    const argv = ["sh", "-c", `[ -e ${marker} ] || { touch ${marker}; kill -HUP $$; }; echo ok`];
    const r = runSync(argv);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "ok\n");
    assert.ok(byInterrupt({ code: 129 }) && byInterrupt({ code: 130 }) && byInterrupt({ code: 143 }));
    assert.ok(!byInterrupt({ code: 137 }), "SIGKILL is no interrupt");
    // Its own session: a signal to OpenTop's process group does not reach it.
    const sid = runSync(["sh", "-c", "ps -o sid= -p $$"]);
    assert.notEqual(
      Number(sid.stdout.trim()),
      Number(runSync(["ps", "-o", "sid=", "-p", String(process.pid)]).stdout.trim()),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
