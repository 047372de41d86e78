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
 * A lab with filters is also checked against this machine: the lowering chosen must be
 * possible, its tools installed, and (as root) the kernel must take its rulesets.
 */
async function firewallCheck(lab: Lab, firewall: { firewall?: Firewall }): Promise<Diagnostic[]> {
  if (!usesFirewall(lab)) return [];
  try {
    // A lab on several machines: each machine's part, as this machine would lower it.
    const machines = lab.machines.length ? machinesInUse(lab).map((m) => m.name) : [undefined];
    const found = await Promise.all(
      machines.map((machine) =>
        firewallMachineCheck(lowerHere(lab, { ...firewall, ...(machine !== undefined ? { machine } : {}) })),
      ),
    );
    return found.flat();
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
      ...(lab ? await firewallCheck(lab, firewallOf(p.values)) : []),
      // A link's `host-name` must not name an interface the host has (its uplink, say). A lab
      // on several machines has host links on hosts other than this one: each machine's own
      // `check` (its script's) asks its host.
      ...(lab && !lab.machines.length ? hostIfacesTaken(lowerHere(lab, firewallOf(p.values))) : []),
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
