// The order `status` lists a namespace's interfaces in: loopback first, then names in the
// order people count them, each bridge followed by its own ports, names that count alike
// (`br0`, `br00`) kept apart.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ifaceOrder } from "../../src/runtime/status.js";

test("status order: loopback, counting order, each bridge with its ports, alike names apart", () => {
  const iface = (ifname: string, master?: string) => ({ ifname, ...(master ? { master } : {}) });
  const listed = [
    iface("h1.e-x_1", "br00"),
    iface("eth10"),
    iface("h01.eth0", "br0"),
    iface("br00"),
    iface("h10.eth0", "br0"),
    iface("lo"),
    iface("h-1.eth0", "br00"),
    iface("br0"),
    iface("h2.eth0", "br0"),
    iface("eth2"),
  ];
  assert.deepEqual(
    [...listed].sort(ifaceOrder).map((i) => (i.master ? `${i.ifname}@${i.master}` : i.ifname)),
    [
      "lo",
      "br0",
      "h01.eth0@br0",
      "h2.eth0@br0",
      "h10.eth0@br0",
      "br00",
      "h-1.eth0@br00",
      "h1.e-x_1@br00",
      "eth2",
      "eth10",
    ],
  );
});
