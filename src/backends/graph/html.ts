// A picture as one self-contained HTML page: the SVG inline, its details as JSON, and a few
// lines of script that show a node's or a link's details on hover and zoom the drawing. It
// loads nothing from anywhere: it opens offline, from a file or an e-mail attachment.

import { PALETTE } from "./dot.js";
import { liveProblems, type Picture, verticesOf } from "./picture.js";

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function text(t: string): string {
  return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: ${PALETTE.ink}; background: #fafbfc; }
header { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline; padding: 10px 16px; border-bottom: 1px solid #e3e7ee; background: #fff; }
header h1 { font-size: 16px; margin: 0; }
header .summary { color: ${PALETTE.muted}; }
header .live-bad { color: ${PALETTE.bad}; font-weight: 600; }
header .live-ok { color: ${PALETTE.ok}; font-weight: 600; }
.legend { display: flex; gap: 12px; font-size: 12px; color: ${PALETTE.muted}; margin-left: auto; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.tools button { font: inherit; font-size: 12px; padding: 1px 8px; margin-left: 4px; border: 1px solid #c9d1dd; border-radius: 4px; background: #fff; cursor: pointer; }
main { overflow: auto; height: calc(100vh - 48px); }
#drawing { padding: 12px; }
#drawing svg { display: block; height: auto; }
#drawing g.node, #drawing g.edge { cursor: default; }
#drawing g.node:hover polygon, #drawing g.node:hover path { stroke-width: 2.5; }
#drawing g.edge:hover path { stroke-width: 3; }
#details { position: fixed; display: none; max-width: 460px; padding: 8px 10px; background: #fff; border: 1px solid #c9d1dd; border-radius: 6px; box-shadow: 0 4px 16px rgba(20,30,50,.15); font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; pointer-events: none; z-index: 2; }
#details b { font-family: system-ui, sans-serif; font-size: 13px; }
#drawing .drift-list { color: ${PALETTE.drift}; }
`;

const SCRIPT = `
(function () {
  var details = JSON.parse(document.getElementById("opentop-details").textContent);
  var box = document.getElementById("details");
  var svg = document.querySelector("#drawing svg");
  // The page shows its own details; the SVG's tooltips would show them twice.
  svg.querySelectorAll("title").forEach(function (t) { t.remove(); });
  svg.querySelectorAll("a").forEach(function (a) {
    a.removeAttributeNS("http://www.w3.org/1999/xlink", "title");
    a.removeAttribute("title");
  });
  function show(id, event) {
    var d = details[id];
    if (!d) return;
    box.textContent = "";
    var head = document.createElement("b");
    head.textContent = d.title;
    box.appendChild(head);
    box.appendChild(document.createTextNode("\\n" + d.lines.join("\\n")));
    box.style.display = "block";
    move(event);
  }
  function move(event) {
    var x = event.clientX + 14, y = event.clientY + 14;
    var w = box.offsetWidth, h = box.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, event.clientX - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, event.clientY - h - 14);
    box.style.left = x + "px";
    box.style.top = y + "px";
  }
  // Nodes and links, and the nodes drawn as cells of a grid (Graphviz names them a_ID).
  svg.querySelectorAll("g.node, g.edge, g[id^='a_']").forEach(function (g) {
    var id = g.id.replace(/^a_/, "");
    g.addEventListener("mouseenter", function (e) { show(id, e); });
    g.addEventListener("mousemove", move);
    g.addEventListener("mouseleave", function () { box.style.display = "none"; });
  });
  // Zoom: the drawing's width, from its natural size (in points: 4/3 of a CSS pixel).
  var PX = 4 / 3;
  var natural = svg.viewBox.baseVal.width || svg.getBBox().width;
  var scale = 1;
  var naturalHeight = svg.viewBox.baseVal.height || svg.getBBox().height;
  // The whole drawing in the window; a large lab too small to read that way fills the
  // window's width instead, and scrolls.
  function fit() {
    var main = document.querySelector("main");
    var wide = (main.clientWidth - 24) / (natural * PX), high = (main.clientHeight - 24) / (naturalHeight * PX);
    scale = Math.min(1.5, wide, high);
    if (scale < 0.5) scale = Math.min(1.5, wide);
    apply();
  }
  function apply() { svg.setAttribute("width", natural * scale * PX + "px"); svg.removeAttribute("height"); }
  document.getElementById("zoom-in").onclick = function () { scale *= 1.25; apply(); };
  document.getElementById("zoom-out").onclick = function () { scale /= 1.25; apply(); };
  document.getElementById("zoom-fit").onclick = fit;
  fit();
})();
`;

/** What hovering shows for each vertex and link, by the id the SVG gives it. */
function detailsOf(p: Picture): Record<string, { title: string; lines: readonly string[] }> {
  const out: Record<string, { title: string; lines: readonly string[] }> = {};
  for (const v of verticesOf(p))
    out[v.id] = {
      title: `${v.kind === "node" ? "node" : v.kind} ${v.name}${state(v.state)}`,
      lines: v.details,
    };
  for (const e of p.edges)
    out[e.id] = { title: `link ${e.a.iface ?? ""} — ${e.b.iface ?? ""}${state(e.state)}`, lines: e.details };
  return out;
}

function state(s: string): string {
  return s === "planned" ? "" : ` (${s})`;
}

function summary(p: Picture): string {
  const nodes = verticesOf(p).filter((v) => v.kind === "node").length;
  const switches = verticesOf(p).filter((v) => v.kind === "switch").length;
  const base = `${nodes} node${nodes === 1 ? "" : "s"}, ${switches} switch${switches === 1 ? "" : "es"}, ${p.edges.length} link${p.edges.length === 1 ? "" : "s"}`;
  if (!p.live) return `<span class="summary">${text(base)}</span>`;
  const problems = liveProblems(p);
  return `<span class="summary">${text(base)}</span> <span class="${problems.length ? "live-bad" : "live-ok"}">live: ${problems.length ? text(problems.join(", ")) : "as planned"}</span>`;
}

export function toHtml(p: Picture, svg: string): string {
  const drawing = svg.replace(/^<\?xml[^>]*>\s*/, "").replace(/<!DOCTYPE[^>]*>\s*/, "");
  const legend = [
    ["#1d5fa8", "forward"],
    ["#b03a2e", "filter"],
    ["#6a3fa0", "isolation"],
    ["#00796b", "limits"],
    ["#2e7d32", "services"],
    ...(p.live
      ? [
          [PALETTE.bad, "down / missing"],
          [PALETTE.drift, "drift"],
        ]
      : []),
  ]
    .map(([colour, name]) => `<span><i style="background:${colour}"></i>${name}</span>`)
    .join("");
  const drift = p.drift.length
    ? `<div class="drift-list">drift outside the nodes:<br>${p.drift.map(text).join("<br>")}</div>`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>lab ${text(p.lab)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>lab ${text(p.lab)}</h1>${summary(p)}<span class="legend">${legend}</span><span class="tools"><button id="zoom-out" title="smaller">−</button><button id="zoom-fit" title="fit the window">fit</button><button id="zoom-in" title="larger">+</button></span></header>
<main><div id="drawing">${drift}${drawing}</div></main>
<div id="details"></div>
<script type="application/json" id="opentop-details">${scriptJson(detailsOf(p))}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
