// Two nodes on a point-to-point link: real packets both ways, IPv4 and IPv6, and the
// kernel state the plan asked for.

import assert from "node:assert/strict";
import { test } from "node:test";
import { cliClosedStdout, ipJson, ping, SKIP_NOT_ROOT, withLab } from "../support/lab.js";

test("p2p: two nodes ping each other over IPv4 and IPv6", { skip: SKIP_NOT_ROOT }, async () => {
  await withLab(
    "p2p",
    `node a { eth0 -> b.eth0 10.0.0.1/30 fd00:a::1/64 mtu 9000 mac 02:00:00:00:00:0a }
node b { eth0 10.0.0.2/30 fd00:a::2/64 }
`,
    ({ ns }) => {
      assert.ok(ping(ns("a"), "10.0.0.2"), "a reaches b over IPv4");
      assert.ok(ping(ns("b"), "10.0.0.1"), "b reaches a over IPv4");
      assert.ok(ping(ns("a"), "fd00:a::2"), "a reaches b over IPv6");
      assert.ok(ping(ns("b"), "fd00:a::1"), "b reaches a over IPv6");
      const [eth0] = ipJson<{ mtu: number; address: string; operstate: string }[]>(ns("a"), [
        "link",
        "show",
        "eth0",
      ]);
      assert.equal(eth0?.mtu, 9000);
      assert.equal(eth0?.address, "02:00:00:00:00:0a");
      const [peer] = ipJson<{ mtu: number }[]>(ns("b"), ["link", "show", "eth0"]);
      assert.equal(peer?.mtu, 9000, "one declared MTU applies to both ends of the link");
    },
  );
});

test("p2p: `opentop status LAB | head -1` ends quietly", { skip: SKIP_NOT_ROOT }, async () => {
  await withLab(
    "pipe",
    `node a { eth0 -> b.eth0 10.0.0.1/30 }
node b { eth0 10.0.0.2/30 }
`,
    async ({ name }) => {
      const r = await cliClosedStdout(["status", name]);
      assert.equal(r.stderr, "", "no EPIPE stack trace");
      assert.equal(r.code, 0, "status's own exit status: no drift");
    },
  );
});
