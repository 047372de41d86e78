// examples/isolation.otop, brought up as written (under a unique lab name): a network-only
// node, a storage-only node and a fully isolated node with limits and a service.

import assert from "node:assert/strict";
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { debris, inNode, outOf, service, waitFor } from "../support/isolation.js";
import { ROOT, SKIP_NOT_ROOT, withLab } from "../support/lab.js";

test("examples/isolation.otop: each node isolates only what it asks for", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  const body = readFileSync(join(ROOT, "examples/isolation.otop"), "utf8").replace(/^lab isolation$/m, "");
  let name = "";
  await withLab("example-iso", body, async (lab) => {
    name = lab.name;
    const hostNet = readlinkSync("/proc/self/ns/net");
    const hostPid = readlinkSync("/proc/self/ns/pid");
    const ns = (node: string, kind: string) =>
      outOf(lab.name, node, ["readlink", `/proc/self/ns/${kind}`]).trim();

    // router: network only.
    assert.notEqual(ns("router", "net"), hostNet);
    assert.equal(ns("router", "pid"), hostPid);
    assert.equal(outOf(lab.name, "router", ["hostname"]).trim(), hostname());

    // files: storage only.
    assert.equal(ns("files", "net"), hostNet);
    assert.match(outOf(lab.name, "files", ["cat", "/proc/self/mountinfo"]), / \/mnt .* - tmpfs opentop:/);

    // db: everything, and a service the router reaches.
    assert.notEqual(ns("db", "pid"), hostPid);
    assert.equal(outOf(lab.name, "db", ["hostname"]).trim(), "db");
    assert.equal((await waitFor(() => service(lab.name, "db", "web")))?.state, "running");
    const page = await waitFor(() => {
      const r = inNode(lab.name, "router", ["curl", "-sf", "--max-time", "2", "http://10.20.0.10:8080/"]);
      return r.code === 0 && r.stdout;
    });
    assert.match(page, /Directory listing/);
  });
  assert.deepEqual(debris(name), []);
});
