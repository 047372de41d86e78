// `opentop status LAB` of a lab this machine brought up on several machines: each machine
// reads its own part (its script's status: interfaces, addresses, routes, shaping, drift),
// over ssh, and the answers are shown machine by machine.

import type { SpanRecord } from "../../plan/span.js";
import { statusAcross } from "../across.js";
import type { Parsed } from "../args.js";
import { EXIT } from "../command.js";
import { type Io, printDiagnostics } from "../io.js";

export async function statusOnMachines(span: SpanRecord, p: Parsed, io: Io): Promise<number> {
  const result = await statusAcross(span);
  const st = io.style;
  if (p.format === "json") {
    io.out(
      JSON.stringify(
        {
          lab: span.lab,
          state: span.state,
          file: span.file,
          since: span.createdAt,
          machines: result.runs.map((r) => ({
            machine: r.machine,
            ok: r.ok,
            reached: r.reached,
            output: r.result.stdout,
          })),
        },
        null,
        2,
      ),
    );
    if (result.diagnostics.length) printDiagnostics(io, result.diagnostics, "json");
  } else {
    io.out(
      `${st.bold(`lab ${span.lab}`)}: ${span.state === "up" ? "up" : st.warning("half up (its up did not finish)")} on ${span.machines.length} machines since ${span.createdAt}, from ${span.file}`,
    );
    for (const r of result.runs) {
      const m = span.machines.find((x) => x.name === r.machine);
      io.out(st.bold(`== machine ${r.machine}${m ? ` (${m.address})` : ""}`));
      for (const line of r.result.stdout.trimEnd().split("\n")) if (line) io.out(`  ${line}`);
    }
    printDiagnostics(io, result.diagnostics, p.format);
  }
  return result.ok && span.state === "up" ? EXIT.ok : EXIT.failed;
}
