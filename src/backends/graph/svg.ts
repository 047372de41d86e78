// DOT to SVG in this process, by Graphviz compiled to WebAssembly (@viz-js/viz): no graphviz
// installed, no process started.

import { instance } from "@viz-js/viz";

export async function toSvg(dot: string): Promise<string> {
  const viz = await instance();
  const result = viz.render(dot, { format: "svg", engine: "dot" });
  if (result.status !== "success" || result.output === undefined)
    throw new Error(`Graphviz could not draw the lab: ${result.errors.map((e) => e.message).join("; ")}`);
  return withFonts(result.output);
}

/**
 * Graphviz measures text with Helvetica's metrics; a viewer without Helvetica must use a
 * font of the same widths (Arial, Liberation Sans, Nimbus Sans), or labels overflow boxes.
 */
function withFonts(svg: string): string {
  return svg.replace(
    /font-family="Helvetica,sans-Serif"/g,
    `font-family="Helvetica,Arial,'Liberation Sans','Nimbus Sans',sans-serif"`,
  );
}
