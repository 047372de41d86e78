// Golden imports: each containerlab topology under test/golden/import and a list of
// Mininet `--topo` spellings, converted to a lab file and the warnings about what was not
// converted; every lab written passes `check`. `npm run accept` rewrites the baselines.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { renderShort } from "../../src/diagnostics/render.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { fromContainerlab } from "../../src/import/containerlab.js";
import { draftText, type Imported } from "../../src/import/draft.js";
import { fromMininet } from "../../src/import/mininet.js";
import { compileSource } from "../../src/model/compile.js";
import { ROOT } from "../support/lab.js";
import { compareBaseline } from "./golden.test.js";

function check(name: string, imported: Imported): void {
  assert.ok(imported.draft, `${name} converts`);
  const text = draftText(imported.draft);
  compareBaseline(`import-${name}.otop`, text);
  compareBaseline(`import-${name}.warnings.txt`, `${imported.diagnostics.map(renderShort).join("\n")}\n`);
  const compiled = compileSource(sourceFile(`${name}.otop`, text));
  assert.deepEqual(compiled.diagnostics.map(renderShort), [], "the lab written passes check");
  assert.ok(compiled.lab);
}

const DIR = "test/golden/import";
for (const entry of readdirSync(join(ROOT, DIR))
  .filter((f) => f.endsWith(".clab.yml"))
  .sort())
  test(`golden import containerlab ${entry}`, () => {
    const path = join(DIR, entry);
    check(
      entry.replace(/\.clab\.yml$/, ""),
      fromContainerlab(sourceFile(path, readFileSync(join(ROOT, path)))),
    );
  });

for (const topo of [
  "minimal",
  "single,3",
  "reversed,2",
  "linear,4",
  "linear,2,3",
  "tree,2,3",
  "tree,depth=3,fanout=2",
])
  test(`golden import mininet ${topo}`, () => {
    check(`mininet-${topo.replace(/[^a-z0-9]+/g, "-")}`, fromMininet(topo));
  });
