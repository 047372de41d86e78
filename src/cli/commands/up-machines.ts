// `opentop up FILE` for a lab on several machines: every machine at once, over ssh
// (src/cli/across.ts), Ctrl-C rolling all of them back once what they are doing is done.

import { DiagnosticError } from "../../diagnostics/diagnostic.js";
import type { Compiled } from "../../model/compile.js";
import type { Lab } from "../../model/model.js";
import { counted } from "../../plural.js";
import { upAcross } from "../across.js";
import type { Parsed } from "../args.js";
import { EXIT } from "../command.js";
import { firewallOf } from "../firewall.js";
import type { Io } from "../io.js";
import { interruptFlag } from "../signals.js";

export async function upOnMachines(
  compiled: Compiled & { readonly lab: Lab },
  p: Parsed,
  io: Io,
  jobs: number | undefined,
): Promise<number> {
  const lab = compiled.lab; // its warnings are printed (compiledOrThrown)
  const signals = interruptFlag();
  const started = performance.now();
  if (p.format === "pretty" && io.progress) io.progress(`bringing ${lab.name} up on its machines, over ssh`);
  try {
    const result = await upAcross(compiled, {
      ...firewallOf(p.values),
      ...(jobs !== undefined ? { jobs } : {}),
      interrupted: signals.interrupted,
    });
    io.progress?.(undefined);
    if (!result.ok) throw new DiagnosticError(result.diagnostics);
    const seconds = (performance.now() - started) / 1000;
    const machines = result.runs.map((r) => ({ machine: r.machine, seconds: Number(r.seconds.toFixed(3)) }));
    if (p.format === "json")
      io.out(JSON.stringify({ ok: true, lab: lab.name, machines, seconds: Number(seconds.toFixed(3)) }));
    else {
      if (p.values.verbose) for (const r of result.runs) io.err(`${r.machine}: ${r.result.stdout.trim()}`);
      io.out(
        `lab ${lab.name} is up on ${counted(machines.length, "machine")}: ${machines.map((m) => `${m.machine} ${m.seconds.toFixed(2)} s`).join(", ")} (${seconds.toFixed(2)} s in all)`,
      );
    }
    return EXIT.ok;
  } finally {
    io.progress?.(undefined);
    signals.off();
  }
}
