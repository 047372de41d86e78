// `opentop up FILE`: compile, plan, run; on any failure roll back and say why.

import { labSize } from "../../backends/text.js";
import { DiagnosticError } from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import { partOn } from "../../model/part.js";
import { command, opsOf, type Step } from "../../plan/plan.js";
import { counted } from "../../plural.js";
import { hostForwardingWarnings } from "../../runtime/firewall.js";
import { up as bringUp } from "../../runtime/lifecycle.js";
import { lowerHere } from "../../runtime/platform.js";
import type { ProcResult } from "../../runtime/proc.js";
import { parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import { printDiagnostics } from "../io.js";
import { machineOption } from "../machine-option.js";
import { progress } from "../progress.js";
import { interruptFlag } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";
import { labFile } from "../target.js";
import { upOnMachines } from "./up-machines.js";

const spec = SPEC.up;
const usage = usageOf(spec);

export const up: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const jobs = p.values.jobs === undefined ? undefined : Number(p.values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256))
      throw usageError("--jobs takes an integer from 1 to 256", usage);
    const compiled = labFile(p, usage);
    const lab = compiled.lab;
    const machine = machineOption(p.values, lab);
    // A lab on several machines, without --machine: every machine, over ssh.
    if (lab.machines.length > 0 && machine === undefined) return upOnMachines(compiled, p, io, jobs);
    const plan = lowerHere(lab, { ...firewallOf(p.values), ...(machine !== undefined ? { machine } : {}) });
    const warnings = [...compiled.diagnostics, ...hostForwardingWarnings(plan)];
    if (p.format !== "json") printDiagnostics(io, warnings, p.format);

    const signals = interruptFlag();
    const started = performance.now();
    const shown = progress(io, `bringing ${lab.name} up`, p.format === "pretty" && !p.values.verbose);
    shown.phase("checking the machine");
    shown.start(plan.stages);
    try {
      const outcome = await bringUp(compiled, plan, {
        interrupted: signals.interrupted,
        onStep: p.values.verbose
          ? (step: Step, result: ProcResult, seconds: number) =>
              io.err(
                `${io.style.dim(`${seconds.toFixed(3)} s`)} ${step.ns ?? "host"}: ${command(step).argv.join(" ")} (${counted(step.ops.length, "operation")})${result.code ? ` failed: ${result.code}` : ""}`,
              )
          : (step: Step) => shown.step(step),
        ...(jobs !== undefined ? { concurrency: jobs } : {}),
      });
      shown.end();
      const seconds = (performance.now() - started) / 1000;
      if (!outcome.ok) throw new DiagnosticError(outcome.diagnostics);
      const ops = opsOf(plan.stages).length;
      if (p.format === "json")
        io.out(
          JSON.stringify({
            ok: true,
            lab: lab.name,
            operations: ops,
            seconds: Number(seconds.toFixed(3)),
            warnings: warnings.map(renderJson),
          }),
        );
      else
        io.out(
          `lab ${lab.name} is up${machine !== undefined ? ` on machine ${machine}` : ""}: ${labSize(partOn(lab, machine))} (${counted(ops, "operation")}, ${seconds.toFixed(2)} s)`,
        );
      return EXIT.ok;
    } finally {
      shown.end();
      signals.off();
    }
  },
};
