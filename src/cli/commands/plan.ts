// `opentop plan FILE`: every kernel operation `up` (or `down`) would run, in order; with
// `--diff`, what `apply` would change in the running lab (the API's `diff`).

import { previewLab } from "../../api/actions.js";
import { diffJson, diffText, planJson, planText } from "../../backends/text.js";
import { renderJson } from "../../diagnostics/render.js";
import { lowerHere } from "../../runtime/platform.js";
import { type Parsed, parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import type { Io } from "../io.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { compiledOrThrown, labFile } from "../target.js";

const spec = SPEC.plan;
const usage = usageOf(spec);

export const plan: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    if (p.values.diff) return diff(p, io);
    const compiled = labFile(p, usage);
    if (p.format !== "json") printDiagnostics(io, compiled.diagnostics, p.format); // warnings
    const result = lowerHere(compiled.lab, firewallOf(p.values));
    if (p.format === "json")
      io.out(
        JSON.stringify({ ...planJson(result), warnings: compiled.diagnostics.map(renderJson) }, null, 2),
      );
    else io.out(planText(result, p.values.down ? "down" : "up"));
    return EXIT.ok;
  },
};

/** `plan --diff`: what `apply` would change in the running lab (a lab that is not up: everything is new). */
function diff(p: Parsed, io: Io): number {
  const c = compiledOrThrown(p, usage, io, true);
  const { up, diff: d } = previewLab(c);
  const lab = c.name ?? "";
  if (p.format === "json") io.out(JSON.stringify({ lab, up, ...diffJson(d) }, null, 2));
  else io.out(diffText(d, lab));
  return EXIT.ok;
}
