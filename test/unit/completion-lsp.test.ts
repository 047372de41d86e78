// The language server's completion (src/lsp/completion.ts), place by place, on text as it is
// being typed: what is offered at the end of each text.

import assert from "node:assert/strict";
import { test } from "node:test";
import { complete, namesOfText } from "../../src/lsp/completion.js";

const LAB = `lab c
switch lan
template edge { param k; forward }
node r1 {
  eth0 -> lan 10.0.0.1/24
  trunk -> lan
  trunk.10 10.10.0.1/24
  eth1 -> r2.eth1 10.9.0.0/31
}
node pc[1..3] { eth0 -> lan 10.0.0.{10+i}/24 }
link r2.eth2 -- r3.eth0
`;

function offered(before: string): string[] {
  return complete(before, namesOfText(LAB)).map((c) => c.label);
}

const CASES: readonly [string, string, readonly string[], readonly string[]][] = [
  ["the top level", `${LAB}`, ["node", "switch", "link", "template", "include"], ["route", "eth0"]],
  [
    "a node's statements and interfaces",
    `${LAB}node r1 {\n  `,
    ["route", "filter", "run", "eth0", "trunk.10"],
    ["lab"],
  ],
  [
    "after `->`",
    `${LAB}node x { eth0 -> `,
    ["lan", "host", "r1.eth0", "r2.eth1", "r2.eth2", "r3.eth0", "pc2.eth0"],
    ["route"],
  ],
  ["after `->`, a node's name typed", `${LAB}node x { eth0 -> r1.`, ["r1.eth0", "r1.trunk.10"], []],
  ["after `link`", `${LAB}link `, ["r1.eth0", "r3.eth0"], ["host"]],
  ["after a link's `--`", `${LAB}link r1.eth9 10.0.0.0/31 -- `, ["r2.eth1", "mtu"], []],
  [
    "a filter's chains and actions",
    `${LAB}node r1 {\n  filter {\n    `,
    ["forward", "input", "masquerade", "dnat"],
    ["route"],
  ],
  ["after a chain", `${LAB}node r1 {\n  filter {\n    forward `, ["accept", "drop", "policy"], []],
  [
    "after `in` in a filter: the node's interfaces",
    `${LAB}node r1 {\n  filter {\n    forward accept in `,
    ["eth0", "trunk.10"],
    ["lan"],
  ],
  ["a rule's matches", `${LAB}node r1 { filter { forward accept tcp `, ["dport", "saddr", "ct", "log"], []],
  [
    "a route's options, and after `dev`",
    `${LAB}node r1 { route default `,
    ["via", "dev", "metric", "nexthop"],
    [],
  ],
  ["after `dev`", `${LAB}node r1 { route default via 10.0.0.254 dev `, ["eth0", "eth1"], ["via"]],
  ["after `use`", `${LAB}node x { use `, ["edge"], []],
  ["after `isolate`", `${LAB}node x { isolate net `, ["uts", "mount", "pid"], []],
  ["after `limit`", `${LAB}node x { limit `, ["memory", "cpu", "pids"], []],
  ["an interface's options", `${LAB}node x { eth0 -> lan 10.0.0.9/24 `, ["mtu", "rate", "delay", "both"], []],
  ["in an interface's block", `${LAB}node x {\n  eth0 -> lan {\n    `, ["mtu", "access", "trunk"], ["route"]],
  ["a switch's options", `${LAB}switch s2 `, ["mtu", "vlan-aware"], []],
  ["inside nft text: nothing", `${LAB}node x {\n  nft {\n    table inet t { `, [], ["forward", "lan"]],
  [
    "inside a loop in a node: the node's statements",
    `${LAB}node r1 {\n  for k in 1..3 {\n    `,
    ["route", "eth0"],
    [],
  ],
];

for (const [what, before, want, not] of CASES)
  test(`completion: ${what}`, () => {
    const got = offered(before);
    for (const w of want) assert.ok(got.includes(w), `${w} is offered: ${got.join(" ")}`);
    for (const n of not) assert.ok(!got.includes(n), `${n} is not offered: ${got.join(" ")}`);
  });

test("completion: a partial word is replaced, not counted as a word of the statement", () => {
  assert.ok(offered(`${LAB}node r1 {\n  rou`).includes("route"));
  assert.ok(offered(`${LAB}no`).includes("node"));
});
