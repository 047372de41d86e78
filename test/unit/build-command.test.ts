// `opentop build` on the command line: where the script goes, parameters, and its errors.

import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cli, scratch } from "../support/lab.js";

test("build: writes the script to standard output, or executable to -o", () => {
  const s = scratch();
  try {
    const out = cli(["build", "examples/p2p.otop"]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /^#!\/bin\/sh\n# Lab p2p: a standalone script/);

    const file = join(s.dir, "p2p.sh");
    const written = cli(["build", "examples/p2p.otop", "-o", file]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(
      written.stdout,
      /^wrote .*p2p\.sh: lab p2p, needs sh and ip, nsenter, unshare, mkdir, ln, readlink, rm, mv, date, touch, find, cat; its test also sleep, ss, setsid, timeout, socat, ping, tr, sed$/m,
    );
    assert.equal(readFileSync(file, "utf8"), out.stdout);
    assert.equal(statSync(file).mode & 0o777, 0o755);

    const json = cli(["build", "examples/p2p.otop", "-o", file, "--json"]);
    assert.deepEqual(JSON.parse(json.stdout), {
      ok: true,
      lab: "p2p",
      output: file,
      // Its expectations' test adds the probes' programs.
      requires: [
        ...[
          "ip",
          "nsenter",
          "unshare",
          "mkdir",
          "ln",
          "readlink",
          "rm",
          "mv",
          "date",
          "touch",
          "find",
          "cat",
        ],
        ...["sh", "sleep", "ss", "setsid", "timeout", "socat", "ping", "tr", "sed"],
      ],
    });
  } finally {
    s.remove();
  }
});

test("build: --set gives the script of that lab", () => {
  const three = cli(["build", "examples/star.otop", "--set", "n=3"]);
  assert.equal(three.code, 0, three.stderr);
  assert.match(three.stdout, /^Lab star: 3 nodes, 1 switch, 3 links/m);
  assert.match(three.stdout, /^ {4}h3\) enter nsenter --net=\/run\/netns\/star\.h3 -- "\$@" ;;$/m);
  assert.doesNotMatch(three.stdout, /star\.h4/);
});

test("build: errors are diagnostics", () => {
  const missing = cli(["build"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /error\[OT9002\]: give one lab file/);
  const bad = cli(["build", "test/golden/cases/errors-names.otop"]);
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, "", "no script for a lab with errors");
  const unwritable = cli(["build", "examples/p2p.otop", "-o", "/nonexistent/dir/p2p.sh"]);
  assert.equal(unwritable.code, 1);
  assert.match(
    unwritable.stderr,
    /^error\[OT7001\]: cannot write the script to \/nonexistent\/dir\/p2p\.sh: /m,
  );
});
