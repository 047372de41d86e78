// The runtime's own helpers, without root: running the tools and reading what they print.

import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { claimsOf } from "../../src/plan/ops.js";
import { opsOf, type Plan } from "../../src/plan/plan.js";
import { shellQuote } from "../../src/plan/quote.js";
import { hostOverlaps } from "../../src/runtime/hostnet.js";
import { ipJson, routePrefix } from "../../src/runtime/kernel.js";
import { run, runSync } from "../../src/runtime/proc.js";
import { cli } from "../support/lab.js";

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

/** Runs `fn` with a fake `ip` first on PATH: a sh script that prints `addr` for `ip … addr …`, `route` else. */
async function withFakeIp<T>(addr: string, route: string, fn: () => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "opentop-fake-ip-"));
  const path = process.env.PATH;
  try {
    writeFileSync(
      join(dir, "ip"),
      `#!/bin/sh\ncase "$*" in *addr*) printf '%s\\n' ${shellQuote(addr)} ;; *) printf '%s\\n' ${shellQuote(route)} ;; esac\n`,
    );
    chmodSync(join(dir, "ip"), 0o755);
    process.env.PATH = `${dir}:${path ?? ""}`;
    return await fn();
  } finally {
    process.env.PATH = path;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A plan that puts 10.9.9.1/30 on the host's end of a link. */
const HOST_ADDRESS_PLAN: Plan = {
  lab: "t",
  stages: [
    {
      name: "links",
      steps: [
        {
          tool: "ip",
          ns: null,
          ops: [{ kind: "addr.add", ns: null, dev: "ot-x", cidr: "10.9.9.1/30", family: 4 }],
        },
      ],
    },
  ],
  teardown: [],
};

/** The prefixes a plan claims on the host's side, as `up` checks them. */
function hostAddresses(plan: Plan) {
  return opsOf(plan.stages).flatMap((op) =>
    claimsOf(op).flatMap((c) =>
      c.kind === "host-net" ? [{ cidr: c.cidr, overDefault: c.overDefault === true, origin: op.origin }] : [],
    ),
  );
}

test("a host link's address that overlaps the host's networks is refused (OT6014)", async () => {
  const found = await withFakeIp(
    '[{"ifname":"eth0","addr_info":[{"local":"10.9.9.2","prefixlen":24}]}]',
    "[]",
    () => hostOverlaps(hostAddresses(HOST_ADDRESS_PLAN)),
  );
  assert.deepEqual(
    found.map((d) => d?.code),
    ["OT6014"],
  );
  assert.match(found[0]?.message ?? "", /overlaps the host's 10\.9\.9\.2\/24 on eth0/);
});

test("the host's networks unreadable (`ip -j` printing no JSON) is a refusal, not a pass", async () => {
  const found = await withFakeIp('Object "-j" is unknown', "[]", () =>
    hostOverlaps(hostAddresses(HOST_ADDRESS_PLAN)),
  );
  assert.deepEqual(
    found.map((d) => d?.code),
    ["OT6004"],
  );
  assert.match(found[0]?.message ?? "", /could not read the host's networks: its output is not the JSON/);
  assert.match(found[0]?.notes[0] ?? "", /^command: ip -j addr show$/);
});

test("ip -j output: one document a line; anything else is unreadable, never empty", () => {
  assert.deepEqual(ipJson('[{"a":1}]\n[]\n'), [[{ a: 1 }], []]);
  assert.deepEqual(ipJson(""), []);
  assert.equal(ipJson('Object "-j" is unknown'), undefined);
  assert.equal(ipJson('{"not":"an array"}'), undefined);
  assert.equal(routePrefix("default", 6), "::/0");
  assert.equal(routePrefix("10.1.0.0/16", 4), "10.1.0.0/16");
  assert.equal(routePrefix("10.1.0.7", 4), "10.1.0.7/32");
  assert.equal(routePrefix("fd00::7", 6), "fd00::7/128");
});

test("runSync gives run's results: output, a missing tool, a signal", async () => {
  assert.deepEqual(
    runSync(["sh", "-c", "echo out; echo err >&2; exit 3"]),
    await run(["sh", "-c", "echo out; echo err >&2; exit 3"]),
  );
  assert.equal(runSync(["opentop-no-such-tool"]).code, 127);
  assert.match(runSync(["opentop-no-such-tool"]).stderr, /command not found/);
  assert.equal(runSync(["sh", "-c", "kill -USR1 $$"]).code, 128 + 10);
});

test("a record that is JSON but not a whole record is unreadable (OT6013), never an internal error", () => {
  const dir = mkdtempSync(join(tmpdir(), "opentop-run-"));
  try {
    const put = (lab: string, text: string) => {
      mkdirSync(join(dir, lab));
      writeFileSync(join(dir, lab, "record.json"), text);
    };
    put("cut", '{"version":2,"lab":"cut"}');
    put("nul", "null");
    put("list", "[1]");
    const env = { OPENTOP_RUN_DIR: dir };
    const status = cli(["status", "cut"], { env });
    assert.equal(status.code, 1);
    assert.match(
      status.stderr,
      /^error\[OT6013\]: the record of lab cut cannot be read: it lacks tool, file, hash/m,
    );
    assert.doesNotMatch(status.stderr, /OT9003/);
    assert.match(cli(["status", "nul"], { env }).stderr, /OT6013.*it is not a record OpenTop wrote/);
    const ls = cli(["ls", "--json"], { env });
    assert.equal(ls.code, 0, ls.stderr);
    assert.deepEqual(JSON.parse(ls.stdout), {
      labs: [
        { lab: "cut", state: "unreadable" },
        { lab: "list", state: "unreadable" },
        { lab: "nul", state: "unreadable" },
      ],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
