// Golden pictures: every valid case and example drawn as DOT and Mermaid, compared with a
// committed baseline (`npm run accept` rewrites them; a reviewer reads the diff). Also a
// lab drawn with live state (a node missing, a link down, drift) and a star whose hosts are
// drawn as one grid.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { toDot } from "../../src/backends/graph/dot.js";
import { toMermaid } from "../../src/backends/graph/mermaid.js";
import { type Live, picture } from "../../src/backends/graph/picture.js";
import { compileFile } from "../../src/model/compile.js";
import type { Lab } from "../../src/model/model.js";
import { ROOT } from "../support/lab.js";
import { compareBaseline } from "./golden.test.js";

function labOf(path: string, params: Record<string, string> = {}): Lab | undefined {
  return compileFile(join(ROOT, path), { params: new Map(Object.entries(params)) }).lab;
}

for (const [dir, prefix] of [
  ["test/golden/cases", ""],
  ["examples", "example-"],
] as const)
  for (const entry of readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(".otop"))
    .sort()) {
    const lab = labOf(join(dir, entry));
    if (!lab) continue;
    test(`golden graph ${dir}/${entry}`, () => {
      const base = `graph-${prefix}${entry.replace(/\.otop$/, "")}`;
      const p = picture(lab);
      compareBaseline(`${base}.dot`, toDot(p));
      compareBaseline(`${base}.mmd`, toMermaid(p));
    });
  }

test("golden graph: a running lab's live state (a node missing, a link down, drift)", () => {
  const lab = labOf("examples/office.otop");
  if (!lab) throw new Error("office does not compile");
  const up = (names: string[]) => new Map(names.map((n) => [n, "up" as const]));
  const live: Live = {
    nodes: new Map([
      ["router", { present: true, drift: ["changed interface eth1 is down"] }],
      ["web", { present: true, drift: [] }],
      ["pc1", { present: true, drift: [] }],
      ["pc2", { present: false, drift: [] }],
      ["isp", { present: true, drift: [] }],
    ]),
    ifaces: new Map([
      ...up(["router.eth0", "router.wan", "web.eth0", "pc1.eth0", "isp.eth0"]),
      ["router.eth1", "down"],
    ]),
    drift: ["extra interface stray0 (in office)"],
  };
  const p = picture(lab, live);
  compareBaseline("graph-live-office.dot", toDot(p));
  compareBaseline("graph-live-office.mmd", toMermaid(p));
});

test("golden graph: a switch's many hosts drawn as one grid", () => {
  const lab = labOf("examples/star.otop", { n: "12" });
  if (!lab) throw new Error("star does not compile");
  compareBaseline("graph-star-12.dot", toDot(picture(lab)));
});
