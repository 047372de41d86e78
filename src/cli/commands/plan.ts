// `opentop plan FILE`: every kernel operation `up` (or `down`) would run, in order — for a lab
// on several machines, each machine's (or with `--machine`, one's); with `--diff`, what
// `apply` would change in the running lab (the API's `diff`).

import { previewLab } from "../../api/actions.js";
import { diffJson, diffText, planJson, writePlansText } from "../../backends/text.js";
import { DiagnosticError } from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import { machinesInUse } from "../../model/part.js";
import { acrossMachines } from "../../plan/span.js";
import { lowerHere } from "../../runtime/platform.js";
import { type Parsed, parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import type { Io } from "../io.js";
import { printDiagnostics } from "../io.js";
import { machineOption } from "../machine-option.js";
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
    const lab = compiled.lab;
    const asked = machineOption(p.values, lab);
    // A lab on several machines: each machine's plan (as this machine's platform lowers it;
    // `up` asks each machine for its own), or the one asked for.
    const machines =
      asked !== undefined
        ? [asked]
        : lab.machines.length
          ? machinesInUse(lab).map((m) => m.name)
          : [undefined];
    const plans = machines.map((machine) =>
      lowerHere(lab, { ...firewallOf(p.values), ...(machine !== undefined ? { machine } : {}) }),
    );
    const warnings = compiled.diagnostics.map(renderJson);
    const [only] = plans;
    if (p.format === "json")
      io.out(
        JSON.stringify(
          only && plans.length === 1 && !lab.machines.length
            ? { ...planJson(only), warnings }
            : { lab: lab.name, machines: plans.map(planJson), warnings },
          null,
          2,
        ),
      );
    else writePlansText(plans, p.values.down ? "down" : "up", (piece) => io.out(piece));
    return EXIT.ok;
  },
};

/**
 * `plan --diff`: what `apply` would change in the running lab (a lab that is not up:
 * everything is new). A lab on several machines is not changed in place yet (OT6049).
 */
function diff(p: Parsed, io: Io): number {
  const c = compiledOrThrown(p, usage, io, true);
  if (c.model?.machines.length)
    throw new DiagnosticError(acrossMachines(c.model.name, c.model.machines.length, "plan --diff"));
  const { up, diff: d } = previewLab(c);
  const lab = c.name ?? "";
  if (p.format === "json") io.out(JSON.stringify({ lab, up, ...diffJson(d) }, null, 2));
  else io.out(diffText(d, lab));
  return EXIT.ok;
}
