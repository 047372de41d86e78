// `opentop build FILE [-o OUT]`: the lab as a standalone POSIX sh script, generated from the
// plan `up` runs (src/backends/sh.ts).

import { chmodSync, writeFileSync } from "node:fs";
import { buildScript, type Script } from "../../backends/sh/script.js";
import { DiagnosticError, diag } from "../../diagnostics/diagnostic.js";
import { lowerHere } from "../../runtime/platform.js";
import { parseCommand } from "../args.js";
import { type Command, EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import { printDiagnostics } from "../io.js";
import { SPEC, usageOf } from "../spec.js";
import { labFile } from "../target.js";

const spec = SPEC.build;
const usage = usageOf(spec);

export const build: Command = {
  async run(args, io) {
    const p = parseCommand(args, spec);
    const compiled = labFile(p, usage);
    if (p.format !== "json") printDiagnostics(io, compiled.diagnostics, p.format); // warnings
    // Filters and cgroup limits are lowered for this machine (its nft or iptables, its
    // cgroup layout), as `up` would here.
    const script = buildScript(compiled, lowerHere(compiled.lab, firewallOf(p.values)));
    const out = typeof p.values.output === "string" ? p.values.output : undefined;
    if (out === undefined || out === "-") {
      if (p.format === "json") io.out(JSON.stringify({ lab: compiled.lab.name, script: script.text }));
      else io.out(script.text);
      return EXIT.ok;
    }
    try {
      writeFileSync(out, script.text);
      chmodSync(out, 0o755);
    } catch (e) {
      throw new DiagnosticError(
        diag("OT7001", `cannot write the script to ${out}: ${(e as Error).message}`, {
          help: "give a path in a directory you can write (or `-o -` for standard output)",
        }),
      );
    }
    if (p.format === "json")
      io.out(JSON.stringify({ ok: true, lab: compiled.lab.name, output: out, requires: script.requires }));
    else
      io.out(
        `wrote ${out}: lab ${compiled.lab.name}, needs sh and ${needed(script).join(", ")}${tested(script)}`,
      );
    return EXIT.ok;
  },
};

/** What up, down, status and exec run, besides sh. */
function needed(script: Script): string[] {
  const n = script.needs;
  return [...new Set([...n.up, ...n.down, ...n.status, ...n.exec])].filter((p) => p !== "sh");
}

/** What `test` needs on top of that, if the lab has expectations. */
function tested(script: Script): string {
  const more = script.needs.test.filter((p) => p !== "sh" && !needed(script).includes(p));
  return more.length ? `; its test also ${more.join(", ")}` : "";
}
