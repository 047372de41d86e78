// `opentop up FILE`: compile, plan, run; on any failure roll back and say why (the API's `up`).
// A lab on several machines is brought up on every machine over ssh (./up-machines.ts), or
// with `--machine NAME`, that machine's part here.

import { upLab } from "../../api/actions.js";
import { type Compilation, frontEnd } from "../../api/compile.js";
import { labSize } from "../../backends/text.js";
import { renderJson } from "../../diagnostics/render.js";
import { partOn } from "../../model/part.js";
import { opsOf } from "../../plan/plan.js";
import { counted } from "../../plural.js";
import { parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { progress } from "../progress.js";
import { holdInterrupts, interruptible, verboseSteps } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";
import { compiledOrThrown } from "../target.js";
import { upOnMachines } from "./up-machines.js";

const spec = SPEC.up;
const usage = usageOf(spec);

export const up: Command = {
  async run(args, io) {
    holdInterrupts();
    const p = parseCommand(args, spec);
    const jobs = p.values.jobs === undefined ? undefined : Number(p.values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256))
      throw usageError("--jobs takes an integer from 1 to 256", usage);
    const c = compiledOrThrown(p, usage, io);
    // A lab on several machines, without --machine: every machine, over ssh.
    if (c.machines) return upOnMachines(frontEnd(c), p, io, jobs);
    const { model, plan } = c as Required<Compilation>;
    const started = performance.now();
    const shown = progress(io, `bringing ${model.name} up`, p.format === "pretty" && !p.values.verbose);
    shown.phase("checking the machine");
    shown.start(plan.stages);
    try {
      await interruptible((signal) =>
        upLab(c, {
          signal,
          onStep: p.values.verbose ? verboseSteps(io) : (step) => shown.step(step),
          ...(jobs !== undefined ? { jobs } : {}),
        }),
      );
    } finally {
      shown.end();
    }
    const seconds = (performance.now() - started) / 1000;
    const ops = opsOf(plan.stages).length;
    if (p.format === "json")
      io.out(
        JSON.stringify({
          ok: true,
          lab: model.name,
          operations: ops,
          seconds: Number(seconds.toFixed(3)),
          warnings: c.diagnostics.map(renderJson),
        }),
      );
    else
      io.out(
        `lab ${model.name} is up${plan.machine !== undefined ? ` on machine ${plan.machine}` : ""}: ${labSize(partOn(model, plan.machine))} (${counted(ops, "operation")}, ${seconds.toFixed(2)} s)`,
      );
    return EXIT.ok;
  },
};
