// docs/api.md's snippets type-check against the published types (dist/types), as a user's
// program that imports "opentop" would: a renamed function or option fails here.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { apiDocs } from "../support/api-docs.js";
import { ROOT } from "../support/lab.js";

test("docs/api.md: every snippet type-checks against the published types", () => {
  const { snippets } = apiDocs();
  assert.ok(snippets.length >= 5, "the page has its snippets");
  const dir = mkdtempSync(join(tmpdir(), "opentop-api-docs-"));
  try {
    for (const [i, s] of snippets.entries()) writeFileSync(join(dir, `snippet${i + 1}.mts`), s);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2023",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
          paths: { opentop: [join(ROOT, "dist/types/api/opentop.d.ts")] },
        },
        include: ["*.mts"],
      }),
    );
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, `the snippets do not type-check:\n${r.stdout}${r.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
