// `opentop down LAB|FILE`: remove everything the lab created; idempotent (the API's `down`).

import { downLab } from "../../api/actions.js";
import { closest } from "../../diagnostics/diagnostic.js";
import { counted } from "../../plural.js";
import { listLabs } from "../../runtime/record.js";
import { params, parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { progress } from "../progress.js";
import { unstoppable } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";
import { looksLikeFile, onePositional } from "../target.js";

const spec = SPEC.down;
const usage = usageOf(spec);

export const down: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const arg = onePositional(p, usage, "give one lab name or lab file");
    const started = performance.now();
    const shown = progress(io, `taking ${arg} down`, p.format === "pretty");
    shown.phase("reading its record");
    let downed: Awaited<ReturnType<typeof downLab>>;
    try {
      // Taking a lab down is not left half-way: a Ctrl-C waits for it to finish.
      downed = await unstoppable(
        () => {
          shown.end();
          io.err("opentop: finishing taking the lab down (it is not left half-way)");
        },
        () =>
          downLab(arg, {
            params: Object.fromEntries(params(p.values)),
            onStages: (stages) => shown.start(stages),
            onStep: (step) => shown.step(step),
          }),
      );
    } finally {
      shown.end();
    }
    const seconds = (performance.now() - started) / 1000;
    if (p.format === "json")
      io.out(
        JSON.stringify({
          ok: true,
          lab: downed.lab,
          removed: downed.removed,
          seconds: Number(seconds.toFixed(3)),
        }),
      );
    else {
      // Nothing of that name: perhaps a typo for a lab that is up.
      const guess =
        !looksLikeFile(arg) && downed.removed === 0
          ? closest(
              downed.lab,
              listLabs().filter((l) => l !== downed.lab),
            )
          : undefined;
      io.out(
        downed.note !== undefined
          ? `${downed.note}${guess ? ` (did you mean \`${guess}\`?)` : ""}`
          : `lab ${downed.lab} is down (${counted(downed.removed, "object")} removed, ${seconds.toFixed(2)} s)`,
      );
    }
    return EXIT.ok;
  },
};
