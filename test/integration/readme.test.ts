// The README's five-minute tour, run as written: every command of its block (after the
// `<!-- tour -->` marker) in order, as root, each of which must succeed, with the lab under
// a name of this run's own and `opentop` being this checkout's.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { BIN, cli, ROOT, SKIP_NOT_ROOT, scratch, uniqueLab } from "../support/lab.js";

/** The commands of the README's tour, in order. */
function tourCommands(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const at = readme.indexOf("<!-- tour -->");
  assert.ok(at >= 0, "the README marks its tour");
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))?.[1] ?? "";
  const lines = block.split("\n").filter((l) => l.startsWith("opentop "));
  assert.ok(lines.length >= 8, "the tour has its commands");
  return lines;
}

test("README: the five-minute tour runs as written", { skip: SKIP_NOT_ROOT }, () => {
  const s = scratch();
  const lab = uniqueLab("tour");
  try {
    // The checkout's opentop first on PATH, and the example under this run's lab name.
    const bin = join(s.dir, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "opentop"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, "opentop"), 0o755);
    mkdirSync(join(s.dir, "examples"));
    const example = readFileSync(join(ROOT, "examples/tour.otop"), "utf8").replace(
      /^lab tour$/m,
      `lab ${lab}`,
    );
    writeFileSync(join(s.dir, "examples/tour.otop"), example);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, NO_COLOR: "1" };
    for (const line of tourCommands()) {
      // The lab's name where it is a word of its own (not in `examples/tour.otop`, `tour.svg`).
      const command = line.replace(/(?<![\w./-])tour(?![\w./-])/g, lab);
      const r = spawnSync("sh", ["-c", command], { cwd: s.dir, env, encoding: "utf8", timeout: 120_000 });
      assert.equal(r.status, 0, `\`${command}\` failed (${r.status}):\n${r.stderr}${r.stdout}`);
      if (command.includes(" test "))
        assert.match(r.stdout, /9 of 9 expectations hold with real packets; the model and the kernel agree/);
      if (command.includes(" exec ")) assert.equal(r.stdout.trim(), "200", "the web server answers");
      if (command.includes(" status ")) assert.match(r.stdout, /no drift/);
    }
    assert.match(readFileSync(join(s.dir, "tour.svg"), "utf8"), /<svg/);
  } finally {
    cli(["down", lab]);
    s.remove();
  }
});
