// `opentop plan FILE`: every kernel operation `up` (or `down`) would run, in order.

import { diffJson, diffText, planJson, planText } from "../../backends/text.js";
import { renderJson } from "../../diagnostics/render.js";
import { diffPlans } from "../../plan/diff.js";
import { lowerHere } from "../../runtime/platform.js";
import { type Parsed, parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import type { Io } from "../io.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { labFile, labFileOverRecord } from "../target.js";

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
  const { compiled, record } = labFileOverRecord(p, usage);
  if (p.format !== "json") printDiagnostics(io, compiled.diagnostics, p.format);
  const plan = lowerHere(compiled.lab, firewallOf(p.values));
  const d = diffPlans(
    (record?.ops ?? []).map((r) => r.op),
    plan,
  );
  if (p.format === "json") io.out(JSON.stringify({ lab: plan.lab, up: !!record, ...diffJson(d) }, null, 2));
  else io.out(diffText(d, plan.lab));
  return EXIT.ok;
}
