// `opentop plan FILE`: every kernel operation `up` (or `down`) would run, in order.

import { planJson, planText } from "../../backends/text.js";
import { renderJson } from "../../diagnostics/render.js";
import { lowerHere } from "../../runtime/platform.js";
import { parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { labFile } from "../target.js";

const spec = SPEC.plan;
const usage = usageOf(spec);

export const plan: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
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
