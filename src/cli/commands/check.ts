// `opentop check FILE`: diagnostics only; nothing on the machine is changed (a lab with
// filters is also checked against the machine: tools, and as root the kernel; a link to the
// host against the host's interfaces).

import {
  type Diagnostic,
  DiagnosticError,
  hasErrors,
  sortDiagnostics,
} from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import type { Lab } from "../../model/model.js";
import { type Firewall, usesFirewall } from "../../plan/firewall.js";
import { hostIfacesTaken } from "../../runtime/collisions.js";
import { firewallMachineCheck } from "../../runtime/firewall.js";
import { lowerHere } from "../../runtime/platform.js";
import { params, parse, SET_OPTION, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { FIREWALL_OPTION, firewallOf } from "../firewall.js";
import { printDiagnostics } from "../io.js";
import { compileTarget } from "../target.js";

const usage = "opentop check FILE [--set NAME=VALUE]… [--firewall nft|iptables] [--format pretty|short|json]";

/**
 * A lab with filters is also checked against this machine: the lowering chosen must be
 * possible, its tools installed, and (as root) the kernel must take its rulesets.
 */
async function firewallCheck(lab: Lab, firewall: { firewall?: Firewall }): Promise<Diagnostic[]> {
  if (!usesFirewall(lab)) return [];
  try {
    return await firewallMachineCheck(lowerHere(lab, firewall));
  } catch (e) {
    if (e instanceof DiagnosticError) return [...e.diagnostics];
    throw e;
  }
}

export const check: Command = {
  usage,
  async run(args, io) {
    const p = parse(args, { ...SET_OPTION, ...FIREWALL_OPTION }, usage);
    const [file, ...extra] = p.positionals;
    if (!file || extra.length) throw usageError("give one lab file", usage);
    const compiled = compileTarget(file, params(p.values));
    const lab = compiled.lab;
    const diagnostics = [
      ...compiled.diagnostics,
      ...(lab ? await firewallCheck(lab, firewallOf(p.values)) : []),
      // A link's `host-name` must not name an interface the host has (its uplink, say).
      ...(lab ? hostIfacesTaken(lowerHere(lab, firewallOf(p.values))) : []),
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
    if (lab && !failed && p.format === "pretty")
      io.out(
        `${file}: lab ${lab.name}: ${lab.nodes.length} nodes, ${lab.switches.length} switches, ${lab.links.length} links: ok`,
      );
    return failed ? EXIT.failed : EXIT.ok;
  },
};
