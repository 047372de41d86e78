// `opentop plan FILE`: every kernel operation `up` (or `down`) would run, in order.

import { planJson, planText } from "../../backends/text.js";
import { renderJson } from "../../diagnostics/render.js";
import { lowerHere } from "../../runtime/platform.js";
import { parse, SET_OPTION } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { FIREWALL_OPTION, firewallOf } from "../firewall.js";
import { printDiagnostics } from "../io.js";
import { labFile } from "../target.js";

const usage = "opentop plan FILE [--down] [--set NAME=VALUE]… [--firewall nft|iptables] [--json]";

export const plan: Command = {
  usage,
  async run(args, io) {
    const p = parse(args, { ...SET_OPTION, ...FIREWALL_OPTION, down: { type: "boolean" } }, usage);
    const compiled = labFile(p, usage);
    if (p.format !== "json") printDiagnostics(io, compiled.diagnostics, p.format); // warnings
    const result = lowerHere(compiled.lab, firewallOf(p.values));
    if (p.format === "json")
      io.out(
        JSON.stringify({ ...planJson(result), warnings: compiled.diagnostics.map(renderJson) }, null, 2),
      );
    else io.out(planText(result, p.values.down ? "down" : "up"));
    return EXIT.ok;
  },
};
