// `--machine NAME`: act on one machine's part of a lab with machines, on this machine, without
// ssh (this machine is that one). Without it, a lab with machines is acted on over ssh.

import { noSuchMachine } from "../api/compile.js";
import { DiagnosticError } from "../diagnostics/diagnostic.js";
import type { Lab } from "../model/model.js";
import type { Parsed } from "./args.js";

/** The machine asked for, checked against the lab's (OT6045). */
export function machineOption(values: Parsed["values"], lab: Lab): string | undefined {
  const v = values.machine;
  if (typeof v !== "string") return undefined;
  if (lab.machines.some((m) => m.name === v)) return v;
  throw new DiagnosticError(noSuchMachine(lab, v));
}
