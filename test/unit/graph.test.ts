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

test("graph: a large mesh is drawn radially, no box over another; a large chain left to right", async () => {
  // Four spines, 40 leaves on each, a host behind each leaf: 84 boxes, 200 links.
  const fabric = compileSource(
    sourceFile(
      "fabric.otop",
      [
        "lab fabric",
        "node s[1..4] { forward }",
        "for l in 1..40 {",
        "  node leaf{l} { forward }",
        "  for s in 1..4 { link leaf{l}.s{s} 10.{s}.{l}.0/31 -- s{s}.leaf{l} 10.{s}.{l}.1/31 }",
        "  node h{l}",
        "  link leaf{l}.lan 10.99.{l}.1/24 -- h{l}.eth0 10.99.{l}.10/24",
        "}",
        "",
      ].join("\n"),
    ),
  ).lab;
  assert.ok(fabric, "the fabric compiles");
  const p = picture(fabric);
  const dot = toDot(p);
  assert.match(dot, new RegExp(`layout="twopi", root="${p.centre}"`));
  const rings = /ranksep="([\d.:]+)"/.exec(dot)?.[1]?.split(":").map(Number) ?? [];
  assert.ok(rings.length >= 2 && rings.every((r) => r >= 1.2), `rings ${rings.join(":")}`);
  // Twopi's own rings, 1.2 inches apart, crowd the 40 leaves into one small circle.
  const boxes = nodeBoxes(await toSvg(dot));
  assert.equal(boxes.length, 84);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      assert.ok(a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1, `${a.id} and ${b.id} overlap`);
  const chain = compileSource(
    sourceFile(
      "chain.otop",
      "lab chain\nnode r[1..80] { forward }\nfor k in 1..79 { link r{k}.e1 10.0.{k}.0/31 -- r{k + 1}.e0 10.0.{k}.1/31 }\n",
    ),
  ).lab;
  assert.ok(chain);
  assert.match(toDot(picture(chain)), /rankdir="LR"/);
});

/** The bounding box (points) of each node's outline in an SVG drawn by Graphviz. */
function nodeBoxes(svg: string): { id: string; x1: number; y1: number; x2: number; y2: number }[] {
  const boxes = [];
  for (const m of svg.matchAll(
    /<g id="([^"]+)" class="node">[\s\S]*?<(?:path|polygon)[^>]*? (?:d|points)="([^"]+)"/g,
  )) {
    const xy = [...(m[2] ?? "").matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((c) => [Number(c[1]), Number(c[2])]);
    const xs = xy.map((c) => c[0] as number);
    const ys = xy.map((c) => c[1] as number);
    boxes.push({
      id: m[1] as string,
      x1: Math.min(...xs),
      y1: Math.min(...ys),
      x2: Math.max(...xs),
      y2: Math.max(...ys),
    });
  }
  return boxes;
}

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
