// The graph emitter: every example renders to SVG in-process with every node, switch and
// link in it; the layout starts from the lab's centre; many hosts of one switch make a
// grid; formats follow the output's file name.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { toDot } from "../../src/backends/graph/dot.js";
import { groupLeaves } from "../../src/backends/graph/groups.js";
import { formatOfPath, GRAPH_FORMATS } from "../../src/backends/graph/index.js";
import { orient } from "../../src/backends/graph/layout.js";
import { picture, verticesOf } from "../../src/backends/graph/picture.js";
import { toSvg } from "../../src/backends/graph/svg.js";
import { sourceFile } from "../../src/diagnostics/source.js";
import { compileFile, compileSource } from "../../src/model/compile.js";
import { ROOT } from "../support/lab.js";

const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".otop"));

for (const example of EXAMPLES)
  test(`graph: examples/${example} renders to SVG with every node, switch and link`, async () => {
    const lab = compileFile(join(ROOT, "examples", example)).lab;
    assert.ok(lab, "the example compiles");
    const p = picture(lab);
    const svg = await toSvg(toDot(p));
    assert.match(svg, /^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    const grouping = groupLeaves(p);
    for (const v of verticesOf(p)) {
      // A vertex drawn in a group is a cell of it: Graphviz names its element `a_ID`.
      const id = grouping.inGroup.has(v.id) ? `a_${v.id}` : v.id;
      assert.ok(svg.includes(`id="${id}"`), `${v.kind} ${v.name} is drawn`);
      // Graphviz writes a hyphen as `&#45;` in SVG text.
      assert.ok(svg.includes(`>${v.name.replaceAll("-", "&#45;")}<`), `${v.name} is written`);
    }
    for (const e of p.edges)
      if (!grouping.inGroup.has(e.id)) assert.ok(svg.includes(`id="${e.id}"`), `link ${e.id} is drawn`);
    for (const g of grouping.groups) assert.ok(svg.includes(`id="${g.id}_link"`), `group ${g.id} is linked`);
  });

test("graph: every format renders every example", async () => {
  for (const example of EXAMPLES) {
    const lab = compileFile(join(ROOT, "examples", example)).lab;
    assert.ok(lab);
    for (const [format, render] of Object.entries(GRAPH_FORMATS)) {
      const text = await render(picture(lab));
      assert.ok(text.length > 100, `${example} as ${format}`);
    }
  }
});

test("graph: the format follows the output file's extension", () => {
  assert.equal(formatOfPath("lab.svg"), "svg");
  assert.equal(formatOfPath("out/LAB.HTML"), "html");
  assert.equal(formatOfPath("lab.mmd"), "mermaid");
  assert.equal(formatOfPath("lab.gv"), "dot");
  assert.equal(formatOfPath("lab.png"), undefined);
  assert.equal(formatOfPath("lab"), undefined);
});

test("graph layout: each part is drawn from its centre, all centres first", () => {
  const e = (a: string, b: string) => ({ a: { vertex: a }, b: { vertex: b } });
  // leaf1 - sw - router - sw2 - leaf2, written leaves-first
  const { edges, centre } = orient(
    ["l1", "sw", "r", "sw2", "l2"],
    [e("l1", "sw"), e("sw", "r"), e("l2", "sw2"), e("sw2", "r")],
  );
  assert.equal(centre, "r");
  assert.deepEqual(
    edges.map((x) => `${x.a.vertex}-${x.b.vertex}`),
    ["sw-l1", "r-sw", "sw2-l2", "r-sw2"],
  );
  // Two spines joined by every leaf, a host on each leaf: both spines are centres, drawn first.
  const fabric = orient(
    ["hx", "hy", "s1", "s2", "x", "y"],
    [e("x", "s1"), e("x", "s2"), e("y", "s1"), e("y", "s2"), e("hx", "x"), e("hy", "y")],
  );
  assert.deepEqual(
    fabric.edges.map((x) => `${x.a.vertex}-${x.b.vertex}`),
    ["s1-x", "s2-x", "s1-y", "s2-y", "x-hx", "y-hy"],
  );
});

test("graph: many hosts of one switch are one grid; a few are not", () => {
  const lab = (n: number) =>
    compileSource(
      sourceFile("star.otop", `lab star\nswitch sw\nnode h[1..${n}] { eth0 -> sw 10.0.0.{i}/24 }\n`),
    ).lab;
  const few = lab(7);
  const many = lab(30);
  assert.ok(few && many);
  assert.equal(groupLeaves(picture(few)).groups.length, 0);
  const g = groupLeaves(picture(many));
  assert.equal(g.groups.length, 1);
  assert.equal(g.groups[0]?.members.length, 30);
  assert.equal(g.groups[0]?.hubName, "switch sw");
});

test("graph: a service's command is text in a tooltip, quotes and backslashes escaped", () => {
  const lab = compileSource(
    sourceFile(
      "x.otop",
      'lab esc\nnode a-b { eth0 -> c_d.eth0 10.0.0.1/30\n run "echo \\"<b>&</b>\\" \\\\ done" }\nnode c_d { eth0 10.0.0.2/30 }\n',
    ),
  ).lab;
  assert.ok(lab);
  const dot = toDot(picture(lab));
  assert.ok(dot.includes('run run1: echo \\"<b>&</b>\\" \\\\ done'), dot);
  assert.doesNotMatch(dot.replace(/tooltip="(?:[^"\\]|\\.)*"/g, ""), /<b>&</, "nowhere else");
});
