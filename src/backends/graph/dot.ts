// A picture as Graphviz DOT: an undirected graph laid out left to right, one cluster per
// machine, nodes with their badges and interfaces (where their links attach), switches and
// the host. Past COMPACT_AT vertices the picture keeps names only (the details stay in the
// tooltips); a large mesh (a fabric: more links than boxes) is laid out radially around the
// lab's centre (twopi, on one machine), where left to right would stack hundreds of boxes
// in one column with their links crossing between, and take Graphviz's dot time that grows
// faster than the square of the links (27 s for a fabric of 4,000 nodes, 4 s radially).

import { assertNever } from "../../never.js";
import { type Group, type Grouping, groupLeaves, memberState } from "./groups.js";
import { distances } from "./layout.js";
import {
  type BadgeKind,
  type EdgeEnd,
  liveProblems,
  type Picture,
  type PictureEdge,
  type PictureVertex,
  type State,
  verticesOf,
} from "./picture.js";

/** From this many vertices on, links carry no labels and nodes no badges. */
export const COMPACT_AT = 60;

export const PALETTE = {
  ink: "#1f2a3c",
  muted: "#5b6b82",
  node: { fill: "#eef3fb", line: "#4a6fa5" },
  switch: { fill: "#f7f0e1", line: "#a9802f" },
  host: { fill: "#eceff3", line: "#6b7689" },
  edge: "#8391a7",
  cluster: "#b8c2d1",
  bad: "#c62828",
  badFill: "#fdecea",
  drift: "#d97a00",
  driftFill: "#fff3e0",
  ok: "#2e7d32",
} as const;

const BADGE_COLOURS: { readonly [K in BadgeKind]: string } = {
  forward: "#1d5fa8",
  filter: "#b03a2e",
  isolation: "#6a3fa0",
  limits: "#00796b",
  services: "#2e7d32",
  note: "#5b6b82",
};

/** A DOT string: quotes and backslashes escaped. */
function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, "\\n")}"`;
}

/** Text inside an HTML-like label. */
export function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An attribute's value: text (quoted), a number, or an HTML-like label (`<…>`). */
type Attr = string | number | { readonly html: string } | undefined;

function attrs(list: Record<string, Attr>): string {
  const parts = Object.entries(list).flatMap(([k, v]) => {
    if (v === undefined) return [];
    const text = typeof v === "number" ? String(v) : typeof v === "string" ? quoted(v) : `<${v.html}>`;
    return [`${k}=${text}`];
  });
  return `[${parts.join(", ")}]`;
}

export interface DotOptions {
  /** Hover text in the SVG (the HTML page shows its own details instead). */
  readonly tooltips?: boolean;
  /** The lab's name and live summary above the drawing (the HTML page has its own). */
  readonly title?: boolean;
}

export function toDot(p: Picture, options: DotOptions = {}): string {
  const grouping = groupLeaves(p);
  const shown = verticesOf(p).filter((v) => !grouping.inGroup.has(v.id));
  const compact = shown.length >= COMPACT_AT;
  const radial = compact && p.centre !== undefined && p.machines.length === 1 && meshed(p, shown, grouping);
  const tips = options.tooltips ?? true;
  const lines = [
    `graph ${quoted(p.lab)} {`,
    `  graph ${attrs({
      ...(radial ? { layout: "twopi", root: p.centre } : { rankdir: "LR" }),
      nodesep: "0.3",
      ranksep: radial ? rings(p, shown, grouping) : compact ? "0.8" : "1.1",
      fontname: "Helvetica",
      fontsize: 13,
      fontcolor: PALETTE.ink,
      labelloc: "t",
      labeljust: "l",
      label: options.title === false ? undefined : { html: title(p) },
      pad: "0.3",
      outputorder: "edgesfirst",
    })};`,
    `  node ${attrs({ fontname: "Helvetica", fontsize: 11, fontcolor: PALETTE.ink, shape: "plain" })};`,
    `  edge ${attrs({ fontname: "Helvetica", fontsize: 9, fontcolor: PALETTE.muted, color: PALETTE.edge, penwidth: "1.3" })};`,
  ];
  for (const m of p.machines) {
    lines.push(`  subgraph ${quoted(`cluster_${m.id}`)} {`);
    lines.push(
      `    graph ${attrs({ label: m.label, style: "rounded,dashed", color: PALETTE.cluster, fontcolor: PALETTE.muted, fontsize: 10, labeljust: "r" })};`,
    );
    for (const v of m.vertices)
      if (!grouping.inGroup.has(v.id))
        lines.push(`    ${quoted(v.id)} ${attrs(vertexAttrs(v, compact, tips))};`);
    const here = new Set(m.vertices.map((v) => v.id));
    for (const g of grouping.groups)
      if (here.has(g.hub))
        lines.push(
          `    ${quoted(g.id)} ${attrs({ id: g.id, label: { html: groupLabel(g, compact, tips) } })};`,
        );
    lines.push("  }");
  }
  for (const e of p.edges)
    if (!grouping.inGroup.has(e.id))
      lines.push(
        `  ${endpoint(e.a, compact)} -- ${endpoint(e.b, compact)} ${attrs(edgeAttrs(e, compact, tips))};`,
      );
  for (const g of grouping.groups)
    lines.push(`  ${quoted(g.hub)} -- ${quoted(g.id)} ${attrs({ id: `${g.id}_link`, penwidth: "2.2" })};`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** More links drawn than boxes and grids, by half: a mesh, not a tree or a chain. */
function meshed(p: Picture, shown: readonly PictureVertex[], grouping: Grouping): boolean {
  const edges = p.edges.filter((e) => !grouping.inGroup.has(e.id)).length + grouping.groups.length;
  return edges >= 1.5 * (shown.length + grouping.groups.length);
}

/**
 * The radii of a radial drawing's rings, as twopi's `ranksep` takes them (the first ring's,
 * then each one's distance from the one inside it): wide enough apart for the largest of
 * what two neighbouring rings hold, and each ring long enough for what it holds side by
 * side. twopi's own rings are a fixed distance apart, and overlapping boxes in a crowded one
 * are left overlapping (its `overlap=false` removes them in time that grows with the square
 * of the boxes: 15 s for a thousand). Sizes are estimated, in inches, from the labels'
 * lengths at their point size (Helvetica's letters are about half a point size wide).
 */
function rings(p: Picture, shown: readonly PictureVertex[], grouping: Grouping): string {
  const size = new Map<string, { width: number; height: number }>();
  for (const v of shown) size.set(v.id, { width: 0.3 + 0.07 * v.name.length, height: 0.35 });
  for (const g of grouping.groups) {
    const longest = Math.max(...g.members.map((m) => m.vertex.name.length));
    const rows = Math.ceil(g.members.length / g.columns);
    size.set(g.id, { width: 0.2 + g.columns * (0.15 + 0.065 * longest), height: 0.4 + rows * 0.27 });
  }
  const around = new Map<string, string[]>([...size.keys()].map((id) => [id, []]));
  const join = (a: string, b: string) => {
    around.get(a)?.push(b);
    around.get(b)?.push(a);
  };
  for (const e of p.edges) if (!grouping.inGroup.has(e.id)) join(e.a.vertex, e.b.vertex);
  for (const g of grouping.groups) join(g.hub, g.id);
  // The rings: the vertices at each distance from the centre.
  const ring: string[][] = [];
  for (const [v, d] of distances(around, p.centre as string)) {
    const here = ring[d] ?? [];
    here.push(v);
    ring[d] = here;
  }
  const extent = (ids: readonly string[]) =>
    Math.max(...ids.map((id) => Math.max(size.get(id)?.width ?? 1, size.get(id)?.height ?? 1)));
  const gaps: string[] = [];
  let radius = 0;
  for (let k = 1; k < ring.length; k++) {
    const here = ring[k] ?? [];
    const apart = Math.max(1.2, (extent(ring[k - 1] ?? []) + extent(here)) / 2 + 0.4);
    // The radius at which the ring's boxes stand side by side, a little apart.
    const fits = here.reduce((sum, id) => sum + (size.get(id)?.width ?? 1) + 0.2, 0) / (2 * Math.PI);
    const next = Math.max(radius + apart, fits);
    gaps.push((next - radius).toFixed(2));
    radius = next;
  }
  return gaps.length ? gaps.join(":") : "1.2";
}

/**
 * A group: a grid of its members, each a cell with the member's id (the SVG names it
 * `a_ID`) and its details as tooltip, coloured by its state and its link's.
 */
function groupLabel(g: Group, compact: boolean, tips: boolean): string {
  const cells = g.members.map((m) => {
    const c = stateColours(memberState(m), PALETTE.node);
    const port = m.edge.b;
    const addresses =
      compact || port.addresses.length === 0
        ? ""
        : `<br/><font point-size="8" color="${PALETTE.muted}">${port.addresses.map(html).join("<br/>")}</font>`;
    const tip = html(
      tips ? [`node ${m.vertex.name}`, ...m.vertex.details, ...m.edge.details].join("\n") : m.vertex.name,
    ).replace(/\n/g, "&#10;");
    const line = memberState(m) === "down" ? PALETTE.bad : c.line;
    return `<td id="${m.vertex.id}" tooltip="${tip}" border="1" style="rounded${c.dashed ? ",dashed" : ""}" bgcolor="${c.fill}" color="${line}" cellpadding="3"><font point-size="${compact ? 9 : 10}"><b>${html(m.vertex.name)}</b></font>${addresses}</td>`;
  });
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += g.columns)
    rows.push(`<tr>${cells.slice(i, i + g.columns).join("")}</tr>`);
  const head = `<tr><td colspan="${g.columns}" align="left"><font point-size="9" color="${PALETTE.muted}">${g.members.length} nodes, one link each, to ${html(g.hubName)}</font></td></tr>`;
  return `<table border="1" cellborder="0" cellspacing="3" cellpadding="2" style="rounded,dashed" color="${PALETTE.cluster}" bgcolor="#ffffff">${head}${rows.join("")}</table>`;
}

function title(p: Picture): string {
  const head = `<b>lab ${html(p.lab)}</b>`;
  if (!p.live) return head;
  const problems = liveProblems(p);
  const colour = problems.length ? PALETTE.bad : PALETTE.ok;
  return `${head}  <font color="${colour}">live: ${problems.length ? html(problems.join(", ")) : "as planned"}</font>${p.drift.map((d) => `<br align="left"/><font point-size="10" color="${PALETTE.drift}">drift: ${html(d)}</font>`).join("")}`;
}

function stateColours(
  state: State,
  normal: { fill: string; line: string },
): { fill: string; line: string; dashed: boolean } {
  switch (state) {
    case "planned":
    case "up":
    case "down":
      return { ...normal, dashed: false };
    case "missing":
      return { fill: PALETTE.badFill, line: PALETTE.bad, dashed: true };
    case "drift":
      return { fill: PALETTE.driftFill, line: PALETTE.drift, dashed: false };
    default:
      return assertNever(state);
  }
}

function vertexAttrs(v: PictureVertex, compact: boolean, tips: boolean): Record<string, Attr> {
  const look = vertexLook(v);
  const c = stateColours(v.state, look.colours);
  return {
    id: v.id,
    shape: "plain",
    label: { html: compact ? compactLabel(v, look, c) : tableLabel(v, look, c) },
    tooltip: tips ? v.details.join("\n") : undefined,
  };
}

interface Look {
  readonly style: string;
  readonly prefix: string;
  readonly colours: { readonly fill: string; readonly line: string };
}

type Colours = ReturnType<typeof stateColours>;

function tableOpen(look: Look, c: Colours): string {
  const style = [look.style, ...(c.dashed ? ["dashed"] : [])].filter(Boolean).join(",");
  return `<table border="1" cellborder="0" cellspacing="2" cellpadding="3"${style ? ` style="${style}"` : ""} bgcolor="${c.fill}" color="${c.line}">`;
}

/** Name, badges, then one row per interface (the link's attachment point). */
function tableLabel(v: PictureVertex, look: Look, c: Colours): string {
  const rows = [
    `<tr><td align="center" cellpadding="4">${look.prefix}<b>${html(v.name)}</b></td></tr>`,
    ...v.badges.map(
      (b) =>
        `<tr><td align="center" cellpadding="2"><font point-size="9" color="${BADGE_COLOURS[b.kind]}">${html(b.text)}</font></td></tr>`,
    ),
    ...v.ports.map(
      (port) =>
        `<tr><td port="${html(port.name)}" cellpadding="1"><table border="0" cellspacing="0" cellpadding="2"><tr><td align="left" valign="top"><font point-size="10"><b>${html(port.name)}</b></font></td><td align="left" balign="left"><font point-size="9" color="${PALETTE.muted}">${port.addresses.map(html).join("<br/>") || " "}</font></td></tr></table></td></tr>`,
    ),
  ];
  return `${tableOpen(look, c)}${rows.join("")}</table>`;
}

function compactLabel(v: PictureVertex, look: Look, c: Colours): string {
  return `${tableOpen(look, c)}<tr><td cellpadding="2"><font point-size="9">${html(v.name)}</font></td></tr></table>`;
}

function vertexLook(v: PictureVertex): Look {
  switch (v.kind) {
    case "node":
      return { style: "rounded", prefix: "", colours: PALETTE.node };
    case "switch":
      return {
        style: "",
        prefix: `<font point-size="8" color="${PALETTE.muted}">switch </font>`,
        colours: PALETTE.switch,
      };
    case "host":
      return {
        style: "",
        prefix: `<font point-size="8" color="${PALETTE.muted}">the machine's </font>`,
        colours: PALETTE.host,
      };
    default:
      return assertNever(v.kind);
  }
}

/** An end's label: its interface, addresses and notes, one a line. */
export function endLabel(end: EdgeEnd): string[] {
  return [...(end.iface ? [end.iface] : []), ...end.addresses, ...end.notes];
}

/** A vertex id, with the port of the interface when the end is drawn as one. */
function endpoint(end: PictureEdge["a"], compact: boolean): string {
  return compact || end.iface === undefined
    ? quoted(end.vertex)
    : `${quoted(end.vertex)}:${quoted(end.iface)}`;
}

function edgeAttrs(e: PictureEdge, compact: boolean, tips: boolean): Record<string, Attr> {
  const colour = e.state === "down" || e.state === "missing" ? PALETTE.bad : undefined;
  const notes = [...e.a.notes, ...e.b.notes];
  return {
    id: e.id,
    color: colour,
    style: e.state === "down" ? "dashed" : e.state === "missing" ? "dotted" : undefined,
    penwidth: colour ? "2" : undefined,
    label: notes.length && !compact ? { html: notes.map(html).join("<br/>") } : undefined,
    tooltip: tips ? e.details.join("\n") : undefined,
  };
}
