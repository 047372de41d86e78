// `opentop plan FILE`: every kernel operation `up` (or `down`) would run, in order.

import { planJson, planText } from "../../backends/text.js";
import { renderJson } from "../../diagnostics/render.js";
import { machinesInUse } from "../../model/part.js";
import { lowerHere } from "../../runtime/platform.js";
import { parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import { printDiagnostics } from "../io.js";
import { machineOption } from "../machine-option.js";
import { SPEC, usageOf } from "../spec.js";
import { labFile } from "../target.js";

const spec = SPEC.plan;
const usage = usageOf(spec);

export const plan: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
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
