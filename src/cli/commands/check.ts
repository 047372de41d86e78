// `opentop check FILE`: diagnostics only; nothing on the machine is changed (a lab with
// filters is also checked against the machine: tools, and as root the kernel; a link to the
// host against the host's interfaces).

import { labSize } from "../../backends/text.js";
import {
  type Diagnostic,
  DiagnosticError,
  hasErrors,
  sortDiagnostics,
} from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import type { Lab } from "../../model/model.js";
import { machinesInUse } from "../../model/part.js";
import { type Firewall, usesFirewall } from "../../plan/firewall.js";
import { makesHostIfaces } from "../../plan/links/index.js";
import { counted } from "../../plural.js";
import { hostIfacesTaken } from "../../runtime/collisions.js";
import { firewallMachineCheck } from "../../runtime/firewall.js";
import { lowerHere } from "../../runtime/platform.js";
import { params, parseCommand, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { compileTarget } from "../target.js";

const spec = SPEC.check;
const usage = usageOf(spec);

/**
 * The lab checked against this machine, from its plans as this machine would lower them
 * (each lowered once): with filters, the lowering chosen must be possible, its tools
 * installed, and (as root) the kernel must take its rulesets — for each machine's part of a
 * lab on several; and a link's `host-name` must not name an interface the host has (its
 * uplink, say) — for a lab on this machine only: each other machine's `check` (its script's)
 * asks its own host. A lab with neither is not lowered: lowering 10,000 nodes takes a
 * quarter of `check`'s time.
 */
async function machineCheck(lab: Lab, firewall: { firewall?: Firewall }): Promise<Diagnostic[]> {
  const filters = usesFirewall(lab);
  const spread = lab.machines.length > 0;
  const asked = filters || (!spread && makesHostIfaces(lab.links));
  const machines = !asked ? [] : spread ? machinesInUse(lab).map((m) => m.name) : [undefined];
  try {
    const plans = machines.map((machine) =>
      lowerHere(lab, { ...firewall, ...(machine !== undefined ? { machine } : {}) }),
    );
    const found = filters ? await Promise.all(plans.map(firewallMachineCheck)) : [];
    return [...found.flat(), ...(spread ? [] : plans.flatMap(hostIfacesTaken))];
  } catch (e) {
    if (e instanceof DiagnosticError) return [...e.diagnostics];
    throw e;
  }
}

export const check: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const [file, ...extra] = p.positionals;
    if (!file || extra.length) throw usageError("give one lab file", usage);
    const compiled = compileTarget(file, params(p.values));
    const lab = compiled.lab;
    const diagnostics = [
      ...compiled.diagnostics,
      ...(lab ? await machineCheck(lab, firewallOf(p.values)) : []),
    ];
    const failed = hasErrors(diagnostics);
    if (p.format === "json") {
      io.out(
        JSON.stringify(
          {
            ok: !failed,
            lab: compiled.labName ?? null,
            ...(lab
              ? { nodes: lab.nodes.length, switches: lab.switches.length, links: lab.links.length }
              : {}),
            diagnostics: sortDiagnostics(diagnostics).map(renderJson),
          },
          null,
          2,
        ),
      );
      return failed ? EXIT.failed : EXIT.ok;
    }
    printDiagnostics(io, diagnostics, p.format);
    const on = lab?.machines.length
      ? ` on ${counted(lab.machines.length, "machine")}, ${counted(lab.tunnels.length, "tunnel")}`
      : "";
    if (lab && !failed && p.format === "pretty") io.out(`${file}: lab ${lab.name}: ${labSize(lab)}${on}: ok`);
    return failed ? EXIT.failed : EXIT.ok;
  },
};
