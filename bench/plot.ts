// The benchmarks' picture: cost per node (milliseconds) against the lab's size, one panel
// per shape and operation, one line per tool. Cost per node that stays flat is linear
// scaling; a line that rises is something that grows faster than the lab. Plain SVG.

export interface Series {
  readonly peer: string;
  /** [N, milliseconds per node] in increasing N. */
  readonly points: readonly (readonly [number, number])[];
}

export interface Panel {
  readonly title: string;
  readonly series: readonly Series[];
}

const COLORS: Record<string, string> = {
  opentop: "#1f77b4",
  built: "#17becf",
  "ip-batch": "#ff7f0e",
  floor: "#2ca02c",
  mininet: "#d62728",
};
const W = 260;
const H = 180;
const PAD = { left: 46, right: 10, top: 22, bottom: 30 };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Round numbers for an axis from 0 to max. */
function ticks(max: number): number[] {
  const step = 10 ** Math.floor(Math.log10(max / 2));
  const unit = [1, 2, 5, 10].map((m) => m * step).find((s) => max / s <= 5) ?? step * 10;
  return Array.from({ length: Math.floor(max / unit) + 1 }, (_, i) => i * unit);
}

function panel(p: Panel, x0: number, y0: number): string {
  const all = p.series.flatMap((s) => s.points);
  if (all.length === 0) return "";
  const ns = all.map(([n]) => n);
  const [lo, hi] = [Math.min(...ns), Math.max(...ns)];
  const ymax = Math.max(...all.map(([, v]) => v)) * 1.1 || 1;
  const logx = (n: number) =>
    hi === lo ? 0.5 : (Math.log(n) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
  const px = (n: number) => x0 + PAD.left + logx(n) * (W - PAD.left - PAD.right);
  const py = (v: number) => y0 + H - PAD.bottom - (v / ymax) * (H - PAD.top - PAD.bottom);
  const out = [
    `<text x="${x0 + W / 2}" y="${y0 + 14}" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`,
    `<line x1="${px(lo)}" y1="${py(0)}" x2="${px(hi)}" y2="${py(0)}" stroke="#444"/>`,
  ];
  for (const t of ticks(ymax / 1.1)) {
    out.push(`<line x1="${px(lo)}" y1="${py(t)}" x2="${px(hi)}" y2="${py(t)}" stroke="#ddd"/>`);
    out.push(`<text x="${px(lo) - 4}" y="${py(t) + 4}" text-anchor="end">${t}</text>`);
  }
  for (const n of [...new Set(ns)].sort((a, b) => a - b))
    out.push(`<text x="${px(n)}" y="${py(0) + 14}" text-anchor="middle">${n}</text>`);
  for (const s of p.series) {
    const color = COLORS[s.peer] ?? "#777";
    const d = s.points
      .map(([n, v], i) => `${i ? "L" : "M"}${px(n).toFixed(1)},${py(v).toFixed(1)}`)
      .join(" ");
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const [n, v] of s.points)
      out.push(`<circle cx="${px(n).toFixed(1)}" cy="${py(v).toFixed(1)}" r="2.5" fill="${color}"/>`);
  }
  return out.join("\n");
}

/** Panels in rows of `columns`, a legend of the tools above them. */
export function svg(title: string, panels: readonly Panel[], columns: number): string {
  const rows = Math.ceil(panels.length / columns);
  const width = columns * W;
  const legendH = 44;
  const height = legendH + rows * H + 24;
  const peers = [...new Set(panels.flatMap((p) => p.series.map((s) => s.peer)))];
  const legend = peers.map((peer, i) => {
    const x = 10 + i * 130;
    const color = COLORS[peer] ?? "#777";
    return `<line x1="${x}" y1="34" x2="${x + 22}" y2="34" stroke="${color}" stroke-width="3"/><text x="${x + 28}" y="38">${esc(peer)}</text>`;
  });
  const body = panels.map((p, i) => panel(p, (i % columns) * W, legendH + Math.floor(i / columns) * H));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`,
    ...legend,
    ...body,
    `<text x="10" y="${height - 6}" fill="#555">x: nodes (log scale); y: milliseconds per node, median</text>`,
    "</svg>",
    "",
  ].join("\n");
}
