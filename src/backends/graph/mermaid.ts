// A picture as a Mermaid flowchart, for Markdown that renders it (GitHub, GitLab, many
// wikis): the same vertices, badges, links and live state as the DOT drawing.

import { assertNever } from "../../never.js";
import { COMPACT_AT, endLabel, PALETTE } from "./dot.js";
import {
  liveProblems,
  type Picture,
  type PictureEdge,
  type PictureVertex,
  type State,
  verticesOf,
} from "./picture.js";

/** Text inside a quoted Mermaid label. */
function label(text: string): string {
  return text.replace(/&/g, "#amp;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

function vertexLine(v: PictureVertex, compact: boolean): string {
  const badges =
    compact || v.badges.length === 0
      ? ""
      : `<br/><small>${label(v.badges.map((b) => b.text).join(" · "))}</small>`;
  switch (v.kind) {
    case "node":
      return `${v.id}["<b>${label(v.name)}</b>${badges}"]`;
    case "switch":
      return `${v.id}[["switch <b>${label(v.name)}</b>${badges}"]]`;
    case "host":
      return `${v.id}[("the machine's <b>host</b>")]`;
    default:
      return assertNever(v.kind);
  }
}

function edgeLine(e: PictureEdge, compact: boolean): string {
  const ends = [endLabel(e.a), endLabel(e.b)].filter((l) => l.length).map((l) => l.join(" "));
  return compact || ends.length === 0
    ? `${e.a.vertex} --- ${e.b.vertex}`
    : `${e.a.vertex} ---|"${label(ends.join(" — "))}"| ${e.b.vertex}`;
}

const CLASS: { readonly [K in PictureVertex["kind"]]: string } = {
  node: "otNode",
  switch: "otSwitch",
  host: "otHost",
};

function stateClass(s: State): string | undefined {
  switch (s) {
    case "planned":
    case "up":
    case "down":
      return undefined;
    case "missing":
      return "otMissing";
    case "drift":
      return "otDrift";
    default:
      return assertNever(s);
  }
}

export function toMermaid(p: Picture): string {
  const compact = verticesOf(p).length >= COMPACT_AT;
  const problems = liveProblems(p);
  const live = p.live ? ` — live: ${problems.length ? problems.join(", ") : "as planned"}` : "";
  const lines = [`---\ntitle: lab ${p.lab}${live}\n---`, "flowchart LR"];
  for (const m of p.machines) {
    lines.push(`  subgraph ${m.id}["${label(m.label)}"]`);
    for (const v of m.vertices) lines.push(`    ${vertexLine(v, compact)}`);
    lines.push("  end");
  }
  for (const e of p.edges) lines.push(`  ${edgeLine(e, compact)}`);
  lines.push(
    `  classDef otNode fill:${PALETTE.node.fill},stroke:${PALETTE.node.line},color:${PALETTE.ink}`,
    `  classDef otSwitch fill:${PALETTE.switch.fill},stroke:${PALETTE.switch.line},color:${PALETTE.ink}`,
    `  classDef otHost fill:${PALETTE.host.fill},stroke:${PALETTE.host.line},color:${PALETTE.ink}`,
    `  classDef otMissing fill:${PALETTE.badFill},stroke:${PALETTE.bad},stroke-dasharray:4 3`,
    `  classDef otDrift fill:${PALETTE.driftFill},stroke:${PALETTE.drift}`,
  );
  const byClass = new Map<string, string[]>();
  for (const v of verticesOf(p))
    for (const c of [CLASS[v.kind], stateClass(v.state)])
      if (c) {
        const ids = byClass.get(c) ?? [];
        ids.push(v.id);
        byClass.set(c, ids);
      }
  for (const [c, ids] of byClass) lines.push(`  class ${ids.join(",")} ${c}`);
  p.edges.forEach((e, i) => {
    if (e.state === "down")
      lines.push(`  linkStyle ${i} stroke:${PALETTE.bad},stroke-width:2px,stroke-dasharray:5 4`);
    if (e.state === "missing")
      lines.push(`  linkStyle ${i} stroke:${PALETTE.bad},stroke-width:2px,stroke-dasharray:2 3`);
  });
  return `${lines.join("\n")}\n`;
}
