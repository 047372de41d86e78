// A compilation's diagnostics are data (docs/api.md: "whose `diagnostics` are the data the CLI
// prints"): a program may copy them, write them as JSON or post them to a worker. The copy a
// diagnostic in repeated text came from (`span.via`, whose `key` tells the copies apart) must
// come through as it was made, its key an own property like every other field. And what a
// compilation shares between labs (every default route's destination) cannot be changed by
// one caller under another.

import assert from "node:assert/strict";
import { test } from "node:test";
import { compile } from "../../src/api/compile.js";

const LOOP =
  "lab x\nnode a[1..3] { eth0 10.0.0.{i}/99 }\nfor k in 1..2 { node b{k} { eth0 10.1.{k}.1/99 } }\n";

function expansions() {
  const c = compile("loop.otop", { source: LOOP });
  const vias = c.diagnostics.flatMap((d) => (d.span?.via ? [d.span.via] : []));
  assert.ok(vias.length >= 2, "diagnostics in the loop and in the range");
  return vias;
}

test("a diagnostic's expansion keeps its key through a copy, JSON and structuredClone", () => {
  for (const via of expansions()) {
    const key = via.key;
    assert.match(key, /^(i|k)=1$/);
    assert.equal({ ...via }.key, key, "a spread copy");
    assert.equal(JSON.parse(JSON.stringify(via)).key, key, "JSON");
    assert.equal(structuredClone(via).key, key, "structuredClone (postMessage)");
  }
});

test("a diagnostic's expansion has the fields it had: its frame and key, `outer` only when there is one", () => {
  for (const via of expansions()) assert.deepEqual(Object.keys(via), ["frame", "key"]);
});

test("default routes share one destination that no caller can change", () => {
  const source = "lab d\nswitch s\nnode a { eth0 -> s 10.0.0.2/24; route default via 10.0.0.1 }\n";
  const first = compile("d.otop", { source });
  const route = first.model?.nodes[0]?.routes[0];
  assert.ok(route, "the route is in the model");
  assert.throws(() => {
    (route.destination as { prefix: number }).prefix = 8;
  }, TypeError);
  assert.throws(() => {
    (route.destination.bytes as number[])[0] = 10;
  }, TypeError);
  const again = compile("d.otop", { source });
  assert.equal(again.model?.nodes[0]?.routes[0]?.destination.cidr, "0.0.0.0/0");
  assert.deepEqual(again.model?.nodes[0]?.routes[0]?.destination.bytes, [0, 0, 0, 0]);
});
