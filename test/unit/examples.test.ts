// The labs people read first must be right: every example and the README's tour compile
// without a single diagnostic.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileFile, compileSource } from "../../src/model/compile.js";
import { ROOT } from "../support/lab.js";

for (const name of readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".otop"))) {
  test(`examples/${name} compiles cleanly`, () => {
    const compiled = compileFile(join(ROOT, "examples", name));
    assert.deepEqual(
      compiled.diagnostics.map((d) => `${d.code} ${d.message}`),
      [],
    );
    assert.ok(compiled.lab);
  });
}

test("the README's tour shows examples/tour.otop as it is, and it compiles cleanly", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const tour = /## A five-minute tour[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(tour, "README.md has a tour with a lab in a code block");
  const example = readFileSync(join(ROOT, "examples/tour.otop"), "utf8");
  assert.equal(tour, example.slice(example.indexOf("lab tour")), "the README shows the example whole");
  const compiled = compileSource(sourceFile("README.md", tour));
  assert.deepEqual(
    compiled.diagnostics.map((d) => `${d.code} ${d.message}`),
    [],
  );
});
