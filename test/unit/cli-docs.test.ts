// The command line's documentation is made from its table (src/cli/spec.ts): the man page
// and docs/cli.md must be what `npm run docs` writes now, and every command must have
// examples that name it.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { commandHelp } from "../../src/cli/help.js";
import { manPage, withReference } from "../../src/cli/manual.js";
import { SPECS } from "../../src/cli/spec.js";
import { ROOT } from "../support/lab.js";

test("docs/opentop.1 is current (npm run docs)", () => {
  assert.equal(readFileSync(join(ROOT, "docs/opentop.1"), "utf8"), manPage());
});

test("docs/cli.md's reference is current (npm run docs)", () => {
  const page = readFileSync(join(ROOT, "docs/cli.md"), "utf8");
  assert.equal(page, withReference(page));
});

test("every command has a summary, a description and examples of itself", () => {
  for (const spec of SPECS.filter((s) => !s.hidden)) {
    assert.ok(spec.summary && spec.description, spec.name);
    assert.ok(spec.examples.length > 0, `${spec.name} has examples`);
    for (const e of spec.examples)
      assert.match(e.cmd, new RegExp(`opentop ${spec.name}\\b|\\./\\S+\\.sh`), `${spec.name}: ${e.cmd}`);
    const help = commandHelp(spec);
    for (const o of spec.options)
      assert.ok(help.includes(`--${o.name}`), `${spec.name} --help shows --${o.name}`);
  }
});

test("the man page lists every command, option and exit status", () => {
  const man = manPage();
  for (const spec of SPECS.filter((s) => !s.hidden)) {
    assert.ok(man.includes(`opentop ${spec.name}`), spec.name);
    for (const o of spec.options)
      assert.ok(man.includes(`\\-\\-${o.name.replace(/-/g, "\\-")}`), `--${o.name}`);
  }
  assert.match(man, /\.SH EXIT STATUS/);
});
