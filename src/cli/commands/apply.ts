// `opentop apply FILE`: change a running lab into what its file now says; only the difference
// runs (the API's `apply`). A lab on several machines is not changed in place yet (OT6049).

import { applyLab } from "../../api/actions.js";
import type { Compilation } from "../../api/compile.js";
import { ApplyError } from "../../api/errors.js";
import { diffJson, diffSummary, diffText, labSize } from "../../backends/text.js";
import { DiagnosticError } from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import { opsOf } from "../../plan/plan.js";
import { acrossMachines } from "../../plan/span.js";
import { parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { holdInterrupts, interruptible, verboseSteps } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";
import { compiledOrThrown } from "../target.js";

const spec = SPEC.apply;
const usage = usageOf(spec);

export const apply: Command = {
  async run(args, io) {
    holdInterrupts();
    const p = parseCommand(args, spec);
    const c = compiledOrThrown(p, usage, io, true);
    if (c.model?.machines.length)
      throw new DiagnosticError(acrossMachines(c.model.name, c.model.machines.length, "apply"));
    const { model, plan } = c as Required<Compilation>;
    const started = performance.now();
    let applied: Awaited<ReturnType<typeof applyLab>>;
    try {
      applied = await interruptible((signal) =>
        applyLab(c, { signal, ...(p.values.verbose ? { onStep: verboseSteps(io) } : {}) }),
      );
    } catch (e) {
      // What it set out to change, then why it did not.
      if (e instanceof ApplyError && e.diff && p.format === "pretty") io.err(diffText(e.diff, model.name));
      throw e;
    }
    const seconds = (performance.now() - started) / 1000;
    const { diff, created } = applied;
    if (p.format === "json")
      io.out(
        JSON.stringify({
          ok: true,
          lab: model.name,
          created,
          ...(created ? { operations: opsOf(plan.stages).length } : diffJson(diff)),
          seconds: Number(seconds.toFixed(3)),
          warnings: c.diagnostics.map(renderJson),
        }),
      );
    else if (created)
      io.out(`lab ${model.name} was not up: brought up, ${labSize(model)} (${seconds.toFixed(2)} s)`);
    else if (diff.changes.length) {
      io.out(diffText(diff, model.name));
      io.out(`lab ${model.name} changed: ${diffSummary(diff, true)} (${seconds.toFixed(2)} s)`);
    } else io.out(`lab ${model.name} is as its file says: nothing to change`);
    return EXIT.ok;
  },
};
