// `opentop down LAB|FILE`: remove everything the lab created; idempotent.

import { closest, DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import type { LabRecord } from "../../plan/record.js";
import { recordOf } from "../../plan/record.js";
import { counted } from "../../plural.js";
import { down as takeDown } from "../../runtime/lifecycle.js";
import { lowerHere } from "../../runtime/platform.js";
import { listLabs } from "../../runtime/record.js";
import { parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { progress } from "../progress.js";
import { onInterrupt } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";
import { labTarget, type Target } from "../target.js";

const spec = SPEC.down;
const usage = usageOf(spec);

export const down: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const target = labTarget(p, usage, true);
    const started = performance.now();
    const compiled = target.compiled;
    const fallback = planOfFile(target);
    const shown = progress(io, `taking ${target.lab} down`, p.format === "pretty");
    // Taking a lab down is not left half-way: a Ctrl-C (or a closed terminal) waits for it
    // to finish.
    const finish = () => {
      shown.end();
      io.err("opentop: finishing taking the lab down (it is not left half-way)");
    };
    const unhandle = onInterrupt(finish);
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
      unhandle();
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
      const guess =
        !compiled && outcome.removed === 0
          ? closest(
              target.lab,
              listLabs().filter((l) => l !== target.lab),
            )
          : undefined;
      io.out(
        outcome.message
          ? `${outcome.message}${guess ? ` (did you mean \`${guess}\`?)` : ""}`
          : `lab ${target.lab} is down (${counted(outcome.removed, "object")} removed, ${seconds.toFixed(2)} s)`,
      );
    }
    return EXIT.ok;
  },
};

/**
 * Given a lab file: with the record gone (or unreadable), the file's own plan says what to
 * look for; with a record, the file must be the one the lab was brought up from — `down FILE`
 * never takes down a lab of the same name that another file brought up.
 */
function planOfFile(target: Target): LabRecord | undefined {
  const compiled = target.compiled;
  if (!compiled?.lab) return undefined;
  const mine = recordOf(compiled, lowerHere(compiled.lab), "cli", "");
  const up = target.record;
  if (!up) return mine;
  const same =
    up.plan !== "" ? up.plan === mine.plan : JSON.stringify(up.owned) === JSON.stringify(mine.owned);
  if (same) return undefined;
  throw new DiagnosticError(
    diag("OT6019", `lab ${target.lab} is up from another file, or from another version of this one`, {
      notes: [
        `it was brought up ${up.createdAt} from ${up.file}; the plan of ${compiled.file.path} differs from the one it runs`,
      ],
      help: `take it down by its name, whatever its file: \`opentop down ${target.lab}\``,
    }),
  );
}
