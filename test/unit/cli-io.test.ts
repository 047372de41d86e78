// The terminal side of the CLI: a reader that goes away (`opentop plan FILE | head -1`)
// ends nothing but the output.

import assert from "node:assert/strict";
import { test } from "node:test";
import { cliClosedStdout } from "../support/lab.js";

for (const args of [["plan", "examples/office.otop"], ["build", "examples/office.otop"], ["help"]])
  test(`a closed standard output is no crash: opentop ${args.join(" ")}`, async () => {
    const r = await cliClosedStdout(args);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled 'error' event|\n\s+at /, "no stack trace");
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0, "the command's own exit status");
  });

test("a closed standard output leaves the diagnostics on standard error", async () => {
  const r = await cliClosedStdout(["plan", "test/golden/cases/errors-names.otop"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error\[OT\d{4}\]/m);
  assert.doesNotMatch(r.stderr, /EPIPE|\n\s+at /);
});
