// `opentop down LAB|FILE`: remove everything the lab created; idempotent.

import { DiagnosticError } from "../../diagnostics/diagnostic.js";
import { recordOf } from "../../plan/record.js";
import { down as takeDown } from "../../runtime/lifecycle.js";
import { lowerHere } from "../../runtime/platform.js";
import { parse, SET_OPTION } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { labTarget } from "../target.js";

const usage = "opentop down LAB|FILE [--json]";

export const down: Command = {
  usage,
  async run(args, io) {
    const p = parse(args, SET_OPTION, usage);
    const target = labTarget(p, usage, true);
    const started = performance.now();
    // With the record gone (or unreadable), the file's own plan says what to look for.
    const compiled = target.compiled;
    const fallback =
      !target.record && compiled?.lab ? recordOf(compiled, lowerHere(compiled.lab), "cli", "") : undefined;
    const outcome = await takeDown(target.lab, fallback ? { fallback } : {});
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
    else
      io.out(
        outcome.message ??
          `lab ${target.lab} is down (${outcome.removed} objects removed, ${seconds.toFixed(2)} s)`,
      );
    return EXIT.ok;
  },
};
