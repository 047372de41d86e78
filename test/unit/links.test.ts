// The link kinds' table and the roles of a link's ends: an interface has at most one link
// that creates it, and any number that use it as their parent device.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Diagnostics } from "../../src/diagnostics/diagnostic.js";
import { sourceFile, spanOf } from "../../src/diagnostics/source.js";
import { join } from "../../src/model/attach.js";
import { expand } from "../../src/model/expand.js";
import { readIfaces } from "../../src/model/ifaces.js";
import {
  type Joined,
  kindOf,
  LINK_KINDS,
  LINK_WORDS,
  type Link,
  ownerOf,
} from "../../src/model/links/index.js";
import { declareNode, Scope } from "../../src/model/scope.js";
import { SHAPING_OPTIONS } from "../../src/model/shaping.js";
import { IFACE_OPTIONS, parse } from "../../src/syntax/parser.js";

/** A scope with node `a`, whose `eth0` nothing links yet. */
function scopeWithEth0(): { scope: Scope; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const file = sourceFile("t.otop", "lab x\nnode a { eth0 10.0.0.1/24 }\n");
  const decls = expand(parse(file, diagnostics), diagnostics);
  const scope = new Scope(diagnostics, file, LINK_WORDS);
  for (const n of decls.nodes) if (declareNode(scope, n)) readIfaces(scope, n);
  assert.deepEqual(diagnostics.list, []);
  return { scope, diagnostics };
}

function twoLinksOnEth0(role: Joined["role"]) {
  const { scope, diagnostics } = scopeWithEth0();
  const links: Link[] = [];
  const end = { node: "a", iface: "eth0" };
  const file = sourceFile("t.otop", "0123456789");
  for (const at of [spanOf(file, 0, 2), spanOf(file, 5, 7)]) {
    const link: Link = { kind: "switch", switch: "s", end, span: at };
    join(scope, links, link, [{ end, role }], at);
  }
  return { links, iface: scope.iface("a", "eth0"), diagnostics: diagnostics.list };
}

test("two links may use one interface as their parent device", () => {
  const { links, iface, diagnostics } = twoLinksOnEth0("uses");
  assert.deepEqual(diagnostics, []);
  assert.equal(links.length, 2);
  assert.deepEqual(iface?.users, [0, 1]);
  assert.equal(iface?.creator, undefined);
});

test("two links may not create one interface (OT1009)", () => {
  const { links, iface, diagnostics } = twoLinksOnEth0("creates");
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message, d.span?.start, d.labels[0]?.span.start]),
    [["OT1009", "interface `a.eth0` is attached twice", 5, 0]],
  );
  assert.equal(links.length, 1);
  assert.equal(iface?.creator, 0);
});

test("every word after `->` asks for exactly one link kind", () => {
  const keywords = new Set(LINK_WORDS.reserved.keys());
  for (const [word, kind] of [
    ["host", "host"],
    ["lan", "switch"],
    ["r2.eth1", "p2p"],
    // `host` names no node: host.NIC is the host's own interface.
    ["host.eth0", "nic"],
    ["r2.eth1.10", "p2p"],
  ] as const) {
    assert.equal(kindOf(word), kind, word);
    const matching = Object.values(LINK_KINDS).filter((k) => k.matches(word, keywords));
    assert.equal(matching.length, 1, word);
  }
  // Every kind's reserved word asks for that kind alone, and can name no switch or node.
  for (const k of Object.values(LINK_KINDS))
    if (k.keyword) {
      assert.equal(kindOf(k.keyword.word), k.kind);
      assert.ok(keywords.has(k.keyword.word));
    }
});

test("messages list every kind's target, from the table", () => {
  // A VLAN sub-interface is declared by its name: it has no target to list.
  assert.equal(
    LINK_WORDS.targetsFor("eth0"),
    "`eth0 -> SWITCH`, `eth0 -> NODE.IFACE`, `eth0 -> host` or `eth0 -> host.NIC`",
  );
  assert.equal(LINK_WORDS.otherTargets("switch"), "`NODE.IFACE`, `host` or `host.NIC`");
});

test("every interface option of the syntax belongs to the interface or to exactly one link kind", () => {
  for (const option of Object.keys(IFACE_OPTIONS)) {
    const owners = Object.values(LINK_KINDS).filter((k) => Object.hasOwn(k.options, option));
    // Every interface's own: its MTU and MAC, and shaping (src/model/shaping.ts).
    if (option === "mtu" || option === "mac" || (SHAPING_OPTIONS as readonly string[]).includes(option))
      assert.equal(owners.length, 0, option);
    else assert.equal(owners.length, 1, option);
  }
  assert.equal(ownerOf("host-masquerade"), "host");
});
