// `opentop down LAB|FILE`: remove everything the lab created; idempotent.

import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import type { LabRecord } from "../../plan/record.js";
import { recordOf } from "../../plan/record.js";
import { down as takeDown } from "../../runtime/lifecycle.js";
import { lowerHere } from "../../runtime/platform.js";
import { parse, SET_OPTION } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { labTarget, type Target } from "../target.js";

const usage = "opentop down LAB|FILE [--set NAME=VALUE]… [--json]";

export const down: Command = {
  usage,
  async run(args, io) {
    const p = parse(args, SET_OPTION, usage);
    const target = labTarget(p, usage, true);
    const started = performance.now();
    const fallback = planOfFile(target);
    // Taking a lab down is not left half-way: a Ctrl-C waits for it to finish.
    const finish = () => io.err("opentop: finishing taking the lab down (it is not left half-way)");
    process.on("SIGINT", finish);
    process.on("SIGTERM", finish);
    try {
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
    } finally {
      process.off("SIGINT", finish);
      process.off("SIGTERM", finish);
    }
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
