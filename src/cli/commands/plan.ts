// `opentop plan FILE`: every kernel operation `up` (or `down`) would run, in order.

import { diffJson, diffText, planJson, planText } from "../../backends/text.js";
import { DiagnosticError } from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import { machinesInUse } from "../../model/part.js";
import { diffPlans } from "../../plan/diff.js";
import { acrossMachines } from "../../runtime/apply.js";
import { lowerHere } from "../../runtime/platform.js";
import { type Parsed, parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import type { Io } from "../io.js";
import { printDiagnostics } from "../io.js";
import { machineOption } from "../machine-option.js";
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
    else io.out(plans.map((plan) => planText(plan, p.values.down ? "down" : "up")).join("\n\n"));
    return EXIT.ok;
  },
};

/** `plan --diff`: what `apply` would change in the running lab (a lab that is not up: everything is new). */
function diff(p: Parsed, io: Io): number {
  const { compiled, record } = labFileOverRecord(p, usage);
  if (p.format !== "json") printDiagnostics(io, compiled.diagnostics, p.format);
  const lab = compiled.lab;
  if (lab.machines.length || record?.machine !== undefined)
    throw new DiagnosticError(
      acrossMachines(lab.name, lab.machines.length || (record?.machines?.length ?? 0), "plan --diff"),
    );
  const plan = lowerHere(lab, firewallOf(p.values));
  const d = diffPlans(
    (record?.ops ?? []).map((r) => r.op),
    plan,
  );
  if (p.format === "json") io.out(JSON.stringify({ lab: plan.lab, up: !!record, ...diffJson(d) }, null, 2));
  else io.out(diffText(d, plan.lab));
  return EXIT.ok;
}
