// The runtime's own helpers, without root: running the tools and reading what they print.

import assert from "node:assert/strict";
import { test } from "node:test";
import { run } from "../../src/runtime/proc.js";

test("a tool that a signal ended exits 128 + the signal's number, whichever signal", async () => {
  assert.equal((await run(["sh", "-c", "kill -TERM $$"])).code, 128 + 15);
  assert.equal((await run(["sh", "-c", "kill -USR1 $$"])).code, 128 + 10);
  assert.equal((await run(["sh", "-c", "kill -SEGV $$"])).code, 128 + 11);
});

test("a tool that is missing is exit status 127, not an exception", async () => {
  const r = await run(["opentop-no-such-tool"]);
  assert.equal(r.code, 127);
  assert.match(r.stderr, /command not found/);
});
