// docs/api.md's snippets run, in order, as programs that import "opentop" (this checkout's
// bundle), against a real lab: its lab file, named uniquely. Each must exit 0; what they
// print is checked where the page says what it prints.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { transformSync } from "esbuild";
import { apiDocs, asProgram } from "../support/api-docs.js";
import { cli, SKIP_NOT_ROOT, scratch, uniqueLab } from "../support/lab.js";

test("docs/api.md: every snippet runs against a real lab", { skip: SKIP_NOT_ROOT }, () => {
  const { lab, snippets } = apiDocs();
  const s = scratch();
  const name = uniqueLab("apidocs");
  const printed: string[] = [];
  try {
    writeFileSync(join(s.dir, "lab.otop"), lab.replace(/^lab demo$/m, `lab ${name}`));
    snippets.forEach((snippet, i) => {
      const file = join(s.dir, `snippet${i + 1}.mjs`);
      writeFileSync(file, transformSync(asProgram(snippet, name), { loader: "ts", format: "esm" }).code);
      const r = spawnSync(process.execPath, [file], { cwd: s.dir, encoding: "utf8", timeout: 120_000 });
      assert.equal(
        r.status,
        0,
        `snippet ${i + 1} failed:\n${snippet}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
      );
      printed.push(r.stdout);
    });
    const all = printed.join("");
    assert.match(all, /error\[OT1007\]/, "compile: bad input is diagnostics");
    assert.match(all, /hello from b/, "spawn and exec: a's request reached b's server");
    assert.match(all, /\{ rate: '20mbit' \}/, "apply: the value is kept");
    assert.match(all, /every expectation holds/, "test: the expectations hold");
    assert.match(all, /^6 packets in a\.pcap$/m, "capture: three requests and three replies");
    assert.match(all, /^OT6008 /m, "errors as diagnostics");
    assert.doesNotMatch(cli(["ls"]).stdout, new RegExp(name), "the last snippet took the lab down");
  } finally {
    cli(["down", name]);
    s.remove();
  }
});
