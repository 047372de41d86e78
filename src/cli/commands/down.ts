// `opentop down LAB|FILE`: remove everything the lab created; idempotent.

import { closest, DiagnosticError } from "../../diagnostics/diagnostic.js";
import { recordOf } from "../../plan/record.js";
import { counted } from "../../plural.js";
import { down as takeDown } from "../../runtime/lifecycle.js";
import { lowerHere } from "../../runtime/platform.js";
import { listLabs } from "../../runtime/record.js";
import { parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { progress } from "../progress.js";
import { SPEC, usageOf } from "../spec.js";
import { labTarget } from "../target.js";

const spec = SPEC.down;
const usage = usageOf(spec);

export const down: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const target = labTarget(p, usage, true);
    const started = performance.now();
    // With the record gone (or unreadable), the file's own plan says what to look for.
    const compiled = target.compiled;
    const fallback =
      !target.record && compiled?.lab ? recordOf(compiled, lowerHere(compiled.lab), "cli", "") : undefined;
    const shown = progress(io, `taking ${target.lab} down`, p.format === "pretty");
    shown.phase("reading its record");
    let outcome: Awaited<ReturnType<typeof takeDown>>;
    try {
      outcome = await takeDown(target.lab, {
        ...(fallback ? { fallback } : {}),
        onStages: (stages) => shown.start(stages),
        onStep: (step) => shown.step(step),
      });
    } finally {
      shown.end();
    }
    const seconds = (performance.now() - started) / 1000;
    if (!outcome.ok) throw new DiagnosticError(outcome.diagnostics);
    if (p.format === "json")
      io.out(
        JSON.stringify({
          ok: true,
          lab: target.lab,
          removed: outcome.removed,
          seconds: Number(seconds.toFixed(3)),
        }),
      );
    else {
      // Nothing of that name: perhaps a typo for a lab that is up.
      const guess = !compiled && outcome.removed === 0 ? closest(target.lab, listLabs()) : undefined;
      io.out(
        outcome.message
          ? `${outcome.message}${guess ? ` (did you mean \`${guess}\`?)` : ""}`
          : `lab ${target.lab} is down (${counted(outcome.removed, "object")} removed, ${seconds.toFixed(2)} s)`,
      );
    }
    return EXIT.ok;
  },
};
