// Imported labs come up and carry packets: Mininet's `single,3` (every host reaches every
// other) and the containerlab topology of test/golden/import/frr.clab.yml (a router between
// a client on a point-to-point link and two on a bridge, forwarding to its loopback), each
// under a unique name (--name).

import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { cli, ping, ROOT, SKIP_NOT_ROOT, scratch, uniqueLab } from "../support/lab.js";

/** Imports, checks and brings up a lab; runs `fn`; always takes it down. */
async function withImported(args: string[], fn: (lab: string) => void): Promise<void> {
  const s = scratch();
  const lab = uniqueLab("imported");
  const file = join(s.dir, "imported.otop");
  try {
    const imported = cli(["import", ...args, "--name", lab, "-o", file]);
    assert.equal(imported.code, 0, imported.stderr);
    const checked = cli(["check", file]);
    assert.equal(checked.code, 0, checked.stderr);
    const up = cli(["up", file]);
    assert.equal(up.code, 0, up.stderr);
    fn(lab);
  } finally {
    const down = cli(["down", lab]);
    s.remove();
    assert.equal(down.code, 0, down.stderr);
  }
}

test("import mininet single,3: the hosts reach each other", { skip: SKIP_NOT_ROOT }, async () => {
  await withImported(["mininet", "single,3"], (lab) => {
    assert.ok(ping(`${lab}.h1`, "10.0.0.2"));
    assert.ok(ping(`${lab}.h1`, "10.0.0.3"));
    assert.ok(ping(`${lab}.h3`, "10.0.0.2"));
  });
});

test("import containerlab: a router, its clients on a veth and a bridge, its loopback", {
  skip: SKIP_NOT_ROOT,
}, async () => {
  await withImported(["containerlab", join(ROOT, "test/golden/import/frr.clab.yml")], (lab) => {
    const ns = (node: string) => `${lab}.${node}`;
    assert.ok(ping(ns("client1"), "192.168.1.1"), "client1 reaches the router on their veth pair");
    assert.ok(ping(ns("client2-lab"), "192.168.2.1"), "client2 reaches the router through the bridge");
    assert.ok(ping(ns("client3"), "192.168.2.10"), "client3 reaches client2 on the bridge");
    assert.ok(ping(ns("client1"), "192.168.2.10"), "the router forwards (sysctl from exec) between them");
    assert.ok(ping(ns("client2-lab"), "10.255.0.1"), "the router's loopback, by client2's default route");
    const status = cli(["status", lab]);
    assert.equal(status.code, 0, status.stdout);
  });
});
