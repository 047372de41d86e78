// `opentop apply FILE`: change a running lab into what its file now says; only the difference runs.

import { diffJson, diffSummary, diffText, labSize } from "../../backends/text.js";
import { DiagnosticError } from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import { command, opsOf, type Step } from "../../plan/plan.js";
import { counted } from "../../plural.js";
import { acrossMachines, apply as applyLab } from "../../runtime/apply.js";
import { hostForwardingWarnings } from "../../runtime/firewall.js";
import { lowerHere } from "../../runtime/platform.js";
import type { ProcResult } from "../../runtime/proc.js";
import { parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { labFileOverRecord } from "../target.js";

const spec = SPEC.apply;
const usage = usageOf(spec);

export const apply: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const { compiled } = labFileOverRecord(p, usage);
    const lab = compiled.lab;
    if (lab.machines.length)
      throw new DiagnosticError(acrossMachines(lab.name, lab.machines.length, "apply"));
    const plan = lowerHere(lab, firewallOf(p.values));
    const warnings = [...compiled.diagnostics, ...hostForwardingWarnings(plan)];
    if (p.format !== "json") printDiagnostics(io, warnings, p.format);
    let interrupted = false;
    const onSignal = () => {
      interrupted = true;
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const started = performance.now();
    try {
      const outcome = await applyLab(compiled, plan, {
        interrupted: () => interrupted,
        ...(p.values.verbose
          ? {
              onStep: (step: Step, result: ProcResult, seconds: number) =>
                io.err(
                  `${io.style.dim(`${seconds.toFixed(3)} s`)} ${step.ns ?? "host"}: ${command(step).argv.join(" ")} (${counted(step.ops.length, "operation")})${result.code ? ` failed: ${result.code}` : ""}`,
                ),
            }
          : {}),
      });
      const seconds = (performance.now() - started) / 1000;
      if (!outcome.ok) {
        if (outcome.diff && p.format === "pretty") io.err(diffText(outcome.diff, lab.name));
        throw new DiagnosticError(outcome.diagnostics);
      }
      if (p.format === "json")
        io.out(
          JSON.stringify({
            ok: true,
            lab: lab.name,
            created: outcome.created ?? false,
            ...(outcome.diff ? diffJson(outcome.diff) : { operations: opsOf(plan.stages).length }),
            seconds: Number(seconds.toFixed(3)),
            warnings: warnings.map(renderJson),
          }),
        );
      else if (outcome.created)
        io.out(`lab ${lab.name} was not up: brought up, ${labSize(lab)} (${seconds.toFixed(2)} s)`);
      else if (outcome.diff?.changes.length) {
        io.out(diffText(outcome.diff, lab.name));
        io.out(`lab ${lab.name} changed: ${diffSummary(outcome.diff, true)} (${seconds.toFixed(2)} s)`);
      } else io.out(`lab ${lab.name} is as its file says: nothing to change`);
      return EXIT.ok;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
};
