// The examples of docs/diagnostics.md are real: every `opentop check lab.otop` example is
// run on its lab and must print exactly what the page shows. `OPENTOP_ACCEPT=1` rewrites
// the page's outputs from real runs (then review the diff).

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { plainStyle } from "../../src/diagnostics/render.js";
import { ROOT } from "../support/lab.js";

const PAGE = join(ROOT, "docs/diagnostics.md");
// A lab block, then its output block; neither may run past a fence.
const EXAMPLE =
  /```\n(lab (?:(?!```)[\s\S])*?)```\n\n```\n\$ opentop check lab\.otop([^\n]*)\n((?:(?!```)[\s\S])*?)```/g;

/** Runs `opentop check lab.otop ARGS` in `dir`, in process, and returns what it printed. */
async function check(dir: string, args: string[]): Promise<string> {
  const lines: string[] = [];
  const io: Io = {
    out: (t) => lines.push(t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => lines.push(t.endsWith("\n") ? t : `${t}\n`),
    style: plainStyle,
    color: false,
  };
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    await main(["check", "lab.otop", ...args], io);
  } finally {
    process.chdir(cwd);
  }
  return lines.join("");
}

test("every `opentop check` example of docs/diagnostics.md prints what the page shows", async () => {
  const page = readFileSync(PAGE, "utf8");
  const dir = mkdtempSync(join(tmpdir(), "opentop-docs-"));
  const accept = process.env.OPENTOP_ACCEPT === "1";
  let updated = page;
  let count = 0;
  try {
    for (const m of page.matchAll(EXAMPLE)) {
      const [whole, lab = "", flags = "", shown = ""] = m;
      writeFileSync(join(dir, "lab.otop"), lab);
      const args = flags.trim() ? flags.trim().split(/\s+/) : [];
      const actual = await check(dir, args);
      count++;
      // Function replacers: outputs hold `$`, which a replacement string would interpret.
      if (accept)
        updated = updated.replace(whole, () =>
          whole.replace(`${flags}\n${shown}`, () => `${flags}\n${actual}`),
        );
      else assert.equal(actual, shown, `the example for this lab is out of date:\n${lab}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (accept && updated !== page) writeFileSync(PAGE, updated);
  assert.ok(count >= 50, `only ${count} examples found: did the page's format change?`);
});
