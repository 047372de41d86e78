// `opentop gc [--dry-run]`: remove the debris of labs that did not finish or lost their record.

import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { gc as collect } from "../../runtime/gc.js";
import { parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { onInterrupt } from "../signals.js";
import { SPEC, usageOf } from "../spec.js";

const spec = SPEC.gc;
const usage = usageOf(spec);

export const gc: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    if (p.positionals.length) throw usageError("gc takes no arguments", usage);
    const dryRun = p.values["dry-run"] === true;
    if (!dryRun && process.getuid?.() !== 0)
      throw new DiagnosticError(
        diag("OT6006", "gc needs root", { help: "run it as root, or use --dry-run" }),
      );
    // Like `down`, gc is not left half-way: an interrupt waits for it to finish.
    const unhandle = onInterrupt(() => io.err("opentop: finishing gc (it is not left half-way)"));
    let result: Awaited<ReturnType<typeof collect>>;
    try {
      result = await collect({ dryRun });
    } finally {
      unhandle();
    }
    if (p.format === "json") io.out(JSON.stringify({ dryRun, debris: result.debris }, null, 2));
    else if (result.debris.length === 0)
      io.out("nothing to collect: every lab on this machine is up or gone");
    else
      for (const d of result.debris) {
        io.out(
          `${dryRun ? "would remove" : "removed"} ${d.lab ? `lab ${d.lab}` : "the host lock"}: ${d.why}`,
        );
        for (const o of d.objects) io.out(`  ${o}`);
      }
    if (result.diagnostics.length) throw new DiagnosticError(result.diagnostics);
    return EXIT.ok;
  },
};
