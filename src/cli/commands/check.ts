// `opentop check FILE`: diagnostics only; nothing on the machine is read or changed.

import { hasErrors, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { renderJson } from "../../diagnostics/render.js";
import { params, parse, SET_OPTION, usageError } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { printDiagnostics } from "../io.js";
import { compileTarget } from "../target.js";

const usage = "opentop check FILE [--set NAME=VALUE]… [--format pretty|short|json]";

export const check: Command = {
  name: "check",
  summary: "report every problem in a lab file; change nothing",
  usage,
  async run(args, io) {
    const p = parse(args, SET_OPTION, usage);
    const [file, ...extra] = p.positionals;
    if (!file || extra.length) throw usageError("give one lab file", usage);
    const compiled = compileTarget(file, params(p.values));
    const failed = hasErrors(compiled.diagnostics);
    const lab = compiled.lab;
    if (p.format === "json") {
      io.out(
        JSON.stringify(
          {
            ok: !failed,
            lab: compiled.labName ?? null,
            ...(lab
              ? { nodes: lab.nodes.length, switches: lab.switches.length, links: lab.links.length }
              : {}),
            diagnostics: sortDiagnostics(compiled.diagnostics).map(renderJson),
          },
          null,
          2,
        ),
      );
      return failed ? EXIT.failed : EXIT.ok;
    }
    printDiagnostics(io, compiled.diagnostics, p.format);
    if (lab && p.format === "pretty")
      io.out(
        `${file}: lab ${lab.name}: ${lab.nodes.length} nodes, ${lab.switches.length} switches, ${lab.links.length} links: ok`,
      );
    return failed ? EXIT.failed : EXIT.ok;
  },
};
