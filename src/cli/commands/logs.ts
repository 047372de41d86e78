// `opentop logs LAB|FILE NODE [SERVICE]`: what a node's services wrote (stdout and stderr),
// from their log files under /run/opentop/LAB/services; no daemon keeps them.

import { readFileSync } from "node:fs";
import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { requireNode } from "../../runtime/enter.js";
import { usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { requireRecord, resolveTarget } from "../target.js";

const usage = "opentop logs LAB|FILE NODE [SERVICE]";

export const logs: Command = {
  usage,
  async run(args, io) {
    const positionals = args.filter((a) => !a.startsWith("-"));
    const [lab, node, service, ...extra] = positionals;
    if (!lab || !node || extra.length || positionals.length !== args.length)
      throw usageError("give a lab, a node and optionally a service", usage);
    const record = requireRecord(resolveTarget(lab, new Map()));
    requireNode(record, node);
    const services = record.isolation?.[node]?.services ?? [];
    const chosen = service === undefined ? services : services.filter((s) => s.name === service);
    if (chosen.length === 0)
      throw new DiagnosticError(
        diag(
          "OT5104",
          service === undefined
            ? `node ${node} runs no services`
            : `node ${node} has no service \`${service}\``,
          {
            help: services.length
              ? `its services are ${services.map((s) => s.name).join(", ")}`
              : 'a node runs a service with `run "COMMAND"`',
          },
        ),
      );
    for (const s of chosen) {
      let text: string;
      try {
        text = readFileSync(s.log, "utf8");
      } catch {
        text = "";
      }
      if (chosen.length > 1) io.out(io.style.bold(`==> ${node} ${s.name} <==`));
      if (text) io.out(text);
    }
    return EXIT.ok;
  },
};
