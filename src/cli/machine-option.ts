// `--machine NAME`: act on one machine's part of a lab with machines, on this machine, without
// ssh (this machine is that one). Without it, a lab with machines is acted on over ssh.

import { closest, DiagnosticError, diag } from "../diagnostics/diagnostic.js";
import type { Lab } from "../model/model.js";
import type { Parsed } from "./args.js";

/** The machine asked for, checked against the lab's (OT6045). */
export function machineOption(values: Parsed["values"], lab: Lab): string | undefined {
  const v = values.machine;
  if (typeof v !== "string") return undefined;
  if (lab.machines.some((m) => m.name === v)) return v;
  const guess = closest(
    v,
    lab.machines.map((m) => m.name),
  );
  throw new DiagnosticError(
    diag(
      "OT6045",
      lab.machines.length ? `lab ${lab.name} has no machine \`${v}\`` : `lab ${lab.name} has no machines`,
      {
        help: lab.machines.length
          ? guess
            ? `did you mean \`${guess}\`?`
            : `its machines are ${lab.machines.map((m) => `\`${m.name}\``).join(", ")}`
          : "`--machine` chooses a part of a lab declared on several machines (`machine NAME ADDRESS`); this one is all this machine's",
      },
    ),
  );
}
