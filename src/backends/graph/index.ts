// `opentop graph`'s formats, one table: each draws a picture (picture.ts) as text.

import { toDot } from "./dot.js";
import { toHtml } from "./html.js";
import { toMermaid } from "./mermaid.js";
import type { Picture } from "./picture.js";
import { toSvg } from "./svg.js";

export type { Live, Picture } from "./picture.js";
export { picture } from "./picture.js";

export type GraphFormat = "dot" | "mermaid" | "svg" | "html";

export const GRAPH_FORMATS: { readonly [F in GraphFormat]: (p: Picture) => Promise<string> } = {
  dot: async (p) => toDot(p),
  mermaid: async (p) => toMermaid(p),
  svg: async (p) => toSvg(toDot(p)),
  html: async (p) => toHtml(p, await toSvg(toDot(p, { tooltips: false, title: false }))),
};

/** The format a file name asks for: `lab.svg` → svg, `lab.mmd` → mermaid. */
export function formatOfPath(path: string): GraphFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  const byExt: Record<string, GraphFormat> = {
    dot: "dot",
    gv: "dot",
    mmd: "mermaid",
    mermaid: "mermaid",
    svg: "svg",
    html: "html",
    htm: "html",
  };
  return ext === undefined ? undefined : byExt[ext];
}

export function isGraphFormat(word: string): word is GraphFormat {
  return Object.hasOwn(GRAPH_FORMATS, word);
}
